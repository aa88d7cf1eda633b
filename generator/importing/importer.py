"""`gongkai import FILE`: read → recognise → complete what the form does not say → write → check.

What the form does not say (department id, region, year, kind) comes from the options, else from
the newest filing of the same department in content/, else the import stops and names the option.
A judgement the importer makes on the way (a year read from project names, a guessed money unit)
is written as an editorial note, like the hand-made seeds do.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..config import load_config
from ..loading import PROJECTS_SUFFIX, load_filing
from ..checks import run_checks
from ..models import KIND_SLUGS, Department
from ..problems import Report
from ..vocabulary import label
from ..yamlsource import YamlProblem, load_file
from .assemble import assemble
from .department import department_in_title, same_department
from .document import ImportFailure, SourceDocument
from .imported import FormYear, Imported
from .indicators import in_field_order
from .layouts import FIGURE_UNIT, MONEY_UNIT, MONEY_UNIT_IN_LABEL, impossible_date_reason
from .letter import DATE_FIELDS, title_kind
from .markup import without_export_markup
from .personal_text import without_personal_clauses
from .readers import read_document
from .text import SPACED_TABLE
from .yamlout import dump

YEAR_OF_TEXT = re.compile(r"(\d{4})\s*年度")
YEAR_OF_NAME = re.compile(r"^(\d{4})\s*年?")
# A title naming the years of a rolling plan ("2025—2027年项目支出绩效目标表", "2025年-2027年"): the first is the budget's.
TITLE_SPAN = re.compile(r"(\d{4})\s*年?度?\s*[—–\-－~～至到]+\s*(\d{4})\s*年")
TOP_ORDER = ("department", "fiscal_year", "kind", "title", "source", "publisher", "document_number", "index_number",
             "filed_on", "approved_on", "published_on", "money_unit", "contact", "notes", "funds", "functions",
             "annual_tasks", "tasks", "overall_goal", "sections", "goals", "projects")


@dataclass
class ImportOptions:
    output: Path | None = None
    department: str | None = None
    region: str | None = None
    year: int | None = None
    kind: str | None = None
    split: bool = False
    force: bool = False
    content_dir: Path = Path("content")
    config: Path = Path("site_config.yml")
    batch_outputs: frozenset[Path] = frozenset()  # written by earlier files of this command: never overwritten


@dataclass
class ImportResult:
    source: Path
    output: Path
    imported: Imported
    filing: dict[str, Any]
    remarks: tuple[str, ...]
    check: Report = field(default_factory=Report)


def import_file(path: Path, options: ImportOptions) -> ImportResult:
    document = read_document(path)
    imported = _read(document, options, path)
    year = imported.filing["fiscal_year"]
    # 实际完成值 of the filing's own year: 自评 results, not prior-year values; its 指标值 beside 指标值: a second value
    later = any(column_year > year for column_year in imported.column_years)  # a later year's targets: listed
    if year in imported.achieved_years or year in imported.value_years or later:
        imported = _read(document, options, path, own_year=year)
    filing = imported.filing
    notes = filing["notes"]
    without_export_markup(filing)
    imported.remarks += _editor_requests(filing)
    source = options.content_dir / "sources" / path.name
    if source.is_file() and source.read_bytes() == path.read_bytes():
        filing["source"] = path.name
    if not notes:
        filing.pop("notes")
    ordered = {key: filing[key] for key in TOP_ORDER if key in filing}
    output = options.output or (options.content_dir / filing["department"]["id"]
                                / f"{filing['fiscal_year']}-{KIND_SLUGS[filing['kind']]}.yml")
    if output in options.batch_outputs:
        raise ImportFailure(f"{output} 刚由本次导入的另一个原表写入，未覆盖：两个原表是同一部门、年度、类型的文件。"
                            "核对这两个原表，只导入其中一个，或用 --kind、--year 分别导入。")
    if output.exists() and not options.force:
        raise ImportFailure(f"{output} 已存在，未覆盖。确认要用导入结果替换它时加 --force，或用 -o 写到别的文件。")
    _write(output, ordered, path, options.split)
    result = ImportResult(path, output, imported, ordered, imported.remarks)
    result.check = _check(output, options)
    return result


# The end of a note that asks the editor to act ("……编者照原表录入，请核对编码开头的 0 是否在填表时丢失。"). Notes are
# published as 编者注 and a citizen can check nothing: the request is the import report's, the note keeps what it says.
EDITOR_REQUEST = re.compile(r"[，；。]?(请(?:核对|补录|确认|手工)[^。]*。)$")


def _editor_requests(filing: dict[str, Any]) -> tuple[str, ...]:
    """Every note (the filing's and each record's) ending with a request to the editor: the request taken out of the
    note, and given with the note's text as a remark of the report, once however many records carry the note."""
    found: dict[str, None] = {}
    for note in _notes_in(filing):
        request = EDITOR_REQUEST.search(note["text"])
        if request:
            note["text"] = note["text"][:request.start()] + "。"
            found[f"编者注“{note['text']}”{request.group(1)}"] = None
    return tuple(found)


