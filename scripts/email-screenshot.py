"""Make the picture of the monthly email on a phone in docs/delivery.md: docs/email-375-zh.png.

Usage: .venv/bin/python scripts/email-screenshot.py [WIDTH]
The email as sent (CSS inlined, charts from their attached images) of the test dataset
(tests/reporting/dataset.py), in a headless Chromium (/usr/bin/chromium) with a 375 px wide
viewport by device-metrics emulation; 375 unless WIDTH is given.
"""

import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reporting import dataset  # noqa: E402 (after sys.path)
from tests.reporting.cdp import Browser  # noqa: E402
from tests.reporting.mail import as_received  # noqa: E402
from tracker.reporting.render import render_goals  # noqa: E402


def main() -> int:
    width = int(sys.argv[1]) if len(sys.argv) > 1 else 375
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        print("no chromium: apt-get install chromium fonts-noto-cjk", file=sys.stderr)
        return 1
    bundle = render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh")
    shot = ROOT / "docs" / f"email-{width}-zh.png"
    with tempfile.TemporaryDirectory() as work:
        page = Path(work) / "email.html"
        page.write_text(as_received(bundle), encoding="utf-8")
        with Browser(binary, Path(work) / "profile") as browser:
            browser.open(page, width, 800)
            shot.write_bytes(browser.screenshot())
    print(shot.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
