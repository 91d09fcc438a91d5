import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from tests.helpers import snapshot
from tests.sheets.conftest import NOW
from tracker.app.database import Database
from tracker.app.figures import FigureInput, record_figure
from tracker.app.imports import import_file
from tracker.app.sheets import export_forms, forms_for
from tracker.domain.errors import InvalidInput, NotFound


def test_each_owner_gets_a_form_of_the_indicators_due(db: Engine, tmp_path: Path) -> None:
    forms = export_forms(Database(db), "2020-06", tmp_path)
    names = {f.path.name: f.rows for f in forms}
    assert names == {
        "2020-06-stats.xlsx": 2,  # gdp and income (quarterly: Q2 ends in June)
        "2020-06-industry.xlsx": 1,
        "2020-06-development.xlsx": 2,  # fai and cpi
        "2020-06-commerce.xlsx": 1,
        "2020-06-finance.xlsx": 1,
        "2020-06-investment.xlsx": 1,
        "2020-06-labour.xlsx": 1,
    }


def test_a_form_shows_target_and_last_figure_and_locks_all_but_value_and_note(
    db: Engine, tmp_path: Path
) -> None:
    record_figure(Database(db), FigureInput("industry", "2020-05", "3.9"), by="t", now=NOW)
    (form,) = export_forms(Database(db), "2020-06", tmp_path, owner="区工信局")
    sheet = load_workbook(form.path).active
    assert sheet is not None
    assert [c.value for c in sheet[3]] == [
        "序号", "指标", "期间", "单位", "目标", "上期", "上期数值", "数值", "备注"
    ]  # fmt: skip
    assert [c.value for c in sheet[4]] == [
        1, "规模以上工业增加值增速", "2020-06", "%", "8.5%", "2020-05", 3.9, None, None
    ]  # fmt: skip
    assert sheet.protection.sheet
    assert [c.protection.locked for c in sheet[4]] == [True] * 7 + [False, False]
    (check,) = sheet.data_validations.dataValidation
    assert (check.type, check.operator, check.formula1, check.formula2) == (
        "decimal", "between", "-50", "100"
    )  # fmt: skip
    assert str(check.sqref) == "H4"


def test_a_filled_form_imports_as_it_is(db: Engine, tmp_path: Path) -> None:
    (form,) = export_forms(Database(db), "2020-06", tmp_path, owner="stats")
    book = load_workbook(form.path)
    sheet = book.active
    assert sheet is not None
    sheet["H4"] = 2.9  # gdp 2020-Q2
    sheet["I4"] = "二季度回升"
    book.save(form.path)  # income (row 5) left empty
    result = import_file(Database(db), form.path, by="区统计局", now=NOW)
    assert [(c.row, c.key, c.period, c.value, c.note) for c in result.plan.added] == [
        (4, "gdp", "2020-Q2", Decimal("2.9"), "二季度回升")
    ]
    assert result.plan.without_value == [5]


def test_forms_for_an_unknown_owner_or_a_year_without_goals_are_refused(
    db: Engine, tmp_path: Path
) -> None:
    before = snapshot(db)
    with pytest.raises(NotFound, match=r"No owner 'nobody'.*stats"):
        export_forms(Database(db), "2020-06", tmp_path / "forms", owner="nobody")
    with pytest.raises(InvalidInput, match="no goals for 2023"):
        export_forms(Database(db), "2023-06", tmp_path / "forms")
    assert not (tmp_path / "forms").exists()
    assert snapshot(db) == before


def test_forms_can_be_had_as_bytes_to_attach(db: Engine) -> None:
    from io import BytesIO

    (file,) = forms_for(Database(db), "2020-Q2", owner="District Statistics Bureau")
    assert file.filename == "2020-Q2-stats.xlsx"
    sheet = load_workbook(BytesIO(file.content)).active
    assert sheet is not None
    assert [sheet.cell(row=r, column=2).value for r in (4, 5)] == [
        "地区生产总值增速",
        "居民人均可支配收入增速",
    ]


def test_a_form_already_there_is_replaced_only_when_asked(db: Engine, tmp_path: Path) -> None:
    from tracker.domain.errors import Conflict

    (form,) = export_forms(Database(db), "2020-06", tmp_path, owner="labour")
    form.path.write_bytes(b"filled in by the bureau")
    with pytest.raises(Conflict, match="--replace"):
        export_forms(Database(db), "2020-06", tmp_path, owner="labour")
    assert form.path.read_bytes() == b"filled in by the bureau"
    export_forms(Database(db), "2020-06", tmp_path, owner="labour", replace=True)
    assert load_workbook(form.path).active.title == "2020-06"


def test_a_form_is_in_chinese_and_tells_the_bureau_what_to_do_in_words(db: Engine) -> None:
    from io import BytesIO

    (file,) = forms_for(Database(db), "2020-06", owner="industry")
    book = load_workbook(BytesIO(file.content))
    sheet = book.active
    assert sheet is not None
    assert sheet["A1"].value == "区工信局 2020年1-6月数据填报表"
    instructions = str(sheet["A2"].value)
    assert instructions.startswith("填报说明：请在黄色的“数值”列填写各指标2020年1-6月的累计数")
    assert "原样发回" in instructions
    words = [str(c.value) for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    for check in sheet.data_validations.dataValidation:
        words += [check.errorTitle, check.error, check.promptTitle, check.prompt]
    assert not [w for w in words if "tracker" in w or re.search(r"[A-Za-z]{4,}", w)]


def test_a_form_prints_on_one_landscape_a4_page(db: Engine) -> None:
    from io import BytesIO

    (file,) = forms_for(Database(db), "2020-06", owner="stats")
    sheet = load_workbook(BytesIO(file.content)).active
    assert sheet is not None
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)  # 9: A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 1)
    assert sheet.print_area == "'2020-06'!$A$1:$I$5"


@pytest.mark.slow
def test_libreoffice_prints_a_form_on_one_page(db: Engine, tmp_path: Path) -> None:
    import subprocess

    from tests.sheets.test_workbooks import libreoffice

    (form,) = export_forms(Database(db), "2020-06", tmp_path, owner="development")
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [libreoffice(), "--headless", "--norestore", f"-env:UserInstallation={profile}",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(form.path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = (tmp_path / form.path.with_suffix(".pdf").name).read_bytes()
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
