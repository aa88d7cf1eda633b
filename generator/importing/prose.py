"""Goals and indicators written as prose: "1、产出指标-数量指标-开展外宣活动数量（反应开展外宣活动情况），指标值>=6；2、……".

Some filings list a goal's indicators in a sentence instead of a table. Each numbered item is read
as 一级-二级-三级（指标解释），指标值…: the text in the last brackets is the explanation (a unit
bracket such as "（%）" stays in the name), what follows "指标值" or "指标值为" is the value without
the closing "；" or "。". Everything is kept verbatim; the goal keeps the full text as well.
"""

from __future__ import annotations

import re
from typing import Any

PROJECT_PARAGRAPH = re.compile(r"^(“[^”]+”项目)")  # "“法治宣传”项目主要目标为……"
ITEM = re.compile(r"(?<!\d)(\d{1,2})、")
DASH = re.compile(r"[-—－]")
VALUE = "指标值"


def items(text: str) -> list[str]:
    """The numbered items 1、2、3、… in order; other "N、" inside an item do not start a new one."""
    found: list[tuple[int, int]] = []
    expected = 1
    for match in ITEM.finditer(text):
        if int(match.group(1)) == expected and VALUE in text[match.end():]:
            found.append((match.start(), match.end()))
            expected += 1
    return [text[start:(found[i + 1][0] if i + 1 < len(found) else len(text))]
            for i, (_, start) in enumerate(found)]


def indicator(item: str) -> dict[str, Any] | None:
    """One numbered item → an indicator; None when the item does not say "指标值"."""
    if VALUE not in item:
        return None
    left, _, right = item.partition(VALUE)
    value = right[1:] if right.startswith("为") else right
    value = value.split("。")[0].strip().rstrip("；;，,").strip()
    left = left.strip().rstrip("，,。；; ")
    head, bracket, tail = left.partition("（")
    segments = [s.strip() for s in DASH.split(head)]
    named = segments[-1] + bracket + tail
    name, description = _name_and_description(named)
    found: dict[str, Any] = {}
    if len(segments) >= 3:
        found["level1"], found["level2"] = segments[0], segments[1]
    elif len(segments) == 2:
        found["level1"] = segments[0]
    if name:
        found["name"] = name
    if description:
        found["description"] = description
    if value:
        found["value"] = value
    return found


def _name_and_description(text: str) -> tuple[str, str | None]:
    if text.endswith("）"):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += {"）": 1, "（": -1}.get(text[index], 0)
            if depth == 0:
                inside = text[index + 1:-1]
                if inside == "%":
                    return text, None
                return text[:index].strip(), inside
        return text, None
    if "（" in text:
        name, _, description = text.rpartition("（")
        return name.strip(), description
    if "，" in text:
        name, _, description = text.partition("，")
        return name.strip(), description.strip()
    return text, None


def prose_indicators(text: str) -> list[dict[str, Any]]:
    return [found for item in items(text) if (found := indicator(item))]


def rich(paragraphs: list[str]) -> str:
    """Paragraphs as rich text, one <p> each (text that already is <p>…</p> stays as written)."""
    return "\n".join(p if p.startswith("<p>") else f"<p>{p}</p>" for p in paragraphs)


def prose_goals(paragraphs: list[str], numbered_from: int) -> list[dict[str, Any]] | None:
    """One 年度 goal per "“…”项目" paragraph and the paragraphs after it; None when the text is not such a list."""
    groups: list[list[str]] = []
    for text in paragraphs:
        if PROJECT_PARAGRAPH.match(text) or not groups:
            groups.append([text])
        else:
            groups[-1].append(text)
    if not all(PROJECT_PARAGRAPH.match(group[0]) for group in groups):
        return None
    return [_goal(group, numbered_from + number) for number, group in enumerate(groups, 1)]


def _goal(group: list[str], number: int) -> dict[str, Any]:
    merged: list[str] = []
    for text in group:  # the numbered list continues the sentence that announces it
        if merged and text.startswith("1、") and "绩效目标" in merged[-1]:
            merged[-1] += "<br>\n" + text
        else:
            merged.append(text)
    title = PROJECT_PARAGRAPH.match(group[0]).group(1)
    goal: dict[str, Any] = {"id": f"g{number}", "kind": "年度", "title": title, "text": rich(merged)}
    indicators = prose_indicators("\n".join(group))
    if indicators:
        goal["notes"] = [{"field": "indicators", "text": "原文以文字叙述本目标的绩效指标，没有表格；下列指标由导入按"
                          "“一级指标-二级指标-三级指标（指标解释），指标值……”的写法从叙述中拆出，各项文字照原样："
                          "最后一对括号内的文字作为指标解释（表示单位的“（%）”留在名称中），“指标值”或“指标值为”"
                          "之后的文字作为指标值（去掉句末的“；”“。”）。原文全文见目标内容，请逐条对照。"}]
        goal["indicators"] = indicators
    else:
        goal["notes"] = [{"field": "indicators", "text": "原文以文字叙述本目标，没有指标表；全文见目标内容。"}]
    return goal
