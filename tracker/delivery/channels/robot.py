"""Posting a message to a group robot's webhook (WeCom, DingTalk) and reading its answer.

Both services answer HTTP 200 with ``{"errcode": N, "errmsg": "..."}``; ``errcode`` 0 means the
message was posted to the group. What each outcome means for the message:

- the request was not written whole (refused, DNS, a connect timeout, TLS, a connection cut
  while writing): the service cannot have acted on it; try again later (transient).
- the request was written and no usable answer came (the connection dropped, the deadline
  passed, an answer that cannot be decoded, is longer than ``REPLY_LIMIT`` or says no integer
  ``errcode``): the service may have posted it, so it is ``uncertain`` and never sent again by
  itself.
- HTTP 5xx or 429: transient; any other status but 200: permanent.
- HTTP 200: the integer ``errcode`` 0 is delivered (not 0.5, "0" or false); the service's
  codes for "too fast" or "busy" are transient; every other integer is permanent, with the
  service's reason.

The whole conversation, from the connection to the last byte of the answer, has one deadline:
the channel's ``timeout`` seconds. A watchdog shuts the connection at the deadline, so a
service that trickles its answer a byte at a time, or never ends it, cannot stretch it; at most
``REPLY_LIMIT`` bytes of an answer are read, and a compressed answer is inflated no further.

The robot's key, token, signature and secret are never written in a message: ``redact``
takes them out of whatever a service or a proxy answered.

httpx (a well-kept HTTP client) is imported only when a message is posted; its ``trace``
extension tells when the connection is made and when the request is written whole.
"""

import importlib
import json
import re
import threading
import time
import zlib
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any
from urllib.parse import parse_qsl, quote, quote_plus, urlsplit

from tracker.configuration.channels import ChannelSpec
from tracker.delivery.channels.base import Accepted, DeliveryError

USER_AGENT = "tracker (goal progress reports)"
REPLY_LIMIT = 64 * 1024  # bytes of an answer read at most: an errcode and errmsg need ~100
HIDDEN = "[hidden]"
_QUERY_SECRET = re.compile(r"\b(key|access_token|sign)=(?!\[hidden\])[^&\s\"'<>]+")
_GZIP = 16 + zlib.MAX_WBITS
_ENCODINGS = {"gzip": _GZIP, "x-gzip": _GZIP, "deflate": zlib.MAX_WBITS}


class _Unusable(Exception):
    """The answer was read and cannot be understood (too long, not decodable)."""


class _Conversation:
    """What happened so far in one request (from httpx's ``trace`` extension), and the
    watchdog that shuts its connection at the deadline."""

    def __init__(self, timeout: float) -> None:
        self.deadline = time.monotonic() + timeout
        self.connected = False
        self.written = False  # the request's last byte went out
        self.expired = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith(("connect_tcp.complete", "start_tls.complete")):
            self.connected = True
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            with self._lock:
                if sock is not None:
                    self._sockets.append(sock)
            if self.expired:
                self._shut()
        elif event == "http11.send_request_body.complete":
            request = info.get("request")
            if getattr(request, "method", b"") != b"CONNECT":  # a proxy's tunnel is not it
                self.written = True

    def expire(self) -> None:
        self.expired = True
        self._shut()

    def _shut(self) -> None:
        import socket

        with self._lock:
            for sock in self._sockets:
                with suppress(OSError):  # the plain socket's: the TLS layer sees the end
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)

    @contextmanager
    def watched(self) -> Iterator[None]:
        timer = threading.Timer(max(self.deadline - time.monotonic(), 0.0), self.expire)
        timer.daemon = True
        timer.start()
        try:
            yield
        finally:
            timer.cancel()


def post(
    url: str,
    body: bytes,
    *,
    where: str,
    timeout: float,
    transient_codes: Collection[int],
    secrets: Iterable[str] = (),
) -> Accepted:
    """POST ``body`` (JSON) to ``url`` and return the service's acknowledgement, all within
    ``timeout`` seconds; ``where`` names the channel in messages (never the URL: it holds the
    robot's key). ``secrets``: more text no message may show (the signing secret); the URL's
    query values are hidden too. Raises DeliveryError (see the module's docstring)."""
    importlib.import_module("httpx")  # before the deadline starts: no part of the conversation
    hidden = (*webhook_secrets(url), *secrets)
    conversation = _Conversation(timeout)
    try:
        with conversation.watched():
            status, encoding, content = _exchange(url, body, timeout, conversation)
    except Exception as error:  # whatever failed, the question is whether it went out
        raise _failure(error, conversation, where, timeout, hidden) from None
    try:
        return answer(status, _decoded(content, encoding), where, transient_codes)
    except _Unusable as error:
        raise _unusable(where, str(error)) from None
    except DeliveryError as error:
        raise DeliveryError(
            redact(str(error), hidden),
            transient=error.transient,
            reply=redact(error.reply, hidden),
            uncertain=error.uncertain,
        ) from None


def _exchange(
    url: str, body: bytes, timeout: float, conversation: _Conversation
) -> tuple[int, str, bytes]:
    """The answer's status, its Content-Encoding and at most ``REPLY_LIMIT`` bytes of it."""
    import httpx

    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "Accept-Encoding": "identity",
    }
    extensions = {"trace": conversation.trace}
    with (
        httpx.Client(timeout=timeout, follow_redirects=False) as client,
        client.stream("POST", url, content=body, headers=headers, extensions=extensions) as got,
    ):
        content = bytearray()
        try:
            for chunk in got.iter_raw():
                content += chunk
                if len(content) > REPLY_LIMIT:
                    raise _Unusable(f"an answer longer than {REPLY_LIMIT // 1024} KiB")
        except (_Unusable, httpx.HTTPError):
            if got.status_code == 200:
                raise
            # Any other status says it all: what its text says is only shown.
        return got.status_code, got.headers.get("content-encoding", ""), bytes(content)


