"""What ``tracker import`` prints: where it read from, and what was (or would be) written."""

from tracker.app.imports import ImportResult
from tracker.domain.numbers import plain
from tracker.sheets.plan import PlannedFigure, describe

LISTED = 20  # rows listed per kind of change in a dry run


def import_summary(result: ImportResult) -> str:
    if result.bulletin is not None:
        return bulletin_summary(result)
    plan = result.plan
    where = f"encoding {result.encoding}" if result.encoding else f"sheet '{result.sheet}'"
    lines = [f"Read {plan.file} ({where}): {plan.rows} rows · 读取{plan.rows}行"]
    if plan.layout is not None:
        lines.extend(plan.layout.notes)
        for skipped in plan.layout.skipped[:LISTED]:
            lines.append(f"  row {skipped.row:>5}  skipped 未导入  {skipped.name}: {skipped.why}")
        if len(plan.layout.skipped) > LISTED:
            lines.append(f"  … and {len(plan.layout.skipped) - LISTED} more rows skipped")
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
    additions = [c for c in plan.revised if c.row in result.additions]
    for title, changes in (
        ("add 新增", plan.added),
        ("revise 修订", [c for c in plan.revised if c.row not in result.additions]),
        ("add to 补充", additions),
        ("unchanged 未变", plan.unchanged),
    ):
        lines.extend(_listed(title, changes, result))
    return "\n".join(lines)


def _listed(title: str, changes: list[PlannedFigure], result: ImportResult) -> list[str]:
    """The changes of one kind, each with the fields it changes besides the value (``amount
    金额 120.5 → 121``)."""
    lines = [
        f"  row {c.row:>5}  {title}  {describe(c)}"
        + "".join(f" · {x.arrow}" for x in result.changes.get(c.row, ()) if x.field != "value")
        for c in changes[:LISTED]
    ]
    if len(changes) > LISTED:
        lines.append(f"  … and {len(changes) - LISTED} more to {title.split()[0]}")
    return lines


def bulletin_summary(result: ImportResult) -> str:
    """What a bulletin states, figure by figure with its sentence, and what it could not place."""
    bulletin, plan = result.bulletin, result.plan
    assert bulletin is not None
    lines = [
        f"Read {bulletin.name}: {len(bulletin.found)} "
        f"figure{'s' if len(bulletin.found) != 1 else ''} found · "
        f"找到{len(bulletin.found)}个数据"
    ]
    state = {c.row: ("add 新增", c) for c in plan.added}
    state.update({c.row: ("revise 修订", c) for c in plan.revised})
    state.update({c.row: ("unchanged 未变", c) for c in plan.unchanged})
    for row, found in enumerate(bulletin.found, start=2):
        what, change = state.get(row, ("", None))
        amount = f"  amount 总量 {found.amount}{found.amount_unit}" if found.amount else ""
        shown = describe(change) if change is not None else f"{found.key} {found.period}"
        origin = " 同段前文 stated earlier in the paragraph" if found.carried else ""
        lines.append(f"  line {found.line:>3}  {what}  {shown}  ({found.label}{origin}){amount}")
        lines.append(f"            「{found.sentence}」")
    if bulletin.unplaced:
        lines.append("Not placed, not imported 无法确定，未导入:")
        for u in bulletin.unplaced[:LISTED]:
            lines.append(f"  line {u.line:>3}  {u.why_en} · {u.why_zh}")
            lines.append(f"            「{u.sentence}」")
        if len(bulletin.unplaced) > LISTED:
            lines.append(f"  … and {len(bulletin.unplaced) - LISTED} more sentences")
    added, revised, same = len(plan.added), len(plan.revised), len(plan.unchanged)
    counts = f"{added} added, {revised} revised, {same} unchanged"
    counts_zh = f"新增{added}条，修订{revised}条，未变{same}条"
    if result.dry_run:
        lines.append(
            f"Dry run, nothing written · 试运行，未写入: would be {counts} · {counts_zh}; "
            "record them with --yes · 确认无误后加 --yes 导入"
        )
    else:
        lines.append(f"Imported: {counts} · 已导入：{counts_zh}")
    return "\n".join(lines)
