"""Column types that keep numbers exact on every backend."""

from decimal import Decimal
from typing import Any

from sqlalchemy import Numeric, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from tracker.store.capabilities import SUPPORTED


class ExactDecimal(TypeDecorator[Decimal]):
    """A Decimal stored exactly: NUMERIC where the database has it, text on SQLite.

    SQLite keeps NUMERIC as a binary float; text keeps 8.5 as 8.5 and 0.3 as 0.3.
    """

    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if _exact_numeric(dialect):
            return dialect.type_descriptor(Numeric(asdecimal=True))
        return dialect.type_descriptor(String(40))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value if _exact_numeric(dialect) else format(value, "f")

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else to_decimal(value)


def _exact_numeric(dialect: Dialect) -> bool:
    """Whether the backend's NUMERIC is exact (a dialect only compiling SQL counts as exact)."""
    known = SUPPORTED.get(dialect.name)
    return known is None or known.exact_numeric


def to_decimal(value: Any) -> Decimal:
    """The Decimal of a value as the driver returns it: text on SQLite, Decimal on PostgreSQL."""
    return Decimal(value) if isinstance(value, str) else Decimal(str(value))
