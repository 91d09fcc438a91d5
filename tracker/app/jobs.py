"""The jobs: idempotent functions over database state. APScheduler only triggers them, and
``tracker schedule run JOB`` runs the very same function.

A run (1) renders the report(s) and commits one outbox message per recipient, keyed by
(job, period, part, recipient), so a second run of the same period queues nothing new; then
(2) delivers the job's pending messages. Each step commits before the next begins.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from email.utils import parseaddr
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from tracker.configuration.channels import EMAIL
from tracker.configuration.schedule import JobSpec, Schedule
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.message import as_bytes, build_message, list_id, message_id
from tracker.delivery.outbox import Delivered, OutgoingMessage, deliver_due, queue
from tracker.domain.names import inside
from tracker.domain.places import Places
from tracker.scheduling.attachments import attachments_for, complete_report
from tracker.scheduling.timing import period_key
from tracker.store import outbox as q
from tracker.store.db import read_session, write_session

if TYPE_CHECKING:
    from tracker.configuration.load import Config
    from tracker.reporting.bundle import ReportBundle
    from tracker.reporting.snapshot import Snapshot

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class JobContext:
    engine: Engine
    schedule: Schedule
    smtp: SmtpSettings
    reports_dir: Path
    by: str  # who runs it: "pid 4242 on host"
    base_url: str | None = None  # [report] base_url: the report's page is written and linked
    places: Places = field(default_factory=Places)  # the report's ranks among peers


@dataclass
class JobOutcome:
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
    """Queue and deliver what ``spec`` sends for the period of ``as_of``; again is harmless."""
    key = period_key(as_of, spec.period)
    outcome = JobOutcome(spec.name, key, as_of)
    if dry_run:
        messages = compose(
            ctx, spec, as_of=as_of, now=clock(), notes=outcome.notes, unbuilt=outcome.unbuilt
        )
        outcome.files = write_eml(ctx.reports_dir, messages)
        return outcome
    with write_session(ctx.engine) as session:
        run_id = q.start_run(
            session=session,
            job=spec.name,
            period_key=key,
            trigger=trigger,
            now=clock(),
            scheduled_for=scheduled_for,
        )
    try:
        with read_session(ctx.engine) as session:
            keys = q.queued_channel_keys(session=session, job=spec.name, period_key=key)
        messages = compose(
            ctx,
            spec,
            as_of=as_of,
            now=clock(),
            notes=outcome.notes,
            skip={(part, to) for part, channel, to in keys if channel == EMAIL},
            unbuilt=outcome.unbuilt,
            skip_robots={(part, to) for part, channel, to in keys if channel != EMAIL},
        )
        outcome.queued = queue(ctx.engine, messages, now=clock())
        outcome.delivered = deliver_due(
            ctx.engine,
            ctx.smtp,
            clock=clock,
            by=ctx.by,
            job=spec.name,
            period_key=key,
            channels=ctx.schedule.channels,
        )
    except Exception as error:
        with write_session(ctx.engine) as session:
            q.finish_run(
                session=session,
                id=run_id,
                outcome="failed",
                detail=str(error) or repr(error),
                queued=outcome.queued,
                sent=outcome.delivered.sent,
                now=clock(),
            )
        raise
    with write_session(ctx.engine) as session:
        q.finish_run(
            session=session,
            id=run_id,
            outcome=outcome.outcome,
            detail=outcome.detail(),
            queued=outcome.queued,
            sent=outcome.delivered.sent,
            now=clock(),
        )
    return outcome


def compose(
    ctx: JobContext,
    spec: JobSpec,
    *,
    as_of: date,
    now: datetime,
    notes: list[str],
    skip: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    unbuilt: list[str] | None = None,
    skip_robots: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> list[OutgoingMessage]:
    """The messages of one run, rendered only for recipients not yet in the outbox (``skip``:
    (part, address) of emails, ``skip_robots``: (part, channel name) of robots' messages). A
    message that cannot be built (its report, its headers) is left out and its recipient and
    reason added to ``unbuilt``: the others still go, and a later run builds it once fixed."""
    unbuilt = [] if unbuilt is None else unbuilt
    state = read_state(ctx, spec, as_of=as_of, now=now)
    audiences = _audiences(ctx, spec, state, as_of=as_of, notes=notes)
    key = period_key(as_of, spec.period)
    messages = []
    for owner, recipients in audiences:
        # Keyed by the bare address: renaming 'Name <a@x>' in the config sends nothing twice.
        by_address = {parseaddr(r)[1].lower(): r for r in recipients}
        todo = {a: r for a, r in by_address.items() if (owner or "", a) not in skip}
        robots = [r for r in spec.channels if owner is None and ("", r) not in skip_robots]
        if not todo and not robots:
            continue
        try:
            content = _render(ctx, spec, state, as_of=as_of, owner=owner, now=now)
            files = attachments_for(
                ctx.engine, spec.attach, state, as_of=as_of, owner=owner, report=content
            ) + complete_report(content)
        except Exception as error:  # one owner's report: the others still go
            unbuilt.extend(f"{to!r}: {_why(error)}" for to in todo.values())
            continue
        for address, to in todo.items():
            mid = message_id(job=spec.name, period_key=key, domain=ctx.smtp.sender_domain)
            try:
                built = as_bytes(
                    build_message(
                        content,
                        sender=ctx.smtp.sender,
                        to=to,
                        message_id=mid,
                        list_id=list_id(spec.name, ctx.smtp.sender_domain),
                        date=now,
                        attachments=files,
                    )
                )
            except Exception as error:  # one recipient's headers: the others still go
                unbuilt.append(f"{to!r}: {_why(error)}")
                continue
            messages.append(
                OutgoingMessage(spec.name, key, owner or "", address, content.subject, mid, built)
            )
        messages += robot_messages(ctx, spec, key, content, robots, unbuilt)
    return messages


def robot_messages(
    ctx: JobContext,
    spec: JobSpec,
    key: str,
    content: "ReportBundle",
    names: list[str],
    unbuilt: list[str],
) -> list[OutgoingMessage]:
    """The report's summary for each robot channel named (``tracker.delivery.summary``),
    linking to the archived report when ``[report] base_url`` is set (``content.link``)."""
    if not names:
        return []
    from tracker.delivery.robots import robot_message

    made = []
    for name in names:
        try:
            channel = ctx.schedule.channels[name]
            made.append(robot_message(channel, spec.name, key, content, content.link))
        except Exception as error:  # one channel's message: the others still go
            unbuilt.append(f"channel {name!r}: {_why(error)}")
    return made


def _why(error: Exception) -> str:
    detail = " ".join(str(error).split()) or type(error).__name__
    return f"the message could not be built ({detail}); correct the config, then run the job again"


def _audiences(
    ctx: JobContext, spec: JobSpec, state: "Snapshot", *, as_of: date, notes: list[str]
) -> list[tuple[str | None, tuple[str, ...]]]:
    """Who gets which report: everyone the whole report, or each overdue owner their own."""
    if spec.kind == "report":
        return [(None, spec.recipients)]
    overdue = {s.goal.indicator.owner.key for s in state.statuses(as_of) if s.overdue}
    audiences: list[tuple[str | None, tuple[str, ...]]] = []
    for owner in sorted(overdue):
        addresses = ctx.schedule.owners.get(owner, ())
        if not addresses:
            notes.append(f"owner '{owner}' has overdue figures but no address in recipients.toml")
            continue
        audiences.append((owner, addresses))
    if not overdue:
        notes.append("no overdue figures: no reminder to send")
    return audiences


def read_state(ctx: JobContext, spec: JobSpec, *, as_of: date, now: datetime) -> "Snapshot":
    """The one read of a run: the goals and figures of the year it reports on (the job's
    ``year``, else ``choose_year``) of its place (``place``, default home), as recorded by
    ``now``, in one transaction. Whom to send to and every message are made from it, so no
    message shows a state another does not."""
    from tracker.domain.moments import known_before, known_moment
    from tracker.reporting.snapshot import read_snapshot

    moment = known_before(known_moment(now))
    place = ctx.places.stored(spec.place)
    return read_snapshot(ctx.engine, as_of=as_of, year=spec.year, known_before=moment, place=place)


def _render(
    ctx: JobContext,
    spec: JobSpec,
    state: "Snapshot",
    *,
    as_of: date,
    owner: str | None,
    now: datetime,
) -> "ReportBundle":
    """The report a run sends, made from ``state``, recording the moment it was built from
    (``--as-known`` rebuilds it). With ``base_url`` its page is written to the archive, where
    the email links to it. With places configured, the report ranks the home place among its
    peers: it reads their figures as of the same moment, in a read of its own
    (``render_report``). Raises NotFound when the year has no goals."""
    from tracker.domain.moments import known_moment
    from tracker.reporting.render import render_goals, render_report, write_to_archive

    state.require_goals()
    moment = known_moment(now)
    if ctx.places.single:
        bundle = render_goals(
            state.goals,
            state.figures,
            as_of=as_of,
            lang=spec.lang,
            owner=owner,
            charts=spec.charts,
            as_known=moment,
            base_url=ctx.base_url,
        )
    else:
        bundle = render_report(
            ctx.engine,
            as_of=as_of,
            lang=spec.lang,
            owner=owner,
            year=state.year,
            charts=spec.charts,
            as_known=moment,
            base_url=ctx.base_url,
            places=ctx.places,
            place=spec.place,
        )
    if ctx.base_url is not None:
        write_to_archive(bundle, ctx.reports_dir, ("html",))
    return bundle


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


def job_context(engine: Engine, *, config: "Config", reports_dir: Path) -> JobContext:
    """Everything a job needs: the schedule (in the configured zone) and SMTP of ``config``."""
    from tracker.scheduling.lock import holder_name

    return JobContext(
        engine=engine,
        schedule=config.schedule,
        smtp=config.smtp,
        reports_dir=reports_dir,
        by=holder_name().removeprefix("tracker scheduler "),
        base_url=config.report_base_url,
        places=config.places,
    )
