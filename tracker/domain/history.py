"""What the revision history of a figure shows: every revision as it was recorded."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True)
class RevisionRecord:
    """One revision of one figure, as stored: revisions are only ever added, never changed."""

    period: str  # "2020-06", "2020-Q2", "2020"
    revision: int  # 1 for the first figure, then 2, 3, ...
    value: Decimal  # in the indicator's unit (percent for a growth rate)
    amount: Decimal | None  # the year-to-date absolute amount, when given
    preliminary: bool
    note: str | None
    source: str | None
    source_file: str | None  # the imported file it came from, if any
    source_row: int | None  # ... and its row there
    reason: str | None  # why it was revised (None for the first revision)
    recorded_by: str
    recorded_at: datetime  # aware, in UTC

    @property
    def origin(self) -> str:
        """Where the figure came from: its source, else ``file:row`` of an import, else ''."""
        if self.source:
            return self.source
        return f"{self.source_file}:{self.source_row}" if self.source_file else ""
