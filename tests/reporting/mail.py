"""The email's HTML as a mail client shows it, and with its CSS taken away."""

import base64
import re

from tracker.reporting.bundle import ReportBundle

_STYLE_ELEMENT = re.compile(r"<style\b.*?</style>", re.S | re.I)
_STYLE_ATTRIBUTE = re.compile(r'\sstyle="[^"]*"', re.I)


def as_received(bundle: ReportBundle) -> str:
    """``email_html`` with each ``cid:`` image replaced by its attached PNG, as a client
    shows it (a data: URI here only so that a browser can open the file)."""
    html = bundle.email_html
    for image in bundle.images:
        uri = "data:image/png;base64," + base64.b64encode(image.png).decode()
        html = html.replace(f'src="cid:{image.cid}"', f'src="{uri}"')
    return html


def without_style_elements(html: str) -> str:
    """What a client that drops ``<style>`` blocks shows (the inlined styles stay)."""
    return _STYLE_ELEMENT.sub("", html)


def without_css(html: str) -> str:
    """No CSS at all: neither ``<style>`` blocks nor ``style`` attributes."""
    return _STYLE_ATTRIBUTE.sub("", without_style_elements(html))
