"""A mail server that answers in a trickle, run in its own process:

    python -m tests.delivery.trickle STAGE INTERVAL COUNT

prints its port, then serves one conversation on 127.0.0.1. At STAGE it answers slowly:
``greeting`` (COUNT lines ``220-`` before ``220``), ``ehlo-bytes`` (the EHLO reply one byte at
a time) or ``data`` (COUNT lines ``250-`` before ``250`` after the final dot), each line or byte
INTERVAL seconds after the last; everything else at once. It accepts any message.
"""

import socket
import sys
import time
from contextlib import suppress


def serve(connection: socket.socket, stage: str, interval: float, count: int) -> None:
    def say(text: str) -> None:
        connection.sendall(text.encode("ascii") + b"\r\n")

    def trickle(code: int) -> None:
        for n in range(count):
            say(f"{code}-still working ({n + 1} of {count})")
            time.sleep(interval)
        say(f"{code} done")

    reader = connection.makefile("rb")
    trickle(220) if stage == "greeting" else say("220 trickle.example ESMTP")
    while line := reader.readline():
        verb = line[:4].upper()
        if verb in (b"EHLO", b"HELO"):
            if stage != "ehlo-bytes":
                say("250 trickle.example")
                continue
            for byte in b"250 trickle.example\r\n":
                connection.sendall(bytes([byte]))
                time.sleep(interval)
        elif verb in (b"MAIL", b"RCPT", b"RSET", b"NOOP"):
            say("250 OK")
        elif verb == b"DATA":
            say("354 go ahead")
            while reader.readline() not in (b".\r\n", b""):
                pass
            trickle(250) if stage == "data" else say("250 queued")
        elif verb == b"QUIT":
            say("221 bye")
            return
        else:
            say("500 unknown command")


def main() -> None:
    stage, interval, count = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    with socket.create_server(("127.0.0.1", 0)) as listener:
        print(listener.getsockname()[1], flush=True)
        connection, _ = listener.accept()
        with connection, suppress(OSError):  # the client gave up and closed the connection
            serve(connection, stage, interval, count)


if __name__ == "__main__":
    main()
