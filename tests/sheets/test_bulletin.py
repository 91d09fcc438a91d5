"""Bulletins pasted as text: the sentences that state a figure are found, the rest listed."""

from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.conftest import CONFIG_DIR
from tests.helpers import snapshot
from tests.sheets.conftest import NOW
from tracker.app.database import Database
from tracker.app.imports import ImportResult, import_file
from tracker.configuration.load import load_config
from tracker.domain.errors import InvalidInput
from tracker.domain.model import Indicator
from tracker.sheets.bulletin import read_bulletin

BULLETIN = """2020年1-7月全区经济运行简况

1-7月，全区规模以上工业增加值同比增长5.4%，比1-6月回升0.6个百分点。分门类看，采矿业增长3.1%。
1-7月，全区固定资产投资同比增长9.2%，其中工业投资增长12.5%；社会消费品零售总额135.2亿元，同比下降2.6%。
上半年，全区实现地区生产总值123.4亿元，同比增长3.2%，比一季度加快2.1个百分点。
二季度，全区地区生产总值增长4.5%。
1-7月，全区城镇新增就业2380人，完成全年目标任务的59.5%。
1-7月，全区一般公共预算收入与上年同期持平；进出口总额增长1.6倍。
全区规模以上工业增加值增长6.0%。
7月当月，全区规模以上工业增加值增长7.1%。
"""


def indicators() -> tuple[Indicator, ...]:
    return load_config(CONFIG_DIR).definitions.indicators


def found(text: str, year: int | None = None) -> list[tuple[int, str, str, str, str]]:
    bulletin = read_bulletin("b.txt", text, indicators(), year)
    return [(f.line, f.key, f.period, f.value, f.amount) for f in bulletin.found]


def test_it_finds_each_sentence_s_indicator_period_value_and_amount() -> None:
    assert found(BULLETIN) == [
        (3, "industry", "2020-07", "5.4", ""),
        (4, "fai", "2020-07", "9.2", ""),
        (4, "retail", "2020-07", "-2.6", "135.2"),
        (5, "gdp", "2020-Q2", "3.2", "123.4"),
        (7, "jobs", "2020-07", "2380", ""),
        (8, "revenue", "2020-07", "0", ""),
        (8, "trade", "2020-07", "160", ""),
    ]


def test_it_lists_the_sentences_it_cannot_place_with_the_reason() -> None:
    bulletin = read_bulletin("b.txt", BULLETIN, indicators())
    assert [(u.line, u.why_en) for u in bulletin.unplaced] == [
        (3, "it names no configured indicator"),
        (6, "gdp: 二季度 is a single quarter; the year to date is written 上半年"),
        (9, "industry: the sentence names no period (such as 1-7月 or 上半年)"),
        (10, "industry: a single month's figure (7月当月), not the year to date"),
    ]
    assert bulletin.unplaced[0].sentence == "分门类看，采矿业增长3.1%"


def test_the_comparison_with_an_earlier_period_is_not_the_sentence_s_period() -> None:
    text = "全区规模以上工业增加值同比增长5.4%，比1-6月回升0.6个百分点。"
    assert found(text, 2020) == []


def test_a_label_without_a_year_takes_the_year_given_or_is_not_placed() -> None:
    text = "1-7月，全区规模以上工业增加值同比增长5.4%。"
    assert found(text, 2020) == [(1, "industry", "2020-07", "5.4", "")]
    bulletin = read_bulletin("b.txt", text, indicators())
    assert bulletin.found == []
    assert bulletin.unplaced[0].why_en == "industry: 1-7月 has no year; give it with --year 2020"


@pytest.mark.parametrize(
    ("sentence", "period", "value"),
    [
        ("2020年1—7月份，全区规模以上工业增加值增长5.4%", "2020-07", "5.4"),
        ("前7个月，全区规模以上工业增加值同比下降2.1%", "2020-07", "-2.1"),
        ("1~7月，全区规模以上工业增加值增速为5.4%", "2020-07", "5.4"),
        ("前三季度，全区地区生产总值同比增长４．９％", "2020-Q3", "4.9"),
        ("全年，全区常住人口城镇化率达到65.2%", "2020", "65.2"),
        ("1-7月，全区固定资产投资同比增长-2.6%，其中工业投资增长12.5%", "2020-07", "-2.6"),
        ("1-7月，全区完成固定资产投资98.7亿元，同比增长9.2%", "2020-07", "9.2"),
    ],
)
def test_it_reads_the_ways_bulletins_write_periods_and_values(
    sentence: str, period: str, value: str
) -> None:
    assert [(p, v) for _, _, p, v, _ in found(sentence, 2020)] == [(period, value)]


