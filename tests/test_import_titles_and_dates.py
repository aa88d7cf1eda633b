"""`gongkai import` of what a title, a date line and the letters around a form say, as departments write them.

A title may put the year first and the department after it ("2026年某县交通运输局部门预算公开"); dates are signed
in Chinese numerals ("二〇二六年一月二十日"); a letter stands under its letterhead ("某县财政局文件"), and a department
sends its goals up with its own cover report ("某县司法局关于报送…的报告"); text copied from a portal page carries the
page's menus, tools and footer. Drawn with the tests/forms helpers and put into Word, HTML and copied text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importing.department import department_in_title
from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import write

GOAL = "全面提升公共法律服务水平。"
FORMS_TITLE = "2026年部门整体绩效目标表"
APPROVAL = "关于批复2026年部门预算绩效目标的通知"
REPORT = "某县司法局关于报送2026年部门整体绩效目标的报告"
IMPOSSIBLE = "不是日历上实有的日期，导入不猜测原意，未录入，请核对原表"


def form(name: bool = True, rows: tuple[tuple[str, str], ...] = ()) -> FormTable:
    """The department's form: its name (or none), any label rows, the overall goal and one indicator."""
    table = FormTable()
    if name:
        table.add("部门（单位）名称", ("某县司法局", 3))
    for label, value in rows:
        table.add(label, (value, 3))
    table.add("年度总体目标", (GOAL, 3))
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "法律援助案件量", "≥100件")
    return table


def titled(title: str, *lines: str, name: bool = True) -> list[FormBlock]:
    return [FormText(title), *map(FormText, lines), FormText("金额单位：万元"), form(name)]


def approval(*head: str, date: str = "2026年1月20日") -> list[FormBlock]:
    """A 财政局's 批复 under its letterhead (`head`), signed on `date`, with the approved form."""
    return [*map(FormText, head), FormText(APPROVAL), FormText("某财预〔2026〕3号"), FormText("县司法局："),
            FormText("经研究，现将你单位2026年部门整体绩效目标批复如下："), FormText("某县财政局"), FormText(date),
            *titled(FORMS_TITLE)]


def report(title: str = REPORT, name: bool = False, date: str = "2025年12月30日") -> list[FormBlock]:
    """A department's cover report to the 财政局 over its own form."""
    return [FormText(title), FormText("县财政局："), FormText("现将我局2026年部门整体绩效目标报送如下，请审核。"),
            FormText(f"附件：{FORMS_TITLE}"), FormText("某县司法局"), FormText(date), *titled(FORMS_TITLE, name=name)]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str = "docx") -> ImportResult:
    """Imported with neither --kind nor --year: what the document says is all there is."""
    return import_new(write(blocks, tmp_path / f"原文.{suffix}"), tmp_path, "sfj", kind=None, year=None)


def letter_reason(title: str, what: str) -> str:
    return f"公文“{title}”{what}"


def body_reason(title: str) -> str:
    return letter_reason(title, "的正文，不是绩效目标表的内容（不是部门的职能、目标或指标），文件格式中没有对应的字段，未录入")


def signer_reason(title: str, signer: str, why: str) -> str:
    return letter_reason(title, f"落款的单位“{signer}”；{why}，未录入")


def letterhead_reason(text: str) -> str:
    return letter_reason(APPROVAL, f"的版头（发文机关标志“{text}”），不是绩效目标的内容，文件格式中没有对应的字段，未录入")


def other_title(title: str) -> tuple[str, str]:
    return FORMS_TITLE, f"另一张表的标题；文件中文件名称只有一处，已按原表的“{title}”录入，这一行未录入"


# --- 1. the department named after the title's year ------------------------------------------------

@pytest.mark.parametrize("suffix", ["docx", "txt", "html"])
@pytest.mark.parametrize("title, name", [
    ("2026年某县交通运输局部门预算公开", "某县交通运输局"),
    ("2026年度某县农业农村局部门整体支出绩效目标表", "某县农业农村局"),
])
def test_year_first_title_names_the_department_after_the_year(tmp_path: Path, suffix: str, title: str,
                                                              name: str) -> None:
    result = run(titled(title, name=False), tmp_path, suffix)
    filing = result.filing
    assert (filing["department"]["name"], filing["title"], filing["fiscal_year"]) == (name, title, 2026)
    assert filing["notes"][0] == {"field": "department.name", "text": f"原表没有写部门名称的栏目；标题为“{title}”，"
                                                                      f"编者取标题中年度后的“{name}”作为部门名称。"}
    assert not_placed(result) == []
    assert result.check.errors == []


