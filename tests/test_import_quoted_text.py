"""`gongkai import` of copied text whose cells hold line breaks: Excel's quoting, and text that has none.

A range of Excel (or WPS) cells copied and pasted into a text editor, or saved as 文本文件（制表符分隔）, writes a
cell that holds a line break or a double quote between double quotes, each " inside doubled:

    年度目标<TAB>"1.完成农村公路养护300公里，开展""双随机、一公开""抽查。
    2.完成桥梁检测40座。"<TAB><TAB>

Such a cell is one cell, its line breaks kept and "" read as ": before, its second line became a row (or a paragraph)
of its own, the goal lost its second half (read as another goal) and the quotes stayed in the text; the 指标值
"≥95%\\n（含）" split its row in two, read as slid rows. The forms are drawn with the tests/forms helpers and written
as Excel writes a copied range (`excel_copied`: every cell of a table, merged slots empty, the csv module's
excel-tab dialect), so they import as the same form saved as .xlsx does.

Text copied from a web page (or a Word table) has no quoting: a quote there is the cell's own text. A cell that starts
with an ASCII quote, or holds one, or starts with “, is read as written; a quote that opens a cell and does not close
the way Excel closes it (before a row of the table, within 30 lines) swallows nothing, and a remark says so. A cell's
second paragraph in such text is a line of its own: nothing tells it from a paragraph, so it is read as one, and is
never lost (it is in the filing or listed 未放入). The five seeds have no quoted cells and read as before
(`python -m tests.import_agreement`; `test_the_seeds_have_no_quoting`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.importing.document import Paragraph, SourceDocument
from generator.importing.importer import ImportResult
from generator.importing.text import read_copied
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import copied_text, write

ROOT = Path(__file__).resolve().parents[1]
TITLE = "2026年度部门整体绩效目标表"
GOAL = '1.完成农村公路养护300公里，开展"双随机、一公开"抽查。\n2.完成桥梁检测40座。'
ROWS = [("产出指标", "数量指标", "养护里程", "≥300公里"), ("", "质量指标", "路面合格率", "≥95%\n（含）"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
INDICATORS = [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"},
              {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "≥95%\n（含）"},
              {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%"}]
QUOTED = ("有用英文双引号括起的单元格（Excel、WPS 复制或另存为文本时，格子里有换行或双引号的写法）：按这种写法读作一格，"
          "格子里的换行照原样保留，两个连写的双引号读作一个，括在外面的引号不读入。")
UNCLOSED = ("有以英文双引号开头的单元格，但引号在30行内、表格的下一行之前没有按 Excel 的写法闭合，不是 Excel 括起单元格的引号："
            "这几行按原样逐行读取，引号保留在文字中。")


def goal_form(goal: str = GOAL, rows: list[tuple[str, ...]] = ROWS) -> list[FormBlock]:
    """Title and unit lines, the department and 年度目标 (its text merged over three columns), the indicators."""
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局", "", "")
    identity.add("年度目标", (goal, 3))
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    for row in rows:
        indicators.add(*row)
    indicators.merge_down(0, 1, 2)
    return [FormText(TITLE), FormText("金额单位：万元"), identity, indicators]


def excel_copied(blocks: list[FormBlock]) -> str:
    """A form's tables as Excel copies a range (every cell, a merged range's text in its first cell), the lines
    above them as typed: Excel's quoting is the csv module's excel-tab dialect, rows ended by CR LF."""
    out = io.StringIO()
    for block in blocks:
        if isinstance(block, FormText):
            out.write(block.text + "\r\n")
        else:
            csv.writer(out, dialect="excel-tab", lineterminator="\r\n").writerows(block.grid())
    return out.getvalue()


def run(text: str, tmp_path: Path, name: str = "原表.txt") -> ImportResult:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    return import_new(source, tmp_path, "jtj")


def test_the_text_is_excels_quoting() -> None:
    """What the tests read: the goal cell and the value cell quoted, their quotes doubled."""
    assert excel_copied(goal_form()) == (
        f"{TITLE}\r\n金额单位：万元\r\n部门（单位）名称\t某县交通运输局\t\t\r\n"
        '年度目标\t"1.完成农村公路养护300公里，开展""双随机、一公开""抽查。\n2.完成桥梁检测40座。"\t\t\r\n'
        "一级指标\t二级指标\t三级指标\t指标值\r\n产出指标\t数量指标\t养护里程\t≥300公里\r\n"
        '\t质量指标\t路面合格率\t"≥95%\n（含）"\r\n满意度指标\t服务对象满意度指标\t群众满意度\t≥90%\r\n')


# --- 1. Excel's quoting read: a cell's lines are one cell ------------------------------------------------------------

@pytest.mark.parametrize("name", ["原表.txt", "原表.xls"])  # an .xls that is tab-separated text is read the same way
def test_a_quoted_goal_and_value_keep_their_lines(tmp_path: Path, name: str) -> None:
    """Before: the goal was 1. only (2. became a second goal), and the row of ≥95% split into slid rows."""
    result = run(excel_copied(goal_form()), tmp_path, name)
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "text": GOAL, "indicators": INDICATORS}]
    assert result.filing["department"]["name"] == "某县交通运输局" and "notes" not in result.filing
    assert not_placed(result) == []
    kind = ("原表.xls 的扩展名是“.xls”，内容其实是以 Tab 分隔单元格的文字；已照内容读取。",) if name.endswith(".xls") else ()
    assert result.remarks == (*kind, f"第4–5行、第8–9行{QUOTED}")
    assert result.check.errors == [] and result.check.warnings == []


def test_the_same_form_as_a_workbook_imports_the_same(tmp_path: Path) -> None:
    (tmp_path / "xlsx").mkdir()
    workbook = import_new(write(goal_form(), tmp_path / "xlsx" / "原表.xlsx"), tmp_path / "xlsx", "jtj")
    copied = run(excel_copied(goal_form()), tmp_path)
    assert copied.filing == workbook.filing
    assert not_placed(copied) == not_placed(workbook) == []


def test_a_quoted_cell_is_located_on_its_first_line_and_the_next_on_its_own(tmp_path: Path) -> None:
    """The cell after a quoted one starts on the line where the quote closed: that is where a person finds it."""
    text = '年度目标\t"1.完成养护。\n2.完成检测。"\t备注\n一\t二\t三\n'
    document = read(text, tmp_path)
    [table] = document.blocks
    assert [[(cell.text, cell.location) for cell in row] for row in table.rows] == [
        [("年度目标", "第1行第1格"), ("1.完成养护。\n2.完成检测。", "第1行第2格"), ("备注", "第2行第3格")],
        [("一", "第3行第1格"), ("二", "第3行第2格"), ("三", "第3行第3格")]]
    assert document.remarks == (f"第1–2行{QUOTED}",)


def test_a_quoted_cell_on_one_line_with_doubled_quotes(tmp_path: Path) -> None:
    """Excel's 另存为文本 quotes a cell that holds a quote: the doubled quotes are one, the outer ones not read."""
    document = read('指标\t"完成""双随机""抽查"\t说明\n', tmp_path)
    assert texts(document) == [[["指标", '完成"双随机"抽查', "说明"]]]
    assert document.remarks == (f"第1行{QUOTED}",)


