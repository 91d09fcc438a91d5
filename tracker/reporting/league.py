"""Ranks among peers and gaps to the parent as a report says them, and the league tables (pure).

The rules are in docs/status-rules.md, "Places and peers" (``tracker.domain.ranking``); the
words are here: "增速居全市第2位（共8个县区），高于全市平均1.3个百分点" / "growth ranks 2nd of 8
places in Ningbo, 1.3 percentage points above Ningbo as a whole". A place's peers are the
places with its parent, itself included; the parent's figure is the figure of the parent place
itself (the city's own figure, which bulletins call 全市平均水平), never an average computed here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.measures import GapUnit, gap_unit
from tracker.domain.model import Figure, Goal, Indicator, Measure, On
from tracker.domain.periods import Period
from tracker.domain.ranking import Ranking, lower_is_better, rank_places
from tracker.domain.series import Series
from tracker.domain.status import GoalStatus
from tracker.reporting import phrases
from tracker.reporting.context import League, LeagueRow, Placing
from tracker.reporting.language import Words

HUNDRED = Decimal(100)
# A league table longer than MAX_ROWS shows its TOP places and the place with AROUND places
# either side: a province's 150 districts would not fit a phone (the JSON keeps them all).
MAX_ROWS = 20
TOP = 10
AROUND = 2
ELIDED = LeagueRow("", "…", "", "", "", False, None, None, None)
NO_FIGURE = "—"
# The last character of a Chinese place name, and what the whole of such a place is called.
AREAS_ZH = {"市": "全市", "省": "全省", "区": "全区", "县": "全县", "州": "全州", "盟": "全盟"}
NATIONS_ZH = ("中国", "全国", "中华人民共和国")
# What peers are called, by the last character of their names, in the order bulletins write them.
KINDS_ZH = ("县", "市", "区")


@dataclass(frozen=True)
class Neighbourhood:
    """The report's place among its peers, with every place's figures.

    ``place``, ``peers`` (the places with the same parent, ``place`` included, config order) and
    ``parent`` are configured place keys; ``names`` gives each of them (and the parent) in the
    report's language and ``names_zh`` in Chinese (the words "全市" and "县区" are made from
    them); ``figures``: place key -> indicator key -> that place's current figures.
    """

    place: str
    peers: tuple[str, ...]
    parent: str | None
    names: Mapping[str, str]
    names_zh: Mapping[str, str]
    figures: Mapping[str, Mapping[str, Sequence[Figure]]]


def area_zh(name: str) -> str:
    """How a standing names the whole of a parent place: '宁波市' → '全市', '浙江省' → '全省',
    '中国' → '全国'; another name as it is."""
    if name in NATIONS_ZH:
        return "全国"
    return AREAS_ZH.get(name[-1:], name)


def kind_zh(names: Sequence[str]) -> str:
    """What a set of peers is called, from their names: all '…区' → '区', '…县' and '…区' →
    '县区', '…市' and '…县' → '县市'; '地区' when a name ends otherwise."""
    ends = {name[-1:] for name in names}
    if not ends or not ends <= set(KINDS_ZH):
        return "地区"
    return "".join(end for end in KINDS_ZH if end in ends)


def ordinal(w: Words, n: int) -> str:
    """A rank as a standing says it: '2' (第2位) / '2nd'."""
    if w.lang == "zh":
        return str(n)
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def leagues(
    w: Words, statuses: Sequence[GoalStatus], near: Neighbourhood, goals: Sequence[Goal] = ()
) -> tuple[League, ...]:
    """One ``League`` per indicator of ``statuses`` whose latest figure has peer figures or a
    parent figure for the same period, in the order of ``statuses``. ``goals``: every goal on
    the indicators, which tell a ceiling indicator (ranked lowest first,
    ``ranking.lower_is_better``); default: the goals of ``statuses``."""
    goals = goals or [s.goal for s in statuses]
    found: list[League] = []
    seen: set[str] = set()
    for s in statuses:
        indicator = s.goal.indicator
        if indicator.key in seen or s.latest is None:
            continue
        seen.add(indicator.key)
        league = _league(w, s, near, lower_is_better(indicator, goals))
        if league is not None:
            found.append(league)
    return tuple(found)


def _value(figures: Sequence[Figure], period: Period, on: On) -> Decimal | None:
    """The figure (or amount) for ``period``; at the year's end, of any period ending the
    year (``status.figure_for``), found without making a figure of it."""
    row = Series.of(figures).row_for(period)
    if row is None:
        return None
    return row[2] if on is On.AMOUNT else row[1]


def _values(
    near: Neighbourhood, indicator: str, period: Period, on: On
) -> dict[str, Decimal | None]:
    return {p: _value(near.figures.get(p, {}).get(indicator, ()), period, on) for p in near.peers}


def _league(w: Words, s: GoalStatus, near: Neighbourhood, lower: bool) -> League | None:
    """The goal's indicator among the peers for the period of its latest figure; None when
    no peer and not the parent has a figure for it, or nothing can be said of it."""
    indicator = s.goal.indicator
    assert s.latest is not None
    period = s.latest.period
    values = _values(near, indicator.key, period, s.goal.on)
    here = _value((s.latest,), period, s.goal.on)
    values[near.place] = here
    parent_value = _parent_value(near, indicator.key, period, s.goal.on)
    if here is None or not _comparable(values, near.place, parent_value):
        return None
    ranking = rank_places(values, lower_is_better=lower)
    previous = _moves(near, s, values, lower)
    standing = _standing(w, s, near, ranking, previous) + _parent_gap(
        w, indicator, near, here, parent_value
    )
    if not standing:
        return None
    ranked = len(near.peers) > 1
    table = _placings(near, ranking, previous) if ranked else ()
    return League(
        key=indicator.key,
        name=indicator.name_zh if w.lang == "zh" else indicator.name_en,
        period=phrases.period(w, indicator, period),
        period_key=str(period),
        previous_period=str(s.previous.period) if s.previous is not None else None,
        standing=w(", ").join(standing),
        rows=tuple(
            ELIDED if i is None else _row(w, indicator, table[i], near.place)
            for i in shown(table, near.place)
        ),
        table=table,
        parent=_parent_words(w, indicator, near, parent_value),
        note=_not_in_yet(w, near, indicator, period, ranking.missing) if ranked else None,
        rank=ranking.rank_of(near.place) if ranked else None,
        reporting=ranking.reporting,
        peers=len(near.peers),
        missing=ranking.missing if ranked else (),
        parent_place=near.parent if parent_value is not None else None,
        parent_value=parent_value,
        difference=None if parent_value is None else here - parent_value,
    )


def _parent_value(near: Neighbourhood, indicator: str, period: Period, on: On) -> Decimal | None:
    """The parent place's own figure for ``period``; None without a parent or a figure."""
    if near.parent is None:
        return None
    return _value(near.figures.get(near.parent, {}).get(indicator, ()), period, on)


