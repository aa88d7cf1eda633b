"""Projects: headings, withheld notices, one-line budget titles, form rows and project lists."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..models import Project
from ..vocabulary import label as field_label
from .document import Cell, Table
from .funds import amount, filed_amount, grouped_amount
from .spreadsheet import EXCEL_DIGITS
from .layouts import (BRACKETED, BUDGET_FIELDS, BUDGET_LINE_LABELS, LABELLED_VALUE, MONEY_UNIT_IN_LABEL, NEXT_LABEL,
                      PROJECT_COLUMNS, QUARTER_END, attached_part, indicator_column, is_indicator_header, normalize,
                      looked_up, project_list_column, project_row_column, split_head, code_before_name)

# "1、2025年省级社区矫正专项补助资金绩效目标表", "1.2025年劳务派遣人员经费绩效目标表"
HEADING = re.compile(r"^(\d+)\s*[、.．]\s*(.+?)(项目)?(支出)?绩效目标(申报|批复)?表$")
UNNUMBERED = re.compile(r"^(?![\d、.．]).{0,40}绩效目标表$")
# A project's heading above its form, numbered in other provinces' ways: "项目一：农村公路养护" (any name after the
# number), "（一）农村公路养护项目", "1.农村公路养护项目" (there only a name ending in 项目 says it is a project).
NUMERAL = r"\d{1,3}|[一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九]"
NUMBERED_HEADINGS = (re.compile(rf"^项目\s*({NUMERAL})\s*[：:、.．]\s*(\S.{{0,38}})$"),
                     re.compile(rf"^[（(]({NUMERAL})[）)]\s*([^，。；,;：:]{{0,38}}项目)$"),
                     re.compile(r"^(\d{1,3})\s*[、.．]\s*([^，。；,;：:\d][^，。；,;：:]{0,37}项目)$"))
# "6-13号项目信息因涉及保密要求，项目绩效目标暂不公开。", "第6号至第13号项目因涉密不予公开", "序号6—13的项目…", one
# project alone: "第7号项目涉密，不予公开" (its numbers are [7, 7]), and several apart by 、 (和、及): "第6、8、10号项目…",
# "6号、8号项目…", "第6-8、11号项目…", and without 第 a bare list: "6、8、10号项目…". Only a bare number at the head of
# the line before one more number or range ("2、3号项目…") may number the paragraph instead, as "1、" does before
# "第7号项目": see `_paragraph_number`. The numbers may be written in Chinese numerals, as headings number projects
# ("第二至三号项目…", "第十一、十二号项目…"): read by `numeral`.
WITHHELD_NUMBER = rf"(?:\d+|{NUMERAL})"
ROW_NUMBER = re.compile(rf"[（(]?({NUMERAL})[)）]?[、.．]?")  # a project row's 序号 as lists write it: `row_number`
WITHHELD_SPAN = rf"{WITHHELD_NUMBER}\s*[号项]?\s*[-－—–~～至到]\s*第?\s*{WITHHELD_NUMBER}\s*[号项]?"
WITHHELD_SEP = r"\s*[、和及]\s*"
WITHHELD_LAST = rf"(?:{WITHHELD_SPAN}\s*的?|{WITHHELD_NUMBER}\s*号)"
WITHHELD_NUMBERS = (rf"第\s*(?:(?:{WITHHELD_SPAN}|{WITHHELD_NUMBER}\s*[号项]?){WITHHELD_SEP}第?\s*)*"
                    rf"(?:{WITHHELD_LAST}|{WITHHELD_NUMBER}\s*项)"
                    rf"|(?:(?:{WITHHELD_SPAN}|{WITHHELD_NUMBER}\s*号?){WITHHELD_SEP})*{WITHHELD_LAST}")
WITHHELD_WORDS = r"(不予公开|暂不公开|不宜公开|不公开)"
# A group's number written before its name in one cell ("二、所属单位", "（一）某县教育局本级", "一 某县第一中学"); a
# name that starts with a numeral ("十堰市…") has no mark after it.
GROUP_PREFIX = re.compile(r"^(?:[一二三四五六七八九十]+(?:\s*[、.．]\s*|\s+)|[（(][一二三四五六七八九十]+[）)]\s*)(?=\S)")
# A unit as a finance system prints it, its code before its name: "101001 某县教育局本级", "[101002]某县第一中学",
# "101-某县教育局". The code says it is a unit (a school's, a kindergarten's name too), never a project.
CODED_UNIT = re.compile("^" + code_before_name(r"\d{3,15}") +
                        r"\S{2,30}(局|院|所|中心|本级|委员会|办公室|队|站|处|科|学|校|园)$")
WITHHELD = re.compile(rf"(?P<numbers>{WITHHELD_NUMBERS})\s*项目.*?{WITHHELD_WORDS}")
# The numbers listed after the words, behind a colon: "以下项目因涉及国家秘密不予公开：第3号、第4号项目".
WITHHELD_LISTED = re.compile(rf"项目[^：:]*?{WITHHELD_WORDS}[^：:，,。；;]*[：:]\s*(?P<numbers>{WITHHELD_NUMBERS})")
# A notice that names no number, its colon closing the line right after the words ("以下项目因涉及国家秘密不予公开：",
# "不予公开的项目如下："), maybe with words that lead into the list ("……不予公开，具体为：", "……，分别是："), or naming
# the projects by what withholds them ("涉密项目如下：", "涉及国家秘密的项目有："; never 非涉密): the projects it withholds
# are the lines right under it, each a number and a name ("5.2026年战备公路养护经费", "（6）……"). Not a heading of reasons
# ("项目不予公开的原因说明："): its lines are no projects.
WITHHELD_LEAD_IN = r"(?:[，,]?\s*(?:具体|分别)?(?:如下|为|是|有|包括))?"
WITHHELD_SECRET = r"(?<![不非未无])(?:涉密|涉及[^：:，,。；;]{0,8}秘密)"
WITHHELD_HEAD = re.compile(rf"(?:项目[^：:]*?{WITHHELD_WORDS}|{WITHHELD_WORDS}的?项目|{WITHHELD_SECRET}的?项目)"
                           rf"{WITHHELD_LEAD_IN}\s*[：:]$")
WITHHELD_ITEM = re.compile(r"^(?:(?P<number>\d+)\s*[、.．]|[（(](?P<bracketed>\d+)[）)])\s*\S")
# A notice that withholds the thing the heading above it names, no number in it ("该转移支付涉密，不予公开。", "本项目因
# 涉密暂不公开"), under a numbered heading ("二、战备物资储备补助资金"): `heading_withheld`.
THIS_WITHHELD = re.compile(rf"^(?:该|本|此)(?:项目|转移支付|专项资金|专项|资金|政策)[^。；;]*?{WITHHELD_WORDS}")
CHAPTER_WORDS = ("说明", "情况", "措施", "事项", "目标", "职责", "职能", "概况")  # a filing's chapter, never a project
CHAPTER_HEADING = re.compile(rf"^({NUMERAL})\s*[、.．]\s*([^。；;，,：:]{{2,38}})$")
# A heading numbered as a document numbers its parts, not as a project's ("一、农村公路养护补助资金", "（二）耕地地力保护
# 补贴资金", "3. 困难群众生活补助", "第四项 农村公路养护"): a project's only where the form right under it names that
# project (`form_heading`), and then its number is the project's, as the department numbered it.
PART_HEADINGS = (CHAPTER_HEADING, re.compile(rf"^[（(]({NUMERAL})[）)]\s*([^。；;，,：:]{{2,38}})$"),
                 re.compile(rf"^第\s*({NUMERAL})\s*项\s*[：:、.．]?\s*([^。；;，,：:]{{2,38}})$"))
# Notices one after another on a line, each ending at its semicolon or full stop (`_notices`).
NOTICE_END = re.compile(r"(?<=[；;。])")
HEAD_NUMBER = re.compile(rf"{WITHHELD_NUMBER}\s*、")  # "2、": a bare number that may be the paragraph's own
# each number or range listed
WITHHELD_RANGE = re.compile(rf"({WITHHELD_NUMBER})(?:\s*[号项]?\s*[-－—–~～至到]\s*第?\s*({WITHHELD_NUMBER}))?")
REASON = re.compile(r"因(.+?)(?:[，,、。；;]|而?(?:不予|暂不|不宜|不)公开)")
# A reason said without 因, as the clause that says why: "第3-5号项目涉密，暂不公开" (涉密), "…项目涉及商业秘密，不予公开"
# (涉及商业秘密), or before the projects it names ("涉密项目如下：": 涉密). Only 涉密 or 涉及… says why (涉农资金 is a kind of
# fund); never 不涉密, and never words inside a law's title (`BOOK_TITLE` is taken out first).
CAUSE = re.compile(r"(?<![不非未无])((?:涉密|涉及)[^，,、。；;：:]*?)\s*"
                   r"(?:而|的?项目|[，,、。；;：:]|(?:不予|暂不|不宜|不)公开(?:[，,。；;]|$)|$)")
BOOK_TITLE = re.compile(r"《[^》]*》")
# the law named, with the article it cites ("《政府信息公开条例》第十四条"), not the words after it
LEGAL_BASIS = re.compile(r"(?:根据|依据|按照)(《[^》]+》(?:第[\d一二三四五六七八九十百零〇]+[条款项])*)")
# "法律援助;总金额:48 万元；当年支出计划:48 万元；"
BUDGET_TITLE = re.compile(r"^(?P<name>[^;；:：]+)[;；]\s*(?P<rest>(?:[^;；:：]+[:：]\s*[\d.]+\s*(?:万元|元)?\s*[;；]?\s*)+)$")
BUDGET_PART = re.compile(r"([^;；:：]+)[:：]\s*([\d.]+)\s*(万元|元)?")
# "年度资金总额 85.00万元，其中财政拨款 85.00万元": clauses apart at a comma (not one grouping digits: 1,250.00) or a
# semicolon; each one budget word, an amount as filed and maybe its unit.
CLAUSE_BREAK = re.compile(r"[，；;。、]|,(?!\d{3}(?:\D|$))")
BUDGET_CLAUSE = re.compile(r"(?P<word>\D*?[^\d\s:：])\s*[:：]?\s*(?P<figure>-?\d[\d,]*(?:\.\d+)?)\s*(?P<unit>万元|元)?")


def heading(text: str) -> tuple[int, str] | None:
    """A project's heading: its number and the name it gives."""
    for pattern in (HEADING, *NUMBERED_HEADINGS):
        match = pattern.match(text)
        if match:
            return numeral(match.group(1)), match.group(2)
    return None


