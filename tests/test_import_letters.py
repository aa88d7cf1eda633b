"""`gongkai import` of the documents around the forms that say what kind of filing it is and when.

A 财政局's 批复 as departments receive and publish it: its 文号, title, addressee, body, 附件 lines, the issuing body
and date that sign it, then the approved forms; a department's dated 公开说明; a 公开 page's 发布日期 line; a 申报表's
填报日期. Drawn with the tests/forms helpers and put into Word, PDF, HTML and copied text.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.importing.document import ImportFailure
from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import write

TITLE = "关于批复2026年部门预算绩效目标的通知"
GOAL = "全面提升公共法律服务水平。"
FORMS_TITLE = "2026年部门整体绩效目标表"


def forms(name: bool = True) -> list[FormBlock]:
    """The approved form: its title, unit, the department's name (or none), overall goal and indicators."""
    table = FormTable()
    if name:
        table.add("部门（单位）名称", ("某县司法局", 3))
    table.add("年度总体目标", (GOAL, 3))
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    table.add("产出指标", "数量指标", "法律援助案件量", "≥100件")
    return [FormText(FORMS_TITLE), FormText("金额单位：万元"), table]


def letter(title: str = TITLE, number: str = "某财预〔2026〕3号", body: tuple[str, ...] = (),
           name: bool = True) -> list[FormBlock]:
    body = body or ("经研究，现将你单位2026年部门整体绩效目标批复如下：", "一、请严格按照批复的绩效目标组织实施。",
                    "二、请按规定在20日内向社会公开。")
    return [FormText(title), FormText(number), FormText("县司法局："), *map(FormText, body),
            FormText(f"附件：{FORMS_TITLE}"), FormText("某县财政局"), FormText("2026年1月20日"), *forms(name)]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str = "docx", year: int | None = None) -> ImportResult:
    """Imported with neither --kind nor --year: what the document says is all there is."""
    return import_new(write(blocks, tmp_path / f"原文.{suffix}"), tmp_path, "sfj", kind=None, year=year)


def body_reason(title: str = TITLE) -> str:
    return f"公文“{title}”的正文，不是绩效目标表的内容（不是部门的职能、目标或指标），文件格式中没有对应的字段，未录入"


def signer_reason(title: str = TITLE) -> str:
    return f"公文“{title}”落款的单位“某县财政局”；发文机关不是本文件的部门（部门是收文单位或表中的部门名称），未录入"


def approved_note(title: str = TITLE) -> dict[str, str]:
    return {"field": "approved_on",
            "text": f"原文没有“批复日期”一栏；编者取公文“{title}”落款的日期“2026年1月20日”作为批复日期。"}


def assert_checked(result: ImportResult) -> None:
    assert result.check.errors == []


# --- a 批复 as the department publishes it --------------------------------------------------------

@pytest.mark.parametrize("suffix", ["docx", "pdf", "html", "txt"])
def test_approval_letter_gives_kind_number_and_date(tmp_path: Path, suffix: str) -> None:
    result = run(letter(), tmp_path, suffix)
    filing = result.filing
    assert (filing["kind"], filing["title"], filing["document_number"]) == ("批复", TITLE, "某财预〔2026〕3号")
    assert filing["approved_on"] == dt.date(2026, 1, 20)
    assert "published_on" not in filing and "filed_on" not in filing
    assert filing["notes"] == [approved_note()]
    assert filing["department"]["name"] == "某县司法局"  # the form's name, not the issuing body
    assert filing["overall_goal"] == GOAL and "functions" not in filing and "sections" not in filing
    assert [goal.get("text") for goal in filing["goals"]] == [None]
    assert not_placed(result) == [
        ("经研究，现将你单位2026年部门整体绩效目标批复如下：", body_reason()),
        ("一、请严格按照批复的绩效目标组织实施。", body_reason()),
        ("二、请按规定在20日内向社会公开。", body_reason()),
        (f"附件：{FORMS_TITLE}", f"公文“{TITLE}”所列的附件名称，不是绩效目标的内容，未录入（附件中的表格照常读入）"),
        ("某县财政局", signer_reason()),
        (FORMS_TITLE, f"另一张表的标题；文件中文件名称只有一处，已按原表的“{TITLE}”录入，这一行未录入")]
    assert_checked(result)


