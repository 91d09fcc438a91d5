"""A WeCom or DingTalk group robot on loopback, in its own process, for tests.

    python -m tests.delivery.robotserver --kind wecom --token KEY --log LOG --script limit,ok
    python -m tests.delivery.robotserver --kind dingtalk --token T --secret SEC... --log LOG
    python -m tests.delivery.robotserver --kind wecom --stall     (accepts no connection)

It answers as the services document: HTTP 200 with ``{"errcode": 0, "errmsg": "ok"}`` for a
message posted, ``errcode`` 93000 (WeCom) / 300001 (DingTalk) for an unknown key or token,
310000 for a DingTalk signature that does not match its secret or a timestamp more than an
hour away. ``--script`` gives what to do with each request in turn (the last one repeats):

- ``ok``     post it and answer (the message reaches the group)
- ``limit``  answer the rate limit: 45009 (WeCom) / 130101 (DingTalk); nothing is posted
- ``busy``   answer HTTP 500; nothing is posted
- ``drop``   post it, then close the connection without an answer
- ``slow``   post it, then answer only after ``--delay`` seconds (longer than the client waits)
- ``gzip``   post it, then answer 200 with ``Content-Encoding: gzip`` and a corrupt body
- ``trickle`` post it, then answer errcode 0 one byte every ``--delay`` / 10 seconds
- ``endless`` post it, then answer 200 with a chunked body that goes on (32 MiB of spaces)
- ``inf``, ``nested``, ``half``, ``string``  post it, then answer ``{"errcode": 1e999}``,
  100,000 nested brackets, ``{"errcode": 0.5}``, ``{"errcode": "0"}``
- ``echo``   refuse it (errcode 93000 / 300001) with an errmsg quoting the request's URL, as a
  proxy's error page may

Every request is appended to ``--log`` as a JSON line: the action, whether the message was
posted to the group, the body, and the errcode answered; the tests count deliveries there.
``--stall`` listens with a full backlog and never accepts: a connection to it times out.
The port is printed on the first line of stdout.
"""

import argparse
import base64
import contextlib
import hashlib
import hmac
import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

RATE_LIMIT = {"wecom": 45009, "dingtalk": 130101}
BAD_TOKEN = {"wecom": (93000, "invalid webhook url"), "dingtalk": (300001, "token is not exist")}
TOKEN_PARAMETER = {"wecom": "key", "dingtalk": "access_token"}
PATHS = {"wecom": "/cgi-bin/webhook/send", "dingtalk": "/robot/send"}
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"


