"""``tracker plans`` and ``tracker status --plan NAME``: multi-year plans and their goals
(docs/status-rules.md, "Plan goals")."""

from datetime import date, datetime

import typer

from tracker.cli.errors import friendly
from tracker.cli.state import state


def register(app: typer.Typer) -> None:
    app.command()(friendly(plans))


def plans() -> None:
    """List the multi-year plans of config/plans/: their years and goals."""
    from tracker.cli.tables import plans_table, print_table

    found = state.config().plans
    if not found:
        print('No plans; add config/plans/NAME.toml (docs/status-rules.md, "Plan goals").')
        return
    print_table(plans_table(found))


def plan_status(
    name: str, *, as_of: date, as_json: bool, known_before: datetime | None = None
) -> None:
    """``status --plan NAME``: the plan's goals as of ``as_of`` (as recorded before
    ``known_before``), as a table or JSON."""
    from tracker.app.plans import find_plan, plan_statuses

    plan = find_plan(state.config().plans, name)
    statuses = plan_statuses(state.database(), plan, as_of=as_of, known_before=known_before)
    if as_json:
        import json

        from tracker.reporting.serialize import plan_document

        print(json.dumps(plan_document(plan, statuses, as_of), ensure_ascii=False, indent=2))
        return
    from tracker.cli.tables import plan_status_table, print_table

    print_table(plan_status_table(plan, statuses, as_of))
