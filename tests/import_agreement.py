"""How closely importing each seed's 原文 reproduces its hand-made filing, field by field.

Both filings are compared as models (what `check` and the site read), editorial notes and reviews
aside (the editor's words, not the form's) and goal ids aside (a goal id is a permalink the editor chose,
not something the form says).
`python -m tests.import_agreement` prints the per-seed table.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
import re

from generator.importing.importer import ImportOptions, import_file
from generator.loading import load_filing

BETWEEN_TAGS = re.compile(r">\s+<")
ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
SEEDS = {
    "000_3d09dd7bc3f8b5ea.txt": "ezhou-sfj/2025-pifu.yml",
    "001_ebde392d2f7b9b87.txt": "guangshui-sfj/2024-shenbao.yml",
    "002_0ec2345d73f18d63.txt": "hengyang-sfj/2024-shenbao.yml",
    "003_95543d55ae7ca3fd.txt": "lunan-sfj/2025-gongkai.yml",
    "004_878df4ebd272f24d.txt": "yutian-sfj/2025-gongkai.yml",
}


@dataclass
class Agreement:
    seed: str
    fields: int
    equal: int
    differences: list[str]

    @property
    def percent(self) -> float:
        return 100.0 * self.equal / self.fields if self.fields else 100.0


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """Leaf values by key path, without notes, reviews and goal ids; empty values are absent values."""
    if isinstance(value, dict):
        flat: dict[str, Any] = {}
        for key, item in value.items():
            if key in ("notes", "reviews") or (key == "id" and path.split(".")[-1].startswith("goals[")):
                continue
            flat.update(flatten(item, f"{path}.{key}" if path else str(key)))
        return flat
    if isinstance(value, list):
        flat = {}
        for index, item in enumerate(value):
            flat.update(flatten(item, f"{path}[{index}]"))
        return flat
    if value is None or value == "":
        return {}
    if isinstance(value, str):  # rich text: the spaces between paragraphs do not show
        value = BETWEEN_TAGS.sub("><", value)
    return {path: value}


def model_data(path: Path) -> dict[str, Any]:
    loaded, problems = load_filing(path)
    assert loaded is not None, [p.format() for p in problems]
    return loaded.filing.model_dump(mode="python", exclude_defaults=True)


def agreement(source: str, filing: str, written: bytes | None = None) -> Agreement:
    """`source` imported and compared with `filing`; with `written`, those bytes under the source's name instead
    of the file (the same form as another program writes it)."""
    expected = model_data(CONTENT / filing)
    department = expected["department"]
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "imported.yml"
        options = ImportOptions(output=output, department=department["id"], region=department["region"],
                                content_dir=CONTENT, config=ROOT / "site_config.yml")
        original = CONTENT / "sources" / source
        if written is not None:
            original = Path(folder) / source
            original.write_bytes(written)
        import_file(original, options)
        got = model_data(output)
    want, have = flatten(expected), flatten(got)
    keys = sorted(set(want) | set(have))
    differences = [f"{key}: 手工 {want.get(key)!r} ≠ 导入 {have.get(key)!r}" for key in keys
                   if want.get(key) != have.get(key)]
    return Agreement(source, len(keys), len(keys) - len(differences), differences)


def table() -> str:
    lines = ["| 原文 | 手工文件 | 字段 | 相同 | 一致率 |", "|---|---|---|---|---|"]
    for source, filing in SEEDS.items():
        result = agreement(source, filing)
        lines.append(f"| {source} | {filing} | {result.fields} | {result.equal} | {result.percent:.1f}% |")
    return "\n".join(lines)


DIFFERENCES = Path(__file__).parent / "fixtures" / "import"
FULL = ["001_ebde392d2f7b9b87.txt", "002_0ec2345d73f18d63.txt", "003_95543d55ae7ca3fd.txt", "004_878df4ebd272f24d.txt"]


def write_differences() -> None:
    """Record the remaining differences of the seeds below 100% (review the diff before committing)."""
    for source, filing in SEEDS.items():
        if source not in FULL:
            lines = agreement(source, filing).differences
            (DIFFERENCES / f"{source}.differences.txt").write_text("".join(f"{line}\n" for line in lines),
                                                                   encoding="utf-8")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] == ["--write-differences"]:
        write_differences()
    elif len(sys.argv) > 1:
        for source in sys.argv[1:]:
            result = agreement(source, SEEDS[source])
            print(f"{source}: {result.percent:.1f}% ({result.equal}/{result.fields})")
            print("\n".join(result.differences))
    else:
        print(table())
