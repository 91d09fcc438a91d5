"""What indicators.toml and owners.toml say for reports and robots: the indicators' order, the
units of their recorded amounts, and the owners' WeCom userids and mobile numbers; a malformed
one is refused with its file and line and the form to write."""

from pathlib import Path

import pytest

from tests.configuration.conftest import change
from tracker.configuration.load import check_config, load_config
from tracker.domain.errors import ConfigError


def test_the_indicators_order_and_amount_units_come_from_indicators_toml(config: Path) -> None:
    change(config / "indicators.toml", 'owner = "development"\nrange = [-80, 200]',
           'owner = "development"\nrange = [-80, 200]\namount_unit = "万元"')  # fmt: skip
    loaded = load_config(config)
    assert loaded.indicator_order[:3] == ("gdp", "industry", "fai")
    assert dict(loaded.amount_units) == {"fai": "万元"}
    check_config(config)


def test_the_owners_contacts_come_from_owners_toml(config: Path) -> None:
    change(config / "owners.toml", 'name_zh = "区统计局"',
           'name_zh = "区统计局"\nwecom_user = "ZhangSan"\nmobile = 13800000000')  # fmt: skip
    contacts = load_config(config).contacts
    assert (contacts["stats"].wecom_user, contacts["stats"].mobile) == ("ZhangSan", "13800000000")
    assert "industry" not in contacts
    check_config(config)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ('wecom_user = "张 三"', "is not a WeCom userid such as zhangsan"),
        ('mobile = "1380000"', "is not 11 digits such as 13800000000"),
    ],
)
def test_a_malformed_contact_is_refused_with_its_line(config: Path, value: str, words: str) -> None:
    line = change(config / "owners.toml", 'name_zh = "区统计局"', f'{value}\nname_zh = "区统计局"')
    with pytest.raises(ConfigError, match=rf"owners.toml:{line}: .*{words}"):
        _ = load_config(config).contacts
    with pytest.raises(ConfigError, match=words):
        check_config(config)


def test_an_empty_amount_unit_is_refused(config: Path) -> None:
    change(config / "indicators.toml", 'owner = "development"\nrange = [-80, 200]',
           'owner = "development"\nrange = [-80, 200]\namount_unit = ""')  # fmt: skip
    with pytest.raises(ConfigError, match="'amount_unit' must be a non-empty string"):
        check_config(config)
