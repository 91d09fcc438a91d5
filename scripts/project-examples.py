"""Write the key projects' examples (docs/projects.md), the same bytes each time:

examples/zone-projects/projects/2019.toml       the seed's 119 projects of 2019: 417亿元 in all,
                                                3 provincial, 16 city and 100 district projects
examples/zone-projects/2019-12-projects.csv     their year-end sheet (万元): every plan met,
                                                146% and 189% of plan for the provincial and
                                                city projects, as the seed says
examples/2020-06-projects.xlsx                  a 2020 project sheet of 64 projects in three
                                                levels as offices keep it (title, unit, a
                                                two-row header, group rows, a 合计 row), 1-6月
examples/zone-projects/2020-06-projects-east.csv, -west.csv   two districts' sheets of June

The seed gives the totals, the two shares of plan and a few projects by name (蒙牛四期工厂,
黄河生物科技学院, 明仁, 厦工, 韩公教育园区, 文汇路, 滨河路); every other name and number is
made up (illustrative) so that the totals come out as the seed says.

    .venv/bin/python scripts/project-examples.py
"""

import csv
import io
import random
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZONE = ROOT / "examples" / "zone-projects"
HUNDRED = 100  # amounts are kept in hundredths of 亿元 (百万元): exact


@dataclass
class Planned:
    key: str
    name: str
    level: str
    owner: str
    owner_zh: str
    total: int  # hundredths of 亿元
    plan: int
    done: int = 0
    start: str = ""  # planned, "2019-03"
    finish: str = ""
    started: str = ""  # actual, "2019-03-18"
    finished: str = ""
    leader: str = ""
    content: str = ""
    progress: str = ""
    milestones: list[tuple[str, str]] = field(default_factory=list)


OWNERS = {
    "development": "区发展改革委", "industry": "区工信局", "housing": "区住建局",
    "transport": "区交通运输局", "education": "区教育局", "health": "区卫健委",
    "agriculture": "区农业农村局", "science": "区科创局", "investment": "区开放招商中心",
    "park": "区产业集聚区管委会", "wenyuan": "文苑街道", "wenchang": "文昌街道",
    "liwan": "李万街道", "sujiazuo": "苏家作乡", "ningguo": "宁郭镇",
}  # fmt: skip
LEADERS = ["王家鹏", "李副主任", "张副主任", "刘副主任", "陈副主任", "赵副主任", "孙副主任"]
ROADS = ["神州路", "南海路", "文丰路", "中原路", "人民路", "丰收路", "建设路", "迎宾路",
         "世纪路", "新园路", "工业路", "学府路", "创业路", "科技大道", "文昌路",
         "山阳路"]  # fmt: skip
VILLAGES = ["寨卜昌村", "北西尚村", "刘范村", "辛庄村", "姚郭庄村", "李万村", "宁郭村",
            "苏家作村", "东于村", "西于村", "大高村", "小高村"]  # fmt: skip
FIRMS = ["天宝桓祥", "晶华膜技", "华表仪控", "晶泰航空", "嵩阳光电", "卓立膜材料", "泰鑫机械",
         "百大嘉苑", "同天投资", "明仁天然药物", "中建七局", "嘉洁能", "中原动力", "焦作精工",
         "怀药科技", "太行建材"]  # fmt: skip
INDUSTRY = ["智能制造升级改造", "新型材料扩产", "研发中心建设", "数字化车间", "绿色工厂改造",
            "年产5000吨新材料", "精密部件生产线", "技术改造"]  # fmt: skip
SOCIAL = ["社区日间照料中心", "农村幸福院", "卫生院改扩建", "寄宿制学校改扩建", "幼儿园新建",
          "文化广场", "全民健身中心", "农贸市场改造"]  # fmt: skip


def yi(hundredths: int) -> str:
    """Hundredths of 亿元 as 亿元 text: 1500 → '15', 655 → '6.55'."""
    text = str(Decimal(hundredths) / HUNDRED)
    return text.rstrip("0").rstrip(".") if "." in text else text


