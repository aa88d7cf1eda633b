"""The department-level fields of a filing: title, name and codes, dates, fiscal year, contact, labelled texts.

They come as lines of their own ("填报日期：2025年1月10日"), as label cells followed by their value
cell, or as "label：value" in one cell. A name filed with its code in front keeps both, apart.
"""

from __future__ import annotations

import datetime as dt
import re

from ..models import Department, Filing
from ..vocabulary import label as field_label
from .assembly_state import AssemblyState
from .document import Cell, Paragraph
from .form_rows import FormRow
from .imported import FormYear, Signature
from .layouts import (BRACKETED, DATE, DATE_LABELS, DEPARTMENT_CODES, DEPARTMENT_TEXTS, FILER, FISCAL_YEAR_LABELS,
                      LABELLED_VALUE, LETTER_DATE, MONEY_UNIT, MONEY_UNIT_LABELS, NEXT_LABEL, PERSON_LABEL, PHONE,
                      SELF_EVALUATION_TITLE, STRUCTURE_LABELS, date_of, department_label, header_keys,
                      impossible_date_reason, in_numerals, is_sentence, normalize, task_column,
                      code_before_name)
from .projects import budget_line, code_refusal, project_line

# The form's name line: "2025年部门整体绩效目标批复", a budget table's "2026年部门预算项目支出表", or the report the
# goals are published in, "某县交通运输局2026年部门预算公开" ("…部门预算", "…部门预算信息公开说明").
TITLE_WORDS = re.compile(r"^.{0,40}绩效目标.{0,30}$|^.{0,40}(部门预算|项目支出).{0,30}表$"
                         r"|^.{0,40}(部门|单位)预算(信息)?(公开)?(说明)?$")  # 单位预算公开: a unit's own report
# A title that names the department before the year: "某区卫生健康局2026年度部门整体绩效目标表"; or after it, right
# before the words of its own form: "2026年某县交通运输局部门预算公开", "2026年度某县农业农村局部门整体支出绩效目标表".
# After the year the name must end as a body's name does (局、委员会、中心 …): "2026年度部门整体绩效目标表" names none,
# nor "2026年度县级部门预算公开" (a level), nor a project's title ("2026年某某专项经费绩效目标表").
TITLE_NAME = r"[^\d\s:：,，。、;；（）()《》“”\"]"
BODY_END = "局|委|院|办|室|厅|中心|所|站|队|馆|会|部|处|科|署|府|社|团|校"  # how a body's name ends (…委员会, …办公室)
NAMED_TITLE = re.compile(rf"^(?P<before>{TITLE_NAME}{{2,30}}?)\s*\d{{4}}\s*年度?.*(绩效目标|部门预算|单位预算|项目支出|部门整体)"
                         rf"|^\d{{4}}\s*年度?\s*(?P<after>{TITLE_NAME}{{1,30}}?({BODY_END}))(\d{{4}}\s*年度?)?"
                         rf"(部门整体|部门预算|单位预算|项目支出)")
# The year may come again after the name: "2026年某县教育局2026年度项目支出绩效目标申报表".
# A cover's line that names only the level of the budget ("广东省省级部门预算", "某市市级部门预算", "2026年县级部门预算"):
# the series the document belongs to, not its title; a title line read after it, before any content, is the title.
SERIES_TITLE = re.compile(r"^(\d{4}\s*年度?)?\s*[^\s，。,]{0,12}?(省|市|县|区|州|旗|盟)本?级部门预算(公开)?$")
YEAR_LINE = re.compile(r"[（(]\d{4}\s*年度?[）)]")
TITLE_YEAR = re.compile(r"(\d{4})\s*年")  # the year a title names ("2026年度部门整体支出绩效目标表")
YEAR_VALUE = re.compile(r"(\d{4})\s*年?度?")
# A unit's code before its name, taken off the name (`code_before_name`).
UNIT_CODE = re.compile("^" + code_before_name(r"\d{3,}"))
# A code after the name, in brackets ("[123001]" or "（123001）"): "主管部门及代码 | 某县教育局[123001]".
CODE_AFTER = re.compile(r"\s*[\[【(（]\d{3,}[\]】)）]$")
# The level a place name ends with: a name's place ("某县") and the place of a unit under it ("某县某镇").
DIVISION = "省市县区州旗盟"
LOWER_DIVISION = re.compile(r"..*(市|县|区|旗|镇|乡|街道)$")
# A line that is only a body's name ("贵州省黔南州林业局", "某县第一中学"), as a cover writes it above the title.
COVER_NAME = re.compile(rf"{TITLE_NAME}{{2,30}}?({BODY_END}|学|园)")
# A unit's system code glued to its name, alone on a line of the form's head, as budget systems print it:
# "510115001某县第一中学", "[101001]某县教育局本级". Never a year ("2026年…"), a mobile number or a 20-digit 项目编码.
CODED_NAME = re.compile(code_before_name(r"(?!(19|20)\d\d\D)(?!1[3-9]\d{9}\D)\d{3,15}(?![\d年])")
                        + rf"{TITLE_NAME}{{1,30}}?({BODY_END}|学|园)(本级)?")
