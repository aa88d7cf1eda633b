"""Incremental builds: unchanged filings reuse their exports, and the site is the same either way."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import build

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_second_build_reuses_exports_and_writes_the_same_bytes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = (content, FIXTURE / "site_config.yml", ROOT / "templates")
    first = build(*args, tmp_path / "site", search=False)
    before = files(tmp_path / "site")
    second = build(*args, tmp_path / "site", search=False)
    assert (first.reused, first.made) == (0, 4)  # three filings and the site-wide set
    assert (second.reused, second.made) == (4, 0)
    assert files(tmp_path / "site") == before
    fresh = build(*args, tmp_path / "fresh", search=False, cache=False)
    assert (fresh.reused, fresh.made) == (0, 0)
    assert files(tmp_path / "fresh") == before


def test_changing_one_filing_remakes_only_its_exports(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = (content, FIXTURE / "site_config.yml", ROOT / "templates")
    build(*args, tmp_path / "site", search=False)
    filing = content / "other-sfj" / "2025-shenbao.yml"
    filing.write_text(filing.read_text(encoding="utf-8").replace("≥50件", "≥55件"), encoding="utf-8")
    again = build(*args, tmp_path / "site", search=False)
    assert (again.reused, again.made) == (2, 2)  # the changed filing and the site-wide set
    csv = (tmp_path / "site" / "d/other-sfj/2025-shenbao/data/other-sfj-2025-shenbao-indicators.csv").read_text("utf-8-sig")
    assert "≥55件" in csv and "≥50件" not in csv
