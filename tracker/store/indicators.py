"""Indicators: saving their definitions, reading them back as the domain's ``Indicator``."""

import functools
from decimal import Decimal

from sqlmodel import Session, col, select

from tracker.domain.model import Indicator, Measure, Owner
from tracker.domain.periods import Cadence
from tracker.store.tables import IndicatorRow

# The columns an ``Indicator`` is built from, in the order of ``indicator_from_columns``'s
# parameters: queries that read many rows select these rather than ORM objects.
INDICATOR_FIELDS = (
    "key",
    "name_zh",
    "name_en",
    "unit",
    "measure",
    "cadence",
    "owner_key",
    "owner_zh",
    "owner_en",
    "start_month",
    "lag_days",
    "minimum",
    "maximum",
    "decimals",
    "aliases",
    "max_step",
)

# Enum members and owners by their stored text, each looked up once per distinct text: reading
# a city's goals asks for the same few thousands of times. Unknown text still raises.
measure_of = functools.cache(Measure)
cadence_of = functools.cache(Cadence)
owner_of = functools.lru_cache(maxsize=4096)(Owner)


def save_indicator(*, session: Session, indicator: Indicator) -> IndicatorRow:
    """Insert the indicator, or update its definition in place (its figures stay)."""
    row = session.exec(select(IndicatorRow).where(IndicatorRow.key == indicator.key)).first()
    fields = indicator_fields(indicator)
    if row is None:
        row = IndicatorRow.model_validate(fields)
    else:
        for name, value in fields.items():
            setattr(row, name, value)
    session.add(row)
    session.flush()
    return row


def indicator_row(*, session: Session, key: str, lock: bool = False) -> IndicatorRow | None:
    """The indicator's row; with ``lock``, held until the transaction ends (a row lock where the
    database has them; elsewhere a writer already holds the whole database)."""
    query = select(IndicatorRow).where(IndicatorRow.key == key)
    return session.exec(query.with_for_update() if lock else query).first()


def indicators(*, session: Session) -> list[tuple[int, Indicator]]:
    """Every indicator with its id, in the order they were defined."""
    rows = session.exec(select(IndicatorRow).order_by(col(IndicatorRow.id))).all()
    return [(row.id or 0, indicator_from_row(row)) for row in rows]


def indicator_ids(*, session: Session) -> dict[str, int]:
    """Every indicator's id, by key."""
    rows = session.exec(select(IndicatorRow.key, IndicatorRow.id)).all()
    return {key: ident for key, ident in rows if ident is not None}


def indicator_from_row(row: IndicatorRow) -> Indicator:
    return indicator_from_columns(*(getattr(row, name) for name in INDICATOR_FIELDS))


def indicator_from_columns(
    key: str,
    name_zh: str,
    name_en: str,
    unit: str,
    measure: str,
    cadence: str,
    owner_key: str,
    owner_zh: str,
    owner_en: str,
    start_month: int,
    lag_days: int,
    minimum: Decimal | None,
    maximum: Decimal | None,
    decimals: int,
    aliases: str = "",
    max_step: Decimal | None = None,
) -> Indicator:
    """An indicator from its columns (INDICATOR_FIELDS), numbers already Decimal or None."""
    return Indicator(
        key=key,
        name_zh=name_zh,
        name_en=name_en,
        unit=unit,
        measure=measure_of(measure),
        cadence=cadence_of(cadence),
        owner=owner_of(owner_key, owner_zh, owner_en),
        start_month=start_month,
        lag_days=lag_days,
        minimum=minimum,
        maximum=maximum,
        decimals=decimals,
        aliases=tuple(aliases.splitlines()) if aliases else (),
        max_step=max_step,
    )


def indicator_fields(indicator: Indicator) -> dict[str, object]:
    """The indicator's columns, as ``IndicatorRow`` takes them."""
    return {
        "key": indicator.key,
        "name_zh": indicator.name_zh,
        "name_en": indicator.name_en,
        "unit": indicator.unit,
        "measure": indicator.measure.value,
        "cadence": indicator.cadence.value,
        "start_month": indicator.start_month,
        "lag_days": indicator.lag_days,
        "decimals": indicator.decimals,
        "minimum": indicator.minimum,
        "maximum": indicator.maximum,
        "owner_key": indicator.owner.key,
        "owner_zh": indicator.owner.name_zh,
        "owner_en": indicator.owner.name_en,
        "aliases": "\n".join(indicator.aliases),
        "max_step": indicator.max_step,
    }
