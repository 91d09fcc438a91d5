"""The schema: every table's metadata, bringing a database up to it, and what it holds."""

from sqlalchemy import Engine, MetaData, func, inspect
from sqlmodel import Session, SQLModel, select

from tracker.store import project_tables, tables
from tracker.store.tables import FigureRow, GoalRow, IndicatorRow


def all_tables() -> MetaData:
    """The metadata of every table: the migrations are checked against it and
    ``tracker db copy`` copies each of its tables. Its tables are those of ``tables``, which
    this module imports; a new module of tables must be imported here too."""
    assert tables.__name__  # imported so that the metadata holds every table
    assert project_tables.__name__
    return SQLModel.metadata


def ensure_schema(engine: Engine) -> None:
    """Bring the database to the current schema by running the migrations (see
    ``tracker.store.migrate.upgrade``); existing rows are kept."""
    from tracker.store.migrate import upgrade

    upgrade(engine)


def has_schema(engine: Engine) -> bool:
    """Whether the tables exist (``tracker init`` has run)."""
    return inspect(engine).has_table(FigureRow.__tablename__)


def counts(*, session: Session) -> dict[str, int]:
    """How many indicators, goals, figures (one per indicator and period) and revisions of
    figures (every one ever recorded) the database holds."""
    figures = select(FigureRow.indicator_id, FigureRow.period).distinct().subquery()
    return {
        "indicators": session.exec(select(func.count()).select_from(IndicatorRow)).one(),
        "goals": session.exec(select(func.count()).select_from(GoalRow)).one(),
        "figures": session.exec(select(func.count()).select_from(figures)).one(),
        "revisions": session.exec(select(func.count()).select_from(FigureRow)).one(),
    }