def _comparable(values: Mapping[str, Decimal | None], place: str, parent: Decimal | None) -> bool:
    """Whether a peer other than ``place``, or the parent, has a figure to compare with."""
    return parent is not None or any(v is not None for p, v in values.items() if p != place)


@dataclass(frozen=True)
class _Moves:
    """The places that reported both for the previous period and now, ranked among
    themselves for each (``before``, ``now``): a rank among fewer places is no rank to move
    from, so moves are counted among the same places (docs/places.md, "Reports")."""

    before: Ranking
    now: Ranking

    def step(self, place: str) -> int | None:
        """Places gained since the previous period (negative: lost); None when the place
        did not report both times."""
        before, now = self.before.rank_of(place), self.now.rank_of(place)
        return None if before is None or now is None else before - now


def _moves(
    near: Neighbourhood, s: GoalStatus, values: Mapping[str, Decimal | None], lower: bool
) -> _Moves | None:
    """The moves since the period of the goal's previous figure, among the places with a
    figure for both periods; None without a previous figure or two such places."""
    if s.previous is None:
        return None
    before = _values(near, s.goal.indicator.key, s.previous.period, s.goal.on)
    both = [p for p in near.peers if before.get(p) is not None and values.get(p) is not None]
    if len(both) < 2:
        return None
    return _Moves(
        rank_places({p: before[p] for p in both}, lower_is_better=lower),
        rank_places({p: values[p] for p in both}, lower_is_better=lower),
    )


