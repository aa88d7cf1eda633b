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
