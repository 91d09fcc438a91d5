"""Figures found in a bulletin's text (统计公报, 经济运行情况), sentence by sentence.

"1-7月，全区规模以上工业增加值同比增长5.4%，比1-6月回升0.6个百分点。" gives industry, 2020-07,
5.4; "上半年，全区实现地区生产总值123.4亿元，同比增长3.2%。" gives gdp, 2020-Q2, 3.2 with the
amount 123.4. A sentence is placed when it names a configured indicator and its figure, and a
period: its own, or the one an earlier sentence of the same paragraph (line) stated
("1-5月，全县规上工业增加值增长5.4%。固定资产投资增长9.2%。": both 1-5月), never one of another
paragraph; a sentence with a figure that cannot be placed is listed with the reason, never
guessed. The comparison with an earlier period ("比1-6月回升0.6个百分点") is not a
figure of its own. A sentence's period is read by the one grammar of written periods
(docs/written-periods.md): the period, or the refusal, that ``record --period`` gives.

The figures found become rows in the import's columns, so that a bulletin is checked and
written exactly as a file is.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from tracker.domain.errors import InvalidInput
from tracker.domain.model import Indicator, Measure
from tracker.domain.written_periods import SingleQuarter
from tracker.sheets.labels import Label, find_label, period_text
from tracker.sheets.read import Sheet

_SENTENCE = re.compile(r"[^。!！?？\n]+")  # a period stated once holds up to the full stop
_NUMBER = r"(\d+(?:\.\d+)?)"
_GROWTH = re.compile(
    r"(?:同比|比上年同期?|较上年同期?)?\s*(增长|上涨|增加|提高|下降|下跌|减少|降低)\s*"
    + r"(-?\d+(?:\.\d+)?)"
    + r"\s*(%|倍)"
)
_FLAT = re.compile(r"(?:同比|与上年同期)?持平")
_LEVEL = re.compile(r"(?:为|达到|达|是)\s*" + _NUMBER + r"\s*%")
_RATE_IS = re.compile(r"(?:增速|增幅|涨幅|增长率)\s*(?:为|达到|达|是)?\s*(-?\d+(?:\.\d+)?)\s*%")
_AMOUNT = re.compile(_NUMBER + r"\s*(亿元|万元|元|万人|人)")
_FALLS = ("下降", "下跌", "减少", "降低")
_STEMS = ("增速", "增长率", "增长", "涨幅", "增幅")
_FIGURE = re.compile(r"\d\s*(%|倍|亿元|万元|元|万人|人)|持平")


@dataclass(frozen=True)
class Found:
    """A figure a sentence states: the indicator's key, the period as the Checker reads it, the
    value (in the indicator's unit: percent for a rate) and amount as text, and the sentence."""

    line: int
    key: str
    label: str  # the period as the sentence writes it
    period: str
    value: str
    amount: str
    amount_unit: str
    sentence: str
    carried: bool = False  # the period was stated by an earlier sentence of the paragraph


@dataclass(frozen=True)
class Unplaced:
    """A sentence with a figure that names no period, no configured indicator, or a figure
    that does not fit the indicator, with the reason."""

    line: int
    sentence: str
    why_zh: str
    why_en: str


@dataclass
class Bulletin:
    """What a bulletin's text states: the figures placed, and the sentences that could not be."""

    name: str
    found: list[Found] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)

    def sheet(self) -> Sheet:
        """The figures in the import's columns: a header, then one row per figure."""
        rows = [["indicator", "period", "value", "amount"]]
        rows += [[f.key, f.period, f.value, f.amount] for f in self.found]
        return Sheet(self.name, rows)


def is_bulletin(text: str) -> bool:
    """Whether ``text`` is written in sentences (Chinese commas and full stops), not cells."""
    return bool(re.search(r"[，。；]", text))


