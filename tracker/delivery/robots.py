"""A report's message for a group robot (WeCom, DingTalk): its summary as the robot's JSON
body, ready for the outbox (pure: no clock, no network)."""

import hashlib
from typing import Protocol

from tracker.configuration.channels import DINGTALK, WECOM, ChannelSpec
from tracker.delivery.outbox import OutgoingMessage
from tracker.delivery.summary import summary


class RenderedReport(Protocol):
    """What a robot's message is made from; the report renderer's bundle is one."""

    @property
    def subject(self) -> str: ...
    @property
    def json(self) -> str: ...


def robot_message(
    spec: ChannelSpec, job: str, period_key: str, report: RenderedReport, link: str | None
) -> OutgoingMessage:
    """The summary of ``report`` for the robot of ``spec``, keyed (job, period, "", channel
    kind, channel name) in the outbox; ``link``: the full report's address, or None."""
    from tracker.delivery.channels.dingtalk import MARKDOWN_LIMIT as DINGTALK_LIMIT
    from tracker.delivery.channels.dingtalk import dingtalk_body
    from tracker.delivery.channels.wecom import MARKDOWN_LIMIT as WECOM_LIMIT
    from tracker.delivery.channels.wecom import wecom_body

    if spec.kind == WECOM:
        body = wecom_body(summary(report.json, limit=WECOM_LIMIT, link=link).markdown)
    elif spec.kind == DINGTALK:
        made = summary(report.json, limit=DINGTALK_LIMIT, link=link)
        body = dingtalk_body(made.title, made.markdown)
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