def wan(hundredths: int) -> str:
    """Hundredths of 亿元 as 万元: 1 亿元 = 10,000 万元; 655 → '65500'."""
    return str(hundredths * 100)


def split(rng: random.Random, total: int, parts: int, low: int) -> list[int]:
    """``total`` cut into ``parts`` whole amounts of at least ``low``, at random."""
    weights = [rng.uniform(0.4, 2.5) for _ in range(parts)]
    room = total - low * parts
    cut = [low + int(room * w / sum(weights)) for w in weights]
    cut[0] += total - sum(cut)
    return cut


def seed_2019() -> list[Planned]:
    """The 119 projects of 2019: 417亿元 of total investment; 3 provincial at 146% and 16 city
    at 189% of their annual plans; every district project at its plan or beyond."""
    rng = random.Random(2019)
    provincial = [
        Planned("college", "黄河生物科技学院", "省重点", "education", "区教育局", 3500, 500,
                730, "2019-10", "2022-08", leader="王家鹏",
                content="新建教学楼、实验楼、图书馆等，总建筑面积42万平方米"),
        Planned("mengniu4", "蒙牛四期工厂", "省重点", "industry", "区工信局", 1500, 450, 662,
                "2019-03", "", "2019-03-18", leader="李副主任",
                content="利用大江重工闲置土地，建设乳制品生产线及配套设施",
                milestones=[("建成投产", "2020-05-31")]),
        Planned("mingren", "明仁与中国药科大学产学研销一体化项目", "省重点", "park",
                "区产业集聚区管委会", 1000, 250, 360, "2018-04", "2019-11", finished="2019-11-20",
                leader="张副主任", content="研发中心、中试基地及营销中心"),
    ]  # fmt: skip
    assert sum(p.done for p in provincial) * 100 == 146 * sum(p.plan for p in provincial)
    city = _city(rng)
    district = _district(rng, 41700 - sum(p.total for p in provincial + city))
    projects = provincial + city + district
    assert len(projects) == 119
    assert sum(p.total for p in projects) == 41700
    for p in projects:
        assert p.plan <= p.done <= p.total, p.name
    return projects


def _city(rng: random.Random) -> list[Planned]:
    names = [
        ("xiagong", "厦工年产1万台智能化整车项目", "industry", 200),
        ("hangong", "韩公教育园区", "education", 390),
        ("wenhui", "文汇路（神州路至南海路）", "transport", 480),
        ("binhe", "滨河路（文丰路至中原路）", "transport", 520),
        ("xijing", "西经大道（人民路至丰收路）拓宽", "transport", 860),
        ("minzhu", "民主路拓宽工程", "transport", 640),
        ("dashahe", "大沙河城区核心段生态长廊", "housing", 1650),
        ("qinquan", "沁泉湖湿地公园", "housing", 920),
        ("jianggou", "蒋沟河湿地", "housing", 560),
        ("wengjian", "瓮涧河综合治理", "agriculture", 730),
        ("design", "中原工业设计城二期", "science", 1200),
        ("sensing", "河南省高端传感应用研究院", "science", 850),
        ("digital", "数字经济产业园", "science", 1480),
        ("jiajie", "嘉洁能智慧供暖一期", "investment", 1130),
        ("hq", "中原总部基地一期", "investment", 1960),
        ("resettle", "城中村改造安置区（一期）", "housing", 1630),
    ]
    plans = [80, 150, 200, 220, 200, 150, 300, 200, 120, 150, 250, 180, 200, 250, 200, 150]
    assert len(plans) == 16
    assert sum(plans) == 3000
    dones = [round(p * 1.89) for p in plans]
    dones[0] += 5670 - sum(dones)  # 1.89 × 30亿元 = 56.7亿元, exactly
    found = []
    for n, ((key, name, owner, total), plan, done) in enumerate(
        zip(names, plans, dones, strict=True)
    ):
        start = f"2019-{rng.randint(1, 6):02d}" if n % 3 else f"2018-{rng.randint(3, 11):02d}"
        finish, finished = f"20{20 + n % 3}-12", ""
        if key in ("wenhui", "binhe"):  # 建成通车 in 2019, as the seed says
            finish, finished = f"2019-{9 + n}", f"2019-{9 + n}-{10 + n}"
        found.append(
            Planned(key, name, "市重点", owner, OWNERS[owner], total, plan, done, start, finish,
                    started=_started(start, rng), finished=finished,
                    leader=LEADERS[n % len(LEADERS)])
        )  # fmt: skip
    return found


