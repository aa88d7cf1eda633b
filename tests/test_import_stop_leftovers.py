"""What this stop's probing rounds noticed and left, confirmed and mended.

1. A project form's 资金来源 laid out downwards by budget kind ("资金来源 | 一般公共预算 | 180.00", " | 政府性基金预算 |
   60.00", " | 财政专户管理资金 | 10.00", " | 合计 | 250.00"): the 合计 is the project's total; each kind is listed with
   why (the budget has no part for it; 一般公共预算 is not 财政拨款, and nothing goes into 其他资金). Before, every cell was
   listed 未识别 and the total lost.
2. A project list with indicator columns, a one-cell row "以下项目涉密，不予公开：" over rows of a 序号 and a name: a
   withheld record each, the names listed. Before, in copied text, the notice was read as the 序号 of a new project and
   the withheld rows as its indicators: the names were published.
3. A 项目编码 stored as a number in a workbook (Excel keeps 15 digits): listed, and no remark says the stored number
   was read as the code (before, "已照存储的数字读作 3300…" beside the listing that says it was not).
4. A 原文 exported one cell per line (seed 003: a row is the block of tab-started lines between blank lines): the
   withheld rows are blanked there too. Before, "\\t5", "\\t维稳专项保障经费", "\\t涉密，不予公开" was published whole.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.models import RangeRedaction, WithheldRange
from generator.redaction import WithheldRows, blank_withheld, withheld_rows
from tests.conftest import ROOT
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write
from tests.test_import_workbooks import Num, Sheet, write_xls, write_xlsx
from tests.test_site_from_imports import imported_site
from tests.test_site_unseen_filings import CONFIG, file_parts


def folder(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


# --- 1. 资金来源 by budget kind, laid out downwards --------------------------------------------------------------------

KINDS = (("一般公共预算", "180.00"), ("政府性基金预算", "60.00"), ("财政专户管理资金", "10.00"))


def own_funds(head: str) -> str:
    return (f"原表资金来源中的“{head}”在文件格式的项目预算中没有对应的一项（预算只分资金总额、财政拨款和其他资金），"
            "未录入，请核对")


def sources_form(sources: list[tuple[str, str]], total_above: str | None = None) -> list[FormBlock]:
    """A project form whose 资金来源 label is merged down over its source rows, their 合计 last."""
    form = FormTable()
    form.add("项目名称", "城乡环境整治", "", "")
    form.add("主管部门", "某县住房和城乡建设局", "", "")
    if total_above is not None:
        form.add("资金总额", total_above, "", "")
    first = len(form.rows)
    for head, figure in sources:
        form.add("资金来源" if len(form.rows) == first else "", head, figure, "")
    form.merge_down(0, first, len(form.rows) - 1)
    form.add("年度目标", "完成整治村庄20个。", "", "")
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    indicators.add("产出指标", "数量指标", "整治村庄数", "20个")
    return [FormText("2026年项目支出绩效目标表"), FormText("单位：万元"), form, indicators]


def tabbed_sources() -> str:
    """The text export that keeps a merged label's empty slot: " | 政府性基金预算 | 60.00" starts with a tab."""
    return "\n".join(["2026年项目支出绩效目标表", "单位：万元", "项目名称\t城乡环境整治", "主管部门\t某县住房和城乡建设局",
                      "资金来源\t一般公共预算\t180.00", "\t政府性基金预算\t60.00", "\t财政专户管理资金\t10.00",
                      "\t合计\t250.00", "年度目标\t完成整治村庄20个。", "一级指标\t二级指标\t三级指标\t指标值",
                      "产出指标\t数量指标\t整治村庄数\t20个"]) + "\n"


def source_project(tmp_path: Path, suffix: str, blocks: list[FormBlock]) -> tuple[dict, list[tuple[str, str]]]:
    if suffix == "tabbed.txt":
        source = tmp_path / "项目表.txt"
        source.write_text(tabbed_sources(), encoding="utf-8")
    else:
        source = write(blocks, tmp_path / f"项目表.{suffix}")
    result = import_new(source, tmp_path, "zjj")
    assert result.check.errors == []
    [project] = as_written(result.filing["projects"])
    return project, not_placed(result)


