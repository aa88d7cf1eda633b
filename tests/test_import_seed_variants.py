"""The seeds' text exports (鄂州 批复, 广水 申报表, 衡阳 申报表) changed the way another department's filing of the
same form would differ: another department and region, another year, other indicators and amounts, rows, goals,
projects and columns added or removed, cells left empty. Each variant imports as its seed does: its filing is the
seed's with the same changes, and its 未放入 list is the seed's plus or minus exactly what changed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Callable

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new, not_placed

SOURCES = Path(__file__).resolve().parents[1] / "content" / "sources"
EZHOU, GUANGSHUI, HENGYANG = "000_3d09dd7bc3f8b5ea.txt", "001_ebde392d2f7b9b87.txt", "002_0ec2345d73f18d63.txt"


def seed_and_variant(tmp_path: Path, seed: str, change: Callable[[str], str],
                     kind: str = "申报") -> tuple[ImportResult, ImportResult]:
    """The seed's text and the variant `change` makes of it, imported the same way (year and names from the form)."""
    text = (SOURCES / seed).read_text(encoding="utf-8")
    varied = change(text)
    assert varied != text
    results = []
    for name, body in (("seed", text), ("variant", varied)):
        folder = tmp_path / name
        folder.mkdir()
        source = folder / seed
        source.write_text(body, encoding="utf-8")
        results.append(import_new(source, folder, "dept", kind=kind, year=None))
    return results[0], results[1]


