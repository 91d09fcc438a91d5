"""The HTML report in a real headless Chromium (Debian's ``chromium``, fonts-noto-cjk).

Without Chromium the tests skip with the reason, unless TRACKER_REQUIRE_BROWSER is set (CI),
in which case they fail. The screenshot is kept in test-artifacts/ for people to look at.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.reporting import dataset
from tracker.reporting.render import render_goals

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
HARNESS = Path(__file__).with_name("measure.js")
MAIL_WIDTH = 640
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--enable-logging=stderr",
    "--v=0",
]
CONSOLE = re.compile(r":CONSOLE[:(]\d+\)?\] (.*)")


def chromium_binary() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if os.environ.get("TRACKER_REQUIRE_BROWSER"):
            pytest.fail("TRACKER_REQUIRE_BROWSER is set but chromium is not installed")
        pytest.skip("no chromium: apt-get install chromium fonts-noto-cjk (see .ci/run)")
    return found


def chromium(page: Path, profile: Path, *args: str) -> tuple[str, list[str]]:
    """Open ``page``; return what Chromium printed and the page's console messages."""
    done = subprocess.run(
        [chromium_binary(), *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout, [m.group(1) for m in CONSOLE.finditer(done.stderr)]


def measure(report: Path, tmp_path: Path, width: int) -> tuple[dict, list[str]]:
    harness = report.with_name("harness.html")
    shutil.copy(HARNESS, report.with_name(HARNESS.name))
    html = report.read_text(encoding="utf-8")
    harness.write_text(html.replace("</body>", f'<script src="{HARNESS.name}"></script></body>'))
    dom, console = chromium(
        harness, tmp_path / "profile", f"--window-size={width},1600", "--dump-dom"
    )
    found = re.search(r'<pre id="measurements">(.*?)</pre>', dom)
    assert found, "the harness did not run"
    return json.loads(found.group(1)), console


@pytest.fixture
def report(tmp_path: Path) -> Path:
    b = render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh")
    path = tmp_path / "report.html"
    path.write_text(b.html, encoding="utf-8")
    return path


def test_the_console_check_catches_an_error(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<html><body><script>console.error('broken on purpose')</script></body></html>")
    _, console = chromium(page, tmp_path / "profile", "--dump-dom")
    assert any("broken on purpose" in line for line in console)


def test_the_report_loads_cleanly_lagging_first_within_the_mail_width(
    report: Path, tmp_path: Path
) -> None:
    m, console = measure(report, tmp_path, 1024)
    assert console == []
    assert m["charts"] == 5
    assert m["images"] == 0
    assert m["mainWidth"] <= MAIL_WIDTH
    assert m["widest"] <= MAIL_WIDTH
    assert m["overflowRight"] <= 0.5, m["widestElement"]
    assert m["sections"][:2] == ["overview", "behind"]
    assert m["tops"]["behind"] < m["tops"]["others"] < m["tops"]["notes"]


def test_the_report_holds_on_a_narrow_screen(report: Path, tmp_path: Path) -> None:
    m, console = measure(report, tmp_path, 500)
    assert console == []
    assert m["scrollWidth"] <= m["viewport"], m["widestElement"]


def test_a_screenshot_is_kept_as_a_test_artefact(report: Path, tmp_path: Path) -> None:
    chromium_binary()
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    if not fonts.strip():
        if os.environ.get("TRACKER_REQUIRE_BROWSER"):
            pytest.fail("no CJK font: apt-get install fonts-noto-cjk")
        pytest.skip("no CJK font: apt-get install fonts-noto-cjk")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report-zh.png"
    shot.unlink(missing_ok=True)
    chromium(report, tmp_path / "profile", "--window-size=680,2800", f"--screenshot={shot}")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000


LEAGUE_HARNESS = """<script>
window.addEventListener("load", function () {
  var widths = Array.prototype.map.call(document.querySelectorAll("table.league"), function (t) {
    return t.getBoundingClientRect().width;
  });
  var pre = document.createElement("pre");
  pre.id = "measurements";
  pre.textContent = JSON.stringify({viewport: window.innerWidth, league: widths});
  document.body.appendChild(pre);
});
</script></body>"""


def test_the_league_tables_fit_a_phone_screen(tmp_path: Path) -> None:
    from tests.reporting.test_league import near

    b = render_goals(
        dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang="zh", near=near("zh")
    )
    page = tmp_path / "league.html"
    page.write_text(b.html.replace("</body>", LEAGUE_HARNESS), encoding="utf-8")
    dom, console = chromium(page, tmp_path / "profile", "--window-size=375,1600", "--dump-dom")
    found = re.search(r'<pre id="measurements">(.*?)</pre>', dom)
    assert found, "the harness did not run"
    m = json.loads(found.group(1))
    assert console == []
    assert len(m["league"]) == 4
    assert max(m["league"]) <= 375 - 2 * 20, m  # inside the section's padding