def row_number(text: str) -> int | None:
    """A project row's 序号 as its number: "12", and as a list writes it, "2.", "2、", "（二）", "二" (as headings number
    projects); None for any other ("1.1" under a group, "二、所属单位")."""
    if text.isdigit():
        return int(text)
    written = ROW_NUMBER.fullmatch(text.strip())
    return numeral(written.group(1)) if written else None


def numeral(text: str) -> int:
    """"12", "十二", "二十三" → the number."""
    if text.isdigit():
        return int(text)
    digits = {d: n for n, d in enumerate("一二三四五六七八九", 1)}
    tens, _, ones = text.rpartition("十")
    if "十" not in text:
        return digits[text]
    return digits.get(tens, 1) * 10 + digits.get(ones, 0)


def unnumbered_heading(text: str) -> bool:
    """"法律援助绩效目标表": one project's table, not a department's (部门整体…) form, nor an attachment's title naming
    all the projects' forms ("附件2：2026年项目支出绩效目标表")."""
    return bool(UNNUMBERED.match(text)) and "部门" not in text and "整体" not in text and attached_part(text) is None


def withheld(text: str, published: frozenset[int] = frozenset()) -> list[dict[str, Any]]:
    """The withheld records a notice gives: one per range or number it lists (a record holds one run of numbers),
    each with the notice's reason and basis; none for any other text. `published`: the numbers of the projects read
    so far, which no notice withholds (see `_paragraph_number`)."""
    notices = _notices(text)
    if len(notices) == 1:
        return _withheld(text, published)
    records = [record for notice in notices for record in _withheld(notice, published)]
    for record in records:
        record.setdefault("notes", []).append(
            {"field": "withheld.notice", "text": f"原文一行写了{len(notices)}条不公开说明（“{text}”）；"
                                                 "编者逐条录入，各条的说明、理由和依据取各自的文字。"})
    return records