def read_bulletin(
    name: str, text: str, indicators: Iterable[Indicator], year: int | None = None
) -> Bulletin:
    """The figures the sentences of ``text`` state about ``indicators``.

    A period label without a year (``1-7月``) takes ``year``, else the first year the text
    names (a title such as ``2020年1-7月全区经济运行情况``); without either it is unplaced.
    """
    names = _names(indicators)
    if year is None:
        normal = unicodedata.normalize("NFKC", text)
        titled = find_label(normal)
        year = titled.year if titled is not None else None
        if year is None:
            match = re.search(r"(\d{4})\s*年", normal)
            year = int(match.group(1)) if match else None
    bulletin = Bulletin(name)
    for number, line in enumerate(text.splitlines(), start=1):
        stated: Label | None = None  # the period the paragraph has stated so far
        for match in _SENTENCE.finditer(line):
            sentence = match.group(0).strip()
            if sentence:
                stated = _sentence(bulletin, number, sentence, names, year, stated)
    return bulletin


def _names(indicators: Iterable[Indicator]) -> list[tuple[str, Indicator]]:
    """Every name a bulletin may call an indicator by, longest first: its Chinese name, its
    aliases, and its name without 增速/增长/涨幅 (地区生产总值 for 地区生产总值增速)."""
    found: dict[str, Indicator] = {}
    for indicator in indicators:
        aliases: Iterable[str] = getattr(indicator, "aliases", ())
        for name in (indicator.name_zh, *aliases):
            found.setdefault(name, indicator)
            for stem in _STEMS:
                if name.endswith(stem) and len(name) > len(stem) + 1:
                    found.setdefault(name.removesuffix(stem), indicator)
    return sorted(found.items(), key=lambda item: -len(item[0]))


def _sentence(
    bulletin: Bulletin,
    line: int,
    sentence: str,
    names: list[tuple[str, Indicator]],
    year: int | None,
    stated: Label | None,
) -> Label | None:
    """Place the figures of one sentence; ``stated``: the period an earlier sentence of the
    paragraph stated. Returns the period the paragraph has stated once this sentence is
    read: its own (before its first figure; not a single month's 当月), else ``stated``."""
    written, sentence = sentence, unicodedata.normalize("NFKC", sentence)
    # The sentence's own period comes before its first figure; a later one is a comparison
    # ("增长5.4%，比1-6月回升0.6个百分点").
    first = _FIGURE.search(sentence)
    own = find_label(sentence[: first.start() if first else len(sentence)])
    single = own is not None and own.single and bool(re.search(r"当月|单月", sentence))
    carried = stated if not single and own is None else None
    if first is None:  # no figure: only the period it states, if any
        return own or stated
    _figures(bulletin, line, written, sentence, names, year, own, carried)
    return stated if single else own or stated


def _figures(
    bulletin: Bulletin,
    line: int,
    written: str,
    sentence: str,
    names: list[tuple[str, Indicator]],
    year: int | None,
    label: Label | None,
    carried: Label | None,
) -> None:
    """The figures of a sentence with one: ``label`` its own period, or ``carried`` the
    paragraph's."""
    mentions = _mentions(sentence, names)
    if not mentions:
        bulletin.unplaced.append(
            Unplaced(line, written, "没有已配置的指标", "it names no configured indicator")
        )
        return
    if label is not None and label.single and re.search(r"当月|单月", sentence):
        for _start, _end, indicator in mentions:
            bulletin.unplaced.append(
                Unplaced(
                    line,
                    written,
                    f"{label.text}当月数不是累计数",
                    f"{indicator.key}: a single month's figure ({label.text}当月), "
                    "not the year to date",
                )
            )
        return
    for i, (start, _end, indicator) in enumerate(mentions):
        stop = mentions[i + 1][0] if i + 1 < len(mentions) else len(sentence)
        clause = sentence[start:stop]
        _figure(bulletin, line, written, clause, indicator, label or carried, year, label is None)


