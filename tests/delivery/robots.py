"""Starting the robot server of ``robotserver.py`` as a real process, and reading its log."""

import itertools
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.configuration.channels import ChannelSpec

TOKEN = "robot-key-1"
SECRET = "SEC0123456789abcdef"
_SERVERS = itertools.count(1)  # each server's log has its own name
PATHS = {"wecom": "/cgi-bin/webhook/send?key=", "dingtalk": "/robot/send?access_token="}


@dataclass
class RobotServer:
    kind: str
    port: int
    log: Path

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.port}{PATHS[self.kind]}{TOKEN}"

    def spec(
        self, name: str = "leaders", *, secret: str = SECRET, timeout: float = 2
    ) -> ChannelSpec:
        return ChannelSpec(
            name=name,
            kind=self.kind,
            webhook=self.webhook,
            secret=secret if self.kind == "dingtalk" else None,
            timeout=timeout,
        )

    def requests(self) -> list[dict[str, Any]]:
        """Every request the server read, in order."""
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines()]

    def posted(self) -> list[dict[str, Any]]:
        """The messages that reached the group (the server took them, answered or not)."""
        return [r for r in self.requests() if r["posted"]]


@contextmanager
def robot_server(
    kind: str,
    folder: Path,
    *,
    script: str = "ok",
    secret: str = SECRET,
    delay: float = 5.0,
    stall: bool = False,
) -> Iterator[RobotServer]:
    """A WeCom or DingTalk robot in its own process on 127.0.0.1 (see robotserver.py)."""
    log = folder / f"{kind}-{next(_SERVERS)}.jsonl"
    args = [sys.executable, "-m", "tests.delivery.robotserver", "--kind", kind]
    args += ["--token", TOKEN, "--secret", secret, "--log", str(log), "--script", script]
    args += ["--delay", str(delay)] + (["--stall"] if stall else [])
    process = subprocess.Popen(args, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        port = int(process.stdout.readline())
        yield RobotServer(kind, port, log)
    finally:
        process.kill()
        process.wait()
        if process.stdout is not None:
            process.stdout.close()
