"""The public view of a filing: the only form of content that later stages ever see.

Withheld projects are replaced by redaction records before the site model,
pages, search index or exports are built, so nothing downstream can leak them.
Personal contact fields are dropped unless the site config publishes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .models import Contact, Filing, Project, RangeRedaction, WithheldRange

# What replaces personal data in a published 原文: visible, so a reader knows something was there.
BLANKED = "［已隐去］"
# Cells that label a personal contact field on the provincial forms; the cell after one is its value.
CONTACT_LABELS = re.compile(r"^(?:项目|单位|部门|财务)?(填报人员?|填表人|制表人|审核人|复核人|审批人|联系人(?:电话)?|经办人|负责人"
                            r"|联系电话|联系方式|电话|手机|手机号码|办公电话|固定电话|电子邮箱|邮箱)\s*(?:[:：]\s*(?P<inline>.*))?$")
# Phone numbers anywhere in the text: mobile (1[3-9] + 9 digits) or landline with area code. Letters,
# digits or a point around them make them part of a code or an amount, which stays as filed.
MOBILE = r"1[3-9]\d{9}"  # a mobile number: a person's, where a landline may be an office's
PHONE = re.compile(rf"(?<![0-9A-Za-z.])(?:{MOBILE}|0\d{{2,3}}[-－—\s]?\d{{7,8}})(?![0-9A-Za-z.])")
MOBILE_NUMBER = re.compile(rf"(?<![0-9A-Za-z.]){MOBILE}(?![0-9A-Za-z.])")
TEXT_SOURCES = (".txt", ".csv", ".htm", ".html", ".md")


def public_filing(filing: Filing, publish_contact: bool) -> Filing:
    projects = [public_entry(entry, index) for index, entry in enumerate(filing.projects)]
    withheld = {("projects", index) for index, entry in enumerate(filing.projects)
                if isinstance(entry, Project) and entry.withheld}
    return filing.model_copy(update={
        "projects": projects,
        "contact": filing.contact if publish_contact else None,
        # A review's reason may quote what a withheld project holds.
        "reviews": [r for r in filing.reviews if r.key_path[:2] not in withheld] if withheld else filing.reviews,
    })


def public_entry(entry: Project | WithheldRange, index: int) -> Project | WithheldRange:
    """A project as the site shows it: a withheld one becomes the record of its redaction."""
    if isinstance(entry, WithheldRange) or entry.withheld is None:
        return entry
    number = entry.number if entry.number is not None else index + 1
    redaction = RangeRedaction(numbers=[number, number], notice=entry.withheld.notice,
                               reason=entry.withheld.reason, legal_basis=entry.withheld.legal_basis)
    return WithheldRange(withheld=redaction)


@dataclass(frozen=True)
class WithheldRows:
    """What a 原文 shows of its filing's withheld records (`WithheldRange`): the notices as recorded and the numbers
    they withhold."""

    notices: tuple[str, ...] = ()
    numbers: frozenset[int] = frozenset()


def withheld_rows(entries: list[WithheldRange]) -> WithheldRows:
    notices = tuple(dict.fromkeys(e.withheld.notice for e in entries if e.withheld.notice))
    numbers = frozenset(n for e in entries for n in range(e.withheld.numbers[0], e.withheld.numbers[1] + 1))
    return WithheldRows(notices, numbers)


def blank_withheld(text: str, withheld: WithheldRows) -> str:
    """A withheld project's row of a tab-separated 原文 keeps its number and its notice; its other cells (the name,
    the code, amounts: "2 | 5201… | 某涉密项目 | 涉密，不予公开") are blanked, and so are the rows listed under a notice
    ("以下项目涉密，不予公开：" over "5 | 战备公路养护经费"). The import records no more than the number and the notice of
    such a row, but the 原文 was published whole: the withheld project's name was a download away. A 原文 exported one
    cell per line (seed 003: each cell a tab-started line, a row the block of them between blank lines) is read by
    those rows: "\t5", "\t维稳专项保障经费", "\t涉密，不予公开" is one row. A blank line ends no list under a notice."""
    if not withheld.notices:
        return text
    lines, listing = text.split("\n"), False
    for row in _source_rows(lines):
        cells = [cell for n in row for cell in lines[n].split("\t")]
        if not any(cell.strip() for cell in cells):
            continue
        if any(notice in cell for notice in withheld.notices for cell in cells):
            listing = True
        elif not (listing and _withheld_number(next(c for c in cells if c.strip()), withheld)):
            listing = False
            continue
        for n in row:
            lines[n] = "\t".join(_blank_withheld_cell(cell, withheld) for cell in lines[n].split("\t"))
    return "\n".join(lines)


def _source_rows(lines: list[str]) -> list[list[int]]:
    """The rows of a 原文, as lists of line numbers: a tab-separated line is a row; a run of lines that each hold one
    cell after a leading tab ("\t维稳专项保障经费", as an export writes a table one cell per line) is one row."""
    rows: list[list[int]] = []
    for n, line in enumerate(lines):
        one_cell = line.startswith("\t") and "\t" not in line[1:]
        if one_cell and rows and lines[rows[-1][-1]].startswith("\t") and "\t" not in lines[rows[-1][-1]][1:] \
                and rows[-1][-1] == n - 1:
            rows[-1].append(n)
        else:
            rows.append([n])
    return rows


def _blank_withheld_cell(cell: str, withheld: WithheldRows) -> str:
    keep = not cell.strip() or _withheld_number(cell, withheld) or any(n in cell for n in withheld.notices)
    return cell if keep else BLANKED


def _withheld_number(cell: str, withheld: WithheldRows) -> bool:
    return cell.strip().isdigit() and int(cell.strip()) in withheld.numbers


@dataclass(frozen=True)
class PublicSource:
    """A filing's 原文 as the site may publish it.

    While contact fields are unpublished, every personal value is blanked in the text: the
    filing's own contact values, the cell after a contact label (填报人, 联系电话 …) and anything
    shaped like a phone number. A 原文 that is not text cannot be blanked, so it is not published.
    """

    path: Path
    url: str  # sources/ + its path under content/sources/
    hidden: tuple[str, ...] | None  # contact values to blank; None when contact fields are published
    withheld: WithheldRows = WithheldRows()

    def public_bytes(self) -> bytes:
        data = self.path.read_bytes()
        if self.hidden is None and not self.withheld.notices:
            return data
        text = blank_withheld(data.decode("utf-8"), self.withheld)
        return (text if self.hidden is None else blank_contacts(text, self.hidden)).encode("utf-8")


def public_source(path: Path, url: str, contacts: list[Contact], publish_contact: bool,
                  withheld: WithheldRows = WithheldRows()) -> PublicSource | None:
    """`contacts`: those of every filing citing this 原文, so each copy is blanked of all of them; `withheld`: the
    notices and numbers of their withheld records, whose rows are blanked too."""
    is_text = path.suffix.lower() in TEXT_SOURCES and _is_utf8(path)
    if not is_text and (withheld.notices or withheld.numbers or not publish_contact):
        return None  # a 原文 that is not text cannot be blanked of a withheld row or of a phone number
    if publish_contact:
        return PublicSource(path, url, None, withheld)
    return PublicSource(path, url, tuple(dict.fromkeys(v for c in contacts for v in (c.filer, c.phone) if v)),
                        withheld)


def _is_utf8(path: Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return True


def blank_contacts(text: str, known: tuple[str, ...]) -> str:
    lines = [_blank_line(line) for line in text.split("\n")]
    blanked = "\n".join(lines)
    for value in sorted(known, key=len, reverse=True):  # longest first: a name inside another stays covered
        blanked = blanked.replace(value, BLANKED)
    return PHONE.sub(BLANKED, blanked)


def _blank_line(line: str) -> str:
    """Blank the value cell after each contact label of a tab-separated line (or after its colon)."""
    cells = line.split("\t")
    expect_value = False
    for n, cell in enumerate(cells):
        if expect_value and cell.strip():
            cells[n] = BLANKED
            expect_value = False
            continue
        label = CONTACT_LABELS.match(cell.strip())
        if label and not label.group("inline"):
            expect_value = True
        else:  # pairs in the cell, wherever they start ("单位：某局 填报人：张三")
            cells[n] = _blank_inline(cell)
    return "\t".join(cells)


# Where a "label：value" pair starts inside a cell: at its start, or after spaces, a comma or a semicolon.
LABEL_START = re.compile(r"(?:^|(?<=[\s,，;；]))[^\s:：,，;；]{1,12}\s*[:：]")


def _blank_inline(cell: str) -> str:
    """"填报人：张三  联系电话：…  填报日期：2026年1月20日": each pair whose label is a contact label has its value
    blanked; the others (填报日期) stay as filed. A value running on without another label is blanked whole."""
    starts = [match.start() for match in LABEL_START.finditer(cell)]
    pieces = [cell[start:end] for start, end in zip([0, *starts], [*starts, len(cell)]) if end > start]
    return "".join(_blank_pair(piece) for piece in pieces)


def _blank_pair(piece: str) -> str:
    label = CONTACT_LABELS.match(piece.strip())
    if not (label and label.group("inline")):
        return piece
    value = label.group("inline").rstrip(" \u3000,，;；")
    return piece.replace(value, BLANKED, 1) if value else piece
