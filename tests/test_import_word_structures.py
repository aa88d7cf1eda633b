"""`gongkai import` of Word documents as departments save them, beyond plain body tables (generator/importing/wordfile.py).

One small form (a title, the 金额单位 line, a table of the department's name and 填报日期, one goal with its
indicator table) is drawn with tests/forms and then edited in its XML the way Word, WPS and templates leave it:

1. Tracked changes (修订) left in: read as the document shows with changes accepted (inserted text and rows read,
   deleted text and rows not, a deleted paragraph mark joining two paragraphs), and a remark says so.
2. Content controls (w:sdt) around a body table, a paragraph, a run, a row and a cell are read through; a control
   still showing its prompt was never filled in, and the prompt is listed 未放入. Word's table of contents (a
   control too) is listed 未放入 as the contents.
3. The form pasted into a layout table, and an indicator table inside a goal table's cell: the tables inside the
   cells are read as tables, the rows holding them as paragraphs.
4. The title in a text box (stored twice, DrawingML and VML: read once), the department's name in the header and
   the 填报日期 in the footer, with a page number there that is said in a remark, not read.
5. Hidden text (w:vanish, directly or by a character style) is not read: each piece is listed 未放入.
6. Several paragraphs and soft line breaks in a cell, a tab between two label–value pairs, and fields (a mail-merge
   field, a date field) read as the form shows them; the older horizontal merge (w:hMerge) is a merge.
7. Footnotes are listed 未放入 and comments (批注) said in a remark: neither is read as the form.
8. A document as WPS saves it: its own namespaces, numbered style ids, a VML text box, and the page number in a
   text box in odd- and even-page footers that are copies of each other.

Each case asserts the exact filing, the exact 未放入 list and the exact remarks.
"""

from __future__ import annotations

import copy
import re
import zipfile
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree

from generator.importing.document import Paragraph
from generator.importing.importer import ImportResult
from generator.importing.readers import read_document
from generator.importing.wordfile import CONTENTS_REASON, HIDDEN_REASON, NOTE_REASON, PROMPT_REASON
from tests.forms.imports import import_new
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.forms.render import _docx_table, write_docx

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
}
TITLE = "某县教育局2026年度部门整体绩效目标表"
GOAL = "保障全县义务教育学校正常运转。"
TRACKED = ("文档中有没有接受的修订：已按接受全部修订读取，插入的文字读入，删除的文字没有读入。"
           "请在 Word 的“审阅”中逐条核对修订，确认后接受修订。")
TEXT_BOXES = ("文档中有文本框，其中的文字已读入：排在文本框所在的段落之前（在表格中的排在表格之后），"
              "位置写作“文本框1 第1段”。文本框浮在页面上，请对照原表核对它的位置和读法。")


def identity() -> FormTable:
    table = FormTable()
    table.add("部门（单位）名称", "某县教育局")
    table.add("填报日期", "2026年1月5日")
    return table


def goal_table() -> FormTable:
    table = FormTable()
    table.add("年度目标", (GOAL, 3))
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "资助学生人数", "≥1200人")
    table.add("", "质量指标", "资助资金发放准确率", "100%")
    table.merge_down(0, 2, 3)
    return table


def form() -> list[FormBlock]:
    return [FormText(TITLE), FormText("金额单位：万元"), identity(), goal_table()]


INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "资助学生人数", "value": "≥1200人"},
    {"level1": "产出指标", "level2": "质量指标", "name": "资助资金发放准确率", "value": "100%"},
]


def filing(indicators: list[dict[str, str]] = INDICATORS, goal: str = GOAL, **fields) -> dict:
    """The filing the form says (the department's id and region are the options `import_new` gives)."""
    return {"department": {"id": "jy", "name": "某县教育局", "region": "ezhou"}, "fiscal_year": 2026, "kind": "公开",
            "title": TITLE, "filed_on": "2026-01-05", "money_unit": "万元", **fields,
            "goals": [{"id": "g1", "kind": "年度", "text": goal, "indicators": indicators}]}


# --- building and editing the document -----------------------------------------------------------

def drawn(tmp_path: Path, blocks: list[FormBlock] | None = None) -> docx.document.Document:
    path = tmp_path / "form.docx"
    write_docx(form() if blocks is None else blocks, path)
    return docx.Document(path)


def imported(tmp_path: Path, document: docx.document.Document) -> ImportResult:
    folder = tmp_path / "import"
    folder.mkdir()
    document.save(tmp_path / "edited.docx")
    return import_new(tmp_path / "edited.docx", folder, "jy")


