from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers import examples
from tracker.configuration.schedule import _RANGES, _plain_field

ITEMS = st.sampled_from(
    ["*", "*/1", "*/7", "*/59", "*/60", "0", "5", "59", "60", "1-5", "5-1", "0-59/30",
     "1-31/31", "mon", "sun", "mon-sun", "sat-sun/1", "jan", "12", "13", "0-6", "31",
     "1-12/11", "1-12/12", "2-3/1", "1-2/0"]
)  # fmt: skip
FIELDS = st.lists(st.lists(ITEMS, min_size=1, max_size=3).map(",".join), min_size=5, max_size=5)


@settings(max_examples=examples(300), deadline=None)
@given(FIELDS)
def test_a_cron_line_known_good_without_apscheduler_is_accepted_by_it(fields: list[str]) -> None:
    from apscheduler.triggers.cron import CronTrigger

    if all(_plain_field(f, low, high) for f, (low, high) in zip(fields, _RANGES, strict=True)):
        CronTrigger.from_crontab(" ".join(fields), timezone=ZoneInfo("UTC"))  # raises if not
