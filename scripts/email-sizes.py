"""Print the sizes of the monthly email at 12, 50 and 200 goals, as a Markdown table.

Usage: .venv/bin/python scripts/email-sizes.py
The goals are the test dataset's twelve repeated (tests/reporting/dataset.py, ``many``); each
message is built as the monthly job builds it (the complete report attached when goals are
left out), without the job's spreadsheet.
"""

import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.reporting import dataset
from tracker.app.attachments import complete_report
from tracker.delivery.message import as_bytes, build_message
from tracker.reporting.render import render_goals


def main() -> int:
    print(
        "| goals | language | HTML part | table rows | goals in full | message "
        "| complete report attached |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in (12, 50, 200):
        goals, figures = dataset.many(n)
        for lang in ("zh", "en"):
            bundle = render_goals(goals, figures, as_of=dataset.AS_OF, lang=lang)
            attached = complete_report(bundle)
            message = as_bytes(
                build_message(
                    bundle,
                    sender="stats@example.gov.cn",
                    to="leader@example.gov.cn",
                    message_id="<size@example.gov.cn>",
                    list_id="<monthly-report.tracker.example.gov.cn>",
                    date=datetime(2020, 7, 20, tzinfo=UTC),
                    attachments=attached,
                )
            )
            full = bundle.email_html.count('class="name"')
            rows = bundle.email_html.count('class="ov-row"')
            page = f"{len(attached[0].content) / 1000:.0f} KB" if attached else "no"
            print(
                f"| {n} | {lang} | {len(bundle.email_html.encode()) / 1000:.1f} KB | {rows} "
                f"| {full} | {len(message) / 1000:.0f} KB | {page} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
