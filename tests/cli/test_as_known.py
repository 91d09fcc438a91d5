"""--as-known: a past report rebuilt byte for byte after a figure and a target were revised
(docs/status-rules.md, "As of, and as known")."""

import json
import re
import time
from datetime import UTC, datetime, timedelta

from tests.cli.conftest import Run
from tracker.domain.moments import parse_moment

# The moment as the report shows it, in the configured zone (Asia/Shanghai): --as-known reads it.
MOMENT = re.compile(
    r"本报告依据截至(\d{4}年\d{1,2}月\d{1,2}日 \d{1,2}:\d{2}:\d{2})录入的数据和目标生成。"
)


def report(run: Run, *extra: str) -> str:
    result = run("report", "--as-of", "2020-07-20", "-f", "text", "-o", "-", *extra)
    assert result.exit_code == 0, result.output
    return result.stdout


def wait_past(moment: str) -> None:
    """Until the second after ``moment`` has begun: later records are not known at it."""
    end = parse_moment(moment, "Asia/Shanghai")
    while datetime.now(UTC) < end + timedelta(seconds=1):
        time.sleep(0.05)


def test_a_past_report_is_rebuilt_byte_for_byte(initialised: Run) -> None:
    initialised("record", "industry", "7.2", "-p", "2020-06")
    first = report(initialised)
    found = MOMENT.search(first)
    assert found is not None
    moment = found.group(1)
    wait_past(moment)
    revised = initialised(
        "record", "industry", "8.6", "-p", "2020-06", "--revise", "--reason", "区统计局修订"
    )
    assert revised.exit_code == 0, revised.output
    changed = initialised(
        "goals", "revise", "industry", "--target", "7", "--effective", "2020-07-01",
        "--reason", "调整",
    )  # fmt: skip
    assert changed.exit_code == 0, changed.output
    assert "8.6%" in report(initialised)
    rebuilt = report(initialised, "--as-known", moment)
    assert rebuilt == first
    assert "7.2%" in rebuilt


def test_status_as_known_leaves_out_later_revisions_and_versions(initialised: Run) -> None:
    initialised("record", "industry", "7.2", "-p", "2020-06")
    moment = MOMENT.search(report(initialised))
    assert moment is not None
    wait_past(moment.group(1))
    initialised("record", "industry", "8.6", "-p", "2020-06", "--revise", "--reason", "修订")
    initialised(
        "goals", "revise", "industry", "--target", "7", "--effective", "2020-07-01",
        "--reason", "调整",
    )  # fmt: skip
    args = ("status", "--as-of", "2020-07-20", "--json")
    now = {g["key"]: g for g in json.loads(initialised(*args).stdout)["goals"]}
    then = {
        g["key"]: g
        for g in json.loads(initialised(*args, "--as-known", moment.group(1)).stdout)["goals"]
    }
    assert (now["industry"]["value"], now["industry"]["target"]) == ("8.6", "7")
    assert (then["industry"]["value"], then["industry"]["target"]) == ("7.2", "8.5")


def test_a_report_records_the_moment_in_json(initialised: Run) -> None:
    result = initialised("report", "--as-of", "2020-07-20", "-f", "json", "-o", "-")
    document = json.loads(result.stdout)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z", document["as_known"])


def test_a_bad_as_known_is_refused(initialised: Run) -> None:
    result = initialised("status", "--as-known", "yesterday")
    assert result.exit_code == 1
    assert "'yesterday' is not a moment" in result.stderr
