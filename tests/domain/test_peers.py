"""Goals relative to another place and rank goals (docs/status-rules.md, "Places and peers")."""

from dataclasses import replace
from decimal import Decimal

from tests.domain.builders import fig, make_goal, make_indicator, on
from tracker.domain.model import Comparator, Figure, Measure
from tracker.domain.periods import Period
from tracker.domain.status import Lack, Rankings, Status, evaluate, evaluate_among, evaluate_in
from tracker.domain.targets import changed_terms, rule

GDP = make_indicator("gdp")
ABOVE_CITY = make_goal(GDP, target=2, reference_place="city")  # 高于全市2个百分点
TOP_THREE = make_goal(GDP, comparator=Comparator.AT_MOST, target=3, rank_among="peers")
PEERS = ("", "east", "west", "north", "south")  # "" is the home place's stored key


def by_place(
    values: dict[str, str | None], period: str = "2020-06"
) -> dict[str, dict[str, list[Figure]]]:
    """Each place's gdp figure for ``period`` (None: no figure)."""
    return {p: {"gdp": [fig(period, v)] if v is not None else []} for p, v in values.items()}


def test_it_scores_a_goal_relative_to_another_place_by_the_difference_in_points() -> None:
    figures = by_place({"": "8.1", "city": "5.6"})
    result = evaluate_among(ABOVE_CITY, figures, on("2020-07-31"), place="")
    assert result.score == Decimal("2.5")
    assert result.status is Status.ON_TRACK
    assert result.compared_with == fig("2020-06", "5.6")


def test_it_takes_the_other_places_figure_of_the_same_period() -> None:
    figures = {"": {"gdp": [fig("2020-06", "6.9")]}, "city": {"gdp": [fig("2020-05", "4.0")]}}
    result = evaluate_among(ABOVE_CITY, figures, on("2020-07-31"), place="")
    assert result.status is Status.NO_DATA
    assert result.missing is not None
    assert (result.missing.lack, result.missing.place) == (Lack.REFERENCE, "city")
    assert (result.missing.indicator, result.missing.period) == ("gdp", Period.parse("2020-06"))


def test_it_scores_a_goal_relative_to_another_indicator_of_another_place() -> None:
    income = make_indicator("income")
    goal = make_goal(income, comparator=Comparator.ABOUT, tolerance="0.5", target=0,
                     reference=GDP, reference_place="province")  # fmt: skip
    figures = {
        "": {"income": [fig("2020-06", "6.2")], "gdp": [fig("2020-06", "9")]},
        "province": {"gdp": [fig("2020-06", "6.0")], "income": [fig("2020-06", "1")]},
    }
    result = evaluate_among(goal, figures, on("2020-07-31"), place="")
    assert result.score == Decimal("0.2")
    assert result.status is Status.ON_TRACK


def test_it_scores_a_goal_relative_to_the_parent_as_lagging_when_far_below() -> None:
    figures = by_place({"": "5.0", "city": "5.6"})
    result = evaluate_among(ABOVE_CITY, figures, on("2020-07-31"), place="")
    assert result.score == Decimal("-0.6")
    assert result.status is Status.LAGGING
    assert result.requirement is None


def test_it_scores_a_rank_goal_by_the_rank_among_peers() -> None:
    figures = by_place({"": "7.5", "east": "8.0", "west": "6.1", "north": "9.3", "south": "5"})
    result = evaluate_among(TOP_THREE, figures, on("2020-07-31"), place="", peers=PEERS)
    assert result.score == 3
    assert result.status is Status.ON_TRACK
    assert result.ranking is not None
    assert result.ranking.reporting == 5


def test_it_finds_a_rank_below_the_target_at_risk_then_lagging() -> None:
    figures = by_place({"": "6.0", "east": "8.0", "west": "6.1", "north": "9.3", "south": "5"})
    goal = make_goal(GDP, comparator=Comparator.AT_MOST, target=3, rank_among="peers")
    assert evaluate_among(goal, figures, on("2020-07-31"), place="", peers=PEERS).status is (
        Status.AT_RISK
    )
    figures[""] = {"gdp": [fig("2020-06", "4")]}
    result = evaluate_among(goal, figures, on("2020-07-31"), place="", peers=PEERS)
    assert (result.score, result.status) == (Decimal(5), Status.LAGGING)


def test_it_ranks_the_lowest_first_for_a_ceiling_indicator() -> None:
    cpi = make_indicator("cpi")
    goal = make_goal(cpi, comparator=Comparator.AT_MOST, target=1, rank_among="peers",
                     ceiling=True)  # fmt: skip
    figures = {p: {"cpi": [fig("2020-06", v)]} for p, v in
               {"": "2.1", "east": "3.0", "west": "2.5"}.items()}  # fmt: skip
    result = evaluate_among(goal, figures, on("2020-07-31"), place="", peers=("", "east", "west"))
    assert (result.score, result.status) == (Decimal(1), Status.ON_TRACK)