@pytest.mark.parametrize("number", ["某财绩[2026]12号", "某财预（2026）3号", "某财预〔2026〕第3号", "某财绩［2026］12号"])
def test_document_number_is_kept_verbatim_with_any_brackets(tmp_path: Path, number: str) -> None:
    result = run(letter(number=number), tmp_path, "txt")
    assert result.filing["document_number"] == number
    assert number not in [text for text, _ in not_placed(result)]


def test_number_before_the_title_opens_the_letter_too(tmp_path: Path) -> None:
    blocks = letter()
    blocks[0], blocks[1] = blocks[1], blocks[0]
    result = run(blocks, tmp_path)
    assert (result.filing["document_number"], result.filing["title"], result.filing["kind"]) == \
        ("某财预〔2026〕3号", TITLE, "批复")
    assert result.filing["approved_on"] == dt.date(2026, 1, 20)


def test_handed_down_goals_are_a_approval_with_a_note(tmp_path: Path) -> None:
    """"关于下达…的通知" of the 财政局: 批复 as the content format defines it; the judgement is said in a note. The body's
    "年度目标：…" is the issuing body's sentence, not a goal of the department."""
    title = "某县财政局关于下达2026年部门整体绩效目标的通知"
    result = run(letter(title, body=("现将你单位2026年部门整体绩效目标下达给你们，请遵照执行。", "年度目标：完成全年任务。")),
                 tmp_path)
    filing = result.filing
    assert filing["kind"] == "批复" and filing["approved_on"] == dt.date(2026, 1, 20)
    assert filing["notes"] == [approved_note(title), {
        "field": "kind", "text": f"原文是财政部门下达绩效目标的公文“{title}”；财政部门批复或下达的绩效目标，"
                                 "本网站都列为批复。"}]
    assert [goal.get("text") for goal in filing["goals"]] == [None]
    assert ("年度目标：完成全年任务。", body_reason(title)) in not_placed(result)
    assert filing["department"]["name"] == "某县司法局"
    assert_checked(result)


def test_approval_of_a_request_is_an_approval(tmp_path: Path) -> None:
    """The 批复 may name the 申报 it answers: the letter's own kind decides, not the first word of the title."""
    title = "关于2026年部门整体绩效目标申报的批复"
    assert run(letter(title), tmp_path).filing["kind"] == "批复"


def test_addressee_names_the_department_when_the_form_does_not(tmp_path: Path) -> None:
    """No 部门名称 in the form: the addressee is the department; the issuing body before 关于 in the title is not."""
    title = "某县财政局关于下达2026年部门整体绩效目标的批复"
    result = run(letter(title, name=False), tmp_path, "txt")
    assert result.filing["department"]["name"] == "县司法局"
    assert {"field": "department.name", "text": f"原表没有写部门名称的栏目；编者取公文“{title}”的收文单位“县司法局”"
                                                "作为部门名称。"} in result.filing["notes"]
    assert "县司法局：" not in [text for text, _ in not_placed(result)]
    assert_checked(result)


def test_addressee_of_another_department_is_listed(tmp_path: Path) -> None:
    blocks = letter()
    blocks[2] = FormText("县公安局：")
    result = run(blocks, tmp_path)
    assert result.filing["department"]["name"] == "某县司法局"
    assert ("县公安局：", f"公文“{TITLE}”的收文单位“县公安局”与表中的部门名称“某县司法局”不同；部门名称按表中录入，"
                         "这一行未录入，请核对") in not_placed(result)


def test_signature_on_one_line_gives_the_date_and_lists_the_issuer(tmp_path: Path) -> None:
    blocks = [block for block in letter() if not (isinstance(block, FormText) and block.text == "某县财政局")]
    index = next(i for i, b in enumerate(blocks) if isinstance(b, FormText) and b.text == "2026年1月20日")
    blocks[index] = FormText("某县财政局 2026年1月20日")
    result = run(blocks, tmp_path, "txt")
    assert result.filing["approved_on"] == dt.date(2026, 1, 20)
    assert ("某县财政局 2026年1月20日", f"{signer_reason()}；这一行的日期已录入为批复日期") in not_placed(result)


