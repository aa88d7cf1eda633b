"""Importing a drawn form as the first filing of a department: the one way the layout tests run `gongkai import`."""

from __future__ import annotations

from pathlib import Path

from generator.importing.importer import ImportOptions, ImportResult, import_file

ROOT = Path(__file__).resolve().parents[2]


def import_new(source: Path, tmp_path: Path, department: str, kind: str = "公开",
               year: int | None = 2026) -> ImportResult:
    """`source` imported with content/ empty (it is `tmp_path`): what the form (and `year`, the --year option)
    says is all there is. Written to tmp_path/out.yml and checked with the project's site_config.yml."""
    return import_file(source, ImportOptions(output=tmp_path / "out.yml", department=department, region="ezhou",
                                             year=year, kind=kind, content_dir=tmp_path,
                                             config=ROOT / "site_config.yml"))


def import_page(html_text: str, tmp_path: Path, name: str, department: str) -> ImportResult:
    """A saved web page (`html_text`) imported as `import_new` does, from a folder of its own under tmp_path."""
    folder = tmp_path / name
    folder.mkdir()
    source = folder / "page.html"
    source.write_text(html_text, encoding="utf-8")
    return import_new(source, folder, department)


def not_placed(result: ImportResult) -> list[tuple[str, str]]:
    """What the report lists as 未放入: each text with its reason."""
    return [(text, why) for _, text, why in result.imported.not_placed]
