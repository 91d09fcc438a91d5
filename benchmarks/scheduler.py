"""Case 6: ``tracker schedule start`` at rest with the shipped jobs: its CPU over an idle
window (from /proc, after start-up) and its resident memory at the end of it."""

import os
import signal
import subprocess
import time
from pathlib import Path

from benchmarks.harness import NOT_AVAILABLE, Budget, Result, bin_path, unavailable
from benchmarks.sizes import Sizes

DEMO_CONFIG = Path(__file__).resolve().parents[1] / "config"

TICKS = os.sysconf("SC_CLK_TCK")


def run(workdir: Path, sizes: Sizes) -> list[Result]:
    idle = f"{sizes.idle_seconds:g} s"
    cpu_case = f"scheduler at rest ({idle} idle): CPU of one core"
    rss_case = f"scheduler at rest ({idle} idle): resident memory"
    cpu_budget = Budget(1.0, on="ours", strict=True)
    rss_budget = Budget(150, on="ours", strict=True)
    tracker = bin_path("tracker")
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{workdir / 'tracker.db'}",
        "TRACKER_REPORTS_DIR": str(workdir / "reports"),
        # The demo district's config: its jobs are what the scheduler holds at rest.
        "TRACKER_CONFIG_DIR": str(DEMO_CONFIG),
    }
    probe = subprocess.run(
        [tracker, "schedule", "start", "--help"], env=env, capture_output=True, check=False
    )
    if probe.returncode != 0:
        why = f"{NOT_AVAILABLE} (`tracker schedule start` arrives with the scheduler)"
        return [
            unavailable("scheduler_cpu", cpu_case, why, cpu_budget, unit="%"),
            unavailable("scheduler_rss", rss_case, why, rss_budget, unit="MB"),
        ]
    subprocess.run([tracker, "init", "--demo"], env=env, capture_output=True, check=True)
    log = workdir / "scheduler.log"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [tracker, "schedule", "start"], env=env, stdout=output, stderr=subprocess.STDOUT
        )
        try:
            time.sleep(sizes.settle_seconds)
            start, cpu_start = time.monotonic(), _cpu_seconds(process, log)
            time.sleep(sizes.idle_seconds)
            cpu = _cpu_seconds(process, log) - cpu_start
            share = 100 * cpu / (time.monotonic() - start)
            rss = _rss_mb(process.pid)
        finally:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return [
        Result("scheduler_cpu", cpu_case, share, unit="%", budget=cpu_budget),
        Result("scheduler_rss", rss_case, rss, unit="MB", budget=rss_budget),
    ]


def _cpu_seconds(process: subprocess.Popen[bytes], log: Path) -> float:
    if process.poll() is not None:
        raise RuntimeError(f"the scheduler stopped ({process.returncode}): {log.read_text()}")
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")
