"""A config folder written for one test: owners, indicators, places and each year's goals and
known results, as a planning office would write them (docs/configuration.md)."""

from collections.abc import Mapping
from pathlib import Path

from tests.cli.conftest import Run

OWNERS = """
[owners.stats]
name_zh = "统计局"
name_en = "Statistics Bureau"

[owners.commerce]
name_zh = "商务局"
name_en = "Commerce Bureau"
"""


def write_config(
    folder: Path,
    *,
    indicators: str,
    goals: Mapping[str, str],
    places: str | None = None,
    results: Mapping[str, str] | None = None,
    plans: Mapping[str, str] | None = None,
) -> Path:
    """Write the config into ``folder``; ``goals``, ``results`` and ``plans``: file name
    (``2023`` or ``east/2023``) -> text. Returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "owners.toml").write_text(OWNERS, encoding="utf-8")
    (folder / "indicators.toml").write_text(indicators, encoding="utf-8")
    if places is not None:
        (folder / "places.toml").write_text(places, encoding="utf-8")
    for kind, files in (("goals", goals), ("results", results or {}), ("plans", plans or {})):
        for name, text in files.items():
            path = folder / kind / f"{name}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return folder


def configured(run: Run, folder: Path) -> Run:
    """``run`` with ``--config folder``, after ``init`` has loaded it."""

    def with_config(*args: str) -> object:
        return run("--config", str(folder), *args)

    result = with_config("init")
    assert result.exit_code == 0, result.output
    return with_config  # type: ignore[return-value]
