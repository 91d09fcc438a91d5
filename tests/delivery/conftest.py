import pytest
from sqlalchemy import Engine

from tracker.store.schema import ensure_schema


@pytest.fixture
def store(engine: Engine) -> Engine:
    """An empty database with every table."""
    ensure_schema(engine)
    return engine
