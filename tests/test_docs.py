"""The user documentation builds, and it documents every field of the content format."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.models import Filing
from generator.problems import ERROR_CODES, WARNING_CODES
from generator.schema_errors import _field_names

ROOT = Path(__file__).resolve().parent.parent


def test_every_content_field_is_documented():
    text = (ROOT / "docs" / "content-format.md").read_text(encoding="utf-8")
    missing = sorted(name for name in _field_names(Filing) if f"`{name}`" not in text and f"{name}:" not in text)
    assert missing == []


def test_every_problem_code_is_documented():
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    assert [code for code in {**ERROR_CODES, **WARNING_CODES} if f"`{code}`" not in text] == []


def test_docs_build_with_mkdocs_strict(tmp_path):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "docs")],
                            cwd=ROOT, capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs" / "content-format" / "index.html").is_file()


def test_every_export_column_is_documented():
    """docs/open-data.md lists each table's columns under its heading, in the order of the downloads."""
    from generator.export_tables import FILING_COLUMNS, TABLE_SPECS
    text = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    for kind, spec in TABLE_SPECS.items():
        section = text.split(f"（`{kind}`）", 1)[1].split("\n### ", 1)[0]
        documented = [line.split("|")[1].strip() for line in section.splitlines()
                      if line.startswith("| ") and not line.startswith("| 列 ")]
        expected = FILING_COLUMNS + spec.lead + ((spec.prior,) if spec.prior else ()) + spec.tail
        assert documented == [c.name for c in expected], kind