def _notes_in(value: Any) -> list[dict[str, str]]:
    if isinstance(value, dict):
        own = [n for n in value.get("notes", []) if isinstance(n, dict) and isinstance(n.get("text"), str)]
        return own + [n for key, item in value.items() if key != "notes" for n in _notes_in(item)]
    if isinstance(value, list):
        return [n for item in value for n in _notes_in(item)]
    return []


def _read(document: SourceDocument, options: ImportOptions, path: Path, own_year: int | None = None) -> Imported:
    """The form read into a filing with its department, year, kind, title and unit. `own_year`: see `assemble`."""
    imported = assemble(document, own_year)
    filing = imported.filing
    imported.not_placed += without_personal_clauses(filing, document.blocks)  # a person's contact is never published
    if not any(filing.get(part) for part in ("goals", "projects", "funds", "tasks")):
        raise ImportFailure(f"{path}：没有找到绩效目标表（表头含“一级指标”“二级指标”“三级指标”“指标值”的表）、"
                            f"资金表或项目表，未写入任何文件。{_scanned_advice(document.remarks)}")
    notes = filing.setdefault("notes", [])
    _department(filing, options, path)
    _year(filing, options, notes, path, imported.form_year)
    _kind(filing, options, notes)
    _signed_date(imported, notes)
    _title_and_unit(filing, imported, notes)
    _prior_last_years(filing)
    return imported


def _department(filing: dict[str, Any], options: ImportOptions, path: Path) -> None:
    """The name as a label gives it, else as the department's files in content/ have it, else as the title says it."""
    department = filing.setdefault("department", {})
    known = _known_departments(options.content_dir)
    by_id = known.get(("id", options.department)) if options.department else None
    if not department.get("name") and by_id:
        department["name"] = by_id["name"]
        filing.setdefault("notes", []).append(
            {"field": "department.name", "text": _known_name_note(filing.get("title", ""), options.department,
                                                                  by_id["name"])})
    if not department.get("name"):
        _name_from_title(filing)
    name = department.get("name")
    by_name = known.get(("name", name)) if name else None
    department_id = options.department or (by_name or {}).get("id")
    region = options.region or (by_name or by_id or {}).get("region")
    if not department.get("name"):
        raise ImportFailure(f"{path}：原文没有部门名称，content/ 中也没有可参照的文件，未写入任何文件。"
                            "请用 --department 指定已有部门的标识，或先用 gongkai new 建立该部门。")
    if not department_id:
        raise ImportFailure(f"{path}：原文的部门名称是“{department['name']}”，content/ 中没有同名部门的文件，"
                            "无法确定部门标识，未写入任何文件。请用 --department 指定部门标识（如 ezhou-sfj），"
                            "并用 --region 指定地区标识。")
    if not region:
        raise ImportFailure(f"{path}：无法确定部门“{department['name']}”所属地区，未写入任何文件。"
                            "请用 --region 指定地区标识（须在 site_config.yml 的 regions 中定义）。")
    filing["department"] = {"id": department_id, "name": department["name"], "region": region} \
        | _same_every_year(filing, department, by_name or by_id)


# What a department's every filing must say alike (or the build stops), besides its id, name and region.
EVERY_YEAR = ("supervisor", "code", "unit_code")


