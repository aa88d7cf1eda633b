"""Open-data exports: every table read back equals the model, nothing withheld leaks, same bytes twice.

The fixture site's demo-sfj 2024 filing has a withheld project and an
unpublished contact phone, both containing "CANARY".
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import zipfile
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pandas as pd
import pytest
from frictionless import validate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import load_config
import xlsxwriter

from generator.exports import (SITE_TITLE, ExportInput, csv_bytes, csv_fields, export_filing, export_site,
                               export_year_workbook, joined_sheets, newest_disclosure, places_format, decimal_places,
                               site_tables, write_year_workbook)
from generator.export_tables import TABLE_SPECS, Column, Table, assemble, table_rows
from generator.feeds import disclosure_date
from generator.identity import goal_id, project_ids
from generator.loading import LoadedFiling, load_content, load_filing
from generator.models import Filing, Project, WithheldRange
from generator.redaction import public_filing

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "tests" / "fixtures" / "site"
SHEETS = ["资金", "年度主要任务", "指标", "项目", "不公开事项"]
KINDS = ["funds", "tasks", "indicators", "projects", "withheld"]


# --- fixtures ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def loaded() -> list[LoadedFiling]:
    filings, problems = load_content(SITE / "content")
    assert not problems
    return sorted(filings, key=lambda f: (f.filing.department.id, f.filing.fiscal_year, f.filing.slug))


@pytest.fixture(scope="module")
def items(loaded) -> list[ExportInput]:
    config, problems = load_config(SITE / "site_config.yml")
    assert config and not problems
    regions = config.region_paths()
    return [ExportInput(public, tuple(r.name for r in regions[public.department.region]))
            for f in loaded for public in [public_filing(f.filing, publish_contact=False)]]


def export_all(items: list[ExportInput], out: Path) -> dict[str, list]:
    downloads = {f"{i.filing.department.id}/{i.filing.slug}": export_filing(i, out) for i in items}
    downloads["site"] = export_site(items, out) + [
        download for year in (2025, 2024, 2023) for download in export_year_workbook(items, year, out)]
    return downloads


@pytest.fixture(scope="module")
def exported(items, tmp_path_factory) -> tuple[Path, dict[str, list]]:
    out = tmp_path_factory.mktemp("site")
    return out, export_all(items, out)


@pytest.fixture(scope="module")
def out(exported) -> Path:
    return exported[0]


def data_dir(filing: Filing) -> str:
    return f"d/{filing.department.id}/{filing.slug}/data/{filing.department.id}-{filing.slug}"


def by_key(items: list[ExportInput]) -> dict[str, ExportInput]:
    return {f"{i.filing.department.id}/{i.filing.slug}": i for i in items}


# --- reading back -----------------------------------------------------------------------------

def csv_records(path: Path) -> list[dict[str, str]]:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.to_dict("records")


def xlsx_records(path: Path, sheet: str) -> list[dict[str, object]]:
    frame = pd.read_excel(path, sheet_name=sheet, dtype=object)
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
            for row in frame.to_dict("records")]


def text(cell: object) -> str:
    return "" if cell is None else str(cell)


def number(cell: object) -> Decimal | None:
    """An amount read back: CSV text as written, or an XLSX number (which must not be text)."""
    if cell in (None, ""):
        return None
    if isinstance(cell, str):
        return Decimal(cell)
    assert isinstance(cell, (int, float)), f"{cell!r} should be stored as a number"
    return Decimal(repr(cell))


def same_amount(cell: object, amount: Decimal | None, exact_text: bool) -> bool:
    """Decimal-equal to the model; in CSV also written exactly as filed ("100.50", not "100.5")."""
    if exact_text:
        return text(cell) == ("" if amount is None else str(amount))
    return number(cell) == amount


def filings_in(items: list[ExportInput], scope: str) -> list[Filing]:
    return [i.filing for i in items] if scope == "site" else [by_key(items)[scope].filing]


def table_path(out: Path, items: list[ExportInput], scope: str, kind: str, suffix: str) -> Path:
    if scope == "site":
        return out / "data" / f"{kind}.csv"
    stem = data_dir(by_key(items)[scope].filing)
    return out / (f"{stem}-{kind}.csv" if suffix == "csv" else f"{stem}.xlsx")


def records(out: Path, items: list[ExportInput], scope: str, kind: str, suffix: str) -> list[dict]:
    """A table's rows; a filing's download of a table it has no rows for does not exist at all."""
    if scope == "site" and suffix == "xlsx":  # one workbook per year: their rows together, in the site's order
        rows = [row for path in sorted((out / "data").glob("all-*.xlsx"))
                for row in xlsx_records(path, SHEETS[KINDS.index(kind)])]
        return sorted(rows, key=lambda row: (row["部门标识"], row["预算年度"]))
    path = table_path(out, items, scope, kind, suffix)
    sheet = SHEETS[KINDS.index(kind)]
    if suffix == "csv" and not path.exists() or suffix == "xlsx" and sheet not in openpyxl.load_workbook(path).sheetnames:
        assert scope != "site", f"the site-wide {kind} table is always written"
        return []
    return csv_records(path) if suffix == "csv" else xlsx_records(path, sheet)


SCOPES = ["site", "demo-sfj/2024-pifu", "demo-sfj/2025-pifu", "other-sfj/2025-shenbao", "demo-court/2023-gongkai"]


# --- round trips: every table equals the model --------------------------------------------------

@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("scope", SCOPES)
def test_funds_read_back_equal_the_model(out, items, scope, suffix):
    rows = records(out, items, scope, "funds", suffix)
    expected = [(f, part, line) for f in filings_in(items, scope) if f.funds
                for part, table in (("收入构成", f.funds.income), ("支出构成", f.funds.expenditure)) if table
                for line in table.lines + ([table.total] if table.total else [])]
    assert len(rows) == len(expected)
    for row, (filing, part, line) in zip(rows, expected):
        assert (row["部门标识"], text(row["预算年度"]), row["构成"], row["项目"], text(row["占比"])) == (
            filing.department.id, str(filing.fiscal_year), part, line.name, text(line.share))
        assert row["金额单位"] == filing.money_unit
        assert same_amount(row["金额"], line.amount, exact_text=suffix == "csv")
        for year, amount in line.prior.items():
            assert same_amount(row[f"{year}年金额"], amount, exact_text=suffix == "csv")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("scope", SCOPES)
def test_tasks_read_back_equal_the_model(out, items, scope, suffix):
    rows = records(out, items, scope, "tasks", suffix)
    expected = [(f, "明细", task.name, task.content, task.budget) for f in filings_in(items, scope) if f.tasks
                for task in f.tasks.lines]
    expected += [(f, "合计", None, None, f.tasks.total) for f in filings_in(items, scope) if f.tasks and f.tasks.total]
    expected.sort(key=lambda e: (e[0].department.id, e[0].fiscal_year, e[1] == "合计"))
    assert len(rows) == len(expected) == {"site": 5, "demo-sfj/2025-pifu": 3, "demo-sfj/2024-pifu": 2}.get(scope, 0)
    for row, (filing, kind, name, content, budget) in zip(rows, expected):
        assert (row["部门标识"], text(row["预算年度"]), row["行类型"], text(row["任务名称"]), text(row["主要内容"]),
                row["金额单位"]) == (filing.department.id, str(filing.fiscal_year), kind, text(name), text(content),
                                  filing.money_unit)
        for key, header in (("total", "资金总额"), ("fiscal", "其中：财政拨款"), ("other", "其他资金")):
            assert same_amount(row[f"预算金额（{header}）"], budget and getattr(budget, key), exact_text=suffix == "csv")


def test_tasks_csv_is_the_filed_table(out, items):
    """Exactly as filed: 80.00 stays 80.00, an empty 其他资金 stays empty, the 金额合计 row has no name."""
    assert csv_records(table_path(out, items, "demo-sfj/2025-pifu", "tasks", "csv")) == [
        _task_row("1", "明细", "法律援助", "为经济困难群众提供法律援助", "80.00", "70", "10.00", ""),
        _task_row("2", "明细", "普法宣传", "开展“八五”普法宣传活动", "40", "40", "",
                  "预算金额·其他资金：原表“其他资金”一格空白。"),
        _task_row("3", "合计", "", "", "120.00", "110", "10.00", ""),
    ]


def _task_row(number, kind, name, content, total, fiscal, other, note) -> dict[str, str]:
    return {"部门标识": "demo-sfj", "部门名称": "示例市司法局", "主管部门": "", "主管部门代码": "", "单位代码": "", "地区": "示例省/示例市",
            "预算年度": "2025", "文件类型": "批复", "行号": number, "行类型": kind, "任务名称": name, "主要内容": content,
            "预算金额（资金总额）": total, "预算金额（其中：财政拨款）": fiscal, "预算金额（其他资金）": other,
            "金额单位": "万元", "编者注": note}


def model_indicators(filing: Filing):
    """(project, goal key, indicator) in page order: department goals, then each project's."""
    for n, goal in enumerate(filing.goals):
        for indicator in goal.indicators:
            yield None, goal_id(goal, n), indicator
    for index in project_ids(filing):
        project = filing.projects[index]
        for n, goal in enumerate(project.goals):
            for indicator in goal.indicators:
                yield project, goal_id(goal, n), indicator


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("scope", SCOPES)
def test_indicators_read_back_equal_the_model(out, items, scope, suffix):
    rows = records(out, items, scope, "indicators", suffix)
    expected = [(f, *entry) for f in filings_in(items, scope) for entry in model_indicators(f)]
    assert len(rows) == len(expected)
    for row, (filing, project, key, indicator) in zip(rows, expected):
        assert (row["部门标识"], text(row["预算年度"]), row["文件类型"]) == (
            filing.department.id, str(filing.fiscal_year), filing.kind)
        assert row["所属"] == ("项目" if project else "部门整体")
        assert text(row["项目名称"]) == text(project and project.name)
        assert (row["目标标识"], row["一级指标"], row["二级指标"], row["三级指标"]) == (
            key, indicator.level1, indicator.level2, indicator.name)
        assert (text(row["指标值"]), text(row["指标值确定依据"])) == (text(indicator.value), text(indicator.basis))
        parsed = indicator.parsed
        assert number(row["数值（解析）"]) == parsed.number
        assert (text(row["比较符（解析）"]), text(row["单位（解析）"]), text(row["定性值（解析）"])) == (
            text(parsed.comparator), text(parsed.unit), text(parsed.qualitative))
        for year, value in indicator.prior.items():
            assert text(row[f"{year}年指标值"]) == text(value)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("scope", SCOPES)
