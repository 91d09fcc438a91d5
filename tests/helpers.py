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
