"""The robots' fault matrix: a WeCom and a DingTalk robot in real processes on loopback
(tests/delivery/robotserver.py) answer each message with one fault; the outbox sends, sends
again a day later, requeues what a bare ``tracker outbox retry`` would and sends once more.
The fake services count the messages posted to their groups: never more than the messages
queued, each conversation within the robot's timeout, and the table in docs/outbox.md is the
one measured here."""

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine

from tests.delivery.robots import TOKEN, robot_server
from tests.delivery.test_channels import SETTINGS, T0, queue_for, send
from tracker.app.database import Database
from tracker.app.outbox import messages, requeue
from tracker.configuration.channels import ChannelSpec

pytestmark = pytest.mark.slow

DOCS = Path(__file__).parents[2] / "docs" / "outbox.md"
TIMEOUT = 1.0  # the robots' timeout, seconds: one deadline for the whole conversation

# fault; the robot server's script ("stall": it accepts no connection; "wrong secret": the
# DingTalk robot checks another secret, the WeCom one another key) and its delay; the
# messages' states after the first round; the posts the two groups received in all.
FAULTS = [
    ("success", "ok", 0.0, "sent", 2),
    ("rate limit (45009 / 130101), then success", "limit,ok", 0.0, "pending", 2),
    ("HTTP 500, then success", "busy,ok", 0.0, "pending", 2),
    ("connect timeout (no connection accepted)", "stall", 0.0, "pending", 0),
    ("bad signature (DingTalk), unknown key (WeCom)", "wrong secret", 0.0, "failed", 0),
    ("connection dropped after the request was read", "drop", 0.0, "uncertain", 2),
    ("reply after the timeout", "slow", 3.0, "uncertain", 2),
    ("corrupt Content-Encoding: gzip body", "gzip", 0.0, "uncertain", 2),
    ("reply trickled a byte at a time", "trickle", 3.0, "uncertain", 2),
    ("endless body (32 MiB)", "endless", 0.0, "uncertain", 2),
    ("absurd errcode: 1e999", "inf", 0.0, "uncertain", 2),
    ("absurd errcode: 100,000 nested brackets", "nested", 0.0, "uncertain", 2),
    ("absurd errcode: 0.5", "half", 0.0, "uncertain", 2),
    ('absurd errcode: "0"', "string", 0.0, "uncertain", 2),
]


def specs_for(wecom, dingtalk, script: str) -> list[ChannelSpec]:
    if script != "wrong secret":
        return [wecom.spec("w", timeout=TIMEOUT), dingtalk.spec("d", timeout=TIMEOUT)]
    other_key = wecom.spec("w", timeout=TIMEOUT).webhook.replace(TOKEN, "old-key")
    return [
        ChannelSpec("w", "wecom", webhook=other_key, timeout=TIMEOUT),
        dingtalk.spec("d", secret="SECanother", timeout=TIMEOUT),
    ]


def run_fault(store: Engine, folder: Path, script: str, delay: float) -> tuple[str, int, float]:
    """The messages' states after the first round, the posts the groups received in all, and
    the longest round (seconds)."""
    served = "ok" if script in ("stall", "wrong secret") else script
    with (
        robot_server("wecom", folder, script=served, delay=delay, stall=script == "stall") as w,
        robot_server("dingtalk", folder, script=served, delay=delay, stall=script == "stall") as d,
    ):
        specs = specs_for(w, d, script)
        queue_for(store, *specs)
        longest = 0.0
        states = ""
        for n, moment in enumerate((T0, T0 + timedelta(days=1), T0 + timedelta(days=2))):
            if n == 2:
                requeue(Database(store), settings=SETTINGS, now=moment)
            started = time.monotonic()
            send(store, specs, moment)
            longest = max(longest, time.monotonic() - started)
            if n == 0:
                states = ", ".join(sorted({m.status for m in messages(Database(store))}))
        posts = len(w.posted()) + len(d.posted())
    return states, posts, longest


@pytest.mark.parametrize(
    ("fault", "script", "delay", "states", "posts"), FAULTS, ids=[f[1] for f in FAULTS]
)
def test_no_fault_posts_a_message_twice_and_each_round_keeps_to_the_deadline(
    store: Engine, tmp_path: Path, fault: str, script: str, delay: float, states: str, posts: int
) -> None:
    measured = run_fault(store, tmp_path, script, delay)
    assert measured[:2] == (states, posts)  # never more posts than the two messages
    assert measured[2] < 2 * (TIMEOUT + 1)  # two conversations, each within its deadline


def test_the_matrix_in_the_docs_is_the_one_measured() -> None:
    text = DOCS.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.+?) \| ([a-z, ]+) \| (\d) / 2 \|$", text, re.MULTILINE)
    assert rows == [(f, states, str(posts)) for f, _, _, states, posts in FAULTS]


def test_an_endless_answer_is_read_no_further_than_an_answer_can_need(
    store: Engine, tmp_path: Path
) -> None:
    import tracemalloc

    with robot_server("wecom", tmp_path, script="endless") as wecom:
        spec = wecom.spec("w", timeout=TIMEOUT)
        queue_for(store, spec)
        tracemalloc.start()
        try:
            done = send(store, [spec])
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert done.uncertain == 1
    assert peak < 4 * 2**20  # the answer is 32 MiB; an errcode needs some 50 bytes