@pytest.mark.parametrize("title, name", [
    ("2026年某县交通运输局部门预算公开", "某县交通运输局"),
    ("2026年度某县农业农村局部门整体支出绩效目标表", "某县农业农村局"),
    ("2026年度中共某县委宣传部部门整体支出绩效目标表", "中共某县委宣传部"),
    ("2026年某县教育局项目支出绩效目标表", "某县教育局"),
    ("2026年 某县发展和改革委员会部门预算", "某县发展和改革委员会"),
    ("2026年度部门整体绩效目标表", None),  # 部门整体 is the form's word, no department
    ("2026年部门预算项目支出表", None),
    ("2026年度县级部门预算公开", None),  # a level, not a body
    ("2026年度全县部门预算公开", None),
    ("2025年行政复议专项工作经费绩效目标表", None),  # a project's title
    ("2026年度项目支出绩效目标表", None),
    ("关于2026年某县司法局部门整体绩效目标的批复", None),  # a letter's title: the letter says who is addressed
])
def test_which_year_first_titles_name_the_department(title: str, name: str | None) -> None:
    assert department_in_title(title) == name


def test_year_first_title_without_a_department_still_stops(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="原文没有部门名称"):
        run(titled("2026年度部门整体绩效目标表", name=False), tmp_path, "txt")
    assert not (tmp_path / "out.yml").exists()


def test_the_forms_own_name_row_stands_over_the_title(tmp_path: Path) -> None:
    result = run(titled("2026年某县交通运输局部门预算公开"), tmp_path, "txt")
    assert result.filing["department"]["name"] == "某县司法局"
    assert [note for note in result.filing.get("notes", []) if note["field"] == "department.name"] == []


# --- 2. dates in Chinese numerals, and dates that are no day ----------------------------------------

@pytest.mark.parametrize("written", ["二〇二六年一月二十日", "二○二六年元月二十日", "二O二六年一月二十日",
                                     "2026年一月二十日", "二〇二六年1月20日"])
@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_filing_date_line_in_numerals_is_read_and_kept_in_a_note(tmp_path: Path, written: str, suffix: str) -> None:
    result = run(titled("2026年部门整体绩效目标申报表", f"填报日期：{written}"), tmp_path, suffix)
    filing = result.filing
    assert (filing["kind"], filing["filed_on"]) == ("申报", dt.date(2026, 1, 20))
    assert filing["notes"] == [{"field": "filed_on", "text": f"原表“填报日期”写作“{written}”；编者读作 2026-01-20。"}]
    assert not_placed(result) == []
    assert result.check.errors == []


def test_date_in_figures_needs_no_note(tmp_path: Path) -> None:
    result = run(titled("2026年部门整体绩效目标申报表", "填报日期：2026年1月20日"), tmp_path, "txt")
    assert result.filing["filed_on"] == dt.date(2026, 1, 20)
    assert "notes" not in result.filing and not_placed(result) == []


def test_filing_date_cell_in_numerals(tmp_path: Path) -> None:
    """"填报日期 | 二〇二五年十二月三十日" as two cells of the form."""
    blocks = [FormText("2026年部门整体绩效目标申报表"), FormText("金额单位：万元"),
              form(rows=(("填报日期", "二〇二五年十二月三十日"),))]
    result = run(blocks, tmp_path, "docx")
    assert result.filing["filed_on"] == dt.date(2025, 12, 30)
    assert result.filing["notes"] == [{"field": "filed_on", "text": "原表“填报日期”写作“二〇二五年十二月三十日”；"
                                                                    "编者读作 2025-12-30。"}]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", ["docx", "txt", "html"])
@pytest.mark.parametrize("written", ["二〇二六年一月二十日", "二○二六年元月二十日"])
def test_letter_signed_in_numerals_gives_the_date(tmp_path: Path, suffix: str, written: str) -> None:
    result = run(approval(date=written), tmp_path, suffix)
    filing = result.filing
    assert (filing["kind"], filing["approved_on"]) == ("批复", dt.date(2026, 1, 20))
    assert filing["notes"] == [{"field": "approved_on", "text": f"原文没有“批复日期”一栏；编者取公文“{APPROVAL}”落款的日期"
                                                                f"“{written}”（即 2026-01-20）作为批复日期。"}]
    assert written not in [text for text, _ in not_placed(result)]
    assert result.check.errors == []


