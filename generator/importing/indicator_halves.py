"""Indicator tables whose 中期 and 年度 indicators stand side by side (the central 项目支出绩效目标申报表):

    绩效指标 | 一级指标 | 二级指标 | 中期指标（over two）  | 年度指标（over two）
             |          |          | 三级指标 | 指标值     | 三级指标 | 指标值
             | 产出指标 | 数量指标 | 改造学校数 | 12所     | 改造学校数 | 4所

A header that names the same fields twice holds two halves; the columns left of both (一级, 二级) are shared. The
heads over the halves ("中期指标", "实施期指标", "年度指标") say whose indicators each half holds. A header without them
(一级 | 二级 | 三级 | 指标值 | 二级 | 三级 | 指标值, as the form is printed under its 总体目标 row) takes the goals waiting
above it, left to right, as that row names them, and a note says so; with no such goals its cells are listed.
Each half is read as an indicator table of its own: a row whose half is empty gives that half no indicator.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .assembly_state import AssemblyState
from .document import Cell
from .goals import FILED_AS_MEDIUM
from .indicators import Columns, IndicatorReader
from .layouts import HALF_HEADS, STRUCTURE_LABELS, indicator_column, looked_up, normalize

Named = tuple[int, str, Cell]  # a header cell's column, the field it names, the cell
UNOWNED = "原表指标表左右并列几组指标，表头和上方都没有写明各组属于哪个目标，未录入，请核对后手工录入"


@dataclass(frozen=True)
class Halves:
    shared: list[Named]  # the columns of both halves (一级, 二级 labels), left of them
    groups: list[list[Named]]  # each half's columns, left to right
    kinds: list[str]  # the heads' words ("中期", "实施期", "年度") in the same order; empty when the header has none
    header: list[Cell]  # every cell of the header rows with text
    rows: int  # how many rows the header has

    @property
    def width(self) -> int:
        return len(self.shared) + sum(len(group) for group in self.groups)


def split_header(rows: list[list[Cell]], index: int) -> Halves | None:
    """The header at rows[index] if it holds side-by-side halves, else None."""
    upper = [(c, cell) for c, cell in enumerate(rows[index]) if cell.text]
    heads = [(c, cell, kind) for c, cell in upper if (kind := looked_up(HALF_HEADS, cell.text))]
    if heads:
        return _headed(rows, index, upper, heads)
    named = _named(upper)
    split = _split(named) if named is not None else None
    if split is None:
        return None
    return Halves(split[0], split[1], [], [cell for _, cell in upper], 1)


def _headed(rows: list[list[Cell]], index: int, upper: list[tuple[int, Cell]],
            heads: list[tuple[int, Cell, str]]) -> Halves | None:
    """中期指标 | 年度指标 over the halves' own heads on the row below; 一级/二级 merged down beside them are shared."""
    kinds = [kind for _, _, kind in heads]
    filed = ["中期" if kind in FILED_AS_MEDIUM else kind for kind in kinds]
    below = next((row for row in rows[index + 1:index + 2]), None)
    if len(heads) < 2 or len(set(filed)) != len(filed) or below is None:
        return None
    others = [(c, cell) for c, cell in upper if c not in {c for c, _, _ in heads}]
    shared = _named(others)
    lower = _named([(c, cell) for c, cell in enumerate(below) if cell.text])
    if shared is None or lower is None or any(c > heads[0][0] for c, _, _ in shared):
        return None
    split = _split(shared + lower)
    if split is None or len(split[1]) != len(heads) or len(split[0]) != len(shared):
        return None
    return Halves(split[0], split[1], kinds, [cell for _, cell in upper] + [cell for _, _, cell in lower], 2)


def _named(cells: list[tuple[int, Cell]]) -> list[Named] | None:
    """Each cell's indicator field; a label beside the table (绩效指标) names none and is left out. None when a cell
    names no field."""
    named = []
    for column, cell in cells:
        field = indicator_column(cell.text)
        if field is None and normalize(cell.text) not in STRUCTURE_LABELS:
            return None
        if field is not None:
            named.append((column, field, cell))
    return named


