"""Problems are data: every finding of `check` is a located, explained record.

Modelled on frictionless-py (problems collected, never raised one by one) and
cfgv (breadcrumbs: file, then key path, then what is wrong).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from enum import Enum
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


SEVERITY_LABEL = {Severity.ERROR: "错误", Severity.WARNING: "警告"}

# Every problem code `check` can report, with what it means. docs/checks.md lists the same.
ERROR_CODES = {
    "broken-utf8": "文件不是 UTF-8 编码",
    "yaml-syntax": "YAML 语法错误",
    "duplicate-key": "同一映射中键重复（YAML 会静默丢掉前一个）",
    "bad-character": "文字含无效字符（控制字符、不成对的代理码位，多为引号内的转义）",
    "yaml-limit": "文件超出安全上限（大小、嵌套层数、别名复制、数字位数）",
    "unknown-field": "未知字段（多为拼写错误）",
    "missing-field": "缺少必填字段",
    "wrong-type": "值的类型不对（如金额写成了文字）",
    "wrong-value": "值不在允许范围内",
    "invalid": "其他格式错误",
    "unknown-unit": "未知的金额单位",
    "unsafe-id": "标识不能用作网址路径",
    "unsafe-html": "文本含不允许的 HTML",
    "unknown-region": "地区未在 site_config.yml 中定义",
    "missing-source": "找不到原文文件",
    "unsafe-source": "原文路径不在 content/sources/ 内",
    "withheld-source": "原文含另一份文件中不予公开的项目",
    "duplicate-id": "同一文件中项目标识重复",
    "duplicate-filing": "同一部门、年度、类型有两个文件",
    "department-mismatch": "同一部门在不同文件中的名称或地区不一致",
    "placeholder": "gongkai new 模板的占位文字或示例值尚未替换",
    "note-field": "编者注的 field 不是所在记录的字段",
    "contact-in-text": "公开的文字中有本文件的填报人或联系电话（只应写在 contact 中）",
}
WARNING_CODES = {
    "sum-mismatch": "合计与各项之和不一致",
    "total-mismatch": "收入合计与支出合计不一致",
    "share-mismatch": "占比与金额不符",
    "spending-plan": "资金支出计划不递增或不以 100% 结束",
    "budget-exceeds-total": "预算超过总预算或部门支出合计",
    "unit-mismatch": "金额单位与本文件不同",
    "duplicate-indicator": "同一张表中指标重复",
    "empty-cell": "名称或指标值为空",
    "invisible-character": "文字含看不见的字符（零宽字符、文字方向控制符）",
    "late-publication": "公开晚于批复 20 天以上（预算法第十四条）",
    "empty-field": "字段写了键但没有内容",
    "phone-in-text": "公开的文字中有手机号码",
    "stale-review": "核对记录（reviews）对应的警告已不存在",
}
# A review records that a warning was checked against the 原文; a stale review is about reviews themselves.
REVIEWABLE_CODES = tuple(code for code in WARNING_CODES if code != "stale-review")


@dataclass(frozen=True, order=True)
class Problem:
    """One located finding. `path` is the key path inside the file, e.g. `goals[0].indicators[3].value`."""

    file: str
    line: int
    column: int
    path: str
    code: str
    severity: Severity
    message: str
    hint: str = ""
    review: str | None = None  # a warning checked against the 原文: why the value is right as filed

    def format(self) -> str:
        location = f"{self.file}:{self.line}:{self.column}"
        label = "已核对" if self.review else SEVERITY_LABEL[self.severity]
        text = f"{location}  {self.path or '(文件)'}  [{label} {self.code}] {self.message}"
        if self.review:
            return f"{text}  核对说明：{self.review}"
        return f"{text}  提示：{self.hint}" if self.hint else text

    def as_dict(self) -> dict:
        data = asdict(self)
        data["severity"] = self.severity.value
        return data


@dataclass
class Report:
    """All problems of one run, in a stable order."""

    problems: list[Problem] = field(default_factory=list)

    def extend(self, problems: list[Problem]) -> None:
        self.problems.extend(problems)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        """The warnings still to be checked: `--strict` fails while there are any."""
        return [p for p in self.problems if p.severity is Severity.WARNING and not p.review]

    @property
    def reviewed(self) -> list[Problem]:
        return [p for p in self.problems if p.review]

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.line, p.column, p.code, p.path))

    def as_text(self) -> str:
        """A to-do list: errors and the warnings still to check; reviewed warnings are only counted."""
        lines = [p.format() for p in self.sorted() if not p.review]
        lines.append(f"共 {len(self.errors)} 个错误，{len(self.warnings)} 个警告{reviewed_note(len(self.reviewed))}。")
        return "\n".join(lines)

    def as_json(self) -> str:
        body = {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "reviewed": len(self.reviewed),
            "problems": [p.as_dict() for p in self.sorted()],
        }
        return json.dumps(body, ensure_ascii=False, indent=2)


def reviewed_note(count: int) -> str:
    return f"（另有 {count} 个警告已核对）" if count else ""


def warnings_summary(warnings: int, reviewed: int, content: Path, config: Path) -> str:
    """Warnings do not stop a build, so a build says how many there are and the `check` that lists them."""
    if not warnings:
        return f"内容没有待核对的警告{reviewed_note(reviewed)}。"
    command = f"gongkai check {content}" + ("" if config == Path("site_config.yml") else f" --config {config}")
    return f"内容有 {warnings} 个警告待核对{reviewed_note(reviewed)}，网站上显示为“数据核对提示”：运行 {command} 逐条查看。"


class ContentError(Exception):
    """Raised by `build` when content has errors: nothing is published."""

    def __init__(self, report: Report):
        super().__init__(report.as_text())
        self.report = report


def display_path(path: Path, root: Path | None = None) -> str:
    """Paths in messages are relative to the working directory when possible, so they can be clicked."""
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)
