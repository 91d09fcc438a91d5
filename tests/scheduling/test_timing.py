from datetime import UTC, datetime, timedelta

from tracker.configuration.schedule import JobSpec
from tracker.scheduling.timing import fire_times, next_fire_times, plan_catch_up, trigger_for

SHANGHAI_9AM_UTC = 1  # 09:00 in Asia/Shanghai (UTC+8, no daylight saving) is 01:00 UTC


def monthly(cron: str = "0 9 15 * *") -> JobSpec:
    return JobSpec(name="m", kind="report", period="month", cron=cron, recipients=("a@x.cn",))


def test_cron_times_are_in_the_schedule_zone_not_the_machines() -> None:
    trigger = trigger_for(monthly(), "Asia/Shanghai")
    [first, second] = next_fire_times(trigger, datetime(2020, 7, 1, tzinfo=UTC))
    assert first.astimezone(UTC) == datetime(2020, 7, 15, SHANGHAI_9AM_UTC, tzinfo=UTC)
    assert second.astimezone(UTC) == datetime(2020, 8, 15, SHANGHAI_9AM_UTC, tzinfo=UTC)


def test_fire_times_in_a_window_exclude_its_start_and_include_its_end() -> None:
    trigger = trigger_for(monthly("0 9 * * *"), "Asia/Shanghai")
    fire = datetime(2020, 7, 15, SHANGHAI_9AM_UTC, tzinfo=UTC)
    times = fire_times(trigger, fire, fire + timedelta(days=2))
    assert [t.astimezone(UTC) for t in times] == [
        fire + timedelta(days=1),
        fire + timedelta(days=2),
    ]


def test_missed_runs_within_grace_coalesce_into_one_run() -> None:
    now = datetime(2020, 7, 15, 12, tzinfo=UTC)
    missed = [now - timedelta(hours=h) for h in (5, 4, 3)]
    plan = plan_catch_up(missed, now, timedelta(hours=6))
    assert plan.run == now - timedelta(hours=3)
    assert plan.missed == ()


def test_runs_beyond_grace_are_missed_and_the_latest_within_grace_still_runs() -> None:
    now = datetime(2020, 7, 15, 12, tzinfo=UTC)
    old, recent = now - timedelta(days=30), now - timedelta(hours=2)
    assert plan_catch_up([old, recent], now, timedelta(hours=6)).missed == (old,)
    assert plan_catch_up([old, recent], now, timedelta(hours=6)).run == recent
    assert plan_catch_up([old, recent], now, timedelta(hours=1)).run is None
    assert plan_catch_up([old, recent], now, timedelta(hours=1)).missed == (old, recent)
    assert plan_catch_up([], now, timedelta(hours=1)) == plan_catch_up([], now, timedelta(0))
