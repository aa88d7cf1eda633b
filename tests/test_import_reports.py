"""`gongkai import` of the 部门预算公开 report the goals are published in, as departments write it in Word.

The report is a narrative document: numbered part and chapter headings (第一部分 部门概况 / 一、部门职责 …),
the department's goals as numbered paragraphs ("目标1：…", "1.…") with indicator tables in between, project goals,
and chapters on budget matters that are not the performance filing (三公经费, 政府采购, 国有资产, 名词解释),
with the list of attachments. It is drawn once (tests/forms helpers) and written as .docx, as text copied from
the page and as HTML; the seeds' own text exports, changed the way another department's would be, import as
the seeds do. The performance content goes to its fields; the rest is listed 未放入 with a reason that says why.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import as_written, write

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "content" / "sources"
FORMATS = ["docx", "txt", "html"]

TITLE = "某县交通运输局2026年部门预算公开"
OUTSIDE = "属于部门预算公开中“{}”这部分，不是绩效目标的内容，文件格式中没有对应的字段，未录入"
APPARATUS = "报告的目录或附件名称，不是绩效目标的内容，未录入"
ABOVE_TABLE = "原文以编号段落写出此目标，指标表紧接其后；编者把这一段读作该表所属目标的内容。"


def indicators(*rows: tuple[str, str, str, str]) -> FormTable:
    table = FormTable()
    table.add("一级指标", "二级指标", "三级指标", "指标值")
    for row in rows:
        table.add(*row)
    return table


def overview() -> list[FormBlock]:
    """第一部分 部门概况: 部门职责 (the filing's functions) and 机构设置 (a chapter of its own)."""
    return [FormText(TITLE), FormText("目录"), FormText("第一部分 部门概况"), FormText("一、部门职责"),
            FormText("（一）贯彻执行国家和省、市有关交通运输的方针政策。"), FormText("（二）负责全县公路、水路交通行业管理。"),
            FormText("二、机构设置"), FormText("本部门内设机构5个，下属事业单位2个。")]


BUDGET_CHAPTERS = [("第二部分 2026年部门预算情况说明", None),
                   ("一、收支预算总体情况", "2026年收入预算总计1250.00万元，支出预算总计1250.00万元。"),
                   ("二、“三公”经费预算情况说明", "2026年“三公”经费预算数为12.50万元，比上年减少1.20万元。"),
                   ("三、政府采购预算情况", "2026年政府采购预算总额为45.00万元。"),
                   ("四、国有资产占用情况", "截至2025年底，本部门共有车辆3辆。")]
GLOSSARY = [FormText("第三部分 名词解释"), FormText("1.财政拨款收入：指县级财政当年拨付的资金。"),
            FormText("2.“三公”经费：指因公出国（境）费、公务用车购置及运行费和公务接待费。"),
            FormText("第四部分 附件"), FormText("附件1：部门收支总表"), FormText("附件2：部门收入总表")]


def budget_chapters() -> list[FormBlock]:
    return [FormText(line) for heading, text in BUDGET_CHAPTERS for line in (heading, text) if line]


def project() -> list[FormBlock]:
    return [FormText("六、项目绩效目标"), FormText("1.农村公路养护项目"), FormText("项目名称：农村公路养护"),
            FormText("项目金额：120.00万元"), FormText("年度目标：完成农村公路日常养护300公里。"),
            indicators(("产出指标", "数量指标", "养护里程", "300公里"))]


def report(goals: list[FormBlock]) -> list[FormBlock]:
    """The whole report: overview, the budget chapters, the goal chapter (`goals`), a project, glossary, 附件."""
    return [*overview(), *budget_chapters(), FormText("五、部门整体绩效目标"), *goals, *project(), *GLOSSARY]


def run(blocks: list[FormBlock], tmp_path: Path, suffix: str) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"部门预算公开.{suffix}"), tmp_path, "jtys", year=None)


