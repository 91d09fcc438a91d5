"""The Jinja2 environment: package templates, autoescape for HTML, StrictUndefined, gettext."""

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tracker.reporting.language import translations

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>()#|!~])")


@cache
def environment(lang: str) -> Environment:
    env = Environment(
        loader=PackageLoader("tracker.reporting", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["md"] = markdown_text
    return env


def markdown_text(value: object) -> str:
    """User text made inert in Markdown: punctuation escaped, on one line."""
    text = " ".join(str(value).split())
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