def result_of(result: ImportResult) -> tuple[dict, list[tuple[str, str, str]], tuple[str, ...]]:
    """The filing as written (dates as text), what is listed 未放入 (location, text, reason) and the reader's remarks."""
    return _plain(result.filing), list(result.imported.not_placed), result.imported.remarks


def _plain(value):
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value if isinstance(value, (str, int, type(None))) else str(value)


def xml(fragment: str):
    """An element from a fragment written with the usual prefixes."""
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NAMESPACES.items())
    end = re.match(r"<[\w:]+", fragment).end()
    return parse_xml(fragment[:end] + " " + declarations + fragment[end:])


def run(text: str, properties: str = "") -> str:
    shown = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{shown}<w:t xml:space="preserve">{text}</w:t></w:r>'


def inserted(inner: str) -> str:
    return f'<w:ins w:id="11" w:author="张三" w:date="2026-01-04T10:00:00Z">{inner}</w:ins>'


def deleted(text: str) -> str:
    return (f'<w:del w:id="12" w:author="张三" w:date="2026-01-04T10:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{text}</w:delText></w:r></w:del>')


def field(instruction: str, result: str) -> str:
    """A complex field as Word writes it: its code, then the result it shows."""
    return (f'<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instruction} '
            f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(result)}'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def content_control(inner: str, prompt: bool = False) -> str:
    showing = "<w:showingPlcHdr/>" if prompt else ""
    return f'<w:sdt><w:sdtPr><w:alias w:val="填写"/>{showing}</w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>'


def set_runs(p, runs: str) -> None:
    """The paragraph's content replaced by `runs` (its paragraph properties kept)."""
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    for child in list(xml(f"<w:p>{runs}</w:p>")):
        p.append(child)


def cell_p(document, table: int, row: int, column: int):
    return document.tables[table].rows[row].cells[column].paragraphs[0]._p


def wrapped(element, prompt: bool = False) -> None:
    """`element` moved into a content control at its place."""
    control = xml(content_control("", prompt))
    element.addprevious(control)
    control.find(qn("w:sdtContent")).append(element)


def text_box(runs: str) -> str:
    """A text box holding a paragraph of `runs`, as Word (and WPS) store it: DrawingML, and the same box in VML
    for older programs."""
    box = f"<w:txbxContent><w:p>{runs}</w:p></w:txbxContent>"
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData>'
            f'<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict>'
            '</mc:Fallback></mc:AlternateContent></w:r>')


def blocks_of(path: Path) -> list:
    return [(block.location, block.text) if isinstance(block, Paragraph)
            else (block.location, [[cell.text for cell in row] for row in block.rows])
            for block in read_document(path).blocks]


def test_plain_form_imports_as_filed(tmp_path):
    """The form before any edit: what every case below reads as, less what it changes."""
    assert result_of(imported(tmp_path, drawn(tmp_path))) == (filing(), [], ())


# --- 1. tracked changes ----------------------------------------------------------------------------

def test_tracked_changes_read_as_accepted_and_remarked(tmp_path):
    document = drawn(tmp_path)
    title, unit = (p._p for p in document.paragraphs[:2])
    set_runs(title, run("某县") + deleted("教体局") + inserted(run("教育局")) + run("2026年度部门整体绩效目标表"))
    # "金额单位：" and "万元" were two lines; the line break between them was deleted
    set_runs(unit, run("金额单位："))
    unit.get_or_add_pPr().append(xml('<w:rPr><w:del w:id="13" w:author="张三"/></w:rPr>'))
    unit.addnext(xml(f"<w:p>{inserted(run('万元'))}</w:p>"))
    set_runs(cell_p(document, 1, 2, 3), run("≥") + deleted("1000") + inserted(run("1200")) + run("人"))
    goals = document.tables[1]._tbl
    for texts, change in ((("产出指标", "时效指标", "资金拨付及时率", "100%"), "del"),
                          (("效益指标", "社会效益指标", "家长满意度", "≥90%"), "ins")):
        row = copy.deepcopy(goals.tr_lst[3])
        row.insert(0, xml(f'<w:trPr><w:{change} w:id="14" w:author="张三"/></w:trPr>'))
        for tc, text in zip(row.tc_lst, texts):
            tc.remove(tc.find(qn("w:tcPr"))) if tc.find(qn("w:tcPr")) is not None else None
            set_runs(tc.find(qn("w:p")), deleted(text) if change == "del" else inserted(run(text)))
        goals.append(row)
    added = {"level1": "效益指标", "level2": "社会效益指标", "name": "家长满意度", "value": "≥90%"}
    assert result_of(imported(tmp_path, document)) == (filing(INDICATORS + [added]), [], (TRACKED,))


