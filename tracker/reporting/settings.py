"""What an office's config says about its reports, beside the figures: the zone its moments are
shown in, the order of the overview table, the units of the recorded amounts, and its own
briefing template (docs/reports.md). Plain data: the application layer makes it from the config
(``report_settings``) and passes it to ``render``.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.configuration.load import Config

DEFAULT_ZONE = "Asia/Shanghai"


@dataclass(frozen=True)
class ReportSettings:
    """``zone``: the IANA zone every moment a report shows is in (``[general] timezone``);
    ``order``: indicator keys in the order of indicators.toml, the overview table's (goals of
    indicators not named keep the order they were read in, after those named); ``amount_units``:
    indicator key -> the unit its amounts are recorded in (``amount_unit``: 万元, 亿元);
    ``templates``: the office's config folder, where its own briefing templates may be
    (``briefing.docx``, ``briefing-en.docx``); None: the shipped ones."""

    zone: str = DEFAULT_ZONE
    order: tuple[str, ...] = ()
    amount_units: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    templates: Path | None = None


def report_settings(config: "Config") -> ReportSettings:
    """The report settings of ``config``. Raises ConfigError for a broken tracker.toml or
    indicators.toml (its problems listed)."""
    return ReportSettings(
        zone=config.timezone,
        order=config.indicator_order,
        amount_units=MappingProxyType(dict(config.amount_units)),
        templates=config.folder,
    )