def test_signature_and_numeral_date_on_one_line(tmp_path: Path) -> None:
    blocks = [block for block in approval() if not (isinstance(block, FormText) and block.text == "某县财政局")]
    index = next(i for i, b in enumerate(blocks) if isinstance(b, FormText) and b.text == "2026年1月20日")
    blocks[index] = FormText("某县财政局 二〇二六年一月二十日")
    result = run(blocks, tmp_path, "txt")
    assert result.filing["approved_on"] == dt.date(2026, 1, 20)
    why = "发文机关不是本文件的部门（部门是收文单位或表中的部门名称）"
    assert ("某县财政局 二〇二六年一月二十日", f"{signer_reason(APPROVAL, '某县财政局', why)}；这一行的日期已录入为批复日期") \
        in not_placed(result)


@pytest.mark.parametrize("written", ["2026年2月30日", "二〇二六年二月三十日", "二〇二六年十三月一日"])
def test_no_day_of_the_calendar_is_guessed_on_a_date_line(tmp_path: Path, written: str) -> None:
    result = run(titled("2026年部门整体绩效目标申报表", f"填报日期：{written}"), tmp_path, "txt")
    assert "filed_on" not in result.filing
    assert not_placed(result) == [(f"填报日期：{written}", f"日期“{written}”{IMPOSSIBLE}")]


def test_no_day_of_the_calendar_is_guessed_in_a_cell(tmp_path: Path) -> None:
    blocks = [FormText("2026年部门整体绩效目标申报表"), FormText("金额单位：万元"), form(rows=(("填报日期", "2025年11月31日"),))]
    result = run(blocks, tmp_path, "docx")
    assert "filed_on" not in result.filing
    assert not_placed(result) == [("填报日期", "未识别的单元格"), ("2025年11月31日", f"日期“2025年11月31日”{IMPOSSIBLE}")]


def test_no_day_of_the_calendar_is_guessed_on_a_letter(tmp_path: Path) -> None:
    result = run(approval(date="二〇二六年二月三十日"), tmp_path, "docx")
    assert "approved_on" not in result.filing
    assert ("二〇二六年二月三十日", letter_reason(APPROVAL, f"落款的日期“二〇二六年二月三十日”{IMPOSSIBLE}")) \
        in not_placed(result)


# --- 3. the letterhead, and a department's own cover report ------------------------------------------

@pytest.mark.parametrize("head", [("某县财政局文件",), ("某 县 财 政 局 文 件",), ("某县财政局",)])
@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_letterhead_is_the_letters(tmp_path: Path, head: tuple[str, ...], suffix: str) -> None:
    """"某县财政局文件" says it is a letterhead; the body's name alone is the letter's issuer (it signs the letter)."""
    result = run(approval(*head), tmp_path, suffix)
    assert result.filing["kind"] == "批复" and result.filing["department"]["name"] == "某县司法局"
    assert not_placed(result) == [
        (head[0], letterhead_reason(head[0])),
        ("经研究，现将你单位2026年部门整体绩效目标批复如下：", body_reason(APPROVAL)),
        ("某县财政局", signer_reason(APPROVAL, "某县财政局", "发文机关不是本文件的部门（部门是收文单位或表中的部门名称）")),
        other_title(APPROVAL)]


def test_a_line_above_the_letter_that_is_no_letterhead_stays_unrecognised(tmp_path: Path) -> None:
    """Only what names the issuing body (or says 文件) is its letterhead: another line above is not guessed to be."""
    result = run(approval("某县司法局"), tmp_path, "txt")
    assert not_placed(result)[0] == ("某县司法局", "未识别的段落")


@pytest.mark.parametrize("suffix", ["docx", "txt", "html"])
def test_cover_report_is_a_request_sent_by_the_department(tmp_path: Path, suffix: str) -> None:
    result = run(report(), tmp_path, suffix)
    filing = result.filing
    assert (filing["kind"], filing["title"], filing["filed_on"]) == ("申报", REPORT, dt.date(2025, 12, 30))
    assert "approved_on" not in filing and "published_on" not in filing
    assert filing["department"]["name"] == "某县司法局"
    assert filing["notes"] == [
        {"field": "filed_on", "text": f"原文没有“填报日期”一栏；编者取公文“{REPORT}”落款的日期“2025年12月30日”作为填报日期。"},
        {"field": "department.name", "text": f"原表没有写部门名称的栏目；编者取公文“{REPORT}”标题中的报送单位“某县司法局”"
                                             "作为部门名称。"},
        {"field": "kind", "text": f"原文是部门向财政部门报送绩效目标的公文“{REPORT}”；编者按申报录入。"}]
    assert not_placed(result) == [
        ("县财政局：", letter_reason(REPORT, "的收文单位“县财政局”是报告的接收机关，不是本文件的部门，未录入")),
        ("现将我局2026年部门整体绩效目标报送如下，请审核。", body_reason(REPORT)),
        (f"附件：{FORMS_TITLE}", letter_reason(REPORT, "所列的附件名称，不是绩效目标的内容，未录入（附件中的表格照常读入）")),
        ("某县司法局", signer_reason(REPORT, "某县司法局", "文件格式中没有落款的字段")),
        other_title(REPORT)]
    assert result.check.errors == []


