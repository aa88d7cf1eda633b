"""Goals and indicators written as prose: "1、产出指标-数量指标-开展外宣活动数量（反应开展外宣活动情况），指标值>=6；2、……".

Some filings list a goal's indicators in a sentence instead of a table. Each numbered item is read
as 一级-二级-三级（指标解释），指标值…: the text in the last brackets is the explanation (a unit
bracket such as "（%）" stays in the name), what follows "指标值" or "目标值" (and "为", "：") up to
the next "；" or "。" is the value. Everything is kept verbatim; the goal keeps the full text as well.
"""

from __future__ import annotations

import re
from typing import Any

PROJECT_PARAGRAPH = re.compile(r"^(“[^”]+”项目)")  # "“法治宣传”项目主要目标为……"
# An item's number as people write it: "1、", "1." or "1．" (not "1.5"), "（1）" or "(1)".
ITEM = re.compile(r"(?<![\d.．])(?:(\d{1,2})(?:、|[.．](?!\d))|[（(](\d{1,2})[）)])")
DASH = re.compile(r"[-—－]")
# "指标值>=6", "指标值为及时处理", "指标值：≥90%", "目标值≥90%": the value follows.
VALUE = re.compile(r"(?:指标值|目标值)(?:为|是)?[：:]?\s*")
VALUE_END = re.compile(r"[。；;]")  # a value ends with its item's sentence or clause


def items(text: str) -> list[str]:
    """The numbered items 1、2、3、… in order; other "N、" inside an item do not start a new one."""
    found: list[tuple[int, int]] = []
    expected = 1
    for match in ITEM.finditer(text):
        if int(match.group(1) or match.group(2)) == expected and VALUE.search(text, match.end()):
            found.append((match.start(), match.end()))
            expected += 1
    return [text[start:(found[i + 1][0] if i + 1 < len(found) else len(text))]
            for i, (_, start) in enumerate(found)]


def indicator(item: str) -> dict[str, Any] | None:
    """One numbered item → an indicator; None when the item does not say "指标值" (or "目标值")."""
    if (marker := VALUE.search(item)) is None:
        return None
    left, right = item[:marker.start()], item[marker.end():]
    value = VALUE_END.split(right)[0].strip().rstrip("，,").strip()
    left = left.strip().rstrip("，,。；; ")
    opened = min((index for index in map(left.find, OPENING) if index >= 0), default=len(left))
    head, bracket, tail = left[:opened], left[opened:opened + 1], left[opened + 1:]
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


# "资金支出率（%）": a unit in brackets is part of the name (typed full-width on a Chinese IME as often as not).
UNIT_MARKS = ("%", "％", "‰")


# Brackets as typed: full-width, or half-width on an IME switched to English ("开展外宣活动数量(反应开展外宣活动情况)").
OPENING, CLOSING = "（(", "）)"
DEPTH = {**dict.fromkeys(CLOSING, 1), **dict.fromkeys(OPENING, -1)}


def _name_and_description(text: str) -> tuple[str, str | None]:
    if text.endswith(tuple(CLOSING)):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += DEPTH.get(text[index], 0)
            if depth == 0:
                inside = text[index + 1:-1]
                if inside in UNIT_MARKS:
                    return text, None
                return text[:index].strip(), inside
        return text, None
    opened = max(map(text.rfind, OPENING))
    if opened >= 0:
        return text[:opened].strip(), text[opened + 1:]
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
                          "最后一对括号（全角或半角）内的文字作为指标解释（表示单位的“（%）”留在名称中），“指标值”或“目标值”"
                          "（及其后的“为”“：”）之后、到“；”或“。”为止的文字作为指标值。原文全文见目标内容，请逐条对照。"}]
        goal["indicators"] = indicators
    else:
        goal["notes"] = [{"field": "indicators", "text": "原文以文字叙述本目标，没有指标表；全文见目标内容。"}]
    return goal
