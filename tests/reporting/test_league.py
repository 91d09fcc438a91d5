"""Ranks among peers, gaps to the parent and league tables, from figures in memory (pure)."""

import json
from decimal import Decimal

import pytest

from tests.reporting import dataset
from tests.reporting.dom import parse
from tracker.domain.model import Figure
from tracker.domain.periods import Period
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.language import Words
from tracker.reporting.league import Neighbourhood, area_zh, kind_zh, ordinal
from tracker.reporting.render import render_goals

NAMES = {
    "zh": {"zone": "高新区", "east": "东区", "west": "西县", "city": "宁波市"},
    "en": {"zone": "Hi-tech Zone", "east": "East", "west": "West", "city": "Ningbo"},
}


def figures(*rows: tuple[str, str, str]) -> dict[str, list[Figure]]:
    found: dict[str, list[Figure]] = {}
    for key, period, value in rows:
        found.setdefault(key, []).append(Figure(Period.parse(period), Decimal(value)))
    return found


# East: ahead of the zone on GDP, level with it on industry in June (a tie), lowest CPI.
# West: no June figure for industry, CPI or jobs (a missing peer). The city: its own figures.
EAST = figures(
    ("gdp", "2020-Q1", "-1.0"),
    ("gdp", "2020-Q2", "2.5"),
    ("industry", "2020-05", "3.0"),
    ("industry", "2020-06", "5.0"),
    ("cpi", "2020-06", "2.0"),
    ("jobs", "2020-06", "900"),
)
WEST = figures(
    ("gdp", "2020-Q1", "-3.0"),
    ("gdp", "2020-Q2", "1.0"),
    ("industry", "2020-05", "4.0"),
)
CITY = figures(
    ("gdp", "2020-Q2", "0.6"),
    ("industry", "2020-06", "4.1"),
    ("cpi", "2020-06", "3.0"),
    ("jobs", "2020-06", "20500"),
)


def near(lang: str) -> Neighbourhood:
    return Neighbourhood(
        place="zone",
        peers=("zone", "east", "west"),
        parent="city",
        names=NAMES[lang],
        names_zh=NAMES["zh"],
        figures={"zone": dataset.figures(), "east": EAST, "west": WEST, "city": CITY},
    )


def bundle(lang: str) -> ReportBundle:
    return render_goals(
        dataset.goals(),
        dataset.figures(),
        as_of=dataset.AS_OF,
        lang=lang,
        charts=False,
        near=near(lang),
    )


def test_it_says_the_rank_among_the_districts_and_the_gap_to_the_city_in_chinese() -> None:
    text = bundle("zh").text
    assert "增速居全市第2位（共3个县区），高于全市平均1.3个百分点" in text


def test_it_says_the_rank_and_the_gap_in_english() -> None:
    text = bundle("en").text
    assert (
        "growth ranks 2nd of 3 places in Ningbo, 1.3 percentage points above Ningbo as a whole"
        in text
    )


def test_a_tie_shares_the_rank_and_a_missing_peer_is_named() -> None:
    text = bundle("zh").text
    # West, first in May, has no June figure: among the two that reported both times the
    # zone is where it was (no move is said), and East has risen to share first place
    assert "增速并列全市第1位（3个县区中2个已报送），高于全市平均0.9个百分点" in text
    assert "1-6月尚未报送：西县" in text
    assert "涨幅居全市第2位（3个县区中2个已报送），高于全市平均1.6个百分点" in text
    english = bundle("en").text
    assert (
        "growth ranks joint 1st of 2 reporting (3 places) in Ningbo, 0.9 percentage points"
        in english
    )
    assert "No Jan–Jun figure yet from: West" in english


def test_a_ceiling_indicator_ranks_the_lowest_first() -> None:
    document = json.loads(bundle("en").json)
    cpi = next(p for p in document["peers"] if p["indicator"] == "cpi")
    assert [(row["place"], row["rank"]) for row in cpi["table"]] == [
        ("east", 1),
        ("zone", 2),
        ("west", None),
    ]
    assert cpi["rank"] == 2
    assert cpi["missing"] == ["west"]


def test_a_count_is_said_as_its_share_of_the_city() -> None:
    assert "居全市第1位（3个县区中2个已报送），占全市的10.0%" in bundle("zh").text


def test_the_json_league_holds_the_numbers() -> None:
    document = json.loads(bundle("zh").json)
    gdp = next(p for p in document["peers"] if p["indicator"] == "gdp")
    assert gdp == {
        "indicator": "gdp",
        "period": "2020-Q2",
        "previous_period": "2020-Q1",
        "rank": 2,
        "reporting": 3,
        "peers": 3,
        "missing": [],
        "parent": {"place": "city", "value": "0.6"},
        "difference": "1.3",
        "table": [
            {"place": "east", "name": "东区", "value": "2.5", "rank": 1, "previous_rank": 1},
            {"place": "zone", "name": "高新区", "value": "1.9", "rank": 2, "previous_rank": 2},
            {"place": "west", "name": "西县", "value": "1", "rank": 3, "previous_rank": 3},
        ],
        "text": "增速居全市第2位（共3个县区），高于全市平均1.3个百分点",
    }
    assert document["place"] == {"key": "zone", "name": "高新区"}
    industry = next(p for p in document["peers"] if p["indicator"] == "industry")
    moves = {row["place"]: (row["previous_rank"], row["rank"]) for row in industry["table"]}
    # previous ranks among the places that reported both times (West did not report in June)
    assert moves == {"zone": (1, 1), "east": (2, 1), "west": (None, None)}