def outside_report() -> list[tuple[str, str]]:
    """What the report lists of the budget chapters, glossary and 附件 (the bare part heading 第四部分 is placed)."""
    listed = [(line, OUTSIDE.format(heading)) for heading, text in BUDGET_CHAPTERS for line in (heading, text) if line]
    glossary = [(block.text, OUTSIDE.format("第三部分 名词解释")) for block in GLOSSARY[:3]]
    return [("目录", APPARATUS), *listed, *glossary, ("附件1：部门收支总表", APPARATUS), ("附件2：部门收入总表", APPARATUS)]


PROJECT = {"number": 1, "name": "农村公路养护", "budget": {"total": "120.00"},
           "goals": [{"id": "g1", "kind": "年度", "text": "完成农村公路日常养护300公里。",
                      "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "300公里"}]}],
           "notes": [{"field": "budget", "text": "原表的项目资金写在一行文字中：“项目金额：120.00万元”；编者据此录入项目金额 "
                                                 "120.00，金额照原文，单位为原文所写的万元。"}]}


# --- the report, in Word, as copied text and as a web page ---------------------------------------------

@pytest.mark.parametrize("suffix", FORMATS)
def test_goals_between_their_tables_and_the_budget_chapters_listed(tmp_path: Path, suffix: str) -> None:
    """"目标1：…" right above its indicator table is that table's goal (titled 目标1); the 三公经费, 政府采购,
    国有资产 and 收支预算 chapters, the glossary and the 附件 lines are listed with why, never made sections."""
    goals = [FormText("目标1：完成农村公路日常养护300公里。"),
             indicators(("产出指标", "数量指标", "农村公路养护里程", "≥300公里")),
             FormText("目标2：推进城乡客运一体化。"),
             indicators(("产出指标", "数量指标", "建制村通客车率", "100%"),
                        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"))]
    result = run(report(goals), tmp_path, suffix)
    filing = result.filing
    assert filing["title"] == TITLE and filing["fiscal_year"] == 2026
    assert filing["department"]["name"] == "某县交通运输局"
    assert filing["functions"] == "<p>（一）贯彻执行国家和省、市有关交通运输的方针政策。</p>\n<p>（二）负责全县公路、水路交通行业管理。</p>"
    assert filing["sections"] == [{"title": "二、机构设置", "text": "<p>本部门内设机构5个，下属事业单位2个。</p>"}]
    assert "overall_goal" not in filing
    assert filing["goals"] == [
        {"id": "g1", "kind": "年度", "title": "目标1", "text": "完成农村公路日常养护300公里。",
         "notes": [{"field": "text", "text": ABOVE_TABLE}],
         "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "农村公路养护里程", "value": "≥300公里"}]},
        {"id": "g2", "kind": "年度", "title": "目标2", "text": "推进城乡客运一体化。",
         "notes": [{"field": "text", "text": ABOVE_TABLE}],
         "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "建制村通客车率", "value": "100%"},
                        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%"}]}]
    assert as_written(filing["projects"]) == [PROJECT]
    assert filing["projects"][0]["budget"]["total"] == Decimal("120.00")
    assert not_placed(result) == outside_report()
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_goals_listed_before_one_table_stay_the_overall_goal(tmp_path: Path, suffix: str) -> None:
    """Numbered goals one after another, then one table: which goal the table measures the report does not say,
    so the paragraphs are the overall goal, kept paragraph by paragraph, and the table a goal of its own."""
    goals = [FormText("目标1：完成农村公路日常养护300公里。"), FormText("目标2：推进城乡客运一体化。"),
             indicators(("产出指标", "数量指标", "农村公路养护里程", "≥300公里"))]
    result = run(report(goals), tmp_path, suffix)
    assert result.filing["overall_goal"] == "<p>目标1：完成农村公路日常养护300公里。</p>\n<p>目标2：推进城乡客运一体化。</p>"
    assert result.filing["goals"] == [{"id": "g1", "kind": "年度", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "农村公路养护里程", "value": "≥300公里"}]}]
    assert not_placed(result) == outside_report()
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_numbered_paragraphs_above_their_tables_and_a_goal_without_one(tmp_path: Path, suffix: str) -> None:
    """"1.…" right above its table is that goal's whole text; an intro paragraph stays the overall goal; "目标3：…"
    after a goal's table, with no table of its own, is one more goal, said in its note."""
    goals = [FormText("2026年，我局围绕交通强县建设，确定以下绩效目标。"),
             FormText("1.完成农村公路日常养护300公里。"), indicators(("产出指标", "数量指标", "养护里程", "≥300公里")),
             FormText("2.推进城乡客运一体化。"), indicators(("产出指标", "数量指标", "通客车率", "100%")),
             FormText("目标3：安全生产形势持续稳定。")]
    result = run(report(goals), tmp_path, suffix)
    assert result.filing["overall_goal"] == "<p>2026年，我局围绕交通强县建设，确定以下绩效目标。</p>"
    assert result.filing["goals"] == [
        {"id": "g1", "kind": "年度", "text": "1.完成农村公路日常养护300公里。", "notes": [{"field": "text", "text": ABOVE_TABLE}],
         "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥300公里"}]},
        {"id": "g2", "kind": "年度", "text": "2.推进城乡客运一体化。", "notes": [{"field": "text", "text": ABOVE_TABLE}],
         "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "通客车率", "value": "100%"}]},
        {"id": "g3", "kind": "年度", "title": "目标3", "text": "安全生产形势持续稳定。", "notes": [
            {"field": "text", "text": "原文以编号段落写出此目标，前一个目标的指标表之后另起一段，后面没有指标表；"
                                      "编者读作又一个目标，没有指标。"}]}]
    assert not_placed(result) == outside_report()


@pytest.mark.parametrize("suffix", ["docx", "txt"])
def test_budget_chapters_after_the_projects_are_listed_too(tmp_path: Path, suffix: str) -> None:
    """The budget part after the project goals: still listed, not read as a project's or goal's text."""
    goals = [FormText("目标1：完成农村公路日常养护300公里。"), indicators(("产出指标", "数量指标", "养护里程", "≥300公里"))]
    blocks = [*overview(), FormText("三、部门整体绩效目标"), *goals, *project(), *budget_chapters(), *GLOSSARY]
    result = run(blocks, tmp_path, suffix)
    assert [goal.get("title") for goal in result.filing["goals"]] == ["目标1"]
    assert as_written(result.filing["projects"]) == [PROJECT]
    assert result.filing["sections"] == [{"title": "二、机构设置", "text": "<p>本部门内设机构5个，下属事业单位2个。</p>"}]
    assert not_placed(result) == outside_report()


# --- the seeds' text exports, as another department's report would have them ------------------------

def as_text(value: Any, *replacements: tuple[str, str]) -> Any:
    """Data with its amounts as written, and the seed's names and figures changed as in the variant."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for old, new in replacements:
        text = text.replace(old, new)
    return json.loads(text)


def seed_and_variant(tmp_path: Path, seed: str, title: str, change) -> tuple[ImportResult, ImportResult]:
    """The seed's text under a `title` line naming the department, as a report has, and the variant `change` makes."""
    original = SOURCES / seed
    text = f"{title}\n" + original.read_text(encoding="utf-8")
    results = []
    for name, body in (("seed", text), ("variant", change(text))):
        folder = tmp_path / name
        folder.mkdir()
        results.append(import_new(_written(folder / original.name, body), folder, name, year=None))
    return results[0], results[1]


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


LUNAN = (("路南", "路北"), ("3.47", "4.58"), ("≤127.5元", "≤130元"))


def test_lunan_report_with_budget_chapters_and_glossary(tmp_path: Path) -> None:
    """路南's text renamed, a figure and a value changed, 三公经费 and 政府采购 chapters before 第二部分, a glossary
    and an attachment after the projects: the filing is the seed's with those changes, the rest is listed."""
    def change(text: str) -> str:
        for old, new in LUNAN:
            text = text.replace(old, new)
        added = "四、“三公”经费预算情况说明\n2025年“三公”经费预算数为3.20万元。\n五、政府采购预算情况\n2025年无政府采购预算。\n"
        return text.replace("第二部分\n", added + "第二部分\n", 1) \
            + "第三部分 名词解释\n1.财政拨款收入：指区级财政当年拨付的资金。\n附件1：2025年部门收支总表\n"

    seed, variant = seed_and_variant(tmp_path, "003_95543d55ae7ca3fd.txt", "路南区司法局2025年部门预算公开", change)
    assert variant.filing["department"]["name"] == "路北区司法局" and variant.filing["fiscal_year"] == 2025
    # chapters whose titles name no budget matter stay the filing's sections
    assert [section["title"] for section in variant.filing["sections"]] == ["二、分项绩效目标", "三、工作保障措施"]
    for key in ("overall_goal", "sections", "projects"):
        assert as_text(variant.filing[key]) == as_text(seed.filing[key], *LUNAN)
    assert [len(p["goals"][0]["indicators"]) for p in variant.filing["projects"]] == [7, 9, 9, 7, 8, 9, 8, 9, 8]
    assert variant.filing["projects"][0]["budget"] == {"total": Decimal("4.58"), "fiscal": Decimal("4.58")}
    three, purchase = "四、“三公”经费预算情况说明", "五、政府采购预算情况"
    assert not_placed(variant) == not_placed(seed) + [
        (three, OUTSIDE.format(three)), ("2025年“三公”经费预算数为3.20万元。", OUTSIDE.format(three)),
        (purchase, OUTSIDE.format(purchase)), ("2025年无政府采购预算。", OUTSIDE.format(purchase)),
        ("第三部分 名词解释", OUTSIDE.format("第三部分 名词解释")),
        ("1.财政拨款收入：指区级财政当年拨付的资金。", OUTSIDE.format("第三部分 名词解释")),
        ("附件1：2025年部门收支总表", APPARATUS)]
    assert variant.check.errors == []


def test_yutian_report_with_a_budget_chapter_between_its_goal_chapters(tmp_path: Path) -> None:
    """玉田's text renamed, a 机关运行经费 chapter between 总体绩效目标 and 分项绩效目标 and a 国有资产 chapter
    before 第二部分: the prose goals, chapters and projects are the seed's, the two chapters are listed."""
    renamed = (("玉田", "丰润"),)

    def change(text: str) -> str:
        text = text.replace("玉田", "丰润").replace("第二部分\n", "四、国有资产占用情况\n截至2024年底，本部门共有车辆2辆。\n第二部分\n", 1)
        return text.replace(
            "[bookmark: _Toc_2_2_0000000002]二、分项绩效目标", "二、机关运行经费\n2025年机关运行经费预算为20.00万元。\n三、分项绩效目标")

    seed, variant = seed_and_variant(tmp_path, "004_878df4ebd272f24d.txt", "玉田县司法局2025年部门预算公开", change)
    for key in ("overall_goal", "sections", "projects"):
        assert as_text(variant.filing[key]) == as_text(seed.filing[key], *renamed)
    assert as_text(variant.filing["goals"]) == as_text(seed.filing["goals"], *renamed)
    assert [goal["title"] for goal in variant.filing["goals"]] == [
        "“法治宣传”项目", "“法治与行政复议”项目", "“刑事安置解教”项目", "“法律援助”项目", "“人民调解”项目"]
    running, assets = "二、机关运行经费", "四、国有资产占用情况"
    assert not_placed(variant) == not_placed(seed) + [
        (running, OUTSIDE.format(running)), ("2025年机关运行经费预算为20.00万元。", OUTSIDE.format(running)),
        (assets, OUTSIDE.format(assets)), ("截至2024年底，本部门共有车辆2辆。", OUTSIDE.format(assets))]
    assert variant.check.errors == []

