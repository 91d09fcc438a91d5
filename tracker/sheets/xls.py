"""Opening an Excel 97–2003 (.xls) workbook with xlrd, safe from a damaged file (imported only
where xlrd is).

An .xls file is an OLE compound document: its streams are chains of sectors, each naming the
next. xlrd 2.0.1 (its last release) follows a short stream's chain without noticing a loop, so
a damaged file whose chain points back into itself makes it read without end: five flipped
bits took 18 GB of memory. ``open_xls`` has xlrd check the chain first, and keeps each row as
long as its last cell (``ragged_rows``), not the widest row's width.
"""

from pathlib import Path
from typing import Any

import xlrd
from xlrd import compdoc


class _CheckedCompDoc(compdoc.CompDoc):  # type: ignore[misc]
    """xlrd's compound document, refusing a chain of sectors that goes round in a loop."""

    def _get_stream(
        self,
        mem: Any,
        base: int,
        sat: list[int],
        sec_size: int,
        start_sid: int,
        size: int | None = None,
        name: str = "",
        seen_id: int | None = None,
    ) -> Any:
        sid, steps = start_sid, 0
        while 0 <= sid < len(sat):
            steps += 1
            if steps > len(sat):  # more steps than sectors: it has come back to one
                raise compdoc.CompDocError(f"OLE2 stream {name!r}: its sectors form a loop")
            sid = sat[sid]
        return super()._get_stream(mem, base, sat, sec_size, start_sid, size, name, seen_id)


class _Quiet:
    """Where xlrd's warnings about a damaged file go (by default: standard output, into the
    import's own report)."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


def open_xls(path: Path) -> Any:
    """The workbook of ``path``, its sheets parsed when first asked for (xlrd's Book). Raises
    whatever xlrd raises for a damaged file (any Exception)."""
    compdoc.CompDoc = _CheckedCompDoc  # the class xlrd's reader makes its documents with
    return xlrd.open_workbook(
        str(path), formatting_info=True, on_demand=True, ragged_rows=True, logfile=_Quiet()
    )
