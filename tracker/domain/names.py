"""Names that become file names (an owner's form, a job's .eml files) stay inside their folder."""

from pathlib import Path

from tracker.domain.errors import InvalidInput


def inside(folder: Path, name: str) -> Path:
    """``folder / name`` when ``name`` is one plain file name; InvalidInput when it would
    reach elsewhere (a path separator, ``..``, a leading dot, a NUL)."""
    plain = name not in ("", ".", "..") and not name.startswith(".")
    if not plain or "/" in name or "\\" in name or "\x00" in name:
        raise InvalidInput(
            f"{name!r} cannot be a file name in {folder}: it would reach outside the folder; "
            "rename the key in the config (letters, digits, - and _)"
        )
    return folder / name