def _placings(
    near: Neighbourhood, ranking: Ranking, previous: _Moves | None
) -> tuple[Placing, ...]:
    """Every peer in the order of ``ranking``, with its rank for the previous period and the
    places it moved since, among the places that reported both times."""
    return tuple(
        Placing(
            st.place,
            near.names[st.place],
            st.value,
            st.rank,
            previous.before.rank_of(st.place) if previous else None,
            previous.step(st.place) if previous else None,
        )
        for st in ranking.standings
    )


def _standing(
    w: Words, s: GoalStatus, near: Neighbourhood, ranking: Ranking, previous: _Moves | None
) -> list[str]:
    """The place's rank among its peers in words, when it has peers; else nothing."""
    if len(near.peers) <= 1:
        return []
    before = s.previous.period if s.previous is not None else None
    return [_rank_words(w, s, near, ranking, previous, before)]


def _parent_gap(
    w: Words, indicator: Indicator, near: Neighbourhood, here: Decimal, parent: Decimal | None
) -> list[str]:
    """The gap to the parent in words, when the parent has a figure and it can be said."""
    if parent is None:
        return []
    gap = _gap_words(w, indicator, near, here, parent)
    return [gap] if gap else []


def _parent_words(
    w: Words, indicator: Indicator, near: Neighbourhood, parent: Decimal | None
) -> str | None:
    """The parent's figure: '全市：7.2%' / 'Ningbo: 7.2%'; None without one."""
    if parent is None:
        return None
    return w(": ").join((_area(w, near), phrases.amount(w, indicator, parent)))


def _not_in_yet(
    w: Words, near: Neighbourhood, indicator: Indicator, period: Period, missing: Sequence[str]
) -> str | None:
    """The peers without a figure for the period, named; None when every peer has one."""
    if not missing:
        return None
    names = ("、" if w.lang == "zh" else ", ").join(near.names[p] for p in missing)
    return w(
        "No %(period)s figure yet from: %(names)s",
        period=phrases.period(w, indicator, period),
        names=names,
    )


def shown(table: Sequence[Placing], place: str) -> list[int | None]:
    """Which places of ``table`` a league table shows, by index, None where places are left
    out: all of them up to MAX_ROWS; beyond, the TOP ranked, ``place`` with AROUND ranked
    places either side, and none of those without a figure (the note names them)."""
    if len(table) <= MAX_ROWS:
        return list(range(len(table)))
    ranked = [i for i, p in enumerate(table) if p.rank is not None]
    here = next(i for i, p in enumerate(table) if p.place == place)
    keep = sorted({*ranked[:TOP], *(i for i in ranked if abs(i - here) <= AROUND)})
    rows: list[int | None] = []
    for i in keep:
        if rows and rows[-1] is not None and i != rows[-1] + 1:
            rows.append(None)
        rows.append(i)
    if keep[-1] != ranked[-1]:
        rows.append(None)
    return rows


