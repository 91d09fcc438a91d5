"""When jobs fire: APScheduler triggers built from the config, fire times in a window, the
catch-up decision after downtime (a pure function of the fire times and ``now``), and the
period a run covers."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tracker.configuration.schedule import JobSpec

_TICK = timedelta(microseconds=1)


def trigger_for(spec: JobSpec, timezone: str, *, start: datetime | None = None) -> Any:
    """The job's trigger, always with the schedule's zone (a bare CronTrigger would use the
    machine's); a cron job fires once at a wall time that the autumn change repeats
    (``wallclock``)."""
    zone = ZoneInfo(timezone)
    if spec.cron is not None:
        from tracker.scheduling.wallclock import WallClockCron

        return WallClockCron.from_crontab(spec.cron, timezone=zone)
    from apscheduler.triggers.interval import IntervalTrigger

    return IntervalTrigger(seconds=spec.every_seconds or 60, timezone=zone, start_date=start)


def fire_times(trigger: Any, after: datetime, until: datetime, limit: int = 1000) -> list[datetime]:
    """The trigger's fire times in (after, until], oldest first (at most ``limit``), as aware
    UTC datetimes. ``after`` and ``until`` are aware, in any zone.

    Every step is taken in UTC: a microsecond added to a local time in the repeated hour of a
    daylight-saving change would drop its ``fold`` and go back an hour, and two local times in
    one zone compare by their wall clocks, not as instants."""
    times: list[datetime] = []
    end = utc(until)
    moment = _next(trigger, None, utc(after) + _TICK)
    while moment is not None and moment <= end and len(times) < limit:
        times.append(moment)
        moment = _next(trigger, moment, moment + _TICK)
    return times


def next_fire_times(trigger: Any, now: datetime, count: int = 2) -> list[datetime]:
    """The trigger's next ``count`` fire times from ``now`` on (aware UTC datetimes)."""
    times: list[datetime] = []
    moment = _next(trigger, None, utc(now))
    while moment is not None and len(times) < count:
        times.append(moment)
        moment = _next(trigger, moment, moment + _TICK)
    return times


def utc(moment: datetime) -> datetime:
    """An aware datetime as the same instant in UTC, where arithmetic and comparison are those
    of instants (in a zone with daylight saving they are those of wall clocks)."""
    return moment.astimezone(UTC)


def _next(trigger: Any, previous: datetime | None, now: datetime) -> datetime | None:
    moment = trigger.get_next_fire_time(previous, now)
    return None if moment is None else utc(moment)


@dataclass(frozen=True)
class CatchUp:
    run: datetime | None  # the latest missed fire time, still within grace: run it once
    missed: tuple[datetime, ...]  # fire times missed by more than the grace time


def plan_catch_up(missed: list[datetime], now: datetime, grace: timedelta) -> CatchUp:
    """Fire times that passed while no scheduler ran: the latest runs once if it is within
    ``grace`` (the others coalesce into it); those beyond ``grace`` are recorded as missed.
    Ages are measured between instants (in UTC), whatever zone the times are given in."""
    now = utc(now)
    late = tuple(t for t in missed if now - utc(t) > grace)
    run = missed[-1] if missed and now - utc(missed[-1]) <= grace else None
    return CatchUp(run, late)


class StepWatch:
    """Notices the wall clock being stepped (by a person, NTP, a VM resume): between two
    checks, the wall clock should move as far as the monotonic clock does. ``back`` is how far
    it has gone back in all, so that waits set by the wall clock before a step are not made
    longer by it."""

    def __init__(
        self,
        wall: Callable[[], datetime],
        monotonic: Callable[[], float],
        tolerance: timedelta = timedelta(seconds=5),
    ) -> None:
        self.wall, self.monotonic, self.tolerance = wall, monotonic, tolerance
        self.back = timedelta(0)
        self._last = (wall(), monotonic())

    def check(self) -> timedelta | None:
        """The step since the last check (negative: back), or None within the tolerance."""
        wall, mono = self.wall(), self.monotonic()
        last_wall, last_mono = self._last
        self._last = (wall, mono)
        step = (wall - last_wall) - timedelta(seconds=mono - last_mono)
        if abs(step) <= self.tolerance:
            return None
        if step < timedelta(0):
            self.back -= step
        return step
