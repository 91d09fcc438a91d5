"""The problems that refuse a file: where (row and column) and what, in Chinese and English."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from tracker.domain.errors import InvalidInput, TrackerError
from tracker.domain.numbers import parse_number
from tracker.domain.periods import Period
from tracker.figures.validate import BadAmount, BadPeriod, BadValue
from tracker.sheets.columns import letter

TEXT_LIMITS = {"note": 2000, "source": 500}  # the lengths the entry table holds


@dataclass(frozen=True)
class Problem:
    row: int
    column: int | None
    zh: str
    en: str

    def __str__(self) -> str:
        if self.column is None:
            return f"第{self.row}行: {self.zh} / row {self.row}: {self.en}"
        col = letter(self.column)
        return f"第{self.row}行 {col}列: {self.zh} / row {self.row}, column {col}: {self.en}"


def indicator_problem(row: int, column: int, text: str, error: TrackerError) -> Problem:
    zh = f"没有指标'{text}'" if text else "指标为空"
    return Problem(row, column, zh, str(error))


def figure_problem(
    row: int,
    ix: Mapping[str, int],
    period_text: str,
    value_text: str,
    amount_text: str | None,
    error: InvalidInput,
) -> Problem:
    """Which column the core's refusal is about, and its words in Chinese."""
    message = str(error)
    if isinstance(error, BadPeriod):
        if "does not fit" in message:
            zh = f"期间{period_text}与指标的频率不符"
        elif "outside the years" in message:
            zh = f"期间{period_text}所在年度没有目标"
        elif "is not a period" in message or not error.zh:
            zh = f"'{period_text}' 不是有效的期间"
        else:
            zh = error.zh  # no year, a single quarter: what to write instead
        return Problem(row, ix["period"], zh, message)
    if isinstance(error, BadAmount):
        return Problem(row, ix["amount"], f"金额'{amount_text}' 不是数字", message)
    if isinstance(error, BadValue):
        if "is not a number" in message or (not error.zh and not _parses(parse_number, value_text)):
            zh = f"'{value_text}' 不是数字"
        elif "plausible range" in message:
            zh = f"{value_text}超出合理范围"
        else:
            zh = error.zh or f"'{value_text}' 不是数字"  # a unit that does not fit
        return Problem(row, ix["value"], zh, message)
    if not _parses(Period.parse, period_text):
        return Problem(row, ix["period"], f"'{period_text}' 不是有效的期间", message)
    if not _parses(parse_number, value_text):
        return Problem(row, ix["value"], f"'{value_text}' 不是数字", message)
    return Problem(row, ix["value"], error.zh or f"{value_text}超出合理范围", message)


def _parses(parse: Callable[[str], object], text: str) -> bool:
    try:
        parse(text)
    except InvalidInput:
        return False
    return True


def place_problem(row: int, column: int, error: TrackerError) -> Problem:
    """A place cell that names no configured place, or more than one."""
    return Problem(row, column, error.zh or str(error), str(error))


def flag_problem(row: int, column: int, text: str) -> Problem:
    return Problem(
        row,
        column,
        f"'{text}' 应为 是 或 否",
        f"'{text}' is not yes or no; write 是/否, yes/no, or leave it empty.",
    )


def too_long(
    row: int, ix: Mapping[str, int], note: str | None, source: str | None
) -> list[Problem]:
    found = []
    for name, text in (("note", note), ("source", source)):
        limit = TEXT_LIMITS[name]
        if text and len(text) > limit:
            found.append(
                Problem(
                    row,
                    ix[name],
                    f"{'备注' if name == 'note' else '来源'}超过{limit}字",
                    f"the {name} has {len(text)} characters; shorten it to {limit} at most.",
                )
            )
    return found


def no_cached_value(row: int, column: int) -> Problem:
    return Problem(
        row,
        column,
        "公式没有计算结果，请在Excel中打开、重新计算并保存",
        "a formula with no calculated value (the file was never recalculated); open it in "
        "Excel, let it calculate, and save it.",
    )


def duplicate(row: int, key: str, period: str, first: int) -> Problem:
    return Problem(
        row,
        None,
        f"{key} {period} 与第{first}行重复",
        f"{key} {period} also appears in row {first}; keep one of them.",
    )
