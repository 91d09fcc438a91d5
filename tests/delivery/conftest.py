import pytest
from sqlalchemy import Engine


@pytest.fixture
def store(engine: Engine, migrated: str) -> Engine:
    """An empty database with every table (a copy of the session's migrated template)."""
    return engine