@pytest.mark.parametrize("suffix", ["txt", "tabbed.txt", "xlsx", "docx"])
def test_sources_by_budget_kind_laid_out_downwards_give_the_total(tmp_path: Path, suffix: str) -> None:
    """Before: no budget, all nine cells listed 未识别."""
    project, listed = source_project(tmp_path, suffix, sources_form([*KINDS, ("合计", "250.00")]))
    assert (project["name"], project["budget"]) == ("城乡环境整治", {"total": "250.00"})
    assert listed == [cell for head, figure in KINDS for cell in ((head, own_funds(head)), (figure, own_funds(head)))]


@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_a_sources_total_by_kind_under_a_filed_total_is_checked_against_it(tmp_path: Path, suffix: str) -> None:
    """资金总额 filed above: a 合计 of the same figure is that total; another figure is listed saying so."""
    same, listed = source_project(folder(tmp_path, "same"), suffix,
                                  sources_form([*KINDS, ("合计", "250.00")], total_above="250.00"))
    assert same["budget"] == {"total": "250.00"}
    assert [text for text, _ in listed] == [cell for pair in KINDS for cell in pair]
    other, listed = source_project(folder(tmp_path, "other"), suffix,
                                   sources_form([*KINDS, ("合计", "260.00")], total_above="250.00"))
    assert other["budget"] == {"total": "250.00"}
    assert listed[-1] == ("260.00", "资金来源的合计“260.00”与上面的资金总额“250.00”不同；项目预算只有一个总额，"
                                    "已按资金总额录入，这一格未录入，请核对")


@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_sources_the_budget_has_parts_for_stay_read(tmp_path: Path, suffix: str) -> None:
    """Guard: "资金来源 | 财政拨款 | 200.00", " | 其他资金 | 50.00", " | 合计 | 250.00"."""
    project, listed = source_project(tmp_path, suffix,
                                     sources_form([("财政拨款", "200.00"), ("其他资金", "50.00"), ("合计", "250.00")]))
    assert project["budget"] == {"total": "250.00", "fiscal": "200.00", "other": "50.00"}
    assert listed == []


@pytest.mark.parametrize("suffix", ["txt", "xlsx"])
def test_a_fiscal_source_beside_a_kind_is_read_and_the_kind_listed(tmp_path: Path, suffix: str) -> None:
    """Guard: 财政拨款 read, 上年结转 under it listed (never added into 其他资金), their 合计 the total."""
    project, listed = source_project(tmp_path, suffix, sources_form(
        [("财政拨款", "200.00"), ("上年结转", "50.00"), ("合计", "250.00")]))
    assert project["budget"] == {"total": "250.00", "fiscal": "200.00"}
    assert listed == [("上年结转", own_funds("上年结转")), ("50.00", own_funds("上年结转"))]


# --- 2. rows withheld under a notice, in a list with indicator columns ------------------------------------------------

NAMES = ("维稳专项保障经费", "特情经费")
NOTICE = "以下项目涉密，不予公开："


def indicator_list(after: bool = True) -> list[FormBlock]:
    table = FormTable()
    table.add("序号", "项目名称", "项目金额", "一级指标", "二级指标", "三级指标", "指标值")
    table.add("1", "交通秩序管理", "120.00", "产出指标", "数量指标", "巡逻里程", "5000公里")
    table.add("", "", "", "效益指标", "社会效益指标", "事故下降率", "≥5%")
    for column in range(3):
        table.merge_down(column, 1, 2)
    table.add((NOTICE, 7))
    table.add("3", NAMES[0], "", "", "", "", "")
    table.add("4", NAMES[1], "", "", "", "", "")
    if after:
        table.add("5", "户籍服务提升", "35.50", "产出指标", "数量指标", "办证量", "2万件")
    return [FormText("某县公安局2026年项目支出绩效目标表"), FormText("部门名称：某县公安局"), FormText("单位：万元"), table]


def listed_name(number: int, name: str) -> tuple[str, str]:
    return name, (f"不公开说明下列出的第{number}号项目：序号已录入不予公开记录；不予公开记录只记序号、理由和依据，"
                  "项目名称未录入")


