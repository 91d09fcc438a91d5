from pathlib import Path

from tracker.configuration.problems import Problem, close_hint, find_line

TEXT = """\
# a comment naming [goals.gdp] and target = 1
top = 1

[goals.gdp]
target = 8
"tolerance" = 0.5

[lists]
leadership = [
    "a@example.gov.cn",
    "b@example.gov.cn",
]
other = ["b@example.gov.cn"]
"""


def test_it_finds_the_header_of_a_table() -> None:
    assert find_line(TEXT, "goals.gdp") == 4


def test_it_finds_a_key_at_the_top_and_in_a_table_quoted_or_not() -> None:
    assert find_line(TEXT, "", "top") == 2
    assert find_line(TEXT, "goals.gdp", "target") == 5
    assert find_line(TEXT, "goals.gdp", "tolerance") == 6


def test_it_finds_a_value_under_its_own_key_only() -> None:
    assert find_line(TEXT, "lists", "leadership", "b@example.gov.cn") == 11
    assert find_line(TEXT, "lists", "other", "b@example.gov.cn") == 13


def test_a_key_not_written_falls_back_to_its_table_and_a_missing_table_to_none() -> None:
    assert find_line(TEXT, "goals.gdp", "warning") == 4
    assert find_line(TEXT, "goals.cpi", "target") is None


def test_the_closest_known_name_is_the_hint() -> None:
    assert close_hint("tolerence", ["target", "tolerance"]) == "did you mean 'tolerance'?"
    assert close_hint("xyz", ["target", "tolerance"]) == "the known ones are: target, tolerance"


def test_a_problem_names_the_line_or_else_the_table() -> None:
    path = Path("goals/2020.toml")
    assert str(Problem(path, 5, "goals.gdp", "bad")) == "goals/2020.toml:5: bad"
    assert str(Problem(path, None, "goals.gdp", "bad")) == "goals/2020.toml: [goals.gdp] bad"


def test_a_top_level_key_written_as_a_table_is_found_at_its_header() -> None:
    assert find_line("# goals\n[goal.gdp]\ntarget = 8\n", "", "goal") == 2