def _same_every_year(filing: dict[str, Any], department: dict[str, Any],
                     known: dict[str, Any] | None) -> dict[str, str]:
    """The form's 主管部门 and department codes; one the form does not give is the department's files' (every filing
    of a department must say the same of it, or the build stops), with a note. One the form gives otherwise is kept
    as filed: `gongkai check` of the whole content then names the two files that differ."""
    fields = {key: department[key] for key in EVERY_YEAR if department.get(key)}
    for key in EVERY_YEAR:
        if key not in fields and known and known.get(key):
            fields[key] = known[key]
            filing.setdefault("notes", []).append(
                {"field": f"department.{key}", "text": f"原表未写{label(Department, key)}；编者按本部门已有文件写作"
                                                      f"“{known[key]}”。"})
    return fields


def _name_from_title(filing: dict[str, Any]) -> None:
    """No label names the department, but the title does, before its year or after it: the editor takes that name,
    visibly."""
    title = filing.get("title", "")
    name = department_in_title(title)
    if name is None:
        return
    filing["department"]["name"] = name
    filing.setdefault("notes", []).append(
        {"field": "department.name", "text": f"原表没有写部门名称的栏目；标题为“{title}”，编者取标题中年度{_side(title, name)}的"
                                             f"“{name}”作为部门名称。"})


def _side(title: str, name: str) -> str:
    """Where the title names the department: before its year (it opens with the name) or after it."""
    return "前" if title.strip().startswith(name) else "后"


def _known_name_note(title: str, department_id: str, known: str) -> str:
    """The note on a name taken from the department's files in content/ (they win over a title): what the title, if
    it names the department, says of it, so that the note never says the form names none."""
    kept = f"编者按部门标识 {department_id} 已有文件中的名称写作“{known}”。"
    named = department_in_title(title)
    if named is None:
        return "原文未写部门名称；" + kept
    said = f"原表没有写部门名称的栏目；标题为“{title}”，标题中年度{_side(title, named)}的“{named}”"
    if named == known:
        return f"{said}与部门标识 {department_id} 已有文件中的名称相同，编者按此录入。"
    return f"{said}与已有文件中的名称不同；{kept}请核对。"


def _known_departments(content_dir: Path) -> dict[tuple[str, str | None], dict[str, Any]]:
    """The newest filing's department record for each department id and name in content/."""
    found: dict[tuple[str, str | None], tuple[int, dict[str, Any]]] = {}
    if not content_dir.is_dir():
        return {}
    for path in sorted(content_dir.glob("*/*.yml")):
        try:
            data = load_file(path).data
        except YamlProblem:
            continue
        if not isinstance(data, dict) or not isinstance(data.get("department"), dict):
            continue
        year = data.get("fiscal_year") if isinstance(data.get("fiscal_year"), int) else 0
        department = data["department"]
        for key in (("id", department.get("id")), ("name", department.get("name"))):
            if key not in found or found[key][0] <= year:
                found[key] = (year, department)
    return {key: value for key, (_, value) in found.items()}