def test_text_read_in_a_tracked_insertion_is_read_where_it_stands(tmp_path):
    """python-docx's paragraph text leaves out the runs inside w:ins: the reader does not."""
    document = drawn(tmp_path, [FormText("部门名称：")])
    set_runs(document.paragraphs[0]._p, run("部门名称：") + inserted(run("某县教育局")) + deleted("某县教体局"))
    document.save(tmp_path / "d.docx")
    assert blocks_of(tmp_path / "d.docx") == [("第1段", "部门名称：某县教育局")]


# --- 2. content controls ---------------------------------------------------------------------------

def test_content_controls_around_tables_rows_cells_paragraphs_and_runs_are_read_through(tmp_path):
    blocks = form()
    blocks[2].add("填报人", "")
    blocks[2].add("联系电话", "请输入电话号码")
    document = drawn(tmp_path, blocks)
    set_runs(document.paragraphs[1]._p, run("金额单位：") + content_control(run("万元")))
    set_runs(cell_p(document, 0, 2, 1), content_control(run("单击或点击此处输入文字。"), prompt=True))
    goals = document.tables[1]._tbl
    wrapped(goals.tr_lst[3])  # a repeating section: one control per row
    wrapped(goals.tr_lst[2].tc_lst[2])
    wrapped(document.tables[0]._tbl.tr_lst[3].tc_lst[1], prompt=True)  # a control around a whole cell
    wrapped(document.paragraphs[0]._p)
    wrapped(document.tables[0]._tbl)
    document.save(tmp_path / "read.docx")
    assert [location for location, _ in blocks_of(tmp_path / "read.docx")] == [
        "第1段", "第2段", "表1", "表2", "表1 第3行第2列（提示文字）", "表1 第4行第2列（提示文字）"]
    assert result_of(imported(tmp_path, document)) == (filing(), [
        ("表1 第3行第2列（提示文字）", "单击或点击此处输入文字。", PROMPT_REASON),
        ("表1 第4行第2列（提示文字）", "请输入电话号码", PROMPT_REASON)], ())


# --- 3. tables inside tables --------------------------------------------------------------------------