def test_the_html_league_table_has_four_short_columns_and_marks_the_place() -> None:
    page = parse(bundle("zh").html)
    section = page.find("td", id="peers")
    table = section.find("table")
    rows = table.all("tr")
    assert [th.text for th in rows[0].all("th")] == ["地区", "数据", "位次", "±"]
    cells = [[td.text for td in row.all("td")] for row in rows[1:]]
    assert cells == [
        ["东区", "2.5%", "1", "–"],
        ["高新区", "1.9%", "2", "–"],
        ["西县", "1.0%", "3", "–"],
    ]
    here = [row for row in rows[1:] if "league-here" in row.attrs.get("class", "")]
    assert [row.all("td")[0].text for row in here] == ["高新区"]
    assert "全市：0.6%" in section.text


def test_the_markdown_league_table_bolds_the_place() -> None:
    markdown = bundle("en").markdown
    assert "| Place | Figure | Rank | ± |" in markdown
    assert "| **Hi-tech Zone** | **5.0%** | **1** | **–** |" in markdown  # among the same places
    assert "| West | — | — |  |" in markdown
    assert "| **Hi-tech Zone** | **4.6%** | **2** |  |" in markdown


def test_without_peers_or_a_parent_the_report_has_no_peers_section() -> None:
    alone = Neighbourhood("zone", ("zone",), None, NAMES["zh"], NAMES["zh"], {"zone": {}})
    plain = render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, charts=False)
    same = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, charts=False, near=alone
    )
    assert "与同级地区比较" not in same.text
    assert same.text == plain.text
    assert json.loads(same.json)["peers"] == []


def test_a_place_with_children_lists_their_goals_behind_by_place() -> None:
    from tracker.reporting.timeline import build_timeline

    statuses = build_timeline(dataset.goals(), dataset.figures(), dataset.AS_OF).current
    bundle = render_goals(
        dataset.goals(),
        dataset.figures(),
        as_of=dataset.AS_OF,
        charts=False,
        children=[("zone", "高新区", statuses), ("east", "东区", [])],
    )
    assert "## 各地区未达目标" in bundle.text
    assert "高新区：12项目标中6项未达目标" in bundle.text
    assert "[落后] 地区生产总值增速" in bundle.text
    children = json.loads(bundle.json)["children"]
    assert [(c["place"], c["goals"], len(c["behind"])) for c in children] == [
        ("zone", 12, 6),
        ("east", 0, 0),
    ]


@pytest.mark.parametrize(
    ("name", "area"),
    [
        ("宁波市", "全市"),
        ("浙江省", "全省"),
        ("中国", "全国"),
        ("鄞州区", "全区"),
        ("某地", "某地"),
    ],
)
def test_it_names_the_whole_of_a_parent_as_bulletins_do(name: str, area: str) -> None:
    assert area_zh(name) == area


def test_it_calls_the_peers_by_their_kind() -> None:
    assert kind_zh(["东区", "西区"]) == "区"
    assert kind_zh(["东区", "西县"]) == "县区"
    assert kind_zh(["余姚市", "象山县"]) == "县市"
    assert kind_zh(["东区", "开发园"]) == "地区"


def test_english_ranks_are_ordinals() -> None:
    w = Words("en")
    assert [ordinal(w, n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "22nd",
        "101st",
    ]


def test_a_long_league_table_shows_the_top_and_the_place_with_its_neighbours() -> None:
    peers = ("zone", *(f"d{i:02}" for i in range(29)))
    # d00 best … d28 worst on GDP; the zone's 1.9% sits between d15 (2.0) and d16 (1.8).
    others = {
        f"d{i:02}": figures(("gdp", "2020-Q2", str(Decimal("5.0") - Decimal(i) / 5)))
        for i in range(29)
    }
    names = {p: p for p in peers} | {"city": "宁波市"}
    wide = Neighbourhood(
        "zone", peers, "city", names, names, {"zone": dataset.figures(), **others, "city": CITY}
    )
    b = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, charts=False, near=wide
    )
    gdp = next(p for p in json.loads(b.json)["peers"] if p["indicator"] == "gdp")
    assert len(gdp["table"]) == 30
    assert gdp["rank"] == 17
    section = b.text[b.text.index("地区生产总值增速（上半年）") :]
    table = [line for line in section[: section.index("全市：")].splitlines()[2:] if line.strip()]
    shown = [line.split()[1] if line.strip() != "…" else "…" for line in table]
    assert shown == [
        *(f"d{i:02}" for i in range(10)),
        "…",
        "d14",
        "d15",
        "zone",
        "d16",
        "d17",
        "…",
    ]
