"""What a revision keeps: the one rule for recording a figure over a stored one.

``tracker record`` and ``tracker import`` both ask ``decide`` (docs/status-rules.md, section
"Revisions"): a figure for a period with nothing stored is new; over a stored figure it is a
revision that carries over everything it does not restate (amount, note, source and the
preliminary flag), or, when it restates nothing different, unchanged. Over a withdrawn
figure it is new again: the next revision, carrying nothing of the figure taken back.
``Revision`` is one stored revision as the history shows it.
"""

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import NamedTuple, Protocol

from tracker.domain.errors import Conflict, NotFound
from tracker.domain.numbers import plain


class Outcome(enum.StrEnum):
    NEW = "new"  # nothing stored for the period (revision 1), or a withdrawn figure
    REVISION = "revision"  # differs from the stored figure: the next revision
    UNCHANGED = "unchanged"  # says nothing the stored figure does not already say


class Current(Protocol):
    """The stored current revision of a figure (a table row or an import's snapshot alike)."""

    @property
    def revision(self) -> int: ...
    @property
    def value(self) -> Decimal: ...
    @property
    def amount(self) -> Decimal | None: ...
    @property
    def preliminary(self) -> bool: ...
    @property
    def note(self) -> str | None: ...
    @property
    def source(self) -> str | None: ...
    @property
    def withdrawn(self) -> bool: ...


class Decision(NamedTuple):
    """The outcome, and the fields the figure to store carries (for UNCHANGED: the stored ones).

    ``revision`` is the number it would get (1 when new over nothing, the next one when new
    over a withdrawn figure); ``previous`` the stored value it replaces (None when new).
    """

    outcome: Outcome
    revision: int
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None
    previous: Decimal | None


def decide(
    current: Current | None,
    value: Decimal,
    amount: Decimal | None = None,
    note: str | None = None,
    source: str | None = None,
    preliminary: bool | None = None,
) -> Decision:
    """New, revision or unchanged, with what the figure carries (docs/status-rules.md, Revisions).

    ``current``: the stored current revision (a withdrawal among them), None when nothing is
    stored for the period. The rest is what a person gave; ``value`` always, the others None
    when not said (no option, an empty cell): ``amount`` in the indicator's absolute unit,
    ``preliminary`` True for an estimate (预计) and False for the final figure.

    A new figure that does not say it is preliminary is not. A figure over a withdrawn one is
    new: it takes the next revision number and carries nothing of the figure withdrawn, so
    the withdrawn value given again is recorded again, not unchanged. A revision keeps each
    of amount, note, source and the preliminary flag it leaves unsaid; a correction that is
    the final figure says so with ``preliminary=False``. (Called once per row of an import:
    the fields are passed as they are, without a container to build.)
    """
    if current is None or current.withdrawn:
        revision = 1 if current is None else current.revision + 1
        return Decision(Outcome.NEW, revision, value, amount, bool(preliminary), note, source, None)
    if amount is None:
        amount = current.amount
    if preliminary is None:
        preliminary = current.preliminary
    if note is None:
        note = current.note
    if source is None:
        source = current.source
    same = (
        value == current.value
        and amount == current.amount
        and preliminary == current.preliminary
        and note == current.note
        and source == current.source
    )
    return Decision(
        Outcome.UNCHANGED if same else Outcome.REVISION,
        current.revision + 1,
        value,
        amount,
        preliminary,
        note,
        source,
        current.value,
    )


@dataclass(frozen=True)
class Revision:
    """One revision of one figure, as stored: revisions are only ever added, never changed."""

    period: str  # "2020-06", "2020-Q2", "2020"
    revision: int  # 1 for the first figure, then 2, 3, ...
    value: Decimal  # in the indicator's unit (percent for a growth rate)
    amount: Decimal | None  # the year-to-date absolute amount, when given
    preliminary: bool
    note: str | None
    source: str | None
    source_file: str | None  # the imported file it came from, if any
    source_row: int | None  # ... and its row there
    reason: str | None  # why it was revised (None for the first revision)
    recorded_by: str
    recorded_at: datetime  # aware, in UTC
    withdrawn: bool = False  # this revision takes the figure back (its value: the one withdrawn)

    @property
    def origin(self) -> str:
        """Where the figure came from: its source, else ``file:row`` of an import, else ''."""
        if self.source:
            return self.source
        return f"{self.source_file}:{self.source_row}" if self.source_file else ""


class StoredFigure(NamedTuple):
    """The current revision of one figure, as an import compares it."""

    revision: int
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None
    withdrawn: bool = False  # the current revision takes the figure back


def require_intent(
    where: str,
    outcome: Outcome,
    current: tuple[Decimal, int] | None,
    reason: str | None,
    unit: str = "",
) -> None:
    """A typed figure against the current one (docs/figures.md, "Revisions and the history"):
    ``--revise`` (a ``reason``) needs a figure to revise, and a figure that would change the
    current one (``current``: its value and revision, None without one) needs ``--revise``.
    ``where`` names the figure in the message ("industry 2020-06", "蒙牛四期工厂 2020-06"),
    ``unit`` follows the value ("亿元").

    Raises:
        NotFound: a reason given with nothing to revise.
        Conflict: a change to a recorded figure without a reason."""
    if outcome is Outcome.NEW:  # nothing stored, or a withdrawn figure recorded anew
        if reason is not None and current is None:
            raise NotFound(
                f"{where} has no figure to revise; record it without --revise.",
                zh=f"{where} 尚无数据可修订；请去掉 --revise 直接录入。",
            )
        return
    if reason is None and current is not None:
        value, revision = plain(current[0]) + unit, current[1]
        raise Conflict(
            f"{where} is already recorded as {value} (revision {revision}); to correct it, "
            "add --revise --reason 'why'.",
            zh=f"{where} 已录入为 {value}（第{revision}版）；"
            "如需更正，请加 --revise --reason '原因'。",
        )
