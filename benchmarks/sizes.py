"""How big and how often: the full run of docs/performance.md, and the quick run the tests use."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    quick: bool
    process_runs: int  # cold processes (record, --help)
    process_warmups: int
    small: tuple[int, int]  # goals × monthly periods
    large: tuple[int, int]
    status_runs: int
    status_warmups: int
    import_rows: int
    import_runs: int
    report: tuple[int, int]
    report_runs: int
    idle_seconds: float
    settle_seconds: float  # the scheduler's start-up, before the idle window begins
    city: tuple[int, int]  # goals × monthly periods of a city: 150 places × 40 goals
    trick_runs: int  # each speed trick, with and without it
    smtp_trickle: tuple[float, float, int]  # SMTP timeout (s), a line every (s), lines
    province: tuple[int, int, int]  # places × monthly indicators × years of monthly figures
    province_runs: int
    province_large: int  # places of the large province: a report among them, a table of them
    national: tuple[int, int, int]  # every county: places × monthly indicators × years
    national_runs: int
    writers: int  # writer processes, each recording into a place of its own (PostgreSQL)
    writer_seconds: float
    projects: tuple[int, int] = (2_000, 12)  # key projects × monthly figures (docs/projects.md)
    projects_runs: int = 5


FULL = Sizes(
    quick=False,
    process_runs=9,
    process_warmups=2,
    small=(1_000, 24),
    large=(10_000, 36),
    status_runs=5,
    status_warmups=1,
    import_rows=100_000,
    import_runs=3,
    report=(1_000, 24),
    report_runs=5,
    idle_seconds=60,
    settle_seconds=5,
    city=(6_000, 24),
    trick_runs=5,
    smtp_trickle=(3.0, 2.0, 15),
    province=(150, 40, 5),
    province_runs=3,
    province_large=1_500,
    national=(2_800, 40, 2),
    national_runs=3,
    writers=8,
    writer_seconds=60,
)

QUICK = Sizes(
    quick=True,
    process_runs=1,
    process_warmups=0,
    small=(10, 24),
    large=(30, 36),
    status_runs=1,
    status_warmups=1,
    import_rows=300,
    import_runs=1,
    report=(10, 24),
    report_runs=1,
    idle_seconds=2,
    settle_seconds=1,
    city=(20, 24),
    trick_runs=1,
    smtp_trickle=(0.5, 0.2, 5),
    province=(9, 4, 2),  # 8 writers need a place each besides home
    province_runs=1,
    province_large=24,  # past the 20 rows a league table shows in full
    national=(30, 4, 2),
    national_runs=1,
    writers=8,
    writer_seconds=3,
    projects=(20, 12),
    projects_runs=1,
)
