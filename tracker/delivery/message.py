"""Building a report email (pure: no clock, no network).

multipart/alternative
├── text/plain                 the same facts as the HTML, for notifications and text clients
└── multipart/related
    ├── text/html              charts referenced as <img src="cid:...">
    └── image/png ...          inline, one per chart
(+ attachments, e.g. an .xlsx of the period's figures, where a job asks for them)
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from typing import Protocol


class InlineImage(Protocol):
    @property
    def cid(self) -> str: ...
    @property
    def png(self) -> bytes: ...
    @property
    def alt(self) -> str: ...


class EmailContent(Protocol):
    """What a message is made of; the report renderer's bundle is one."""

    @property
    def subject(self) -> str: ...
    @property
    def text(self) -> str: ...
    @property
    def email_html(self) -> str: ...
    @property
    def images(self) -> Sequence[InlineImage]: ...


@dataclass(frozen=True)
class Attachment:
    """A file to attach (the extension point for spreadsheets of figures and fill-in forms)."""

    filename: str
    content: bytes
    maintype: str = "application"
    subtype: str = "octet-stream"


XLSX = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def message_id(*, job: str, period_key: str, part: str, recipient: str, domain: str) -> str:
    """The same key always gives the same Message-ID, so a duplicate is recognisable."""
    digest = hashlib.sha256(f"{job}\n{period_key}\n{part}\n{recipient}".encode()).hexdigest()
    safe = "".join(c if c.isalnum() or c in "-." else "-" for c in f"{job}.{period_key}")
    return f"<tracker.{safe}.{digest[:16]}@{domain}>"


def build_message(
    content: EmailContent,
    *,
    sender: str,
    to: str,
    message_id: str,
    date: datetime,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = content.subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message.set_content(content.text, cte="quoted-printable")
    message.add_alternative(content.email_html, subtype="html", cte="quoted-printable")
    html_part = list(message.iter_parts())[1]
    for image in content.images:
        html_part.add_related(
            image.png,
            "image",
            "png",
            cid=f"<{image.cid.strip('<>')}>",
            disposition="inline",
            filename=f"{image.cid.strip('<>').split('@')[0]}.png",
        )
    if attachments:
        message.make_mixed()
        for item in attachments:
            message.add_attachment(
                item.content, item.maintype, item.subtype, filename=item.filename
            )
    return message


def as_bytes(message: EmailMessage) -> bytes:
    """The message as sent: CRLF line ends, long lines folded."""
    return message.as_bytes(policy=SMTP)


def plain_message(
    *, subject: str, text: str, sender: str, to: str, message_id: str, date: datetime
) -> EmailMessage:
    """A text-only message (e.g. ``tracker email test``)."""
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message.set_content(text)
    return message