def _year(filing: dict[str, Any], options: ImportOptions, notes: list[dict[str, str]], path: Path,
          form_year: FormYear | None) -> None:
    """--year, else the title's year, else the form's own 预算年度, else a judgement (from the goal's text, the filing
    date, the project names) with a note. A 预算年度 the form writes that is not the year used is kept in a note."""
    if options.year:
        filing["fiscal_year"] = options.year
        # The note is shown on the public site: it says who chose the year, not how the command was typed.
        _form_year_differs(form_year, options.year, f"编者指定的预算年度 {options.year}", "指定的年度",
                           "编者指定的年度优先于原表所写", notes)
        return
    title = filing.get("title", "")
    span = TITLE_SPAN.search(title)
    if span and int(span.group(1)) < int(span.group(2)):
        # before, the last year of the span was read (2027 for a 2025 budget's three-year plan)
        filing["fiscal_year"] = int(span.group(1))
        notes.append({"field": "fiscal_year", "text": f"标题“{title}”写的是 {span.group(1)}—{span.group(2)} 年几个年度；"
                                                      f"编者取第一年 {span.group(1)} 年作为预算年度。"})
        _form_year_differs(form_year, int(span.group(1)), f"标题“{title}”中的 {span.group(1)} 年", "标题",
                           "导入先取标题中的年度", notes)
        return
    match = re.search(r"(\d{4})\s*年", title)
    if match:
        filing["fiscal_year"] = int(match.group(1))
        _form_year_differs(form_year, int(match.group(1)), f"标题“{title}”中的 {match.group(1)} 年", "标题",
                           "导入先取标题中的年度", notes)
        return
    if form_year is not None:
        filing["fiscal_year"] = form_year.year
        return
    texts = " ".join(str(filing.get(key, "")) for key in ("overall_goal", "annual_tasks"))
    match = YEAR_OF_TEXT.search(texts)
    if match:
        filing["fiscal_year"] = int(match.group(1))
        notes.append({"field": "fiscal_year", "text": f"原文未在标题中写预算年度；总体目标写“{match.group(0)}”，编者据此判断。"})
        return
    filed = filing.get("filed_on")
    if filed is not None:
        year = filed.year + 1 if filed.month >= 7 else filed.year
        filing["fiscal_year"] = year
        notes.append({"field": "fiscal_year", "text": f"原表未写预算年度；填报日期为 {filed.year} 年 {filed.month} 月 "
                                                      f"{filed.day} 日，编者据此判断为 {year} 年度。"})
        return
    years = [int(m.group(1)) for p in filing.get("projects", []) if (m := YEAR_OF_NAME.match(str(p.get("name", ""))))]
    if years:
        year = max(set(years), key=years.count)
        filing["fiscal_year"] = year
        example = next(p["name"] for p in filing["projects"] if str(p.get("name", "")).startswith(str(year)))
        notes.append({"field": "fiscal_year", "text": f"原文未写预算年度；项目名称（如“{example}”）"
                                                      f"指向 {year} 年度，编者据此判断。"})
        return
    raise ImportFailure(f"{path}：原文没有写预算年度，也无法从标题、填报日期或项目名称判断，未写入任何文件。"
                        "请用 --year 指定预算年度（如 --year 2025）。")


def _form_year_differs(form_year: FormYear | None, year: int, other: str, used: str, why: str,
                       notes: list[dict[str, str]]) -> None:
    """The form's 预算年度 is not the year used: both are said, and which one the filing has and why."""
    if form_year is None or form_year.year == year:
        return
    notes.append({"field": "fiscal_year", "text": f"原表的“{form_year.label}”为“{form_year.value}”，与{other}不一致；"
                                                  f"编者按{used}录入为 {year} 年度（{why}）。"})


# A letter's kind read from what it does: "关于下达…的通知" is a 批复 as the content format defines it, a department's
# "关于报送…的报告" to the 财政 body a 申报.
LETTER_KIND_NOTES = {
    "批复": "原文是财政部门下达绩效目标的公文“{title}”；财政部门批复或下达的绩效目标，本网站都列为批复。",
    "申报": "原文是部门向财政部门报送绩效目标的公文“{title}”；编者按申报录入。",
}


def _kind(filing: dict[str, Any], options: ImportOptions, notes: list[dict[str, str]]) -> None:
    """--kind, else what the title says: a letter's by what it does (a 批复 may name the 申报 it answers), a form's
    by its words. Only the title says it: a sentence of the text that mentions 批复 or 公开 does not."""
    if options.kind:
        filing["kind"] = options.kind
        return
    title = filing.get("title", "")
    if title_kind(title):
        filing["kind"] = title_kind(title)
        if filing["kind"] not in title:  # a letter that says what it does, not the kind's word: the reading is noted
            notes.append({"field": "kind", "text": LETTER_KIND_NOTES[filing["kind"]].format(title=title)})
        return
    filing["kind"] = "公开"
    notes.append({"field": "kind", "text": "原文未写明是申报、批复还是公开文件；编者按公开文件录入。"})


