"""The forms beyond the seeds: codes, 项目属性/项目期, 中期/年度 funds and goals, project-only filings,
comparisons that line up parsed values and keep to their departments, and what every page says it is.

The fixture site's demo-court 2023 filing is modelled on a 天津 district court's 项目支出绩效目标表 with
the project fields of an 安徽 项目支出绩效目标申报表.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from generator.comparisons import comparisons
from generator.config import ComparisonTopic
from generator.models import Department
from generator.search import spaced_html
from generator.sitemodel import build_site_model
from generator.checking import check_content
from tests.test_check import BASE, run_check

FIXTURE = Path(__file__).parent / "fixtures" / "site"
COURT = "d/demo-court/2023-gongkai/"


def main_text(site: Path, path: str) -> str:
    page = (site / path / "index.html").read_text(encoding="utf-8")
    main = page[page.index("<main"):page.index("</main>")]
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", main)))


def test_a_code_keeps_its_leading_zero_quoted_or_not(tmp_path):
    for written in ("017", '"017"'):
        text = BASE.replace("region: city}", f"region: city, code: {written}, unit_code: 207101}}")
        (tmp_path / written).mkdir()
        checked = check_content_of(tmp_path / written, text)
        department = checked.filings[0].filing.department
        assert (department.code, department.unit_code) == ("017", "207101")


def check_content_of(folder: Path, text: str):
    run_check(folder, {"d/a.yml": text})
    return check_content(folder / "content", folder / "site_config.yml")


def test_codes_and_provincial_project_fields_are_on_the_pages(fixture_site):
    filing = main_text(fixture_site, COURT)
    assert "主管部门代码 207 " in filing and "单位代码 207101 " in filing
    assert "主管部门代码 207 · 单位代码 207101" in main_text(fixture_site, "d/demo-court/")
    project = main_text(fixture_site, COURT + "p/12010523T000000012345/")
    assert "项目属性 经常性项目 项目期 2023年—2025年" in project
    assert "中期资金总额 360.00 360.00 0.00 年度资金总额 120.00 120.00 0.00" in project
    assert "中期目标（2023年—2025年）" in project and "中期绩效指标（2023年—2025年）（共 3 项）" in project


def test_amounts_are_labelled_as_the_form_words_them(fixture_site):
    """A 中期 figure is 中期资金总额, never 项目总预算; forms with 项目总预算 keep that word."""
    court = main_text(fixture_site, COURT)
    assert "项目编码 中期资金总额 年度资金总额 " in court and "项目总预算" not in court
    assert "项目总预算" not in main_text(fixture_site, COURT + "p/12010523T000000012345/")
    assert "项目编码 项目总预算 本年度预算 " in main_text(fixture_site, "d/demo-sfj/2024-pifu/")


def test_a_project_only_filing_has_no_empty_sections_and_no_repeated_title(fixture_site):
    page = (fixture_site / COURT / "index.html").read_text(encoding="utf-8")
    assert "<h1>示例区人民法院项目支出绩效目标表（2023年）</h1>" in page
    assert 'id="funds"' not in page and 'id="goals"' not in page and 'id="narrative"' not in page
    assert "资金（CSV）" not in page
    department = main_text(fixture_site, "d/demo-court/")
    assert "示例区人民法院项目支出绩效目标表（2023年） 公开 2 " in department
    assert "（公开）" not in department and "指标逐年变化" not in department


def test_every_page_says_what_it_is(fixture_site):
    found = {}
    for path in sorted(fixture_site.rglob("*.html")):
        rel = path.relative_to(fixture_site).as_posix()
        if rel.startswith(("pagefind/", "static/")):
            continue
        described = re.findall(r'<meta name="description" content="([^"]*)">', path.read_text(encoding="utf-8"))
        assert len(described) == 1 and len(described[0]) >= 15, rel
        found[rel] = html.unescape(described[0])
    assert len(set(found.values())) == len(found), "every page has a description of its own"
    assert found[COURT + "index.html"] == "示例区人民法院项目支出绩效目标表（2023年）。公开文件，2 个项目，10 项项目绩效指标。"
    assert found["d/demo-sfj/2024-pifu/index.html"] == (
        "示例市司法局 2024年部门整体绩效目标批复。批复文件，4 项部门整体绩效指标，1 个项目，1 项项目绩效指标，1 段不予公开的项目。")
    assert found["d/demo-court/index.html"] == "示例省示例市示例区人民法院2023年的预算绩效目标：1 份绩效目标文件，2 个公开项目。"


def fixture_comparisons():
    checked = check_content(FIXTURE / "content", FIXTURE / "site_config.yml")
    return {c.topic.id: c for c in comparisons(build_site_model(checked.config, checked.filings, FIXTURE / "content"))}


def test_a_topic_keeps_to_the_departments_it_applies_to():
    found = fixture_comparisons()
    assert [(r.department, r.name) for r in found["mediation"].rows] == [("另一县司法局", "人民调解案件量")]
    topic = ComparisonTopic(id="m", title="调解", include=["调解"], departments=["司法局", "demo-court"])
    assert topic.applies_to(Department(id="demo-court", name="示例区人民法院", region="x"))
    assert not ComparisonTopic(id="m", title="调解", include=["调解"], departments=["司法局"]).applies_to(
        Department(id="demo-court", name="示例区人民法院", region="x"))


def test_comparisons_line_up_by_parsed_value_with_percent_spellings_as_one():
    rows = fixture_comparisons()["satisfaction"].rows
    assert [(r.value, r.comparable_unit, str(r.parsed.number)) for r in rows] == [
        ("≥95%", "%", "95"), ("≥95百分比", "%", "95"), ("≥95百分比", "%", "95"), ("≥90%", "%", "90"),
        ("≥90%", "%", "90")]


def test_the_comparison_page_shows_the_value_as_filed_and_as_compared(fixture_site):
    text = main_text(fixture_site, "compare/satisfaction/")
    assert "当事人满意度 ≥95百分比 ≥95% 示例区人民法院" in text


def test_a_long_comparison_is_shown_a_page_at_a_time_in_its_order(fixture_site):
    """A province's topic has tens of thousands of rows: `rows_per_page` (2 in the fixture) splits them, every
    row once, in line-up order, with page links on each page."""
    from generator.pages import Chrome, compare_pages
    comparison = fixture_comparisons()["satisfaction"]
    pages = compare_pages(comparison, Chrome("站", "单位", "/", "https://example.org/", "zh-CN"))
    assert [page.path for page in pages] == ["compare/satisfaction/", "compare/satisfaction/2/",
                                             "compare/satisfaction/3/"]
    assert [row for page in pages for row in page.context.rows] == list(comparison.rows)
    assert [len(page.context.rows) for page in pages] == [2, 2, 1]
    last = main_text(fixture_site, "compare/satisfaction/3/")
    assert "满意度（第 3 页） 三级指标名称包含“满意度”的指标，共 5 项" in last
    assert "第 3 页，共 3 页（每页 2 项） 上一页 1 2 3 " in last and "下一页" not in last


def test_search_excerpts_keep_cells_apart():
    page = ('<main data-pagefind-body><table><tr><th>数量指标</th><td>维修面积</td>'
            '<td>≥400平方米</td></tr></table><p>甲</p><p>乙</p></main>')
    spaced = spaced_html(page)
    text = re.sub(r"<[^>]+>", "", spaced)
    assert text.split() == ["数", "量", "指", "标", "·", "维", "修", "面", "积", "·", "≥", "400", "平", "方", "米", "·",
                            "甲", "·", "乙", "·"]

