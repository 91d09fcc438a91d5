"""The email channel: a report is built into a whole message (RFC 5322 bytes) for each
address, and the outbox's bytes are sent over SMTP."""

from dataclasses import dataclass
from email.utils import parseaddr

from tracker.configuration.channels import EMAIL
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels.base import Accepted, Envelope, Report
from tracker.delivery.message import as_bytes, build_message, list_id, message_id
from tracker.delivery.outbox import OutgoingMessage
from tracker.delivery.smtp import send_bytes


@dataclass(frozen=True)
class EmailChannel:
    """Sends to one address by ``settings``' server (see ``tracker.delivery.smtp``)."""

    settings: SmtpSettings
    recipient: str  # the bare address

    def send(self, message: bytes) -> Accepted:
        """Raises DeliveryError as ``send_bytes`` does."""
        return send_bytes(
            self.settings,
            message,
            sender=self.settings.sender_address,
            recipients=[parseaddr(self.recipient)[1]],
        )


@dataclass(frozen=True)
class EmailBuilder:
    """Builds a report's email (``tracker.delivery.message``) for one address, from the sender
    of ``settings``; queued under the recipient's bare address in lower case, so renaming
    'Name <a@x>' in the config sends nothing twice."""

    settings: SmtpSettings
    kind: str = EMAIL

    def build(self, report: Report, envelope: Envelope, recipient: str) -> OutgoingMessage:
        """Raises an error naming the cause when a header cannot be written (e.g. an address
        with a line break)."""
        domain = self.settings.sender_domain
        mid = message_id(job=envelope.job, period_key=envelope.period_key, domain=domain)
        built = build_message(
            report,
            sender=self.settings.sender,
            to=recipient,
            message_id=mid,
            list_id=list_id(envelope.job, domain),
            date=envelope.now,
            attachments=envelope.attachments,
        )
        return OutgoingMessage(
            envelope.job,
            envelope.period_key,
            envelope.part,
            parseaddr(recipient)[1].lower(),
            report.subject,
            mid,
            as_bytes(built),
        )
