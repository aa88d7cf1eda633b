"""`gongkai import`: the five seeds round-trip from their own texts; CLI behaviour; reports; bad input.

The remaining differences of a seed that does not reach 100% are kept, one per line, in
tests/fixtures/import/<seed>.differences.txt and asserted exactly, so any regression (or
improvement) shows up as a failing test. `python -m tests.import_agreement` prints the table;
`python -m tests.import_agreement --write-differences` records the current differences (review the diff).
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from generator.cli import main
from generator.importing.document import ImportFailure
from generator.importing.importer import ImportOptions, import_file
from generator.importing.readers import read_document
from generator.loading import load_filing
from tests.import_agreement import CONTENT, DIFFERENCES, FULL, ROOT, SEEDS, agreement, model_data
GUANGSHUI = CONTENT / "sources" / "001_ebde392d2f7b9b87.txt"


def _expected_differences(seed: str) -> list[str]:
    path = DIFFERENCES / f"{seed}.differences.txt"
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_round_trip(seed: str) -> None:
    result = agreement(seed, SEEDS[seed])
    print(f"{seed} → {SEEDS[seed]}: {result.percent:.1f}% ({result.equal}/{result.fields})")
    if seed in FULL:
        assert result.differences == []
        assert result.percent == 100.0
    else:
        assert result.differences == _expected_differences(seed)


def test_split_gives_the_same_filing(tmp_path: Path) -> None:
    source = CONTENT / "sources" / "003_95543d55ae7ca3fd.txt"
    inline, split = tmp_path / "inline.yml", tmp_path / "split.yml"
    for output, flag in ((inline, False), (split, True)):
        import_file(source, ImportOptions(output=output, department="lunan-sfj", split=flag, content_dir=CONTENT,
                                          config=ROOT / "site_config.yml"))
    files = sorted(p.name for p in (tmp_path / "split.projects").iterdir())
    assert files[0] == "01-13020225P008925100021.yml" and len(files) == 9
    assert "projects" not in split.read_text(encoding="utf-8")
    assert model_data(inline) == model_data(split)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder that knows 广水市司法局 from an earlier filing, and the seed's 原文 in sources/."""
    folder = tmp_path / "content"
    (folder / "guangshui-sfj").mkdir(parents=True)
    shutil.copy(CONTENT / "guangshui-sfj" / "2024-shenbao.yml", folder / "guangshui-sfj" / "2023-shenbao.yml")
    (folder / "sources").mkdir()
    shutil.copy(GUANGSHUI, folder / "sources" / GUANGSHUI.name)
    return folder


def _run(content: Path, *args: str) -> int:
    return main(["import", str(content / "sources" / GUANGSHUI.name), "--content", str(content),
                 "--config", str(ROOT / "site_config.yml"), *args])


def test_cli_writes_the_filing_and_reports(content: Path, capsys) -> None:
    assert _run(content) == 0
    written = content / "guangshui-sfj" / "2024-shenbao.yml"
    loaded, problems = load_filing(written)
    assert loaded is not None and problems == []
    assert loaded.filing.department.id == "guangshui-sfj" and loaded.filing.source == GUANGSHUI.name
    out = capsys.readouterr().out
    assert f"已导入 {content / 'sources' / GUANGSHUI.name} → {written}" in out
    assert "  第11–81行：资金表、项目表、指标表，放入 66 行" in out
    assert "资金 8 行，目标 2 个，指标 33 条，项目 8 个，不予公开记录 0 条，编者注 12 条" in out
    assert "未放入文件的内容（6 处，请逐条确认无需录入，或手工录入）：\n  第3行：附件：（未识别的段落）" in out
    assert "  第91行：5.绩效指标必须应填尽填。（未识别的段落）" in out
    assert "第81行是导出时的分隔线（--、-------、-----------、----------------、------、------），未作为内容读取。" in out
    assert "共 0 个错误，8 个警告。" in out


