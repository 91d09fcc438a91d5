"""Delivery channels: how one queued message reaches its recipient.

A channel takes the bytes the outbox holds for a message and hands them over, returning the
service's acknowledgement or raising ``DeliveryError`` (transient: try again later; permanent:
failed; ``uncertain``: the service may have it, so it is never sent again by itself).

- ``email``: the message is a whole email (RFC 5322 bytes), sent over SMTP (``smtp.py``).
- ``wecom``: the message is the JSON body for a WeCom (企业微信) group robot (``wecom.py``).
- ``dingtalk``: the JSON body for a DingTalk (钉钉) group robot, signed when sent
  (``dingtalk.py``).

The outbox row's ``channel`` names the kind and its ``recipient`` the address (email) or the
channel's name in ``recipients.toml`` (a robot), whose webhook is read from the config when the
message is sent: the robot's key and secret are never stored with the message.
"""

from collections.abc import Mapping
from typing import Protocol

from tracker.configuration.channels import DINGTALK, EMAIL, WECOM, ChannelSpec
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.smtp import Accepted, DeliveryError


class Channel(Protocol):
    """One way of delivering a queued message."""

    def send(self, message: bytes) -> Accepted:
        """Hand ``message`` (the outbox's bytes) over; raises DeliveryError when the service
        does not take it (``transient``, ``uncertain`` tell what to do next)."""
        ...


def channel_for(
    kind: str, recipient: str, *, smtp: SmtpSettings, channels: Mapping[str, ChannelSpec]
) -> Channel:
    """The channel that delivers an outbox message of ``kind`` to ``recipient``. Raises a
    permanent DeliveryError when the robot's channel is no longer configured as that kind
    (renamed or removed from recipients.toml since the message was queued)."""
    if kind == EMAIL:
        from tracker.delivery.channels.email import EmailChannel

        return EmailChannel(smtp, recipient)
    spec = channels.get(recipient)
    if spec is None or spec.kind != kind:
        raise DeliveryError(
            f"the {kind} channel '{recipient}' is no longer in recipients.toml "
            f'([channels.{recipient}] with kind = "{kind}"); restore it, then '
            "`tracker outbox retry ID` sends the message",
            transient=False,
        )
    if kind == WECOM:
        from tracker.delivery.channels.wecom import WecomChannel

        return WecomChannel(spec)
    if kind == DINGTALK:
        from tracker.delivery.channels.dingtalk import DingtalkChannel

        return DingtalkChannel(spec)
    raise DeliveryError(f"unknown channel kind {kind!r}", transient=False)