def _mentions(
    sentence: str, names: list[tuple[str, Indicator]]
) -> list[tuple[int, int, Indicator]]:
    """Where each indicator is named, in order; a longer name wins over one inside it."""
    taken = [False] * len(sentence)
    found: list[tuple[int, int, Indicator]] = []
    for name, indicator in names:
        for match in re.finditer(re.escape(name), sentence):
            start, end = match.span()
            if any(taken[start:end]):
                continue
            taken[start:end] = [True] * (end - start)
            found.append((start, end, indicator))
    return sorted(found, key=lambda item: item[0])


def _figure(
    bulletin: Bulletin,
    line: int,
    sentence: str,
    after: str,
    indicator: Indicator,
    label: Label | None,
    year: int | None,
    carried: bool = False,
) -> None:
    placed = _period(indicator, label, year)
    if isinstance(placed, _Why):
        zh, en = placed
        bulletin.unplaced.append(Unplaced(line, sentence, zh, f"{indicator.key}: {en}"))
        return
    label, period = placed
    # What follows 其中 (of which) is a part's figure, not the indicator's.
    after = after.split("其中", 1)[0]
    amount = _AMOUNT.search(after)
    if indicator.unit == "%":
        value = _rate(after, level=indicator.measure is Measure.LEVEL)
        amount_text, amount_unit = (amount.group(1), amount.group(2)) if amount else ("", "")
    elif amount is not None:
        unit = amount.group(2)
        value = amount.group(1) + ("" if unit == indicator.unit else unit)
        amount_text, amount_unit = "", ""
    else:
        value = None
    if value is None:
        bulletin.unplaced.append(
            Unplaced(
                line,
                sentence,
                "没有找到数值",
                f"{indicator.key}: no figure for {indicator.name_zh} in the sentence",
            )
        )
        return
    bulletin.found.append(
        Found(
            line,
            indicator.key,
            label.text,
            period,
            value,
            amount_text,
            amount_unit,
            sentence,
            carried and label is not None,
        )
    )


class _Why(NamedTuple):
    """Why a sentence's figure cannot be placed."""

    zh: str
    en: str


def _period(
    indicator: Indicator, label: Label | None, year: int | None
) -> tuple[Label, str] | _Why:
    """The sentence's label with its year, and the period it names for ``indicator`` (by the
    grammar of ``tracker.domain.written_periods``, as a cell or ``--period`` would be read);
    or why there is none, in Chinese and English."""
    if label is None:
        return _Why("句中没有期间", "the sentence names no period (such as 1-7月 or 上半年)")
    if label.year is None:
        if year is None:
            return _Why(
                f"{label.text}没有年份，请用 --year",
                f"{label.text} has no year; give it with --year 2020",
            )
        label = label.with_year(year)
    try:
        return label, period_text(label, indicator)
    except SingleQuarter as error:
        return _Why(
            f"{label.text}是单季度，累计数请写{error.instead}",
            f"{label.text} is a single quarter; the year to date is written {error.instead}",
        )
    except InvalidInput as error:
        return _Why((error.zh or str(error)).rstrip("。"), str(error).rstrip("."))


def _rate(text: str, *, level: bool) -> str | None:
    """The growth a clause states, in percent: 增长5.4% → 5.4, 下降2.1% → -2.1, 持平 → 0,
    增长1.6倍 → 160, 增速为5.4% → 5.4; or a level's: 为65.2% → 65.2 (only for a level: a
    share such as 占全市比重达12.3% is not a growth)."""
    if level:
        found = _LEVEL.search(text)
        return found.group(1) if found is not None else None
    growth = _GROWTH.search(text)
    flat = _FLAT.search(text)
    if flat is not None and (growth is None or flat.start() < growth.start()):
        return "0"
    if growth is not None:
        verb, number, unit = growth.groups()
        value = number if unit == "%" else _times(number)
        if verb in _FALLS:
            return value.removeprefix("-") if value.startswith("-") else f"-{value}"
        return value
    rate = _RATE_IS.search(text)
    return rate.group(1) if rate is not None else None


def _times(number: str) -> str:
    """``增长1.6倍`` is +160%."""
    from decimal import Decimal

    from tracker.domain.numbers import plain

    return plain(Decimal(number) * 100)