def length(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n" % len(body)


def signature_problem(query: dict[str, list[str]], secret: str) -> str | None:
    """Why DingTalk would refuse the request's signature, or None."""
    timestamp = query.get("timestamp", [""])[0]
    sign = query.get("sign", [""])[0]
    if not timestamp.isdigit() or not sign:
        return "sign not match: no timestamp or sign"
    if abs(int(timestamp) - time.time() * 1000) > 3600 * 1000:
        return "sign not match: timestamp is more than an hour away"
    expected = base64.b64encode(
        hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    ).decode()
    # parse_qs decoded the query once: what remains is the base64 itself.
    if not hmac.compare_digest(sign, expected):
        return "sign not match"
    return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kind", choices=("wecom", "dingtalk"), required=True)
    parser.add_argument("--token", default="robot-key")
    parser.add_argument("--secret", default="")
    parser.add_argument("--log", default="")
    parser.add_argument("--script", default="ok")
    parser.add_argument("--delay", type=float, default=5.0)
    parser.add_argument("--stall", action="store_true")
    args = parser.parse_args()
    if args.stall:
        stall()
        return
    script = args.script.split(",")
    lock = threading.Lock()
    requests = [0]

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *values: object) -> None:
            pass

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                action = script[min(requests[0], len(script) - 1)]
                requests[0] += 1
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            record = {"kind": args.kind, "action": action, "posted": False, "errcode": None}
            try:
                record["body"] = json.loads(body)
            except ValueError:
                record["body"] = body.decode("utf-8", "replace")
            code, message = 0, "ok"
            if parts.path != PATHS[args.kind]:
                self.answer(404, b"not found", record)
                return
            if query.get(TOKEN_PARAMETER[args.kind], [""])[0] != args.token:
                code, message = BAD_TOKEN[args.kind]
            elif args.kind == "dingtalk" and (problem := signature_problem(query, args.secret)):
                code, message = 310000, problem
            elif action == "limit":
                code, message = RATE_LIMIT[args.kind], "send too fast, exceed 20 times per minute"
            elif action == "busy":
                self.answer(500, b"internal error", record)
                return
            elif action == "echo":
                code, message = BAD_TOKEN[args.kind][0], f"refused {self.path}"
                if args.kind == "dingtalk":
                    message += f" signed with {args.secret}"
            else:
                record["posted"] = True  # the group has it, whatever happens to the answer
                if action == "drop":
                    self.write(record)
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
            if record["posted"] and action in ODD_ANSWERS:
                self.write(record)
                ODD_ANSWERS[action](self)
                return
            reply = json.dumps({"errcode": code, "errmsg": message}).encode()
            record["errcode"] = code
            if record["posted"] and action == "slow":
                self.write(record)
                time.sleep(args.delay)
                self.answer(200, reply, None)
                return
            self.answer(200, reply, record)

        def answer(self, status: int, reply: bytes, record: dict[str, object] | None) -> None:
            if record is not None:
                self.write(record)
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def raw(self, head: bytes, body: bytes = b"") -> None:
            with contextlib.suppress(OSError):  # the client may hang up before the end
                self.wfile.write(head + b"\r\n" + body)
                self.wfile.flush()

        def gzip(self) -> None:
            body = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xde\xad\xbe\xef" * 8
            self.raw(HEAD + b"Content-Encoding: gzip\r\n" + length(body), body)

        def trickle(self) -> None:
            body = b'{"errcode":0,"errmsg":"ok"}'
            with contextlib.suppress(OSError):  # the client gives up at its deadline
                for byte in HEAD + length(body) + b"\r\n" + body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(args.delay / 10)

        def endless(self) -> None:
            self.raw(HEAD + b"Transfer-Encoding: chunked\r\n")
            chunk = b" " * 65536
            with contextlib.suppress(OSError):  # until the client hangs up, or 32 MiB
                for _ in range(512):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

        def odd(self, body: bytes) -> None:
            self.raw(HEAD + length(body), body)

        def write(self, record: dict[str, object]) -> None:
            if args.log:
                with lock, open(args.log, "a", encoding="utf-8") as log:
                    log.write(json.dumps(record, ensure_ascii=False) + "\n")

    ODD_ANSWERS: dict[str, Callable[[Handler], None]] = {
        "gzip": Handler.gzip,
        "trickle": Handler.trickle,
        "endless": Handler.endless,
        "inf": lambda h: h.odd(b'{"errcode": 1e999, "errmsg": "ok"}'),
        "nested": lambda h: h.odd(b"[" * 100_000 + b"]" * 100_000),
        "half": lambda h: h.odd(b'{"errcode": 0.5, "errmsg": "ok"}'),
        "string": lambda h: h.odd(b'{"errcode": "0", "errmsg": "ok"}'),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


def stall() -> None:
    """Listen, fill the backlog with connections of our own, and never accept."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    for _ in range(8):  # more than the kernel's queue for a backlog of 0 holds
        filler = socket.socket()
        filler.setblocking(False)
        filler.connect_ex(("127.0.0.1", port))
        fillers.append(filler)
    time.sleep(0.5)
    print(port, flush=True)
    while True:
        time.sleep(60)


if __name__ == "__main__":
    sys.exit(main())