def test_cover_report_with_the_forms_name(tmp_path: Path) -> None:
    """The form names the department: the name stands; the addressee is still the 财政局, never the department."""
    result = run(report(name=True), tmp_path, "txt")
    assert result.filing["department"]["name"] == "某县司法局"
    assert [note["field"] for note in result.filing["notes"]] == ["filed_on", "kind"]
    assert ("县财政局：", letter_reason(REPORT, "的收文单位“县财政局”是报告的接收机关，不是本文件的部门，未录入")) \
        in not_placed(result)


def test_cover_report_without_a_sender_in_its_title_is_named_by_its_signer(tmp_path: Path) -> None:
    title = "关于2026年部门整体绩效目标申报的报告"
    result = run(report(title, date="二〇二五年十二月三十日"), tmp_path, "docx")
    filing = result.filing
    assert (filing["kind"], filing["filed_on"], filing["department"]["name"]) == \
        ("申报", dt.date(2025, 12, 30), "某县司法局")
    assert filing["notes"] == [  # the title says 申报 itself: no note on the kind
        {"field": "filed_on", "text": f"原文没有“填报日期”一栏；编者取公文“{title}”落款的日期“二〇二五年十二月三十日”"
                                      "（即 2025-12-30）作为填报日期。"},
        {"field": "department.name", "text": f"原表没有写部门名称的栏目；编者取公文“{title}”落款的单位“某县司法局”作为部门名称。"}]


# --- 4. a portal page's furniture in copied text ----------------------------------------------------

FURNITURE = ("当前位置：首页 > 信息公开 > 预算公开", "【字体：大 中 小】", "【打印本页】【关闭窗口】", "相关文章",
             "版权所有：某县人民政府  网站标识码：1234567890  鄂ICP备12345678号", "主办单位：某县人民政府办公室")


def test_copied_portal_page_furniture_is_left_out_with_one_remark(tmp_path: Path) -> None:
    blocks = [FormText(FURNITURE[0]), FormText("某县司法局2026年部门整体绩效目标公开"), FormText(FURNITURE[1]),
              FormText("金额单位：万元"), form(), *map(FormText, FURNITURE[2:])]
    result = run(blocks, tmp_path, "txt")
    filing = result.filing
    assert (filing["title"], filing["kind"], filing["department"]["name"]) == \
        ("某县司法局2026年部门整体绩效目标公开", "公开", "某县司法局")
    assert filing["overall_goal"] == GOAL and "notes" not in filing
    assert not_placed(result) == []
    assert result.imported.remarks == (
        "网页中的导航、栏目位置、打印分享、相关文章链接和页脚等网站界面文字共 6 段（如“当前位置：首页 > 信息公开 > 预算公”"
        "“【字体：大 中 小】”“【打印本页】【关闭窗口】”），不是原表的内容，未读入，也不列在“未放入”中。",)


def test_furniture_words_inside_a_table_are_never_left_out(tmp_path: Path) -> None:
    """A row of cells (Tab-separated) is a table's: its cells are listed as ever, even where they read like a footer;
    the line of page tools above it is left out."""
    footer = FormTable()
    footer.add("版权所有：某县人民政府", "网站标识码：1234567890")
    blocks = [*titled("某县司法局2026年部门整体绩效目标公开"), FormText("【打印本页】【关闭窗口】"), footer]
    result = run(blocks, tmp_path, "txt")
    assert not_placed(result) == [("版权所有：某县人民政府", "未识别的单元格"), ("网站标识码：1234567890", "未识别的单元格")]
    assert result.imported.remarks == (
        "网页中的导航、栏目位置、打印分享、相关文章链接和页脚等网站界面文字共 1 段（如“【打印本页】【关闭窗口】”），"
        "不是原表的内容，未读入，也不列在“未放入”中。",)


def test_lines_that_only_mention_the_words_are_kept(tmp_path: Path) -> None:
    """Breadcrumbs and tools must be the whole line: a sentence that says 首页 or 打印 is text, listed for checking."""
    line = "请将本表打印后盖章报送首页所列单位"
    result = run([*titled("某县司法局2026年部门整体绩效目标公开"), FormText(line)], tmp_path, "txt")
    assert not_placed(result) == [(line, "未识别的段落")]
    assert result.imported.remarks == ()
