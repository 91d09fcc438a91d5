"""``tracker schedule list|run|start``."""

from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli import state as clock
from tracker.cli.errors import fail, friendly
from tracker.cli.state import state
from tracker.cli.text import terminal

if TYPE_CHECKING:
    from tracker.app.jobs import JobContext


def register(app: typer.Typer) -> None:
    group = typer.Typer(help="Scheduled reports: list the jobs, run one now, start the scheduler.")
    group.command("list")(friendly(list_jobs))
    group.command("run")(friendly(run))
    group.command("start")(friendly(start))
    app.add_typer(group, name="schedule", no_args_is_help=True)


def _context() -> "JobContext":
    from tracker.app.jobs import job_context
    from tracker.scheduling.lock import holder_name

    return job_context(
        state.database(),
        config=state.config(),
        reports_dir=state.settings().reports_dir,
        by=holder_name().removeprefix("tracker scheduler "),
    )


def list_jobs() -> None:
    """Each job, its next run times and its last outcome."""
    from tracker.app.schedule import job_runs
    from tracker.cli.delivery_tables import jobs_table, print_jobs
    from tracker.scheduling.overview import overview

    schedule = state.config().schedule
    runs = job_runs(state.database(), [spec.name for spec in schedule.jobs])
    print_jobs(jobs_table(overview(schedule, runs, now=clock.now()), schedule.timezone))


def run(
    job: Annotated[str, typer.Argument(metavar="JOB", help="A job of schedule.toml.")],
    as_of: Annotated[
        str | None, typer.Option("--as-of", help="YYYY-MM-DD (default: today).")
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="Write .eml files to the reports archive; send nothing."),
    ] = False,
) -> None:
    """Run one job now (to test it, or to catch up a missed run). Sends each message once."""
    from tracker.app.jobs import run_job
    from tracker.cli.status import parse_date

    ctx = _context()
    day = parse_date(as_of) if as_of else clock.today()
    done = run_job(ctx, ctx.schedule.job(job), as_of=day, clock=clock.now, dry_run=dry_run)
    if dry_run:
        print(
            f"{job} {done.period_key} (as of {day}), dry run: {len(done.files)} message(s) written"
        )
        for path in done.files:
            print(f"  {path}")
        return
    print(f"{job} {done.period_key} (as of {day}): {done.summary()}")
    for error in [*done.unbuilt, *done.delivered.errors]:
        print(f"  {terminal(error)}")
    if done.delivered.retrying:
        print("Waiting messages are retried by the scheduler, or now by `tracker outbox retry`.")
    if done.delivered.uncertain:
        fail(
            "the server may have some messages without having said so: `tracker outbox --failed` "
            "shows them, with the command to resend or to mark each one sent"
        )
    if done.unbuilt:
        fail("some messages could not be built: the reasons are above; the others were queued")
    if done.outcome == "failed":
        fail(
            "messages failed: `tracker outbox --failed` shows them, `tracker outbox retry` resends",
            "有邮件发送失败：`tracker outbox --failed` 列出，`tracker outbox retry` 重发。",
        )


def start() -> None:
    """Run the scheduler in the foreground (logs to stderr; stop with Ctrl-C or SIGTERM)."""
    from tracker.delivery.channels.robot import credentials
    from tracker.scheduling.logs import configure_logging
    from tracker.scheduling.runner import serve

    ctx = _context()
    configure_logging(s for spec in ctx.schedule.channels.values() for s in credentials(spec))
    serve(ctx, clock=clock.now)
