"""The jobs: idempotent functions over database state. APScheduler only triggers them, and
``tracker schedule run JOB`` runs the very same function.

A run (1) reads its workspace once (``read_state``: the goals and figures of its place, its
peers', parent's and children's, what the outbox already holds for the period), (2) renders
the report(s) and their attachments from it and commits one outbox message per recipient,
keyed by (job, period, part, channel, recipient), so a second run of the same period queues
nothing new; then (3) delivers the job's pending messages. Each step commits before the next
begins.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.app.attachments import attachments_for, complete_report
from tracker.app.database import Database
from tracker.app.outbox import deliver_due, queue
from tracker.app.workspace import Scope, read_workspace
from tracker.configuration.channels import EMAIL
from tracker.configuration.schedule import JobSpec, Schedule
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels import builder_for
from tracker.delivery.channels.base import Builder, Envelope
from tracker.delivery.outbox import Delivered, OutgoingMessage
from tracker.domain.names import inside
from tracker.domain.places import Places
from tracker.domain.plans import Plan
from tracker.domain.runs import period_key
from tracker.domain.workspace import Workspace
from tracker.store import outbox as q

if TYPE_CHECKING:
    from tracker.configuration.load import Config
    from tracker.reporting.bundle import ReportBundle

Clock = Callable[[], datetime]
# (part, channel kind, recipient) of a message in the outbox: the part is an owner's key ("" for
# the whole report), the recipient a bare address in lower case or a robot channel's name.
Key = tuple[str, str, str]


@dataclass(frozen=True)
class JobContext:
    """Everything a job run needs besides the job: the database, the schedule and recipients,
    the mail server, where reports are archived, who runs it, the archive's address and the
    places."""

    db: Database
    schedule: Schedule
    smtp: SmtpSettings
    reports_dir: Path
    by: str  # who runs it: "pid 4242 on host"
    base_url: str | None = None  # [report] base_url: the report's page is written and linked
    places: Places = field(default_factory=Places)  # the report's ranks among peers
    plans: tuple[Plan, ...] = ()  # the report's 规划目标


@dataclass
class JobOutcome:
    """What one run did: messages queued and delivered (``Delivered``), notes, the files of a
    dry run, and the messages that could not be built, each "recipient: why"."""

    job: str
    period_key: str
    as_of: date
    queued: int = 0  # new messages committed to the outbox by this run
    delivered: Delivered = field(default_factory=Delivered)
    notes: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)  # dry run: the .eml files written
    unbuilt: list[str] = field(default_factory=list)  # "recipient: why" of messages not built

    @property
    def outcome(self) -> str:
        if self.delivered.failed or self.delivered.uncertain or self.unbuilt:
            return "failed"
        if self.delivered.retrying:
            return "partial"
        return "ok"

    def summary(self) -> str:
        d = self.delivered
        parts = [f"{self.queued} queued", f"{d.sent} sent"]
        parts += [f"{d.retrying} to retry"] if d.retrying else []
        parts += [f"{d.failed} failed"] if d.failed else []
        parts += [f"{d.uncertain} uncertain"] if d.uncertain else []
        parts += [f"{len(self.unbuilt)} could not be built"] if self.unbuilt else []
        parts += [f"{d.taken} taken by another process"] if d.taken else []
        parts += [f"{d.overtaken} taken over by a person while sent"] if d.overtaken else []
        return ", ".join(parts) + "".join(f"; {n}" for n in self.notes)

    def detail(self) -> str:
        """The summary and the first problem: what `schedule list` shows."""
        first = (self.unbuilt + self.delivered.errors)[:1]
        return self.summary() + "".join(f"; {e}" for e in first)


@dataclass(frozen=True)
class RunState:
    """The one read of a run: its workspace, and the keys of the messages the outbox already
    holds for its period."""

    workspace: Workspace
    queued: frozenset[Key] = frozenset()


def run_job(
    ctx: JobContext,
    spec: JobSpec,
    *,
    as_of: date,
    clock: Clock,
    trigger: str = "manual",
    scheduled_for: datetime | None = None,
    dry_run: bool = False,
) -> JobOutcome:
    """Queue and deliver what ``spec`` sends for the period of ``as_of``; again is harmless.
    A dry run writes the messages as files (``write_eml``) and changes nothing."""
    key = period_key(as_of, spec.period)
    outcome = JobOutcome(spec.name, key, as_of)
    if dry_run:
        state = read_state(ctx, spec, as_of=as_of, now=clock(), outbox=False)
        messages = compose(
            ctx, spec, state, as_of=as_of, now=clock(), notes=outcome.notes, unbuilt=outcome.unbuilt
        )
        outcome.files = write_eml(ctx.reports_dir, messages)
        return outcome
    with ctx.db.writing() as session:
        run_id = q.start_run(
            session=session,
            job=spec.name,
            period_key=key,
            trigger=trigger,
            now=clock(),
            scheduled_for=scheduled_for,
        )
    try:
        state = read_state(ctx, spec, as_of=as_of, now=clock())
        messages = compose(
            ctx, spec, state, as_of=as_of, now=clock(), notes=outcome.notes, unbuilt=outcome.unbuilt
        )
        outcome.queued = queue(ctx.db, messages, now=clock())
        outcome.delivered = deliver_due(
            ctx.db,
            ctx.smtp,
            clock=clock,
            by=ctx.by,
            job=spec.name,
            period_key=key,
            channels=ctx.schedule.channels,
        )
    except Exception as error:
        _finish(ctx, run_id, outcome, clock, failed=str(error) or repr(error))
        raise
    _finish(ctx, run_id, outcome, clock)
    return outcome


def _finish(
    ctx: JobContext, run_id: int, outcome: JobOutcome, clock: Clock, failed: str | None = None
) -> None:
    """Record the run's outcome (``failed``: the error that stopped it)."""
    with ctx.db.writing() as session:
        q.finish_run(
            session=session,
            id=run_id,
            outcome="failed" if failed is not None else outcome.outcome,
            detail=failed if failed is not None else outcome.detail(),
            queued=outcome.queued,
            sent=outcome.delivered.sent,
            now=clock(),
        )


