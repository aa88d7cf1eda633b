"""The seed forms as other programs and other hands write the same text export: the import must not change.

Word and WPS often write a cleared cell as a space, a no-break space or an ideographic space (someone emptied it
with the space bar): such a cell shows nothing and is an empty cell. Before, in a form exported one cell per line
behind an empty first cell (`\\t项目名称`), a row starting " \\t" no longer lined up with the others: a whole
project table of 003 was listed as 未识别的段落 (579 fields lost) and 004 was refused for want of a budget year.
Guards: a space after each filled cell, Windows line ends, GB18030 and a byte-order mark, page numbers between
lines. 004's indicators written in running text ("1、产出指标-数量指标-…（…），指标值>=6；2、…") as other hands write
them: numbered "1." or "（1）", brackets typed half-width, a unit bracket "（％）" typed full-width, "目标值：" for
"指标值" — each read as the seed's own way is (before: no indicators, or a wrong name, explanation or value). Each variant must import to exactly the hand-made filing, field for field (tests.import_agreement), as the
seed's own export does; only its 原文 link differs (the variant is not a file of content/sources/).
"""

from __future__ import annotations

import re
from typing import Callable

import pytest

from tests.import_agreement import CONTENT, FULL, SEEDS, agreement


def cells(change: Callable[[str], str]) -> Callable[[str], bytes]:
    """The export with `change` made to each cell of each tabbed line."""
    def written(text: str) -> bytes:
        lines = ("\t".join(change(cell) for cell in line.split("\t")) if "\t" in line else line
                 for line in text.split("\n"))
        return "\n".join(lines).encode("utf-8")
    return written


def page_numbers(text: str) -> bytes:
    """A page's number between two rows halfway down (at a blank line: inside a row it would cut the row)."""
    lines = text.split("\n")
    middle = lines.index("", len(lines) // 2)
    return "\n".join(lines[:middle] + ["第 1 页 共 2 页"] + lines[middle:]).encode("utf-8")


NOISES: dict[str, Callable[[str], bytes]] = {
    "cleared cells as a space": cells(lambda cell: cell or " "),
    "cleared cells as a no-break space": cells(lambda cell: cell or "\u00a0"),
    "cleared cells as an ideographic space": cells(lambda cell: cell or "\u3000"),
    "a space after each filled cell": cells(lambda cell: cell + " " if cell else cell),
    "Windows line ends": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
    "GB18030": lambda text: text.encode("gb18030"),
    "a byte-order mark": lambda text: text.encode("utf-8-sig"),
    "a page number line": page_numbers,
}


@pytest.mark.parametrize("noise", NOISES)
@pytest.mark.parametrize("seed", FULL)
def test_a_seed_form_written_another_way_imports_the_same(seed: str, noise: str) -> None:
    text = (CONTENT / "sources" / seed).read_text(encoding="utf-8")
    differences = agreement(seed, SEEDS[seed], NOISES[noise](text)).differences
    # The variant is not content/sources/<seed>: the filing cannot name it as its 原文.
    assert differences == [f"source: 手工 {seed!r} ≠ 导入 None"]


def test_a_unit_typed_full_width_in_brackets_stays_in_the_indicator_name() -> None:
    """004 describes its indicators in running text ("3、产出指标—时效指标-资金支出率（%），指标值>=90%"): a unit
    in brackets is part of the name, and a Chinese IME types it full-width. Before, "（％）" was taken for the
    indicator's explanation: name "资金支出率", description "％"."""
    seed = "004_878df4ebd272f24d.txt"
    text = (CONTENT / "sources" / seed).read_text(encoding="utf-8")
    assert text.count("资金支出率（%），") == 1
    written = text.replace("资金支出率（%），", "资金支出率（％），").encode("utf-8")
    differences = agreement(seed, SEEDS[seed], written).differences
    assert [line.partition(":")[0] for line in differences] == ["goals[0].indicators[2].name", "goals[0].text",
                                                                "source"]  # the goal's text quotes it as typed
    assert differences[0] == "goals[0].indicators[2].name: 手工 '资金支出率（%）' ≠ 导入 '资金支出率（％）'"


def test_half_width_brackets_in_running_text_set_off_the_explanation_as_full_width_ones_do() -> None:
    """"开展外宣活动数量(反应开展外宣活动情况)", typed with the IME switched to English: the bracket is the indicator's
    explanation, as "（…）" is. Before, the whole text was the indicator's name and it had no explanation."""
    seed = "004_878df4ebd272f24d.txt"
    text = (CONTENT / "sources" / seed).read_text(encoding="utf-8")
    typed = "开展外宣活动数量（反应开展外宣活动情况）"
    assert text.count(typed) == 1
    written = text.replace(typed, "开展外宣活动数量(反应开展外宣活动情况)").encode("utf-8")
    differences = agreement(seed, SEEDS[seed], written).differences
    assert [line.partition(":")[0] for line in differences] == ["goals[0].text", "source"]


def numbered(style: str) -> Callable[[str], bytes]:
    """004 with each "N、" of its indicators written in running text numbered `style` ("N." or "（N）")."""
    def written(text: str) -> bytes:
        lines = [re.sub(r"(?<!\d)(\d{1,2})、", lambda match: style.replace("N", match.group(1)), line)
                 if "指标值" in line else line for line in text.split("\n")]
        return "\n".join(lines).encode("utf-8")
    return written


@pytest.mark.parametrize("style", ["N.", "N．", "（N）", "(N)"])
def test_indicators_in_running_text_numbered_another_way_are_read_the_same(style: str) -> None:
    """Before, only "1、" started an item: "1.产出指标-数量指标-…，指标值>=6；2.…" gave the goal no indicators."""
    seed = "004_878df4ebd272f24d.txt"
    text = (CONTENT / "sources" / seed).read_text(encoding="utf-8")
    differences = agreement(seed, SEEDS[seed], numbered(style)(text)).differences
    assert {line.partition(":")[0] for line in differences} == {"source"} | {
        f"goals[{number}].text" for number in range(5)}  # the goals' texts quote the items as numbered


def test_an_item_saying_target_value_is_an_indicator_of_its_own() -> None:
    """An item that says "目标值：" where the others say "指标值": before, it gave no indicator (only the goal's text
    kept it); and had it been the last, the item before would have taken it into its value, which ran on to the
    full stop ("=2；3、产出指标…"). A value ends at its clause's "；"."""
    seed = "004_878df4ebd272f24d.txt"
    text = (CONTENT / "sources" / seed).read_text(encoding="utf-8")
    typed = "2、产出指标-数量指标-支持各级新媒体、全媒体项目数量（反应支持新闻出版广播影视行业数字化宣传升级项目情况），指标值=2"
    assert text.count(typed) == 1
    written = text.replace(typed, typed.replace("指标值=2", "目标值：=2")).encode("utf-8")
    differences = agreement(seed, SEEDS[seed], written).differences
    assert [line.partition(":")[0] for line in differences] == ["goals[0].text", "source"]