def test_projects_read_back_equal_the_model(out, items, scope, suffix):
    rows = records(out, items, scope, "projects", suffix)
    expected = [(f, f.projects[i]) for f in filings_in(items, scope) for i in project_ids(f)]
    assert len(rows) == len(expected)
    columns = {"项目总预算": "total", "本年度预算": "this_year", "其中：财政资金": "fiscal", "其他资金": "other"}
    splits = {"": "total", "（其中：财政拨款）": "fiscal", "（其他资金）": "other"}
    for row, (filing, project) in zip(rows, expected):
        assert (row["部门标识"], text(row["序号"]), text(row["项目编码"]), row["项目名称"]) == (
            filing.department.id, text(project.number), text(project.code), project.name)
        assert (text(row["项目属性"]), text(row["项目期"])) == (text(project.attribute), text(project.period))
        for column, field in columns.items():
            assert same_amount(row[column], getattr(project.budget, field), exact_text=suffix == "csv")
        for part, words in (("medium_term", "中期资金总额"), ("annual", "年度资金总额")):
            split = getattr(project.budget, part)
            for suffix_words, field in splits.items():
                assert same_amount(row[words + suffix_words], split and getattr(split, field),
                                   exact_text=suffix == "csv")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_withheld_items_are_redaction_records(out, items, suffix):
    rows = records(out, items, "site", "withheld", suffix)
    expected = [(f, e.withheld) for f in filings_in(items, "site") for e in f.projects
                if isinstance(e, WithheldRange)]
    assert len(rows) == len(expected) == 2
    for row, (filing, redaction) in zip(rows, expected):
        assert (row["部门标识"], text(row["预算年度"])) == (filing.department.id, str(filing.fiscal_year))
        assert (text(row["起始序号"]), text(row["截止序号"])) == tuple(str(n) for n in redaction.numbers)
        assert (row["不公开理由"], text(row["法律依据"]), text(row["不公开说明"])) == (
            redaction.reason, text(redaction.legal_basis), text(redaction.notice))


