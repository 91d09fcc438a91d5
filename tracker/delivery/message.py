"""Building a report email (pure: no clock, no network).

multipart/alternative
├── text/plain                 the same facts as the HTML, for notifications and text clients
└── multipart/related
    ├── text/html              charts referenced as <img src="cid:...">
    └── image/png ...          inline, one per distinct chart image
(+ attachments, e.g. an .xlsx of the period's figures, where a job asks for them)

What makes it behave like mail rather than like a web page sent by post:
- text parts that are not plain ASCII go as base64 (quoted-printable costs 9 bytes per Chinese
  character and breaks lines inside characters);
- ``Auto-Submitted: auto-generated`` and ``X-Auto-Response-Suppress: All`` (RFC 3834 and
  Exchange): out-of-office replies are not sent back to the sender; ``List-Id`` names the job,
  so a reader can filter on it;
- each chart's Content-ID is derived from its image bytes: two messages share a Content-ID only
  when they show the same picture;
- the Message-ID is new for each queued message (``message_id``): two messages never share one,
  and a message keeps its own across retries because the outbox stores its bytes;
- ``Date`` is written again when the message is handed to the server (``with_date``);
- an attachment's name is written twice: RFC 2231 (``filename*=``, read by standard clients)
  and an RFC 2047 encoded word in ``name=`` and ``filename=`` (read by Outlook over IMAP and
  QQ Mail, which ignore the first).
"""

import base64
import hashlib
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from typing import Protocol
from urllib.parse import quote


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
FOLD = 76  # where the attachment headers written here are folded (RFC 5322: 78 at most)
# Headers set raw go out as written: the attachment headers, folded by ``_folded`` (the library
# would refold them and drop the ``name=`` fallback), and the Message-ID, on one line.
_SENT = SMTP.clone(refold_source="none")


def _label(text: str) -> str:
    """``text`` as a dot-atom part: letters, digits, '-' and '.' kept, anything else '-'."""
    return "".join(c if c.isascii() and (c.isalnum() or c in "-.") else "-" for c in text)


def message_id(*, job: str, period_key: str, domain: str) -> str:
    """A new Message-ID, ``<tracker.JOB.PERIOD.RANDOM@domain>``: a different one at each call
    (96 random bits), so that no two messages share it, not even the same report built twice
    (a trial run on a copy of the database, a dry run, a test message). A queued message keeps
    the one it was built with: the outbox stores its bytes, and retries send them."""
    return f"<tracker.{_label(job)}.{_label(period_key)}.{secrets.token_hex(12)}@{domain}>"


def list_id(job: str, domain: str) -> str:
    """The ``List-Id`` of a job's messages (RFC 2919), ``<JOB.tracker.domain>``: the same for
    every message of the job, so a reader can sort them into a folder. A name that is not a
    dot-atom (Chinese, spaces) is followed by a digest of it, so two such jobs differ."""
    label = _label(job).strip(".-").replace("..", ".")
    if label != job:
        digest = hashlib.sha256(job.encode()).hexdigest()[:8]
        label = f"{label}-{digest}" if label else digest
    return f"<{label}.tracker.{domain}>"


def content_id(png: bytes, domain: str) -> str:
    """The Content-ID of an inline image, without angle brackets: derived from its bytes
    (SHA-256), so the same picture has the same id and different pictures never do."""
    return f"chart.{hashlib.sha256(png).hexdigest()[:32]}@{domain}"


def build_message(
    content: EmailContent,
    *,
    sender: str,
    to: str,
    message_id: str,
    list_id: str,
    date: datetime,
    attachments: Sequence[Attachment] = (),
) -> EmailMessage:
    """The report as a MIME message (see the module's docstring for its shape and headers).
    ``date`` is the moment it was built; sending writes the moment it is handed over instead.
    Raises ValueError (or an ``email`` error, which is one) when a header cannot be written."""
    message = _headed(
        subject=content.subject, sender=sender, to=to, message_id=message_id, date=date
    )
    message["List-Id"] = list_id
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    ids = {image.cid.strip("<>"): content_id(image.png, domain) for image in content.images}
    html = _replace_cids(content.email_html, ids)
    message.set_content(content.text, cte=_cte(content.text))
    message.add_alternative(html, subtype="html", cte=_cte(html))
    html_part = list(message.iter_parts())[1]
    added = set()
    for image in content.images:
        cid = content_id(image.png, domain)
        if cid in added:  # the same picture twice: one part serves both references
            continue
        added.add(cid)
        html_part.add_related(
            image.png,
            "image",
            "png",
            cid=f"<{cid}>",
            disposition="inline",
            filename=f"{cid.split('@')[0]}.png",
        )
    if attachments:
        message.make_mixed()
        for item in attachments:
            message.attach(_attachment(item))
    return message


def _headed(*, subject: str, sender: str, to: str, message_id: str, date: datetime) -> EmailMessage:
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(date)
    message.set_raw("Message-ID", message_id)  # on one line: folded, readers see a space
    message["Auto-Submitted"] = "auto-generated"
    message["X-Auto-Response-Suppress"] = "All"
    return message


