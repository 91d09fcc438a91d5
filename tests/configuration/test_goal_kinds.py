"""Every kind of target loads from config; each mistake in one is refused with its line."""

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError
from tracker.domain.model import Basis, Comparator, Measure, On, TargetKind

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "nation-2022"


def test_the_example_loads_every_kind_of_target() -> None:
    goals = {g.key: g for g in load_config(EXAMPLE).definitions.goals}
    assert goals["gdp"].comparator is Comparator.ABOUT
    assert goals["pollutants"].comparator is Comparator.BELOW
    assert (goals["industry"].target, goals["industry"].target_high) == (5, 6)
    assert goals["revenue"].stretch == 8
    assert (goals["trade"].kind, goals["trade"].assigned_by) == (TargetKind.ASSIGNED, "province")
    assert goals["energy"].kind is TargetKind.NONE
    reference = goals["income"].reference
    assert reference is not None
    assert reference.key == "gdp"
    assert goals["sales"].basis is Basis.SAME_PERIOD
    assert goals["patents"].indicator.measure is Measure.STOCK
    amount = goals["revenue_total"]
    assert (amount.indicator.key, amount.on, amount.indicator.measure) == (
        "revenue",
        On.AMOUNT,
        Measure.COUNT,
    )
    assert (amount.indicator.unit, amount.indicator.name_zh) == ("亿元", "一般公共预算收入")
    assert amount.target == Decimal(20)


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "config"
    shutil.copytree(EXAMPLE, target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("target = [5, 6]", "target = [5]", r"'between' needs 'target = \[low, high\]'"),
        ("target = [5, 6]", "target = [6, 5]", "low below high"),
        ('comparator = "between"\n', "", r"needs comparator = \"between\""),
        ("stretch = 8", "stretch = 5", r"'stretch' \(5\) must be above 'target' \(6\)"),
        ('reference = "gdp"', 'reference = "gpd"', "no indicator 'gpd'.*did you mean 'gdp'"),
        ('reference = "gdp"', 'reference = "income"', "names the goal's own indicator"),
        ('target = "assigned"', "target = 4", "'assigned_by' is for target = \"assigned\""),
        ('target = "none"', 'target = "nothing"', "'target' must be a number"),
        ('tolerance = 0.5\nlabel_zh = "增长', 'tolerence = 0.5\nlabel_zh = "增长', "tolerance"),
        ('indicator = "revenue"', 'indicator = "revenu"', "no indicator 'revenu'"),
        ('on = "amount"', 'on = "sum"', "'on' is 'sum'; use one of: value, amount"),
        ('label_zh = "增长5%—6%"', 'ceiling = true\nlabel_zh = "增长5%—6%"', None),
        ('label_zh = "继续下降"', 'ceiling = true\nlabel_zh = "继续下降"', "'ceiling' is only"),
        ('basis = "same_period"', 'basis = "same_period"\nunit = "亿元"', "'unit' is only for"),
    ],
)
def test_a_mistake_in_a_goal_is_refused_with_its_line_and_fix(
    example: Path, old: str, new: str, words: str | None
) -> None:
    path = example / "goals" / "2022.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    if words is None:  # a valid variant: a range with a ceiling
        goals = {g.key: g for g in load_config(example).definitions.goals}
        assert goals["industry"].ceiling
        return
    with pytest.raises(ConfigError, match=words) as caught:
        check_config(example)
    assert f"{path}:" in str(caught.value)  # file and line
