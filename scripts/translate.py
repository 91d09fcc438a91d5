"""Fill Chinese translations into the report catalog from a JSON file of {msgid: msgstr}.

Usage: .venv/bin/python scripts/translate.py FILE.json, then sh scripts/messages.sh compiles.
Only messages without a translation are filled; plural messages take a list.
"""

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parents[1] / "tracker/reporting/locale/zh/LC_MESSAGES/messages.po"


def main() -> int:
    wanted = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    with PO.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key in wanted:
            value = wanted[key]
            message.string = tuple(value) if isinstance(value, list) else value
    with PO.open("wb") as f:
        write_po(f, catalog, width=100, omit_header=False, ignore_obsolete=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
