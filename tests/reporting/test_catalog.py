"""The Chinese catalog: every message of the code and templates translated, the .mo current."""

import gettext
import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from tracker.reporting.language import LOCALE_DIR

PACKAGE = LOCALE_DIR.parent
PO = LOCALE_DIR / "zh" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {
    "w": None,
    "plural": (1, 2),
    "marked": None,
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
}


def catalog():
    with PO.open("rb") as f:
        return read_po(f, locale="zh")


def extracted() -> set[str]:
    method_map = [("**.py", "python"), ("templates/**", "jinja2")]
    options = {"templates/**": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _, _, message, _, _ in extract_from_dir(
        PACKAGE, method_map, options_map=options, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_in_the_code_and_templates_is_translated() -> None:
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalog()
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = extracted() - translated
    assert not missing, f"untranslated (run scripts/messages.sh): {sorted(missing)}"


def test_the_compiled_catalog_matches_the_po_file() -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalog())
    assert MO.read_bytes() == compiled.getvalue(), "recompile: sh scripts/messages.sh"
    shipped = gettext.GNUTranslations(io.BytesIO(MO.read_bytes()))
    assert shipped.gettext("Behind the target") == "未达目标"


def test_the_locale_files_are_in_the_package() -> None:
    assert Path(PACKAGE, "templates", "report.html").is_file()
    assert PO.is_file()
    assert MO.is_file()
