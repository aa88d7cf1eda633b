"""The import report: what was found and placed, what was not (with its location), and check's problems."""

from __future__ import annotations

import json
from typing import Any

from ..problems import display_path
from .importer import ImportResult


def counts(filing: dict[str, Any]) -> dict[str, int]:
    projects = filing.get("projects", [])
    goals = list(filing.get("goals", [])) + [g for p in projects for g in p.get("goals", [])]
    return {
        "tasks": len((filing.get("tasks") or {}).get("lines", [])),
        "goals": len(goals),
        "indicators": sum(len(g.get("indicators", [])) for g in goals),
        "projects": len([p for p in projects if "withheld" not in p or "numbers" not in p["withheld"]]),
        "withheld": len([p for p in projects if "numbers" in p.get("withheld", {})]),
        "fund_lines": sum(len((filing.get("funds", {}).get(part) or {}).get("lines", []))
                          + (1 if (filing.get("funds", {}).get(part) or {}).get("total") else 0)
                          for part in ("income", "expenditure")),
    }


def as_data(result: ImportResult) -> dict[str, Any]:
    imported = result.imported
    return {
        "source": display_path(result.source),
        "output": display_path(result.output),
        "tables": [{"location": t.location, "kind": t.kind, "rows_placed": t.rows} for t in imported.tables],
        **counts(result.filing),
        "notes": note_count(result.filing),
        "not_placed": [{"location": where, "text": text, "reason": why} for where, text, why in imported.not_placed],
        "remarks": list(result.remarks),
        "check": json.loads(result.check.as_json()),
    }


def note_count(value: Any) -> int:
    """Editorial notes anywhere in the filing: each is a judgement to review."""
    if isinstance(value, dict):
        return len(value.get("notes", [])) + sum(note_count(v) for k, v in value.items() if k != "notes")
    if isinstance(value, list):
        return sum(note_count(v) for v in value)
    return 0


def as_text(result: ImportResult) -> str:
    data = as_data(result)
    lines = [f"已导入 {data['source']} → {data['output']}", "", "找到的表格："]
    for table in data["tables"]:
        lines.append(f"  {table['location']}：{table['kind']}，放入 {table['rows_placed']} 行")
    if not data["tables"]:
        lines.append("  （没有表格）")
    lines.append("")
    tasks = f"任务 {data['tasks']} 项，" if data["tasks"] else ""  # only forms with a 年度主要任务 table have tasks
    lines.append(f"资金 {data['fund_lines']} 行，{tasks}目标 {data['goals']} 个，指标 {data['indicators']} 条，"
                 f"项目 {data['projects']} 个，不予公开记录 {data['withheld']} 条，编者注 {data['notes']} 条"
                 "（导入时写下的判断，请逐条核对）。")
    lines.append("")
    if data["not_placed"]:
        lines.append(f"未放入文件的内容（{len(data['not_placed'])} 处，请逐条确认无需录入，或手工录入）：")
        for item in data["not_placed"]:
            lines.append(f"  {item['location']}：{_short(item['text'])}（{item['reason']}）")
    else:
        lines.append("原文每个非空单元格和段落都已放入文件。")
    if data["remarks"]:
        lines.append("")
        lines.append("读取时注意到：")
        lines.extend(f"  {remark}" for remark in data["remarks"])
    lines.append("")
    lines.append("检查结果：")
    lines.append(result.check.as_text())
    return "\n".join(lines)


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
