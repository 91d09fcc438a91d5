"""Talking to the mail server: the only module that imports smtplib.

Every failure becomes a DeliveryError that says what failed (DNS, refused, timeout, TLS, auth,
a refused sender, recipient or message) and whether trying again later can help. The password
is sent to the server and nowhere else: no message here contains it.

What each outcome of the conversation means for the message:
- 250 to DATA: accepted; whatever happens afterwards (a 421 or 500 to QUIT, a dropped
  connection) changes nothing.
- any failure before the final dot was sent: the server cannot have the message (transient or
  permanent by the reply).
- no answer after the final dot (the connection dropped, the reply timed out): the server may
  have stored it; the error is ``uncertain`` and never retried by itself.

The whole conversation, from the connection to QUIT, has one deadline: ``[smtp] timeout``
seconds. Each wait is bounded by what is left of it, and a watchdog shuts the socket at the
deadline, so a server that trickles a line (or a byte) at a time cannot stretch it. (Resolving
the host's name comes before the conversation and is bounded by the system's resolver.)

The message's ``Date`` header is written when it is handed to the server (before DATA), so a
message sent on its second day says so; the bytes kept in the outbox are not changed.
"""

import math
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.channels.base import Accepted, DeliveryError
from tracker.delivery.message import with_date

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class _NoAnswer(Exception):
    """The message's final dot was sent and the server said nothing (wraps the cause)."""

    def __init__(self, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.cause = cause


class _Bounded(smtplib.SMTP):
    """smtplib's client whose every wait is bounded by what is left until ``deadline`` (a
    ``time.monotonic()`` moment); past it, a wait raises TimeoutError before it starts."""

    deadline: float = math.inf
    _host: str  # smtplib's: the TLS server name, set only when it connects in __init__

    def left(self) -> float:
        """Seconds left until the deadline; TimeoutError when none are."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the conversation's deadline has passed")
        return left

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        sock: socket.socket = super()._get_socket(host, port, min(timeout, self.left()))  # type: ignore[misc]
        return sock

    def send(self, s: "ReadableBuffer | str") -> None:
        if self.sock is not None:
            self.sock.settimeout(self.left())  # sendall's timeout bounds the whole send
        super().send(s)

    def getreply(self) -> tuple[int, bytes]:
        if self.sock is not None:
            self.sock.settimeout(self.left())
        return super().getreply()


class _BoundedTls(_Bounded, smtplib.SMTP_SSL):
    """The same over implicit TLS (port 465)."""


@contextmanager
def _watchdog(smtp: smtplib.SMTP, deadline: float) -> Iterator[None]:
    """Shut ``smtp``'s socket at ``deadline`` if the conversation still runs: a wait made of
    many small reads (a line trickled a byte at a time, a TLS handshake) ends there too."""
    lock = threading.Lock()
    over = False

    def expire() -> None:
        with lock:
            sock = smtp.sock
            if over or sock is None:
                return
            with suppress(OSError):  # the plain socket's: the TLS layer sees the end of input
                socket.socket.shutdown(sock, socket.SHUT_RDWR)

    timer = threading.Timer(max(deadline - time.monotonic(), 0.0), expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            over = True
        timer.cancel()


def send_bytes(
    settings: SmtpSettings,
    message: bytes,
    *,
    sender: str,
    recipients: list[str],
    date: datetime | None = None,
) -> Accepted:
    """Deliver one message (bytes as ``message.as_bytes`` made them), its ``Date`` header
    set to ``date`` (default: now, in this machine's zone) as it is handed over; all within
    ``settings.timeout`` seconds from the connection to QUIT. Raises DeliveryError when the
    server does not take it (see the module's docstring for what each failure means)."""
    where = f"{settings.host}:{settings.port}"
    try:
        smtp = _client(settings)
        with _watchdog(smtp, smtp.deadline):
            try:
                return _conversation(smtp, settings, message, sender, recipients, date)
            except (DeliveryError, smtplib.SMTPResponseException):
                raise  # the server's answer, not the deadline
            except (OSError, _NoAnswer) as error:  # a dropped or shut connection, a timeout
                if time.monotonic() < smtp.deadline:
                    raise
                if isinstance(error, _NoAnswer):  # the watchdog shut it after the final dot
                    raise _NoAnswer(TimeoutError("timed out")) from None
                raise TimeoutError from None
    except DeliveryError:
        raise
    except _NoAnswer as e:
        raise DeliveryError(
            f"no answer from {where} after the message was sent ({_why(e.cause)}): the server "
            "may have it, so it is not sent again by itself",
            transient=False,
            uncertain=True,
        ) from None
    except socket.gaierror as e:
        raise DeliveryError(
            f"DNS: cannot resolve the SMTP host '{settings.host}' ({e.strerror}); "
            "check TRACKER_SMTP_HOST / [smtp] host",
            transient=True,
        ) from None
    except ConnectionRefusedError:
        raise DeliveryError(
            f"connection refused by {where}: no mail server listens there; "
            "check the host, the port and that the server runs",
            transient=True,
        ) from None
    except TimeoutError:
        raise _timed_out(settings, where) from None
    except smtplib.SMTPServerDisconnected as e:
        if "timed out" in str(e):  # smtplib turns a timeout while reading into this
            raise _timed_out(settings, where) from None
        raise DeliveryError(f"{where} closed the connection: {e}", transient=True) from None
    except ssl.SSLError as e:
        raise DeliveryError(
            f"TLS failed with {where}: {e.reason or e}; check [smtp] security "
            "(starttls on 587, tls on 465) and the server's certificate",
            transient=False,
        ) from None
    except smtplib.SMTPNotSupportedError as e:
        raise DeliveryError(f"{where} does not support it: {e}", transient=False) from None
    except smtplib.SMTPAuthenticationError as e:
        raise DeliveryError(
            f"authentication as '{settings.user}' refused by {where}: "
            f"{_reply(e.smtp_code, e.smtp_error)}; check TRACKER_SMTP_USER and the password",
            transient=False,
            reply=_reply(e.smtp_code, e.smtp_error),
        ) from None
    except smtplib.SMTPResponseException as e:
        raise _refused("the server", e.smtp_code, e.smtp_error) from None
    except (smtplib.SMTPException, OSError) as e:
        raise DeliveryError(f"SMTP with {where} failed: {e}", transient=True) from None
    except (UnicodeError, ValueError) as e:  # e.g. an address the server cannot be given
        raise DeliveryError(
            f"the message could not be handed to {where}: {e}", transient=False
        ) from None


def _why(cause: BaseException) -> str:
    if isinstance(cause, TimeoutError) or "timed out" in str(cause):
        return "the reply timed out"
    return f"the connection dropped: {cause}" if str(cause) else "the connection dropped"


def _quit(smtp: smtplib.SMTP) -> None:
    """Say goodbye; the message is accepted already, so nothing said here can change that."""
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()


def _timed_out(settings: SmtpSettings, where: str) -> DeliveryError:
    return DeliveryError(
        f"timed out after {settings.timeout:g} s talking to {where}; "
        "the server or the network is slow or blocked",
        transient=True,
    )


def _client(settings: SmtpSettings) -> _Bounded:
    """A client not connected yet, whose deadline is ``settings.timeout`` from now."""
    name = settings.ehlo_name
    smtp = (
        _BoundedTls(local_hostname=name, timeout=settings.timeout, context=_tls(settings))
        if settings.security == "tls"
        else _Bounded(local_hostname=name, timeout=settings.timeout)
    )
    smtp._host = settings.host
    smtp.deadline = time.monotonic() + settings.timeout
    return smtp


def _conversation(
    smtp: _Bounded,
    settings: SmtpSettings,
    message: bytes,
    sender: str,
    recipients: list[str],
    date: datetime | None,
) -> Accepted:
    """Connect, greet, log in, send, say goodbye."""
    try:
        code, reply = smtp.connect(settings.host, settings.port)
        if code != 220:
            raise smtplib.SMTPConnectError(code, reply)
        _greet(smtp, settings)
        accepted = _transaction(smtp, message, sender, recipients, date)
    except BaseException:
        smtp.close()
        raise
    _quit(smtp)
    return accepted


def _greet(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    """EHLO, STARTTLS when configured, EHLO again, AUTH when a user is set."""
    smtp.ehlo()
    if settings.security == "starttls":
        if not smtp.has_extn("starttls"):
            raise DeliveryError(
                f"{settings.host}:{settings.port} does not offer STARTTLS; use "
                'security = "tls" (port 465), or "none" only for a local relay',
                transient=False,
            )
        smtp.starttls(context=_tls(settings))
        smtp.ehlo()
    if settings.user:
        _login(smtp, settings)


def _login(smtp: smtplib.SMTP, settings: SmtpSettings) -> None:
    """AUTH; a password SMTP cannot carry is refused without saying anything about it."""
    assert settings.user is not None
    try:
        smtp.login(settings.user, settings.password or "")
    except UnicodeError:
        raise DeliveryError(
            f"the SMTP user name or password for {settings.host}:{settings.port} has characters "
            "other than ASCII, which SMTP authentication cannot send; check TRACKER_SMTP_USER "
            "and the password",
            transient=False,
        ) from None


def _tls(settings: SmtpSettings) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if settings.ca_file is not None:
        context.load_verify_locations(cafile=str(settings.ca_file))
    return context


def _transaction(
    smtp: smtplib.SMTP, message: bytes, sender: str, recipients: list[str], date: datetime | None
) -> Accepted:
    reply: bytes | str
    code, reply = smtp.mail(sender)
    if code != 250:
        raise _refused(f"the sender {sender}", code, reply)
    for recipient in recipients:
        code, reply = smtp.rcpt(recipient)
        if code not in (250, 251):
            raise _refused(f"the recipient {recipient}", code, reply)
    handed_over = date or datetime.now().astimezone()
    code, reply = _data(smtp, with_date(message, handed_over))
    if code != 250:
        raise _refused("the message", code, reply)
    return Accepted(_reply(code, reply))


def _data(smtp: smtplib.SMTP, message: bytes) -> tuple[int, bytes]:
    """smtplib's DATA, told apart at the final dot: a failure after it raises _NoAnswer."""
    code, reply = smtp.docmd("data")
    if code != 354:
        return code, reply
    body = re.sub(rb"(?m)^\.", b"..", message)  # as smtplib: bytes go as they are
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    smtp.send(body + b".\r\n")
    try:
        return smtp.getreply()
    except (smtplib.SMTPServerDisconnected, OSError) as e:
        raise _NoAnswer(e) from None


def _refused(what: str, code: int, reply: bytes | str) -> DeliveryError:
    text = _reply(code, reply)
    if 400 <= code < 500:
        return DeliveryError(f"{what} was deferred: {text}; will retry", transient=True, reply=text)
    return DeliveryError(f"{what} was refused: {text}", transient=False, reply=text)


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {text}".strip()
