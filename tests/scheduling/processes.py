"""Running ``tracker`` as a real process, and watching what it logs."""

import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.delivery.mailserver import PASSWORD, USER, MailServer


def tracker(*args: str) -> list[str]:
    return [sys.executable, "-m", "tracker", *args]


def environment(config_dir: Path, server: MailServer | None, tmp_path: Path) -> dict[str, str]:
    """The config directory, the reports folder and (for ``server``) the SMTP settings: the
    certificate in tracker.toml, the rest from the environment as in production."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    env.update(TRACKER_CONFIG_DIR=str(config_dir), TRACKER_REPORTS_DIR=str(tmp_path / "reports"))
    if server is not None:
        settings = config_dir / "tracker.toml"
        text = settings.read_text(encoding="utf-8").replace(
            '# ca_file = "ca.pem"', f'ca_file = "{server.ca_file}"'
        )
        settings.write_text(text, encoding="utf-8")
        env.update(
            TRACKER_SMTP_HOST=server.host,
            TRACKER_SMTP_PORT=str(server.port),
            TRACKER_SMTP_USER=USER,
            TRACKER_SMTP_PASSWORD=PASSWORD,
        )
    return env


class Watched:
    """A process whose stderr lines are collected as they come."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        self.lines: list[str] = []
        self._queue: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def __enter__(self) -> "Watched":
        return self

    def __exit__(self, *_: object) -> None:
        """Kill the process if it still runs; close its pipe."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._queue.put(line)

    def wait_for(self, text: str, count: int = 1, limit: float = 60) -> None:
        """Until ``text`` has appeared in ``count`` lines (or the process ended)."""
        deadline = time.monotonic() + limit
        while sum(text in line for line in self.lines) < count:
            try:
                self.lines.append(self._queue.get(timeout=0.1))
            except queue.Empty:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        f"never saw {text!r}; stderr so far:\n{''.join(self.lines)}"
                    ) from None

    def stderr(self) -> str:
        while not self._queue.empty():
            self.lines.append(self._queue.get())
        return "".join(self.lines)