def data(value: Any, *replacements: tuple[str, str], years: tuple[int, ...] = ()) -> Any:
    """Plain data (amounts as written), with the seed's texts replaced and `years` one later, as in the variant."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    for old, new in replacements:
        text = text.replace(old, new)
    if years:
        text = later(text, years)
    return json.loads(text)


def later(text: str, years: tuple[int, ...]) -> str:
    """Each of `years` written in `text` (not inside a longer number) one year later."""
    pattern = r"(?<!\d)(%s)(?!\d)" % "|".join(map(str, years))
    return re.sub(pattern, lambda match: str(int(match.group(1)) + 1), text)


def without(value: Any, key: str) -> Any:
    """Data without `key` anywhere (a column the variant does not have)."""
    if isinstance(value, dict):
        return {k: without(v, key) for k, v in value.items() if k != key}
    if isinstance(value, list):
        return [without(v, key) for v in value]
    return value


def drop_column(text: str, first: int, last: int, column: int) -> str:
    """The text with cell `column` removed from its lines `first`..`last` (1-based, as the report numbers them)."""
    lines = text.split("\n")
    for index in range(first - 1, last):
        cells = lines[index].split("\t")
        if len(cells) > column:
            del cells[column]
        lines[index] = "\t".join(cells)
    return "\n".join(lines)


# --- 鄂州 批复: funds with prior-year columns, long-term and annual tables with prior-year values -------------

def test_ezhou_batch_of_another_city_a_year_later(tmp_path: Path) -> None:
    """Another city's 批复 a year later: its name, its year in the title and the prior-year heads (2024年, 2025年)
    and in the long-term goal's deadline. The filing and the 未放入 list are the seed's with those changes."""
    years = (2023, 2024, 2025)

    def change(text: str) -> str:
        return later(text.replace("鄂州", "黄石"), years)

    seed, variant = seed_and_variant(tmp_path, EZHOU, change, kind="批复")
    assert variant.filing["department"]["name"] == "黄石市司法局" and variant.filing["fiscal_year"] == 2026
    assert variant.filing["funds"]["prior_years"] == [2024, 2025]
    assert variant.filing["goals"][1]["prior_years"] == [2024, 2025]
    assert data(variant.filing) == data(seed.filing, ("鄂州", "黄石"), years=years)
    assert data(not_placed(variant)) == data(not_placed(seed), ("鄂州", "黄石"), years=years)
    assert variant.check.errors == []


def test_ezhou_other_amounts_in_yuan_and_other_values(tmp_path: Path) -> None:
    """金额单位：元 above the form, other amounts and other indicator values (numbers with units, ≥, text)."""
    changes = (("\t1415.43\t100%\t1736.93\t1515.34", "\t14154300\t100%\t17369300\t15153400"),
               ("\t3005场\t4971场\t≥3000场", "\t3100场\t5000场\t≥3500场"),
               ("战略管理\t中长期规划相符性\t基本相符\t基本相符\t基本相符", "战略管理\t中长期规划相符性\t≥95%\t≥96%\t相符"))

    def change(text: str) -> str:
        text = text.replace("2025年部门整体绩效目标批复\n", "2025年部门整体绩效目标批复\n\n金额单位：元\n")
        for old, new in changes:
            text = text.replace(old, new)
        return text

    seed, variant = seed_and_variant(tmp_path, EZHOU, change, kind="批复")
    expected = data(seed.filing)
    assert expected.pop("notes") == [{"field": "money_unit", "text": "原表未写金额单位；编者按各项金额的量级（如 1415.43）读作万元。"}]
    expected["money_unit"] = "元"
    grant = expected["funds"]["income"]["lines"][0]
    grant.update(amount="14154300", prior={"2023": "17369300", "2024": "15153400"})
    annual = {indicator["name"]: indicator for indicator in expected["goals"][1]["indicators"]}
    annual["村（社区）法律顾问全年开展法律服务场次"].update(value="≥3500场", prior={"2023": "3100场", "2024": "5000场"})
    annual["中长期规划相符性"].update(value="相符", prior={"2023": "≥95%", "2024": "≥96%"})
    assert data(variant.filing) == expected
    assert not_placed(variant) == not_placed(seed)
    assert variant.check.errors == []


def test_ezhou_slid_row_with_an_empty_prior_value_keeps_its_name(tmp_path: Path) -> None:
    """A row that lost its merged cells in the copy (it ends a column short) and has no 2023 value: the row moves
    right as a whole, its blank kept in place; read in order, the name would have slid into the 2023 column."""
    row = "\t调研督导次数\t2次\t1次\t≥1次\t计划标准\t绩效基本型\n"

    def change(text: str) -> str:
        return text.replace(row, row.replace("\t2次\t", "\t\t"))

    seed, variant = seed_and_variant(tmp_path, EZHOU, change, kind="批复")
    expected = data(seed.filing)
    changed = next(i for i in expected["goals"][1]["indicators"] if i.get("name") == "调研督导次数")
    assert changed["prior"] == {"2023": "2次", "2024": "1次"}
    changed["prior"] = {"2024": "1次"}
    changed["notes"] = [{"text": "原表此行单元格错位（内容止于第7列，通常止于第8列，向左错位）；编者把此行各格连同其中的空格"
                                 "右移1列，读作三级指标、2024年指标值、指标值、指标值确定依据、指标分类。"}]
    assert data(variant.filing) == expected
    assert not_placed(variant) == not_placed(seed)


def test_ezhou_without_the_category_column_and_with_rows_added_and_removed(tmp_path: Path) -> None:
    """No 指标分类 column in either table, an annual indicator added and one removed: the same indicators without
    their category, the new one in its place."""
    dropped = "\t法律顾问制度覆盖率\t100%\t100%\t100%\t计划标准\t绩效基本型\n"
    after = "\t调研督导次数\t2次\t1次\t≥1次\t计划标准\t绩效基本型\n"

    def change(text: str) -> str:
        text = text.replace(dropped, "").replace(after, after + "\t公证业务量\t3件\t4件\t≥5件\t计划标准\t绩效基本型\n")
        return "\n".join("\t".join(cell for cell in line.split("\t") if cell not in ("绩效基本型", "指标分类"))
                         for line in text.split("\n"))

    seed, variant = seed_and_variant(tmp_path, EZHOU, change, kind="批复")
    expected = without(data(seed.filing), "category")
    annual = expected["goals"][1]["indicators"]
    index = next(i for i, indicator in enumerate(annual) if indicator.get("name") == "法律顾问制度覆盖率")
    assert annual[index + 1]["name"] == "调研督导次数"
    added = {"level1": "管理效率", "level2": "法律顾问管理", "name": "公证业务量", "value": "≥5件",
             "prior": {"2023": "3件", "2024": "4件"}, "basis": "计划标准",
             "notes": [{"text": "原表此行单元格错位（内容止于第6列，通常止于第7列，向左错位）；编者按单元格顺序读作三级指标、"
                                "2023年指标值、2024年指标值、指标值、指标值确定依据。"}]}
    annual[index:index + 2] = [annual[index + 1], added]
    got = data(variant.filing)
    for goal in (got, expected):  # the notes on slid rows name the columns there are: the column counts differ
        for indicator in [i for g in goal["goals"] for i in g["indicators"]]:
            indicator.pop("notes", None)
    assert got == expected
    assert not_placed(variant) == not_placed(seed)
    assert variant.check.errors == []


# --- 广水 申报表: filer and phone, funds with shares, project list, two annual goals each with its table ----------

GUANGSHUI_CHANGES = (("广水市司法局", "安陆市教育局"), ("法治广水", "法治安陆"), ("刘倩", "王小明"),
                     ("07226391288", "0712-5221234"), ("2306.26", "3306.26"), ("≥145家", "≥150家"))


def test_guangshui_form_of_another_department_a_year_later(tmp_path: Path) -> None:
    """Another department's 申报表 filed a year later: its name, filer and phone, 填报日期 and prior-year heads
    (2023 年, 2024 年), an amount and a value changed, a third annual goal with its table, a project added."""
    goal3 = ("年度目标3:\t加强队伍建设\t\t\t\t\t\n"
             "年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值\t指标值确定依据\t\n"
             "\t产出指标\t数量指标\t培训人次\t≥300人次\t计划标准\t\n"
             "\t\t质量指标\t培训合格率\t≥95%\t\t\n"
             "\t满意度指标\t服务对象满意度指标\t学员满意度\t较满意\t计划标准\t\n")
    last_project = "\t法治建设\t常年性项目\t79.4\t0\t广水法治建设支出\n"
    new_project = "\t公共法律服务体系建设\t一次性项目\t120.5\t100\t购买公共法律服务\n"

    def change(text: str) -> str:
        text = later(text.replace("2023年 12 月 30 日", "2024年 12 月 28 日"), (2021, 2022))
        text = text.replace(last_project, last_project + new_project).replace("--\t-------", goal3 + "--\t-------", 1)
        for old, new in GUANGSHUI_CHANGES:
            text = text.replace(old, new)
        return text

    seed, variant = seed_and_variant(tmp_path, GUANGSHUI, change)
    expected = data(seed.filing, *GUANGSHUI_CHANGES, ("2023-12-30", "2024-12-28"),
                    ("2023 年 12 月 30 日，编者据此判断为 2024", "2024 年 12 月 28 日，编者据此判断为 2025"),
                    years=(2021, 2022))
    expected["fiscal_year"] = 2025
    assert expected["funds"]["prior_years"] == [2023, 2022]
    expected["goals"].append({"id": "g3", "kind": "年度", "title": "年度目标3", "text": "加强队伍建设", "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "value": "≥300人次", "basis": "计划标准"},
        {"level1": "产出指标", "level2": "质量指标", "name": "培训合格率", "value": "≥95%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学员满意度", "value": "较满意",
         "basis": "计划标准"}]})
    expected["projects"].append({"id": "p9", "name": "公共法律服务体系建设", "category": "一次性项目",
                                 "budget": {"total": "120.5", "this_year": "100"}, "purpose": "购买公共法律服务"})
    assert data(variant.filing) == expected
    assert variant.filing["contact"] == {"filer": "王小明", "phone": "0712-5221234"}
    assert not_placed(variant) == not_placed(seed)
    assert variant.check.errors == []


def test_guangshui_rows_with_an_empty_basis_stay_in_their_columns(tmp_path: Path) -> None:
    """An empty 指标值确定依据 at the end of a row whose 一级/二级 cells are blank (merged above) or hold a 二级 label:
    the row only stops short. Its name stays the name and its value the value (read in order from the right,
    the name would become the value and the value the basis)."""
    rows = ("\t\t\t公证业务量\t≥1200件\t历史依据", "\t\t时效指标\t工作时限\t1年\t计划标准")

    def change(text: str) -> str:
        for row in rows:
            text = text.replace(row, row.rsplit("\t", 1)[0] + "\t")
        return text

    seed, variant = seed_and_variant(tmp_path, GUANGSHUI, change)
    expected = data(seed.filing)
    for name in ("公证业务量", "工作时限"):
        del next(i for i in expected["goals"][0]["indicators"] if i["name"] == name)["basis"]
    assert data(variant.filing) == expected
    assert not_placed(variant) == not_placed(seed)


def test_guangshui_form_without_basis_column_and_with_empty_cells(tmp_path: Path) -> None:
    """Goal tables without 指标值确定依据, no phone, an empty value, a project removed, an empty 单位资金 row and a
    project list without 项目总预算: the seed's filing without those, nothing else moved."""
    removed = "\t党建（文明单位创建）\t常年性项目\t5\t5\t争先创优，文明单位创建\n"

    def change(text: str) -> str:
        lines = text.split("\n")
        for index in range(37, 80):  # the goal tables: the basis is each row's last text
            lines[index] = "\t".join(c for c in lines[index].split("\t")
                                     if c not in ("历史依据", "行业标准", "计划标准", "指标值确定依据"))
        text = drop_column("\n".join(lines), 25, 34, 3)
        return text.replace("07226391288", "").replace("公证业务量\t≥1200件", "公证业务量\t") \
            .replace("\t单位资金\t96\t4%\t263.68\t108.64", "\t单位资金\t\t\t\t") \
            .replace(removed.replace("\t5\t5\t", "\t5\t"), "")

    seed, variant = seed_and_variant(tmp_path, GUANGSHUI, change)
    expected = without(data(seed.filing), "basis")
    del expected["contact"]["phone"]
    expected["funds"]["income"]["lines"][2] = {"name": "单位资金"}
    del next(i for i in expected["goals"][0]["indicators"] if i["name"] == "公证业务量")["value"]
    expected["projects"] = [p for p in expected["projects"] if p["name"] != "党建（文明单位创建）"]
    for number, project in enumerate(expected["projects"], 1):
        project["id"] = f"p{number}"
        del project["budget"]["total"]
    got = data(variant.filing)
    for filing in (got, expected):  # the notes on slid rows name the columns there are: one fewer
        for indicator in [i for g in filing["goals"] for i in g["indicators"]]:
            notes = [n["text"].replace("、指标值确定依据", "") for n in indicator.pop("notes", [])]
            if notes:
                indicator["notes"] = [re.sub(r"第\d+列", "第N列", n) for n in notes]
    assert got == expected
    assert not_placed(variant) == not_placed(seed)
    assert variant.check.errors == []