def read_state(
    ctx: JobContext, spec: JobSpec, *, as_of: date, now: datetime, outbox: bool = True
) -> RunState:
    """The one read of a run, in one transaction: the workspace of the job's place (``place``,
    default home) for the year it reports on (the job's ``year``, else the year's-end rule),
    as recorded by ``now``, with every figure its report ranks and compares with and every
    indicator its forms name; and (``outbox``) the messages already queued for the period.
    Whom to send to, every message and every attachment are made from it, so no message shows
    a state another does not, and no attachment another place's figures."""
    from tracker.domain.moments import known_before, known_moment

    moment = known_before(known_moment(now))
    with ctx.db.reading() as session:
        ws = read_workspace(
            session,
            places=ctx.places,
            as_of=as_of,
            place=ctx.places.stored(spec.place),
            year=spec.year,
            known_before=moment,
            scope=Scope.NEIGHBOURHOOD,
            indicators=bool({"figures", "form"} & set(spec.attach)),
            projects=True,
            plans=ctx.plans,
        )
        queued = (
            q.queued_channel_keys(
                session=session, job=spec.name, period_key=period_key(as_of, spec.period)
            )
            if outbox
            else set()
        )
    return RunState(ws, frozenset(queued))


def compose(
    ctx: JobContext,
    spec: JobSpec,
    state: RunState,
    *,
    as_of: date,
    now: datetime,
    notes: list[str],
    unbuilt: list[str] | None = None,
) -> list[OutgoingMessage]:
    """The messages of one run, made from ``state`` for the recipients it does not show as
    queued already: each audience's report (everyone's, or each overdue owner's), its
    attachments, then one message per recipient, built by the recipient's kind of channel. A
    message that cannot be built (its report, its headers) is left out and its recipient and
    reason added to ``unbuilt``: the others still go, and a later run builds it once fixed."""
    unbuilt = [] if unbuilt is None else unbuilt
    key = period_key(as_of, spec.period)
    messages = []
    for owner, targets in _audiences(ctx, spec, state, as_of=as_of, notes=notes):
        part = owner or ""
        todo = [(b, to) for b, to in targets if (part, b.kind, _key(b, to)) not in state.queued]
        if not todo:
            continue
        try:
            content = _render(ctx, spec, state.workspace, as_of=as_of, owner=owner, now=now)
            files = attachments_for(
                spec.attach, state.workspace, as_of=as_of, owner=owner, report=content
            ) + complete_report(content)
        except Exception as error:  # one owner's report: the others still go
            unbuilt.extend(f"{_named(b, to)}: {_why(error)}" for b, to in todo)
            continue
        envelope = Envelope(spec.name, key, part, now, files)
        for builder, to in todo:
            try:
                messages.append(builder.build(content, envelope, to))
            except Exception as error:  # one recipient's message: the others still go
                unbuilt.append(f"{_named(builder, to)}: {_why(error)}")
    return messages


def _key(builder: Builder, recipient: str) -> str:
    """How the outbox knows a recipient: a bare address in lower case (renaming 'Name <a@x>'
    in the config sends nothing twice), or a robot channel's name as it is."""
    return parseaddr(recipient)[1].lower() if builder.kind == EMAIL else recipient


def _named(builder: Builder, recipient: str) -> str:
    return f"{recipient!r}" if builder.kind == EMAIL else f"channel {recipient!r}"


