"""One word per status, the same on every surface, and one word for every goal behind."""

from tracker.domain.severity import BEHIND
from tracker.domain.status import Status, evaluate
from tracker.domain.wording import BEHIND_WORDS, PRELIMINARY_WORDS, STATUS_WORDS, status_wording

from .builders import INDUSTRY, fig, on


def test_every_status_has_its_own_chinese_word() -> None:
    assert set(STATUS_WORDS) == set(Status)
    words = [w.zh for w in STATUS_WORDS.values()]
    assert len(set(words)) == len(words)
    assert [STATUS_WORDS[s].zh for s in BEHIND] == ["未完成", "落后", "预警"]


def test_the_word_for_every_goal_behind_is_none_of_the_statuses_words() -> None:
    assert BEHIND_WORDS.zh == "未达目标"
    assert BEHIND_WORDS.zh not in {w.zh for w in STATUS_WORDS.values()}
    assert BEHIND_WORDS.en not in {w.en for w in STATUS_WORDS.values()}


def test_each_surface_has_its_form_of_the_word() -> None:
    at_risk, pending = STATUS_WORDS[Status.AT_RISK], STATUS_WORDS[Status.PENDING]
    assert (at_risk.said("zh"), at_risk.said("en")) == ("预警", "at risk")
    assert (at_risk.counted("zh", 3), at_risk.counted("en", 3)) == ("3项预警", "3 at risk")
    assert at_risk.bilingual() == "预警 at risk"
    assert pending.counted("en", 1) == "1 awaiting a target"
    assert pending.bilingual() == "目标待下达 pending"
    assert STATUS_WORDS[Status.NO_DATA].counted("en", 2) == "2 without data"


def test_a_final_verdict_on_a_preliminary_figure_is_worded_as_expected() -> None:
    year_end = on("2021-01-25")
    preliminary = evaluate(INDUSTRY, [fig("2020-12", "8.0", preliminary=True)], year_end)
    final = evaluate(INDUSTRY, [fig("2020-12", "8.0")], year_end)
    assert status_wording(preliminary) == PRELIMINARY_WORDS[Status.MISSED]
    assert status_wording(preliminary).bilingual() == "预计未完成 expected missed"
    assert status_wording(final).said("zh") == "未完成"
    mid_year = evaluate(INDUSTRY, [fig("2020-06", "8.0", preliminary=True)], on("2020-07-20"))
    assert status_wording(mid_year) == STATUS_WORDS[Status.AT_RISK]


def test_the_docs_table_of_words_is_the_one_the_code_uses() -> None:
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "status-rules.md"
    section = docs.read_text(encoding="utf-8").split("## Behind the target", 1)[1]
    rows = [line for line in section.split("\n## ", 1)[0].splitlines() if line.startswith("| ")]
    documented = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[1:]]
    assert documented == [
        [
            status.value.replace("_", " "),
            words.zh,
            words.en,
            f"{words.counted('zh', 1)} / {words.counted('en', 1)}",
            words.bilingual(),
        ]
        for status, words in STATUS_WORDS.items()
    ]
