"""As known: the moment a report is built from (docs/status-rules.md, "As of, and as known").

A report records the moment, to the second, in UTC; rebuilt with ``--as-known`` that moment,
it reads only the figure revisions and goal versions recorded before the end of that second,
so it comes out the same, byte for byte.
"""

import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from tracker.domain.errors import InvalidInput

# The moment as a report shows it, in the configured zone: '2020年7月20日 9:30:05'.
_CHINESE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*(\d{1,2}):(\d{2})(?::(\d{2}))?")


def known_moment(now: datetime) -> datetime:
    """The moment a report built ``now`` records: UTC, whole seconds."""
    return now.astimezone(UTC).replace(microsecond=0)


def known_before(moment: datetime) -> datetime:
    """What was recorded before this counts as known at ``moment`` (the end of its second)."""
    return moment + timedelta(seconds=1)


def moment_text(moment: datetime) -> str:
    """'2020-07-20 09:30:00Z': what a report shows and ``--as-known`` reads back."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def parse_moment(text: str, timezone: str) -> datetime:
    """``--as-known``: a date (its end, in ``timezone``), or a date and time ('2020-07-20
    09:30', '2020-07-20 09:30:00Z', ISO 8601 with an offset; without one, in ``timezone``), or
    the moment as a report's last line shows it ('2020年7月20日 9:30:05', in ``timezone``).

    Raises InvalidInput for anything else.
    """
    zone = ZoneInfo(timezone)
    cleaned = text.strip()
    chinese = _CHINESE.fullmatch(cleaned)
    if chinese:
        cleaned = "{}-{:0>2}-{:0>2} {:0>2}:{}:{}".format(*chinese.groups(default="00"))
    try:
        if len(cleaned) == 10:
            day = date.fromisoformat(cleaned)
            return known_moment(datetime.combine(day, time(23, 59, 59), zone))
        moment = datetime.fromisoformat(cleaned)
    except ValueError:
        raise InvalidInput(
            f"'{text}' is not a moment; write YYYY-MM-DD or YYYY-MM-DD HH:MM[:SS][Z], "
            "e.g. --as-known '2020-07-20 09:30:00Z' (the moment a report records)."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return known_moment(moment)