def test_it_gives_tied_peers_the_same_rank() -> None:
    figures = by_place({"": "7.0", "east": "8.0", "west": "8.0", "north": "7.0", "south": "5"})
    result = evaluate_among(TOP_THREE, figures, on("2020-07-31"), place="", peers=PEERS)
    assert result.score == 3
    assert result.ranking is not None
    assert [s.rank for s in result.ranking.standings] == [1, 1, 3, 3, 5]


def test_it_ranks_of_those_reporting_and_names_the_peers_without_a_figure() -> None:
    figures = by_place({"": "7.0", "east": "8.0", "west": None, "north": None, "south": "5"})
    figures["north"] = {"gdp": [fig("2020-05", "12")]}  # an older period does not count
    result = evaluate_among(TOP_THREE, figures, on("2020-07-31"), place="", peers=PEERS)
    assert result.score == 2
    assert result.ranking is not None
    assert result.ranking.reporting == 3
    assert result.ranking.missing == ("west", "north")


def test_it_ranks_only_the_peers_figures_known_by_the_date() -> None:
    figures = by_place({"": "7.0", "east": "8.0", "west": "9.0"})
    early = evaluate_among(TOP_THREE, figures, on("2020-06-15"), place="", peers=("", "east"))
    assert early.status is Status.NO_DATA  # June is not over: no figure of the place yet
    result = evaluate_among(TOP_THREE, figures, on("2020-07-31"), place="", peers=("", "east"))
    assert result.score == 2  # west is not a peer


def test_it_gives_a_final_verdict_on_the_years_last_rank() -> None:
    figures = by_place({"": "7.0", "east": "8.0", "west": "9", "north": "1"}, "2020-12")
    result = evaluate_among(TOP_THREE, figures, on("2021-02-28"), place="", peers=PEERS)
    assert (result.score, result.status) == (Decimal(3), Status.ACHIEVED)
    figures["north"] = {"gdp": [fig("2020-12", "7.5")]}
    result = evaluate_among(TOP_THREE, figures, on("2021-02-28"), place="", peers=PEERS)
    assert (result.score, result.status) == (Decimal(4), Status.MISSED)


def test_it_ranks_a_rate_in_places_not_as_a_share_for_a_count_indicator() -> None:
    jobs = make_indicator("jobs", measure=Measure.COUNT, unit="人")
    goal = make_goal(jobs, comparator=Comparator.AT_MOST, target=2, warning=1,
                     rank_among="peers")  # fmt: skip
    figures = {p: {"jobs": [fig("2020-06", v)]} for p, v in
               {"": "2000", "east": "3000", "west": "2500"}.items()}  # fmt: skip
    result = evaluate_among(goal, figures, on("2020-07-31"), place="", peers=("", "east", "west"))
    assert (result.score, result.expected, result.status) == (Decimal(3), None, Status.AT_RISK)


def test_it_ranks_a_place_alone_first_when_no_peer_is_given() -> None:
    result = evaluate(TOP_THREE, [fig("2020-06", "1")], on("2020-07-31"))
    assert result.score == 1
    assert result.ranking is not None
    assert result.ranking.reporting == 1


def test_it_writes_the_rule_of_a_goal_relative_to_another_place_and_of_a_rank_goal() -> None:
    assert rule(ABOVE_CITY) == "≥ 2 vs city"
    assert rule(make_goal(make_indicator("income"), target=0, reference=GDP,
                          reference_place="province")) == "≥ 0 vs province:gdp"  # fmt: skip
    assert rule(make_goal(GDP, target=0, reference_place="")) == "≥ 0 vs home"
    assert rule(TOP_THREE) == "rank ≤ 3 among peers"


def test_it_counts_a_changed_reference_place_or_rank_as_a_changed_term() -> None:
    assert changed_terms(ABOVE_CITY, replace(ABOVE_CITY, reference_place="province")) == [
        "reference_place"
    ]
    assert changed_terms(TOP_THREE, replace(TOP_THREE, rank_among=None)) == ["rank_among"]


def test_it_never_scores_against_its_own_places_figure_without_the_other_places() -> None:
    income = make_indicator("income")
    goal = make_goal(income, target=0, reference=GDP, reference_place="province")
    figures = {"income": [fig("2020-06", "6.2")], "gdp": [fig("2020-06", "6.0")]}
    result = evaluate_in(goal, figures, on("2020-07-31"))
    assert result.status is Status.NO_DATA
    assert result.missing is not None
    assert (result.missing.indicator, result.missing.place) == ("gdp", "province")


def test_it_ranks_an_indicator_once_for_every_peer_that_shares_the_rankings() -> None:
    figures = by_place({"": "7.0", "east": "8.0", "west": "6.0", "north": "9", "south": "5"})
    rankings: Rankings = {}
    scores = {
        place: evaluate_among(
            replace(TOP_THREE, place=place), figures, on("2020-07-31"), peers=PEERS,
            rankings=rankings,
        ).score
        for place in PEERS
    }  # fmt: skip
    assert scores == {"": 3, "east": 2, "west": 4, "north": 1, "south": 5}
    assert len(rankings) == 1
    alone = evaluate_among(replace(TOP_THREE, place="west"), figures, on("2020-07-31"),
                           peers=PEERS)  # fmt: skip
    assert alone.ranking == next(iter(rankings.values()))
