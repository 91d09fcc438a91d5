"""A table's contents as a count and a checksum that do not depend on the backend.

Each row is written in a canonical text form (numbers normalised, times in UTC), hashed, and
the hashes are added up, so the checksum ignores row order and the way a backend returns a
value (``8.50`` from PostgreSQL, ``'8.5'`` from SQLite text, a naive or an aware datetime).
"""

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Table, select

_MODULUS = 2**256


@dataclass(frozen=True)
class TableDigest:
    table: str
    rows: int
    checksum: str  # 64 hex digits


class Digester:
    """Adds rows of one table, one at a time."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.rows = 0
        self._sum = 0

    def add(self, row: Mapping[Any, Any]) -> None:
        text = json.dumps(
            [canonical(row[column.name]) for column in self.table.columns],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        self._sum = (self._sum + int(hashlib.sha256(text.encode()).hexdigest(), 16)) % _MODULUS
        self.rows += 1

    def add_all(self, rows: Iterable[Mapping[Any, Any]]) -> None:
        for row in rows:
            self.add(row)

    def digest(self) -> TableDigest:
        return TableDigest(self.table.name, self.rows, f"{self._sum:064x}")


def table_digest(connection: Connection, table: Table) -> TableDigest:
    digester = Digester(table)
    digester.add_all(connection.execute(select(table)).mappings())
    return digester.digest()


def canonical(value: object) -> object:
    """A value as JSON that two backends holding the same data render identically."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal | float):
        number = Decimal(str(value)) if isinstance(value, float) else value
        return "0" if number == 0 else format(number.normalize(), "f")
    if isinstance(value, datetime):
        return in_utc(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def in_utc(moment: datetime) -> datetime:
    """An aware datetime in UTC; a naive one is taken to be UTC already (as stored on SQLite)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
