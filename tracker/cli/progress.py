"""Progress of long file work on stderr: a rich bar on a terminal, plain lines otherwise."""

import sys
from types import TracebackType
from typing import Any

STAGES = {"check": "Checking rows 检查", "write": "Writing figures 写入"}


class StderrProgress:
    """A ``(stage, done, total)`` callback; silent for files below ``minimum`` rows."""

    def __init__(self, minimum: int = 2_000) -> None:
        self.minimum = minimum
        self.bar: Any = None
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if total < self.minimum:
            return
        if not sys.stderr.isatty():
            print(f"{STAGES.get(stage, stage)}: {done:,}/{total:,}", file=sys.stderr, flush=True)
            return
        if self.bar is None:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(STAGES.get(stage, stage), total=total)
        self.bar.update(self.tasks[stage], completed=done)

    def __enter__(self) -> "StderrProgress":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self.bar is not None:
            self.bar.stop()
