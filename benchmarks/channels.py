"""``python -m benchmarks.channels``: what reaches a WeCom or DingTalk group, counted by the
robot server, for each fault; and the size of the robots' summary by the number of goals
behind. Prints Markdown tables (docs/delivery.md, "WeCom and DingTalk groups").

Each fault runs against a robot server in its own process on loopback
(tests/delivery/robotserver.py), through the outbox on a fresh SQLite database: the message is
queued three times (three runs of the job in one period), then delivered at once, two minutes
later, a day later, and after a bare ``tracker outbox retry`` (``requeue`` of all).
"""

import json
import tempfile
import tomllib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.delivery.robots import robot_server
from tracker.app.database import Database
from tracker.app.outbox import deliver_due, messages, queue, requeue
from tracker.configuration.channels import ChannelSpec
from tracker.configuration.smtp import SmtpSettings
from tracker.delivery.robots import robot_message
from tracker.delivery.summary import summary
from tracker.store.db import make_engine
from tracker.store.schema import ensure_schema

ROOT = Path(__file__).resolve().parent.parent
T0 = datetime(2020, 7, 15, 1, tzinfo=UTC)
SETTINGS = SmtpSettings(retry_seconds=60)
FAULTS: list[tuple[str, dict[str, Any]]] = [
    ("success", {}),
    ("rate limit, then success", {"script": "limit,ok"}),
    ("HTTP 500, then success", {"script": "busy,ok"}),
    ("connect timeout, then the robot answers", {"stall": True}),
    ("bad signature (DingTalk) / unknown key (WeCom)", {"bad": True}),
    ("connection dropped after the server took it", {"script": "drop,ok"}),
    ("reply later than the timeout (1 s)", {"script": "slow,ok", "delay": 3.0}),
]


class Report:
    subject = "【2020年6月】目标进度：1项落后"
    json = json.dumps(
        {
            "lang": "zh",
            "subject": subject,
            "headline": "截至2020年7月15日（6月数据）",
            "behind": ["industry"],
            "goals": [{"key": "industry", "name_zh": "规模以上工业增加值增速", "text": None}],
        },
        ensure_ascii=False,
    )


def run_fault(kind: str, options: dict[str, Any], folder: Path) -> tuple[int, int, str]:
    """(messages posted to the group, requests the server read, the outbox's final state)."""
    engine = make_engine(f"sqlite:///{folder / f'{kind}.db'}")
    ensure_schema(engine)
    server_options = {k: v for k, v in options.items() if k in ("script", "delay")}
    if options.get("bad") and kind == "dingtalk":
        server_options["secret"] = "SECanother"
    try:
        with (
            robot_server(kind, folder, **server_options) as server,
            robot_server(kind, folder, stall=True) as stalled,
        ):
            first = (stalled if options.get("stall") else server).spec("group", timeout=1)
            if options.get("bad") and kind == "wecom":
                first = ChannelSpec("group", kind, webhook=server.webhook + "-old", timeout=1)
            later = server.spec("group", timeout=1) if options.get("stall") else first
            for _ in range(3):
                queue(
                    Database(engine),
                    [robot_message(first, "monthly", "2020-07", Report(), None)],
                    now=T0,
                )
            send(engine, first, T0)
            send(engine, later, T0 + timedelta(minutes=2))
            send(engine, later, T0 + timedelta(days=1))
            requeue(Database(engine), settings=SETTINGS, now=T0 + timedelta(days=1))
            send(engine, later, T0 + timedelta(days=1))
            (row,) = messages(Database(engine))
            return len(server.posted()), len(server.requests()), row.status
    finally:
        engine.dispose()


def send(engine: Any, spec: ChannelSpec, moment: datetime) -> None:
    clock: Callable[[], datetime] = lambda: moment  # noqa: E731
    deliver_due(Database(engine), SETTINGS, clock=clock, by="bench", channels={spec.name: spec})


def summary_sizes() -> list[tuple[int, int, int]]:
    """(goals behind, bytes of the summary, goals named in it) with the demo's indicator names,
    their owners and gaps, within 4096 bytes."""
    indicators = tomllib.loads((ROOT / "config" / "indicators.toml").read_text("utf-8"))
    names = [t["name_zh"] for t in indicators["indicators"].values()]
    sizes = []
    for count in (12, 50, 200):
        goals = [
            {
                "key": f"g{i}",
                "name_zh": names[i % len(names)],
                "owner": {"zh": "区发展改革委"},
                "text": {"status": "落后", "gap": f"低于年度目标{i % 9}.{i % 7}个百分点"},
            }
            for i in range(count)
        ]
        document = {
            "lang": "zh",
            "subject": f"【2020年6月】目标进度：{count}项落后",
            "headline": f"截至2020年7月15日（6月数据）：{count}项目标 — {count}项落后。",
            "behind": [g["key"] for g in goals],
            "goals": goals,
        }
        made = summary(
            document, limit=4096, link="https://stats.example.gov.cn/r/2020-07-15/zh.html"
        )
        shown = sum(1 for line in made.markdown.splitlines() if line.startswith("- "))
        sizes.append((count, len(made.markdown.encode()), shown))
    return sizes


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        print("| fault | WeCom: posted / requests, state | DingTalk: posted / requests, state |")
        print("|---|---|---|")
        for name, options in FAULTS:
            cells = []
            for kind in ("wecom", "dingtalk"):
                (folder / name / kind).mkdir(parents=True)
                posted, requests, state = run_fault(kind, options, folder / name / kind)
                cells.append(f"{posted} / {requests}, `{state}`")
            print(f"| {name} | {cells[0]} | {cells[1]} |")
    print()
    print("| goals behind | summary (bytes of UTF-8) | goals named |")
    print("|---|---|---|")
    for count, size, shown in summary_sizes():
        print(f"| {count} | {size} | {shown} |")


if __name__ == "__main__":
    main()