# --- 2. a quote that is no quoting is read as written ----------------------------------------------------------------

WEB_ROWS = [("产出指标", "数量指标", '"放管服"改革事项', "≥12项"), ("产出指标", "数量指标", '"十四五规划项目', "≥3个"),
            ("产出指标", "质量指标", "“双随机”抽查比例", '"≥95%'), ("满意度指标", "服务对象满意度指标", '群众"满意度', '≥90%"')]


def test_quotes_in_copied_web_text_are_the_cells_own(tmp_path: Path) -> None:
    """A closing quote with text after it, a quote with a tab after it, “, a lone quote inside or at the end: every
    cell as written. The quote left open at the end of line 5 is a judgement (the rows below it are no cell's text,
    not swallowed), and the remark names its line."""
    indicators = FormTable()
    indicators.add("一级指标", "二级指标", "三级指标", "指标值")
    for row in WEB_ROWS:
        indicators.add(*row)
    document = read(copied_text([FormText(TITLE), indicators]), tmp_path)
    assert texts(document) == [TITLE, [["一级指标", "二级指标", "三级指标", "指标值"], *map(list, WEB_ROWS)]]
    assert document.remarks == (f"第5行{UNCLOSED}",)


def test_a_quote_open_for_more_than_30_lines_is_no_cell(tmp_path: Path) -> None:
    """The quote would close on line 33, with no row of the table between: too long for one cell's text."""
    text = "项目\t\"说明\n" + "".join(f"第{n}段。\n" for n in range(2, 33)) + "结束\"\t备注\n"
    document = read(text, tmp_path)
    assert texts(document) == [[["项目", '"说明']], *(f"第{n}段。" for n in range(2, 33)), [['结束"', "备注"]]]
    assert document.remarks == (f"第1行{UNCLOSED}",)


def test_a_quoted_passage_of_prose_is_read_as_written(tmp_path: Path) -> None:
    """Lines without a tab are paragraphs, and prose may quote over several of them: no cell, no remark."""
    document = read('标题\n"第一段\n第二段"\n项目\t金额\n', tmp_path)
    assert texts(document) == ["标题", '"第一段', '第二段"', [["项目", "金额"]]]
    assert document.remarks == ()


def test_the_seeds_have_no_quoting() -> None:
    for source in sorted((ROOT / "content" / "sources").glob("*.txt")):
        assert not [remark for remark in read_copied(source).remarks if "双引号" in remark], source


# --- 3. a cell's lines without quoting (a web page's or a Word table's copied text) -------------------------------

def test_unquoted_lines_of_a_cell_are_never_lost(tmp_path: Path) -> None:
    """Nothing tells a cell's second paragraph from a paragraph of the form: it is read as one. Every text of the
    form is in the filing or listed 未放入, and what was judged carries a note."""
    result = run(copied_text(goal_form()), tmp_path)
    goals = result.filing["goals"]
    found = str(goals) + str(not_placed(result))
    for text in ["1.完成农村公路养护300公里", "2.完成桥梁检测40座。", "≥95%", "（含）", "群众满意度", "≥90%"]:
        assert text in found
    assert goals[0]["text"] == GOAL  # "2.…" numbered right after "1.…" continues the goal (department_variants)
    assert ("（含）", "未识别的段落") in not_placed(result)


def read(text: str, tmp_path: Path) -> SourceDocument:
    source = tmp_path / "原表.txt"
    source.write_text(text, encoding="utf-8")
    return read_copied(source)


def texts(document: SourceDocument) -> list:
    """Each paragraph's text, each table's rows of cell texts."""
    return [block.text if isinstance(block, Paragraph) else [[cell.text for cell in row] for row in block.rows]
            for block in document.blocks]
