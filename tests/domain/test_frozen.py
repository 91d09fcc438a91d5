"""``quick_init`` must make the same frozen objects as the dataclass's own ``__init__``."""

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from tracker.domain.frozen import quick_init
from tracker.domain.model import Figure
from tracker.domain.periods import Period


def test_a_quick_figure_is_the_dataclass_figure_and_stays_frozen() -> None:
    made = Figure(Period.month(2020, 6), Decimal("8.5"), note="预计")
    assert {f.name: getattr(made, f.name) for f in dataclasses.fields(made)} == {
        "period": Period.month(2020, 6),
        "value": Decimal("8.5"),
        "amount": None,
        "preliminary": False,
        "revision": 1,
        "note": "预计",
        "source": None,
    }
    assert dataclasses.replace(made, revision=2).revision == 2
    assert hash(made) == hash(Figure(Period.month(2020, 6), Decimal("8.5"), note="预计"))
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.value = Decimal(9)  # type: ignore[misc]


def test_a_quick_init_refuses_missing_and_unknown_arguments() -> None:
    with pytest.raises(TypeError):
        Figure(Period.month(2020, 6))  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Figure(Period.month(2020, 6), Decimal(1), valeu=Decimal(2))  # type: ignore[call-arg]


def test_only_a_frozen_dataclass_that_only_sets_its_fields_gets_a_quick_init() -> None:
    @dataclass
    class Open:
        a: int

    @dataclass(frozen=True)
    class Later:
        a: int

        def __post_init__(self) -> None:
            pass

    @dataclass(frozen=True)
    class Listed:
        a: list[int] = field(default_factory=list)

    for cls in (Open, Later, Listed, int):
        with pytest.raises(TypeError):
            quick_init(cls)