def _decoded(content: bytes, encoding: str) -> bytes:
    """The answer inflated (gzip, deflate), to ``REPLY_LIMIT`` bytes at most."""
    encoding = encoding.strip().casefold()
    if encoding in ("", "identity"):
        return content
    if encoding not in _ENCODINGS:
        raise _Unusable(f"an answer in the encoding {encoding[:40]!r}")
    try:
        inflater = zlib.decompressobj(_ENCODINGS[encoding])
        data = inflater.decompress(content, REPLY_LIMIT + 1)
    except zlib.error:
        raise _Unusable(f"an answer whose {encoding} encoding is corrupt") from None
    if len(data) > REPLY_LIMIT or inflater.unconsumed_tail:
        raise _Unusable(f"an answer longer than {REPLY_LIMIT // 1024} KiB")
    return data


def _failure(
    error: Exception, conversation: _Conversation, where: str, timeout: float, hidden: Iterable[str]
) -> DeliveryError:
    """The outcome of a conversation that ended without an answer to read."""
    if isinstance(error, _Unusable):
        return _unusable(where, str(error))
    why = (
        f"no answer within the {timeout:g} s timeout"
        if conversation.expired
        else redact(_why(error), hidden)
    )
    if conversation.written:
        return DeliveryError(
            f"no answer from {where} after the message was sent ({why}): the group may "
            "have it, so it is not sent again by itself",
            transient=False,
            uncertain=True,
        )
    if not conversation.connected:
        return DeliveryError(f"cannot reach {where} ({why}); will retry", transient=True)
    if conversation.expired:
        return DeliveryError(
            f"timed out after {timeout:g} s before the message was sent whole to {where}; "
            "will retry",
            transient=True,
        )
    return DeliveryError(
        f"the message could not be sent whole to {where} ({why}); will retry", transient=True
    )


def _unusable(where: str, what: str) -> DeliveryError:
    return DeliveryError(
        f"{where} answered with {what}: the group may have the message, so it is not sent "
        "again by itself",
        transient=False,
        uncertain=True,
    )


def answer(status: int, content: bytes, where: str, transient_codes: Collection[int]) -> Accepted:
    """The outcome of an HTTP answer (see the module's docstring); ``content`` is at most
    ``REPLY_LIMIT`` bytes, decoded."""
    text = content[:2000].decode("utf-8", "replace")
    if status >= 500 or status == 429:
        raise DeliveryError(
            f"{where} answered HTTP {status} ({_short(text)}); will retry",
            transient=True,
            reply=f"HTTP {status}",
        )
    if status != 200:
        raise DeliveryError(
            f"{where} refused the message: HTTP {status} ({_short(text)})",
            transient=False,
            reply=f"HTTP {status}",
        )
    code, message = _errcode(content)
    if code is None:
        raise _unusable(where, f"HTTP 200 and no integer errcode ({_short(text)})")
    said = f"errcode {code}: {_short(message)}"
    if code == 0:
        return Accepted(said)
    if code in transient_codes:
        raise DeliveryError(f"{where} deferred the message ({said}); will retry", transient=True)
    raise DeliveryError(f"{where} refused the message ({said})", transient=False, reply=said)


def _errcode(content: bytes) -> tuple[int | None, str]:
    """The answer's integer ``errcode`` and its ``errmsg``; None for an answer that is not a
    JSON object with an integer errcode (1e999, 0.5, "0", true, nested past any depth)."""
    try:
        reply: Any = json.loads(content.decode("utf-8", "replace"))
    except (ValueError, RecursionError):
        return None, ""
    if not isinstance(reply, dict):
        return None, ""
    code, message = reply.get("errcode"), reply.get("errmsg", "")
    if type(code) is not int:  # bool is an int, and "0" and 0.0 are not codes
        return None, ""
    return code, message if isinstance(message, str) else ""


def webhook_secrets(url: str) -> tuple[str, ...]:
    """The values of a webhook's query but the time (WeCom's ``key``, DingTalk's
    ``access_token`` and ``sign``): each one a credential, or made from one."""
    try:
        query = urlsplit(url).query
    except ValueError:
        return ()
    return tuple(value for name, value in parse_qsl(query) if value and name != "timestamp")


def credentials(spec: ChannelSpec) -> tuple[str, ...]:
    """What no message about the channel ``spec`` may show: its webhook's query values and
    its signing secret."""
    return (*webhook_secrets(spec.webhook), *([spec.secret] if spec.secret else []))


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` without any of ``secrets`` (as written, or URL-encoded in a query) and without
    the value of any ``key=``, ``access_token=`` or ``sign=`` in it: each becomes
    ``[hidden]``."""
    for secret in sorted({s for s in secrets if len(s) >= 4}, key=len, reverse=True):
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            text = text.replace(form, HIDDEN)
    return _QUERY_SECRET.sub(rf"\1={HIDDEN}", text)


def _short(text: str) -> str:
    return " ".join(text.split())[:300] or "no text"


def _why(error: Exception) -> str:
    """The error in one line (the webhook's secrets are redacted by the caller)."""
    text = " ".join(str(error).split())[:300]
    return text or type(error).__name__