# --- 衡阳 申报表: 指标值类型 / 计量单位 / 指标解释 / 评分标准 columns, project tables, some without a name ----------

def test_hengyang_form_of_another_department_a_year_later(tmp_path: Path) -> None:
    """Another city's 申报表 for 2025: without 指标解释 in the department's table, a 计量单位 left empty, another
    value and unit, a project's title line with amounts in 元, and one project's table removed."""
    years = (2023, 2024)

    def change(text: str) -> str:
        lines = later(text.replace("衡阳", "邵阳"), years).split("\n")
        text = drop_column("\n".join(lines[:192] + lines[211:]), 10, 37, 6)  # 人民监督员 project removed
        return text.replace("\t≥\t550\t件\t", "\t≥\t550\t\t") \
            .replace("\t开展法治宣传活动\t≥\t15\t次\t", "\t开展法治宣传活动\t≥\t20\t场次\t") \
            .replace("法律援助;总金额:48 万元；当年支出计划:48 万元；", "法律援助;总金额:480000 元；当年支出计划:480000 元；") \
            .replace("医调专项经费;总金额:40 万元; 当年支出计划:40 万元;", "医调专项经费;总金额:400000 元; 当年支出计划:400000 元;")

    seed, variant = seed_and_variant(tmp_path, HENGYANG, change)
    expected = data(seed.filing, ("衡阳", "邵阳"), ("48 万元", "480000 元"), ("40 万元", "400000 元"), years=years)
    assert expected["fiscal_year"] == 2025 and expected["money_unit"] == "万元"
    expected["money_unit"] = "元"
    department = expected["goals"][0]["indicators"]
    for indicator in department:
        indicator.pop("description", None)
    del department[0]["unit"]
    department[2].update(value="20", unit="场次")
    removed = expected["projects"].pop(6)
    assert removed["goals"][0]["text"] == "完成全年人民监督员的抽选、监督、管理、培训工作。"
    for number, project in enumerate(expected["projects"], 1):
        project["id"] = f"p{number}"
    for name, amount in (("法律援助", "480000"), ("医调专项经费", "400000")):
        next(p for p in expected["projects"] if p.get("name") == name)["budget"] = {"total": amount, "this_year": amount}
    assert data(variant.filing) == expected
    assert not_placed(variant) == [x for x in not_placed(seed) if x != ("已输入24/1000", "未识别的段落")]
    assert variant.check.errors == []


def test_hengyang_project_tables_without_the_number_column(tmp_path: Path) -> None:
    """Project tables without the "#" column: the page's tab titles below one of them ("项目资金明细 | 政府采购预算 |
    政府购买服务 | 绩效") are no indicator row slid to the right, they stay listed as the seed lists them, and the
    备注 column of that table still holds only 分值 (read as weights)."""
    def change(text: str) -> str:
        lines = text.split("\n")
        for index in range(44, len(lines)):
            cells = lines[index].split("\t")
            if len(cells) == 10 and (cells[0] in ("", "#") or cells[0].isdigit()):
                lines[index] = "\t".join(cells[1:])
        return "\n".join(lines)

    seed, variant = seed_and_variant(tmp_path, HENGYANG, change)
    assert data(variant.filing) == without(data(seed.filing), "seq")
    weights = [i.get("weight") for i in variant.filing["projects"][3]["goals"][0]["indicators"]]
    assert weights == ["20分", None, None, "20分", "10分", "10分", None, "20分", None, None, "10分"]
    assert not_placed(variant) == not_placed(seed)
    assert ("项目资金明细", "未识别的单元格") in not_placed(variant)
