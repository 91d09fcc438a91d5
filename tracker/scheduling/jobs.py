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

from tracker.configuration.schedule import JobSpec, Schedule
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.message import as_bytes, build_message, message_id
from tracker.delivery.outbox import Delivered, OutgoingMessage, deliver_due, queue
from tracker.domain.names import inside
from tracker.domain.places import Places
from tracker.scheduling.attachments import attachments_for
from tracker.scheduling.timing import period_key
from tracker.store import outbox as q
from tracker.store.db import read_session, write_session

if TYPE_CHECKING:
    from tracker.configuration.load import Config
    from tracker.delivery.message import EmailContent

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class JobContext:
    engine: Engine
    schedule: Schedule
    smtp: SmtpSettings
    reports_dir: Path
    by: str  # who runs it: "pid 4242 on host"
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
            queued = q.queued_keys(session=session, job=spec.name, period_key=key)
        messages = compose(
            ctx,
            spec,
            as_of=as_of,
            now=clock(),
            notes=outcome.notes,
            skip=queued,
            unbuilt=outcome.unbuilt,
        )
        outcome.queued = queue(ctx.engine, messages, now=clock())
        outcome.delivered = deliver_due(
            ctx.engine, ctx.smtp, clock=clock, by=ctx.by, job=spec.name, period_key=key
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
) -> list[OutgoingMessage]:
    """The messages of one run, rendered only for recipients not yet in the outbox. A message
    that cannot be built (its report, its headers) is left out and its recipient and reason
    added to ``unbuilt``: the others still go, and a later run builds it once fixed."""
    unbuilt = [] if unbuilt is None else unbuilt
    audiences = _audiences(ctx, spec, as_of=as_of, notes=notes)
    key = period_key(as_of, spec.period)
    messages = []
    for owner, recipients in audiences:
        # Keyed by the bare address: renaming 'Name <a@x>' in the config sends nothing twice.
        by_address = {parseaddr(r)[1].lower(): r for r in recipients}
        todo = {a: r for a, r in by_address.items() if (owner or "", a) not in skip}
        if not todo:
            continue
        try:
            content = _render(ctx, spec, as_of=as_of, owner=owner, now=now)
            files = attachments_for(
                ctx.engine,
                spec.attach,
                as_of=as_of,
                year=goal_year(ctx.engine, spec, as_of),
                owner=owner,
            )
        except Exception as error:  # one owner's report: the others still go
            unbuilt.extend(f"{to!r}: {_why(error)}" for to in todo.values())
            continue
        for address, to in todo.items():
            mid = message_id(
                job=spec.name,
                period_key=key,
                part=owner or "",
                recipient=address,
                domain=ctx.smtp.sender_domain,
            )
            try:
                built = as_bytes(
                    build_message(
                        content,
                        sender=ctx.smtp.sender,
                        to=to,
                        message_id=mid,
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
    return messages


def _why(error: Exception) -> str:
    detail = " ".join(str(error).split()) or type(error).__name__
    return f"the message could not be built ({detail}); correct the config, then run the job again"


def _audiences(
    ctx: JobContext, spec: JobSpec, *, as_of: date, notes: list[str]
) -> list[tuple[str | None, tuple[str, ...]]]:
    """Who gets which report: everyone the whole report, or each overdue owner their own."""
    if spec.kind == "report":
        return [(None, spec.recipients)]
    from tracker.reporting.statuses import goal_statuses

    overdue = {
        s.goal.indicator.owner.key
        for s in goal_statuses(ctx.engine, as_of=as_of, year=goal_year(ctx.engine, spec, as_of))
        if s.overdue
    }
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


def _render(
    ctx: JobContext, spec: JobSpec, *, as_of: date, owner: str | None, now: datetime
) -> "EmailContent":
    """The report a run sends, recording the moment it was built from (``--as-known`` rebuilds
    it)."""
    from tracker.domain.moments import known_moment
    from tracker.reporting.render import render_report

    return render_report(
        ctx.engine,
        as_of=as_of,
        lang=spec.lang,
        owner=owner,
        year=goal_year(ctx.engine, spec, as_of),
        charts=spec.charts,
        as_known=known_moment(now),
        places=ctx.places,
    )


def goal_year(engine: Engine, spec: JobSpec, as_of: date) -> int:
    """The year whose goals a run reports on: the job's ``year``, else the year's end rule of
    ``tracker status`` (``choose_year``: a run in January or February, or while last year's
    final figures are still due, reports on last year's goals)."""
    from tracker.reporting.statuses import choose_year

    return choose_year(engine, as_of=as_of, year=spec.year)


def write_eml(folder: Path, messages: list[OutgoingMessage]) -> list[Path]:
    """A dry run's output: each message as an .eml file under ``folder/email/PERIOD/``."""
    written = []
    for m in messages:
        safe = "".join(c if c.isalnum() or c in "-_.@" else "_" for c in m.recipient)  # address
        name = "-".join(p for p in (m.job, m.part, safe) if p) + ".eml"
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
        places=config.places,
    )