@pytest.mark.parametrize("after", [True, False])
@pytest.mark.parametrize("suffix", ["txt", "xlsx", "docx"])
def test_rows_under_a_notice_in_a_list_with_indicators_are_withheld(tmp_path: Path, suffix: str, after: bool) -> None:
    """Before (copied text): a project numbered by the notice (listed), whose indicators were "3 | 维稳专项保障经费"
    and "4 | 特情经费": the withheld names published."""
    result = import_new(write(indicator_list(after), tmp_path / f"项目表.{suffix}"), tmp_path, "gaj")
    projects = as_written(result.filing["projects"])
    assert [p.get("number") or p["withheld"]["numbers"] for p in projects] == [1, [3, 3], [4, 4], 5][:4 if after else 3]
    assert all(p["withheld"]["notice"] == NOTICE for p in projects[1:3])
    assert [i["name"] for i in projects[0]["goals"][0]["indicators"]] == ["巡逻里程", "事故下降率"]
    if after:
        assert projects[3]["name"] == "户籍服务提升" and projects[3]["budget"] == {"total": "35.50"}
    assert not any(name in str(projects) for name in NAMES)
    assert not_placed(result) == [listed_name(3, NAMES[0]), listed_name(4, NAMES[1])]
    assert result.check.errors == []


def test_withheld_rows_under_a_notice_in_a_plain_list_stay_withheld(tmp_path: Path) -> None:
    """Guard: the list without indicator columns (`project_parts._withheld_listed`), as copied text."""
    text = ("部门名称：某县公安局\n单位：万元\n序号\t项目名称\t项目金额\t年度绩效目标\n1\t交通秩序管理\t120.00\t维护道路交通秩序。\n"
            f"{NOTICE}\n3\t{NAMES[0]}\n4\t{NAMES[1]}\n")
    (tmp_path / "list.txt").write_text(text, encoding="utf-8")
    result = import_new(tmp_path / "list.txt", tmp_path, "gaj")
    projects = as_written(result.filing["projects"])
    assert [p.get("number") or p["withheld"]["numbers"] for p in projects] == [1, [3, 3], [4, 4]]
    assert not_placed(result) == [listed_name(3, NAMES[0]), listed_name(4, NAMES[1])]


# --- 3. a code stored as a long number ------------------------------------------------------------------------------

STORED_CODE = ("原表“项目编码”一格存的是数字“330000250000000000000”，不是文字：Excel 只保留数字的前 15 位，其后各位已经丢失，"
               "这个编码不可靠，未录入。请在原表中把这一格设为文本、照原编码逐位填写后重新导入")


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
def test_a_code_stored_as_a_long_number_is_said_once(tmp_path: Path, suffix: str) -> None:
    """项目编码 330000250000000012345 typed as a number (shown 3.30000E+20). Before: listed, and a remark said
    "已照存储的数字读作 330000250000000000000". The amount's own remark (scientific format) stays."""
    rows: list[list[object]] = [
        ["2026年项目支出绩效目标表", "", "", ""], ["", "", "", "单位：万元"], ["部门名称", "某县交通运输局", "", ""],
        ["项目名称", "农村公路养护", "项目编码", Num(330000250000000012345, "0.00000E+00")],
        ["项目金额", Num(300.5, "0.00E+00"), "", ""], ["年度绩效目标", "完成养护任务", "", ""],
        ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "养护里程", "50公里"]]
    writer = write_xls if suffix == "xls" else write_xlsx
    result = import_new(writer([Sheet("项目", rows, ["A1:D1"])], tmp_path / f"项目表.{suffix}"), tmp_path, "jtj")
    [project] = as_written(result.filing["projects"])
    assert "code" not in project and project["budget"] == {"total": "300.5"}
    assert not_placed(result) == [("330000250000000000000", STORED_CODE)]
    assert result.remarks == ("项目!B5 的数字在 Excel 中按格式“0.00E+00”以科学记数法显示为“3.01E+02”；已照存储的数字读作 300.5。",)


