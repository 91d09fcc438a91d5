"""Figures in period order, one per period (as the store reads them), are evaluated in one pass;
any others are sorted out first. Both must give the same status."""

from dataclasses import replace
from datetime import date
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.model import Figure, Goal
from tracker.domain.status import evaluate

from .test_properties import FAST, cases


@FAST
@given(cases(), st.randoms(use_true_random=False))
def test_figures_in_period_order_give_the_status_they_give_in_any_order(
    case: tuple[Goal, list[Figure], date], rng: Random
) -> None:
    goal, figures, as_of = case
    in_order = sorted(figures, key=lambda f: f.period)
    shuffled = list(figures)
    rng.shuffle(shuffled)
    assert evaluate(goal, in_order, as_of) == evaluate(goal, shuffled, as_of)
    assert evaluate(goal, iter(in_order), as_of) == evaluate(goal, tuple(shuffled), as_of)


@FAST
@given(cases())
def test_an_older_revision_next_to_the_current_one_changes_nothing(
    case: tuple[Goal, list[Figure], date],
) -> None:
    goal, figures, as_of = case
    in_order = sorted(figures, key=lambda f: f.period)
    with_older = []
    for figure in in_order:
        older = replace(figure, value=figure.value + 1, revision=figure.revision - 1)
        with_older += [figure, older] if figure.revision > 1 else [figure]
    assert evaluate(goal, with_older, as_of) == evaluate(goal, in_order, as_of)
