"""The email channel: the outbox's bytes are a whole message, sent over SMTP."""

from dataclasses import dataclass
from email.utils import parseaddr

from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.smtp import Accepted, send_bytes


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