def _started(start: str, rng: random.Random) -> str:
    """A project that started in 2019 did so within a few days of its planned month."""
    if not start.startswith("2019"):
        return ""
    return f"{start}-{rng.randint(5, 28):02d}"


def _district(rng: random.Random, total: int) -> list[Planned]:
    """100 district projects sharing ``total`` (hundredths of 亿元)."""
    names = _district_names(rng, 100)
    totals = split(rng, total, 100, 40)
    found = []
    owners = list(OWNERS)
    for n, (name, amount) in enumerate(zip(names, totals, strict=True)):
        plan = max(10, amount * rng.randint(25, 60) // 100)
        done = min(amount, plan + plan * rng.randint(0, 35) // 100)
        start = f"2019-{rng.randint(1, 9):02d}" if n % 4 else f"2018-{rng.randint(1, 12):02d}"
        owner = owners[n % len(owners)]
        found.append(
            Planned(f"d{n + 1:03d}", name, "区重点", owner, OWNERS[owner], amount, plan, done,
                    start, f"20{20 + n % 2}-{rng.randint(1, 12):02d}",
                    started=_started(start, rng), leader=LEADERS[n % len(LEADERS)])
        )  # fmt: skip
    return found


def _district_names(rng: random.Random, count: int) -> list[str]:
    names: list[str] = []
    while len(names) < count:
        kind = len(names) % 4
        if kind == 0:
            a, b, c = rng.sample(ROADS, 3)
            name = f"{a}（{b}至{c}）新建工程"
        elif kind == 1:
            name = f"{rng.choice(FIRMS)}{rng.choice(INDUSTRY)}项目"
        elif kind == 2:
            name = f"{rng.choice(VILLAGES)}{rng.choice(['人居环境整治', '污水管网敷设', '四好农村路', '安全饮水提升'])}"  # noqa: E501
        else:
            name = f"{rng.choice(['文苑', '文昌', '李万', '宁郭', '苏家作'])}{rng.choice(SOCIAL)}"
        if name not in names:
            names.append(name)
    return names


def toml_2019(projects: list[Planned]) -> str:
    lines = [
        "# The zone's 119 key projects of 2019 (docs/projects.md, the seed's worked example).",
        "# The seed gives the totals — 119 projects, 417亿元 of total investment, every annual",
        "# plan met, the 3 provincial and 16 city projects at 146% and 189% of plan — and a few",
        "# projects by name (蒙牛四期工厂, 黄河生物科技学院, 明仁, 厦工, 韩公教育园区, 文汇路,",
        "# 滨河路). Every other name and number is made up (illustrative), so that the totals",
        "# come out as the seed says. Written by scripts/project-examples.py. Amounts in 亿元.",
        "",
    ]
    for p in projects:
        lines += [f"[projects.{p.key}]", f'name = "{p.name}"', f'level = "{p.level}"',
                  f'owner = "{p.owner}"']  # fmt: skip
        if p.leader:
            lines.append(f'leader = "{p.leader}"')
        if p.content:
            lines.append(f'content = "{p.content}"')
        lines += [f"total = {yi(p.total)}", f"plan = {yi(p.plan)}", f'start = "{p.start}"']
        if p.finish:
            lines.append(f'finish = "{p.finish}"')
        for name, due in p.milestones:
            lines += ["", f"[[projects.{p.key}.milestones]]", f'name = "{name}"', f'due = "{due}"']
        lines.append("")
    return "\n".join(lines)


LEVEL_ROWS = {"省重点": "一、省重点项目", "市重点": "二、市重点项目", "区重点": "三、区重点项目"}


def csv_2019(projects: list[Planned]) -> str:
    """The year-end sheet: a title, the unit, the header, group rows, a 合计 row (万元)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["2019年示范区重点项目建设进度表（1-12月）"])
    w.writerow(["单位：万元"])
    w.writerow(["序号", "项目名称", "总投资", "年度计划投资", "1-12月完成投资", "完成年度计划%",
                "计划开工时间", "计划竣工时间", "实际开工时间", "实际竣工时间", "责任单位",
                "分包领导"])  # fmt: skip
    w.writerow(["合计", "", wan(sum(p.total for p in projects)),
                wan(sum(p.plan for p in projects)), wan(sum(p.done for p in projects)), "", "",
                "", "", "", "", ""])  # fmt: skip
    for level, heading in LEVEL_ROWS.items():
        rows = [p for p in projects if p.level == level]
        w.writerow([f"{heading}（{len(rows)}个）", "", wan(sum(p.total for p in rows)),
                    wan(sum(p.plan for p in rows)), wan(sum(p.done for p in rows))])  # fmt: skip
        for n, p in enumerate(rows, 1):
            share = f"{Decimal(p.done * 100) / p.plan:.1f}"
            started = "" if p.key == "college" else p.started  # recorded by `projects done`
            w.writerow([n, p.name, wan(p.total), wan(p.plan), wan(p.done), share, p.start,
                        p.finish, started, p.finished, p.owner_zh, p.leader])  # fmt: skip
    return out.getvalue()


def sample_2020(taken: set[str]) -> list[Planned]:
    """64 projects of 2020, judged at 1-6月: 5 provincial (the seed: 今年纳入省重点项目数达到5个),
    15 city, 44 district; most near their pace, some behind, three not reported. Its new
    district projects are named unlike any of ``taken`` (2019's)."""
    rng = random.Random(2020)
    provincial = [
        Planned("college", "黄河生物科技学院", "省重点", "education", "区教育局", 3500, 900, 0,
                "2019-10", "2022-08", leader="王家鹏", progress="教学楼主体施工"),
        Planned("mengniu4", "蒙牛四期工厂", "省重点", "industry", "区工信局", 1500, 600, 0,
                "2019-03", "2020-05-31", leader="李副主任", progress="设备安装调试"),
        Planned("hq", "中原总部基地一期", "省重点", "investment", "区开放招商中心", 2600, 800, 0,
                "2019-06", "2021-12", leader="张副主任", progress="主体封顶"),
        Planned("jiajie", "嘉洁能智慧供暖二期", "省重点", "investment", "区开放招商中心", 1800,
                600, 0, "2020-04", "2021-10", leader="刘副主任", progress="桩基施工"),
        Planned("tianbao", "天宝桓祥超硬材料产业园", "省重点", "park", "区产业集聚区管委会",
                2200, 700, 0, "2020-03", "2022-06", leader="陈副主任", progress="厂房钢结构施工"),
    ]  # fmt: skip
    city = [
        Planned(f"c{n}", name, "市重点", owner, OWNERS[owner], total, plan, 0, start, finish,
                leader=LEADERS[n % len(LEADERS)])
        for n, (name, owner, total, plan, start, finish) in enumerate(
            [
                ("大沙河城区核心段生态长廊二期", "housing", 1200, 300, "续建", "2021-06"),
                ("沁泉湖湿地公园二期", "housing", 600, 200, "2020-03", "2020-12"),
                ("西经大道（人民路至丰收路）", "transport", 860, 260, "续建", "2020-10"),
                ("民主路拓宽工程", "transport", 640, 180, "续建", "2020-09"),
                ("中原工业设计城二期", "science", 1200, 400, "续建", "2021-12"),
                ("数字经济产业园二期", "science", 1500, 500, "2020-02", "2022-12"),
                ("城中村改造安置区（二期）", "housing", 1800, 600, "2020-04", "2022-06"),
                ("瓮涧河综合治理二期", "agriculture", 700, 240, "2020-05", "2021-05"),
                ("河南省高端传感应用研究院二期", "science", 900, 300, "2020-03", "2021-09"),
                ("韩公教育园区二期", "education", 800, 260, "2020-04", "2021-08"),
                ("区人民医院新院区", "health", 2400, 700, "2020-06", "2023-06"),
                ("明仁大健康产业园", "park", 1600, 500, "2020-05", "2022-05"),
                ("焦作精工高端轴承", "industry", 1000, 350, "2020-03", "2021-06"),
                ("蒋沟河湿地二期", "housing", 500, 150, "2020-07", "2021-06"),
                ("文昌路（山阳路至世纪路）", "transport", 420, 200, "2020-03", "2020-11"),
            ]
        )
    ]  # fmt: skip
    district_names = [n for n in _district_names(rng, 160) if n not in taken][:44]
    owners = list(OWNERS)
    district = []
    for n, name in enumerate(district_names):
        total = rng.randint(60, 400)
        plan = total * rng.randint(30, 60) // 100
        start = "续建" if n % 3 == 0 else f"2020-{rng.randint(2, 6):02d}"
        owner = owners[(n * 7) % len(owners)]
        district.append(
            Planned(f"z{n}", name, "区重点", owner, OWNERS[owner], total, plan, 0, start,
                    f"2021-{rng.randint(1, 12):02d}", leader=LEADERS[n % len(LEADERS)])
        )  # fmt: skip
    projects = provincial + city + district
    assert len(projects) == 64
    for n, p in enumerate(projects):
        pace = rng.choice([0.68, 0.64, 0.6, 0.58, 0.56, 0.54, 0.52, 0.5, 0.47, 0.44, 0.35, 0.25])
        p.done = min(p.total, int(p.plan * pace))
        if p.start.startswith("2020") and p.start <= "2020-06":
            if n % 5 != 3:
                p.started = f"{p.start}-{rng.randint(3, 27):02d}"
            else:
                p.done = 0  # planned to start by June and not started
        elif p.start.startswith("2020"):
            p.done = 0
        if not p.progress:
            p.progress = (
                "未开工"
                if p.start.startswith("2020") and not p.started
                else rng.choice(
                    [
                        "基础施工",
                        "主体施工",
                        "主体封顶",
                        "设备安装",
                        "装饰装修",
                        "路基施工",
                        "管网铺设",
                    ]
                )
            )
    projects[1].done = 360  # 蒙牛四期: 60% of its plan, but 建成投产 was due 31 May
    for unreported in (projects[12], projects[33], projects[50]):
        unreported.done = -1  # "—": no figure this month
    return projects


def write_sample_2020(projects: list[Planned], path: Path) -> None:
    """The office's sheet: title and unit rows, a two-row header (投资情况（万元） over four
    columns), group rows merged across the table, values (no formulas), a 合计 row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "重点项目"
    headers = ["序号", "项目名称", "建设内容", "投资情况（万元）", "", "", "", "计划开工时间",
               "计划竣工时间", "实际开工时间", "形象进度", "责任单位", "分包领导"]  # fmt: skip
    lower = ["", "", "", "总投资", "年度计划投资", "1-6月完成投资", "完成年度计划%"]
    width = len(headers)
    sheet.append(["2020年示范区重点项目建设进度表（1-6月）"])
    sheet.append(["单位：万元　　　　说明：本表为示例数据（illustrative），非真实统计"])
    sheet.append(headers)
    sheet.append(lower + [""] * (width - len(lower)))
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=3, start_column=4, end_row=3, end_column=7)
    for c in (1, 2, 3, 8, 9, 10, 11, 12, 13):
        sheet.merge_cells(start_row=3, start_column=c, end_row=4, end_column=c)
    sheet["A1"].font = Font(bold=True, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    reported = [p for p in projects if p.done >= 0]
    sheet.append(["合计", "", "", int(wan(sum(p.total for p in projects))),
                  int(wan(sum(p.plan for p in projects))), int(wan(sum(p.done for p in reported))),
                  ""])  # fmt: skip
    for level, heading in LEVEL_ROWS.items():
        rows = [p for p in projects if p.level == level]
        sheet.append([f"{heading}（{len(rows)}个）"])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
        )
        for n, p in enumerate(rows, 1):
            done: object = int(wan(p.done)) if p.done >= 0 else "—"
            share = round(p.done / p.plan, 3) if p.done >= 0 and p.plan else "—"
            sheet.append([n, p.name, p.content or "", int(wan(p.total)), int(wan(p.plan)), done,
                          share, p.start, p.finish, p.started, p.progress, p.owner_zh,
                          p.leader])  # fmt: skip
            if isinstance(share, float):
                sheet.cell(row=sheet.max_row, column=7).number_format = "0.0%"
    for c, size in enumerate([6, 34, 12, 11, 13, 14, 13, 12, 12, 12, 14, 18, 10], 1):
        sheet.column_dimensions[get_column_letter(c)].width = size
    sheet.freeze_panes = "C5"
    book.properties.creator = "tracker examples"
    book.properties.created = book.properties.modified = datetime(2020, 7, 5, 9, 0)
    raw = io.BytesIO()
    book.save(raw)
    path.write_bytes(_stable(raw.getvalue()))


def _stable(package: bytes) -> bytes:
    """The workbook with fixed times in its zip entries: the same bytes each time."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(package)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=(2020, 7, 5, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2020-07-05T09:00:00Z", data
                )
            target.writestr(fixed, data)
    return out.getvalue()


def district_csv(name: str, projects: list[tuple[str, ...]]) -> str:
    """A district's small sheet: amounts in 亿元 in the header, a 级别 column, no groups."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([f"2020年{name}重点项目推进情况（1-6月）"])
    w.writerow(["序号", "项目名称", "级别", "总投资（亿元）", "年度计划投资（亿元）",
                "1-6月完成投资（亿元）", "计划开工时间", "实际开工时间", "责任单位"])  # fmt: skip
    for n, row in enumerate(projects, 1):
        w.writerow([n, *row])
    return out.getvalue()


EAST = [
    ("东城区智能装备产业园", "市重点", "12", "4", "2.6", "续建", "", "区工信局"),
    ("东城区滨河公园", "区重点", "3.5", "1.5", "0.9", "2020-03", "2020-03-16", "区住建局"),
    ("东城区第二实验小学", "区重点", "2.2", "1", "0.45", "2020-04", "2020-04-08", "区教育局"),
    ("东城区污水处理厂提标", "区重点", "1.6", "0.8", "0.5", "续建", "", "区住建局"),
    ("东城区物流园", "市重点", "8", "3", "1.2", "2020-02", "2020-02-26", "区开放招商中心"),
]
WEST = [
    ("西城区新材料产业园", "市重点", "15", "5", "2", "续建", "", "区工信局"),
    ("西城区城市书房", "区重点", "0.8", "0.5", "0.1", "2020-05", "2020-05-20", "区教育局"),
    ("西城区老旧小区改造", "区重点", "4", "2", "0.7", "2020-03", "2020-04-02", "区住建局"),
    ("西城区农产品冷链中心", "区重点", "2.5", "1", "0.3", "2020-04", "", "区农业农村局"),
]


def main() -> None:
    seeded = seed_2019()
    (ZONE / "projects").mkdir(parents=True, exist_ok=True)
    (ZONE / "projects" / "2019.toml").write_text(toml_2019(seeded), encoding="utf-8")
    (ZONE / "2019-12-projects.csv").write_text(csv_2019(seeded), encoding="utf-8")
    taken = {p.name for p in seeded}
    write_sample_2020(sample_2020(taken), ROOT / "examples" / "2020-06-projects.xlsx")
    (ZONE / "2020-06-projects-east.csv").write_text(district_csv("东城区", EAST), encoding="utf-8")
    (ZONE / "2020-06-projects-west.csv").write_text(district_csv("西城区", WEST), encoding="utf-8")


if __name__ == "__main__":
    main()
