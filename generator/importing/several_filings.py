"""One file, one filing: a document that holds a second department's, year's or kind's form after the first is
refused, naming both and where each starts, rather than read as one filing.

Counties and cities publish combined documents: several departments' 部门整体绩效目标表 one after another, a
department's 2025 and 2026 tables, a 申报 with its 批复. The content format holds one department's filing of one
year and kind per file; read as one, the second department's goals would be filed under the first one's name.

A form says whose it is in its title ("某县卫生健康局2026年度部门整体绩效目标表": department, year and kind) and its
name row ("部门名称 | 某县卫生健康局", "填报单位：…"). The document holds a second filing when, once goals have been
read, a 部门整体 title or a name row says another department (or a title another year, or 申报 where the first said
批复), and goals or indicators are read after it too: a second form with its own goals.

Not a second filing, by the same rule: a name row in a project's form (单位名称 of a 下属单位 is the project's unit),
a 主管部门 line above a 单位名称 (both said before any goal: the first form says both), the same department written
another way ("县教育局", "某县教育局（本级）", "某县卫健局" for 某县卫生健康局), a project list's 预算单位 column
(no name row), a prior-year column (no title), a letter's addressee (the letter comes before the forms), or another
name in a footer after the last goals (nothing read after it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .assembly_state import AssemblyState
from .department import TITLE_WORDS, department_in_title, same_department
from .document import ImportFailure
from .imported import FormYear
from .layouts import is_sentence
from .letter import title_kind



@dataclass(frozen=True)
class Said:
    """What a form's title or name row says of whose filing it is, and where."""
    aspect: str  # "部门", "年度", "类型"
    value: str  # "某县教育局", "2026年度", "批复"
    location: str
    title: str | None  # the title that says it; None for a name row
    goals_read: int  # goals and indicators read before it
    year_row: str | None = None  # the 预算年度 as filed, when a 预算年度 row or line says it

    def starts(self) -> str:
        value = f"“{self.value}”" if self.aspect == "部门" else self.value
        line = f"的标题“{self.title}”" if self.title else f"的预算年度“{self.year_row}”" if self.year_row else "的部门名称"
        return f"{value}从{self.location}{line}开始"


class SeveralFilings(AssemblyState):
    def _title_says(self, text: str, location: str) -> None:
        """A 部门整体 form's title: the department before its year, its one year, and its kind."""
        if "整体" not in text or not TITLE_WORDS.search(text) or is_sentence(text):
            return
        years = set(re.findall(r"\d{4}", text))
        for aspect, value in (("部门", department_in_title(text)),
                              ("年度", f"{years.pop()}年度" if len(years) == 1 else None), ("类型", title_kind(text))):
            if value:
                self._form_says(Said(aspect, value, location, text, self._goals_read()))

    def _name_says(self, name: str, location: str) -> None:
        """A 部门名称 row or 填报单位 line outside a project's form (there it names the project's unit)."""
        if self.project is None:
            self._form_says(Said("部门", name, location, None, self._goals_read()))

    def _year_row_says(self, year: FormYear, *locations: str) -> bool:
        """The form's 预算年度 ("预算年度：2026", "预算年度 | 2026"): the first is the form's. Another year once goals were
        read may start a second form (a department's 2025 and 2026 forms one after another, their titles without a
        year: the second year's used to be written over the first and its goals merged in); another year is never
        written over the first: it is listed, since the filing has one year."""
        self._form_says(Said("年度", f"{year.year}年度", locations[0] if locations else "", None, self._goals_read(),
                             year_row=year.value))
        if self.form_year is None:
            self.form_year = year
        if self.form_year.year == year.year:
            return True
        self.why_not.update(dict.fromkeys(locations, f"原表此处的预算年度为“{year.value}”，与前面的预算年度“{self.form_year.value}”"
                                                     "不一致；文件中预算年度只有一处，已按前面的录入，这一项未录入，请核对"))
        return False

    def _form_says(self, said: Said) -> None:
        """What the first form says, before its goals, is the filing's; something else said after goals may start a
        second form (`_one_filing` decides by what is read after it)."""
        before = [s for s in self.form_said if s.aspect == said.aspect]
        if self.second_form is not None or any(_same(s, said) for s in before):
            return
        if not before or said.goals_read == 0:
            self.form_said.append(said)
        else:
            self.second_form = said

    def _goals_read(self) -> int:
        goals = self.goals + [g for p in self.projects for g in p.get("goals", [])]
        return sum(1 + len(g.get("indicators", [])) for g in goals)

    def _one_filing(self) -> None:
        """Goals read after a second form's start: two filings in one file, refused with where each starts."""
        second = self.second_form
        if second is None or self._goals_read() == second.goals_read:
            return
        first = next(s for s in self.form_said if s.aspect == second.aspect)
        both = f"{first.value}和{second.value}两种" if second.aspect == "类型" else f"两个{second.aspect}的"
        raise ImportFailure(
            f"{self.document.path}：原文中有{both}绩效目标表，各有自己的目标和指标：{first.starts()}，"
            f"{second.starts()}。文件格式中一个文件只放一个部门一个年度的一份绩效目标表，未写入任何文件。请把原文拆开，"
            "每一份表另存为一个文件（Word、PDF、网页文字按各自的标题或部门名称分开；Excel 每个工作表另存为一个工作簿），"
            "再逐个导入。")


def _same(one: Said, other: Said) -> bool:
    return same_department(one.value, other.value) if one.aspect == "部门" else one.value == other.value