def _signed_date(imported: Imported, notes: list[dict[str, str]]) -> None:
    """The 落款 at the end of a form (`Imported.signature`): signed by the department, its date is the filing's date of
    its kind (a 申报's filed_on, a 公开's published_on), noted; the name line says the name the filing has and is not
    listed. A date that disagrees with the form's "填报日期" stays listed with why; another body's 落款 (a 财政局's
    on a 批复) stays listed as it was."""
    signature, filing = imported.signature, imported.filing
    fields = DATE_FIELDS.get(filing["kind"]) if filing["kind"] != "批复" else None
    if signature is None or fields is None or not same_department(signature.unit, filing["department"]["name"]):
        return
    key, label = fields
    read = {signature.unit_location: ""}
    day, known = (dt.date(*signature.day) if signature.day else None), filing.get(key)
    if day is None:
        read[signature.date_location] = f"落款的{impossible_date_reason(signature.date_text)}"
    elif known not in (None, day):
        read[signature.date_location] = f"落款的日期与原表的“{label}”不一致；已按“{label}”录入，这一行未录入，请核对"
    else:
        read[signature.date_location] = ""  # the filing's date, or the one the form's "填报日期" gave already
    if day is not None and known is None:
        filing[key] = day
        notes.append({"field": key, "text": f"原表没有“{label}”一栏；编者取表末落款“{signature.unit}”的日期"
                                            f"“{signature.date_text}”作为{label}。"})
    imported.not_placed = [(location, text, read.get(location) or why) for location, text, why in imported.not_placed
                           if read.get(location, "-") != ""]


SCANNED_PAGE = re.compile(r"^第(\d+)页没有文字层")  # the PDF reader's remark on a page that is only an image


def _scanned_advice(remarks: tuple[str, ...]) -> str:
    """What to do when nothing was found: a PDF whose other pages are scans (a typed cover over scanned forms) has
    its forms on those pages, and needs OCR; said so, rather than only that the file holds no form."""
    pages = [found.group(1) for remark in remarks if (found := SCANNED_PAGE.match(remark))]
    spaced = next((remark for remark in remarks if remark.startswith(SPACED_TABLE)), None)
    if spaced:  # copied text whose table has spaces between its cells (text.py)
        return spaced
    if not pages:
        return "请确认文件是部门或项目的绩效目标表。"
    shown = "、".join(pages[:5]) + ("等" if len(pages) > 5 else "")
    return (f"PDF 的第{shown}页没有文字层（可能是扫描件或图片），表格多半在这些页上：请先用文字识别（OCR）软件把它转成"
            "带文字的 PDF 或 Word 文档，再导入。")


def _title_and_unit(filing: dict[str, Any], imported: Imported, notes: list[dict[str, str]]) -> None:
    year = filing["fiscal_year"]
    title = filing.get("title")
    if title == "部门整体绩效目标和预算项目绩效目标":
        filing["title"] = f"{year}年度{title}"
    elif not title:
        filing["title"] = f"{year}年度绩效目标"
        notes.append({"field": "title", "text": "原文没有文件标题；文件名称为编者拟定。"})
    if imported.money_unit_found:
        return
    amounts = _amounts({key: filing[key] for key in ("funds", "tasks", "projects") if key in filing})
    left_out = [text for _, text, _ in imported.not_placed]
    if not amounts:  # nothing to read a unit from: the field is required, so the editor writes one, and says so
        filing["money_unit"] = "万元"
        notes.append({"field": "money_unit", "text": f"{_no_amount_read(left_out)}；每份文件都写金额单位，"
                                                     "编者写作万元，本文件没有金额用到它。"})
        if left_out:  # what to do about it is the editor's: the report says so, the published note does not
            imported.remarks += ("导入没有读入任何金额，也没有读到金额单位，原表还有未放入文件的内容（见“未放入”）："
                                 "其中有金额或金额单位时，请手工录入，并改正编者写作万元的金额单位（money_unit）。",)
        return
    unit = "元" if max(amounts) >= 100000 else "万元"
    filing["money_unit"] = unit
    shown = next((t for t in left_out if _writes_unit(t)), None)
    notes.append({"field": "money_unit", "text": f"{_no_unit_read(shown)}；编者按各项金额的量级（如 {amounts[0]}）"
                                                 f"读作{unit}。"})
    if shown is not None:
        quoted = shown if len(shown) <= 60 else shown[:60] + "…"
        imported.remarks += (f"原表未放入文件的内容中写有金额单位（“{quoted}”）；文件的金额单位是按各项金额的量级"
                             f"读作的{unit}，请对照这一处核对。",)


