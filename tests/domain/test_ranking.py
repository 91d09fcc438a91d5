"""Rank among peers (docs/status-rules.md, "Places and peers")."""

from decimal import Decimal

from tests.domain.builders import make_goal, make_indicator
from tracker.domain.model import Comparator, Measure
from tracker.domain.ranking import Standing, lower_is_better, rank_places


def d(text: str) -> Decimal:
    return Decimal(text)


def test_it_ranks_the_highest_figure_first() -> None:
    ranking = rank_places({"a": d("5.1"), "b": d("8.2"), "c": d("6.0")}, lower_is_better=False)
    assert [(s.place, s.rank) for s in ranking.standings] == [("b", 1), ("c", 2), ("a", 3)]
    assert ranking.reporting == 3
    assert ranking.missing == ()


def test_it_ranks_the_lowest_figure_first_for_a_ceiling_indicator() -> None:
    ranking = rank_places({"a": d("2.9"), "b": d("3.4"), "c": d("2.1")}, lower_is_better=True)
    assert [(s.place, s.rank) for s in ranking.standings] == [("c", 1), ("a", 2), ("b", 3)]


def test_it_gives_equal_figures_the_same_rank_and_skips_the_next() -> None:
    values = {"a": d("9"), "b": d("7.0"), "c": d("7"), "d": d("6"), "e": d("9.0")}
    ranking = rank_places(values, lower_is_better=False)
    assert [(s.place, s.rank) for s in ranking.standings] == [
        ("a", 1),
        ("e", 1),
        ("b", 3),
        ("c", 3),
        ("d", 5),
    ]


def test_it_leaves_a_peer_without_a_figure_out_and_names_it() -> None:
    values = {"a": d("5"), "b": None, "c": d("7"), "d": None}
    ranking = rank_places(values, lower_is_better=False)
    assert ranking.reporting == 2
    assert ranking.missing == ("b", "d")
    assert ranking.rank_of("c") == 1
    assert ranking.rank_of("a") == 2
    assert ranking.rank_of("b") is None
    assert ranking.standings[-2:] == (Standing("b", None, None), Standing("d", None, None))


def test_it_ranks_a_place_the_ranking_does_not_hold_as_none() -> None:
    assert rank_places({"a": d("1")}, lower_is_better=False).rank_of("z") is None


def test_it_ranks_nobody_when_no_place_has_a_figure() -> None:
    ranking = rank_places({"a": None, "b": None}, lower_is_better=True)
    assert ranking.reporting == 0
    assert ranking.missing == ("a", "b")
    assert rank_places({}, lower_is_better=False).standings == ()


def test_it_knows_a_ceiling_indicator_from_an_at_most_goal() -> None:
    cpi = make_indicator("cpi")
    assert lower_is_better(cpi, [make_goal(cpi, comparator=Comparator.AT_MOST, target=3)])
    assert lower_is_better(cpi, [make_goal(cpi, comparator=Comparator.BELOW, target=0)])


def test_it_knows_a_floor_indicator_from_an_at_least_goal() -> None:
    gdp = make_indicator("gdp")
    assert not lower_is_better(gdp, [make_goal(gdp, comparator=Comparator.AT_LEAST)])


def test_it_reads_a_range_as_a_ceiling_only_when_it_says_so() -> None:
    energy = make_indicator("energy")
    plain = make_goal(energy, comparator=Comparator.BETWEEN, target=1, target_high=d("2"))
    capped = make_goal(
        energy, comparator=Comparator.BETWEEN, target=1, target_high=d("2"), ceiling=True
    )
    assert not lower_is_better(energy, [plain])
    assert lower_is_better(energy, [capped])


def test_it_does_not_read_a_rank_goals_at_most_as_a_ceiling() -> None:
    gdp = make_indicator("gdp")
    rank_goal = make_goal(gdp, comparator=Comparator.AT_MOST, target=3, rank_among="peers")
    assert not lower_is_better(gdp, [rank_goal])
    cpi = make_indicator("cpi")
    capped = make_goal(
        cpi, comparator=Comparator.AT_MOST, target=3, rank_among="peers", ceiling=True
    )
    assert lower_is_better(cpi, [capped])


def test_it_skips_goals_on_other_indicators_and_about_goals() -> None:
    cpi = make_indicator("cpi")
    other = make_goal(make_indicator("gdp"), comparator=Comparator.AT_MOST)
    about = make_goal(cpi, comparator=Comparator.ABOUT, target=3)
    ceiling = make_goal(cpi, comparator=Comparator.AT_MOST, target=3)
    assert not lower_is_better(cpi, [other, about])
    assert lower_is_better(cpi, [other, about, ceiling])


def test_it_falls_back_to_the_measure_without_a_goal_that_says() -> None:
    assert lower_is_better(make_indicator("rank", measure=Measure.RANK, unit="位"))
    assert not lower_is_better(make_indicator("gdp"))
