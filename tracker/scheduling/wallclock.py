"""A cron trigger that fires once at a wall-clock time the autumn daylight-saving change
repeats (imported only where APScheduler is: it subclasses APScheduler's CronTrigger).

When the clocks go back, the hour before the change comes twice. APScheduler's CronTrigger
fires in both passes: a job set for 01:30 would run at 01:30 summer time and again at 01:30
winter time. As cron does, a job at a fixed hour runs in the first pass only; a job whose hour
is ``*`` or ``*/n`` counts hours that pass, so it fires in both. In the spring change a time
that does not exist fires as the clocks would show it had they not moved (02:30 becomes
03:30), once.

APScheduler 3.11 moves a field on (the day, the month) by adding the change of wall-clock time
as real time: across a spring change the result lands an hour late (midnight on 1 April in
Berlin becomes 01:00), the hour no longer matches, and the day is skipped (the April report
never ran). ``_increment_field_value`` lands on the wall time meant instead.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.triggers.cron import CronTrigger

_TICK = timedelta(microseconds=1)


class WallClockCron(CronTrigger):  # type: ignore[misc]
    """``CronTrigger`` without the second pass of a repeated wall-clock time (see module)."""

    def get_next_fire_time(
        self, previous_fire_time: datetime | None, now: datetime
    ) -> datetime | None:
        moment: datetime | None = super().get_next_fire_time(previous_fire_time, now)
        while moment is not None and self._second_pass(moment):
            moment = super().get_next_fire_time(moment, moment.astimezone(UTC) + _TICK)
        return moment

    def _increment_field_value(self, dateval: datetime, fieldnum: int) -> tuple[datetime, int]:
        """APScheduler's, landing on the wall time it meant across a spring change (see the
        module's docstring)."""
        moment, fieldnum = super()._increment_field_value(dateval, fieldnum)
        before, after = dateval.utcoffset(), moment.utcoffset()
        if before is not None and after is not None and after > before:
            wall = moment.replace(tzinfo=None) - (after - before)
            # In the hour the change skips, fold 0 reads it by the offset before the change:
            # the same instant as the wall time shown after it (02:30 is 03:30).
            moment = wall.replace(tzinfo=self.timezone, fold=0)
        return moment, fieldnum

    def _second_pass(self, moment: datetime) -> bool:
        """Whether ``moment`` is the second pass of a wall time that already fired in the
        first, for a job at fixed hours."""
        if not moment.fold or self._hourly():
            return False
        first = moment.replace(fold=0)
        if first.utcoffset() == moment.utcoffset():
            return False  # not a repeated time after all
        again: Any = super().get_next_fire_time(None, first)
        return bool(again == first and again.utcoffset() == first.utcoffset())

    def _hourly(self) -> bool:
        hour = next(f for f in self.fields if f.name == "hour")
        return str(hour) == "*" or str(hour).startswith("*/")