def test_a_unit_code_stored_as_a_long_number_is_said_once(tmp_path: Path) -> None:
    """The same for the department's 单位代码 beside its name."""
    rows: list[list[object]] = [
        ["2026年部门整体绩效目标表", "", "", ""], ["部门名称", "某县交通运输局", "单位代码", Num(4.20701220000001e20, "0.00000E+00")],
        ["年度总体目标", "完成全县农村公路养护。", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "养护里程", "50公里"]]
    result = import_new(write_xlsx([Sheet("整体", rows, ["A1:D1"])], tmp_path / "整体.xlsx"), tmp_path, "jtj")
    [(text, why)] = not_placed(result)
    assert why.startswith("原表“单位代码”一格存的是数字“420701220000001000000”")
    assert result.remarks == ("导入没有读入任何金额，也没有读到金额单位，原表还有未放入文件的内容（见“未放入”）："
                              "其中有金额或金额单位时，请手工录入，并改正编者写作万元的金额单位（money_unit）。",)


# --- 4. a withheld row in a 原文 exported one cell per line ----------------------------------------------------------

def one_cell_per_line(*rows: tuple[str, ...]) -> str:
    lines = ["2025年项目支出绩效目标汇总表", "单位名称：某区财政局", "单位：万元", ""]
    for row in rows:
        lines += [f"\t{cell}" for cell in row] + [""]
    return "\n".join(lines) + "\n"


CELL_LINES = one_cell_per_line(("序号", "项目名称", "项目金额", "年度绩效目标"),
                               ("1", "财政信息化运维", "320.00", "保障系统全年稳定运行"),
                               ("5", NAMES[0], "涉密，不予公开", ""), (NOTICE,), ("6", NAMES[1]),
                               ("7", "政府采购评审专家劳务费", "15.25", "完成年度政府采购评审"))


def test_a_withheld_row_exported_one_cell_per_line_is_not_published(tmp_path: Path) -> None:
    """Before: the published 原文 held "\\t维稳专项保障经费" and "\\t特情经费"."""
    content, config = tmp_path / "content", tmp_path / "site_config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    (content / "sources").mkdir(parents=True)
    source = content / "sources" / "清单.txt"
    source.write_text(CELL_LINES, encoding="utf-8")
    site = imported_site(content, config, "sichuan", [(source, "qczj", "公开", 2025)], tmp_path / "site")
    found = [f"{file.relative_to(site)}: {name}" for file in sorted(p for p in site.rglob("*") if p.is_file())
             for part in file_parts(file) for name in NAMES if name.encode() in part]
    assert found == []
    published = (site / "sources/清单.txt").read_text(encoding="utf-8")
    assert "\t5\n\t［已隐去］\n\t涉密，不予公开\n\t\n" in published and f"\t{NOTICE}\n\n\t6\n\t［已隐去］\n" in published
    assert "\t1\n\t财政信息化运维\n\t320.00\n" in published and "\t7\n\t政府采购评审专家劳务费\n" in published


def test_seed_sources_are_unchanged_by_blanking() -> None:
    """Guard: each seed's 原文, blanked of its own filing's notices as if any number were withheld, one cell per line
    (003) or tab-separated, is as filed unless a row holds a notice."""
    rows = withheld_rows([WithheldRange(withheld=RangeRedaction(numbers=[6, 13], reason="涉及保密要求",
                                                                notice="6-13号项目信息因涉及保密要求，项目绩效目标暂不公开。"))])
    for source in sorted((ROOT / "content/sources").glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        assert blank_withheld(text, rows) == text, source.name


def test_blanking_a_source_one_cell_per_line_takes_the_block_as_the_row() -> None:
    """The row "\t5", "\t维稳专项保障经费", "\t涉密，不予公开", "\t" is blanked but for its number and notice; a blank
    line under a notice ends no list; the rows around stay as filed."""
    blanked = blank_withheld(CELL_LINES, WithheldRows(("涉密，不予公开", NOTICE), frozenset({5, 6})))
    assert blanked == CELL_LINES.replace(f"\t{NAMES[0]}\n", "\t［已隐去］\n").replace(f"\t{NAMES[1]}\n", "\t［已隐去］\n")