def _split(named: list[Named]) -> tuple[list[Named], list[list[Named]]] | None:
    """The shared columns and the halves: a half starts where the field that repeats first is named again; every
    half names the same fields, a value and at least one level or name among them."""
    fields = [field for _, field, _ in named]
    first = next((i for i, field in enumerate(fields) if fields.count(field) > 1), None)
    if first is None:
        return None
    starts = [i for i in range(first, len(fields)) if fields[i] == fields[first]]
    groups = [named[a:b] for a, b in zip(starts, starts[1:] + [len(named)])]
    kinds = {tuple(field for _, field, _ in group) for group in groups}
    if len(kinds) != 1 or "value" not in fields[first:starts[1]] \
            or not {"level2", "name"} & set(fields[first:starts[1]]):
        return None
    return named[:first], groups


class IndicatorHalves(AssemblyState):
    def _indicator_halves(self, rows: list[list[Cell]], start: int, origin: str,
                          halves: Halves) -> tuple[int, int]:
        """Each half read as an indicator table of its own, into the goal it belongs to; returns rows used, placed."""
        end, body = self._part_rows(rows, start, halves.rows, self._is_stop)
        goals = self._half_goals(halves, origin)
        if goals is None:
            for cell in halves.header + [cell for row in body for cell in row if cell.text]:
                self.why_not[cell.location] = UNOWNED
            return end - start, 0
        self._place(*halves.header)
        for number, (group, goal) in enumerate(zip(halves.groups, goals)):
            columns = Columns({i: field for i, (_, field, _) in enumerate(halves.shared + group)}, {},
                              [cell for _, _, cell in halves.shared + group])
            data = [self._half_cells(row, halves, number) for row in body]
            reader = IndicatorReader(columns, data, realign=False)
            indicators = [i for i in reader.read() if set(i) - {"seq", "level1", "level2", "notes"}]
            self._place(*reader.placed)
            self._keep_indicators(goal, columns, indicators)
        self.goal_table_used = True
        return end - start, end - start

    def _half_cells(self, row: list[Cell], halves: Halves, number: int) -> list[Cell]:
        """The shared cells and one half's, in the order of their heads. Copied text drops the slots of labels merged
        down at the left (绩效指标, a 一级指标 over several rows): there the row lines up with the heads on the right."""
        if self.realign:
            aligned = [Cell("", "")] * max(halves.width - len(row), 0) + row[-halves.width:]
            first = len(halves.shared) + sum(len(group) for group in halves.groups[:number])
            positions = [*range(len(halves.shared)), *range(first, first + len(halves.groups[number]))]
            return [aligned[p] for p in positions]
        return [row[c] if c < len(row) else Cell("", "") for c, _, _ in halves.shared + halves.groups[number]]

    def _half_goals(self, halves: Halves, origin: str) -> list[dict[str, Any]] | None:
        """The goal of each half: named by its head, else the goals waiting above the table in their order (as the
        总体目标 row names them, left to right), with a note; None when neither says it."""
        if halves.kinds:
            return [self._goal_of_kind(kind, origin) for kind in halves.kinds]
        waiting = [goal for goal in self._goals_here() if "indicators" not in goal]
        if len(waiting) != len(halves.groups) or len({goal["kind"] for goal in waiting}) != len(waiting):
            return None
        for number, goal in enumerate(waiting):
            count, side = ("两", ("左边", "右边")[number]) if len(waiting) == 2 else (len(waiting), f"第{number + 1}")
            goal.setdefault("notes", []).append(
                {"field": "indicators", "text": f"原表的指标左右并列{count}组，表头没有写明各属哪个目标；"
                                                f"编者按上方目标的左右顺序，把{side}一组读作本目标的指标。"})
        return waiting

    def _goals_here(self) -> list[dict[str, Any]]:
        """The goals of the project being read, or the department's."""
        if self.in_projects and self.project is not None:
            return self.project.setdefault("goals", [])
        return self.goals

    def _goal_of_kind(self, word: str, origin: str) -> dict[str, Any]:
        """The goal of this kind waiting for its indicators (实施期 is a 中期 goal), else a new one."""
        kind = "中期" if word in FILED_AS_MEDIUM else word
        goal = next((g for g in self._goals_here() if g["kind"] == kind and "indicators" not in g), None)
        if goal is None:
            self._start_goal(word, None, None, origin=origin, same_project=self.project is not None)
            goal = self.goal
        assert goal is not None
        return goal
