"""The importer on damaged forms: the seed texts and the seed forms drawn as workbooks and Word files, each changed at
random the way careless copies and edited templates are (lines or rows dropped, doubled, swapped, cut or merged, cells
dropped, doubled or blanked, a column taken out, stray words typed in). Fixed seeds, so every run imports the same
files. Each import either writes a filing or refuses with its own message (`ImportFailure`): never a traceback, never a
hang. And nothing is lost without a word: every cell of the damaged form is in the filing or in the report, unless the
undamaged form's import also used it up (a label: "一级指标", "占比").

The probe these cases come from found one defect (test_import_funds_without_share): seed 000's funds table with its
占比 column taken out made a nameless project that took the department's goals. Cells written into the hidden part of
a merged range are not checked: a reader never sees them, and the importer reads merged cells as their first cell.
"""

from __future__ import annotations

import copy
import random
import re
from pathlib import Path

import pytest

from generator.importing.document import ImportFailure
from generator.importing.importer import ImportOptions, import_file
from tests.forms.layout import VARIANTS, FormBlock, FormTable, FormText, Merge, form
from tests.forms.render import WRITERS, seed_filings
from tests.import_agreement import CONTENT, ROOT, SEEDS, model_data

STRAY = ["", "—", "0", "-1.5", "合计", "不予公开", "≥", "（", "2025年", "万元", "%", "涉密", "一级指标", "\t", "1-3号项目涉密"]
# Cells the check does not ask for: heads and labels, which a damaged form may leave unread beside its table.
LABEL = re.compile(r"^(\d{4}年|\S{0,6}指标\S{0,6}|备注|支出项目类别|序号|项目名称)$")


def damaged_text(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        change = rng.choice(["drop", "double", "swap", "end", "cut", "drop cell", "double cell", "stray", "merge",
                             "split", "untab"])
        if change == "drop":
            del lines[at:at + rng.randint(1, 8)]
        elif change == "double":
            lines[at:at] = lines[at:at + rng.randint(1, 5)]
        elif change == "swap" and at + 1 < len(lines):
            lines[at], lines[at + 1] = lines[at + 1], lines[at]
        elif change == "end":
            lines = lines[:at]
        elif change == "cut":
            lines[at] = lines[at][:rng.randrange(len(lines[at]) + 1)]
        elif change in ("drop cell", "double cell"):
            cells = lines[at].split("\t")
            column = rng.randrange(len(cells))
            cells[column:column + 1] = [] if change == "drop cell" else [cells[column]] * 2
            lines[at] = "\t".join(cells)
        elif change == "stray":
            lines[at] += rng.choice(STRAY)
        elif change == "merge" and at + 1 < len(lines):
            lines[at:at + 2] = [lines[at] + lines[at + 1]]
        elif change == "split":
            cut = rng.randrange(len(lines[at]) + 1)
            lines[at:at + 1] = [lines[at][:cut], lines[at][cut:]]
        elif change == "untab":
            lines[at] = lines[at].replace("\t", "", 1)
    return "\n".join(lines)


def _rows_moved(merges: list[Merge], row: int, by: int) -> list[Merge]:
    """The merges once `row` is taken out (by -1) or doubled (by 1): those across it go, those below move."""
    return [(r1 + by, c1, r2 + by, c2) if r1 > row else (r1, c1, r2, c2)
            for r1, c1, r2, c2 in merges if not r1 <= row <= r2]


def damaged_form(blocks: list[FormBlock], rng: random.Random) -> list[FormBlock]:
    blocks = copy.deepcopy(blocks)
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(blocks))
        block = blocks[at]
        change = rng.choice(["drop block", "double row", "drop row", "blank", "stray", "drop column", "swap rows"])
        if change == "drop block" and len(blocks) > 1:
            del blocks[at]
        elif isinstance(block, FormText):
            block.text = block.text[:rng.randrange(len(block.text) + 1)] + rng.choice(STRAY).strip()
        elif block.rows:
            _damage_table(block, change, rng)
    return blocks


def _damage_table(table: FormTable, change: str, rng: random.Random) -> None:
    row = rng.randrange(len(table.rows))
    if change == "drop row" and len(table.rows) > 1:
        del table.rows[row]
        table.merges = _rows_moved(table.merges, row, -1)
    elif change == "double row":
        table.rows.insert(row, list(table.rows[row]))
        table.merges = _rows_moved(table.merges, row, 1)
    elif change == "swap rows" and row + 1 < len(table.rows):
        table.rows[row], table.rows[row + 1] = table.rows[row + 1], table.rows[row]
        table.merges = [m for m in table.merges if not (m[0] <= row + 1 and m[2] >= row)]
    elif change in ("blank", "stray") and table.rows[row]:
        table.rows[row][rng.randrange(len(table.rows[row]))] = "" if change == "blank" else rng.choice(STRAY).strip()
    elif change == "drop column":
        column = rng.randrange(table.width)
        for cells in table.rows:
            del cells[column:column + 1]
        table.merges = [(r1, c1 - (c1 > column), r2, c2 - (c2 > column))
                        for r1, c1, r2, c2 in table.merges if not c1 <= column <= c2]


