"""Small builders for tests: the database's full contents, to prove a refusal changed nothing."""

from sqlalchemy import Engine, MetaData, select


def snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a stable order."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {
            name: sorted(tuple(map(repr, row)) for row in conn.execute(select(table)))
            for name, table in sorted(meta.tables.items())
        }


def examples(thorough: int) -> int:
    """How many examples a property test tries: ``thorough`` under the thorough Hypothesis
    profile (``make check`` and ``make test``), a quarter of it, at least 10, under the quick
    one, the default (tests/conftest.py)."""
    from hypothesis import settings

    if settings.get_current_profile_name() == "thorough":
        return thorough
    return max(10, thorough // 4)
