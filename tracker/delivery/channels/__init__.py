"""Delivery channels: how a report becomes a message, and how a queued message reaches its
recipient (``base``: the two halves, ``Builder`` and ``Channel``, and their outcomes).

A job builds each message with its kind's builder (``builder_for``) and commits it to the
outbox; when it is due, the kind's channel (``channel_for``) takes the bytes the outbox holds and
hands them over, returning the service's acknowledgement or raising ``DeliveryError``
(transient: try again later; permanent: failed; ``uncertain``: the service may have it, so it
is never sent again by itself).

- ``email``: the message is a whole email (RFC 5322 bytes), sent over SMTP (``smtp.py``).
- ``wecom``: the message is the JSON body for a WeCom (企业微信) group robot (``wecom.py``).
- ``dingtalk``: the JSON body for a DingTalk (钉钉) group robot, signed when sent
  (``dingtalk.py``).

The outbox row's ``channel`` names the kind and its ``recipient`` the address (email) or the
channel's name in ``recipients.toml`` (a robot), whose webhook is read from the config when the
message is sent: the robot's key and secret are never stored with the message.
"""

from collections.abc import Mapping

from tracker.configuration.channels import DINGTALK, EMAIL, WECOM, ChannelSpec
from tracker.configuration.definitions import Contact
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels.base import Builder, Channel, DeliveryError


def builder_for(
    channel: str | None,
    *,
    smtp: SmtpSettings,
    channels: Mapping[str, ChannelSpec],
    contacts: Mapping[str, Contact] | None = None,
) -> Builder:
    """The builder of a job's messages: email (``channel`` None: the job's recipients are
    addresses), else the robot channel of that name in recipients.toml, mentioning the owners'
    ``contacts`` (owners.toml) on their goals lagging. Raises KeyError for a channel that is not
    configured (the config refuses a job naming one)."""
    if channel is None:
        from tracker.delivery.channels.email import EmailBuilder

        return EmailBuilder(smtp)
    from tracker.delivery.robots import RobotBuilder

    return RobotBuilder(channels[channel], dict(contacts or {}))


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
