"""Catch-up and fire times in zones with daylight saving, driven by a controllable clock:
across the spring and the autumn change no run is lost, none is doubled, and nothing within
the grace time is recorded as missed."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from tests.scheduling.conftest import write_schedule
from tests.scheduling.test_runner import catch_up_jobs, context, set_mark
from tracker.configuration.schedule import JobSpec
from tracker.scheduling.runner import Runner
from tracker.scheduling.timing import fire_times, trigger_for
from tracker.store import outbox as q
from tracker.store.db import read_session

# The changes of 2026: New York 8 March 02:00 EST -> 03:00 EDT, 1 November 02:00 EDT ->
# 01:00 EST; London 29 March 01:00 GMT -> 02:00 BST, 25 October 02:00 BST -> 01:00 GMT.
NEW_YORK, LONDON = "America/New_York", "Europe/London"
CHANGES = {
    (NEW_YORK, "autumn"): datetime(2026, 11, 1, 6, tzinfo=UTC),  # 01:00 EST, the second time
    (NEW_YORK, "spring"): datetime(2026, 3, 8, 7, tzinfo=UTC),  # 03:00 EDT
    (LONDON, "autumn"): datetime(2026, 10, 25, 1, tzinfo=UTC),  # 01:00 GMT, the second time
    (LONDON, "spring"): datetime(2026, 3, 29, 1, tzinfo=UTC),  # 02:00 BST
}


def spec(cron: str) -> JobSpec:
    return JobSpec(name="j", kind="report", period="day", cron=cron, recipients=("a@x.cn",))


def local(times: list[datetime], zone: str) -> list[str]:
    return [t.astimezone(ZoneInfo(zone)).strftime("%m-%d %H:%M %Z") for t in times]


def in_zone(config_dir: Path, zone: str) -> None:
    path = config_dir / "tracker.toml"
    text = path.read_text(encoding="utf-8").replace('"Asia/Shanghai"', f'"{zone}"', 1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("zone", [NEW_YORK, LONDON])
def test_it_fires_an_hourly_job_once_an_hour_through_the_autumn_change(zone: str) -> None:
    change = CHANGES[zone, "autumn"]
    times = fire_times(trigger_for(spec("0 * * * *"), zone), change - timedelta(hours=3), change)
    assert times == [change - timedelta(hours=h) for h in (2, 1, 0)]  # 25 hours that day
    assert len(set(times)) == len(times)


@pytest.mark.parametrize(
    ("zone", "start", "expected"),
    [
        (NEW_YORK, datetime(2026, 10, 30, 12, tzinfo=UTC), ["EDT", "EDT", "EST"]),
        (LONDON, datetime(2026, 10, 23, 12, tzinfo=UTC), ["BST", "BST", "GMT"]),
    ],
)
def test_it_fires_a_job_at_a_repeated_wall_time_once_in_the_autumn(
    zone: str, start: datetime, expected: list[str]
) -> None:
    trigger = trigger_for(spec("30 1 * * *"), zone)
    times = fire_times(trigger, start, start + timedelta(days=3))
    day = start.date()
    assert local(times, zone) == [
        f"{day + timedelta(days=n):%m-%d} 01:30 {abbreviation}"
        for n, abbreviation in enumerate(expected, start=1)
    ]  # one run a day, the day of the change included


@pytest.mark.parametrize(
    ("zone", "cron", "expected"),
    [(NEW_YORK, "30 2 * * *", "03-08 03:30 EDT"), (LONDON, "30 1 * * *", "03-29 02:30 BST")],
)
def test_it_fires_a_job_at_a_skipped_wall_time_once_in_the_spring(
    zone: str, cron: str, expected: str
) -> None:
    change = CHANGES[zone, "spring"]
    times = fire_times(
        trigger_for(spec(cron), zone), change - timedelta(hours=12), change + timedelta(hours=12)
    )
    assert local(times, zone) == [expected]


@pytest.mark.parametrize("zone", [NEW_YORK, LONDON])
@pytest.mark.parametrize("season", ["autumn", "spring"])
def test_it_catches_up_across_a_change_with_one_run_and_only_real_misses(
    engine: Engine, config_dir: Path, tmp_path: Path, zone: str, season: str
) -> None:
    in_zone(config_dir, zone)
    write_schedule(config_dir, '[jobs.hourly]\ncron = "0 * * * *"\nrecipients = "leadership"\n')
    ctx = context(engine, config_dir, tmp_path)  # grace: 6 hours
    now = CHANGES[zone, season] + timedelta(hours=2, minutes=30)
    down_since = now - timedelta(hours=10, minutes=30)  # 10 real hours: 10 hourly fire times
    set_mark(engine, "hourly", down_since)
    runner = Runner(ctx, lambda: now)
    scheduler = runner.build()
    runner.catch_up(scheduler)
    latest = now - timedelta(minutes=30)
    [(_, kwargs)] = catch_up_jobs(scheduler)
    assert kwargs["scheduled_for"] == latest  # the run within the grace time is not skipped
    with read_session(engine) as session:
        missed = [q.as_utc(r.scheduled_for) for r in q.missed_runs(session=session, job="hourly")]
    # the fire times 6 to 9 hours before the latest are beyond the 6-hour grace, each once
    assert sorted(missed) == [latest - timedelta(hours=h) for h in (9, 8, 7, 6)]


# The spring changes of 2024, each zone's clocks going forward: Berlin 31 March 02:00 -> 03:00,
# New York 10 March 02:00 -> 03:00, Sydney 6 October 02:00 -> 03:00, Santiago 8 September
# 00:00 -> 01:00 (midnight itself is skipped), Lord Howe 6 October 02:00 -> 02:30 (half an
# hour), and London 31 March 01:00 -> 02:00.
SPRING_ZONES = [
    "Europe/Berlin",
    "America/New_York",
    "Australia/Sydney",
    "America/Santiago",
    "Australia/Lord_Howe",
    LONDON,
]


@pytest.mark.parametrize("zone", SPRING_ZONES)
@pytest.mark.parametrize("cron", ["0 0 * * *", "30 1 * * *", "0 2 * * *", "59 23 * * *"])
def test_a_daily_job_runs_once_on_every_calendar_day_of_a_year(zone: str, cron: str) -> None:
    tz = ZoneInfo(zone)
    start = datetime(2024, 1, 1, tzinfo=tz)
    end = datetime(2024, 12, 31, 23, 59, 59, tzinfo=tz)
    times = fire_times(trigger_for(spec(cron), zone), start - timedelta(seconds=1), end)
    days = [t.astimezone(tz).date() for t in times]
    assert days == [start.date() + timedelta(days=n) for n in range(366)]


@pytest.mark.parametrize(
    ("zone", "cron"),
    [
        ("Europe/Berlin", "0 0 1 * *"),  # the April report, the day after the change
        ("America/New_York", "0 0 11 * *"),
        ("Australia/Sydney", "0 0 7 * *"),
        ("America/Santiago", "0 0 9 * *"),
        ("Australia/Lord_Howe", "0 0 7 * *"),
    ],
)
def test_a_monthly_job_runs_in_every_month_of_a_year(zone: str, cron: str) -> None:
    tz = ZoneInfo(zone)
    start = datetime(2024, 1, 1, tzinfo=tz)
    end = datetime(2024, 12, 31, 23, 59, 59, tzinfo=tz)
    times = fire_times(trigger_for(spec(cron), zone), start - timedelta(seconds=1), end)
    assert [t.astimezone(tz).month for t in times] == list(range(1, 13))


def test_catching_up_after_the_spring_change_runs_the_months_report_in_berlin(
    engine: Engine, config_dir: Path, tmp_path: Path
) -> None:
    zone = "Europe/Berlin"
    in_zone(config_dir, zone)
    write_schedule(config_dir, '[jobs.monthly]\ncron = "0 0 1 * *"\nrecipients = "leadership"\n')
    ctx = context(engine, config_dir, tmp_path)  # grace: 6 hours
    berlin = ZoneInfo(zone)
    # Down from the evening of 30 March 2024, started again at 02:00 on 1 April.
    set_mark(engine, "monthly", datetime(2024, 3, 30, 20, tzinfo=berlin))
    now = datetime(2024, 4, 1, 2, tzinfo=berlin)
    runner = Runner(ctx, lambda: now)
    scheduler = runner.build()
    runner.catch_up(scheduler)
    [(_, kwargs)] = catch_up_jobs(scheduler)
    assert kwargs["scheduled_for"] == datetime(2024, 4, 1, tzinfo=berlin)
    # ... and had it been down until the afternoon, the run is recorded as missed
    later = datetime(2024, 4, 1, 15, tzinfo=berlin)
    runner = Runner(ctx, lambda: later)
    runner.catch_up(runner.build())
    with read_session(engine) as session:
        missed = [q.as_utc(r.scheduled_for) for r in q.missed_runs(session=session, job="monthly")]
    assert missed == [datetime(2024, 4, 1, tzinfo=berlin)]
