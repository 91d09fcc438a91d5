"""The rule for what a revision keeps (docs/status-rules.md, "Revisions")."""

from decimal import Decimal
from typing import NamedTuple

from tracker.domain.revisions import Decision, Outcome, decide


class Stored(NamedTuple):
    revision: int
    value: Decimal
    amount: Decimal | None
    preliminary: bool
    note: str | None
    source: str | None
    withdrawn: bool = False


STORED = Stored(2, Decimal("5.5"), Decimal(1000), True, "快报", "区统计局")


def test_it_calls_a_figure_with_nothing_stored_new_and_not_preliminary() -> None:
    assert decide(None, Decimal("5.5")) == Decision(
        Outcome.NEW, 1, Decimal("5.5"), None, False, None, None, None
    )


def test_it_keeps_a_new_figure_given_as_an_estimate_preliminary() -> None:
    assert decide(None, Decimal("5.5"), preliminary=True).preliminary is True


def test_a_revision_carries_over_everything_it_does_not_restate() -> None:
    assert decide(STORED, Decimal("5.6")) == Decision(
        Outcome.REVISION, 3, Decimal("5.6"), Decimal(1000), True, "快报", "区统计局", Decimal("5.5")
    )


def test_a_revision_said_to_be_final_clears_the_preliminary_flag() -> None:
    decision = decide(STORED, Decimal("5.5"), preliminary=False)
    assert (decision.outcome, decision.preliminary) == (Outcome.REVISION, False)


def test_what_a_revision_restates_replaces_the_stored_field() -> None:
    decision = decide(STORED, Decimal("5.6"), Decimal(1010), "修订", "快报二")
    assert (decision.amount, decision.note, decision.source) == (Decimal(1010), "修订", "快报二")


def test_restating_only_what_is_stored_is_unchanged() -> None:
    decision = decide(STORED, Decimal("5.50"), Decimal(1000), "快报", None, preliminary=True)
    assert decision.outcome is Outcome.UNCHANGED


WITHDRAWN = STORED._replace(revision=3, withdrawn=True)


def test_a_figure_over_a_withdrawn_one_is_new_with_the_next_revision_carrying_nothing() -> None:
    assert decide(WITHDRAWN, Decimal("5.7")) == Decision(
        Outcome.NEW, 4, Decimal("5.7"), None, False, None, None, None
    )


def test_the_withdrawn_value_given_again_is_new_not_unchanged() -> None:
    decision = decide(WITHDRAWN, Decimal("5.5"), Decimal(1000), "快报", "区统计局", True)
    assert decision == Decision(
        Outcome.NEW, 4, Decimal("5.5"), Decimal(1000), True, "快报", "区统计局", None
    )
