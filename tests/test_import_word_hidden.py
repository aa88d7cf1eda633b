"""`gongkai import` of Word documents hiding text other than by a run's own `w:vanish`, and tracked changes to
rows and cells (generator/importing/wordfile.py), on the small form of tests/test_import_word_structures.py:

1. Text hidden by a paragraph style (also one based on a hiding style) is not read and is listed 未放入; a hidden
   paragraph mark hides only the mark, so the paragraph's text is read, run on into the next paragraph.
2. A hidden table row (`w:trPr/w:hidden`) is not read: its text is listed 未放入 as a hidden row, and the rows
   shown are numbered without it.
3. Rows and cells inserted or deleted as tracked changes (`w:trPr/w:ins`, `w:trPr/w:del`, `w:tcPr/w:cellIns`,
   `w:tcPr/w:cellDel`) are read as accepted, and the tracked-changes remark says so.

Each case asserts the exact filing, the exact 未放入 list and the exact remarks.
"""

from __future__ import annotations

import copy
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn

from generator.importing.wordfile import HIDDEN_REASON, HIDDEN_ROW_REASON
from tests.forms.layout import FormText
from tests.test_import_word_structures import (
    INDICATORS, TRACKED, cell_p, deleted, drawn, filing, form, imported, inserted, result_of, run, set_runs, xml)

SECRET = "内部测算：经费缺口300万元"
WITHHELD = {"level1": "产出指标", "level2": "时效指标", "name": "资金拨付及时率", "value": "100%"}


def indicator_row(document, texts: tuple[str, ...]):
    """A copy of the goal table's last indicator row holding `texts`, appended to the table."""
    goals = document.tables[1]._tbl
    row = copy.deepcopy(goals.tr_lst[3])
    for tc, text in zip(row.tc_lst, texts):
        if tc.find(qn("w:tcPr")) is not None:
            tc.remove(tc.find(qn("w:tcPr")))
        set_runs(tc.find(qn("w:p")), run(text))
    goals.append(row)
    return row


def row_properties(row, inner: str) -> None:
    row.insert(0, xml(f"<w:trPr>{inner}</w:trPr>"))


# --- 1. hidden by a paragraph style, and a hidden paragraph mark ------------------------------------------------

def test_text_hidden_by_a_paragraph_style_is_not_read_and_is_listed(tmp_path: Path) -> None:
    blocks = form()
    blocks.insert(2, FormText(SECRET))
    blocks.insert(3, FormText("（测算依据另附）"))
    document = drawn(tmp_path, blocks)
    hiding = document.styles.add_style("内部说明", WD_STYLE_TYPE.PARAGRAPH)
    hiding.font.hidden = True
    based = document.styles.add_style("内部说明二", WD_STYLE_TYPE.PARAGRAPH)
    based.base_style = hiding  # hides by the style it is based on
    document.paragraphs[2].style = hiding
    document.paragraphs[3].style = based
    # in a cell: the paragraph's style hides the run, but the run's own w:vanish="0" shows it
    cell = cell_p(document, 1, 2, 3)
    set_runs(cell, run("≥1200人", '<w:vanish w:val="0"/>') + run("（暂定）"))
    cell.get_or_add_pPr().insert(0, xml(f'<w:pStyle w:val="{hiding.style_id}"/>'))
    assert result_of(imported(tmp_path, document)) == (filing(), [
        ("第2段之后（隐藏文字）", SECRET, HIDDEN_REASON),
        ("第2段之后（隐藏文字2）", "（测算依据另附）", HIDDEN_REASON),
        ("表2 第3行第4列（隐藏文字）", "（暂定）", HIDDEN_REASON),
    ], ())


def test_a_hidden_paragraph_mark_hides_only_the_mark_and_its_text_runs_on(tmp_path: Path) -> None:
    """Word shows the text of a paragraph whose mark alone is hidden, joined to the next paragraph: nothing is lost."""
    blocks = form()
    blocks[1] = FormText("金额单位：")
    blocks.insert(2, FormText("万元"))
    document = drawn(tmp_path, blocks)
    document.paragraphs[1]._p.get_or_add_pPr().append(xml("<w:rPr><w:vanish/></w:rPr>"))
    assert result_of(imported(tmp_path, document)) == (filing(), [], ())


