"""`gongkai import` of indicator tables (绩效指标表) as other provinces and budget systems print them.

Each table is drawn once with the tests/forms helpers and put into every file format where the layout can occur
(Excel and Word with merged cells, a printed PDF, HTML with rowspan/colspan, text copied from the page with the
slots of merged cells dropped); the imported indicators and the 未放入 list are compared exactly.

1. The value's comparator in a column of its own ("一级指标 | 二级指标 | 三级指标 | 符号 | 指标值 | 计量单位"), beside
   指标性质 (定量/定性), 指标方向 (正向/反向/中性), 指标值说明, 是否核心指标 and 评（扣）分标准: the comparator is the
   value's type (value_type), never lost; a 指标性质 that would take its place is listed.
2. 成本指标 as a 一级指标 (经济/社会/生态环境成本指标) beside 产出指标 with its own 成本指标.
3. Two-level tables: "一级指标 | 二级指标 | 指标值" whose 二级 cells are the indicators' names, "指标类型 | 指标名称 |
   指标值" and "绩效指标 | 指标内容 | 目标值".
4. A 合计 row under 分值, a blank spacer row between groups, a 注 line under the table, a value with a line break.
5. 一级/二级 labels repeated on every row; a row whose 三级指标 is empty but whose 指标值 is filled.
6. Value columns headed with years: "2025年指标值 | 2026年指标值" in a 2026 filing, and a column of the filing's own
   year beside 指标值, which is listed (one value per indicator).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.importing.assemble import TABLE_NOTE_REASON
from generator.importing.importer import ImportResult
from generator.models import Indicator
from tests.forms.imports import import_new, not_placed
from tests.forms.layout import FormBlock, FormTable, FormText
from tests.test_import_tasks import write

# The form's own note under a table ("注：……"): no field for it, said as such (tests/test_import_more_leftovers.py).
UNDER_TABLE = TABLE_NOTE_REASON.format(label="注")
FORMATS = ["xlsx", "xls", "docx", "pdf", "html", "txt"]
GRIDS = ["xlsx", "xls", "docx", "pdf", "html"]  # real cells: no slot of a merged cell is lost
TITLE = "2026年度部门整体绩效目标表"
GOAL = "年度目标：完成农村公路养护。"
Row = tuple[str, ...]


def indicator_form(header: Row, rows: list[Row], *, merged: bool = True, title: str = TITLE,
                   below: list[FormBlock] = ()) -> list[FormBlock]:
    """The title, the unit, the department, the goal line and the indicator table; with `merged`, a run of equal
    一级 labels is shown once, merged down (the 二级 column too, within its 一级)."""
    table = FormTable()
    table.add(*header)
    for row in rows:
        table.add(*row)
    if merged:
        _merge_runs(table, [row[0] for row in rows], 0)
    identity = FormTable()
    identity.add("部门（单位）名称", "某县交通运输局")
    return [FormText(title), FormText("金额单位：万元"), identity, FormText(GOAL), table, *below]


def _merge_runs(table: FormTable, labels: list[str], column: int) -> None:
    start = 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or labels[index] != labels[start]:
            for row in range(start + 2, index + 1):
                table.rows[row][column] = ""
            table.merge_down(column, start + 1, index)
            start = index


def imported(blocks: list[FormBlock], tmp_path: Path, suffix: str, year: int | None = 2026) -> ImportResult:
    return import_new(write(blocks, tmp_path / f"指标表.{suffix}"), tmp_path, "jt", year=year)


def indicators_of(result: ImportResult) -> list[dict]:
    [goal] = result.filing["goals"]
    assert goal["text"] == GOAL
    return goal["indicators"]


def without_notes(indicators: list[dict]) -> list[dict]:
    return [{k: v for k, v in i.items() if k != "notes"} for i in indicators]


def without_field(head: str) -> str:
    return f"原表“{head}”一列在文件格式中没有对应的字段，未录入"


# --- 1. the comparator, the unit and the other columns of their own ---------------------------------------------------

COMPARATOR_ROWS = [("产出指标", "数量指标", "养护里程", "≥", "50", "公里"),
                   ("产出指标", "质量指标", "路面合格率", "≥", "95", "%"),
                   ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%")]
COMPARED = [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "50", "value_type": "≥", "unit": "公里"},
            {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "95", "value_type": "≥", "unit": "%"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "90", "value_type": "≥",
             "unit": "%"}]


@pytest.mark.parametrize("unit", ["计量单位", "度量单位"])
@pytest.mark.parametrize("head", ["符号", "运算符", "指标值符号", "计算符号", "比较符"])
def test_a_comparator_column_is_the_value_type(tmp_path: Path, head: str, unit: str) -> None:
    """"≥" | "50" | "%": read as value_type with the value and the unit, so the value reads ≥50%, not 50%."""
    header = ("一级指标", "二级指标", "三级指标", head, "指标值", unit)
    result = imported(indicator_form(header, COMPARATOR_ROWS), tmp_path, "xlsx")
    assert indicators_of(result) == COMPARED
    assert not_placed(result) == []
    parsed = Indicator(**COMPARED[0]).parsed
    assert (parsed.comparator, str(parsed.number), parsed.unit) == ("≥", "50", "公里")
    assert result.check.errors == [] and result.check.warnings == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_comparator_column_in_every_format(tmp_path: Path, suffix: str) -> None:
    header = ("一级指标", "二级指标", "三级指标", "符号", "指标值", "计量单位")
    result = imported(indicator_form(header, COMPARATOR_ROWS), tmp_path, suffix)
    # in copied text the second row lost its merged 一级 slot: read in its columns, no note (test_import_note_truth)
    assert indicators_of(result) == COMPARED
    assert not_placed(result) == []


# A form of the kind with every column of its own: 指标性质 (定量/定性), 指标方向 (正向/反向/中性), the comparator,
# 指标值说明, 是否核心指标 and 评（扣）分标准.
FULL_HEADER = ("一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "符号", "指标值", "度量单位", "指标值说明",
               "是否核心指标", "评（扣）分标准")
FULL_ROWS = [("产出指标", "数量指标", "养护里程", "定量", "正向", "≥", "50", "公里", "全年完成养护的里程", "是", "完成得满分"),
             ("产出指标", "质量指标", "路面合格率", "定量", "正向", "≥", "95", "%", "", "否", "每低1%扣1分"),
             ("效益指标", "社会效益指标", "安全事故", "定量", "反向", "≤", "0", "起", "", "否", "发生即不得分"),
             ("满意度指标", "服务对象满意度指标", "群众满意度", "定性", "中性", "", "较上年提高", "", "", "否", "酌情扣分")]


def gave_way(own: str, comparator: str) -> dict[str, str]:
    return {"field": "value_type", "text": f"原表此行“指标性质”为“{own}”，“符号”为“{comparator}”；"
                                           f"编者录入比较符“{comparator}”作为指标值类型。"}


def type_listed(own: str, comparator: str) -> str:
    return (f"原表“指标性质”此格为“{own}”；此行的指标值类型录入了“符号”一列的比较符“{comparator}”"
            "（文件格式中指标值类型只有一项），未录入")


FULL_INDICATORS = [
    {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "50", "value_type": "≥", "unit": "公里",
     "description": "全年完成养护的里程", "scoring": "完成得满分", "notes": [gave_way("定量", "≥")]},
    {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "95", "value_type": "≥", "unit": "%",
     "scoring": "每低1%扣1分", "notes": [gave_way("定量", "≥")]},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "安全事故", "value": "0", "value_type": "≤", "unit": "起",
     "scoring": "发生即不得分", "notes": [gave_way("定量", "≤")]},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "较上年提高",
     "value_type": "定性", "scoring": "酌情扣分"}]
FULL_NOT_PLACED = [
    ("指标方向", without_field("指标方向")), ("是否核心指标", without_field("是否核心指标")),
    ("定量", type_listed("定量", "≥")), ("正向", without_field("指标方向")), ("是", without_field("是否核心指标")),
    ("定量", type_listed("定量", "≥")), ("正向", without_field("指标方向")), ("否", without_field("是否核心指标")),
    ("定量", type_listed("定量", "≤")), ("反向", without_field("指标方向")), ("否", without_field("是否核心指标")),
    ("中性", without_field("指标方向")), ("否", without_field("是否核心指标"))]


@pytest.mark.parametrize("suffix", FORMATS)
def test_every_column_lands_in_its_field_or_is_listed(tmp_path: Path, suffix: str) -> None:
    """The comparator wins value_type over 定量 (the value means ≥50), 定量 is listed with why; 正向 and 是否核心指标
    have no field: listed; 指标值说明 is the description, 评（扣）分标准 the scoring; 定性 stays the 定性 row's type."""
    result = imported(indicator_form(FULL_HEADER, FULL_ROWS, merged=False), tmp_path, suffix)
    assert indicators_of(result) == FULL_INDICATORS
    assert not_placed(result) == FULL_NOT_PLACED
    assert result.check.errors == []


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_a_comparator_under_指标方向_wins_over_定量(tmp_path: Path, suffix: str) -> None:
    """指标方向 holding "≥" beside a 指标性质 of 定量: before, the comparator was listed and the value read "50 公里"."""
    header = ("一级指标", "二级指标", "三级指标", "指标性质", "指标方向", "指标值", "计量单位")
    rows = [("产出指标", "数量指标", "养护里程", "定量", "≥", "50", "公里")]
    result = imported(indicator_form(header, rows), tmp_path, suffix)
    assert indicators_of(result) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "50", "value_type": "≥", "unit": "公里",
         "notes": [{"field": "value_type", "text": "原表此行“指标性质”为“定量”，“指标方向”为“≥”；编者录入比较符“≥”作为指标值类型。"}]}]
    assert not_placed(result) == [("定量", "原表“指标性质”此格为“定量”；此行的指标值类型录入了“指标方向”一列的比较符“≥”"
                                          "（文件格式中指标值类型只有一项），未录入")]