# The blank date a template prints after a date label ("填报日期：    年  月  日", "：____年__月__日"): nothing filed.
BLANK_DATE = re.compile(r"(?<=[:：])[\s_＿]*年[\s_＿]*月[\s_＿]*日\s*$")
SEALED = re.compile(r"[（(]\s*(盖章|公章|签章|章)\s*[）)]")  # "某县第一中学（盖章）": where the seal goes, no part of the name
EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's serial numbers of days (1900 date system)
EXCEL_LAST_DAY = 2958466  # 9999-12-31, the last day Excel counts

Placed = tuple[Cell, ...]  # the cells a reading took; empty when it did not apply
# The labels of the form's own lines (dates, contact, codes, year, money unit): what follows them is their value.
FORM_LABELS = {*DATE_LABELS, *FILER, *PHONE, *DEPARTMENT_CODES, *FISCAL_YEAR_LABELS, *MONEY_UNIT_LABELS}
# The labels of the form's own lines a filed form may leave blank ("联系电话：" and no number): nothing to read there.
BLANKABLE_LABELS = {*DATE_LABELS, *FILER, *PHONE, *DEPARTMENT_CODES}


def is_form_label(text: str) -> bool:
    """A label of the form's own lines, alone ("填报日期", "金额单位") or with its value ("填报日期：2025年1月10日",
    "单位：万元", "填报单位：某局", "实施单位：某中心", "项目名称：…", "项目资金：…"): a line to read as what it says,
    never a goal's name."""
    label = label_of(text)
    return normalize(label) in FORM_LABELS or department_label(label) is not None or project_line(text) is not None \
        or budget_line(text) is not None or personal_label(label)


def label_of(text: str) -> str:
    """The label of "label：value" in one text, or the whole text (a label cell)."""
    labelled = LABELLED_VALUE.match(text.strip())
    return labelled.group("label") if labelled else text


def personal_label(label: str) -> bool:
    """A person the content format has no field for: "项目负责人", "单位负责人（签字）", "联系人及电话"."""
    return any(PERSON_LABEL.match(key) for key in header_keys(label))


def personal_reasons(labels: list[str]) -> list[str | None]:
    """Why each text of a row or line (a label, "label：value", or a value) is not read: a person the content format has
    no field for (项目负责人), and the 联系电话 right after their name, which is theirs and not the filer's. None for
    every other text: a form's label between them (经办人) ends the person's part."""
    reasons: list[str | None] = []
    person: str | None = None
    for text in labels:
        label = label_of(text).strip().rstrip(":： ")
        if personal_label(label):
            person = label
            reasons.append(f"原表“{label}”是个人的姓名或联系方式，文件格式中没有对应的字段，未录入"
                           "（文件只录入填报人和联系电话，默认不公开）")
        elif person is not None and normalize(label) in PHONE:
            reasons.append(f"原表“{person}”的联系电话；文件格式中的联系电话是填报人的，这一项未录入")
            person = None
        else:
            reasons.append(None)
            person = None if is_form_label(text) else person
    return reasons


def blank_field(text: str) -> bool:
    """"联系电话：" or "联系电话" alone: the label of a contact, date or code field, as printed, with nothing filed; a date
    label with the blank date the template prints ("填报日期：    年  月  日", "____年__月__日") is one too."""
    key = re.sub(r"[_＿]", "", normalize(text))
    return key in BLANKABLE_LABELS or key.endswith("年月日") and key.removesuffix("年月日") in DATE_LABELS


def form_field(label: str, value: str) -> str | None:
    """The field a label of the form's own names, given its value: "contact.filer", "contact.phone", "department.code",
    "department.unit_code", or "fiscal_year" when the value is a year ("2026", "2026年"); None for any other label."""
    key = normalize(label)
    if key in FILER or key in PHONE:
        return "contact.filer" if key in FILER else "contact.phone"
    if key in DEPARTMENT_CODES:
        return f"department.{DEPARTMENT_CODES[key]}"
    if key in FISCAL_YEAR_LABELS and YEAR_VALUE.fullmatch(value):
        return "fiscal_year"
    return None


def labelled_field(text: str) -> tuple[str, str] | None:
    """"填报人：张三", "联系电话：0710-1234567", "单位代码：001003", "预算年度：2026" in one cell or line → (label, value)
    as written. A value followed by another label ("张三  联系电话：…") is not only this field's: not read here (a line
    of such pairs is read pair by pair, see `Assembler._label_pairs`)."""
    labelled = LABELLED_VALUE.match(text.strip())
    if labelled is None or NEXT_LABEL.search(labelled.group("value")):
        return None
    label, value = labelled.group("label").strip(), labelled.group("value").strip()
    return (label, value) if form_field(label, value) else None


def department_in_title(title: str) -> str | None:
    """"某区卫生健康局2026年度部门整体绩效目标表" → "某区卫生健康局": the name before the year in the title of a
    department's or its projects' form, or after it ("2026年某县交通运输局部门预算公开" → "某县交通运输局"); None
    when the title names none ("2026年度部门整体…", "关于2026年…")."""
    named = NAMED_TITLE.match(title.strip())
    if named is None or "关于" in (named.group("before") or ""):  # "某县财政局关于下达2026年…": the issuing body
        return None
    return named.group("before") or named.group("after")