def _notices(text: str) -> list[str]:
    """The notices a line gives one after another ("第6号项目因涉密暂不公开；第7号项目涉及商业秘密，不予公开。"), each
    with its own numbers and reason; the whole line when only one sentence of it withholds (a sentence after it may
    give its law: "……暂不公开。依据《……》第十四条。")."""
    sentences = [part for part in NOTICE_END.split(text) if part.strip()]
    notices = [part.strip().rstrip("；;") for part in sentences if _withheld_match(part)]
    return notices if len(notices) > 1 and len(notices) == len(sentences) else [text]


def _withheld_match(text: str) -> re.Match[str] | None:
    return WITHHELD.search(text) or WITHHELD_LISTED.search(text)


def _withheld(text: str, published: frozenset[int]) -> list[dict[str, Any]]:
    """The records of one notice."""
    match = _withheld_match(text)
    if not match:
        return []
    runs = [[numeral(first), numeral(last or first)] for first, last in WITHHELD_RANGE.findall(match.group("numbers"))]
    redaction, notes = withheld_fields(text)
    head = _paragraph_number(text, match, runs)
    if head is not None and head in published:
        runs, head = runs[1:], None  # "2、3号项目…" after project 2 is published: the 2 numbers the paragraph
    if len(runs) > 1:
        listed = "、".join(f"第{low}号" if low == high else f"第{low}-{high}号" for low, high in runs)
        notes.append({"field": "withheld.numbers",
                      "text": f"原文一条不公开说明列出几处序号（{listed}）；一条不予公开记录只记一段连续的序号，"
                              f"编者拆为{len(runs)}条记录，各录入原文的说明、理由和依据。"})
    if head is not None:  # a reader takes the list as it reads; that the head may number the paragraph is said
        written = re.sub(r"\s", "", HEAD_NUMBER.match(match.group("numbers")).group())  # "6、", "二、" as written
        notes.append({"field": "withheld.numbers",
                      "text": f"原文这条说明开头的“{written}”也可能是段落的编号；编者按所列序号读作第{head}号项目也不公开，请核对。"})
    return [{"withheld": {"numbers": numbers} | redaction}
            | ({"notes": [dict(note) for note in notes]} if notes else {}) for numbers in runs]


