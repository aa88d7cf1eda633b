"""`gongkai import` of Word forms as departments type them by hand: irregular tables, a form continued in a new table.

The tables are written as Word stores them (w:gridSpan that differs row to row, w:gridBefore / w:gridAfter, w:vMerge
restarting mid-table, several paragraphs in a cell), which tests/forms cannot draw:

1. A form continued in a second table after a page break, a blank paragraph or a "续表" line, its header typed again
   (or not), the merged 产出指标 / 数量指标 cut by the break: one table, the indicators in their project and labels.
2. A budget label with its unit in brackets beside its amount ("资金总额（万元） | １２０．５０"): the project's budget.
3. A funds table whose amount head carries the unit ("当年金额\\n（万元）", "金额（单位：元）"): a funds table, and its unit
   is the filing's (never guessed from the amounts' size).
4. A task amount typed with the form's unit ("200.00万元"): read as the funds' and budgets' amounts are, with a note.
5. Blank paragraphs and spaces (full-width too) around a cell's text only place it in the cell: not read.
6. 一级/二级 labels typed a few characters a line ("产\\n出\\n指\\n标") or spaced out: the label.

Guards: a whole form typed with spaced labels, checkboxes and paragraphs above the table; two projects' forms in one
table; indicator rows drawn with w:gridBefore / w:gridAfter under a title row holding "单位：万元".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.test_import_tasks import as_written


# --- Word tables as typed ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class C:
    """A typed cell: its paragraphs (a line each), the grid columns it spans, and its vertical merge."""
    text: str = ""
    span: int = 1
    merge: str | None = None  # "restart" or "continue"
    paragraphs: tuple[str, ...] | None = None  # as typed, blank ones included; else the text's lines

    def xml(self) -> str:
        props = f'<w:tcW w:w="{1500 * self.span}" w:type="dxa"/>'
        props += f'<w:gridSpan w:val="{self.span}"/>' if self.span > 1 else ""
        props += {"restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>", None: ""}[self.merge]
        lines = self.paragraphs if self.paragraphs is not None else tuple(self.text.split("\n"))
        return f"<w:tc><w:tcPr>{props}</w:tcPr>{''.join(_paragraph(line) for line in lines)}</w:tc>"


@dataclass(frozen=True)
class Row:
    cells: tuple[C | str, ...]
    before: int = 0  # w:gridBefore: grid columns left empty, with no cell, before the first cell
    after: int = 0
    header: bool = False  # w:tblHeader: Word repeats the row at the top of each page


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>' if text else "<w:p/>"


def _row_xml(row: Row | list[C | str]) -> str:
    row = row if isinstance(row, Row) else Row(tuple(row))
    props = (f'<w:gridBefore w:val="{row.before}"/>' if row.before else "") \
        + (f'<w:gridAfter w:val="{row.after}"/>' if row.after else "") + ("<w:tblHeader/>" if row.header else "")
    cells = "".join((cell if isinstance(cell, C) else C(cell)).xml() for cell in row.cells)
    return f"<w:tr>{f'<w:trPr>{props}</w:trPr>' if props else ''}{cells}</w:tr>"


def table(rows: list[Row | list[C | str]], columns: int):
    borders = "".join(f'<w:{side} w:val="single" w:sz="4"/>' for side in ("top", "left", "bottom", "right",
                                                                          "insideH", "insideV"))
    grid = '<w:gridCol w:w="1500"/>' * columns
    return parse_xml(f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}'
                     f'</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
                     f'{"".join(_row_xml(row) for row in rows)}</w:tbl>')


PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'


def write(blocks: list, path: Path) -> Path:
    """Paragraphs (str; PAGE_BREAK alone is a page break) and tables, in order."""
    document = docx.Document()
    end = document.element.body[-1]  # the section properties stay last
    for block in blocks:
        if isinstance(block, str):
            runs = block if block == PAGE_BREAK else (f'<w:r><w:t xml:space="preserve">{escape(block)}</w:t></w:r>'
                                                      if block else "")
            block = parse_xml(f'<w:p {nsdecls("w")}>{runs}</w:p>')
        end.addprevious(block)
    document.save(path)
    return path


def run(blocks: list, tmp_path: Path, department: str = "mzj") -> ImportResult:
    return import_new(write(blocks, tmp_path / "绩效目标表.docx"), tmp_path, department)


def project_of(result: ImportResult) -> list[dict]:
    return as_written(result.filing["projects"])


def indicator(level1: str, level2: str | None, name: str, value: str) -> dict[str, str]:
    return {"level1": level1, **({"level2": level2} if level2 else {}), "name": name, "value": value}


HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


# --- 1. a form continued in a second table ----------------------------------------------------------------------------

CARE = "社区居家养老服务补贴"
CARE_GOAL = "为全县1500名特困老人提供居家养老服务。"
CARE_INDICATORS = [indicator("产出指标", "数量指标", "服务老人人数", "1500人"),
                   indicator("产出指标", "数量指标", "服务时长", "≥10万小时"),
                   indicator("产出指标", "数量指标", "上门服务次数", "≥2万次"),
                   indicator("产出指标", "质量指标", "服务合格率", "≥95%"),
                   indicator("效益指标", "社会效益指标", "老年人生活质量", "明显提高"),
                   indicator("满意度指标", "服务对象满意度指标", "老人满意度", "≥90%")]


def continued_form(separator: list[str], header_again: bool) -> list:
    """The form's first page ends inside the merged 产出指标 and 数量指标; the typist went on in a new table."""
    first = table([[C("项目名称"), C(CARE, span=3)],
                   [C("年度目标"), C(CARE_GOAL, span=3)],
                   Row(tuple(HEADER), header=True),
                   [C("产出指标", merge="restart"), C("数量指标", merge="restart"), "服务老人人数", "1500人"],
                   [C(merge="continue"), C(merge="continue"), "服务时长", "≥10万小时"]], 4)
    second = table(([Row(tuple(HEADER), header=True)] if header_again else [])
                   + [[C(merge="continue"), C(merge="continue"), "上门服务次数", "≥2万次"],
                      [C(merge="continue"), "质量指标", "服务合格率", "≥95%"],
                      [C("效益指标", merge="restart"), "社会效益指标", "老年人生活质量", "明显提高"],
                      ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"]], 4)
    return ["某县民政局2026年项目支出绩效目标表", "单位：万元", first, *separator, second]


@pytest.mark.parametrize("header_again", [True, False])
@pytest.mark.parametrize("separator", [[""], [PAGE_BREAK], ["", PAGE_BREAK, "　"]], ids=["blank", "page", "both"])
def test_form_continued_in_a_second_table_is_one_table(tmp_path: Path, separator: list[str],
                                                        header_again: bool) -> None:
    """Before: with the header typed again the second table was a project of its own without a name, its first rows
    under 效益指标 (the label below); without it, the rows under the cut merges were all listed 未放入."""
    result = run(continued_form(separator, header_again), tmp_path)
    assert project_of(result) == [{"id": "p1", "name": CARE, "goals": [
        {"id": "g1", "kind": "年度", "text": CARE_GOAL, "indicators": CARE_INDICATORS}]}]
    assert not_placed(result) == []


@pytest.mark.parametrize("header_again", [True, False])
@pytest.mark.parametrize("line", ["续表", "（续上表）", "续表1："])
def test_a_continued_table_line_joins_the_tables(tmp_path: Path, line: str, header_again: bool) -> None:
    """"续表" over the second table says it goes on with the first: the line is no content, said in a remark."""
    result = run(continued_form([PAGE_BREAK, line], header_again), tmp_path)
    assert project_of(result)[0]["goals"][0]["indicators"] == CARE_INDICATORS and len(project_of(result)) == 1
    assert not_placed(result) == []
    assert f"第3段“{line}”说明下面的表格接着上一张表，未作为内容读取；前后两段表格（表1、表2）接着读作一张表。" in result.remarks


@pytest.mark.parametrize("header_again", [True, False])
def test_form_with_a_two_row_header_continued_in_a_second_table(tmp_path: Path, header_again: bool) -> None:
    """绩效指标 merged over 一级指标 | 二级指标 | 三级指标, 指标值 and 指标值确定依据 merged down: the header is two rows, both
    typed again (or not) over the second table. Before: a nameless second project, or its rows all listed 未放入."""
    header = [Row((C("绩效指标", span=3), C("指标值", merge="restart"), C("指标值确定依据", merge="restart")),
                  header=True),
              Row(("一级指标", "二级指标", "三级指标", C(merge="continue"), C(merge="continue")), header=True)]
    first = table([["项目名称", C(CARE, span=4)], ["年度目标", C(CARE_GOAL, span=4)], *header,
                   [C("产出指标", merge="restart"), C("数量指标", merge="restart"), "服务老人人数", "1500人", "实施方案"],
                   [C(merge="continue"), C(merge="continue"), "服务时长", "≥10万小时", "实施方案"]], 5)
    second = table((header if header_again else [])
                   + [[C(merge="continue"), C(merge="continue"), "上门服务次数", "≥2万次", "实施方案"],
                      [C(merge="continue"), "质量指标", "服务合格率", "≥95%", ""],
                      ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%", ""]], 5)
    result = run(["部门名称：某县民政局", "单位：万元", first, PAGE_BREAK, second], tmp_path)
    basis = {"basis": "实施方案"}
    assert project_of(result)[0]["goals"][0]["indicators"] == [
        CARE_INDICATORS[0] | basis, CARE_INDICATORS[1] | basis, CARE_INDICATORS[2] | basis, CARE_INDICATORS[3],
        CARE_INDICATORS[5]]
    assert len(project_of(result)) == 1 and not_placed(result) == []


@pytest.mark.parametrize("merged", [True, False], ids=["merge-goes-on", "left-blank"])
def test_header_typed_again_inside_the_table_keeps_the_merge_it_cut(tmp_path: Path, merged: bool) -> None:
    """The typist copied the header row to the top of the next page inside the same table; the 一级/二级 cells under it
    continue the merge (Word links them to the header cell above) or are left blank. Before (left blank): the first row
    under it took 质量指标 from the row below, with a note that the label's merge started a row late."""
    under = C(merge="continue") if merged else C()
    form = table([["项目名称", C(CARE, span=3)], ["年度目标", C(CARE_GOAL, span=3)], HEADER,
                  [C("产出指标", merge="restart"), C("数量指标", merge="restart"), "服务老人人数", "1500人"],
                  [C(merge="continue"), C(merge="continue"), "服务时长", "≥10万小时"],
                  Row(tuple(HEADER), header=True),
                  [under, under, "上门服务次数", "≥2万次"],
                  [under, "质量指标", "服务合格率", "≥95%"],
                  [C("效益指标", merge="restart"), "社会效益指标", "老年人生活质量", "明显提高"],
                  ["满意度指标", "服务对象满意度指标", "老人满意度", "≥90%"]], 4)
    result = run(["部门名称：某县民政局", "单位：万元", form], tmp_path)
    assert project_of(result)[0]["goals"][0]["indicators"] == CARE_INDICATORS
    assert not_placed(result) == []


def test_two_goals_tables_with_a_line_between_stay_two(tmp_path: Path) -> None:
    """Guard: a table after another line (here the second project's heading) is no continuation."""
    first = table([["项目名称", "养老服务补贴"], ["年度目标", "发放补贴。"]], 2)
    second = table([["项目名称", "低保资金"], ["年度目标", "按时发放低保金。"]], 2)
    result = run(["单位：万元", "部门名称：某县民政局", first, "续表", second], tmp_path)
    assert [p["name"] for p in project_of(result)] == ["养老服务补贴", "低保资金"]


# --- 2. a budget label with its unit in brackets ---------------------------------------------------------------------

@pytest.mark.parametrize(("label", "figure", "note"), [
    ("资金总额（万元）", "120.50", None),
    ("资金总额（万元）", "１２０．５０", "原表写作“１２０．５０”；编者全角数字照数值读，录入为 120.50。"),
    ("资金总额\n（万元）", "120.50万元", "原表写作“120.50万元”；编者去掉与本表金额单位相同的“万元”，录入为 120.50。"),
])
def test_budget_label_with_its_unit_beside_the_amount(tmp_path: Path, label: str, figure: str,
                                                      note: str | None) -> None:
    """Before: the label was not known with its bracket, and the amount was listed 未放入 (未识别的单元格)."""
    form = table([[C("项目名称"), C(CARE, span=3)],
                  ["项目属性", "■延续", "项目期", "3年"],
                  ["主管部门", "某县民政局", C(label), C(figure)],
                  ["一级指标", "二级指标", "三级指标", "指标值"],
                  ["产出指标", "数量指标", "服务老人人数", "1500人"]], 4)
    result = run(["单位：万元", form], tmp_path)
    project = project_of(result)[0]
    assert project["budget"] == {"total": "120.50"}
    assert project.get("notes") == ([{"field": "budget.total", "text": note}] if note else None)
    assert (project["attribute"], project["period"]) == ("■延续", "3年")
    assert not_placed(result) == [] and result.filing["money_unit"] == "万元"


# --- 3. a funds table whose amount head carries the unit --------------------------------------------------------------

def funds_form(head: str, first: str) -> list:
    return ["2026年某县卫生健康局部门整体绩效目标表",
            table([[C("部门名称"), C("某县卫生健康局", span=3)],
                   ["收入构成", head, "占比", "备注"],
                   ["财政拨款", first, "96%", ""],
                   ["其他资金", "50.00", "4%", ""],
                   ["合计", "1250.50", "100%", ""]], 4)]


@pytest.mark.parametrize(("head", "unit"), [("当年金额（万元）", "万元"), ("当年金额\n（万元）", "万元"),
                                            ("金额（单位：万元）", "万元"), ("金额（单位：元）", "元")])
def test_funds_table_with_the_unit_in_its_amount_head(tmp_path: Path, head: str, unit: str) -> None:
    """Before: "当年金额（万元）" made no funds table (its lines were read as a project's budget), and "金额（单位：元）"
    was a funds table whose unit was guessed from the amounts' size (万元, with a note that the form names none)."""
    result = run(funds_form(head, "1200.50"), tmp_path, "wjj")
    assert as_written(result.filing["funds"]) == {"income": {
        "lines": [{"name": "财政拨款", "amount": "1200.50", "share": "96%"},
                  {"name": "其他资金", "amount": "50.00", "share": "4%"}],
        "total": {"name": "合计", "amount": "1250.50", "share": "100%"}}}
    assert result.filing["money_unit"] == unit and "notes" not in result.filing
    assert "projects" not in result.filing and not_placed(result) == []


# --- 4. a task amount typed with the form's unit ----------------------------------------------------------------------

def test_task_amount_written_with_the_forms_unit(tmp_path: Path) -> None:
    """Before: "200.00万元" under 预算金额（万元） was said in a note to be no amount, and not read."""
    tasks = table([["年度主要任务", "任务名称", "主要内容", "预算金额（万元）"],
                   [C(merge="restart"), "公共卫生服务", "开展基本公共卫生服务", "300"],
                   [C(merge="continue"), "医疗保障", "保障医疗机构运转", "200.00万元"],
                   [C(merge="continue"), "金额合计", "", "500.00"]], 4)
    result = run(["2026年某县卫生健康局部门整体绩效目标表", "部门名称：某县卫生健康局", "单位：万元", tasks], tmp_path, "wjj")
    assert as_written(result.filing["tasks"]) == {"lines": [
        {"name": "公共卫生服务", "content": "开展基本公共卫生服务", "budget": {"total": "300"}},
        {"name": "医疗保障", "content": "保障医疗机构运转", "budget": {"total": "200.00"}, "notes": [
            {"field": "budget.total", "text": "原表写作“200.00万元”；编者去掉与本表金额单位相同的“万元”，录入为 200.00。"}]}],
        "total": {"total": "500.00"}}
    assert not_placed(result) == []


def test_task_amount_in_another_unit_is_not_read(tmp_path: Path) -> None:
    tasks = table([["任务名称", "主要内容", "预算金额"], ["医疗保障", "保障医疗机构运转", "2000000元"]], 3)
    result = run(["部门名称：某县卫生健康局", "单位：万元", tasks], tmp_path, "wjj")
    assert as_written(result.filing["tasks"]) == {"lines": [
        {"name": "医疗保障", "content": "保障医疗机构运转", "notes": [
            {"field": "budget.total", "text": "原表“预算金额”一栏填为“2000000元”：金额“2000000元”以元计，"
                                              "本表金额单位为万元；导入不换算金额，未录入。"}]}]}


# --- 5. blank paragraphs and spaces around a cell's text --------------------------------------------------------------

def test_blank_paragraphs_and_spaces_around_a_cells_text_are_not_read(tmp_path: Path) -> None:
    """Before: the name read "\\n乡村文化活动补助经费\\n", the 一级 label "\\n产出指标\\n", the 项目期 " 1年 ", and a cell
    holding a full-width space was a 二级 label "　". The lines of a text of several keep their indents, as typed."""
    form = table([[C("项目名称"), C(paragraphs=("", "乡村文化活动补助经费", ""), span=3)],
                  ["项目属性", "\u3000■延续\u3000", "项目期", " 1年 "],
                  ["资金总额（万元）", C(paragraphs=("", "50.00", "")), "", ""],
                  ["年度目标", C(paragraphs=("", "\u3000\u30001.开展送戏下乡演出120场；", "", "\u3000\u30002.惠及群众3万人次。", ""),
                                 span=3)],
                  HEADER,
                  [C(paragraphs=("", "产出指标", ""), merge="restart"), C("数量指标", merge="restart"),
                   "送戏下乡场次", C(paragraphs=("", "≥120场"))],
                  [C(merge="continue"), C(merge="continue"), "受益群众人次", "≥3万人次  "],
                  ["满意度指标", "\u3000", "群众满意度", "≥90%"]], 4)
    result = run(["部门名称：某县文化馆", "单位：万元", form], tmp_path, "wgj")
    assert project_of(result) == [{"id": "p1", "name": "乡村文化活动补助经费", "attribute": "■延续", "period": "1年",
                                   "budget": {"total": "50.00"}, "goals": [
        {"id": "g1", "kind": "年度", "text": "\u3000\u30001.开展送戏下乡演出120场；\n\n\u3000\u30002.惠及群众3万人次。", "indicators": [
            indicator("产出指标", "数量指标", "送戏下乡场次", "≥120场"),
            indicator("产出指标", "数量指标", "受益群众人次", "≥3万人次"),
            indicator("满意度指标", None, "群众满意度", "≥90%")]}]}]
    assert not_placed(result) == []


# --- 6. 一级/二级 labels typed across lines ----------------------------------------------------------------------------

def test_level_labels_typed_a_few_characters_a_line(tmp_path: Path) -> None:
    """Before: the labels kept their line breaks ("产\\n出\\n指\\n标"), as no label of the vocabulary."""
    form = table([[C("项目名称"), C("森林防火专项", span=3)],
                  ["一级\n指标", "二级\n指标", "三级指标", "指标值"],
                  [C("产\n出\n指\n标", merge="restart"), "数量指标", "巡护面积", "50万亩"],
                  [C(merge="continue"), "时效\n指标", "完成时间", "12月底"],
                  ["效 益 指 标", "生态效益\n指标", "森林覆盖率", "≥60%"],
                  ["满意度\n指标", "服务对象\n满意度指标", "群众\n满意度", "≥90%"]], 4)
    result = run(["部门名称：某县林业局", "单位：万元", form], tmp_path, "lyj")
    assert project_of(result)[0]["goals"][0]["indicators"] == [
        indicator("产出指标", "数量指标", "巡护面积", "50万亩"), indicator("产出指标", "时效指标", "完成时间", "12月底"),
        indicator("效益指标", "生态效益指标", "森林覆盖率", "≥60%"),
        indicator("满意度指标", "服务对象满意度指标", "群众\n满意度", "≥90%")]  # a name keeps its lines
    assert not_placed(result) == []


# --- guards ---------------------------------------------------------------------------------------------------------

def test_typed_form_with_spaced_labels_checkboxes_and_lines_above(tmp_path: Path) -> None:
    form = table([[C("项 目 名 称"), C("乡村文化活动补助经费", span=3)],
                  ["主管部门", "某县文化和旅游局", "实施单位", "某县文化馆"],
                  ["项目属性", "☑新增  □延续", "项目期", "1年"],
                  [C("项目资金\n（万元）", merge="restart"), "年度资金总额", C("５０.００万元", span=2)],
                  [C(merge="continue"), "其中：财政拨款", C("50.00", span=2)],
                  [C(merge="continue"), "其他资金", C("0", span=2)],
                  ["年度目标", C("开展送戏下乡演出120场。", span=3)],
                  HEADER,
                  [C("产出指标", merge="restart"), "数量指标", "送戏下乡场次", "≥120场"],
                  [C(merge="continue"), "时效指标", "完成时间", "2026年12月底前"],
                  ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"]], 4)
    result = run(["2026年度项目支出绩效目标申报表", "部门名称：某县文化和旅游局    填报日期：2026年1月15日", "单位：万元", form],
                 tmp_path, "wlj")
    assert (result.filing["department"]["name"], str(result.filing["filed_on"])) == ("某县文化和旅游局", "2026-01-15")
    assert project_of(result) == [{
        "id": "p1", "name": "乡村文化活动补助经费", "attribute": "☑新增  □延续", "period": "1年", "budget_unit": "某县文化馆",
        "budget": {"annual": {"total": "50.00", "fiscal": "50.00", "other": "0"}},
        "goals": [{"id": "g1", "kind": "年度", "text": "开展送戏下乡演出120场。", "indicators": [
            indicator("产出指标", "数量指标", "送戏下乡场次", "≥120场"),
            indicator("产出指标", "时效指标", "完成时间", "2026年12月底前"),
            indicator("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]}],
        "notes": [{"field": "budget.annual.total",
                   "text": "原表写作“５０.００万元”；编者全角数字照数值读、去掉与本表金额单位相同的“万元”，录入为 50.00。"}]}]
    assert not_placed(result) == []


def farm_form(name: str, amount: str, first: tuple[str, str]) -> list[Row | list[C | str]]:
    """A project's form over five grid columns, its last rows one cell short (w:gridAfter: no 确定依据 typed)."""
    return [["项目名称", C(name, span=4)],
            ["主管部门", C("某县农业农村局", span=2), "实施单位", "某县农技中心"],
            ["项目资金（万元）", "年度资金总额", amount, "其中：财政拨款", amount],
            ["年度绩效目标", C(f"完成{name}。", span=4)],
            [*HEADER, "指标值确定依据"],
            [C("产出指标", merge="restart"), "数量指标", *first, "实施方案"],
            Row((C(merge="continue"), "时效指标", "完成时间", "12月底前"), after=1),
            Row(("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%"), after=1)]


def test_two_projects_forms_in_one_table(tmp_path: Path) -> None:
    """Pasted one under the other with no paragraph between, Word makes the two forms one table."""
    rows = farm_form("高标准农田建设", "500.00", ("建设面积", "1万亩")) + farm_form("农技推广补助", "30.00", ("培训农户", "500人次"))
    result = run(["2026年度项目支出绩效目标表", "填报单位：某县农业农村局", "单位：万元", table(rows, 5)], tmp_path, "nyj")

    def expected(number: int, name: str, amount: str, first: tuple[str, str]) -> dict:
        return {"id": f"p{number}", "name": name, "budget_unit": "某县农技中心",
                "budget": {"annual": {"total": amount, "fiscal": amount}},
                "goals": [{"id": "g1", "kind": "年度", "text": f"完成{name}。", "indicators": [
                    {**indicator("产出指标", "数量指标", *first), "basis": "实施方案"},
                    indicator("产出指标", "时效指标", "完成时间", "12月底前"),
                    indicator("满意度指标", "服务对象满意度指标", "农户满意度", "≥90%")]}]}
    assert project_of(result) == [expected(1, "高标准农田建设", "500.00", ("建设面积", "1万亩")),
                                  expected(2, "农技推广补助", "30.00", ("培训农户", "500人次"))]
    assert not_placed(result) == []


def test_indicator_rows_with_grid_before_under_a_title_row_with_the_unit(tmp_path: Path) -> None:
    """The vertical 年度绩效指标 label only beside the header; the rows below start one grid column in (w:gridBefore)."""
    rows = [[C("2026年度项目支出绩效目标表", span=3), C("单位：万元", span=2)],
            [C("项目名称", span=2), C("森林防火专项", span=3)],
            [C("资金总额", span=2), "85万元", "财政拨款", "85"],
            [C("年度目标", span=2), C("全年森林火灾受害率控制在0.9‰以内。", span=3)],
            ["年度绩效指标", *HEADER],
            Row(("产出指标", "数量指标", "巡护面积", "50万亩"), before=1),
            Row(("效益指标", "生态效益指标", "森林覆盖率", "≥60%"), before=1),
            Row(("满意度指标", "服务对象满意度指标", "群众满意度"), before=1, after=1)]
    result = run(["部门名称：某县林业局", table(rows, 5)], tmp_path, "lyj")
    assert result.filing["title"] == "2026年度项目支出绩效目标表" and result.filing["money_unit"] == "万元"
    assert project_of(result) == [{
        "id": "p1", "name": "森林防火专项", "budget": {"total": "85", "fiscal": "85"},
        "goals": [{"id": "g1", "kind": "年度", "text": "全年森林火灾受害率控制在0.9‰以内。", "indicators": [
            indicator("产出指标", "数量指标", "巡护面积", "50万亩"), indicator("效益指标", "生态效益指标", "森林覆盖率", "≥60%"),
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度"}]}],
        "notes": [{"field": "budget.total", "text": "原表写作“85万元”；编者去掉与本表金额单位相同的“万元”，录入为 85。"}]}]
    assert not_placed(result) == []