def test_a_comparator_column_with_other_text_lists_it(tmp_path: Path) -> None:
    """Only a comparator is a value's type (the words forms use for one, "不低于", included: kept as written); other
    text under 符号 ("约") is listed, the row's own value kept as filed."""
    header = ("一级指标", "二级指标", "三级指标", "符号", "指标值", "计量单位")
    rows = [("产出指标", "数量指标", "养护里程", "≥", "50", "公里"), ("产出指标", "数量指标", "检测桥梁数", "约", "40", "座"),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "不低于", "90", "%")]
    result = imported(indicator_form(header, rows), tmp_path, "docx")
    assert without_notes(indicators_of(result))[1:] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "检测桥梁数", "value": "40", "unit": "座"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "90", "value_type": "不低于",
         "unit": "%"}]
    assert not_placed(result) == [("约", without_field("符号"))]


# --- 2. 成本指标 ---------------------------------------------------------------------------------------------------------

COST_ROWS = [("产出指标", "数量指标", "养护里程", "≥50公里"),
             ("产出指标", "成本指标", "每公里养护成本", "≤2万元"),
             ("成本指标", "经济成本指标", "项目总成本", "≤100万元"),
             ("成本指标", "社会成本指标", "对周边交通的影响", "无明显影响"),
             ("成本指标", "生态环境成本指标", "施工扬尘", "达标"),
             ("效益指标", "社会效益指标", "通行条件", "明显改善"),
             ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_成本指标_as_a_first_level_and_under_产出指标(tmp_path: Path, suffix: str) -> None:
    result = imported(indicator_form(("一级指标", "二级指标", "三级指标", "指标值"), COST_ROWS), tmp_path, suffix)
    indicators = indicators_of(result)
    assert without_notes(indicators) == [{"level1": a, "level2": b, "name": c, "value": d} for a, b, c, d in COST_ROWS]
    noted = [i for i, indicator in enumerate(indicators) if "notes" in indicator]
    assert noted == []  # copied rows that lost their merged 一级 slot are in their columns: no note
    assert not_placed(result) == []
    assert result.check.errors == [] and result.check.warnings == []


# --- 3. two-level tables -----------------------------------------------------------------------------------------------

TWO_LEVEL_ROWS = [("产出指标", "养护里程", "≥50公里"), ("产出指标", "路面合格率", "≥95%"), ("满意度指标", "群众满意度", "≥90%")]
TWO_LEVEL = [{"level1": a, "name": b, "value": c} for a, b, c in TWO_LEVEL_ROWS]


def two_level(suffix: str) -> list[dict]:
    return TWO_LEVEL  # a copied row that lost its merged 一级 slot carries no note either


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("header", [("指标类型", "指标名称", "指标值"), ("绩效指标", "指标内容", "目标值"),
                                    ("一级指标", "指标名称", "指标值")])
def test_two_level_tables_in_their_own_words(tmp_path: Path, suffix: str, header: Row) -> None:
    """The 一级 label in the first column, the indicator's name in the second: never left unread."""
    result = imported(indicator_form(header, TWO_LEVEL_ROWS), tmp_path, suffix)
    assert indicators_of(result) == two_level(suffix)
    assert not_placed(result) == []
    assert result.check.errors == [] and result.check.warnings == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_二级_column_of_names_is_the_三级指标(tmp_path: Path, suffix: str) -> None:
    """"一级指标 | 二级指标 | 指标值" whose 二级 cells are names: before, the first name became the 二级 label of the
    next rows and the first row had no name."""
    result = imported(indicator_form(("一级指标", "二级指标", "指标值"), TWO_LEVEL_ROWS), tmp_path, suffix)
    [goal] = result.filing["goals"]
    assert goal["indicators"] == two_level(suffix)
    assert goal["notes"] == [{"field": "indicators", "text": "原表指标表只有两级，“二级指标”一列写的是各项指标的名称"
                                                           "（如“养护里程”），不是“数量指标”这样的二级指标；编者录作三级指标。"}]
    assert not_placed(result) == []


def test_a_二级_column_of_labels_stays_the_二级指标(tmp_path: Path) -> None:
    """Two levels whose 二级 cells are labels (数量指标): as filed, no name made up."""
    rows = [("产出指标", "数量指标", "完成养护50公里"), ("满意度指标", "服务对象满意度指标", "群众满意度≥90%")]
    result = imported(indicator_form(("一级指标", "二级指标", "指标值"), rows), tmp_path, "docx")
    assert result.filing["goals"][0] == {"id": "g1", "kind": "年度", "text": GOAL, "indicators": [
        {"level1": a, "level2": b, "value": c} for a, b, c in rows]}


def test_指标类型_beside_the_three_levels_is_no_level(tmp_path: Path) -> None:
    """Beside 一级指标 the word 指标类型 says 定量 or 定性: a column without a field, listed, not a 一级 label."""
    header = ("一级指标", "二级指标", "三级指标", "指标类型", "指标值")
    rows = [("产出指标", "数量指标", "养护里程", "定量", "≥50公里")]
    result = imported(indicator_form(header, rows), tmp_path, "xlsx")
    assert indicators_of(result) == [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里"}]
    assert not_placed(result) == [("指标类型", without_field("指标类型")), ("定量", without_field("指标类型"))]


# --- 4. a 合计 row, a spacer row, a note under the table, a value with a line break --------------------------------------

SCORED = ("一级指标", "二级指标", "三级指标", "指标值", "分值")
SCORED_ROWS = [("产出指标", "数量指标", "养护里程", "≥50公里", "30"),
               ("产出指标", "质量指标", "路面合格率", "≥95%", "30"),
               ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "40")]
SCORED_INDICATORS = [{"level1": a, "level2": b, "name": c, "value": d, "weight": e} for a, b, c, d, e in SCORED_ROWS]
TOTAL = "指标表的合计行（各指标分值、权重的合计）；文件格式中指标表没有合计的字段，未录入"
NOTE_LINE = "注：指标值以县交通运输局统计为准。"


def scored_form(rows: list[Row], total: bool = True) -> list[FormBlock]:
    """The table with a 合计 row, its label merged over the name columns, and a note line under the table."""
    blocks = indicator_form(SCORED, rows, below=[FormText(NOTE_LINE)])
    table = blocks[4]
    if total:
        table.add(("合计", 4), "100")
    return blocks


def scored(suffix: str) -> list[dict]:
    return SCORED_INDICATORS  # a copied row that lost its merged 一级 slot carries no note either


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_total_row_is_no_indicator(tmp_path: Path, suffix: str) -> None:
    """Before, the 合计 row became an indicator {一级指标: 合计, 分值: 100} (in copied text one with the value 合计)."""
    result = imported(scored_form(SCORED_ROWS), tmp_path, suffix)
    assert indicators_of(result) == scored(suffix)
    assert not_placed(result) == [("合计", TOTAL), ("100", TOTAL), (NOTE_LINE, UNDER_TABLE)]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_blank_spacer_row_does_not_end_the_table(tmp_path: Path, suffix: str) -> None:
    """A blank row between two groups: before, a grid's table ended there and the rest was listed as unrecognised."""
    rows = [*SCORED_ROWS[:2], ("", "", "", "", ""), SCORED_ROWS[2]]
    result = imported(scored_form(rows), tmp_path, suffix)
    assert indicators_of(result) == scored(suffix)
    assert not_placed(result) == [("合计", TOTAL), ("100", TOTAL), (NOTE_LINE, UNDER_TABLE)]


@pytest.mark.parametrize("suffix", ["xlsx", "xls", "docx", "pdf"])
def test_a_value_with_a_line_break_is_kept_whole(tmp_path: Path, suffix: str) -> None:
    rows = [SCORED_ROWS[0], ("产出指标", "质量指标", "路面合格率", "≥95%\n（含）", "30"), SCORED_ROWS[2]]
    result = imported(scored_form(rows, total=False), tmp_path, suffix)
    assert indicators_of(result)[1]["value"] == "≥95%\n（含）"
    assert not_placed(result) == [(NOTE_LINE, UNDER_TABLE)]


# --- 5. labels repeated on every row; a row without a 三级指标 ---------------------------------------------------------

REPEATED_ROWS = [("产出指标", "数量指标", "养护里程", "≥50公里"), ("产出指标", "数量指标", "桥梁检测", "≥20座"),
                 ("产出指标", "质量指标", "路面合格率", "≥95%"), ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]


@pytest.mark.parametrize("suffix", FORMATS)
def test_labels_repeated_on_every_row(tmp_path: Path, suffix: str) -> None:
    result = imported(indicator_form(("一级指标", "二级指标", "三级指标", "指标值"), REPEATED_ROWS, merged=False),
                      tmp_path, suffix)
    assert indicators_of(result) == [{"level1": a, "level2": b, "name": c, "value": d} for a, b, c, d in REPEATED_ROWS]
    assert not_placed(result) == []


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_row_without_a_name_keeps_its_value(tmp_path: Path, suffix: str) -> None:
    """The 三级指标 cell empty, the labels merged down beside it: copied text keeps only the blank name's slot and the
    value ("\t≥20座"); before, the value was read as the row's 二级指标."""
    rows = [("产出指标", "数量指标", "养护里程", "≥50公里"), ("产出指标", "数量指标", "", "≥20座"),
            ("产出指标", "质量指标", "路面合格率", "≥95%"), ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%")]
    blocks = indicator_form(("一级指标", "二级指标", "三级指标", "指标值"), rows)
    blocks[4].merge_down(1, 1, 2)
    blocks[4].rows[2][1] = ""
    result = imported(blocks, tmp_path, suffix)
    indicators = indicators_of(result)
    assert without_notes(indicators) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里"},
        {"level1": "产出指标", "level2": "数量指标", "value": "≥20座"},
        {"level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "≥95%"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%"}]
    if suffix == "txt":
        assert indicators[1]["notes"] == [{"field": "value", "text": "原表此行只有指标值“≥20座”，三级指标格空白（复制时丢掉了"
                                                                     "向下合并的一级、二级指标格子）；编者按此行各格的位置读作指标值。"}]
    assert not_placed(result) == []
    assert [p.message for p in result.check.warnings] == ["三级指标名称为空"]  # the form has none: for the editor


# --- 6. value columns headed with years --------------------------------------------------------------------------------

YEARS_ROWS = [("产出指标", "数量指标", "养护里程", "≥45公里", "≥50公里"),
              ("满意度指标", "服务对象满意度指标", "群众满意度", "≥88%", "")]


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("year", [2026, None])  # --year, or the title's year
def test_two_years_side_by_side(tmp_path: Path, suffix: str, year: int | None) -> None:
    """"2025年指标值 | 2026年指标值" in a 2026 filing: this year's is the value, last year's a prior-year value."""
    header = ("一级指标", "二级指标", "三级指标", "2025年指标值", "2026年指标值")
    result = imported(indicator_form(header, YEARS_ROWS, merged=False), tmp_path, suffix, year)
    [goal] = result.filing["goals"]
    assert goal["prior_years"] == [2025]
    assert goal["indicators"] == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里", "prior": {2025: "≥45公里"}},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "prior": {2025: "≥88%"}}]
    assert not_placed(result) == []


def own_year(year: int) -> str:
    return (f"原表“{year}年指标值”一列是本年度（{year}年）的指标值，与“指标值”一列并列；文件格式中一个指标只有一个指标值，"
            "已按“指标值”一列录入，此列未录入，请核对两列是否一致")


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("year", [2025, None])
def test_the_filings_own_year_beside_指标值_is_listed(tmp_path: Path, suffix: str, year: int | None) -> None:
    """A 2025 filing with "指标值 | 2025年指标值": one value per indicator, so the year's column is listed — before,
    its cells were dropped without a word."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "2025年指标值")
    rows = [("产出指标", "数量指标", "养护里程", "≥50公里", "≥48公里"), ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "")]
    blocks = indicator_form(header, rows, merged=False, title="2025年度部门整体绩效目标表")
    result = imported(blocks, tmp_path, suffix, year)
    assert result.filing["fiscal_year"] == 2025
    assert result.filing["goals"][0] == {"id": "g1", "kind": "年度", "text": GOAL, "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%"}]}
    assert not_placed(result) == [("2025年指标值", own_year(2025)), ("≥48公里", own_year(2025))]


@pytest.mark.parametrize("suffix", ["xlsx", "txt"])
def test_指标值_beside_last_and_this_years_columns(tmp_path: Path, suffix: str) -> None:
    """"指标值 | 2025年指标值 | 2026年指标值" in 2026: last year's is a prior-year value, this year's listed."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "2025年指标值", "2026年指标值")
    rows = [("产出指标", "数量指标", "养护里程", "≥50公里", "≥45公里", "≥50公里")]
    result = imported(indicator_form(header, rows, merged=False), tmp_path, suffix)
    assert indicators_of(result) == [{"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里",
                                      "prior": {2025: "≥45公里"}}]
    assert not_placed(result) == [("2026年指标值", own_year(2026)), ("≥50公里", own_year(2026))]


def test_a_value_alone_after_a_row_that_stops_short_is_a_row_of_its_own(tmp_path: Path) -> None:
    """Copied text: the row above has no 指标值确定依据, so it stops short; the next line starts with the blank name's
    slot ("\t≥20座"), so it is a row of its own, not the rest of the row above (before, "≥20座" became its 依据)."""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "指标值确定依据")
    rows = [("产出指标", "数量指标", "养护里程", "≥50公里", ""), ("产出指标", "数量指标", "", "≥20座", ""),
            ("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "历史标准")]
    blocks = indicator_form(header, rows)
    blocks[4].merge_down(1, 1, 2)
    blocks[4].rows[2][1] = ""
    result = imported(blocks, tmp_path, "txt")
    assert without_notes(indicators_of(result)) == [
        {"level1": "产出指标", "level2": "数量指标", "name": "养护里程", "value": "≥50公里"},
        {"level1": "产出指标", "level2": "数量指标", "value": "≥20座"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "群众满意度", "value": "≥90%", "basis": "历史标准"}]
    assert not_placed(result) == []


def test_a_shifted_row_names_last_years_column_as_the_form_does(tmp_path: Path) -> None:
    """A copied row under "上年指标值" that lost its merged 一级 slot: read in its columns, the 上年指标值 as the year
    before the filing's. (It carries no note now: the slot was the copy's; a row that really slid names the column
    上年指标值 in its note, see tests/test_import_note_truth.py.)"""
    header = ("一级指标", "二级指标", "三级指标", "指标值", "上年指标值")
    rows = [("产出指标", "数量指标", "养护里程", "≥50公里", "≥45公里"),
            ("产出指标", "质量指标", "路面合格率", "≥95%", "≥93%")]
    result = imported(indicator_form(header, rows), tmp_path, "txt")
    assert indicators_of(result)[1] == {
        "level1": "产出指标", "level2": "质量指标", "name": "路面合格率", "value": "≥95%", "prior": {2025: "≥93%"}}
