"""A report's message for a group robot (WeCom, DingTalk): its summary as the robot's JSON
body, ready for the outbox (pure: no clock, no network)."""

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from tracker.configuration.channels import DINGTALK, WECOM, ChannelSpec
from tracker.delivery.channels.base import Envelope, Report
from tracker.delivery.outbox import OutgoingMessage
from tracker.delivery.summary import Contact, summary


class RenderedReport(Protocol):
    """What a robot's message is made from; the report renderer's bundle is one."""

    @property
    def subject(self) -> str: ...
    @property
    def json(self) -> str: ...


def robot_message(
    spec: ChannelSpec,
    job: str,
    period_key: str,
    report: RenderedReport,
    link: str | None,
    contacts: Mapping[str, Contact] | None = None,
) -> OutgoingMessage:
    """The summary of ``report`` for the robot of ``spec``, keyed (job, period, "", channel
    kind, channel name) in the outbox; ``link``: the full report's address, or None;
    ``contacts``: the owners' contacts, mentioned on their goals lagging or missed."""
    from tracker.delivery.channels.dingtalk import MARKDOWN_LIMIT as DINGTALK_LIMIT
    from tracker.delivery.channels.dingtalk import dingtalk_body
    from tracker.delivery.channels.wecom import MARKDOWN_LIMIT as WECOM_LIMIT
    from tracker.delivery.channels.wecom import wecom_body

    if spec.kind == WECOM:
        made = summary(report.json, limit=WECOM_LIMIT, link=link, kind=WECOM, contacts=contacts)
        body = wecom_body(made.markdown)
    elif spec.kind == DINGTALK:
        made = summary(
            report.json, limit=DINGTALK_LIMIT, link=link, kind=DINGTALK, contacts=contacts
        )
        body = dingtalk_body(made.title, made.markdown, made.mobiles)
    else:
        raise ValueError(f"channel '{spec.name}' is not a robot (kind {spec.kind})")
    digest = hashlib.sha256(f"{job}\n{period_key}\n{spec.kind}\n{spec.name}".encode()).hexdigest()
    return OutgoingMessage(
        job=job,
        period_key=period_key,
        part="",
        recipient=spec.name,
        subject=report.subject,
        message_id=f"<tracker.{spec.kind}.{digest[:24]}@{spec.kind}>",
        message=body,
        channel=spec.kind,
    )


@dataclass(frozen=True)
class RobotBuilder:
    """Builds a report's summary for the group robot of ``spec`` (``robot_message``), linking
    to the archived report (``report.link``) instead of carrying files, and mentioning the
    owners (``contacts``: owners.toml's ``wecom_user`` and ``mobile``) of goals lagging."""

    spec: ChannelSpec
    contacts: Mapping[str, Contact] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.spec.kind

    def build(self, report: Report, envelope: Envelope, recipient: str) -> OutgoingMessage:
        """``recipient`` is the channel's name; raises ValueError for a channel that is not a
        robot."""
        del recipient  # the channel's own name: a robot posts to its one group
        return robot_message(
            self.spec, envelope.job, envelope.period_key, report, report.link, self.contacts
        )