def test_cli_refuses_to_overwrite_without_force(content: Path, capsys) -> None:
    assert _run(content) == 0
    written = content / "guangshui-sfj" / "2024-shenbao.yml"
    written.write_text("# 手工改过\n" + written.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert _run(content) == 1
    assert capsys.readouterr().err == (f"导入失败：{written} 已存在，未覆盖。确认要用导入结果替换它时加 --force，"
                                       "或用 -o 写到别的文件。\n")
    assert written.read_text(encoding="utf-8").startswith("# 手工改过")
    assert _run(content, "--force") == 0
    assert not written.read_text(encoding="utf-8").startswith("# 手工改过")


def test_cli_names_the_option_when_the_department_is_unknown(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "content"
    empty.mkdir()
    code = main(["import", str(GUANGSHUI), "--content", str(empty), "--config", str(ROOT / "site_config.yml")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"导入失败：{GUANGSHUI}：原文的部门名称是“广水市司法局”，content/ 中没有同名部门的文件，无法确定部门标识，"
        "未写入任何文件。请用 --department 指定部门标识（如 ezhou-sfj），并用 --region 指定地区标识。\n")
    assert list(empty.iterdir()) == []
    code = main(["import", str(GUANGSHUI), "--content", str(empty), "--config", str(ROOT / "site_config.yml"),
                 "--department", "guangshui-sfj"])
    assert code == 1
    assert "请用 --region 指定地区标识（须在 site_config.yml 的 regions 中定义）。" in capsys.readouterr().err
    assert main(["import", str(GUANGSHUI), "--content", str(empty), "--config", str(ROOT / "site_config.yml"),
                 "--department", "guangshui-sfj", "--region", "guangshui"]) == 0
    assert (empty / "guangshui-sfj" / "2024-shenbao.yml").is_file()


def test_cli_json_report(content: Path, capsys) -> None:
    assert _run(content, "--format", "json") == 0
    report = json.loads(capsys.readouterr().out)
    assert report["tables"] == [{"location": "第11–81行", "kind": "资金表、项目表、指标表", "rows_placed": 66}]
    assert (report["indicators"], report["projects"], report["withheld"], report["fund_lines"]) == (33, 8, 0, 8)
    assert report["not_placed"][0] == {"location": "第3行", "text": "附件：", "reason": "未识别的段落"}
    assert report["check"]["errors"] == 0 and report["check"]["warnings"] == 8


def test_withheld_record_and_not_placed_cells(tmp_path: Path) -> None:
    result = import_file(CONTENT / "sources" / "004_878df4ebd272f24d.txt",
                         ImportOptions(output=tmp_path / "y.yml", department="yutian-sfj", content_dir=CONTENT,
                                       config=ROOT / "site_config.yml"))
    withheld = [p for p in result.filing["projects"] if "withheld" in p]
    assert withheld == [{"withheld": {"numbers": [6, 13], "notice": "6-13号项目信息因涉及保密要求，项目绩效目标暂不公开。",
                                      "reason": "涉及保密要求"},
                         "notes": [{"field": "withheld.legal_basis",
                                    "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}]}]
    hengyang = import_file(CONTENT / "sources" / "002_0ec2345d73f18d63.txt",
                           ImportOptions(output=tmp_path / "h.yml", content_dir=CONTENT, config=ROOT / "site_config.yml"))
    not_placed = hengyang.imported.not_placed
    assert ("第43行", "已输入17/1000", "未识别的段落") in not_placed
    assert ("第138行第1格", "项目资金明细", "未识别的单元格") in not_placed


HTML_FORM = """<html><body>
<h1>2026年项目支出绩效目标表</h1>
<div><p>金额单位：<span>元</span></p></div>
<table>
<tr><td>主管部门</td><td>天津市某区人民法院</td><td>预算单位</td><td>天津市某区人民法院本级</td></tr>
<tr><td>项目名称</td><td>智慧法院运维</td><td>项目编码</td><td>12010026P0001</td></tr>
<tr><td>资金总额</td><td>150000.00</td><td>财政拨款</td><td>150000.00</td></tr>
</table>
<table>
<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>计量单位</th></tr>
<tr><td rowspan="2">产出指标</td><td rowspan="2">质量指标</td><td>系统可用率</td><td>≥98</td><td>百分比</td></tr>
<tr><td>故障响应  时间</td><td>≤2</td><td>小时</td></tr>
<tr><td>满意度指标</td><td colspan="2">服务对象满意度</td><td>≥95%</td><td></td></tr>
</table>
</body></html>
"""


def test_html_tables_with_merged_cells(tmp_path: Path) -> None:
    source = tmp_path / "form.html"
    source.write_text(HTML_FORM, encoding="utf-8")
    document = read_document(source)
    assert [(b.text, b.location) for b in document.blocks[:2]] == [("2026年项目支出绩效目标表", "第1段"),
                                                                   ("金额单位：元", "第2段")]
    covered = document.blocks[3].rows[2][0]
    assert (covered.text, covered.location, covered.merged_from) == ("", "表2 第3行第1格", "表2 第2行第1格")
    result = import_file(source, ImportOptions(output=tmp_path / "out.yml", department="tj-court", region="ezhou",
                                               content_dir=tmp_path, config=ROOT / "site_config.yml"))
    filing = result.filing
    assert (filing["fiscal_year"], filing["title"], filing["money_unit"]) == (2026, "2026年项目支出绩效目标表", "元")
    project = filing["projects"][0]
    assert filing["department"] == {"id": "tj-court", "name": "天津市某区人民法院", "region": "ezhou"}
    assert project["code"] == "12010026P0001" and project["name"] == "智慧法院运维"
    assert project["budget_unit"] == "天津市某区人民法院本级"
    assert {k: str(v) for k, v in project["budget"].items()} == {"total": "150000.00", "fiscal": "150000.00"}
    indicators = project["goals"][0]["indicators"]
    assert indicators[:2] == [
        {"level1": "产出指标", "level2": "质量指标", "name": "系统可用率", "value": "≥98", "unit": "百分比"},
        {"level1": "产出指标", "level2": "质量指标", "name": "故障响应 时间", "value": "≤2", "unit": "小时"}]
    assert indicators[2]["level1"] == "满意度指标" and indicators[2]["value"] == "≥95%"
    assert result.check.errors == []


def test_bad_input_messages(tmp_path: Path) -> None:
    options = ImportOptions(output=tmp_path / "out.yml", department="x", region="ezhou", content_dir=tmp_path)
    odd = tmp_path / "form.odt"
    odd.write_text("x", encoding="utf-8")
    with pytest.raises(ImportFailure) as error:
        import_file(odd, options)
    assert str(error.value) == (f"{odd}：不支持的文件类型“.odt”。可导入的类型：.csv、.docx、.htm、.html、.mht、.mhtml、.pdf、.txt、.xls、.xlsm、.xlsx。"
                                "其他格式请先另存为 .xlsx 或 .docx。")
    letter = tmp_path / "letter.txt"
    letter.write_text("关于报送材料的通知\n请于月底前报送。\n", encoding="utf-8")
    with pytest.raises(ImportFailure) as error:
        import_file(letter, options)
    assert str(error.value) == (f"{letter}：没有找到绩效目标表（表头含“一级指标”“二级指标”“三级指标”“指标值”的表）、"
                                "资金表或项目表，未写入任何文件。请确认文件是部门或项目的绩效目标表。")
    binary = tmp_path / "garbled.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81\x30" * 3)
    with pytest.raises(ImportFailure) as error:
        import_file(binary, options)
    assert str(error.value) == f"{binary}：文件既不是 UTF-8 也不是 GBK 编码的文字，无法读取。请用文本编辑器另存为 UTF-8 后再导入。"
    assert not (tmp_path / "out.yml").exists()


def _import_fixture(name: str, tmp_path: Path):
    return import_file(DIFFERENCES / name, ImportOptions(output=tmp_path / "out.yml", department="x", region="ezhou",
                                                         content_dir=tmp_path, config=ROOT / "site_config.yml"))


def test_project_only_form_with_five_indicator_columns(tmp_path: Path) -> None:
    """A court's 项目支出绩效目标表: no department table, values like ≥98百分比 kept verbatim."""
    result = _import_fixture("tianjin-court.txt", tmp_path)
    filing = result.filing
    assert (filing["title"], filing["fiscal_year"], filing["money_unit"]) == ("项目支出绩效目标表（2025年度）", 2025, "万元")
    assert filing["department"]["name"] == "天津市某区人民法院"
    project = filing["projects"][0]
    assert (project["name"], project["budget_unit"]) == ("审判业务经费", "天津市某区人民法院")
    # 年度资金总额 and the 财政拨款 under it: the form's own fields, never 项目总预算 / 本年度预算.
    assert project["budget"] == {"annual": {"total": Decimal("120"), "fiscal": Decimal("120")}}
    goal = project["goals"][0]
    assert (goal["kind"], goal["text"]) == ("年度", "保障审判执行工作正常开展")
    assert [i["value"] for i in goal["indicators"]] == ["≥9000件", "≥98百分比", "≥ 95 百分比", "稳步提升", "≥90百分比"]
    assert result.imported.not_placed == [] and result.check.errors == []


def test_mid_term_and_annual_funds_and_values(tmp_path: Path) -> None:
    """An 安徽-style 项目支出绩效目标申报表: 中期/年度 funds, 项目属性 and 项目期, and a 中期 goal (with its
    years) beside the 年度 goal."""
    result = _import_fixture("anhui-project.txt", tmp_path)
    filing = result.filing
    assert filing["kind"] == "申报" and filing["contact"] == {"filer": "张三", "phone": "0551-1234567"}
    project = filing["projects"][0]
    assert {part: {k: str(v) for k, v in split.items()} for part, split in project["budget"].items()} == {
        "medium_term": {"total": "300", "fiscal": "300", "other": "0"},
        "annual": {"total": "100.00", "fiscal": "100.00", "other": "0"}}
    assert (project["attribute"], project["period"]) == ("经常性项目", "1年")
    assert "notes" not in project
    mid, annual = project["goals"]
    assert (mid["kind"], mid["title"], mid["span"]) == ("中期", "中期目标（2025年—2027年）", [2025, 2027])
    assert (mid["id"], annual["id"]) == ("medium", "annual")
    assert "deadline" not in mid
    assert [i["value"] for i in mid["indicators"]] == ["≥3000件", "≥95%", "逐步提高", "≥90%"]
    assert [i["value"] for i in annual["indicators"]] == ["≥1000件", "≥95%", "逐步提高", "≥ 90%"]
    assert result.imported.not_placed == []
    assert result.check.errors == []


@pytest.mark.parametrize("label", ["年度资金总额：", "中期资金总额", "资金总额"])
def test_mid_term_and_annual_funds_whatever_the_total_row_is_called(tmp_path: Path, label: str) -> None:
    """Some forms label the matrix's first row with a period's total ("年度资金总额：") under both the 中期 and the
    年度 column: it is the total row of both, never a pair 年度资金总额 → the 中期 figure."""
    form = (DIFFERENCES / "anhui-project.txt").read_text(encoding="utf-8")
    assert "\t资金总额\t300\t100.00\n" in form
    source = tmp_path / "matrix.txt"
    source.write_text(form.replace("\t资金总额\t300\t100.00\n", f"\t{label}\t300\t100.00\n"), encoding="utf-8")
    result = import_file(source, ImportOptions(output=tmp_path / "out.yml", department="x", region="ezhou",
                                               content_dir=tmp_path, config=ROOT / "site_config.yml"))
    budget = result.filing["projects"][0]["budget"]
    assert {part: {k: str(v) for k, v in split.items()} for part, split in budget.items()} == {
        "medium_term": {"total": "300", "fiscal": "300", "other": "0"},
        "annual": {"total": "100.00", "fiscal": "100.00", "other": "0"}}
    assert result.imported.not_placed == [] and result.check.errors == []


def test_department_and_unit_codes_are_read_as_text(tmp_path: Path) -> None:
    """"主管部门及代码 | [017]某县司法局" and a 单位代码 cell: codes of their own, leading zeros kept."""
    form = (DIFFERENCES / "anhui-project.txt").read_text(encoding="utf-8")
    form = form.replace("主管部门及代码\t某县司法局\t", "主管部门及代码\t[017]某县司法局\t单位代码\t017001\t")
    source = tmp_path / "coded.txt"
    source.write_text(form, encoding="utf-8")
    result = import_file(source, ImportOptions(output=tmp_path / "out.yml", department="x", region="ezhou",
                                               content_dir=tmp_path, config=ROOT / "site_config.yml"))
    assert result.filing["department"] == {"id": "x", "name": "某县司法局", "region": "ezhou", "code": "017",
                                           "unit_code": "017001"}
    assert 'code: "017", unit_code: "017001"' in (tmp_path / "out.yml").read_text(encoding="utf-8")
    assert result.check.errors == []


def test_header_variants_and_year_columns(tmp_path: Path) -> None:
    """Bracketed explanations in headers, a prior-year column and a column headed with the fiscal year."""
    source = tmp_path / "form.txt"
    source.write_text("2025年项目绩效目标表\n金额单位：元\n"
                      "部门名称\t[315001]某区司法局\n项目名称\t测试项目\t项目编码\tP001\n年度总体目标\t完成培训任务\n"
                      "一级指标\t二级指标\t三级指标\t上年指标值\t2025年目标值\t指标值确定依据（参考）\t评（扣）分标准\n"
                      "产出指标\t数量指标\t培训次数\t3次\t≥4次\t计划标准\t每少1次扣2分\n", encoding="utf-8")
    result = import_file(source, ImportOptions(output=tmp_path / "out.yml", department="x", region="ezhou",
                                               content_dir=tmp_path, config=ROOT / "site_config.yml"))
    assert result.filing["department"]["name"] == "某区司法局"
    assert result.filing["notes"][0] == {"field": "department.name",
                                         "text": "原表写作“[315001]某区司法局”；编者去掉前面的编码，部门名称写作“某区司法局”。"}
    goal = result.filing["projects"][0]["goals"][0]
    assert (goal["kind"], goal["text"]) == ("年度", "完成培训任务")  # a project's 年度总体目标 is its goal
    assert goal["prior_years"] == [2024]
    assert goal["indicators"] == [{"level1": "产出指标", "level2": "数量指标", "name": "培训次数", "value": "≥4次",
                                   "prior": {2024: "3次"}, "basis": "计划标准", "scoring": "每少1次扣2分"}]
    assert result.imported.not_placed == []


@pytest.mark.parametrize("variant", ["standard", "shifted-label"])
def test_seed_forms_in_a_grid_import_to_the_same_tables(tmp_path: Path, variant: str) -> None:
    """Each seed drawn as an Excel form (tests/forms) imports back to the same funds, goals' indicators and
    projects. Texts are left out: a form cell keeps lines, not the <p> markup of the seed."""
    from tests.forms.layout import expected
    from tests.forms.render import render, seed_filings
    from tests.import_agreement import flatten

    for filing in seed_filings():
        path = render(filing, variant, "xlsx", tmp_path / f"{filing.department.id}-{variant}.xlsx")
        output = tmp_path / f"{filing.department.id}-{variant}.yml"
        import_file(path, ImportOptions(output=output, department=filing.department.id, region=filing.department.region,
                                        content_dir=CONTENT, config=ROOT / "site_config.yml"))
        want = flatten(expected(filing, variant).model_dump(mode="python", exclude_defaults=True))
        have = flatten(model_data(output))
        keys = {k for k in set(want) | set(have) if k.startswith(("funds", "goals", "projects", "fiscal_year", "kind"))
                and not k.endswith(".text")}
        assert [k for k in sorted(keys) if want.get(k) != have.get(k)] == [], filing.department.id