def imported(engine: Engine, path: Path, **options: object) -> ImportResult:
    return import_file(Database(engine), path, by="test", now=NOW, **options)  # type: ignore[arg-type]


def test_a_bulletin_is_a_dry_run_until_yes(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    before = snapshot(db)
    shown = imported(db, path)
    assert shown.dry_run
    assert len(shown.plan.added) == 7
    assert snapshot(db) == before
    written = imported(db, path, yes=True)
    assert not written.dry_run
    assert [(c.key, c.period, c.value) for c in written.plan.added][:2] == [
        ("industry", "2020-07", Decimal("5.4")),
        ("fai", "2020-07", Decimal("9.2")),
    ]
    again = imported(db, path, yes=True)
    assert (len(again.plan.added), len(again.plan.unchanged)) == (0, 7)


def test_a_bulletin_with_a_bad_figure_is_refused_by_its_line(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text("2020年\n1-7月，全区规模以上工业增加值同比增长560%。\n", encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="第2行: 560超出合理范围 / row 2: 560% is outside"):
        imported(db, path, yes=True)
    assert snapshot(db) == before


def test_a_bulletin_s_refused_change_is_named_by_its_line(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text(BULLETIN, encoding="utf-8")
    imported(db, path, yes=True)
    path.write_text(BULLETIN.replace("同比增长5.4%", "同比增长5.5%"), encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(InvalidInput, match="第3行: industry 2020-07"):  # the sentence's line
        imported(db, path, yes=True)
    assert snapshot(db) == before


def test_a_bulletin_that_states_nothing_placeable_is_refused(db: Engine, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.txt"
    path.write_text("二季度，全区地区生产总值增长4.5%。\n", encoding="utf-8")
    before = snapshot(db)
    with pytest.raises(
        InvalidInput, match=r"no sentence states a figure .*\n第1行: 二季度是单季度"
    ):
        imported(db, path, yes=True, year=2020)
    assert snapshot(db) == before


def test_a_part_s_figure_after_of_which_is_never_the_indicator_s() -> None:
    text = "1-7月，全区固定资产投资总体平稳，其中工业投资增长12.5%。"
    bulletin = read_bulletin("b.txt", text, indicators(), 2020)
    assert bulletin.found == []
    assert bulletin.unplaced[0].why_en == "fai: no figure for 固定资产投资增速 in the sentence"


def test_a_share_is_not_taken_for_a_growth_rate() -> None:
    text = "1-7月，全区规模以上工业增加值完成80.5亿元，占全市比重达12.3%。"
    assert found(text, 2020) == []


PARAGRAPHS = """2020年1-5月全县经济运行情况

1-5月，全县规上工业增加值同比增长5.4%。固定资产投资同比增长9.2%。社会消费品零售总额同比下降2.6%。
城镇新增就业2380人。
上半年，全县地区生产总值同比增长3.2%。7月当月，规上工业增加值增长7.1%。固定资产投资增长9.9%。
"""


def test_a_paragraph_s_period_carries_to_its_later_sentences_and_no_further() -> None:
    bulletin = read_bulletin("b.txt", PARAGRAPHS, indicators())
    assert [(f.line, f.key, f.period, f.value, f.carried) for f in bulletin.found] == [
        (3, "industry", "2020-05", "5.4", False),
        (3, "fai", "2020-05", "9.2", True),
        (3, "retail", "2020-05", "-2.6", True),
        (5, "gdp", "2020-Q2", "3.2", False),
        (5, "fai", "2020-06", "9.9", True),  # a single month (当月) is not carried
    ]
    assert [(u.line, u.why_en) for u in bulletin.unplaced] == [
        # a paragraph of its own: the period of the one before is not carried to it
        (4, "jobs: the sentence names no period (such as 1-7月 or 上半年)"),
        (5, "industry: a single month's figure (7月当月), not the year to date"),
    ]
