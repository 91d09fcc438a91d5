"""Measuring: medians after a warm-up, child processes with their own CPU time and peak memory,
and the result rows that the table and the JSON file are made of."""

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

NOT_AVAILABLE = "not available yet"


@dataclass(frozen=True)
class Budget:
    """A limit on the ratio (ours / reference) or on our own figure."""

    limit: float
    on: str = "ratio"  # "ratio" or "ours"
    strict: bool = False  # "<" rather than "≤"

    def met(self, ours: float | None, ratio: float | None) -> bool | None:
        value = ratio if self.on == "ratio" else ours
        if value is None:
            return None
        return value < self.limit if self.strict else value <= self.limit

    def text(self, unit: str) -> str:
        sign = "<" if self.strict else "≤"
        return f"{sign} {self.limit:g}" + ("" if self.on == "ratio" else f" {unit}")


@dataclass(frozen=True)
class Result:
    """One row of the table: our figure, the reference's, their ratio and the budget."""

    key: str  # stable, for scripts and the tests
    case: str  # for people
    ours: float | None
    reference: float | None = None
    unit: str = "s"
    budget: Budget | None = None
    note: str = ""
    available: bool = True
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.ours is None or not self.reference:
            return None
        return self.ours / self.reference

    @property
    def passed(self) -> bool | None:
        return None if self.budget is None else self.budget.met(self.ours, self.ratio)

    def record(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "case": self.case,
            "ours": self.ours,
            "reference": self.reference,
            "unit": self.unit,
            "ratio": self.ratio,
            "budget": self.budget.text(self.unit) if self.budget else None,
            "budget_limit": asdict(self.budget) if self.budget else None,
            "passed": self.passed,
            "available": self.available,
            "note": self.note,
            "details": self.details,
        }


def result_from_record(record: dict[str, Any]) -> Result:
    """A result read back from the JSON file (``Result.record``)."""
    limit = record["budget_limit"]
    return Result(
        record["key"],
        record["case"],
        record["ours"],
        record["reference"],
        unit=record["unit"],
        budget=Budget(**limit) if limit else None,
        note=record["note"],
        available=record["available"],
        details=record["details"],
    )


def unavailable(
    key: str, case: str, why: str, budget: Budget | None = None, unit: str = "s"
) -> Result:
    return Result(key, case, None, unit=unit, budget=budget, note=why, available=False)


def medians_in_turns(*actions: Callable[[int], float], runs: int, warmups: int) -> list[float]:
    """The median of each action's measurements, taken in turns (one of each, then again) so
    that a noisy moment on a shared machine falls on all of them rather than on one."""
    samples: list[list[float]] = [[] for _ in actions]
    for n in range(warmups + runs):
        for action, found in zip(actions, samples, strict=True):
            found.append(action(n))
    return [statistics.median(found[warmups:]) for found in samples]


def timed_in_turns(
    timed: Callable[[Callable[[], object]], float],
    *actions: Callable[[], object],
    runs: int,
    warmups: int,
) -> list[float]:
    """``medians_in_turns`` of the actions, each measured with ``timed`` (``cpu_time`` or
    ``wall_time``)."""
    return medians_in_turns(*(_measured(timed, a) for a in actions), runs=runs, warmups=warmups)


def _measured(
    timed: Callable[[Callable[[], object]], float], action: Callable[[], object]
) -> Callable[[int], float]:
    return lambda _: timed(action)


def wall_time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_time(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


@dataclass(frozen=True)
class ChildRun:
    """A finished child process: wall time, CPU time (user + system) and what it printed.

    Not its peak memory: ru_maxrss of a child started from this process counts this
    process's own resident set (the kernel keeps the high-water mark across fork and exec),
    so a child reports its own (``benchmarks.child``).
    """

    wall: float
    cpu: float
    stdout: bytes


def run_child(
    argv: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    stdin: Path | None = None,
    cwd: Path | None = None,
) -> ChildRun:
    """Run ``argv`` to completion; its CPU time comes from ``wait4`` (its own, not that of
    the other children).

    A failing command raises RuntimeError with its stderr, so a broken case cannot pass
    as a fast one.
    """
    with (
        open(stdin if stdin else os.devnull, "rb") as given,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdin=given, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)  # this child's own usage, unlike getrusage
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        output, errors = out.read(), err.read()
    if process.returncode != 0:
        shown = " ".join(argv)
        raise RuntimeError(f"`{shown}` exited {process.returncode}: {errors.decode()[-2000:]}")
    return ChildRun(wall, usage.ru_utime + usage.ru_stime, output)


def compiled() -> None:
    """The project's modules compiled to bytecode, as ``pip install`` leaves them: a cold
    process run with PYTHONDONTWRITEBYTECODE set (as on some machines) would otherwise compile
    every module of ours from source each time while its references load theirs compiled."""
    import compileall

    import tracker

    compileall.compile_dir(Path(tracker.__file__).parent, quiet=1)


def bin_path(name: str) -> str:
    """A console script installed beside this interpreter (the project's virtualenv)."""
    path = Path(sys.executable).parent / name
    if not path.exists():
        raise RuntimeError(f"{path} is missing; run `make setup` (it installs '.[bench]').")
    return str(path)
