"""What ``tracker import`` prints: where it read from, and what was (or would be) written."""

from tracker.domain.numbers import plain
from tracker.sheets.importer import ImportResult
from tracker.sheets.plan import PlannedFigure, describe

LISTED = 20  # rows listed per kind of change in a dry run


def import_summary(result: ImportResult) -> str:
    plan = result.plan
    where = f"encoding {result.encoding}" if result.encoding else f"sheet '{result.sheet}'"
    lines = [f"Read {plan.file} ({where}): {plan.rows} rows · 读取{plan.rows}行"]
    if plan.columns.ignored:
        lines.append("Ignored columns 未使用的列: " + ", ".join(plan.columns.ignored))
    if plan.without_value:
        rows = ", ".join(map(str, plan.without_value[:LISTED]))
        more = "…" if len(plan.without_value) > LISTED else ""
        lines.append(f"Rows without a value, skipped 无数值未导入: {rows}{more}")
    for finer in plan.finer[:LISTED]:
        lines.append(
            f"  row {finer.row:>5}  {finer.key} {finer.period} = {plain(finer.value)}: more "
            f"decimals than the {finer.decimals} shown, kept as stored · 小数位多于指标显示的"
            f"{finer.decimals}位，按原值导入"
        )
    if len(plan.finer) > LISTED:
        lines.append(f"  … and {len(plan.finer) - LISTED} more values with more decimals")
    added, revised, same = len(plan.added), len(plan.revised), len(plan.unchanged)
    counts = f"{added} added, {revised} revised, {same} unchanged"
    counts_zh = f"新增{added}条，修订{revised}条，未变{same}条"
    if not result.dry_run:
        lines.append(f"Imported: {counts} · 已导入：{counts_zh}")
        return "\n".join(lines)
    lines.append(f"Dry run, nothing written · 试运行，未写入: would be {counts} · {counts_zh}")
    for title, changes in (
        ("add 新增", plan.added),
        ("revise 修订", plan.revised),
        ("unchanged 未变", plan.unchanged),
    ):
        lines.extend(_listed(title, changes))
    return "\n".join(lines)


def _listed(title: str, changes: list[PlannedFigure]) -> list[str]:
    lines = [f"  row {c.row:>5}  {title}  {describe(c)}" for c in changes[:LISTED]]
    if len(changes) > LISTED:
        lines.append(f"  … and {len(changes) - LISTED} more to {title.split()[0]}")
    return lines
