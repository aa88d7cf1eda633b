"""`gongkai import` of cells that carry the web markup of the export ("<p>公证业务量</p>", "…<br>…").

The seeds' copied text has <p> in some cells (广水's 部门职能 and goals, rich text there). Another department's
export of the same form may have it in any cell: in a plain-text field (an indicator's name, the department's name,
a spending plan's time point) the importer takes the <p> and <br> out, keeps every character, and says so in a
note on the record, so the file passes `gongkai check`; rich text keeps them; any other tag is left for `check`.
"""

from __future__ import annotations

from pathlib import Path

from generator.importing.importer import ImportResult
from tests.forms.imports import import_new

SOURCES = Path(__file__).resolve().parents[1] / "content" / "sources"
GUANGSHUI = SOURCES / "001_ebde392d2f7b9b87.txt"
NOTE = "原表此格带有导出时留下的网页{tags}；编者去掉标记，分段处换行，文字照原样。"


def imported(tmp_path: Path, change) -> ImportResult:
    text = GUANGSHUI.read_text(encoding="utf-8")
    varied = change(text)
    assert varied != text
    source = tmp_path / "form.txt"
    source.write_text(varied, encoding="utf-8")
    return import_new(source, tmp_path, "gs", kind="申报", year=None)


def indicator(result: ImportResult, name: str) -> dict:
    return next(i for g in result.filing["goals"] for i in g["indicators"] if i.get("name") == name)


def test_markup_in_an_indicator_name_is_taken_out_with_a_note(tmp_path: Path) -> None:
    result = imported(tmp_path, lambda text: text.replace("\t公证业务量\t", "\t<p>公证业务量</p>\t", 1))
    found = indicator(result, "公证业务量")
    assert found["notes"] == [{"field": "name", "text": NOTE.format(tags="分段标记 p")}]
    assert found["value"] == "≥1200件"
    assert result.check.errors == []


def test_paragraphs_and_line_breaks_become_lines(tmp_path: Path) -> None:
    result = imported(tmp_path, lambda text: text.replace("\t公证业务量\t", "\t<p>公证</p><p>业务量</p>\t", 1)
                      .replace("\t法律援助案件量\t", "\t法律援助<br/>案件量\t", 1))
    assert indicator(result, "公证\n业务量")["notes"][0]["text"] == NOTE.format(tags="分段标记 p")
    assert indicator(result, "法律援助\n案件量")["notes"][0]["text"] == NOTE.format(tags="换行标记 br")
    assert result.check.errors == []


def test_a_record_without_notes_has_the_note_on_the_record_above(tmp_path: Path) -> None:
    """The department has no notes of its own: the filing's note names department.name."""
    result = imported(tmp_path, lambda text: text.replace("广水市司法局", "<p>广水市司法局</p>", 1))
    assert result.filing["department"]["name"] == "广水市司法局"
    assert {"field": "department.name", "text": NOTE.format(tags="分段标记 p")} in result.filing["notes"]
    assert result.check.errors == []


def test_rich_text_keeps_its_paragraphs_and_other_tags_are_left_for_check(tmp_path: Path) -> None:
    result = imported(tmp_path, lambda text: text.replace("\t公证业务量\t", "\t<span>公证业务量</span>\t", 1))
    assert result.filing["functions"].startswith("<p>")  # 部门职能 as filed, rich text
    assert any(i.get("name") == "<span>公证业务量</span>" for g in result.filing["goals"] for i in g["indicators"])
    assert [(e.code, e.path) for e in result.check.errors] == [("unsafe-html", "goals[0].indicators[1].name")]