def test_codes_are_in_every_table_and_the_json_as_text(out, items):
    """主管部门代码 and 单位代码 keep their leading zeros wherever the department is named."""
    court = by_key(items)["demo-court/2023-gongkai"].filing
    assert (court.department.code, court.department.unit_code) == ("207", "207101")
    for scope in ("site", "demo-court/2023-gongkai"):
        for kind in KINDS:
            for suffix in ("csv", "xlsx"):
                rows = [r for r in records(out, items, scope, kind, suffix) if r["部门标识"] == "demo-court"]
                assert all((text(r["主管部门代码"]), text(r["单位代码"])) == ("207", "207101") for r in rows)
                assert rows or kind in ("funds", "tasks", "withheld"), (scope, kind, suffix)
    data = json.loads((out / f"{data_dir(court)}.json").read_text("utf-8"))
    assert data["filing"]["department"] | {} == {"id": "demo-court", "name": "示例区人民法院", "region": "demo-city",
                                                  "supervisor": None, "code": "207", "unit_code": "207101"}


def test_a_code_with_a_leading_zero_survives_csv_and_xlsx(tmp_path, items):
    filing = items[0].filing
    coded = filing.model_copy(update={"department": filing.department.model_copy(update={"code": "017"})})
    export_filing(ExportInput(coded, ("示例省",)), tmp_path)
    assert {text(r["主管部门代码"]) for r in csv_records(tmp_path / f"{data_dir(coded)}-indicators.csv")} == {"017"}
    assert {r["主管部门代码"] for r in xlsx_records(tmp_path / f"{data_dir(coded)}.xlsx", "指标")} == {"017"}


def test_a_units_supervisor_is_in_every_table_and_the_json(tmp_path, items):
    """A unit's filing names its 主管部门: in the 主管部门 column of each table, and in the JSON's department."""
    filing = items[0].filing
    unit = filing.model_copy(update={"department": filing.department.model_copy(update={"supervisor": "示例市教育局"})})
    export_filing(ExportInput(unit, ("示例省",)), tmp_path)
    assert {r["主管部门"] for r in csv_records(tmp_path / f"{data_dir(unit)}-indicators.csv")} == {"示例市教育局"}
    assert {r["主管部门"] for r in xlsx_records(tmp_path / f"{data_dir(unit)}.xlsx", "指标")} == {"示例市教育局"}
    data = json.loads((tmp_path / f"{data_dir(unit)}.json").read_text("utf-8"))
    assert data["filing"]["department"]["supervisor"] == "示例市教育局"


def test_xlsx_amounts_show_their_filed_decimals(out, items):
    court = by_key(items)["demo-court/2023-gongkai"].filing
    sheet = openpyxl.load_workbook(out / f"{data_dir(court)}.xlsx")["项目"]
    header = [c.value for c in sheet[1]]
    cell = sheet.cell(row=2, column=header.index("年度资金总额") + 1)
    assert (cell.value, cell.number_format) == (120, "0.00")  # a number, shown as filed: 120.00
    demo = by_key(items)["demo-sfj/2024-pifu"].filing
    funds = openpyxl.load_workbook(out / f"{data_dir(demo)}.xlsx")["资金"]
    header = [c.value for c in funds[1]]
    amounts = [(row[header.index("金额")].value, row[header.index("金额")].number_format)
               for row in funds.iter_rows(min_row=2)]
    assert amounts[0] == (100.5, "0.00") and (40, "0") in amounts


def test_notes_name_the_field_by_its_label(out, items):
    rows = records(out, items, "site", "indicators", "csv")
    noted = [r["编者注"] for r in rows if r["编者注"]]
    assert "指标值：原表此格写作“=100百分比”，照原样录入。" in noted
    assert not any(note.startswith("value：") for note in noted)


# --- file formats -----------------------------------------------------------------------------