def test_form_pasted_into_a_layout_table_reads_its_inner_tables_as_tables(tmp_path):
    document = docx.Document()
    layout = document.add_table(rows=2, cols=1)
    layout.cell(0, 0).text = TITLE
    cell = layout.cell(1, 0)
    cell.paragraphs[0].text = "金额单位：万元"
    _docx_table(cell, identity())
    _docx_table(cell, goal_table())
    document.save(tmp_path / "layout.docx")
    assert blocks_of(tmp_path / "layout.docx") == [
        ("表1 第1行", [[TITLE]]),
        ("表1 第2行第1列 第1段", "金额单位：万元"),
        ("表2", [["部门（单位）名称", "某县教育局"], ["填报日期", "2026年1月5日"]]),
        ("表3", [["年度目标", GOAL, "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
                 ["产出指标", "数量指标", "资助学生人数", "≥1200人"], ["", "质量指标", "资助资金发放准确率", "100%"]]),
    ]
    assert result_of(imported(tmp_path, document)) == (filing(), [], (
        "表1 第2行的格子里套着表格（表2、表3）：套着的表格各读作一张表，这些行格子里的其他文字按段落读入。",))


# --- 4. text boxes, headers and footers -------------------------------------------------------------

def test_title_in_a_text_box_and_department_and_date_in_header_and_footer_are_read(tmp_path):
    document = drawn(tmp_path, [FormText(""), FormText("金额单位：万元"), goal_table()])
    set_runs(document.paragraphs[0]._p, text_box(run(TITLE)))
    section = document.sections[0]
    section.header.paragraphs[0].text = "填报单位：某县教育局"
    section.footer.paragraphs[0].text = "填报日期：2026年1月5日"
    set_runs(section.footer.add_paragraph()._p, run("第 ") + field("PAGE", "1") + run(" 页"))
    document.save(tmp_path / "read.docx")
    assert [location for location, _ in blocks_of(tmp_path / "read.docx")] == [
        "页眉 第1段", "文本框1 第1段", "第1段", "表1", "页脚 第1段"]
    assert result_of(imported(tmp_path, document)) == (filing(), [], (
        TEXT_BOXES, "页脚 第2段是页码“第 1 页”，不是原表的内容，没有读入。"))


# --- 5. hidden text --------------------------------------------------------------------------------

def test_hidden_text_is_not_read_and_each_piece_is_listed(tmp_path):
    blocks = form()
    blocks.insert(2, FormText("内部测算：经费缺口300万元"))
    document = drawn(tmp_path, blocks)
    style = document.styles.add_style("批注隐藏", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    set_runs(document.paragraphs[2]._p, run("内部测算：经费缺口300万元", "<w:vanish/>"))
    set_runs(cell_p(document, 1, 0, 1), run(GOAL) + run("（拟压减）", f'<w:rStyle w:val="{style.style_id}"/>'))
    set_runs(cell_p(document, 1, 2, 3), run("≥1200人") + run("（暂定，", "<w:vanish/>") + run("待批复）", "<w:vanish/>"))
    assert result_of(imported(tmp_path, document)) == (filing(), [
        ("第2段之后（隐藏文字）", "内部测算：经费缺口300万元", HIDDEN_REASON),
        ("表2 第1行第2列（隐藏文字）", "（拟压减）", HIDDEN_REASON),
        ("表2 第3行第4列（隐藏文字）", "（暂定，待批复）", HIDDEN_REASON),
    ], ())


# --- 6. paragraphs, line breaks, tabs and fields in cells ------------------------------------------------

def test_paragraphs_breaks_tabs_and_fields_read_as_shown(tmp_path):
    blocks = form()
    blocks.insert(2, FormText("填报人：张三"))
    document = drawn(tmp_path, blocks)
    set_runs(document.paragraphs[2]._p, run("填报人：张三") + "<w:r><w:tab/></w:r>" + run("联系电话：13812345678"))
    set_runs(cell_p(document, 0, 0, 1), f'<w:fldSimple w:instr=" MERGEFIELD 部门名称 ">{run("某县教育局")}</w:fldSimple>')
    set_runs(cell_p(document, 0, 1, 1), field('DATE \\@ "yyyy年M月d日"', "2026年1月5日"))
    document.tables[1].rows[0].cells[1].add_paragraph("落实学生资助政策。")
    set_runs(cell_p(document, 1, 3, 2), run("资助资金") + "<w:r><w:br/></w:r>" + run("发放准确率"))
    indicators = [INDICATORS[0], {**INDICATORS[1], "name": "资助资金\n发放准确率"}]
    assert result_of(imported(tmp_path, document)) == (
        filing(indicators, f"{GOAL}\n落实学生资助政策。", contact={"filer": "张三", "phone": "13812345678"}),
        [], ())


def test_indicator_table_inside_a_goal_tables_cell_is_read_as_the_goals_indicators(tmp_path):
    """A project form's 绩效指标 cell holding the indicator table: the table is read, its label listed."""
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("金额单位：万元")
    _docx_table(document, identity())
    goal = document.add_table(rows=2, cols=2)
    goal.cell(0, 0).text, goal.cell(0, 1).text, goal.cell(1, 0).text = "年度目标", GOAL, "绩效指标"
    indicators = goal_table()
    indicators.rows.pop(0)
    indicators.merges = [(1, 0, 2, 0)]
    _docx_table(goal.cell(1, 1), indicators)
    assert result_of(imported(tmp_path, document)) == (
        filing(), [("表2 第2行第1列 第1段", "绩效指标", "未识别的段落")],
        ("表2 第2行的格子里套着表格（表3）：套着的表格各读作一张表，这些行格子里的其他文字按段落读入。",))


def test_cell_continuing_the_one_on_its_left_by_the_older_horizontal_merge(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    for tc, (text, merge) in zip(table._tbl.tr_lst[0].tc_lst, (("项目名称", "restart"), ("", "continue"),
                                                              ("乡村道路养护", None))):
        tc.get_or_add_tcPr().append(xml(f'<w:hMerge w:val="{merge}"/>')) if merge else None
        set_runs(tc.find(qn("w:p")), run(text))
    document.save(tmp_path / "h.docx")
    rows = read_document(tmp_path / "h.docx").blocks[0].rows
    assert [(cell.text, cell.merged_from) for cell in rows[0]] == [
        ("项目名称", None), ("", "表1 第1行第1列"), ("乡村道路养护", None)]


# --- 7. WPS ----------------------------------------------------------------------------------------

WPS_NAMESPACE = 'xmlns:wpsCustomData="http://www.wps.cn/officeDocument/2013/wpsCustomData" '


def saved_by_wps(document: docx.document.Document, path: Path) -> None:
    """The document with what WPS writes into every file it saves: its own namespaces, ignorable."""
    document.save(path)
    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    body = parts["word/document.xml"].decode()
    body, replaced = re.subn(r"<w:document ", f"<w:document {WPS_NAMESPACE}", body, count=1)
    body = re.sub(r'mc:Ignorable="([^"]*)"', r'mc:Ignorable="\1 wpsCustomData"', body, count=1)
    assert replaced == 1 and "wpsCustomData" in body
    parts["word/document.xml"] = body.encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)


def test_document_saved_by_wps_reads_as_the_form(tmp_path):
    document = drawn(tmp_path, [FormText(""), FormText(" "), FormText("金额单位：万元"), identity(), goal_table()])
    style = document.styles.add_style("标题 1", WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = "2"  # WPS numbers the styles it writes
    document.paragraphs[0].style = style
    set_runs(document.paragraphs[0]._p, "<w:r><w:pict><v:shape><v:textbox><w:txbxContent>"
             f"<w:p>{run(TITLE)}</w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>")
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    for footer in (section.footer, section.even_page_footer):
        set_runs(footer.paragraphs[0]._p, text_box(field("PAGE  \\* MERGEFORMAT", "1")))  # WPS's page number
    saved_by_wps(document, tmp_path / "wps.docx")
    folder = tmp_path / "import"
    folder.mkdir()
    assert result_of(import_new(tmp_path / "wps.docx", folder, "jy")) == (filing(), [], (
        TEXT_BOXES, "页脚 文本框2 第1段是页码“1”，不是原表的内容，没有读入。"))


def test_table_of_contents_in_its_content_control_is_listed_as_the_contents(tmp_path):
    """A report's table of contents repeats its headings (with page numbers): read, it would start parts twice."""
    blocks = form()
    blocks[:0] = [FormText("目录"), FormText("")]
    document = drawn(tmp_path, blocks)
    heading, entry = (p._p for p in document.paragraphs[:2])
    set_runs(entry, '<w:hyperlink w:anchor="_Toc1">' + run("一、部门整体绩效目标") + "<w:r><w:tab/></w:r>"
             + field("PAGEREF _Toc1 \\h", "2") + "</w:hyperlink>")
    control = xml('<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
                  "</w:docPartObj></w:sdtPr><w:sdtContent/></w:sdt>")
    heading.addprevious(control)
    control.find(qn("w:sdtContent")).extend([heading, entry])
    assert result_of(imported(tmp_path, document)) == (filing(), [
        ("第1段", "目录", CONTENTS_REASON), ("第2段", "一、部门整体绩效目标\t2", CONTENTS_REASON)], ())


def test_footnotes_are_listed_and_comments_said(tmp_path):
    """A footnote is shown at the foot of the page, apart from the form: listed 未放入. A comment is a reviewer's."""
    document = drawn(tmp_path)
    value = document.tables[1].rows[2].cells[3].paragraphs[0]
    document.add_comment(value.runs, text="数字待核实", author="李四")
    set_runs(value._p, run("≥1200人") + '<w:r><w:footnoteReference w:id="1"/></w:r>')
    notes = xml('<w:footnotes><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
                f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>{run(" 含寄宿生。")}</w:p>'
                "</w:footnote></w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, etree.tostring(notes), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)
    assert result_of(imported(tmp_path, document)) == (filing(), [("脚注1", "含寄宿生。", NOTE_REASON)], (
        "文档中有 1 条批注；批注不是原表的内容，没有读入。请在 Word 中查看批注，核对其中提到的地方。",))


# --- 9. symbols of a symbol font -----------------------------------------------------------------------------------------

def test_tick_boxes_inserted_from_a_symbol_font_read_as_the_boxes_they_show(tmp_path: Path) -> None:
    """"项目属性：☑新增项目 □延续项目" typed with 插入 → 符号 is w:sym in Wingdings: the boxes were dropped, leaving
    "新增项目 延续项目" (which one was ticked, lost). A symbol no character is known for is said in a remark."""
    document = docx.Document()
    paragraph = document.add_paragraph("项目属性：")
    for font, code, text in (("Wingdings", "F0FE", "新增项目 "), ("Wingdings 2", "F0A3", "延续项目 "), ("Symbol", "F0B7", "其他")):
        paragraph.add_run()._r.append(parse_xml(f'<w:sym xmlns:w="{NAMESPACES["w"]}" w:font="{font}" w:char="{code}"/>'))
        paragraph.add_run(text)
    document.save(tmp_path / "symbols.docx")
    read = read_document(tmp_path / "symbols.docx")
    assert [block.text for block in read.blocks] == ["项目属性：☑新增项目 □延续项目 其他"]
    assert read.remarks == ("文档中有 1 个用符号字体（Wingdings 等）插入的符号认不出是什么字符，没有读入；"
                            "请对照原表核对（如勾选框“☑”“□”），需要时手工录入。",)