def _row(w: Words, indicator: Indicator, placing: Placing, here: str) -> LeagueRow:
    rank, before, value, step = placing.rank, placing.previous_rank, placing.value, placing.step
    move = ""
    if step is not None:
        move = f"↑{step}" if step > 0 else f"↓{-step}" if step < 0 else "–"
    return LeagueRow(
        place=placing.place,
        name=placing.name,
        figure=NO_FIGURE if value is None else phrases.amount(w, indicator, value),
        rank=NO_FIGURE if rank is None else str(rank),
        move=move,
        here=placing.place == here,
        value=value,
        rank_number=rank,
        previous_rank=before,
    )


def _area(w: Words, near: Neighbourhood) -> str:
    assert near.parent is not None
    return area_zh(near.names_zh[near.parent]) if w.lang == "zh" else near.names[near.parent]


def _rank_words(
    w: Words,
    s: GoalStatus,
    near: Neighbourhood,
    ranking: Ranking,
    previous: _Moves | None,
    before: Period | None,
) -> str:
    """'增速居全市第2位（共8个县区）', '并列…', '（8个县区中7个已报送）', '，比1-5月上升1位'."""
    indicator = s.goal.indicator
    rank = ranking.rank_of(near.place)
    assert rank is not None
    tied = sum(1 for st in ranking.standings if st.rank == rank) > 1
    values = {
        "what": _what(w, indicator),
        "rank": ordinal(w, rank),
        "n": len(near.peers),
        "m": ranking.reporting,
        "kind": kind_zh([near.names_zh[p] for p in near.peers]) if w.lang == "zh" else "places",
        "area": _area(w, near) if near.parent is not None else "",
    }
    if ranking.missing:
        if tied:
            text = w(
                "%(what)sranks joint %(rank)s of %(m)s reporting (%(n)s %(kind)s) in %(area)s",
                **values,
            )
        else:
            text = w(
                "%(what)sranks %(rank)s of %(m)s reporting (%(n)s %(kind)s) in %(area)s",
                **values,
            )
    elif tied:
        text = w("%(what)sranks joint %(rank)s of %(n)s %(kind)s in %(area)s", **values)
    else:
        text = w("%(what)sranks %(rank)s of %(n)s %(kind)s in %(area)s", **values)
    moved = previous.step(near.place) if previous is not None else None
    if moved and before is not None:
        since = phrases.period(w, indicator, before)
        step = abs(moved)
        if moved > 0:
            text += w.plural(
                ", up %(n)s place since %(since)s",
                ", up %(n)s places since %(since)s",
                step,
                since=since,
            )
        else:
            text += w.plural(
                ", down %(n)s place since %(since)s",
                ", down %(n)s places since %(since)s",
                step,
                since=since,
            )
    return text


def _what(w: Words, indicator: Indicator) -> str:
    """What is ranked, when a standing names it: '增速' / 'growth ' for a growth, '涨幅' / 'rise
    ' for a price rise (an indicator named …涨幅), '降幅' / 'fall ' for a fall; else nothing."""
    if indicator.measure is not Measure.GROWTH:
        return ""
    if indicator.name_zh.endswith("涨幅"):
        return w("rise ")
    if indicator.name_zh.endswith("降幅"):
        return w("fall ")
    return w("growth ")


def _gap_words(
    w: Words, indicator: Indicator, near: Neighbourhood, here: Decimal, parent: Decimal
) -> str | None:
    """'高于全市平均1.3个百分点' for a rate, '占全市的10.3%' for a count or a stock; nothing for
    a position."""
    area = _area(w, near)
    unit = gap_unit(indicator)
    if unit is GapUnit.PLACES:
        return None
    if unit is GapUnit.POINTS:
        n = w.number(abs(here - parent), indicator.decimals)
        if here > parent:
            return w("%(n)s percentage points above %(area)s as a whole", n=n, area=area)
        if here < parent:
            return w("%(n)s percentage points below %(area)s as a whole", n=n, area=area)
        return w("level with %(area)s as a whole", area=area)
    if parent <= 0:
        return None
    return w("%(share)s of the %(area)s total", share=w.percent(here / parent * HUNDRED), area=area)
