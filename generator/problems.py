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

    def format(self) -> str:
        location = f"{self.file}:{self.line}:{self.column}"
        text = f"{location}  {self.path or '(文件)'}  [{SEVERITY_LABEL[self.severity]} {self.code}] {self.message}"
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
        return [p for p in self.problems if p.severity is Severity.WARNING]

    def sorted(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: (p.file, p.line, p.column, p.code, p.path))

    def as_text(self) -> str:
        lines = [p.format() for p in self.sorted()]
        lines.append(f"共 {len(self.errors)} 个错误，{len(self.warnings)} 个警告。")
        return "\n".join(lines)

    def as_json(self) -> str:
        body = {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "problems": [p.as_dict() for p in self.sorted()],
        }
        return json.dumps(body, ensure_ascii=False, indent=2)


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