def test_approval_date_label_stands_over_the_signature(tmp_path: Path) -> None:
    blocks = letter()
    blocks.insert(2, FormText("批复日期：2026年1月18日"))
    result = run(blocks, tmp_path)
    assert result.filing["approved_on"] == dt.date(2026, 1, 18)
    assert approved_note() not in result.filing.get("notes", [])
    assert ("2026年1月20日", "落款的日期与原文的“批复日期”不一致；已按“批复日期”录入，这一行未录入，请核对") \
        in not_placed(result)


# --- 公开 and 申报 ---------------------------------------------------------------------------------

def test_dated_publication_note_gives_published_on(tmp_path: Path) -> None:
    title = "关于2026年部门整体绩效目标的公开说明"
    blocks = [FormText(title), FormText("根据《政府信息公开条例》，现将我局2026年部门整体绩效目标公开如下："),
              FormText("某县司法局"), FormText("2026年2月1日"), *forms()]
    result = run(blocks, tmp_path, "html")
    filing = result.filing
    assert (filing["kind"], filing["title"], filing["published_on"]) == ("公开", title, dt.date(2026, 2, 1))
    assert "approved_on" not in filing and "document_number" not in filing
    assert filing["notes"] == [{"field": "published_on", "text": f"原文没有“公开日期”一栏；编者取公文“{title}”落款的"
                                                                 "日期“2026年2月1日”作为公开日期。"}]
    assert not_placed(result)[:2] == [
        ("根据《政府信息公开条例》，现将我局2026年部门整体绩效目标公开如下：", body_reason(title)),
        ("某县司法局", f"公文“{title}”落款的单位“某县司法局”；文件格式中没有落款的字段，未录入")]
    assert_checked(result)


@pytest.mark.parametrize("line", ["公开日期：2026年2月1日", "发布日期：2026-02-01"])
def test_publication_date_line_gives_published_on(tmp_path: Path, line: str) -> None:
    result = run([FormText("某县司法局2026年部门整体绩效目标公开"), FormText(line), *forms()[1:]], tmp_path, "txt")
    assert result.filing["published_on"] == dt.date(2026, 2, 1) and result.filing["kind"] == "公开"
    assert not_placed(result) == []


def test_date_line_that_says_more_is_listed_not_read(tmp_path: Path) -> None:
    """"发布日期：… 来源：… 浏览次数：…" of a web page: reading the date alone would drop the rest unseen."""
    line = "发布日期：2026-02-01  来源：某县司法局  浏览次数：123"
    result = run([FormText("某县司法局2026年部门整体绩效目标公开"), FormText(line), *forms()[1:]], tmp_path, "txt")
    assert "published_on" not in result.filing
    assert not_placed(result) == [(line, "未识别的段落")]


def test_request_form_gives_filed_on(tmp_path: Path) -> None:
    blocks = [FormText("2026年部门整体绩效目标申报表"), FormText("填报日期：2025年12月30日"), *forms()[1:]]
    result = run(blocks, tmp_path, "docx")
    assert (result.filing["kind"], result.filing["filed_on"]) == ("申报", dt.date(2025, 12, 30))
    assert "approved_on" not in result.filing and not_placed(result) == []


def test_a_sentence_that_says_approved_is_no_title_and_no_kind(tmp_path: Path) -> None:
    """Only the document's title says its kind: a sentence mentioning 批复 is neither the title nor the kind."""
    sentence = "经研究，现将你单位2026年部门整体绩效目标批复如下："
    result = run([FormText(sentence), *forms()[1:]], tmp_path, "txt", year=2026)
    filing = result.filing
    assert filing["kind"] == "公开" and filing["title"] == "2026年度绩效目标"
    assert {"field": "kind", "text": "原文未写明是申报、批复还是公开文件；编者按公开文件录入。"} in filing["notes"]
    assert not_placed(result) == [(sentence, "未识别的段落")]


def test_issuing_body_in_the_title_is_never_the_department(tmp_path: Path) -> None:
    """No 部门名称 and no addressee: "某县财政局关于下达…" names the issuing body, so the import asks for the department."""
    blocks = [b for b in letter("某县财政局关于下达2026年部门整体绩效目标的通知", name=False)
              if not (isinstance(b, FormText) and b.text == "县司法局：")]
    with pytest.raises(ImportFailure, match="原文没有部门名称"):
        run(blocks, tmp_path)
