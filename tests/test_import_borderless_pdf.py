"""`gongkai import` of PDFs whose tables are printed with horizontal rules only (no vertical lines).

Some offices print the form with only the rule under (or over) each row. pdfplumber's `find_tables` needs
vertical lines and finds nothing there; the reader (pdffile, "tables drawn with horizontal rules only") takes
the rows from the rules, the columns from where each cell's rule ends, a label merged down from a column
that has no rule at a row's top, and a cell's wrapped lines joined. The forms are drawn in HTML and printed by
Chromium as the other PDF tests do, with the borders restyled: `border-top` only, or top and bottom.
Fully borderless tables are not read as tables yet: their lines stay paragraphs (nothing is guessed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.document import ImportFailure, Paragraph, Table
from generator.importing.readers import read_document
from tests.forms.agreement import assembled
from tests.forms.layout import FormBlock, FormTable, FormText, form
from tests.forms.render import CHROMIUM, form_html, seed_filings
from tests.forms.imports import import_new, not_placed
from tests.test_import_formats import without_breaks
from tests.test_import_tasks import as_written

TOP_ONLY = "td { border: none; border-top: 0.75pt solid #000; }"
TOP_AND_BOTTOM = "td { border: none; border-top: 0.75pt solid #000; border-bottom: 0.75pt solid #000; }"
NONE = "td { border: none; }"
LONG_BASIS = ("依据《某省法律援助条例》和上年度全市法律援助案件受理情况、律师及基层法律服务工作者人数测算，"
              "并参照近三年平均增长率确定本年度目标值，确保案件办理质量")


def printed(blocks: list[FormBlock], path: Path, style: str) -> Path:
    """The form as HTML with `style` added after the page style, printed as tests/forms/render prints a form."""
    from playwright.sync_api import sync_playwright

    page_html = form_html(blocks).replace("</style>", style + "</style>")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content(page_html)
        page.pdf(path=str(path), format="A4", landscape=True, print_background=True,
                 margin={side: "15mm" for side in ("top", "bottom", "left", "right")})
        browser.close()
    return path


def indicator_form() -> list[FormBlock]:
    """Title, unit, department, goal, and an indicator table whose 一级 label is merged down three rows, a
    二级 label down two, and whose last basis wraps over several lines of its cell."""
    identity = FormTable()
    identity.add("部门（单位）名称", "某市司法局")
    goal = FormTable()
    goal.add("年度总体目标", "保障法律援助工作顺利开展。")
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
    table.add("产出指标", "数量指标", "法律援助案件办理数量", "≥1200件", "计划标准")
    table.add("", "", "法律咨询接待人次", "≥5000人次", "历史标准")
    table.add("", "质量指标", "案件质量评查合格率", "≥95%", "行业标准")
    table.add("满意度指标", "服务对象满意度指标", "受援人满意度", "≥90%", LONG_BASIS)
    table.merge_down(0, 1, 3)
    table.merge_down(1, 1, 2)
    return [FormText("2026年度部门整体支出绩效目标表"), FormText("金额单位：万元"), identity, goal, table]


EXPECTED_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "法律援助案件办理数量", "value": "≥1200件", "basis": "计划标准"},
    {"level1": "产出指标", "level2": "数量指标", "name": "法律咨询接待人次", "value": "≥5000人次", "basis": "历史标准"},
    {"level1": "产出指标", "level2": "质量指标", "name": "案件质量评查合格率", "value": "≥95%", "basis": "行业标准"},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "受援人满意度", "value": "≥90%", "basis": LONG_BASIS}]


def indicators_of(filing: dict) -> list[dict]:
    keys = ("level1", "level2", "name", "value", "basis")
    return [{key: indicator[key] for key in keys if key in indicator}
            for goal in filing["goals"] for indicator in goal["indicators"]]


@pytest.mark.parametrize("style", [TOP_ONLY, TOP_AND_BOTTOM], ids=["top-rule", "top-and-bottom-rules"])
def test_indicator_table_with_horizontal_rules_only(tmp_path: Path, style: str) -> None:
    """Rows from the rules; 产出指标 and 数量指标 merged down (no rule over their column in the rows they
    cover); the long basis joined from its wrapped lines; every cell placed."""
    result = import_new(printed(indicator_form(), tmp_path / "整体.pdf", style), tmp_path, "sfj")
    assert indicators_of(result.filing) == EXPECTED_INDICATORS
    assert result.filing["department"]["name"] == "某市司法局"
    assert result.filing["overall_goal"] == "保障法律援助工作顺利开展。"
    assert result.filing["money_unit"] == "万元"
    assert not_placed(result) == []
    assert [(table.location, table.kind) for table in result.imported.tables][-1] == ("第1页 表3", "指标表")


def test_merged_label_is_a_merged_cell_and_the_wrapped_basis_one_cell(tmp_path: Path) -> None:
    """The table as read: positions under a merged label name its cell; a column with a rule at a row's top
    starts a cell of its own there (the empty 二级指标 of the third row is not the label above)."""
    document = read_document(printed(indicator_form(), tmp_path / "整体.pdf", TOP_ONLY))
    table = [block for block in document.blocks if isinstance(block, Table)][-1]
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据"],
        ["产出指标", "数量指标", "法律援助案件办理数量", "≥1200件", "计划标准"],
        ["", "", "法律咨询接待人次", "≥5000人次", "历史标准"],
        ["", "质量指标", "案件质量评查合格率", "≥95%", "行业标准"],
        ["满意度指标", "服务对象满意度指标", "受援人满意度", "≥90%", LONG_BASIS]]
    label, level2 = table.rows[1][0].location, table.rows[1][1].location
    assert [row[0].merged_from for row in table.rows[2:]] == [label, label, None]
    assert [row[1].merged_from for row in table.rows[2:]] == [level2, None, None]
    assert [block.text for block in document.blocks if isinstance(block, Paragraph)] == [
        "2026年度部门整体支出绩效目标表", "金额单位：万元"]


def funds_form() -> list[FormBlock]:
    funds = FormTable()
    funds.add("收支构成", "项目", "当年金额", "占比")
    funds.add("收入构成", "财政拨款", "1,234.50", "96%")
    funds.add("", "单位资金", "51.5", "4%")
    funds.add("", "合计", "1286.00", "100%")
    funds.add("支出构成", "人员类项目支出", "800.00", "62.2%")
    funds.add("", "合计", "1286.00", "100%")
    funds.merge_down(0, 1, 3)
    funds.merge_down(0, 4, 5)
    identity = FormTable()
    identity.add("部门（单位）名称", "某市司法局")
    return [FormText("2026年度部门整体支出绩效目标表"), FormText("金额单位：万元"), identity, funds]


def test_funds_table_with_horizontal_rules_only(tmp_path: Path) -> None:
    """Amounts exactly as filed (the thousands comma taken out, with the editor's note the other formats get)."""
    result = import_new(printed(funds_form(), tmp_path / "整体.pdf", TOP_ONLY), tmp_path, "sfj")
    assert as_written(result.filing["funds"]) == {
        "income": {"lines": [{"name": "财政拨款", "amount": "1234.50", "share": "96%", "notes": [
                       {"field": "amount", "text": "原表写作“1,234.50”；编者去掉千分位逗号，录入为 1234.50。"}]},
                             {"name": "单位资金", "amount": "51.5", "share": "4%"}],
                   "total": {"name": "合计", "amount": "1286.00", "share": "100%"}},
        "expenditure": {"lines": [{"name": "人员类项目支出", "amount": "800.00", "share": "62.2%"}],
                        "total": {"name": "合计", "amount": "1286.00", "share": "100%"}}}
    assert not_placed(result) == []


def test_borderless_form_is_refused_not_guessed(tmp_path: Path) -> None:
    """Without any rule no table is read (not yet, see the module docstring): the lines stay paragraphs, no
    indicator is guessed from them, and the import refuses to write a filing without any table."""
    source = printed(indicator_form(), tmp_path / "整体.pdf", NONE)
    document = read_document(source)
    assert not any(isinstance(block, Table) for block in document.blocks)
    assert "一级指标 二级指标 三级指标 指标值 指标值确定依据" in [block.text for block in document.blocks]
    with pytest.raises(ImportFailure, match="没有找到绩效目标表"):
        import_new(source, tmp_path, "sfj")
    assert not (tmp_path / "out.yml").exists()


def test_seed_form_with_top_rules_imports_as_the_ruled_form(tmp_path: Path) -> None:
    """The 衡阳 seed form (funds table, label–text rows, ten-column indicator tables with merged labels,
    project tables) printed with rules over each row only reads as the same filing as the ruled print."""
    filing = next(f for f in seed_filings() if f.department.id == "hengyang-sfj")
    blocks = form(filing, "standard")
    ruled = read_document(printed(blocks, tmp_path / "ruled.pdf", ""))
    rules_only = read_document(printed(blocks, tmp_path / "rules.pdf", TOP_ONLY))
    # Texts compare without line breaks, as the ruled PDF does with the Word form (test_import_formats).
    assert without_breaks(assembled(rules_only)) == without_breaks(assembled(ruled))
    tables = [block for block in rules_only.blocks if isinstance(block, Table)]
    assert len(tables) == len([b for b in blocks if isinstance(b, FormTable)]) == 14