def _why(error: Exception) -> str:
    detail = " ".join(str(error).split()) or type(error).__name__
    return f"the message could not be built ({detail}); correct the config, then run the job again"


def _audiences(
    ctx: JobContext, spec: JobSpec, state: RunState, *, as_of: date, notes: list[str]
) -> list[tuple[str | None, list[tuple[Builder, str]]]]:
    """Who gets which report, and by which channel: for a report job everyone the whole report
    (its recipients by email, its robot channels); for a reminder each overdue owner their own,
    by email."""
    email = builder_for(None, smtp=ctx.smtp, channels=ctx.schedule.channels)
    if spec.kind in ("report", "projects"):
        by_address = {_key(email, r): r for r in spec.recipients}
        targets = [(email, to) for to in by_address.values()]
        targets += [
            (builder_for(name, smtp=ctx.smtp, channels=ctx.schedule.channels), name)
            for name in spec.channels
        ]
        return [(None, targets)]
    overdue = {s.goal.indicator.owner.key for s in state.workspace.statuses(as_of) if s.overdue}
    overdue |= set(_projects_due(state.workspace, as_of))  # key projects without a figure
    audiences: list[tuple[str | None, list[tuple[Builder, str]]]] = []
    for owner in sorted(overdue):
        addresses = ctx.schedule.owners.get(owner, ())
        if not addresses:
            notes.append(f"owner '{owner}' has overdue figures but no address in recipients.toml")
            continue
        by_address = {_key(email, r): r for r in addresses}
        audiences.append((owner, [(email, to) for to in by_address.values()]))
    if not overdue:
        notes.append("no overdue figures: no reminder to send")
    return audiences


def _render(
    ctx: JobContext,
    spec: JobSpec,
    ws: Workspace,
    *,
    as_of: date,
    owner: str | None,
    now: datetime,
) -> "ReportBundle":
    """The report a run sends, made from ``ws``, recording the moment it was read as of
    (``--as-known`` rebuilds it). With ``base_url`` its page is written to the archive, where
    the email links to it. Raises NotFound when the place has no goals for the year."""
    from tracker.domain.moments import known_moment
    from tracker.reporting.project_report import render_projects
    from tracker.reporting.render import render_workspace, write_to_archive
    from tracker.reporting.timeline import reporting_period

    due = reporting_period(as_of) if spec.kind == "reminder" else None  # its figures are due
    projects_only = spec.kind == "projects" or (
        owner is not None and not any(g.indicator.owner.key == owner for g in ws.goals)
    )
    if projects_only:  # the 调度通报, or a reminder to an owner of projects alone
        bundle = render_projects(
            ws, as_of=as_of, lang=spec.lang, owner=owner, as_known=known_moment(now),
            base_url=ctx.base_url, period=due,
        )  # fmt: skip
    else:
        bundle = render_workspace(
            ws,
            as_of=as_of,
            lang=spec.lang,
            owner=owner,
            charts=spec.charts,
            as_known=known_moment(now),
            base_url=ctx.base_url,
            project_period=due,
        )
    if ctx.base_url is not None:
        write_to_archive(bundle, ctx.reports_dir, ("html",))
    return bundle


def _projects_due(ws: Workspace, as_of: date) -> list[str]:
    """The owners of the workspace's place's key projects without a figure for the month
    last ended (docs/projects.md, "Forms and reminders")."""
    from tracker.domain.project_status import without_figure
    from tracker.reporting.timeline import reporting_period

    if ws.projects is None or not ws.projects.projects:
        return []
    return list(without_figure(ws.projects, reporting_period(as_of), ws.stored))


def write_eml(folder: Path, messages: list[OutgoingMessage]) -> list[Path]:
    """A dry run's output: each message under ``folder/email/PERIOD/``, an email as an .eml
    file, a robot's message as the JSON it posts (``JOB-CHANNEL.wecom.json``)."""
    written = []
    for m in messages:
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in m.recipient)  # address
        suffix = ".eml" if m.channel == EMAIL else f".{m.channel}.json"
        name = "-".join(p for p in (m.job, m.part, safe) if p) + suffix
        path = inside(inside(folder / "email", m.period_key), name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(m.message)
        written.append(path)
    return written


def job_context(db: Database, *, config: "Config", reports_dir: Path, by: str) -> JobContext:
    """Everything a job needs: the schedule (in the configured zone) and SMTP of ``config``;
    ``by`` names the process that runs it ("pid 4242 on host")."""
    return JobContext(
        db=db,
        schedule=config.schedule,
        smtp=config.smtp,
        reports_dir=reports_dir,
        by=by,
        base_url=config.report_base_url,
        places=config.places,
        plans=config.plans,
    )
