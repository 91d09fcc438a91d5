"""What every channel shares: the outcomes of handing a message over (``Accepted``,
``DeliveryError``), and the two halves of a kind of channel (healthchecks' transports, split by
the outbox): ``Builder`` turns a report into the kind's own message when a job runs, and
``Channel`` hands a queued message over when it is due.

A ``DeliveryError`` says what to do next: ``transient`` (nothing can have arrived: try again
later), permanent (``transient`` false: failed, a person fixes the cause), or ``uncertain``
(the request went out and no usable answer came back: the recipient may have it, so it is never
sent again by itself).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from tracker.delivery.message import Attachment, EmailContent
from tracker.delivery.outbox import OutgoingMessage
from tracker.domain.errors import TrackerError


class DeliveryError(TrackerError):
    """The service could not be reached or did not accept the message."""

    def __init__(
        self, message: str, *, transient: bool, reply: str = "", uncertain: bool = False
    ) -> None:
        super().__init__(message)
        self.transient = transient
        self.reply = reply
        self.uncertain = uncertain  # it went out and no answer came: it may have arrived


@dataclass(frozen=True)
class Accepted:
    """The service took the message: its answer, e.g. "250 2.0.0 Ok: queued as 4F2A" or
    "errcode 0: ok"."""

    reply: str


class Channel(Protocol):
    """One way of delivering a queued message."""

    def send(self, message: bytes) -> Accepted:
        """Hand ``message`` (the outbox's bytes) over; raises DeliveryError when the service
        does not take it (``transient``, ``uncertain`` tell what to do next)."""
        ...


class Report(EmailContent, Protocol):
    """What a message is made from: an email's content, and for a robot the report's JSON and
    its link; the report renderer's bundle is one."""

    @property
    def json(self) -> str: ...
    @property
    def link(self) -> str | None: ...


@dataclass(frozen=True)
class Envelope:
    """What a message is made for: its job and period, its part (an owner's key for a
    reminder, "" for the whole report), the moment it is built, and the files that go with it
    (channels that cannot carry files link to the report instead)."""

    job: str
    period_key: str
    part: str
    now: datetime
    attachments: Sequence[Attachment] = ()


class Builder(Protocol):
    """A kind of channel's half that runs when a job runs: the report as its own message."""

    @property
    def kind(self) -> str:
        """The channel kind its messages are queued under (email, wecom, dingtalk)."""
        ...

    def build(self, report: Report, envelope: Envelope, recipient: str) -> OutgoingMessage:
        """The message for ``recipient`` (an address, or a robot channel's name), ready for the
        outbox. Raises an error naming the cause when it cannot be built (a bad header)."""
        ...
