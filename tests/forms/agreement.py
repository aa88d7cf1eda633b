"""How closely importing a rendered form reproduces the filing it was rendered from.

Compared like the seed texts (tests/import_agreement.py): as models, editorial notes and goal ids
aside. What remains is recorded per seed in tests/fixtures/import/forms/, so that a change in the
importer shows as a change of that list: the standard form against the hand-made filing, and the
shifted-label form against the standard form (where the importer's reading of a label that slid
down a row differs from the form without the slide).

    python -m tests.forms.agreement            # the per-seed agreement table
    python -m tests.forms.agreement --write    # record the differences (review the diff before committing)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from generator.importing.assemble import assemble
from generator.importing.document import SourceDocument
from generator.importing.importer import ImportOptions, import_file
from generator.importing.readers import read_document
from generator.models import Filing
from tests.import_agreement import CONTENT, ROOT, flatten, model_data

from .layout import expected
from .render import render_all, seed_filings

RECORDED = ROOT / "tests" / "fixtures" / "import" / "forms"


def imported(path: Path, filing: Filing) -> dict[str, Any]:
    """The filing `gongkai import` writes for a rendered form (department, year and kind given, as an editor would)."""
    department = filing.department
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "imported.yml"
        options = ImportOptions(output=output, department=department.id, region=department.region,
                                year=filing.fiscal_year, kind=filing.kind, content_dir=CONTENT,
                                config=ROOT / "site_config.yml")
        import_file(path, options)
        return model_data(output)


def differences(want: dict[str, Any], have: dict[str, Any], tag: str, names: tuple[str, str] = ("手工", "导入")
                ) -> list[str]:
    """Flattened filings compared key by key, in the line format of tests/import_agreement.py."""
    return [f"[{tag}] {key}: {names[0]} {want.get(key)!r} ≠ {names[1]} {have.get(key)!r}"
            for key in sorted(set(want) | set(have)) if want.get(key) != have.get(key)]


SHIFTED = ("标准表", "错位表")  # the shifted-label form is compared with the standard form's import


def expected_flat(filing: Filing, variant: str = "standard") -> dict[str, Any]:
    return flatten(expected(filing, variant).model_dump(mode="python", exclude_defaults=True))


def agreement(want: dict[str, Any], have: dict[str, Any]) -> float:
    fields = len(set(want) | set(have))
    return 100.0 * (fields - len(differences(want, have, ""))) / fields


def assembled(document: SourceDocument) -> dict[str, Any]:
    """What recognition makes of a file, before the importer completes it: the same for every format of a form."""
    return flatten(_without_origins(assemble(document).filing))


def _without_origins(value: Any) -> Any:
    """Recognition keeps each record's source location (`_origin`), which differs by format by design."""
    if isinstance(value, dict):
        return {key: _without_origins(item) for key, item in value.items() if not str(key).startswith("_")}
    if isinstance(value, list):
        return [_without_origins(item) for item in value]
    return value


def recorded(seed: str, variant: str) -> list[str]:
    path = RECORDED / f"{seed}.differences.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [line for line in lines if line.startswith(f"[{variant}] ")]


def recorded_now(filing: Filing, folder: Path) -> list[str]:
    """The lines `recorded` should hold for a seed, from its forms rendered in `folder`."""
    seed = folder / filing.department.id
    standard = differences(expected_flat(filing), flatten(imported(seed / "standard.docx", filing)), "standard")
    shifted = differences(assembled(read_document(seed / "standard.docx")),
                          assembled(read_document(seed / "shifted-label.docx")), "shifted-label", SHIFTED)
    return standard + shifted


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        render_all(out, ("standard", "shifted-label"), ("docx",))
        print("| 部门 | 字段一致率（标准表）|\n|---|---|")
        for filing in seed_filings():
            seed = filing.department.id
            got = flatten(imported(out / seed / "standard.docx", filing))
            print(f"| {seed} | {agreement(expected_flat(filing), got):.1f}% |")
            if argv == ["--write"]:
                RECORDED.mkdir(parents=True, exist_ok=True)
                lines = recorded_now(filing, out)
                (RECORDED / f"{seed}.differences.txt").write_text("".join(f"{line}\n" for line in lines),
                                                                  encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