def same_department(one: str, other: str) -> bool:
    """Two ways of writing one department's name: "某县教育局" and "县教育局" or "某县教育局（本级）", or an
    abbreviation ("某县卫健局" for "某县卫生健康局": its characters in the same order, ending the same). Another
    department's name ("某县卫生健康局" and "某县教育局") is not the same."""
    short, long = sorted((_bare_name(one), _bare_name(other)), key=len)
    rest = iter(long)
    return not short or (short[-1] == long[-1] and all(character in rest for character in short)
                         and not _lower_division(short, long))


def _lower_division(short: str, long: str) -> bool:
    """"桐庐县人民政府" in "桐庐县分水镇人民政府": the longer name puts a place of a lower level ("分水镇") right after
    the shorter one's place ("桐庐县"). That is a unit under it (a township and its county, a district's bureau and the
    city's), not an abbreviation, which drops characters inside the words of its function ("某县卫健局")."""
    matched: list[int] = []
    start = 0
    for character in short:
        start = long.index(character, start) + 1
        matched.append(start - 1)
    for before, after in zip(matched, matched[1:]):
        inserted = long[before + 1:after]
        if inserted and long[before] in DIVISION and LOWER_DIVISION.search(inserted):
            return True
    return False


def _split_code(text: str) -> tuple[str, str | None, str]:
    """"[017]××县司法局" or "某县教育局[123001]" → the name, the code's digits (leading zeros kept) and where the code
    stands (前面, 后面); a text without a code is all name."""
    code = UNIT_CODE.match(text) or CODE_AFTER.search(text)
    if code is None:
        return text, None, ""
    before = code.start() == 0
    name = (text[code.end():] if before else text[:code.start()]).strip()
    if not name:
        return text, None, ""
    return name, re.search(r"\d+", code.group(0)).group(0), "前面" if before else "后面"


def _bare_name(name: str) -> str:
    """A name without its code, a bracketed note ("（本级）") or a trailing 本级, as `same_department` compares it."""
    return re.sub(r"本级$", "", BRACKETED.sub("", UNIT_CODE.sub("", name)).replace(" ", "").replace("　", ""))


def labelled_department(text: str) -> tuple[str, str] | None:
    """"填报单位（盖章）：某县农业农村局" → ("填报单位", "某县农业农村局"): a department label and its value in one text.
    A value followed by another label ("某县农业农村局  填报日期：…") is not only a name: not read, it is listed."""
    labelled = LABELLED_VALUE.match(text.strip())
    key = department_label(labelled.group("label")) if labelled else None
    if labelled and key is None and normalize(labelled.group("label")) in ("单位", "部门") \
            and _unit_name(labelled.group("value").strip()):
        # "单位：(101001)某县教育局本级": a unit's name, where "单位：万元" gives the money unit; "部门：某县财政局" (a
        # notice's or a withheld-only file's head) names the department as 部门名称 does, a body's name after it only
        key = normalize(labelled.group("label"))
    if key is None or NEXT_LABEL.search(labelled.group("value")):
        return None
    return key, labelled.group("value").strip()


def _unit_name(value: str) -> bool:
    """A body's name, with or without its code in front ("(101001)某县教育局本级", "某县第一中学"): never a money unit."""
    return bool(CODED_NAME.fullmatch(value) or COVER_NAME.fullmatch(re.sub(r"本级$", "", value)))


def _is_supervisor(line: str) -> bool:
    """"主管部门：…": the department above the unit whose form it is."""
    labelled = labelled_department(line)
    return labelled is not None and labelled[0].startswith("主管部门")


def _whole_date(value: str) -> str | None:
    """The date that is all of a date label's value ("：2025年1月10日"), as written. A line that says more ("发布日期：
    2026-02-01  来源：某县司法局  浏览次数：123") is not read as a date: the rest of it would be dropped unseen."""
    value = value.strip().lstrip(":：").strip()
    return value if DATE.fullmatch(value) else None


def _no_date_reason(label: str, cell: Cell) -> str:
    """Why the value beside a date label is not read: no day is guessed. A number there is what the form shows, not
    a date: it may be the day's serial number (Excel counts days from 1899-12-30), which is said for the editor."""
    if cell.number and cell.text.isdigit() and 0 < int(cell.text) < EXCEL_LAST_DAY:
        day = EXCEL_EPOCH + dt.timedelta(days=int(cell.text))
        return (f"原表“{label}”一格是数字“{cell.text}”，不是日期（若是 Excel 的日期序号，即 {day.isoformat()}）；"
                "导入不猜测，未录入，请核对原表")
    return f"原表“{label}”写作“{cell.text}”，不是完整的年月日；导入不代填，未录入，请核对原表"


def _value_cell(following: Cell | None) -> bool:
    """The cell after a label holds its value, unless it is the next label ("联系电话 | 填报日期 | …": the phone left
    blank); then the label has no value and the next label is read as what it is."""
    return following is not None and not is_form_label(following.text)


