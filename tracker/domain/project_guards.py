"""The typo guards of a project's figure (docs/projects.md, "Rules"), the same for
``tracker projects record`` and the project sheet.

A dropped or doubled decimal point is the commonest slip: a year-to-date amount that falls
from one month to the next (or rises above a later month's), and a month's increase of more
than ``JUMP`` times the annual plan, are refused unless forced. A figure below zero or above
the project's total investment cannot be right at all, and is refused outright.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.domain.numbers import plain
from tracker.domain.periods import Period
from tracker.domain.projects import Project, ProjectFigure

JUMP = Decimal(3)  # a month's increase beyond three annual plans is taken for a slip


@dataclass(frozen=True)
class Guard:
    """Why a figure is refused, in English and Chinese; ``forced``: ``--force`` lets it in."""

    en: str
    zh: str
    forced: bool


def figure_guards(
    project: Project, period: Period, value: Decimal, others: Sequence[ProjectFigure]
) -> list[Guard]:
    """What refuses ``value`` (亿元, year to date) for ``period`` of ``project``; ``others``:
    its current figures of other months of the year (any order). Empty when it is plausible."""
    amount = plain(value)
    if value < 0:
        return [
            Guard(
                f"{amount} is below zero; a year-to-date investment cannot be negative",
                f"{amount}为负数，累计完成投资不能小于0",
                forced=False,
            )
        ]
    found = []
    if value > project.total:
        found.append(
            Guard(
                f"{amount}亿元 is above the project's total investment of "
                f"{plain(project.total)}亿元; check the figure (and the unit: 亿元, not 万元), or "
                "correct the total",
                f"{amount}亿元超过项目总投资{plain(project.total)}亿元；请核对数值及单位"
                "（亿元而非万元），或更正总投资",
                forced=False,
            )
        )
    before = [f for f in others if f.period < period]
    after = [f for f in others if f.period > period]
    previous = max(before, key=lambda f: f.period) if before else None
    following = min(after, key=lambda f: f.period) if after else None
    found += _falls(value, previous, following)
    found += _jumps(project, value, previous)
    return found


def _falls(
    value: Decimal, previous: ProjectFigure | None, following: ProjectFigure | None
) -> list[Guard]:
    found = []
    if previous is not None and value < previous.value:
        found.append(
            Guard(
                f"{plain(value)} is below the {previous.period} figure "
                f"{plain(previous.value)}, but a year-to-date amount cannot fall; check it, or "
                "use --force if it is right",
                f"{plain(value)}低于{previous.period}的{plain(previous.value)}，而累计数不会减少；"
                "请核对，确属无误可加 --force",
                forced=True,
            )
        )
    if following is not None and value > following.value:
        found.append(
            Guard(
                f"{plain(value)} is above the {following.period} figure "
                f"{plain(following.value)}, but a year-to-date amount cannot fall; check it, or "
                "use --force if it is right",
                f"{plain(value)}高于{following.period}的{plain(following.value)}，而累计数不会"
                "减少；请核对，确属无误可加 --force",
                forced=True,
            )
        )
    return found


def _jumps(project: Project, value: Decimal, previous: ProjectFigure | None) -> list[Guard]:
    if project.plan <= 0:
        return []
    increase = value - (previous.value if previous else Decimal(0))
    if increase <= JUMP * project.plan:
        return []
    return [
        Guard(
            f"{plain(value)} adds {plain(increase)}亿元 in a month, more than {plain(JUMP)} "
            f"times the annual plan of {plain(project.plan)}亿元; check the decimal point, or "
            "use --force if it is right",
            f"{plain(value)}较上月增加{plain(increase)}亿元，超过年度计划{plain(project.plan)}亿元的"
            f"{plain(JUMP)}倍；请核对小数点，确属无误可加 --force",
            forced=True,
        )
    ]


def refusals(guards: Sequence[Guard], *, force: bool) -> list[Guard]:
    """The guards that refuse the figure: the outright ones when there are any (``--force``
    would not help), else the others unless ``force``."""
    outright = [g for g in guards if not g.forced]
    return outright or ([] if force else list(guards))
