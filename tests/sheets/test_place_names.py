"""Written place names read against the configured places."""

import pytest

from tracker.domain.errors import InvalidInput, NotFound
from tracker.domain.places import Place, Places
from tracker.sheets.places import PlaceNames

PLACES = Places(
    home="zone",
    by_key={
        "nation": Place("nation", "全国", "China", None),
        "city": Place("city", "长沙市", "Changsha", "nation"),
        "zone": Place("zone", "高新区", "Hi-tech Zone", "city"),
        "furong": Place("furong", "芙蓉区", "Furong", "city"),
        "county": Place("county", "长沙县", "Changsha County", "city"),
        "liuyang": Place("liuyang", "浏阳市", "Liuyang", "city"),
    },
)


@pytest.fixture
def names() -> PlaceNames:
    return PlaceNames(PLACES)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("furong", "furong"),
        ("芙蓉区", "furong"),
        ("FURONG", "furong"),
        (" 芙 蓉 区 ", "furong"),
        ("芙蓉", "furong"),
        ("浏阳", "liuyang"),
        ("浏阳县", "liuyang"),
        ("Changsha County", "county"),
        ("长沙市", "city"),
        ("长沙县", "county"),
    ],
)
def test_it_reads_a_key_a_name_or_a_short_form(names: PlaceNames, written: str, key: str) -> None:
    assert names.key(written) == key


def test_it_refuses_a_short_form_that_fits_two_places_naming_both(names: PlaceNames) -> None:
    with pytest.raises(InvalidInput) as refused:
        names.key("长沙")
    assert "长沙市 (city) or 长沙县 (county)" in str(refused.value)
    assert refused.value.zh is not None
    assert "长沙市或长沙县" in refused.value.zh


def test_it_refuses_an_unknown_place_with_its_close_matches(names: PlaceNames) -> None:
    with pytest.raises(NotFound) as refused:
        names.key("芙容区")
    assert "No place '芙容区' is configured" in str(refused.value)
    assert "芙蓉区 (furong)" in str(refused.value)
    assert refused.value.zh is not None
    assert "没有地区'芙容区'" in refused.value.zh


def test_it_refuses_an_empty_place(names: PlaceNames) -> None:
    with pytest.raises(InvalidInput):
        names.key("  ")


@pytest.mark.parametrize("written", ["全市", "合计", " 全市合计 "])
def test_it_tells_a_total_row(names: PlaceNames, written: str) -> None:
    assert names.is_total(written)


def test_it_does_not_take_a_district_for_a_total(names: PlaceNames) -> None:
    assert not names.is_total("芙蓉区")