def test_every_download_is_on_disk_with_its_size(out, exported):
    for downloads in exported[1].values():
        for download in downloads:
            assert not download.path.startswith("/") and "\\" not in download.path
            assert (out / download.path).stat().st_size == download.size


def test_per_filing_downloads_are_named_for_the_filing(exported, items):
    files = {k: [d.path for d in v] for k, v in exported[1].items()}
    stem = "d/demo-sfj/2024-pifu/data/demo-sfj-2024-pifu"
    assert files["demo-sfj/2024-pifu"] == [f"{stem}-{k}.csv" for k in KINDS] + [
        f"{stem}.xlsx", f"{stem}.json", f"{stem}.yml"]
    other = "d/other-sfj/2025-shenbao/data/other-sfj-2025-shenbao"
    # Only the tables a filing has rows for: no empty 资金, 年度主要任务, 项目 or 不公开事项 download.
    assert files["other-sfj/2025-shenbao"] == [f"{other}-indicators.csv", f"{other}.xlsx", f"{other}.json",
                                                f"{other}.yml"]
    court = "d/demo-court/2023-gongkai/data/demo-court-2023-gongkai"
    assert files["demo-court/2023-gongkai"] == [f"{court}-indicators.csv", f"{court}-projects.csv", f"{court}.xlsx",
                                                 f"{court}.json", f"{court}.yml"]
    assert files["site"] == [f"data/{k}.csv" for k in KINDS] + [
        "data/datapackage.json", "data/all-2025.xlsx", "data/all-2024.xlsx", "data/all-2023.xlsx"]


def test_csv_files_start_with_the_utf8_bom(out):
    csvs = sorted(out.rglob("*.csv"))
    assert len(csvs) == 5 + 5 + 5 + 1 + 2  # site-wide; demo 2024, 2025 (both with 年度主要任务); other 2025; court 2023
    for path in csvs:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), path


def test_site_csvs_joined_from_row_pieces_are_the_tables_written_whole(out, items):
    """The site-wide CSVs are concatenated from each filing's rows (kept in its cache entry): the bytes must
    be those of the csv module writing the assembled table, prior-year columns and all."""
    for table in site_tables(items):
        assert (out / "data" / f"{table.kind}.csv").read_bytes() == csv_bytes(table)


@pytest.mark.parametrize("cells", [[""], [None], ["a,b", 'say "hi"', "two\nlines", "cr\r", " lead"],
                                   [Decimal("100.50"), 3, None, ""], ["", ""]])
def test_csv_fields_are_the_cells_as_written_within_a_row(cells):
    written = csv_bytes(Table("t", "t", tuple(Column(f"c{i}", str) for i in range(len(cells) + 2)),
                              (("x", *cells, "y"),)))
    row = written.decode("utf-8-sig").partition("\r\n")[2]  # after the header
    assert row == f"x,{csv_fields(cells)},y\r\n"


def test_xlsx_has_a_sheet_per_table_with_a_row_per_record(out, items):
    demo = by_key(items)["demo-sfj/2024-pifu"].filing
    book = openpyxl.load_workbook(out / f"{data_dir(demo)}.xlsx")
    assert book.sheetnames == SHEETS
    # Header + 3 fund lines and 2 totals; 2 tasks (no 金额合计); 3 年度 + 1 中期 department and 1 project indicators;
    # 1 project; 1 withheld.
    assert [sheet.max_row for sheet in book] == [6, 3, 6, 2, 2]
    other = by_key(items)["other-sfj/2025-shenbao"].filing
    assert openpyxl.load_workbook(out / f"{data_dir(other)}.xlsx").sheetnames == ["指标"]  # only the tables it has
    years = {year: openpyxl.load_workbook(out / "data" / f"all-{year}.xlsx") for year in (2025, 2024, 2023)}
    assert all(book.sheetnames == SHEETS for book in years.values())  # a year's workbook has every table
    assert [sheet.max_row for sheet in years[2025]] == [1 + 2 + 0, 1 + 2 + 1, 1 + 6 + 3, 1 + 1, 1 + 1]
    assert [sheet.max_row for sheet in years[2024]] == [1 + 5, 1 + 2, 1 + 5, 1 + 1, 1 + 1]
    assert [sheet.max_row for sheet in years[2023]] == [1, 1, 1 + 10, 1 + 2, 1]


def test_xlsx_stores_numbers_as_numbers_and_text_as_text(tmp_path, items):
    """Codes with leading zeros, values such as "=100%" and "0" must stay text; amounts are numbers."""
    filing = items[0].filing
    project = Project(number=1, code="0012", name="项目", budget={"total": Decimal("0.10")}, goals=[
        {"kind": "年度", "indicators": [{"name": "及时率", "seq": "1", "value": "=100%", "value_type": "="},
                                      {"name": "事故", "value": "0"}]}])
    odd = filing.model_copy(update={"projects": [project], "goals": [], "funds": None})
    export_filing(ExportInput(odd, ("示例省",)), tmp_path)
    book = openpyxl.load_workbook(tmp_path / f"{data_dir(odd)}.xlsx")
    header = [c.value for c in book["项目"][1]]
    row = dict(zip(header, [c.value for c in book["项目"][2]]))
    assert row["项目编码"] == "0012" and row["项目总预算"] == 0.1 and row["序号"] == 1
    header = [c.value for c in book["指标"][1]]
    values = [dict(zip(header, [c.value for c in r])) for r in book["指标"].iter_rows(min_row=2)]
    assert [(v["序号"], v["指标值"], v["指标值类型"], v["数值（解析）"]) for v in values] == [
        ("1", "=100%", "=", 100), (None, "0", None, 0)]
    assert all(cell.data_type != "f" for r in book["指标"].iter_rows() for cell in r)