def withheld_fields(text: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    """What a notice says of the projects it withholds: itself, its reason and its law as written; the notes on them."""
    reason = REASON.search(text) or CAUSE.search(BOOK_TITLE.sub("", text))
    basis = LEGAL_BASIS.search(text)
    redaction = {"notice": text, "reason": reason.group(1).strip() if reason else text}
    if basis:
        redaction["legal_basis"] = basis.group(1).strip()
    notes = [] if basis else [{"field": "withheld.legal_basis", "text": "原文未写明不公开所依据的法律条款；编者不代为补写。"}]
    if not reason:
        notes.append({"field": "withheld.reason", "text": "原文未单独写出不公开理由；编者以原文说明全文作为理由。"})
    elif reason.re is CAUSE:
        notes.append({"field": "withheld.reason", "text": f"原文说明未用“因”字引出理由；编者取其中的“{reason.group(1).strip()}”"
                                                          "作为不公开理由，说明照原文全文录入。"})
    return redaction, notes


def form_heading(text: str, form: Table) -> int | None:
    """The number of a part's heading right above a project's form that names the same project (its name cell, beside
    "项目名称" or another name label, reads as the heading's name, 项目 at the end or not): "二、耕地地力保护补贴资金"
    over "转移支付名称 | 耕地地力保护补贴资金" is project 2. None for any other heading: a chapter's ("一、部门职责") names
    no project's form."""
    for pattern in PART_HEADINGS:
        match = pattern.match(text.strip())
        if match and not match.group(2).endswith(CHAPTER_WORDS) and _names_project(form, match.group(2)):
            return numeral(match.group(1))
    return None


def _names_project(form: Table, name: str) -> bool:
    """Some row of `form` gives `name` as its project's name: beside a name label, or after it in one cell."""
    def bare(text: str) -> str:
        return re.sub(r"\s", "", text).removesuffix("项目")

    wanted = bare(name)
    if not wanted:
        return False
    for row in form.rows:
        texts = [cell.text for cell in row if cell.text.strip()]
        for label, value in zip(texts, texts[1:]):
            if looked_up(PROJECT_COLUMNS, label) == "name" and bare(value) == wanted:
                return True
        for text in texts:
            said = re.match(r"^(.{2,12}?)[：:]\s*(\S.*)$", text.strip())
            if said and looked_up(PROJECT_COLUMNS, said.group(1)) == "name" and bare(said.group(2)) == wanted:
                return True
    return False


def heading_withheld(above: str, text: str) -> dict[str, Any] | None:
    """The withheld record of a notice without a number that withholds what the heading right above it names
    ("二、战备物资储备补助资金" over "该转移支付涉密，不予公开。"): the heading's number is the project's. None for any other
    pair of lines. Before, the two lines were published as a chapter (`sections`) of the filing, or listed 未识别."""
    # any part's heading: "二、…", and "（二）…", "第二项 …" as well (before, those two lines were listed 未识别)
    part = next((match for pattern in PART_HEADINGS if (match := pattern.match(above))), None)
    numbered = heading(above) or ((numeral(part.group(1)), part.group(2)) if part else None)
    if numbered is None or numbered[1].endswith(CHAPTER_WORDS) or not THIS_WITHHELD.match(text) \
            or _withheld_match(text):
        return None
    redaction, notes = withheld_fields(text)
    notes.append({"field": "withheld.numbers", "text": f"原文这条说明没有写序号，写在标题“{above}”下面；编者按标题的序号录入，"
                                                       "标题中的名称未录入。"})
    return {"withheld": {"numbers": [numbered[0], numbered[0]]} | redaction, "notes": notes}


def withheld_head(text: str) -> bool:
    """A notice whose colon closes it, no number in it ("以下项目因涉及国家秘密不予公开："): its projects are listed
    on the lines under it (`withheld_item`)."""
    return bool(WITHHELD_HEAD.search(text.strip())) and not _withheld_match(text)


def withheld_item(notice: str, text: str) -> dict[str, Any] | None:
    """The withheld record a line under such a notice gives ("5.2026年战备公路养护经费"): its number, with the
    notice's words, reason and law. The project's name is not in it: a withheld record holds numbers, reason and law
    only, and the site shows nothing more of a withheld project (the line is listed as not placed, saying so)."""
    item = WITHHELD_ITEM.match(text.strip())
    if item is None:
        return None
    number = int(item.group("number") or item.group("bracketed"))
    redaction, notes = withheld_fields(notice)
    notes.append({"field": "withheld.numbers", "text": "原文这条说明的冒号后没有序号，不予公开的项目逐行列在说明下面；"
                                                       "编者按该行的序号录入，该行的项目名称未录入。"})
    return {"withheld": {"numbers": [number, number]} | redaction, "notes": notes}


def _paragraph_number(text: str, match: re.Match[str], runs: list[list[int]]) -> int | None:
    """The bare number at the head of a notice that lists it and one more ("6、8号项目暂不公开"): it may number the
    paragraph, or be a project listed with the next. None where the list says which: a number with 号 or 第, a
    range, three or more listed ("6、8、10号项目"), or the list inside the line."""
    numbers = match.group("numbers")
    if text[:match.start("numbers")].strip() or len(runs) != 2 or not HEAD_NUMBER.match(numbers):
        return None
    return runs[0][0] if runs[0][0] == runs[0][1] else None


def budget_title(text: str) -> tuple[dict[str, Any], str | None] | None:
    """A system export's title line: the project's name and its amounts; returns (project, unit)."""
    match = BUDGET_TITLE.match(text.strip())
    if not match:
        return None
    project: dict[str, Any] = {"name": match.group("name").strip()}
    unit = None
    budget: dict[str, Any] = {}
    for label, figure, figure_unit in BUDGET_PART.findall(match.group("rest")):
        key = PROJECT_COLUMNS.get(normalize(label))
        value = amount(figure)
        if key in BUDGET_FIELDS and value is not None:
            budget[key] = value
            unit = unit or figure_unit or None
    if not budget:
        return None
    project["budget"] = budget
    project["notes"] = [{"field": "name", "text": f"原文此项目的标题行为“{text.strip()}”，编者据此录入项目名称和金额。"}]
    return project, unit


def is_list_header(texts: list[str]) -> bool:
    """A project list's header: only labels, naming the project and at least two other fields (a 备注 column beside
    them names none), or the project and its amount alone ("项目名称 | 金额（万元）", a list of two columns: before,
    its head was read as a form's label and value, a project named 金额)."""
    keys = [project_list_column(t) for t in texts if t]
    fielded = [k for k in keys if k and k != "unfielded"]
    return "name" in keys and (len(fielded) >= 3 or sorted(fielded) == ["name", "total"]) \
        and (all(keys) or _unknown_list_column(texts))


def _unknown_list_column(texts: list[str]) -> bool:
    """"序号 | 项目名称 | 项目金额（万元） | 资金来源说明 | 年度绩效目标": a list's header with one head the importer knows no
    field for, beside the project's name and at least two other known columns. Before, the row was read as a form's
    label–value pairs (a project named "项目金额（万元）", every row below lost). The head is a label (short, no figure,
    no sentence) and does not stand right after 项目名称, where a form's row has the name itself; its cells are listed
    with the column's head (`_project_list`)."""
    present = [t for t in texts if t]
    unknown = [c for c, t in enumerate(present) if project_list_column(t) is None]
    fielded = [k for t in present if (k := project_list_column(t)) and k != "unfielded"]
    if len(unknown) != 1 or len(fielded) < 3:
        return False
    head = present[unknown[0]]
    after_name = unknown[0] > 0 and project_list_column(present[unknown[0] - 1]) == "name"
    return len(head) <= 12 and not re.search(r"[0-9０-９]", head) and not any(m in head for m in "，。；,;：:") \
        and not after_name


def project_row_columns(texts: list[str]) -> dict[int, str]:
    """A project list whose rows carry the projects' indicators: 项目名称 and other project columns beside an
    indicator header, every cell one or the other. Column → project field ("goal" for the goal column); empty
    when the header is not one."""
    columns = {c: f"{key}:{text}" if key == "unfielded" else key
               for c, text in enumerate(texts) if text and (key := project_row_column(text))}
    rest = [text for c, text in enumerate(texts) if text and c not in columns]
    if "name" not in columns.values() or not is_indicator_header(rest) \
            or not all(indicator_column(text) for text in rest):
        return {}
    # 主管部门 beside a unit column of its own (单位名称, 实施单位, 预算单位): the unit column gives the 预算单位, the
    # 主管部门 is read as in a list without indicators (`_supervisor_cell`). Before, the later column overwrote the
    # earlier one unseen ("主管部门 | 单位名称" kept 某县第一中学, "单位名称 | 主管部门" the 主管部门 over it).
    units = [c for c, key in columns.items() if key == "budget_unit"]
    for c in units if len(units) > 1 else []:
        if project_list_column(texts[c]) == "supervisor":
            columns[c] = "supervisor"
    return columns


def split_columns(header: list[Cell], below: list[Cell] | None) -> dict[int, str]:
    """项目金额 (预算金额 …) merged across its split, with 合计 | 财政拨款 | 其他资金 on the row below: column → the
    budget field each split head names. Empty unless every filled cell under the merged amount head is such a
    head (only then is the row a second header row, not a project or a 合计 row); the row's other cells are the
    other heads' business (指标性质 | 指标值 | 度量单位 under 指标值)."""
    spanned = {cell.merged_from for cell in header if cell.merged_from}
    owners = _blank_spans(header) if not spanned else {}
    # 资金来源 merged over 资金总额 | 财政拨款 | 其他资金 (预算管理一体化 lists) heads the amounts as 项目金额 does
    amounts = {cell.location for cell in header if cell.location in spanned | set(owners.values())
               and (project_field(cell.text) == "total" or normalize(cell.text) == "资金来源")}
    under = [(column, cell) for column, cell in enumerate((below or [])[:len(header)])
             if cell.text and (header[column].merged_from or owners.get(column) or header[column].location) in amounts]
    heads = {column: split_head(cell.text) for column, cell in under}
    return heads if heads and all(heads.values()) else {}


def _blank_spans(header: list[Cell]) -> dict[int, str]:
    """Text exports (tab-separated) keep a merged head's covered slots as empty cells and say nothing of the merge:
    each empty slot right of a head → that head's location ("项目金额 | | " over "合计 | 财政拨款 | 其他资金"). Only
    an empty slot between the head and the next head or the row's end counts."""
    owners: dict[int, str] = {}
    owner: str | None = None
    for column, cell in enumerate(header):
        if cell.text:
            owner = cell.location
        elif owner is not None:
            owners[column] = owner
    return owners


def form_pairs(row: list[Cell]) -> list[tuple[str, Cell, Cell]]:
    """`项目编码 | 13020225P… | 项目名称 | …`: each label cell with the value cell after it. A bracketed unit or note
    in the label ("资金总额（万元）") does not change it."""
    present = [cell for cell in row if cell.text]
    pairs = []
    for index, cell in enumerate(present[:-1]):
        key = project_field(cell.text)
        following = present[index + 1]
        if key and not PROJECT_COLUMNS.get(normalize(following.text)):
            pairs.append((key, cell, following))
    return pairs


def project_field(label: str) -> str | None:
    """The project field a form's label names ("项目名称", "其中：财政拨款"); a bracketed note does not change it."""
    return looked_up(PROJECT_COLUMNS, label)


def project_line(text: str) -> tuple[str, str] | None:
    """"项目名称：乡村道路养护" in one cell or line → ("name", "乡村道路养护"): read as the pair 项目名称 | 乡村道路养护 is.
    A value followed by another label ("乡村道路养护 项目编码：…") is not only this field's: not read."""
    labelled = LABELLED_VALUE.match(text.strip())
    key = project_field(labelled.group("label")) if labelled else None
    if key is None or NEXT_LABEL.search(labelled.group("value")):
        return None
    return key, labelled.group("value").strip()


def labelled_unit(text: str) -> str | None:
    """"实施单位：某县疾控中心" in one cell: the project's budget unit, as the pair 实施单位 | 某县疾控中心 says it.
    A value followed by another label ("某县疾控中心  单位：万元") is not only a unit: not read."""
    line = project_line(text)
    return line[1] if line and line[0] == "budget_unit" else None


@dataclass(frozen=True)
class BudgetLine:
    """A line of a project's amounts ("项目资金：年度资金总额 85.00万元，其中财政拨款 85.00万元"), clause by clause.
    `doubt` says why it cannot be read with certainty; then none of it is read."""
    clauses: tuple[tuple[str, str, str], ...] = ()  # (budget word as written, project field, amount as written)
    unit: str | None = None
    doubt: str | None = None


def budget_line(text: str) -> BudgetLine | None:
    """A line that gives a project's amounts: "项目资金：" (or 预算规模, maybe with its unit: "项目资金（万元）：") before
    them, or a budget word first ("资金总额：85.00万元，其中：财政拨款 85.00万元"). None for any other line."""
    labelled = LABELLED_VALUE.match(text.strip())
    if labelled and normalize(BRACKETED.sub("", labelled.group("label"))) in BUDGET_LINE_LABELS:
        return _budget_clauses(labelled.group("value"), _unit_in_label(labelled.group("label")))
    opening = re.match(r"\D*", text.strip()).group()  # the words before the first amount
    if opening == text.strip() or not _budget_word(opening.strip()):
        return None
    return _budget_clauses(text)


def _budget_clauses(sentence: str, unit: str | None = None) -> BudgetLine:
    """Every clause a budget word with its amount, no word twice, one unit for all (written after the amounts, in a
    word's bracket or the line's label: `unit`) or none: else a doubt."""
    clauses: list[tuple[str, str, str]] = []
    units: set[str | None] = set()
    for part in filter(None, (p.strip() for p in CLAUSE_BREAK.split(sentence))):
        clause = BUDGET_CLAUSE.fullmatch(part)
        key = _budget_word(clause.group("word")) if clause else None
        if clause is None or key is None:
            return BudgetLine(doubt=f"“{part}”不是一项资金及其金额")
        if amount(clause.group("figure")) is None and grouped_amount(clause.group("figure")) is None:
            return BudgetLine(doubt=f"“{part}”中的金额不是数字")
        if key in (k for _, k, _ in clauses):
            return BudgetLine(doubt=f"“{part}”与前面一项是同一项资金")
        clauses.append((clause.group("word").rstrip(":： "), key, clause.group("figure")))
        written = {clause.group("unit"), _unit_in_label(clause.group("word")), unit} - {None}
        units |= written or {None}  # an amount without any unit is one more way of writing them
    if not clauses:
        return BudgetLine(doubt="没有写出金额")
    if len(units) > 1:
        return BudgetLine(doubt="各项金额的单位写法不一致")
    return BudgetLine(tuple(clauses), units.pop())


def _unit_in_label(label: str) -> str | None:
    """"项目资金（万元）" → 万元."""
    found = MONEY_UNIT_IN_LABEL.search(label.rstrip(":： "))
    return found.group(1) if found else None


def _budget_word(word: str) -> str | None:
    """The budget field a clause's word names ("年度资金总额", "其中财政拨款", "其中：其他资金")."""
    key = project_field(word) or project_field(normalize(word).removeprefix("其中"))
    return key if key and key.rpartition(".")[2] in BUDGET_FIELDS else None


def spending_header(row: list[Cell]) -> list[tuple[int, Cell]]:
    return [(c, cell) for c, cell in enumerate(row) if QUARTER_END.match(cell.text)]


def put_field(project: dict[str, Any], key: str, text: str, unit: str | None = None) -> bool:
    """Store a form value in its place; False when a budget figure is not a number (`budget_refusal` says why).
    `unit`: the form's money unit where the value stands (the project's own, when it has one, comes first).

    其中：财政拨款 / 其他资金 after a 中期 or 年度资金总额 belong to that total's split."""
    scope, _, name = key.rpartition(".")
    if name in BUDGET_FIELDS:
        filed = filed_amount(text, project.get("money_unit") or unit)
        value = filed.value
        if value is None:
            return False
        budget = project.setdefault("budget", {})
        if not scope and name in ("fiscal", "other"):
            scope = project.get("_budget_scope", "")
        if scope:
            budget.setdefault(scope, {})[name] = value
        else:
            budget[name] = value
        if name == "total":
            project["_budget_scope"] = scope
        if filed.note:
            field = ".".join(filter(None, ("budget", scope, name)))
            project.setdefault("notes", []).append({"field": field, "text": filed.note})
    else:
        project[key] = text
    return True


# "项目类型 | 二级项目" in a 预算管理一体化系统 export: where the project stands in the system's tree, not what it is for.
PROJECT_LEVEL = re.compile(r"[一二三]级项目")


def second_value(project: dict[str, Any], key: str, text: str) -> str | None:
    """Why a project's field is not written over: the form gave it once already, in other words ("项目类型 | 一级项目"
    above "项目类别 | 特定目标类", both read as the 支出项目类别). The first stands, as a second 预算单位 does; the later
    value is listed, never dropped unseen. None when the field is free or says the same. Amounts, code and name are
    the callers' business (a second code or name starts the next project)."""
    if key == "category" and PROJECT_LEVEL.fullmatch(text.strip()):
        return ("原表“项目类型”写的是项目的级次（预算管理一体化系统中的一级、二级项目），不是支出项目类别；"
                "文件格式中没有对应的字段，未录入")
    known = project.get(key)
    if "." in key or key in (*BUDGET_FIELDS, "code", "name", "budget_unit") or known is None or known == text:
        return None
    return (f"项目的{field_label(Project, key)}只有一处，原表前面已写作“{known}”，已按前一处录入；"
            "这一项未录入，请核对")


SHOWN_IN_E_NOTATION = re.compile(r"^\d(\.\d+)?[Ee]\+\d{1,3}$")  # 3.30000E+20: a long number as Excel shows it


def code_refusal(label: str, cell: Cell) -> str | None:
    """Why a code (项目编码, 单位代码) is not read: typed into a spreadsheet cell as a number longer than Excel keeps, its
    digits past the 15th are gone (4.20701E+20, or 420701220000000000000 under a "0" format) and any code read from it
    would be wrong. None for a code in a text cell, or a number short enough to be whole. A text that is such a
    number as Excel shows it ("3.30000E+20": copied from the screen, or a CSV export saved again) has lost them too."""
    if SHOWN_IN_E_NOTATION.match(cell.text.strip()):
        return (f"原表“{label.strip()}”一格写的是“{cell.text.strip()}”，是 Excel 以科学记数法显示的长数字（编码被存成了数字，"
                "复制或另存时只留下显示的样子），编码的各位已经丢失，未录入。请照原编码逐位填写（在 Excel 中把这一格设为文本）后重新导入")
    if not cell.number or len(cell.text.partition(".")[0].lstrip("-")) <= EXCEL_DIGITS:
        return None
    return (f"原表“{label.strip()}”一格存的是数字“{cell.text}”，不是文字：Excel 只保留数字的前 {EXCEL_DIGITS} 位，"
            "其后各位已经丢失，这个编码不可靠，未录入。请在原表中把这一格设为文本、照原编码逐位填写后重新导入")


def budget_refusal(project: dict[str, Any], text: str, unit: str | None) -> str:
    """Why `put_field` did not read a budget figure, for the 未放入 list."""
    return filed_amount(text, project.get("money_unit") or unit).why_not or "金额不是数字，未录入"