# The notes below are published (编者注 on the site): they say what the filing holds and what the form writes, never
# "见导入报告", a report citizens do not see; the editor's part is a remark of the import report.
def _no_amount_read(left_out: list[str]) -> str:
    """What the note may say of a file without amounts: that the form has none only when all of it was placed."""
    if not left_out:
        return "原表没有金额，也未写金额单位"
    return "本文件没有录入任何金额，也没有读到原表的金额单位"


def _writes_unit(text: str) -> bool:
    return bool(MONEY_UNIT.search(text) or FIGURE_UNIT.search(text) or MONEY_UNIT_IN_LABEL.search(text))


def _no_unit_read(shown: str | None) -> str:
    """What the note may say of the unit: that the form writes none only when nothing left out (`shown`) shows one."""
    if shown is not None:
        return "原表写金额单位的文字没有录入本文件"
    return "原表未写金额单位"


def _amounts(value: Any) -> list[Decimal]:
    """Every amount in the filing's funds, tasks and project budgets, in the order written."""
    if isinstance(value, Decimal):
        return [value]
    if isinstance(value, dict):
        return [a for key, item in value.items() if key != "notes" for a in _amounts(item)]
    if isinstance(value, list):
        return [a for item in value for a in _amounts(item)]
    return []


def _prior_last_years(filing: dict[str, Any]) -> None:
    """Year columns once the fiscal year is known: "上年指标值" is the year before it ("前年值" the one before that),
    and a column headed with the fiscal year itself ("2025年目标值") holds the value, not a prior year."""
    year = filing["fiscal_year"]
    back = {"last": year - 1, "before_last": year - 2}
    goals = list(filing.get("goals", [])) + [g for p in filing.get("projects", []) for g in p.get("goals", [])]
    for goal in goals:
        years = goal.get("prior_years", [])
        if not set(back) & set(years) and year not in years:
            continue
        goal["prior_years"] = [y for y in (back.get(y, y) for y in years) if y != year]
        if not goal["prior_years"]:
            del goal["prior_years"]
        for index, indicator in enumerate(goal.get("indicators", [])):
            prior = indicator.get("prior", {})
            if set(back) & set(prior):  # the years in the columns' order
                prior = indicator["prior"] = {back.get(y, y): text for y, text in prior.items()}
            if year in prior:
                current = prior.pop(year)
                indicator.setdefault("value", current)
            if "prior" in indicator and not prior:
                del indicator["prior"]
            goal["indicators"][index] = in_field_order(indicator)


def _write(output: Path, filing: dict[str, Any], source: Path, split: bool) -> None:
    header = (f"# 由 gongkai import 从 {source.name} 导入。请核对编者注（notes）和导入报告中“未放入”的内容，"
              "再运行 gongkai check。\n")
    output.parent.mkdir(parents=True, exist_ok=True)
    folder = output.with_suffix(PROJECTS_SUFFIX)
    projects = filing.get("projects", [])
    if split and projects:
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir()
        width = max(2, len(str(len(projects))))
        for index, project in enumerate(projects, 1):
            (folder / f"{index:0{width}d}-{_project_label(project)}.yml").write_text(dump(project), encoding="utf-8")
        filing = {key: value for key, value in filing.items() if key != "projects"}
    output.write_text(dump(filing, header), encoding="utf-8")


def _project_label(project: dict[str, Any]) -> str:
    if "withheld" in project:
        low, high = project["withheld"]["numbers"]
        return f"{low}-{high}-withheld"
    return str(project.get("code") or project.get("id") or f"p{project.get('number', '')}")


def _check(output: Path, options: ImportOptions) -> Report:
    report = Report()
    config, problems = load_config(options.config)
    report.extend(problems)
    loaded, problems = load_filing(output)
    report.extend(problems)
    if loaded is not None:
        report.extend(run_checks([loaded], config, options.content_dir))
    return report