def test_json_is_the_public_model_with_exact_decimals_and_parsed_values(out, items):
    item = by_key(items)["demo-sfj/2024-pifu"]
    data = json.loads((out / f"{data_dir(item.filing)}.json").read_text("utf-8"))
    assert data["page"] == "d/demo-sfj/2024-pifu/" and data["region"] == ["示例省", "示例市"]
    filing = data["filing"]
    assert filing["funds"]["income"]["lines"][0]["amount"] == "100.50"  # a string, exactly as filed
    assert filing["contact"] is None
    assert filing["goals"][0]["indicators"][0]["parsed"] == {
        "comparator": "≥", "number": "100", "unit": "件", "qualitative": None}
    assert filing["projects"][0]["goals"][0]["indicators"][0]["parsed"]["number"] == "60"
    assert filing["projects"][1] == {"withheld": {"notice": None, "reason": "涉及国家秘密",
                                                  "legal_basis": "《政府信息公开条例》第十四条",
                                                  "numbers": [2, 2]}, "notes": []}


def test_yaml_is_the_public_model(out, items, loaded, tmp_path):
    for item, original in zip(items, loaded):
        written = (out / f"{data_dir(item.filing)}.yml").read_bytes()
        copy = tmp_path / "public.yml"
        copy.write_bytes(written)
        reloaded, problems = load_filing(copy)
        assert not problems and reloaded.filing == item.filing  # Decimals and dates round-trip exactly


