"""The email on a phone: in a real headless Chromium at 320, 375 and 640 px, in both
languages, as sent (CSS inlined, the at-rules in a ``<style>`` block), without its ``<style>``
blocks (as clients that drop them show it) and without any CSS at all.

Chromium's window is 500 px at the narrowest: the narrower viewports come from device-metrics
emulation over the DevTools protocol (``cdp``). Widths are ``scrollWidth`` of the document:
anything off screen to the right makes it wider than the viewport.
"""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.reporting import dataset
from tests.reporting.cdp import Browser
from tests.reporting.mail import as_received, without_css, without_style_elements
from tests.reporting.test_browser import chromium_binary
from tracker.reporting.bundle import ReportBundle
from tracker.reporting.render import render_goals

pytestmark = pytest.mark.slow

WIDTHS = (320, 375, 640)
FORMS: dict[str, Callable[[str], str]] = {
    "as sent": lambda html: html,
    "without <style>": without_style_elements,
    "without CSS": without_css,
}
MEASURE = """JSON.stringify({
  viewport: window.innerWidth,
  scrollWidth: document.documentElement.scrollWidth,
  names: Array.from(document.querySelectorAll('span.name'), function (n) {
    var tops = new Set(Array.from(n.getClientRects(), function (r) { return Math.round(r.top); }));
    return [n.textContent, tops.size];
  }),
  wide: Array.from(document.querySelectorAll('body *')).filter(function (e) {
    return e.getBoundingClientRect().right > window.innerWidth + 0.5;
  }).map(function (e) { return e.tagName + '.' + e.className; }).slice(0, 5),
  images: document.images.length,
  rows: Array.from(document.querySelectorAll('div.ov-row'), function (r) {
    var b = r.getBoundingClientRect();
    return [r.querySelector('.ov-name').textContent, Math.round(b.left), Math.round(b.right)];
  })
})"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with Browser(chromium_binary(), tmp_path_factory.mktemp("profile")) as b:
        yield b


@pytest.fixture(scope="module")
def bundles() -> dict[str, ReportBundle]:
    return {
        lang: render_goals(dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang=lang)
        for lang in ("zh", "en")
    }


def measured(browser: Browser, html: str, width: int, folder: Path) -> dict:  # type: ignore[type-arg]
    import json

    page = folder / "email.html"
    page.write_text(html, encoding="utf-8")
    browser.open(page, width)
    found: dict = json.loads(browser.evaluate(MEASURE))  # type: ignore[type-arg]
    return found


@pytest.mark.parametrize("form", list(FORMS))
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_nothing_is_off_screen_and_names_take_one_or_two_lines(
    browser: Browser,
    bundles: dict[str, ReportBundle],
    tmp_path: Path,
    lang: str,
    width: int,
    form: str,
) -> None:
    m = measured(browser, FORMS[form](as_received(bundles[lang])), width, tmp_path)
    assert m["viewport"] == width
    assert m["scrollWidth"] <= width, m["wide"]
    assert len(m["names"]) == 12  # every goal in full, its name measured
    assert all(lines <= 2 for _, lines in m["names"]), m["names"]
    assert m["images"] == 0  # the email carries no chart
    assert len(m["rows"]) == 12  # the overview table, every goal, inside the screen
    assert all(left >= 0 and right <= width for _, left, right in m["rows"]), m["rows"]


def test_the_measurement_sees_a_page_wider_than_the_phone(browser: Browser, tmp_path: Path) -> None:
    wide = '<html><body><table width="400"><tr><td>x</td></tr></table></body></html>'
    m = measured(browser, wide, 320, tmp_path)
    assert m["scrollWidth"] > 320
    assert m["wide"]


def test_the_measurement_counts_the_lines_a_name_takes(browser: Browser, tmp_path: Path) -> None:
    long = "规模以上工业增加值增速" * 4
    page = f'<html><body><p><span class="name">{long}</span></p></body></html>'
    ((_, lines),) = measured(browser, page, 320, tmp_path)["names"]
    assert lines >= 3


DARK = """JSON.stringify({
  main: getComputedStyle(document.querySelector('table.main')).backgroundColor,
  text: getComputedStyle(document.querySelector('h1')).color,
  plates: Array.from(document.querySelectorAll('svg.chart > rect'), function (r) {
    return getComputedStyle(r).fill;
  }),
  lights: Array.from(document.querySelectorAll('.ov-row span.ov-status'), function (td) {
    return getComputedStyle(td).backgroundColor;
  }).slice(0, 3)
})"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_in_dark_mode_the_page_darkens_and_each_chart_and_light_keeps_its_colours(
    browser: Browser, bundles: dict[str, ReportBundle], tmp_path: Path, lang: str
) -> None:
    import json

    page = tmp_path / "page.html"
    page.write_text(bundles[lang].html, encoding="utf-8")
    browser.colour_scheme("dark")
    try:
        browser.open(page, 375)
        dark = json.loads(browser.evaluate(DARK))
    finally:
        browser.colour_scheme("light")
    browser.open(page, 375)
    light = json.loads(browser.evaluate(DARK))
    assert light["main"] == "rgb(255, 255, 255)"
    assert dark["main"] == "rgb(30, 30, 30)"
    assert dark["text"] == "rgb(232, 232, 232)"
    assert dark["plates"] == ["rgb(255, 255, 255)"] * 5
    red, yellow = "rgb(198, 40, 40)", "rgb(249, 198, 35)"
    assert dark["lights"] == light["lights"] == [red, red, yellow]  # gdp, industry, fai


@pytest.mark.parametrize("width", WIDTHS)
def test_the_archive_index_fits_a_phone(browser: Browser, tmp_path: Path, width: int) -> None:
    from tracker.reporting.archive import write_files

    reports = tmp_path / "reports"
    for lang in ("zh", "en"):
        bundle = render_goals(
            dataset.goals(), dataset.figures(), as_of=dataset.AS_OF, lang=lang, owner="industry"
        )
        write_files(bundle, reports, ("html", "text", "md", "json"))
    browser.open(reports / "index.html", width)
    assert browser.evaluate("document.documentElement.scrollWidth") <= width
    assert browser.evaluate("document.querySelectorAll('li a').length") == 8