# --- 2. hidden rows --------------------------------------------------------------------------------------

def test_a_hidden_row_is_not_read_and_is_listed_as_a_hidden_row(tmp_path: Path) -> None:
    document = drawn(tmp_path)
    goals = document.tables[1]._tbl
    withheld = indicator_row(document, tuple(WITHHELD.values()))
    row_properties(withheld, "<w:hidden/>")
    indicator_row(document, ("效益指标", "社会效益指标", "家长满意度", "≥90%"))  # a row shown after the hidden one
    head = copy.deepcopy(goals.tr_lst[1])  # a hidden copy of the head row at the very start: listed at 开头
    row_properties(head, '<w:hidden w:val="true"/>')
    goals.tr_lst[0].addprevious(head)
    added = {"level1": "效益指标", "level2": "社会效益指标", "name": "家长满意度", "value": "≥90%"}
    assert result_of(imported(tmp_path, document)) == (filing(INDICATORS + [added]), [
        ("表2 开头（隐藏行）", "一级指标 | 二级指标 | 三级指标 | 指标值", HIDDEN_ROW_REASON),
        ("表2 第4行之后（隐藏行）", "产出指标 | 时效指标 | 资金拨付及时率 | 100%", HIDDEN_ROW_REASON),
    ], ())


def test_a_row_marked_not_hidden_is_read(tmp_path: Path) -> None:
    document = drawn(tmp_path)
    row_properties(indicator_row(document, tuple(WITHHELD.values())), '<w:hidden w:val="0"/>')
    assert result_of(imported(tmp_path, document)) == (filing(INDICATORS + [WITHHELD]), [], ())


# --- 3. rows and cells as tracked changes ------------------------------------------------------------------

def test_rows_inserted_and_deleted_as_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    document = drawn(tmp_path)
    row_properties(indicator_row(document, tuple(WITHHELD.values())), '<w:del w:id="21" w:author="张三"/>')
    added = {"level1": "效益指标", "level2": "社会效益指标", "name": "家长满意度", "value": "≥90%"}
    row_properties(indicator_row(document, tuple(added.values())), '<w:ins w:id="22" w:author="张三"/>')
    assert result_of(imported(tmp_path, document)) == (filing(INDICATORS + [added]), [], (TRACKED,))


def test_cells_inserted_and_deleted_as_tracked_changes_read_as_accepted(tmp_path: Path) -> None:
    """A deleted cell is gone once accepted, the cells after it moving left; an inserted cell stays."""
    document = drawn(tmp_path)
    row = indicator_row(document, ("效益指标", "（待定）", "社会效益指标", "家长满意度"))
    value = copy.deepcopy(row.tc_lst[3])
    set_runs(value.find(qn("w:p")), inserted(run("≥90%")))
    value.insert(0, xml('<w:tcPr><w:cellIns w:id="23" w:author="张三"/></w:tcPr>'))
    row.append(value)
    gone = row.tc_lst[1]
    set_runs(gone.find(qn("w:p")), deleted("（待定）"))
    gone.insert(0, xml('<w:tcPr><w:cellDel w:id="24" w:author="张三"/></w:tcPr>'))
    added = {"level1": "效益指标", "level2": "社会效益指标", "name": "家长满意度", "value": "≥90%"}
    assert result_of(imported(tmp_path, document)) == (filing(INDICATORS + [added]), [], (TRACKED,))


def test_an_inserted_cell_alone_is_said_as_a_tracked_change(tmp_path: Path) -> None:
    document = drawn(tmp_path)
    cell_p(document, 1, 2, 3).getparent().get_or_add_tcPr().append(xml('<w:cellIns w:id="25" w:author="张三"/>'))
    assert result_of(imported(tmp_path, document)) == (filing(), [], (TRACKED,))
