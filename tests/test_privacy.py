"""Personal data: contact fields are published nowhere, 原文 included, unless site_config says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import build
from generator.loading import filing_files, load_filing
from generator.redaction import BLANKED, blank_contacts

from conftest import FIXTURE, ROOT

OTHER_SOURCE = FIXTURE / "content" / "sources" / "other-2025.txt"


def contact_values(content: Path) -> set[str]:
    values = set()
    for path in filing_files(content):
        loaded, _ = load_filing(path)
        if loaded and loaded.filing.contact:
            values |= {v for v in (loaded.filing.contact.filer, loaded.filing.contact.phone) if v}
    return values


def files_containing(site: Path, values: set[str]) -> list[str]:
    hits = []
    for file in sorted(p for p in site.rglob("*") if p.is_file() and p.parts[len(site.parts)] != "pagefind"):
        data = file.read_bytes()
        hits += [f"{file.relative_to(site)}: {v}" for v in sorted(values) if v.encode("utf-8") in data]
    return hits


def test_the_seeds_contact_fields_are_in_no_built_file(content_site: Path) -> None:
    values = contact_values(ROOT / "content")
    assert {"刘倩", "07226391288"} <= values  # 广水's filer and phone are in its YAML and its 原文
    assert (content_site / "sources" / "001_ebde392d2f7b9b87.txt").is_file()  # the 原文 is still published
    assert files_containing(content_site, values) == []


def test_the_guangshui_source_is_published_with_the_contact_line_blanked(content_site: Path) -> None:
    line = (content_site / "sources" / "001_ebde392d2f7b9b87.txt").read_text("utf-8").splitlines()[11]
    assert line == f"填报人\t{BLANKED}\t联系电话\t{BLANKED}\t\t\t"


def test_blanking_covers_labels_known_values_and_phone_numbers() -> None:
    text = OTHER_SOURCE.read_text("utf-8")
    blanked = blank_contacts(text, ("李四CONTACT-CANARY", "0731-CONTACT-CANARY"))
    assert blanked.splitlines()[4:7] == [
        f"填报人\t{BLANKED}\t联系电话\t{BLANKED}",
        f"经办人：{BLANKED}",
        f"如有疑问请致电 {BLANKED} 或 {BLANKED}。",
    ]
    assert blanked.splitlines()[:4] == text.splitlines()[:4]  # everything else as filed


@pytest.mark.parametrize("text, published", [
    # One line of pairs: each contact value blanked, the 填报日期 after them kept (it was blanked with them).
    ("填报人：张三  联系电话：0710-1234567  填报日期：2026年1月20日",
     f"填报人：{BLANKED}  联系电话：{BLANKED}  填报日期：2026年1月20日"),
    ("填报人：张三，联系电话：13812345678，填报日期：2026年1月20日",
     f"填报人：{BLANKED}，联系电话：{BLANKED}，填报日期：2026年1月20日"),
    ("填报人：张三\t填报日期：2026年1月20日", f"填报人：{BLANKED}\t填报日期：2026年1月20日"),
    # A contact pair after another pair in one cell (it was published as filed).
    ("填报单位：某县司法局 填报人：赵六 填报日期：2026-01-20", f"填报单位：某县司法局 填报人：{BLANKED} 填报日期：2026-01-20"),
    # Labels of the project forms (项目负责人 was published as filed), and a value running on is blanked whole.
    ("项目负责人：王五", f"项目负责人：{BLANKED}"), ("项目负责人\t王五", f"项目负责人\t{BLANKED}"),
    ("联系人：王五 科员", f"联系人：{BLANKED}"), ("填报人：张三，李四", f"填报人：{BLANKED}"),
    # The people a form's foot names besides the filer (their names were published as filed).
    ("审核人：李四　制表人：张三　联系电话：13812345678", f"审核人：{BLANKED}　制表人：{BLANKED}　联系电话：{BLANKED}"),
    ("复核人\t王五\t审批人\t赵六", f"复核人\t{BLANKED}\t审批人\t{BLANKED}"),
])
def test_contact_values_in_a_line_of_pairs_are_blanked_and_nothing_else(text: str, published: str) -> None:
    assert blank_contacts(text, ()) == published


@pytest.mark.parametrize("text", ["项目编码\t13020225P008925100021", "合计\t2306.26\t1389.19",
                                  "预算单位\t315001玉田县司法局本级", "金额\t13500000000.5"])
def test_codes_and_amounts_are_not_taken_for_phone_numbers(text: str) -> None:
    assert blank_contacts(text, ()) == text


def test_fixture_source_is_blanked_and_says_so(fixture_site: Path) -> None:
    published = (fixture_site / "sources" / "other-2025.txt").read_text("utf-8")
    assert "CONTACT-CANARY" not in published and "13812345678" not in published
    assert "做好法律援助和人民调解。" in published
    page = (fixture_site / "d" / "other-sfj" / "2025-shenbao" / "index.html").read_text("utf-8")
    assert "其中填报人、联系电话等个人信息已隐去" in page


def test_a_source_holding_withheld_projects_is_not_published_and_the_page_says_so(fixture_site: Path) -> None:
    assert not (fixture_site / "sources" / "demo-2024.txt").exists()
    page = (fixture_site / "d" / "demo-sfj" / "2024-pifu" / "index.html").read_text("utf-8")
    assert "原文含不予公开的内容或个人信息，未在本站提供。" in page


def test_sources_are_published_as_filed_when_contact_fields_are_published(tmp_path: Path) -> None:
    config = tmp_path / "site_config.yml"
    config.write_text((FIXTURE / "site_config.yml").read_text("utf-8") + "publish_contact: true\n", "utf-8")
    build(FIXTURE / "content", config, ROOT / "templates", tmp_path / "site", search=False, cache=False)
    assert (tmp_path / "site" / "sources" / "other-2025.txt").read_bytes() == OTHER_SOURCE.read_bytes()


def test_a_review_of_a_withheld_projects_warning_is_not_public() -> None:
    """A review's reason may quote the withheld project; the public filing keeps only the other reviews."""
    from generator.models import Filing
    from generator.redaction import public_filing

    filing = Filing.model_validate({
        "department": {"id": "d", "name": "某局", "region": "r"}, "fiscal_year": 2025, "kind": "批复", "title": "t",
        "money_unit": "万元", "published_on": None,
        "projects": [{"name": "机密项目", "withheld": {"reason": "涉及保密要求"}, "budget": {"total": 1, "this_year": 2}},
                     {"name": "公开项目", "budget": {"total": 1, "this_year": 2}}],
        "reviews": [{"code": "budget-exceeds-total", "path": "projects[0].budget.this_year", "message": "本年度预算 2 大于项目总预算 1",
                     "reason": "机密项目原表如此"},
                    {"code": "budget-exceeds-total", "path": "projects[1].budget.this_year", "message": "本年度预算 2 大于项目总预算 1",
                     "reason": "原表如此"}]})
    assert [r.path for r in public_filing(filing, False).reviews] == ["projects[1].budget.this_year"]
