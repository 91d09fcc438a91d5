"""``tracker email test``: one small message, to see that the SMTP settings work."""

import socket
from datetime import datetime

from tracker.configuration.addresses import valid_address
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels.base import Accepted
from tracker.delivery.message import as_bytes, message_id, plain_message
from tracker.delivery.smtp import send_bytes
from tracker.domain.errors import InvalidInput


def send_test_message(settings: SmtpSettings, *, to: str | None, now: datetime) -> Accepted:
    """Send a test message to ``to`` (default: the sender), with a Message-ID of its own (never
    one of a report's); raises DeliveryError saying what failed, InvalidInput for a ``to``
    that is not one address (a line break in it would write a header of its own)."""
    if to is not None and not valid_address(to):
        raise InvalidInput(
            f"--to {to!r} is not an email address; write one address, e.g. "
            "office@example.gov.cn or 区政府办公室 <office@example.gov.cn>.",
            zh="--to 不是有效的邮箱地址；请写一个地址，例如 office@example.gov.cn",
        )
    recipient = to or settings.sender
    stamp = now.strftime("%Y%m%d%H%M%S")
    message = plain_message(
        subject="tracker 测试邮件 / test message",
        text=(
            "这是 tracker 的测试邮件：邮件设置可用。\n"
            "This is a test message from tracker: the mail settings work.\n\n"
            f"Server: {settings.host}:{settings.port} ({settings.security})\n"
            f"Sent by: {socket.gethostname()} at {now.isoformat(timespec='seconds')}\n"
        ),
        sender=settings.sender,
        to=recipient,
        message_id=message_id(job="test", period_key=stamp, domain=settings.sender_domain),
        date=now,
    )
    from email.utils import parseaddr

    return send_bytes(
        settings,
        as_bytes(message),
        sender=settings.sender_address,
        recipients=[parseaddr(recipient)[1]],
    )