class DepartmentFields(AssemblyState):
    def _metadata(self, text: str, location: str | None = None) -> bool:
        """Dates, money unit and contact written as a line of their own; a date that is no day of the calendar is
        not read (listed with why, at `location`)."""
        for label in DATE_LABELS:
            if text.startswith(label):
                written = _whole_date(text[len(label):])
                if written and self._date(label, written):
                    return True
                if written and location:
                    self.why_not[location] = impossible_date_reason(written)
        unit = MONEY_UNIT.fullmatch(text.strip())
        if unit:
            self._set_unit(unit.group(1))
            return True
        return False

    def _title(self, text: str, location: str = "") -> bool:
        """The form's title, and a "（2024年度）" line right under it, before any content. A cover's line naming only
        the budget's level (SERIES_TITLE) is the title until a title line comes: then it is listed, saying why."""
        if self.goals or self.projects or self.filing.get("funds"):
            return False
        is_title = not is_sentence(text) and bool(TITLE_WORDS.search(text) or SELF_EVALUATION_TITLE.search(text))
        series = self.series_title
        if is_title and series and self.filing.get("title") == series[0] and not SERIES_TITLE.fullmatch(text):
            self.placed.discard(series[1])
            self.why_not[series[1]] = (f"封面上的“{series[0]}”说的是预算的级次（哪一级的部门预算），不是本文件的标题；"
                                       f"文件名称按原表的“{text}”录入，这一行未录入")
            self.filing["title"], self.series_title = text, None
            return True
        if "title" not in self.filing and is_title:
            self.filing["title"] = text
            self.series_title = (text, location) if SERIES_TITLE.fullmatch(text) else None
            self._name_above_title(location)
            return True
        title = self.filing.get("title", "")
        if title and YEAR_LINE.fullmatch(text) and not YEAR_LINE.search(title):
            self.filing["title"] = title + text
            return True
        return False

    def _name_above_title(self, location: str) -> None:
        """"贵州省某某局" alone on the line right above "2025年部门预算绩效目标公开": the cover's name of whose document it
        is. Kept aside (`_name_from_cover`): read only if nothing else names the department."""
        blocks = self.document.blocks
        at = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.location == location), 0)
        above = blocks[at - 1] if at else None
        if isinstance(above, Paragraph) and above.location not in self.placed \
                and COVER_NAME.fullmatch(above.text.strip()):
            self.cover_name = (above.location, above.text.strip())

    def _name_from_cover(self) -> None:
        """No label, title or letter names the department, but the line above the title does: the editor takes it,
        visibly (before, the import stopped: "原文没有部门名称"). A project's 预算单位 names only a unit of it."""
        title = self.filing.get("title", "")
        if self.cover_name is None or self.filing.get("department", {}).get("name") or department_in_title(title):
            return
        location, name = self.cover_name
        self.filing.setdefault("department", {})["name"] = name
        self.placed.add(location)
        self.notes.append({"field": "department.name", "text": f"原表没有写部门名称的栏目；标题“{title}”上方单独一行写着"
                                                               f"“{name}”，编者取作部门名称。"})
        self.filing["notes"] = self.notes

    def _signature(self) -> Signature | None:
        """The 落款 ending a form that is no letter: its last two lines "某县第一中学（盖章）" and "2025年1月10日" (or one
        line "某县第一中学  2025年1月10日"), neither read. Before, both were listed as 未识别的段落 and the date lost."""
        blocks = self.document.blocks
        last = blocks[-1] if blocks else None
        if self.letter is not None or not isinstance(last, Paragraph) or last.location in self.placed:
            return None
        signed = LETTER_DATE.match(last.text.strip())
        if signed is None:
            return None
        unit, where = SEALED.sub("", signed.group("signer")).strip(), last.location
        above = blocks[-2] if len(blocks) > 1 else None
        if not unit and isinstance(above, Paragraph) and above.location not in self.placed:
            unit, where = SEALED.sub("", above.text).strip(), above.location
        if not COVER_NAME.fullmatch(unit):
            return None
        return Signature(where, unit, last.location, signed.group("date"), date_of(signed.group("date")))

    def _year_line(self, text: str, location: str) -> bool:
        """"（2026年度）" under a later sheet's heading (项目支出绩效目标表): the year the title (or the form's 预算年度)
        already gives, said again. Another year is listed: the filing has one year. Where neither gives a year (the
        title is a cover's, without one), the line is the form's year, as a 预算年度 cell would be."""
        if not YEAR_LINE.fullmatch(text):
            return False
        year = int(YEAR_VALUE.search(text).group(1))
        title = self.filing.get("title", "")
        in_title = TITLE_YEAR.search(title)
        stated = int(in_title.group(1)) if in_title else self.form_year.year if self.form_year else None
        if year == stated:
            return True
        if stated is None:  # the title names no year (a cover's, or the sheet's own title): this line gives it
            self.form_year = FormYear(year, "年度", text)
            return True
        compared = f"与标题“{title}”的年度不一致" if in_title else "与表中的预算年度不一致"
        self.why_not[location] = f"原表此行写的是 {year} 年度，{compared}；文件中预算年度只有一处，未录入，请核对"
        return False

    def _other_title(self, text: str, location: str) -> bool:
        """A title line once the filing has its title: the same title again (printed on every sheet) is that title;
        another sheet's own ("2026年项目支出汇总表") is listed, since the filing has one title."""
        title = self.filing.get("title")
        if not title or not TITLE_WORDS.search(text) or is_sentence(text):
            return False
        if text == title:
            return True
        self.why_not[location] = f"另一张表的标题；文件中文件名称只有一处，已按原表的“{title}”录入，这一行未录入"
        return False

    def _department_name(self, text: str, with_code: bool, location: str, line: str | None = None,
                         supervisor: bool = False) -> None:
        """The name as filed; a code in front of it ("[017]××县司法局") is the department's code, not its name.

        A name in a "填报单位：…" line (`line`, the whole text) stands until a table's name cell says it: the
        table's name is the department's, and a line that says another name is kept in a note. A name cell in a
        project's form naming another unit than the department ("单位名称 | 某县第一中学") is the project's unit, as
        its 预算单位 is, never the department's name. `supervisor`: the label is 主管部门's (see `_beside_supervisor`)."""
        name, digits, side = _split_code(text)
        department = self.filing.setdefault("department", {})
        known = department.get("name")
        # "[101]某县教育局" (主管部门) and "[101001]某县教育局本级" (单位名称): one name, two codes, two bodies
        other_code = digits is not None and self.name_codes.get(known or "") not in (None, digits)
        self.name_codes.setdefault(name, digits) if digits else None
        if known and (other_code or not same_department(known, name)) \
                and self._beside_supervisor(name, supervisor, line):
            self._name_says(name, location)
            self._name_code(text, digits, side, with_code, "supervisor" if supervisor else "name")
            return
        if self.project is not None and known and not same_department(known, name):
            self._put_budget_unit(self.project, name, f"“{line or text}”")
            return
        self._name_says(name, location)
        if line is not None and known and self.department_line is None:
            self._names_disagree(line, known, name)
            return
        if line is None and known and self.department_line is not None:
            self._names_disagree(self.department_line, name, known)
        self.department_line = line
        self.name_from_supervisor = supervisor
        department["name"] = name
        self._name_code(text, digits, side, with_code, "name")

    def _beside_supervisor(self, name: str, supervisor: bool, line: str | None) -> bool:
        """A form of a unit under a 主管部门 names both ("主管部门 | 某县教育局", "单位名称 | 某县第一中学"), in either
        order: the unit, whose form it is, is the filing's department, and the 主管部门 its `supervisor`. Neither
        name is dropped (the 主管部门's used to be written over, or to write over the unit's)."""
        department = self.filing["department"]
        if supervisor and not self.name_from_supervisor and department.get("supervisor") in (None, name):
            department["supervisor"] = name
            return True
        if supervisor or not self.name_from_supervisor or self.project is not None:
            return False
        department["supervisor"], department["name"] = department["name"], name
        self.name_from_supervisor, self.department_line = False, line
        self._name_notes_to_supervisor(department["supervisor"])
        return True

    def _name_notes_to_supervisor(self, supervisor: str) -> None:
        """The note on the code taken off the 主管部门's name, written while it was the filing's name, is the
        supervisor's now: it says so (before, it said 部门名称 was written as the supervisor's name)."""
        said = f"{field_label(Department, 'name')}写作“{supervisor}”。"
        for note in self.notes:
            if note.get("field") == "department.name" and note["text"].endswith(said):
                note["field"] = "department.supervisor"
                note["text"] = note["text"].removesuffix(said) \
                    + f"{field_label(Department, 'supervisor')}写作“{supervisor}”。"

    def _name_code(self, text: str, digits: str | None, side: str, with_code: bool, key: str) -> None:
        """The code written with a name: the 主管部门's code when its label says 代码 ("主管部门及代码"), else no part
        of the name, taken off with a note."""
        if digits is None:
            return
        if with_code:
            self.filing["department"]["code"] = digits
        else:
            name = self.filing["department"][key]
            self.notes.append({"field": f"department.{key}", "text": f"原表写作“{text}”；编者去掉{side}的编码，"
                                                                     f"{field_label(Department, key)}写作“{name}”。"})

    def _names_disagree(self, line: str, table_name: str, line_name: str) -> None:
        if line_name != table_name:
            self.notes.append({"field": "department.name", "text": f"原表“{line}”与表中的部门名称“{table_name}”不一致；"
                                                                   "编者按表中的部门名称录入。"})

    def _coded_name_line(self, text: str, location: str) -> bool:
        """"510115001某县第一中学" as a line of the form's head (CODED_NAME): the unit's code and name, read as a
        "单位名称：…" line is (the code taken off with a note). Before, the line was listed and, with no other name, the
        import stopped ("原文没有部门名称"). Not once projects or goals are read, nor when it names another unit."""
        known = self.filing.get("department", {}).get("name")
        if not CODED_NAME.fullmatch(text.strip()) or self.in_projects or self.project is not None or self.goals:
            return False
        if known is not None and not same_department(known, _split_code(text.strip())[0]):
            return False
        self._department_name(text.strip(), with_code=False, location=location, line=text.strip())
        return True

    def _department_line(self, text: str, location: str) -> bool:
        """"填报单位（盖章）：某县农业农村局" as a line of its own."""
        labelled = labelled_department(text)
        if labelled is None:
            return self._whole_form_unit_line(text, location)
        if self._second_name_line(text, location):
            return False
        self._department_name(labelled[1], with_code="代码" in labelled[0], location=location, line=text,
                              supervisor=labelled[0].startswith("主管部门"))
        return True

    def _whole_form_unit(self, label: str, value: str) -> bool:
        """"预算单位" naming the unit of a 部门整体 form (its title says 整体), before any project: whose form it is, as
        单位名称 says it (before, the line was listed as a project's field and, with no other name, the import stopped;
        a cell pair made a project that took the department's goals). Only where no other name was read, or the same
        one, or a 主管部门 the unit is under; in a project's form a 预算单位 stays the project's."""
        if "预算单位" not in header_keys(label) or self.project is not None or self.in_projects \
                or "整体" not in self.filing.get("title", ""):
            return False
        known, name = self.filing.get("department", {}).get("name"), _split_code(value.strip())[0]
        return bool(name) and (known is None or same_department(known, name) or self.name_from_supervisor)

    def _whole_form_unit_line(self, text: str, location: str) -> bool:
        """"预算单位：某县农业农村局" as a line (or one cell) of a 部门整体 form: its department (`_whole_form_unit`)."""
        labelled = LABELLED_VALUE.match(text.strip())
        if labelled is None or NEXT_LABEL.search(labelled.group("value")) \
                or not self._whole_form_unit(labelled.group("label"), labelled.group("value")):
            return False
        self._unit_as_department(labelled.group("value").strip(), location, line=text)
        return True

    def _unit_as_department(self, value: str, location: str, line: str | None = None) -> None:
        """The 预算单位 of a 部门整体 form read as its department's name, with a note when no other label named it."""
        named = self.filing.get("department", {}).get("name")
        if named is not None and not self.name_from_supervisor:
            return  # the same department as its name row says (`_whole_form_unit`): that name stands as filed
        self._department_name(value, with_code=False, location=location, line=line)
        name = self.filing["department"].get("name")
        if named is None and name:
            self.notes.append({"field": "department.name", "text": f"原表没有部门名称一栏；部门整体绩效目标表的预算单位为"
                                                                   f"“{value}”，编者取作部门名称“{name}”。"})

    def _second_name_line(self, text: str, location: str) -> bool:
        """A later "填报单位：…" (单位名称、部门名称 …) line naming another department than the line the name was read
        from (or the title) says: the filing has one name, so the first stands and this line is listed with the
        reason, as a second 填报人 is. A 主管部门 line above a 单位名称 line is no such pair: the unit is whose form it
        is."""
        labelled = labelled_department(text)
        first, known = self.department_line, self.filing.get("department", {}).get("name")
        if labelled is None or first is None or known is None or self.project is not None:
            return False  # in a project's form, another unit's name is the project's (`_department_name`)
        name = _split_code(labelled[1])[0]
        said = [known, *(s.value for s in self.form_said if s.aspect == "部门")]  # the title's name too
        supervisor_above = _is_supervisor(first) and not labelled[0].startswith("主管部门")
        supervisor_below = labelled[0].startswith("主管部门") and "supervisor" not in self.filing["department"]
        if any(same_department(one, name) for one in said) or supervisor_above or supervisor_below:
            return False
        self._name_says(name, location)  # a second form's name row all the same (several_filings)
        self.why_not[location] = (f"原表前面已有“{first}”，文件格式中部门名称只有一处，已按前一处录入，"
                                  "这一项未录入，请核对")
        return True

    def _department_text_row(self, row: FormRow) -> int:
        """部门职能 / 整体绩效目标 … | its text; in a project, 绩效目标 there is the project's goal.
        A column header beside the label (年度主要任务 | 任务名称) is no text: that row heads a table. The filing has
        one text per field: a second label of the same field (年度履职目标, then 年度总体目标) is listed, not
        written over the first."""
        if row.key not in DEPARTMENT_TEXTS or not row.rest or normalize(row.rest[0].text) in STRUCTURE_LABELS \
                or task_column(row.rest[0].text):
            return 0
        key = DEPARTMENT_TEXTS[row.key]
        if key == "overall_goal" and self.in_projects and self.project is not None:
            self._start_goal("年度", None, row.rest[0].text, origin=row.origin, same_project=True)
        elif key in self.filing:
            why = f"原表前面已有一栏录入为{field_label(Filing, key)}（文件格式中此项只有一处）；这一栏未录入，请核对"
            self.why_not.update({cell.location: why for cell in (row.first, row.rest[0])})
            return 1
        else:
            self.filing[key] = row.rest[0].text
        self._place(row.first, row.rest[0])
        return 1

    # ---- contact, codes, year and dates in a form row ---------------------------------------------
    def _contact_and_dates(self, present: list[Cell]) -> None:
        """Each cell may be a "label：value" or a label whose value is the next cell; first reading wins. A person the
        content format has no field for (项目负责人 | 李四 | 联系电话 | …) is listed, never read as the contact."""
        personal = self._personal_cells(present)
        for index, cell in enumerate(present):
            following = present[index + 1] if index + 1 < len(present) else None
            if cell.location in personal:
                continue
            for reading in (self._labelled_field, self._department_pair, self._labelled_department, self._date_pair,
                            self._field_pair):
                placed = reading(cell, following)
                if placed:
                    self._place(*placed)
                    break
            else:
                if self._metadata(cell.text) or (blank_field(cell.text) and not _value_cell(following)):
                    self._place(cell)  # a blank field's label is the form's print, not something filed

    def _personal_cells(self, present: list[Cell]) -> set[str]:
        """The cells of a person's name and number (`personal_reasons`), each listed with the reason: a label cell with
        the value cell after it, or "label：value" in one cell."""
        listed: dict[str, str] = {}
        for index, why in enumerate(personal_reasons([cell.text for cell in present])):
            cell = present[index]
            if why is None or cell.location in listed:
                continue
            following = present[index + 1] if index + 1 < len(present) else None
            pair = LABELLED_VALUE.match(cell.text.strip()) is None and _value_cell(following)
            listed.update({item.location: why for item in ((cell, following) if pair else (cell,)) if item})
        self.why_not.update(listed)
        return set(listed)

    def _personal_line(self, text: str, location: str) -> bool:
        """"项目负责人：李四" as a line, or a second, different "填报人：李四": listed with the reason; no other reading
        takes it (never a goal's text). A "联系电话：…" line right under "项目负责人：李四" is that person's number."""
        labelled = labelled_field(text)
        why = personal_reasons([self.line_above or "", text])[1] \
            or (self._contact_conflict(*labelled) if labelled else None)
        if why is not None:
            self.why_not[location] = why
        return why is not None

    def _form_field(self, label: str, value: str, *locations: str) -> bool:
        """A field of the form's own (填报人, 联系电话, 单位代码 …, 预算年度) from its label and value, whether they are two
        cells or one text: the same reading for both. The year is only the form's: the importer decides the filing's.
        The filing has one contact: a second, different one is not written over the first, it is listed (at
        `locations`) with the reason."""
        field = form_field(label, value)
        if field is None:
            return False
        if field == "fiscal_year":  # the first is the form's; another may start a second form (several_filings)
            return self._year_row_says(FormYear(int(YEAR_VALUE.fullmatch(value).group(1)), label, value), *locations)
        conflict = self._contact_conflict(label, value)
        if conflict:
            self.why_not.update(dict.fromkeys(locations, conflict))
            return False
        part, _, key = field.partition(".")
        self.filing.setdefault(part, {})[key] = value
        return True

    def _contact_conflict(self, label: str, value: str) -> str | None:
        """Why a 填报人 or 联系电话 is not read: the filing has one already, and it is another."""
        field = form_field(label, value)
        part, _, key = (field or "").partition(".")
        filed = self.filing.get("contact", {}).get(key) if part == "contact" else None
        if filed is None or filed == value:
            return None
        return f"原表前面已有“{label.strip()}”为“{filed}”，文件格式中联系人只有一处，已按前一处录入，这一项未录入，请核对"

    def _form_field_line(self, text: str, location: str | None = None) -> bool:
        """"填报人：张三" (联系电话、单位代码、预算年度 …) as a line, or in one cell, read as its two cells are."""
        labelled = labelled_field(text)
        return labelled is not None and self._form_field(*labelled, *filter(None, [location]))

    def _labelled_field(self, cell: Cell, following: Cell | None) -> Placed:
        return (cell,) if self._form_field_line(cell.text, cell.location) else ()

    def _field_pair(self, cell: Cell, following: Cell | None) -> Placed:
        if _value_cell(following) and normalize(cell.text) in DEPARTMENT_CODES \
                and (refused := code_refusal(cell.text, following)):
            self.why_not[following.location] = refused
            self.unread_numbers.add(following.location)
            return (cell,)
        return (cell, following) if _value_cell(following) \
            and self._form_field(cell.text, following.text, cell.location, following.location) else ()

    def _department_pair(self, cell: Cell, following: Cell | None) -> Placed:
        name_key = department_label(cell.text)
        if _value_cell(following) and name_key is None and self._whole_form_unit(cell.text, following.text):
            self._unit_as_department(following.text, following.location)  # "预算单位 | 某县农业农村局"
            return (cell, following)
        if not _value_cell(following) or name_key is None:
            return ()
        if why := self._second_name_cell(following.text, name_key, following.location):
            self.why_not.update({listed.location: why for listed in (cell, following)})
            return ()
        self._department_name(following.text, with_code="代码" in name_key, location=following.location,
                              supervisor=name_key.startswith("主管部门"))
        return (cell, following)

    def _second_name_cell(self, text: str, label: str, location: str) -> str | None:
        """Why a later name row of the department's form naming another department ("部门名称 | 某县教育局", then
        "单位名称 | 某县卫生健康局") is not read: the filing has one name (and one 主管部门), so the first stands and the
        row is listed, as a later "填报单位：…" line is. A unit's name beside its 主管部门's is no such row (see
        `_beside_supervisor`); in a project's form another unit's name is the project's (see `_department_name`)."""
        department = self.filing.get("department", {})
        known, name = department.get("name"), _split_code(text)[0]
        if known is None or self.department_line is not None or self.project is not None \
                or same_department(known, name):
            return None
        supervisor = label.startswith("主管部门")
        if supervisor and not self.name_from_supervisor and department.get("supervisor") in (None, name) \
                or not supervisor and self.name_from_supervisor:
            return None
        self._name_says(name, location)  # a second form's name row all the same (several_filings)
        first = department.get("supervisor") if supervisor and not self.name_from_supervisor else known
        return (f"原表前面已有{'主管部门' if supervisor else '部门名称'}“{first}”，文件格式中此项只有一处，已按前一处录入，"
                "这一项未录入，请核对")

    def _labelled_department(self, cell: Cell, following: Cell | None) -> Placed:
        return (cell,) if self._department_line(cell.text, cell.location) else ()

    def _date_pair(self, cell: Cell, following: Cell | None) -> Placed:
        key = normalize(cell.text)
        if following is None or key not in DATE_LABELS or not _value_cell(following):
            return ()
        if not DATE.search(following.text):
            self.why_not[following.location] = _no_date_reason(key, following)
            return (cell,)
        if not self._date(key, following.text):
            self.why_not[following.location] = impossible_date_reason(following.text)
            return ()
        return (cell, following)

    def _date(self, label: str, written: str) -> bool:
        """The date field a label (填报日期 …) names, from the date as written; False when it is no day of the calendar
        ("2026年2月30日"). One written in Chinese numerals ("二〇二六年一月二十日") is kept as filed in a note."""
        date = date_of(written)
        if date is None:
            return False
        key = DATE_LABELS[label]
        self.filing[key] = dt.date(*date)
        if in_numerals(written):
            self.notes.append({"field": key, "text": f"原表“{label}”写作“{written}”；编者读作 {self.filing[key].isoformat()}。"})
        return True

    # ---- when the filing is finished -------------------------------------------------------------
    def _title_from_parts(self) -> None:
        """No title line, but both part headings: the editor names the document after them, visibly."""
        if "title" in self.filing or not {"部门整体绩效目标", "预算项目绩效目标"} <= self.parts:
            return
        self.filing["title"] = "部门整体绩效目标和预算项目绩效目标"
        two = self.parts <= {"第一部分", "第二部分", "部门整体绩效目标", "预算项目绩效目标"}  # or a later part too
        self.notes.append({"field": "title", "text": "原文没有文件标题，只有“第一部分 部门整体绩效目标”和“第二部分 "
                                                     f"预算项目绩效目标”{'两个' if two else '等'}部分标题；"
                                                     "文件名称为编者据此拟定。"})
        self.filing["notes"] = self.notes

    def _name_from_list_supervisors(self) -> None:
        """A project list's 主管部门 column: one body on every row names the filing's department when nothing else does
        (the department lists its own projects); cells naming the filing's department say it, and are placed. Several
        bodies name none (a county's list of its departments' funds): never the first row's, nor a 预算单位 (see
        `_name_from_budget_unit`)."""
        bodies = list(dict.fromkeys(cell.text for cell in self.list_supervisors))
        named = self.filing.get("department", {}).get("name") or department_in_title(self.filing.get("title", ""))
        if not bodies or not named and len(bodies) > 1:
            return
        if not named:
            named = self.filing.setdefault("department", {})["name"] = UNIT_CODE.sub("", bodies[0])
            self.notes.append({"field": "department.name", "text": f"原文未单独写部门名称，项目表“主管部门”一列各行均为"
                                                                   f"“{bodies[0]}”；编者据此写作“{named}”。"})
            self.filing["notes"] = self.notes
        for cell in self.list_supervisors:
            if same_department(UNIT_CODE.sub("", cell.text), named):  # the filing's own department, as its name says
                self.why_not.pop(cell.location, None)
                self._place(cell)

    def _name_from_budget_unit(self) -> None:
        """No department name, but the project table's 预算单位: the editor derives the name, visibly. A title that
        names the department says it more directly: the importer takes that one (after content/'s)."""
        if self.filing.get("department", {}).get("name") or department_in_title(self.filing.get("title", "")):
            return
        units = [p.get("budget_unit") for p in self.projects if p.get("budget_unit")]
        if not units or len({cell.text for cell in self.list_supervisors}) > 1:
            return  # a list of several 主管部门's projects: the first row's is not the filing's department
        derived = re.sub(r"本级$", "", UNIT_CODE.sub("", units[0]))
        self.filing.setdefault("department", {})["name"] = derived
        self.notes.append({"field": "department.name", "text": f"原文未单独写部门名称，项目表的预算单位为“{units[0]}”；"
                                                               f"编者据此写作“{derived}”。"})
        self.filing["notes"] = self.notes
