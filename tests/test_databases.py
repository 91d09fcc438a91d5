"""The tests' databases: a copy of a template is the database the real code makes."""

from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect

from tests.conftest import CONFIG_DIR
from tests.databases import LOADED, LOADED_AT, MIGRATED, Databases, build
from tests.helpers import snapshot
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.store.db import make_engine


def schema(engine: Engine) -> dict[str, object]:
    """Every table's columns, keys, indexes and constraints as the backend reports them."""
    found = inspect(engine)
    return {
        table: (
            [(c["name"], str(c["type"]), c["nullable"], c["default"])
             for c in found.get_columns(table)],
            found.get_pk_constraint(table),
            sorted(found.get_foreign_keys(table), key=repr),
            sorted(found.get_indexes(table), key=repr),
            sorted(found.get_unique_constraints(table), key=repr),
            sorted(found.get_check_constraints(table), key=repr),
        )
        for table in sorted(found.get_table_names())
    }  # fmt: skip


@pytest.mark.parametrize("kind", [MIGRATED, LOADED])
def test_a_copy_of_a_template_is_what_the_real_code_makes(
    database_url: str, databases: Databases, tmp_path: Path, kind: str
) -> None:
    built_url = databases.new_like(database_url, tmp_path / "built")
    databases.fill(database_url, kind)
    built, copied = make_engine(built_url), make_engine(database_url)
    try:
        build(built, kind, CONFIG_DIR)
        assert schema(copied) == schema(built)
        assert snapshot(copied) == snapshot(built)
        if kind == LOADED:  # the ids go on from the same place
            for engine in (built, copied):
                figure = FigureInput("industry", "2020-06", "6.1")
                record_figure(Database(engine), figure, by="test", now=LOADED_AT)
            assert snapshot(copied) == snapshot(built)
    finally:
        built.dispose()
        copied.dispose()
        databases.drop(built_url)


def test_a_template_is_copied_only_into_a_database_nothing_has_opened(
    databases: Databases, tmp_path: Path
) -> None:
    url = databases.new("sqlite", str(tmp_path))
    make_engine(url).dispose()
    engine = make_engine(url)
    with engine.connect():
        pass
    engine.dispose()
    with pytest.raises(RuntimeError, match="was opened before the template was copied to it"):
        databases.fill(url, MIGRATED)
