"""A real SMTP server on loopback for tests (aiosmtpd), with STARTTLS or implicit TLS, AUTH,
scripted refusals, and a throwaway self-signed certificate; plus a server that never answers."""

import asyncio
import datetime as dt
import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tracker.configuration.smtp import SmtpSettings

USER, PASSWORD = "stats", "s3cret-Pa55"


def free_port() -> int:
    # aiosmtpd cannot start on port 0 (its readiness probe connects to port 0): pick one first.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def make_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 and localhost: (cert.pem, key.pem)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    ehlo: str = ""  # the name the client gave in EHLO

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Inbox:
    """The handler: keeps what it accepts; answers DATA from ``replies`` first, if any."""

    received: list[Received] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    arrived: threading.Event = field(default_factory=threading.Event)
    gate: threading.Event | None = None  # when set up: each DATA waits until it opens
    # Faults after the message is stored: "drop" (the connection is cut before the reply),
    # "silence" (no reply for ``silence_seconds``); ``quit_reply`` answers QUIT instead of 221.
    after_data: str = ""
    silence_seconds: float = 10
    quit_reply: str | None = None

    async def handle_DATA(self, server, session, envelope) -> str:
        self.arrived.set()
        while self.gate is not None and not self.gate.is_set():
            await asyncio.sleep(0.01)
        with self.lock:
            if self.replies:
                return self.replies.pop(0)
            data = envelope.original_content or envelope.content
            rcpt = list(envelope.rcpt_tos)
            self.received.append(Received(envelope.mail_from, rcpt, data, session.host_name))
            reply = f"250 2.0.0 Ok: queued as Q{len(self.received)}"
        if self.after_data == "drop":
            server.transport.abort()
        elif self.after_data == "silence":
            await asyncio.sleep(self.silence_seconds)
        return reply

    async def handle_QUIT(self, server, session, envelope) -> str:
        return self.quit_reply or "221 Bye"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == USER
            and auth_data.password.decode() == PASSWORD
        )
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok, handled=False)


@dataclass
class MailServer:
    host: str
    port: int
    inbox: Inbox
    ca_file: Path | None

    @property
    def received(self) -> list[Received]:
        return self.inbox.received


@contextmanager
def mail_server(
    folder: Path | None = None, *, security: str = "starttls", auth: bool = True
) -> Iterator[MailServer]:
    """A server on 127.0.0.1: security 'starttls' or 'tls' (needs ``folder`` for the
    certificate) or 'none'; AUTH (user/password above) required when ``auth``."""
    inbox = Inbox()
    kwargs: dict[str, object] = {}
    ca_file = None
    if security != "none":
        assert folder is not None
        ca_file, key_file = make_certificate(folder)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(ca_file, key_file)
        if security == "tls":
            kwargs["ssl_context"] = context
        else:
            kwargs.update(tls_context=context, require_starttls=True)
    if auth:
        kwargs.update(authenticator=inbox.authenticate, auth_require_tls=security == "starttls")
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    try:
        yield MailServer("127.0.0.1", port, inbox, ca_file)
    finally:
        controller.stop()


@contextmanager
def trickling_server(stage: str, *, interval: float, count: int) -> Iterator[int]:
    """The port of ``tests/delivery/trickle.py`` serving one conversation in its own process,
    slow at ``stage`` (see there); the process is ended on leaving."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent.parent
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.delivery.trickle", stage, str(interval), str(count)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield int(process.stdout.readline())
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()


@contextmanager
def silent_server() -> Iterator[int]:
    """A port where connections are accepted by the kernel but nothing is ever said."""
    with socket.create_server(("127.0.0.1", 0), backlog=8) as listener:
        yield int(listener.getsockname()[1])


def settings_for(server: MailServer, security: str = "starttls", **changes) -> SmtpSettings:
    """Settings that reach ``server``, trusting its certificate."""
    return replace(
        SmtpSettings(
            host=server.host,
            port=server.port,
            security=security,
            user=USER,
            password=PASSWORD,
            sender="区统计局 <stats@example.gov.cn>",
            timeout=5,
            ca_file=server.ca_file,
        ),
        **changes,
    )