def _hidden_cells(blocks: list[FormBlock]) -> set[str]:
    """What stands in the hidden part of a merged range: no reader sees it."""
    return {table.rows[r][c] for table in blocks if isinstance(table, FormTable)
            for r1, c1, r2, c2 in table.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
            if (r, c) != (r1, c1) and r < len(table.rows) and c < len(table.rows[r])}


def _squeezed(text: str) -> str:
    return re.sub(r"[\s'\"]", "", text)


def imported_text(source: Path, department: dict, folder: Path) -> str:
    """Everything the import wrote or said: the filing's YAML, the cells it lists, its remarks."""
    output = folder / "imported.yml"
    result = import_file(source, ImportOptions(output=output, department=department["id"],
                                               region=department["region"], content_dir=CONTENT,
                                               config=ROOT / "site_config.yml"))
    return _squeezed("\n".join([output.read_text("utf-8"), *(text for _, text, _ in result.imported.not_placed),
                                *result.remarks]))


def _cells(texts: list[str]) -> set[str]:
    return {cell.strip() for text in texts for line in text.split("\n") for cell in line.split("\t") if cell.strip()}


def _lost(cells: set[str], said: str, used_up: set[str]) -> list[str]:
    return sorted(cell for cell in cells if _squeezed(cell) not in said and cell not in used_up and len(cell) > 1
                  and not LABEL.match(cell))


@pytest.fixture(scope="module")
def used_up_text(tmp_path_factory) -> set[str]:
    """The cells of the undamaged seed texts their imports use up (labels): found in neither filing nor report."""
    used: set[str] = set()
    for source, filing in SEEDS.items():
        text = (ROOT / "content" / "sources" / source).read_text("utf-8")
        said = imported_text(ROOT / "content" / "sources" / source, model_data(CONTENT / filing)["department"],
                             tmp_path_factory.mktemp("clean"))
        used |= {cell for cell in _cells([text]) if _squeezed(cell) not in said}
    return used


@pytest.mark.parametrize("case", range(25))
def test_a_damaged_seed_text_is_imported_or_refused_and_nothing_is_lost(tmp_path: Path, case: int,
                                                                        used_up_text: set[str]) -> None:
    source, filing = list(SEEDS.items())[case % len(SEEDS)]
    text = damaged_text((ROOT / "content" / "sources" / source).read_text("utf-8"), random.Random(case))
    (tmp_path / "原文.txt").write_text(text, encoding="utf-8")
    try:
        said = imported_text(tmp_path / "原文.txt", model_data(CONTENT / filing)["department"], tmp_path)
    except ImportFailure:
        return
    assert _lost(_cells([text]), said, used_up_text) == []


def _form_cells(blocks: list[FormBlock]) -> set[str]:
    texts = [block.text if isinstance(block, FormText) else "\n".join(c for row in block.rows for c in row)
             for block in blocks]
    return {line.strip() for text in texts for line in text.split("\n") if line.strip()}


@pytest.fixture(scope="module")
def used_up_forms(tmp_path_factory) -> set[str]:
    used: set[str] = set()
    for filing in seed_filings():
        for variant in VARIANTS:
            blocks = form(filing, variant)
            folder = tmp_path_factory.mktemp("clean")
            WRITERS["xlsx"](blocks, folder / "原表.xlsx")
            said = imported_text(folder / "原表.xlsx", filing.department.model_dump(), folder)
            used |= {cell for cell in _form_cells(blocks) if _squeezed(cell) not in said}
    return used


@pytest.mark.parametrize("case", range(15))
def test_a_damaged_seed_form_is_imported_or_refused_and_nothing_is_lost(tmp_path: Path, case: int,
                                                                        used_up_forms: set[str]) -> None:
    rng = random.Random(1000 + case)
    filings = seed_filings()
    filing = filings[case % len(filings)]
    suffix = ("xlsx", "docx", "xls")[case % 3]
    blocks = damaged_form(form(filing, rng.choice(VARIANTS)), rng)
    WRITERS[suffix](blocks, tmp_path / f"原表.{suffix}")
    try:
        said = imported_text(tmp_path / f"原表.{suffix}", filing.department.model_dump(), tmp_path)
    except ImportFailure:
        return
    assert _lost(_form_cells(blocks) - _hidden_cells(blocks), said, used_up_forms) == []


def test_the_check_finds_cells_the_import_never_placed(tmp_path: Path) -> None:
    """The loss check can fail: seed 000's funds table, left out of the form imported, is found lost cell by cell."""
    filing = next(f for f in seed_filings() if f.department.id == "ezhou-sfj")
    blocks = form(filing, "standard")
    funds = next(b for b in blocks if isinstance(b, FormTable) and b.rows[0][0] == "收支构成")
    WRITERS["xlsx"]([b for b in blocks if b is not funds], tmp_path / "原表.xlsx")
    said = imported_text(tmp_path / "原表.xlsx", filing.department.model_dump(), tmp_path)
    assert {"1415.43", "888.66", "财政专户管理资金"} <= set(_lost(_form_cells([funds]), said, set()))
