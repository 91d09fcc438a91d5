"""The province benchmark's own checks: the writers' revisions are really looked for, and the
status of every place is every goal of every place."""

import copy
from pathlib import Path
from typing import Any

import pytest

from benchmarks import peers, province, province_data, writer
from tracker.app.database import Database


@pytest.fixture
def small_province(tmp_path: Path) -> Any:
    built = province_data.build(
        tmp_path, backend="sqlite", postgres_url=None, places=3, indicators=2, years=1
    )
    yield built
    built.close()


def test_it_finds_every_revision_a_writer_was_told_of(small_province: Any) -> None:
    told = [writer.main(small_province.url, "d001", 0.01, "bureau-d001")]

    lost, duplicated, recorded = province._check_revisions(small_province, told)

    assert (lost, duplicated) == (0, 0)
    assert recorded == sum(len(r) for r in told[0]["written"].values()) >= 2


def test_it_counts_a_revision_told_but_not_stored_as_lost(small_province: Any) -> None:
    told = [writer.main(small_province.url, "d001", 0.01, "bureau-d001")]
    claimed = copy.deepcopy(told)
    revisions = claimed[0]["written"]["i000"]
    revisions.append((len(revisions) + 1, "99.9"))  # never written

    assert province._check_revisions(small_province, claimed)[0] == 1


def test_it_counts_a_revision_told_twice_as_duplicated(small_province: Any) -> None:
    told = [writer.main(small_province.url, "d001", 0.01, "bureau-d001")]
    claimed = copy.deepcopy(told)
    revisions = claimed[0]["written"]["i000"]
    revisions.append(revisions[0])

    assert province._check_revisions(small_province, claimed)[1] == 1


def test_it_counts_a_stored_revision_no_writer_was_told_of_as_duplicated(
    small_province: Any,
) -> None:
    told = [writer.main(small_province.url, "d001", 0.01, "bureau-d001")]
    other = writer.main(small_province.url, "d002", 0.01, "bureau-d002")

    assert told[0]["place"] != other["place"]
    assert province._check_revisions(small_province, told)[1] == sum(
        len(r) for r in other["written"].values()
    )


def test_the_status_of_every_place_is_each_place_s_own(small_province: Any) -> None:
    from tracker.app.status import goal_statuses

    everywhere = province.every_place_statuses(small_province)
    one_by_one = [
        status
        for place in small_province.stored_places()
        for status in goal_statuses(
            Database(small_province.engine), as_of=small_province.as_of, year=2020, place=place
        )
    ]

    assert len(everywhere) == 3 * 2
    assert [s.goal.place for s in everywhere] == ["", "", "d001", "d001", "d002", "d002"]
    assert everywhere == one_by_one


def test_the_peers_decide_every_goal_as_the_project_does(small_province: Any) -> None:
    import sqlite3

    ours = {
        (s.goal.place, s.goal.indicator.key): s.status.value
        for s in province.every_place_statuses(small_province)
    }
    connection = sqlite3.connect(small_province.url.removeprefix("sqlite:///"))
    asked = {"year": small_province.year, "as_of": small_province.as_of}
    try:
        for name, reference in peers.REFERENCES.items():
            if peers.available(name):
                theirs = reference(connection, **asked)
                peers.check(name, theirs, ours)
                assert len(theirs) == 3 * 2
    finally:
        connection.close()


def test_a_peer_that_decides_otherwise_is_refused() -> None:
    with pytest.raises(RuntimeError, match="decides 1 goals otherwise"):
        peers.check("loop", {("", "i000"): "lagging"}, {("", "i000"): "on_track"})
