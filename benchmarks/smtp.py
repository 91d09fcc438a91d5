"""Case 8: the SMTP conversation's deadline against a server that trickles its greeting, a
line every ``interval`` seconds (``tests/delivery/trickle.py``, in its own process).

"ours" is ``send_bytes`` with ``[smtp] timeout`` = ``timeout``: it must give up at the
deadline. The reference is smtplib with the same timeout, as it is applied to each read: every
line comes within it, so the conversation lasts as long as the server trickles.
"""

import smtplib
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.harness import Budget, Result
from benchmarks.sizes import Sizes

ROOT = Path(__file__).resolve().parent.parent  # where `python -m tests.delivery.trickle` runs
MESSAGE = b"Subject: deadline\r\nFrom: stats@example.gov.cn\r\n\r\nhi\r\n"


def run(sizes: Sizes) -> list[Result]:
    from tracker.configuration.smtp import SmtpSettings
    from tracker.delivery.channels.base import DeliveryError
    from tracker.delivery.smtp import send_bytes

    timeout, interval, lines = sizes.smtp_trickle
    with _trickling(interval, lines) as port:
        settings = SmtpSettings(host="127.0.0.1", port=port, security="none", timeout=timeout)
        start = time.perf_counter()
        try:
            send_bytes(settings, MESSAGE, sender="s@x.cn", recipients=["a@x.cn"])
        except DeliveryError as error:
            outcome = str(error)
        else:
            outcome = "sent (the deadline did not hold)"
        ours = time.perf_counter() - start
    with _trickling(interval, lines) as port:
        start = time.perf_counter()
        with smtplib.SMTP("127.0.0.1", port, timeout=timeout) as client:
            client.sendmail("s@x.cn", ["a@x.cn"], MESSAGE)
        reference = time.perf_counter() - start
    case = (
        f"SMTP send, timeout {timeout:g} s, greeting trickled a line every {interval:g} s "
        f"for {interval * lines:g} s: ours vs the timeout per read"
    )
    return [
        Result(
            "smtp_deadline",
            case,
            ours,
            reference,
            budget=Budget(timeout * 1.2, on="ours"),
            note=f"ours: {outcome}",
            details={"timeout": timeout, "interval": interval, "lines": lines},
        )
    ]


@contextmanager
def _trickling(interval: float, lines: int) -> Iterator[int]:
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.delivery.trickle", "greeting", str(interval), str(lines)],
        cwd=ROOT,
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