def _cte(text: str) -> str | None:
    """base64 for text that is not all ASCII; otherwise the library's choice (7bit)."""
    return None if text.isascii() else "base64"


_CID = re.compile(r"""cid:([^"'\s<>()]+)""")


def _replace_cids(html: str, ids: dict[str, str]) -> str:
    """Each ``cid:OLD`` reference in ``html`` written as ``cid:NEW``; other text unchanged."""
    return _CID.sub(lambda m: f"cid:{ids[m.group(1)]}" if m.group(1) in ids else m.group(0), html)


def _attachment(item: Attachment) -> EmailMessage:
    """A base64 attachment part whose name every client can read (module docstring)."""
    part = EmailMessage()
    part.set_content(item.content, item.maintype, item.subtype)
    del part["Content-Type"]
    del part["MIME-Version"]
    kind = [f"{item.maintype}/{item.subtype}", *_name("name", item.filename)]
    disposition = ["attachment", *_name("filename", item.filename, rfc2231=True)]
    part.set_raw("Content-Type", _folded("Content-Type", kind))
    part.set_raw("Content-Disposition", _folded("Content-Disposition", disposition))
    return part


def _name(param: str, filename: str, *, rfc2231: bool = False) -> list[str]:
    """The parameters naming a file: ``param="name"`` for an ASCII name; else an RFC 2047
    ``param="=?utf-8?b?...?="`` and, when ``rfc2231``, ``param*0*=utf-8''...`` continuations."""
    if filename.isascii() and not any(c in filename for c in '\\"') and filename.isprintable():
        return [f'{param}="{filename}"']
    words = " ".join(
        f"=?utf-8?b?{base64.b64encode(chunk).decode()}?=" for chunk in _utf8_chunks(filename, 30)
    )
    params = [f'{param}="{words}"']
    if rfc2231:
        quoted = quote(filename, safe="")
        pieces = _percent_chunks(f"utf-8''{quoted}", 48)
        params += [f"{param}*{n}*={piece}" for n, piece in enumerate(pieces)]
    return params


def _utf8_chunks(text: str, size: int) -> list[bytes]:
    """``text`` in UTF-8 pieces of at most ``size`` bytes, never splitting a character (each
    encoded word must hold whole characters)."""
    chunks, current = [], b""
    for char in text:
        encoded = char.encode()
        if current and len(current) + len(encoded) > size:
            chunks.append(current)
            current = b""
        current += encoded
    return [*chunks, current] if current else chunks


def _percent_chunks(text: str, size: int) -> list[str]:
    """``text`` (percent-encoded) in pieces of at most ``size`` characters, never splitting
    a ``%XX`` triple."""
    pieces, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        percent = text.rfind("%", max(end - 2, start), end)
        if end < len(text) and percent != -1:
            end = percent
        pieces.append(text[start:end])
        start = end
    return pieces


def _folded(header: str, items: list[str]) -> str:
    """A value of ``header`` of ``items`` joined by ``;``, folded before an item (or a word of
    an encoded name) that would pass ``FOLD`` columns."""
    lines = [f"{header}: {items[0]}"]
    for item in items[1:]:
        lines[-1] += ";"
        for word in item.split(" "):
            if len(lines[-1]) + 1 + len(word) > FOLD:
                lines.append(word)
            else:
                lines[-1] += " " + word
    return "\r\n ".join(lines).removeprefix(f"{header}: ")


def with_date(message: bytes, when: datetime) -> bytes:
    """``message`` (as ``as_bytes`` made it) with its top-level ``Date`` header set to ``when``,
    in the place of the old one (added when there was none); the rest byte for byte the same.
    Bytes without a header block (no empty line) are returned unchanged."""
    head, blank, body = message.partition(b"\r\n\r\n")
    if not blank:
        return message
    lines, dated, skipping = [], False, False
    stamp = b"Date: " + format_datetime(when).encode("ascii")
    for line in head.split(b"\r\n"):
        if skipping and line[:1] in (b" ", b"\t"):
            continue  # a folded Date header's next line
        skipping = line[:5].lower() == b"date:"
        if skipping and not dated:
            lines.append(stamp)
            dated = True
        elif not skipping:
            lines.append(line)
    if not dated:
        lines.insert(0, stamp)
    return b"\r\n".join(lines) + blank + body


def as_bytes(message: EmailMessage) -> bytes:
    """The message as sent: CRLF line ends, long lines folded."""
    return message.as_bytes(policy=_SENT)


def plain_message(
    *, subject: str, text: str, sender: str, to: str, message_id: str, date: datetime
) -> EmailMessage:
    """A text-only message (e.g. ``tracker email test``) with the report's headers but
    ``List-Id``; its text in base64 when not all ASCII."""
    message = _headed(subject=subject, sender=sender, to=to, message_id=message_id, date=date)
    message.set_content(text, cte=_cte(text))
    return message
