"""The letter (公文) the forms come with: a 财政 body's 批复 of the goals, or a department's dated 公开说明.

A 批复 is published as the department received it: the issuing body's 文号 and title, the addressee (the department),
the body, the 附件 lines, the issuing body and the date that sign it, then the approved forms. The letter says what
kind of filing it is and when: its 文号 is the filing's `document_number` (verbatim), the date that signs a 批复 is
`approved_on` (a 公开说明's is `published_on`), with a note saying where it was read. The body is the issuing body's
words, not the department's goals or functions, and the issuing body is not the department (the addressee is, or the
form's 部门名称): both are listed as not placed, with that reason.

A department's own report up to the 财政 body ("某县司法局关于报送…的报告") is its 申报: dated by its signature
(`filed_on`), sent by the department (the issuer before 关于, else its signer), addressed to the body it reports to,
which is not the department.

The letter starts with its 文号 or title before any table (under its letterhead, "某县财政局文件"), and ends with its
date line or the first table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .assembly_state import AssemblyState
from .document import Paragraph
from .layouts import (ADDRESSEE, APPROVAL_WORDS, ATTACHMENT_HEAD, DOCUMENT_NUMBER, LETTER_DATE, LETTER_TITLE,
                      REPORT_APPARATUS, REQUEST_LETTERS, SENTENCE_MARKS, date_of, impossible_date_reason, in_numerals)

DATE_FIELDS = {"批复": ("approved_on", "批复日期"), "公开": ("published_on", "公开日期"), "申报": ("filed_on", "填报日期")}
LETTERHEAD = "文件"  # "某县财政局文件": the issuing body's mark over its letter


@dataclass
class Letter:
    addressee: Paragraph | None = None  # "县司法局：", decided when the filing is finished
    last: Paragraph | None = None  # the body's last line: the issuing body, when the date line follows it
    open: bool = True  # until its date line or a table ends it
    opening: str = ""  # the location of its 文号 or title line: the letterhead stands above it
    signer: str | None = None  # the body that signs it, on the date line or the line above


def letter_kind(title: str) -> str | None:
    """What a letter's title says the filing is: 批复 for one that approves (批复) or hands down (下达) the goals,
    申报 for a department's report up to the 财政 body ("…关于报送…的报告"), 公开 for one that publishes them
    ("…的公开说明"); None for any other title (a form's title says it in its words)."""
    if not LETTER_TITLE.match(title):
        return None
    if any(word in title for word in APPROVAL_WORDS):
        return "批复"
    if title.endswith(REQUEST_LETTERS):
        return "申报"
    return "公开" if "公开" in title else None


def title_kind(title: str) -> str | None:
    """What a title says the filing is: a letter's by what it does (a 批复 may name the 申报 it answers), a form's by
    its words (申报, 批复, 公开, the first of them it says); None when it says none."""
    return letter_kind(title) or next((kind for kind in ("申报", "批复", "公开") if kind in title), None)


class LetterParts(AssemblyState):
    def _letter_line(self, paragraph: Paragraph) -> bool:
        """A line of the letter, taken here before any other reading (the body may say "年度目标" or "一、…"):
        True when it was placed or listed with its reason."""
        text = paragraph.text
        if self.letter is None:
            return self._letter_start(paragraph)
        if ATTACHMENT_HEAD.match(text):  # "附件" over the attached forms, after the letter too
            self.why_not[paragraph.location] = self._letter_reason("所附表格的“附件”字样，不是绩效目标的内容，未录入（附件中的表格照常读入）")
            return True
        if not self._letter_open():
            return False
        if self._letter_field(paragraph):
            return True
        if self._metadata(text):  # "批复日期：…" says the date itself; it stands over the signature's
            self._place(paragraph)
        elif LETTER_DATE.match(text):
            self._letter_date(paragraph)
        elif REPORT_APPARATUS.match(text):
            self.why_not[paragraph.location] = self._letter_reason("所列的附件名称，不是绩效目标的内容，未录入（附件中的表格照常读入）")
        elif ADDRESSEE.match(text) and self.letter.addressee is None and self.letter.last is None:
            self.letter.addressee = paragraph
        else:
            self.why_not[paragraph.location] = self._letter_reason(
                "的正文，不是绩效目标表的内容（不是部门的职能、目标或指标），文件格式中没有对应的字段，未录入")
            self.letter.last = paragraph
        return True

    def _letter_start(self, paragraph: Paragraph) -> bool:
        """A 文号 line or a letter's title, before any content, opens the letter."""
        if self.tables or self.in_table or self.goals or self.projects or "title" in self.filing:
            return False
        if not (DOCUMENT_NUMBER.match(paragraph.text) or LETTER_TITLE.match(paragraph.text)):
            return False
        self.letter = Letter(opening=paragraph.location)
        return self._letter_field(paragraph)

    def _letter_open(self) -> bool:
        assert self.letter is not None
        self.letter.open = self.letter.open and not self.tables and not self.in_table
        return self.letter.open

    def _letter_field(self, paragraph: Paragraph) -> bool:
        """The letter's 文号 or title: the filing's `document_number` and `title`, verbatim."""
        text = paragraph.text
        key = "document_number" if DOCUMENT_NUMBER.match(text) else "title" if LETTER_TITLE.match(text) else None
        if key is None:
            return False
        if self.filing.setdefault(key, text) == text:
            self._place(paragraph)
        else:
            self.why_not[paragraph.location] = f"文件中此项只有一处，已按原文的“{self.filing[key]}”录入，这一行未录入，请核对"
        return True

    def _letter_date(self, paragraph: Paragraph) -> None:
        """The date that signs the letter: a 批复's is approved_on, a 公开说明's published_on. It ends the letter; the
        line before it (or the words before the date on its line) is the body that signs it."""
        assert self.letter is not None
        self.letter.open = False
        signed = LETTER_DATE.match(paragraph.text)
        signer, date_text = signed.group("signer"), signed.group("date")
        last = self.letter.last
        signs = last is not None and len(last.text) <= 30 and not any(mark in last.text for mark in SENTENCE_MARKS)
        if signs:
            self.why_not[last.location] = self._signer_reason(last.text)
        self.letter.signer = signer or (last.text if signs else None)
        fields = DATE_FIELDS.get(letter_kind(self.filing.get("title", "")) or "")
        if fields is None:
            self.why_not[paragraph.location] = self._letter_reason(
                "落款的日期；原文没有写明这是批复还是公开的公文，未录入为批复或公开日期，请核对")
            return
        key, label = fields
        day = date_of(date_text)
        if day is None:
            self.why_not[paragraph.location] = self._letter_reason(f"落款的{impossible_date_reason(date_text)}")
            return
        date = dt.date(*day)
        if self.filing.setdefault(key, date) != date:
            self.why_not[paragraph.location] = f"落款的日期与原文的“{label}”不一致；已按“{label}”录入，这一行未录入，请核对"
            return
        read = f"（即 {date.isoformat()}）" if in_numerals(date_text) else ""  # numerals: the date as read, beside them
        self.notes.append({"field": key, "text": f"原文没有“{label}”一栏；编者取{self._letter_name()}落款的日期"
                                                 f"“{date_text}”{read}作为{label}。"})
        if signer:
            self.why_not[paragraph.location] = f"{self._signer_reason(signer)}；这一行的日期已录入为{label}"
        else:
            self._place(paragraph)

    def _signer_reason(self, signer: str) -> str:
        why = "发文机关不是本文件的部门（部门是收文单位或表中的部门名称）" \
            if letter_kind(self.filing.get("title", "")) == "批复" else "文件格式中没有落款的字段"
        return self._letter_reason(f"落款的单位“{signer}”；{why}，未录入")

    def _letter_finish(self) -> None:
        """When the filing is finished: the letterhead above the letter, and who the department is."""
        if self.letter is None:
            return
        self._letterhead()
        if letter_kind(self.filing.get("title", "")) == "申报":
            self._letter_sender()
        else:
            self._letter_addressee()

    def _letterhead(self) -> None:
        """"某县财政局文件", or the issuing body's name alone, over the letter's 文号 or title: the letter's, listed with
        that reason (it was read as nothing else: nothing comes before a letter)."""
        issuer = LETTER_TITLE.match(self.filing.get("title", ""))
        bodies = {name for name in (issuer and issuer.group("issuer"), self.letter.signer) if name}
        for block in self.document.blocks:
            if not isinstance(block, Paragraph) or block.location == self.letter.opening:
                break
            text = "".join(block.text.split())  # a letterhead is often spaced out: "某 县 财 政 局 文 件"
            if self.why_not.get(block.location) == "未识别的段落" and (text.endswith(LETTERHEAD) or text in bodies):
                self.why_not[block.location] = self._letter_reason(
                    f"的版头（发文机关标志“{block.text}”），不是绩效目标的内容，文件格式中没有对应的字段，未录入")

    def _letter_sender(self) -> None:
        """A department's report (申报) is sent by the department: the issuer before 关于 in its title (else its signer)
        names it when the form does not; its addressee ("县财政局：") is the body it reports to, not the department."""
        if self.letter.addressee is not None:
            name = ADDRESSEE.match(self.letter.addressee.text).group("name")
            self.why_not[self.letter.addressee.location] = self._letter_reason(
                f"的收文单位“{name}”是报告的接收机关，不是本文件的部门，未录入")
        issuer = LETTER_TITLE.match(self.filing["title"]).group("issuer")
        sender = issuer or self.letter.signer
        department = self.filing.setdefault("department", {})
        if department.get("name") or not sender:
            return
        department["name"] = sender
        where = "标题中的报送单位" if issuer else "落款的单位"
        self.notes.append({"field": "department.name", "text": f"原表没有写部门名称的栏目；编者取{self._letter_name()}"
                                                               f"{where}“{sender}”作为部门名称。"})
        self.filing["notes"] = self.notes

    def _letter_addressee(self) -> None:
        """The addressee is the department: its name when the form names none; the same department, as the letter
        addresses it ("县司法局" for 某县司法局), when it does. Another or several (各预算单位) are listed."""
        if self.letter.addressee is None:
            return
        paragraph = self.letter.addressee
        name = ADDRESSEE.match(paragraph.text).group("name")
        department = self.filing.setdefault("department", {})
        known = department.get("name")
        if name.startswith("各") or "、" in name:
            self.why_not[paragraph.location] = self._letter_reason(f"的收文单位“{name}”不是一个部门，未录入")
        elif known is None:
            department["name"] = name
            self.notes.append({"field": "department.name", "text": f"原表没有写部门名称的栏目；编者取{self._letter_name()}"
                                                                   f"的收文单位“{name}”作为部门名称。"})
            self.filing["notes"] = self.notes
            self._place(paragraph)
        elif known.endswith(name):
            self._place(paragraph)
        else:
            self.why_not[paragraph.location] = self._letter_reason(
                f"的收文单位“{name}”与表中的部门名称“{known}”不同；部门名称按表中录入，这一行未录入，请核对")

    def _letter_name(self) -> str:
        """The letter as a reason names it: by its title, else its 文号."""
        title = self.filing.get("title")
        if title and LETTER_TITLE.match(title):
            return f"公文“{title}”"
        return f"公文（{self.filing['document_number']}）" if "document_number" in self.filing else "公文"

    def _letter_reason(self, what: str) -> str:
        """"公文“…”的正文，…": what part of the letter a line is, and why it is not placed."""
        return f"{self._letter_name()}{what}"