def test_datapackage_validates_and_describes_every_site_csv(out):
    report = validate(str(out / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = json.loads((out / "data" / "datapackage.json").read_text("utf-8"))
    assert [r["path"] for r in package["resources"]] == [f"{k}.csv" for k in KINDS]
    for resource in package["resources"]:
        header = list(pd.read_csv(out / "data" / resource["path"], encoding="utf-8-sig", nrows=0).columns)
        assert [f["name"] for f in resource["schema"]["fields"]] == header
    funds = {f["name"]: f["type"] for f in package["resources"][0]["schema"]["fields"]}
    assert (funds["金额"], funds["2023年金额"], funds["预算年度"], funds["项目"]) == (
        "number", "number", "integer", "string")


# --- nothing withheld, nothing unpublished ------------------------------------------------------

def all_bytes(path: Path) -> bytes:
    """File contents as a reader sees them: XLSX members decompressed."""
    data = path.read_bytes()
    if path.suffix != ".xlsx":
        return data
    archive = zipfile.ZipFile(io.BytesIO(data))
    return b"".join(archive.read(name) for name in archive.namelist())


def test_canary_is_in_the_content_but_in_no_export(out, loaded):
    demo = next(f for f in loaded if f.filing.slug == "2024-pifu")
    assert b"CANARY" in demo.path.read_bytes()
    assert "CANARY" in demo.filing.contact.phone
    written = [p for p in out.rglob("*") if p.is_file()]
    assert len(written) > 20
    for path in written:
        assert b"CANARY" not in all_bytes(path), path


def test_a_filing_that_is_not_the_public_view_is_refused(loaded, tmp_path):
    demo = next(f for f in loaded if f.filing.slug == "2024-pifu")
    with pytest.raises(ValueError, match="public_filing"):
        export_filing(ExportInput(demo.filing, ("示例省",)), tmp_path)
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


# --- determinism ------------------------------------------------------------------------------

def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_two_exports_are_byte_identical(items, tmp_path):
    export_all(items, tmp_path / "a")
    export_all(list(reversed(items)), tmp_path / "b")  # input order does not matter either
    first, second = tree(tmp_path / "a"), tree(tmp_path / "b")
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_xlsx_carries_no_build_time(out):
    archive = zipfile.ZipFile(out / "data" / "all-2025.xlsx")
    assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    book = openpyxl.load_workbook(out / "data" / "all-2025.xlsx")
    newest = dt.datetime(2025, 3, 20)  # published_on of the newest filing
    assert (book.properties.created, book.properties.modified) == (newest, newest)


@pytest.mark.parametrize("text", ["法律援助≥100件", "line\u2028break", "next\x85line", "吉\U00020BB7祥", "tab\tand \\ slash"])
def test_the_public_yaml_has_the_same_bytes_from_libyaml_or_pyyaml(text):
    """dump_yaml writes with libyaml for speed; where libyaml would escape a character that PyYAML keeps
    (a Han character beyond U+FFFF, U+2028), the bytes are still PyYAML's."""
    import yaml
    from generator import yamlsource
    data = {"title": text, "amounts": [Decimal("100.50"), 3], "note": f"{text}\n第二行"}
    slow = yaml.dump(data, Dumper=yamlsource._Dumper, **yamlsource.YAML_OPTIONS)
    assert yamlsource.dump_yaml(data) == slow


def test_the_public_yaml_is_written_as_pyyamls_representers_would(loaded):
    """dump_yaml gives libyaml's emitter the events itself rather than through PyYAML's representers and
    serializer: the same bytes for every filing of content/ and for each kind of value, an object met twice
    included (written as an anchor and an alias, which the representers make)."""
    import yaml
    from generator import yamlsource
    shared_date, shared_list = dt.date(2025, 3, 20), ["a", "b"]
    odd = {"empty": [], "none": {}, "null": None, "yes": True, "no": False, "zero": 0, "whole": Decimal("10"),
           "exact": Decimal("0.10"), "day": dt.date(2025, 1, 2), "lines": "第一行\n第二行", "nested": [[1], {"k": "v"}],
           "looks like": ["yes", "null", "1.0", "2025-01-02", "a: b", "- c", "#d", "", " lead", "~"],
           2024: {"year key": "年份作键", "tail\n": "行尾\n"}}
    twice = {"first": shared_date, "again": shared_date, "list": shared_list, "same list": shared_list}
    datas = [item.filing.model_dump(mode="python", exclude_defaults=True) for item in loaded] + [odd, twice]
    assert loaded
    for data in datas:
        assert yamlsource.dump_yaml(data) == yaml.dump(data, Dumper=yamlsource._Dumper, **yamlsource.YAML_OPTIONS)
    assert "&id001" in yamlsource.dump_yaml(twice)


@pytest.mark.parametrize("text", ["法律援助≥100件", "quote \" and \\ slash", "ctrl \x00\x1f\x7f", "\u2028吉\U00020BB7"])
def test_json_downloads_have_the_bytes_of_the_standard_json_module(text):
    import json
    from generator.exports import json_bytes
    data = {"title": text, text: [1, None, True, {}, [], {"amount": "100.50"}], "big": 12345678901234567890}
    assert json_bytes(data) == (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# --- workbooks joined from each filing's cells ----------------------------------------------------

def cell_by_cell(tables: list[Table], title: str, creator: str, date: dt.date) -> bytes:
    """The tables written cell by cell with XlsxWriter (shared strings, a format per number of decimals as
    first used), as the exports were written before workbooks were joined: what a joined one must read
    back as. A sheet per table, its header bold and frozen; text always text, never a formula or number."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": title, "author": creator, "created": dt.datetime.combine(date, dt.time())})
    bold = book.add_format({"bold": True})
    formats = {}
    for table in tables:
        sheet = book.add_worksheet(table.title)
        sheet.freeze_panes(1, 0)
        sheet.write_row(0, 0, [column.name for column in table.columns], bold)
        for number, row in enumerate(table.rows, 1):
            for column, value in enumerate(row):
                if isinstance(value, Decimal):
                    pattern = places_format(decimal_places(value))
                    formats.setdefault(pattern, book.add_format({"num_format": pattern}))
                    sheet.write_number(number, column, value, formats[pattern])
                elif isinstance(value, int):
                    sheet.write_number(number, column, value)
                elif value is not None:
                    sheet.write_string(number, column, value)
    book.close()
    return buffer.getvalue()


def whole_workbook(items: list[ExportInput], year: int) -> bytes:
    """The year's workbook written cell by cell."""
    chosen = [item for item in items if item.filing.fiscal_year == year]
    return cell_by_cell(site_tables(chosen), f"{year}年度{SITE_TITLE}", "Gongkai", newest_disclosure([item.filing for item in chosen]))


def whole_filing_workbook(item: ExportInput) -> bytes:
    """A filing's own workbook written cell by cell: a sheet for each table it has rows for, its own
    prior-year columns, its title, publisher and date."""
    filing = item.filing
    rows = table_rows(filing, item.region_names)
    return cell_by_cell([assemble(kind, rows[kind]) for kind in TABLE_SPECS if rows[kind]], filing.title,
                        filing.publisher or filing.department.name, disclosure_date(filing))


def joined_workbook(items: list[ExportInput], year: int, out: Path) -> bytes:
    export_year_workbook(items, year, out)
    return (out / "data" / f"all-{year}.xlsx").read_bytes()


def joined_filing_workbook(item: ExportInput, out: Path) -> bytes:
    export_filing(item, out)
    return (out / f"{data_dir(item.filing)}.xlsx").read_bytes()


def read_back(data: bytes, read_only: bool) -> list:
    """Every cell as openpyxl reads it (value, type, number format, bold), each sheet's size and frozen
    pane, and the workbook's properties."""
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only)
    sheets = [(sheet.title, None if read_only else sheet.freeze_panes, sheet.max_row, sheet.max_column,
               [[(openpyxl_text(cell.value), cell.data_type, cell.number_format, bool(cell.font and cell.font.b))
                 for cell in row] for row in sheet.iter_rows()]) for sheet in book]
    properties = book.properties
    return [sheets, (properties.title, properties.creator, properties.created, properties.modified)]


def openpyxl_text(value: object) -> object:
    """openpyxl undoes Excel's escape of text that looks like an escape ("_x0041_" is stored as
    "_x005F_x0041_") in shared strings only, not in inline ones; Excel reads both back as written, and
    stored_cells compares the stored text itself."""
    return value.replace("_x005F_", "_") if isinstance(value, str) else value


def stored_cells(data: bytes) -> list[dict[str, tuple]]:
    """Each sheet's cells as stored, by reference: the text of a string (shared or inline, still escaped as
    Excel escapes it) with its attributes, or a number's digits."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    shared = []
    if "xl/sharedStrings.xml" in archive.namelist():
        shared = [si.find("m:t", ns) for si in ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))]
    sheets = []
    for name in sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")):
        cells = {}
        for cell in ElementTree.fromstring(archive.read(name)).iter(f"{{{ns['m']}}}c"):
            kind = cell.get("t", "n")
            text = (shared[int(cell.find("m:v", ns).text)] if kind == "s" else cell.find("m:is/m:t", ns)
                    if kind == "inlineStr" else None)
            cells[cell.get("r")] = ("text", text.text, text.attrib) if text is not None else (
                "number", cell.find("m:v", ns).text)
        sheets.append(cells)
    return sheets


def same_workbook(joined: bytes, whole: bytes) -> None:
    for read_only in (False, True):
        assert read_back(joined, read_only) == read_back(whole, read_only)
    assert stored_cells(joined) == stored_cells(whole)
    frames = [{name: frame.map(openpyxl_text) for name, frame in  # pandas reads with openpyxl
               pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=object).items()} for data in (joined, whole)]
    assert frames[0].keys() == frames[1].keys()
    assert all(frames[0][name].equals(frames[1][name]) for name in frames[0])


@pytest.fixture(scope="module")
def content_items() -> list[ExportInput]:
    """The real content/, as the site publishes it."""
    config, problems = load_config(ROOT / "site_config.yml")
    filings, loading_problems = load_content(ROOT / "content")
    assert config and not problems and not loading_problems
    regions = config.region_paths()
    return [ExportInput(public, tuple(r.name for r in regions[public.department.region]))
            for f in filings for public in [public_filing(f.filing, config.publish_contact)]]


def test_year_workbooks_of_the_content_read_back_as_written_whole(content_items, tmp_path):
    years = sorted({item.filing.fiscal_year for item in content_items})
    assert len(years) >= 2
    for year in years:
        same_workbook(joined_workbook(content_items, year, tmp_path), whole_workbook(content_items, year))


def test_filing_workbooks_of_the_content_read_back_as_written_whole(content_items, tmp_path):
    assert len(content_items) >= 5
    for item in content_items:
        same_workbook(joined_filing_workbook(item, tmp_path), whole_filing_workbook(item))


def test_filing_workbooks_of_the_fixture_read_back_as_written_whole(items, tmp_path):
    """Among them a filing with every table, one with indicators only and one whose rows have prior years."""
    for item in items:
        same_workbook(joined_filing_workbook(item, tmp_path), whole_filing_workbook(item))


AWKWARD_TEXTS = ["=SUM(A1:A2)", "0012", "ctrl\x01\x08\x0b\x1f end", "_x0041_ looks escaped", " edge spaces ",
                 "\u3000全角空格开头", "\n开头换行", "tab\tin", "100%", "%(r)s %(y2024)s %%", "a & <b> \"q\" 'x'",
                 "non-character \ufffe\uffff", "吉\U00020BB7祥", "长" * 20_000, "吉" * 32_767, "line\u2028sep\x85"]


def awkward(items: list[ExportInput]) -> list[ExportInput]:
    """2025's filings with every awkward value a cell can hold, amounts with many decimal places, a title
    and publisher to escape, and prior-year columns that only some rows have (2022 and 2023 amounts in two
    fund lines of one filing, a 2023 indicator value in the other)."""
    demo, other = by_key(items)["demo-sfj/2025-pifu"], by_key(items)["other-sfj/2025-shenbao"]
    funds = demo.filing.funds
    amounts = [Decimal("0.123456789012"), Decimal("1E+2"), Decimal("-0.00"), Decimal("12345678901234567890.5"),
               Decimal("0." + "0" * 29 + "1"), Decimal(7)]
    priors = [{2022: Decimal("1.50")}, {}, {2023: None}, {}, {}, {}]
    lines = [funds.income.lines[0].model_copy(update={"name": text, "amount": amount, "prior": prior})
             for text, amount, prior in zip(AWKWARD_TEXTS, amounts, priors)]
    lines += [funds.income.lines[0].model_copy(update={"name": text, "amount": None, "prior": {}})
              for text in AWKWARD_TEXTS[len(amounts):]]
    odd_funds = funds.model_copy(update={"income": funds.income.model_copy(update={"lines": lines})})
    goal = demo.filing.goals[0]
    indicators = [goal.indicators[0].model_copy(update={"name": text, "value": text, "remark": text, "prior": {}})
                  for text in AWKWARD_TEXTS]
    odd_goal = goal.model_copy(update={"indicators": indicators})
    odd_demo = demo.filing.model_copy(update={"funds": odd_funds, "goals": [odd_goal],
                                              "title": "示例 & <标题> \"引号\"", "publisher": "示例市 & <发布机构>"})
    goal = other.filing.goals[0]
    dated = goal.model_copy(update={"indicators": [goal.indicators[0].model_copy(update={"prior": {2023: "≥1件"}}),
                                                   *goal.indicators[1:]]})
    odd_other = other.filing.model_copy(update={"goals": [dated, *other.filing.goals[1:]]})
    return [ExportInput(odd_demo, demo.region_names), ExportInput(odd_other, other.region_names)]


@pytest.mark.parametrize("scope", ["year", "filing"])
def test_a_workbook_of_awkward_values_reads_back_as_written_whole(items, tmp_path, scope):
    """A year's workbook, and the filing's own (the 2022 and 2023 columns are its own prior years)."""
    odd = awkward(items)
    if scope == "year":
        joined = joined_workbook(odd, 2025, tmp_path)
        same_workbook(joined, whole_workbook(odd, 2025))
    else:
        joined = joined_filing_workbook(odd[0], tmp_path)
        same_workbook(joined, whole_filing_workbook(odd[0]))
        same_workbook(joined_filing_workbook(odd[1], tmp_path), whole_filing_workbook(odd[1]))
    book = openpyxl.load_workbook(io.BytesIO(joined))
    funds, indicators = book["资金"], book["指标"]
    header = [cell.value for cell in funds[1]]
    assert header[header.index("编者注") - 3:header.index("编者注")] == ["2022年金额", "2023年金额", "2024年金额"]
    amounts = list(funds.iter_cols(min_col=header.index("金额") + 1, max_col=header.index("金额") + 1))[0]
    assert [(c.value, c.number_format) for c in amounts[1:4]] == [
        (0.123456789012, "0.000000000000"), (100, "0"), (0, "0.00")]
    assert amounts[5].number_format == "0." + "0" * 30
    header = [cell.value for cell in indicators[1]]
    values = [row[header.index("三级指标")] for row in indicators.iter_rows(min_row=2, values_only=True)]
    assert values[:3] == ["=SUM(A1:A2)", "0012", "ctrl_x0001__x0008__x000B__x001F_ end"]
    assert values[AWKWARD_TEXTS.index("长" * 20_000)] == "长" * 20_000
    texts = [row[header.index(name)] for row in indicators.iter_rows(min_row=2) for name in ("三级指标", "指标值")]
    assert {cell.data_type for cell in texts} == {"s"}  # "0012" and "=SUM(…)" neither numbers nor formulas


def test_text_a_cell_cannot_hold_stops_the_workbooks(items, tmp_path):
    demo = by_key(items)["demo-sfj/2025-pifu"]
    goal = demo.filing.goals[0]
    long = goal.model_copy(update={"indicators": [goal.indicators[0].model_copy(update={"remark": "吉" * 32_768})]})
    odd = ExportInput(demo.filing.model_copy(update={"goals": [long]}), demo.region_names)
    with pytest.raises(ValueError, match="单元格文字超过 Excel 上限 32767 字：吉吉吉"):
        export_year_workbook([odd], 2025, tmp_path)
    with pytest.raises(ValueError, match="单元格文字超过 Excel 上限 32767 字：吉吉吉"):
        export_filing(odd, tmp_path)


def test_a_text_that_looks_like_rich_text_stays_text(items, tmp_path):
    """XlsxWriter writes a shared string "<r>…</r>" as rich-text XML; a joined cell is always the text."""
    demo = by_key(items)["demo-sfj/2025-pifu"]
    goal = demo.filing.goals[0]
    rich = goal.model_copy(update={"indicators": [goal.indicators[0].model_copy(update={"remark": "<r>x</r>"})]})
    odd = ExportInput(demo.filing.model_copy(update={"goals": [rich]}), demo.region_names)
    sheet = openpyxl.load_workbook(io.BytesIO(joined_workbook([odd], 2025, tmp_path)))["指标"]
    assert "<r>x</r>" in [cell.value for cell in sheet[2]]


def test_more_rows_than_a_sheet_holds_stop_the_year_workbook(tmp_path):
    """Cell by cell, XlsxWriter dropped rows past Excel's last one without a word; never cut silently."""
    pieces = {kind: ([], []) for kind in KINDS} | {"indicators": ([], [b'<row r="%(r)s"></row>'] * 1_048_576)}
    with pytest.raises(ValueError, match="工作簿“2025年度预算绩效目标公开数据”的“指标”表有 1048577 行，"
                                         "超过 Excel 上限 1048576 行"):
        write_year_workbook(joined_sheets([pieces]), 2025, dt.date(2025, 1, 1), tmp_path)
    assert not list(tmp_path.iterdir())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(st.sampled_from("_x0Aaf9F%()s&<>\"' \t\n\r\x00\x01\x1f\x7f\x85\u2028\u3000\ufffe\uffff吉\U00020BB7")
               | st.characters(blacklist_categories=("Cs",)), max_size=24))
def test_any_text_is_stored_as_xlsxwriter_stores_it(items, tmp_path, text):
    """Escaping, edge spaces and the row template's % for any text: the stored text of the joined cell is
    XlsxWriter's shared string."""
    demo = by_key(items)["demo-sfj/2025-pifu"]
    goal = demo.filing.goals[0]
    odd_goal = goal.model_copy(update={"indicators": [goal.indicators[0].model_copy(update={"name": text})]})
    odd = [ExportInput(demo.filing.model_copy(update={"goals": [odd_goal]}), demo.region_names)]
    assert stored_cells(joined_workbook(odd, 2025, tmp_path)) == stored_cells(whole_workbook(odd, 2025))


def test_a_workbook_from_a_blank_skeleton_is_the_one_xlsxwriter_makes_whole():
    """XlsxWriter makes the skeleton once per set of headers; each workbook's document properties are written
    by XlsxWriter's own part for them. Every entry must be the bytes XlsxWriter writes for the whole workbook."""
    import io
    import zipfile

    from generator.exports import blank_skeleton, core_properties, document_properties, skeleton_bytes, with_rows
    headers = (("绩效指标", ("部门", "指标名称", "2024年指标值")), ("项目", ("部门", "项目名称")))
    properties = document_properties("鄂州市司法局2025年部门整体绩效目标 & <批复>", "鄂州市司法局", dt.date(2025, 3, 20))
    whole = zipfile.ZipFile(io.BytesIO(skeleton_bytes(headers, properties)))
    blank = zipfile.ZipFile(io.BytesIO(blank_skeleton(headers)))
    assert blank.namelist() == whole.namelist()
    made = {name: core_properties(properties) if name == "docProps/core.xml" else blank.read(name)
            for name in blank.namelist()}
    assert [name for name in whole.namelist() if made[name] != whole.read(name)] == []
    assert with_rows(blank_skeleton(headers), [], {"docProps/core.xml": core_properties(properties)}) == \
        with_rows(skeleton_bytes(headers, properties), [])
