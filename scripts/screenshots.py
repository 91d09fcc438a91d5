"""Make the pictures of the manual from the demo, as its readers see the reports:

  docs/email-375-zh.png   the monthly email on a phone (375 px), its first screens
  docs/report.png         the report's page in a desktop browser (1280 px), its top
  docs/briefing.png       the first page of the Word briefing, as LibreOffice prints it

Usage: .venv/bin/python scripts/screenshots.py

It builds the demo in a temporary folder with the commands of examples/demo.sh (init, the first
half's figures, the two typed figures and the correction) and the other districts' figures of
docs/places.md, so that the table has its ranks; then the report as of 2020-07-20, the monthly
email as a dry run (its HTML part), and the briefing through LibreOffice and pdftoppm. Chromium
is headless (/usr/bin/chromium), driven over the DevTools protocol (tests/reporting/cdp.py).
LibreOffice is given font aliases (黑体, 仿宋, 楷体, 宋体 → Noto CJK) so that the briefing's
styles show as the office's Word would show them.
"""

import base64
import os
import shutil
import subprocess
import sys
import tempfile
from email import message_from_bytes, policy
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.reporting.cdp import Browser  # noqa: E402 (after sys.path)

AS_OF = "2020-07-20"
DEMO = [
    ["init", "--demo"],
    ["import", str(ROOT / "examples" / "2020-h1-figures.csv")],
    ["record", "industry", "5.0", "--period", "2020-06", "--note", "重点企业产能逐步恢复"],
    ["record", "jobs", "2,050", "--period", "2020-06"],
    ["record", "industry", "3.9", "--period", "2020-05", "--revise", "--reason", "区统计局修订"],
]
PEERS = [  # docs/places.md, "On the demo": the other districts' and the city's figures
    ("east", "gdp", "2020-Q1", "-1.8"), ("east", "gdp", "2020-Q2", "2.6"),
    ("east", "industry", "2020-05", "4.2"), ("east", "industry", "2020-06", "5.0"),
    ("west", "gdp", "2020-Q1", "-3.1"), ("west", "gdp", "2020-Q2", "1.2"),
    ("west", "industry", "2020-05", "3.1"), ("west", "industry", "2020-06", "4.4"),
    ("south", "gdp", "2020-Q1", "-2.2"), ("south", "gdp", "2020-Q2", "0.9"),
    ("south", "industry", "2020-05", "4.5"), ("south", "industry", "2020-06", "5.6"),
    ("north", "gdp", "2020-Q1", "-2.9"), ("north", "gdp", "2020-Q2", "2.0"),
    ("north", "industry", "2020-05", "2.8"),
    ("city", "gdp", "2020-Q2", "1.5"), ("city", "industry", "2020-06", "4.6"),
]  # fmt: skip
FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
{aliases}
</fontconfig>
"""
ALIASES = {"黑体": "Noto Sans CJK SC", "仿宋": "Noto Serif CJK SC", "楷体": "Noto Serif CJK SC",
           "宋体": "Noto Serif CJK SC"}  # fmt: skip


def main() -> int:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    soffice, pdftoppm = shutil.which("soffice"), shutil.which("pdftoppm")
    if not (chromium and soffice and pdftoppm):
        print("needs chromium, soffice and pdftoppm: apt-get install chromium fonts-noto-cjk "
              "libreoffice-writer-nogui poppler-utils", file=sys.stderr)  # fmt: skip
        return 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        run = demo(work)
        run(["report", "--as-of", AS_OF, "-f", "html", "-o", str(work / "page.html")])
        run(["report", "--as-of", AS_OF, "-f", "docx", "-o", str(work / "briefing.docx")])
        run(["schedule", "run", "monthly-report", "--as-of", AS_OF, "--dry-run"])
        (eml,) = sorted((work / "reports" / "email").rglob("*leadership*.eml"))
        (work / "email.html").write_text(html_part(eml.read_bytes()), encoding="utf-8")
        with Browser(chromium, work / "profile") as browser:
            shoot(browser, work / "email.html", 375, 1500, ROOT / "docs" / "email-375-zh.png")
            shoot(browser, work / "page.html", 1280, 1000, ROOT / "docs" / "report.png")
        first_page(soffice, pdftoppm, work, ROOT / "docs" / "briefing.png")
    for name in ("email-375-zh.png", "report.png", "briefing.png"):
        print(f"docs/{name}")
    return 0


def demo(work: Path):  # type: ignore[no-untyped-def]
    """The demo's database in ``work``, and a function that runs a tracker command on it."""
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{work / 'tracker.db'}",
        "TRACKER_CONFIG_DIR": str(ROOT / "config"),
        "TRACKER_REPORTS_DIR": str(work / "reports"),
    }
    tracker = str(Path(sys.executable).parent / "tracker")

    def run(args: list[str]) -> None:
        subprocess.run([tracker, *args], env=env, cwd=work, check=True, capture_output=True)

    for args in DEMO:
        run(args)
    for place, key, period, value in PEERS:
        run(["record", key, value, "--period", period, "--place", place])
    return run


def html_part(message: bytes) -> str:
    """The HTML part of an email as a client shows it (any cid: image as a data: URI)."""
    parsed = message_from_bytes(message, policy=policy.default)
    html = str(parsed.get_body(("html",)).get_content())  # type: ignore[union-attr]
    for part in parsed.walk():
        cid = part.get("Content-ID")
        if cid and part.get_content_maintype() == "image":
            uri = "data:image/png;base64," + base64.b64encode(part.get_content()).decode()
            html = html.replace(f"cid:{cid.strip('<>')}", uri)
    return html


def shoot(browser: Browser, page: Path, width: int, height: int, out: Path) -> None:
    """The top ``height`` CSS pixels of ``page`` in a ``width``-pixel viewport, as a PNG."""
    browser.open(page, width, height)
    answer = browser.call(
        "Page.captureScreenshot",
        session=True,
        format="png",
        captureBeyondViewport=True,
        clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    )
    out.write_bytes(base64.b64decode(answer["data"]))


def first_page(soffice: str, pdftoppm: str, work: Path, out: Path) -> None:
    """The briefing printed to PDF by LibreOffice (its fonts aliased to Noto CJK), page one as
    a PNG at 80 dpi."""
    aliases = "\n".join(
        f'  <alias binding="same"><family>{name}</family><prefer><family>{font}</family>'
        "</prefer></alias>"
        for name, font in ALIASES.items()
    )
    fonts = work / "fonts.conf"
    fonts.write_text(FONTS.format(aliases=aliases), encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
    profile = (work / "office").as_uri()
    subprocess.run(
        [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(work), str(work / "briefing.docx")],
        env=env, check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    subprocess.run(
        [pdftoppm, "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
         str(work / "briefing.pdf"), str(work / "page")],
        check=True, capture_output=True,
    )  # fmt: skip
    shutil.copyfile(work / "page.png", out)


if __name__ == "__main__":
    sys.exit(main())
