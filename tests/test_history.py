"""修订记录: a scripted repository gives exactly the expected changes; nothing withheld or excluded leaks;
shallow clones and folders outside git still build; the feed of revisions is valid Atom."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import feedparser
import pytest

from generator.build import build
from generator.cli import main
from generator.config import load_config
from generator.history import read_history
from generator.loading import load_content
from generator.models import Filing
from generator.changes import filing_changes
from generator.revisions import SiteHistory, site_history
from tests.history_repo import ScriptedRepo
from tests.test_site_quality import canary_hits

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
FILING = "content/demo-sfj/2025-pifu.yml"
URL = "d/demo-sfj/2025-pifu/"

CONFIG = """\
title: 测试站点
base_url: https://example.test/
organisation: 测试主办单位
regions: [{id: demo-city, name: 示例市}]
"""

BASE = """\
# 示例文件（注释不是内容）
department: {id: demo-sfj, name: 示例市司法局, region: demo-city}
fiscal_year: 2025
kind: 批复
title: 2025年部门整体绩效目标批复
money_unit: 万元
contact: {filer: 张三, phone: "010-CONTACT-CANARY"}
funds:
  income:
    lines:
      - {name: 财政拨款, amount: 100, share: 100%}
    total: {name: 合计, amount: 100, share: 100%}
goals:
  - id: annual
    kind: 年度
    indicators:
      - {level1: 产出指标, level2: 数量指标, name: 法律援助案件量, value: ≥1000件}
      - {id: manyi, level1: 满意度指标, level2: 服务对象满意度指标, name: 群众满意度, value: ≥90%}
projects:
  - number: 1
    code: P001
    name: 保密项目WITHHELD-CANARY
    budget: {total: 40}
    purpose: 用途WITHHELD-CANARY
  - number: 2
    code: P002
    name: 人民调解
    budget: {total: 20}
"""

# A review of a warning in project 1 (withheld later) whose reason quotes it: never shown once it is withheld.
REVIEW = """\
reviews:
  - {code: empty-cell, path: "projects[0].spending_plan", message: 资金支出计划为空, reason: 原表WITHHELD-CANARY无计划}
"""

NEW_PROJECT = """\
  - number: 3
    code: P003
    name: 法治宣传
    budget: {total: 10}
"""

# (message, edit of the filing's text) in commit order; dates one day apart.
STEPS = [
    ("首次公开", lambda t: t),
    ("下调法律援助案件量", lambda t: t.replace("≥1000件", "≥800件").replace("total: 40}", "total: 41}")
     .replace("projects:\n", REVIEW + "projects:\n")),
    ("指标更名", lambda t: t.replace("name: 群众满意度", "name: 受援群众满意度")),
    ("新增项目", lambda t: t + NEW_PROJECT),
    ("删除第 2 号项目", lambda t: t.replace("  - number: 2\n    code: P002\n    name: 人民调解\n    budget: {total: 20}\n", "")),
    ("第 1 号项目不予公开", lambda t: t.replace("    purpose: 用途WITHHELD-CANARY\n",
                                           "    purpose: 用途WITHHELD-CANARY\n    withheld: {reason: 涉及国家秘密}\n")),
    ("改正注释错字", lambda t: t.replace("注释不是内容", "注释不算内容")),
    ("加编者注", lambda t: t.replace("name: 合计, amount: 100, share: 100%}",
                                 "name: 合计, amount: 100, share: 100%, notes: [{text: 合计照原表。}]}")),
]

EXPECTED = [  # newest first, as the page shows them
    ("加编者注", ["收入构成合计新增编者注“合计照原表。”"]),
    ("第 1 号项目不予公开", ["第 1 号项目改为不予公开"]),
    ("删除第 2 号项目", ["删除第 2 号项目“人民调解”"]),
    ("新增项目", ["新增第 3 号项目“法治宣传”"]),
    ("指标更名", ["指标“群众满意度”更名为“受援群众满意度”"]),
    ("下调法律援助案件量", ["指标“法律援助案件量”的指标值由“≥1000件”改为“≥800件”"]),
    ("首次公开", ["首次公开"]),
]


def scripted(root: Path, excluded_canary: bool = False) -> tuple[ScriptedRepo, list[str]]:
    """The filing's life: the steps above, then a move to another folder (no public change)."""
    repo = ScriptedRepo(root)
    text, ids = BASE, []
    for day, (message, edit) in enumerate(STEPS, 1):
        text = edit(text)
        repo.write(FILING, text)
        ids.append(repo.commit(message, f"2025-03-{day:02d}T10:00:00+08:00"))
    if excluded_canary:
        repo.write(FILING, text.replace("≥800件", "≥800件EXCLUDED-CANARY"))
        ids.append(repo.commit("误提交", "2025-03-20T10:00:00+08:00"))
        repo.write(FILING, text.replace("≥800件", "≥700件"))
        ids.append(repo.commit("撤回误提交并下调", "2025-03-21T10:00:00+08:00"))
    (root / "content/moved").mkdir(parents=True)
    repo.git("mv", FILING, "content/moved/2025-pifu.yml")
    ids.append(repo.commit("移动文件", "2025-03-30T10:00:00+08:00"))
    return repo, ids


def history_of(repo_root: Path, config_text: str = CONFIG) -> SiteHistory:
    config_path = repo_root.parent / "site_config.yml"
    config_path.write_text(config_text, encoding="utf-8")
    config, problems = load_config(config_path)
    assert config and not problems
    loaded, problems = load_content(repo_root / "content")
    assert not problems
    return site_history(repo_root / "content", config, loaded, None)


def change_lists(history: SiteHistory) -> list[tuple[str, list[str]]]:
    return [(r.message, [c.text for c in r.changes]) for r in history.filings[URL].revisions]


def test_scripted_repository_gives_exactly_the_expected_changes(tmp_path):
    repo, ids = scripted(tmp_path / "repo")
    history = history_of(tmp_path / "repo")
    assert history.notice is None
    assert change_lists(history) == EXPECTED  # the comment typo and the move make no revision
    revisions = history.filings[URL].revisions
    assert [r.commit for r in revisions] == [ids[n] for n in (7, 5, 4, 3, 2, 1, 0)]
    assert revisions[-1].date.isoformat() == "2025-03-01" and revisions[-1].short == ids[0][:7]
    editorial = [c.editorial for r in revisions for c in r.changes]
    assert editorial == [True] + [False] * 6


def test_changes_link_to_rows_still_on_the_site(tmp_path):
    scripted(tmp_path / "repo")
    targets = {c.text: c.target for r in history_of(tmp_path / "repo").filings[URL].revisions for c in r.changes}
    assert targets["指标“法律援助案件量”的指标值由“≥1000件”改为“≥800件”"].startswith(URL + "#annual-i-")
    assert targets["指标“群众满意度”更名为“受援群众满意度”"] == URL + "#annual-manyi"
    assert targets["新增第 3 号项目“法治宣传”"] == URL + "p/P003/"
    assert targets["第 1 号项目改为不予公开"] == URL + "#withheld-1-1"
    assert targets["删除第 2 号项目“人民调解”"] is None  # gone from the site: nothing to link to


def test_a_project_withheld_later_is_withheld_in_every_revision(tmp_path):
    """Its budget changed while it was public: no revision says so, no older download holds it."""
    scripted(tmp_path / "repo")
    site = build(tmp_path / "repo" / "content", write_config(tmp_path), TEMPLATES, tmp_path / "site", search=False)
    assert site.history_notice is None
    assert canary_hits(tmp_path / "site") == []
    first = next((tmp_path / "site" / URL / "r").glob("*/data/*.json"))
    assert first.is_file()


def write_config(tmp_path: Path, extra: str = "") -> Path:
    path = tmp_path / "site_config.yml"
    path.write_text(CONFIG + extra, encoding="utf-8")
    return path


def test_an_excluded_commit_appears_in_no_output(tmp_path):
    repo, ids = scripted(tmp_path / "repo", excluded_canary=True)
    excluded = ids[-3]
    config = write_config(tmp_path, f"history:\n  exclude_commits: [{excluded[:12]}]\n")
    build(tmp_path / "repo" / "content", config, TEMPLATES, tmp_path / "site", search=False)
    assert canary_hits(tmp_path / "site") == []
    site = tmp_path / "site"
    assert not (site / URL / "r" / excluded[:12]).exists()
    revisions = json.loads(next((site / URL / "r" / ids[-2][:12] / "data").glob("*.json")).read_text("utf-8"))
    assert revisions["revision"]["changes"] == [
        {"text": "指标“法律援助案件量”的指标值由“≥800件”改为“≥700件”", "editorial": False}]


def test_without_the_exclusion_the_canary_would_be_published(tmp_path):
    """The canary test above can fail: the same repository without the setting shows the canary."""
    scripted(tmp_path / "repo", excluded_canary=True)
    build(tmp_path / "repo" / "content", write_config(tmp_path), TEMPLATES, tmp_path / "site", search=False)
    assert canary_hits(tmp_path / "site")


def test_an_unknown_history_setting_is_an_error(tmp_path):
    config = write_config(tmp_path, "history:\n  exclude_commit: [abcdef1]\n  exclude_commits: [HEAD~1]\n")
    _, problems = load_config(config)
    assert [(p.path, p.line, p.message, p.hint) for p in problems] == [
        ("history.exclude_commits[0]", 7, "“HEAD~1”不是提交号",
         "写 git log 显示的提交号（小写十六进制，至少前 7 位），例如 5144eb7"),
        ("history.exclude_commit", 6, "未知字段“exclude_commit”",
         "是否想写“exclude_commits”？检查拼写，或运行 gongkai schema 查看允许的字段")]


def test_outside_git_the_build_says_so_once(tmp_path):
    content = tmp_path / "plain" / "content"
    shutil.copytree(ROOT / "tests/fixtures/site/content", content)
    result = build(content, ROOT / "tests/fixtures/site/site_config.yml", TEMPLATES, tmp_path / "site", search=False)
    assert result.history_notice == "未找到完整的提交历史，修订记录从本次生成开始"
    page = (tmp_path / "site" / "changes/index.html").read_text("utf-8")
    assert page.count("未找到完整的提交历史") == 1
    assert "本文件尚无提交记录" in (tmp_path / "site" / "d/demo-sfj/2025-pifu/index.html").read_text("utf-8")


def test_a_shallow_clone_builds_from_its_first_commit(tmp_path):
    repo, ids = scripted(tmp_path / "repo")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], check=True)
    history = history_of(clone)
    assert history.notice == f"未找到完整的提交历史，修订记录从 2025-03-08 的提交 {ids[-2][:7]} 开始"
    assert change_lists(history) == [("加编者注", ["修订记录起点（更早的提交历史未找到）"])]


def test_a_rebuild_after_one_commit_parses_only_that_version(tmp_path):
    repo, _ = scripted(tmp_path / "repo")
    config = write_config(tmp_path)
    cold = build(tmp_path / "repo" / "content", config, TEMPLATES, tmp_path / "site", search=False)
    repo.write("content/moved/2025-pifu.yml", (repo.root / "content/moved/2025-pifu.yml").read_text("utf-8")
               .replace("≥800件", "≥750件"))
    repo.commit("再次下调", "2025-04-01T10:00:00+08:00")
    warm = build(tmp_path / "repo" / "content", config, TEMPLATES, tmp_path / "site", search=False)
    # Cold: the 8 versions but the one the build has loaded already (committed as it is now). Warm: only
    # that one, now history; the new version is the file the build loaded.
    assert (cold.history_parsed, warm.history_parsed) == (7, 1)


def test_the_feed_has_valid_revision_entries(tmp_path):
    scripted(tmp_path / "repo")
    build(tmp_path / "repo" / "content", write_config(tmp_path), TEMPLATES, tmp_path / "site", search=False)
    parsed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    revisions = [e for e in parsed.entries if "/r/" in e.link]
    assert [e.title for e in revisions][:2] == ["示例市司法局《2025年部门整体绩效目标批复》修订：加编者注",
                                                "示例市司法局《2025年部门整体绩效目标批复》修订：第 1 号项目不予公开"]
    assert revisions[0].updated == "2025-03-08T10:00:00+08:00"
    assert revisions[-1].summary == "指标“法律援助案件量”的指标值由“≥1000件”改为“≥800件”。"
    assert len(revisions) == len(EXPECTED) - 1  # the first publication is the filing's own entry


def test_the_real_content_has_a_revision_for_every_filing():
    config, _ = load_config(ROOT / "site_config.yml")
    loaded, _ = load_content(ROOT / "content")
    history = site_history(ROOT / "content", config, loaded, None)
    if history.notice:
        pytest.skip(history.notice)  # a shallow checkout: said by the build, checked where history is complete
    assert sorted(history.filings) == sorted(f"d/{f.filing.department.id}/{f.filing.slug}/" for f in loaded)
    assert all(h.revisions and h.revisions[-1].changes[0].text == "首次公开" for h in history.filings.values())


def test_history_reads_contact_fields_nowhere(tmp_path):
    scripted(tmp_path / "repo")
    config, _ = load_config(write_config(tmp_path))
    history = read_history(tmp_path / "repo" / "content", config)
    views = [view for t in history.timelines.values() for view in history.public_views([v for _, v in t.states])]
    assert len(views) == 8 and all(view.contact is None for view in views)  # the move wrote the same blob


# --- the words of each kind of change ----------------------------------------------------------------

def filing(**changes) -> Filing:
    data = {
        "department": {"id": "demo-sfj", "name": "示例市司法局", "region": "demo-city"},
        "fiscal_year": 2025, "kind": "批复", "title": "2025年部门整体绩效目标批复", "money_unit": "万元",
        "funds": {"prior_years": [2024], "income": {
            "lines": [{"name": "财政拨款", "amount": Decimal("100"), "share": "100%", "prior": {2024: Decimal("90")}}],
            "total": {"name": "合计", "amount": Decimal("100"), "share": "100%"}}},
        "goals": [{"id": "annual", "kind": "年度", "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "法律援助案件量", "value": "≥1000件", "weight": "10分"}]}],
        "projects": [
            {"number": 1, "code": "P001", "name": "法律援助", "budget": {"total": Decimal("40"), "fiscal": Decimal("40")},
             "spending_plan": [{"by": "6月底", "share": "50%"}, {"by": "12月底", "share": "100%"}]},
            {"withheld": {"numbers": [2, 3], "notice": "2-3号项目暂不公开。", "reason": "涉及保密要求"}}],
    }
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return Filing.model_validate(data, strict=False)


def texts(old: Filing, new: Filing) -> list[tuple[str, bool]]:
    none = frozenset()
    return [(c.text, c.editorial) for c in filing_changes((old, none), (new, none), URL)]


@pytest.mark.parametrize("change,expected", [
    ({"funds__income__lines__0__amount": Decimal("120")}, "收入构成“财政拨款”的金额由“100万元”改为“120万元”"),
    ({"funds__income__lines__0__prior": {2024: Decimal("95")}}, "收入构成“财政拨款”的2024年金额由“90万元”改为“95万元”"),
    ({"funds__income__total": {"name": "合计", "amount": Decimal("110"), "share": "100%"}},
     "收入构成合计的金额由“100万元”改为“110万元”"),
    ({"goals__0__indicators__0__weight": "20分"}, "指标“法律援助案件量”的分值由“10分”改为“20分”"),
    ({"projects__0__budget": {"total": Decimal("45"), "fiscal": Decimal("40")}},
     "项目“法律援助”的项目总预算由“40万元”改为“45万元”"),
    ({"projects__0__spending_plan": [{"by": "6月底", "share": "60%"}, {"by": "12月底", "share": "100%"}]},
     "项目“法律援助”的资金支出计划“6月底”由“50%”改为“60%”"),
    ({"projects__1": {"withheld": {"numbers": [2, 3], "notice": "2、3号项目暂不公开。", "reason": "涉及保密要求"}}},
     "第 2–3 号项目的不予公开事项的不公开说明由“2-3号项目暂不公开。”改为“2、3号项目暂不公开。”"),
    ({"projects__1": {"withheld": {"numbers": [2, 4], "reason": "涉及保密要求", "notice": "2-3号项目暂不公开。"}}},
     "新增不予公开事项：第 2–4 号项目"),
    ({"title": "2025年部门整体绩效目标批复（更正）"},
     "文件名称由“2025年部门整体绩效目标批复”改为“2025年部门整体绩效目标批复（更正）”"),
])
def test_each_kind_of_change_is_said_in_words(change, expected):
    found = texts(filing(), filing(**change))
    assert found[0] == (expected, False), found


def test_an_editorial_note_is_the_sites_own_change():
    note = [{"field": "value", "text": "原表如此。"}]
    assert texts(filing(), filing(goals__0__indicators__0__notes=note)) == [
        ("指标“法律援助案件量”新增编者注“原表如此。”", True)]


def test_the_command_says_once_that_the_history_is_missing(tmp_path, capsys):
    content = tmp_path / "plain" / "content"
    shutil.copytree(ROOT / "tests/fixtures/site/content", content)
    assert main(["build", str(content), "--config", str(ROOT / "tests/fixtures/site/site_config.yml"),
                 "-o", str(tmp_path / "site"), "--no-search"]) == 0
    assert capsys.readouterr().err.count("未找到完整的提交历史，修订记录从本次生成开始。") == 1


def test_a_repository_git_cannot_read_costs_the_history_not_the_build(tmp_path):
    repo, _ = scripted(tmp_path / "repo")
    first_blob = repo.git("rev-parse", f"{repo.git('rev-list', '--max-parents=0', 'HEAD')}:{FILING}")
    (tmp_path / "repo/.git/objects" / first_blob[:2] / first_blob[2:]).unlink()  # an object lost from the store
    result = build(tmp_path / "repo" / "content", write_config(tmp_path), TEMPLATES, tmp_path / "site", search=False)
    assert result.history_notice.startswith("未找到完整的提交历史，修订记录从本次生成开始（读取提交历史时 git 出错：")
    assert not list((tmp_path / "site" / URL).glob("r/*"))


def test_a_long_change_list_is_cut_on_the_filing_page_and_in_the_feed(tmp_path):
    repo = ScriptedRepo(tmp_path / "repo")
    indicators = "".join(f"      - {{level1: 产出指标, level2: 数量指标, name: 指标{n}, value: ≥{n}件}}\n" for n in range(25))
    text = BASE.replace("goals:\n  - id: annual\n    kind: 年度\n    indicators:\n",
                        "goals:\n  - id: annual\n    kind: 年度\n    indicators:\n" + indicators)
    repo.write(FILING, text)
    repo.commit("首次公开", "2025-03-01T10:00:00+08:00")
    repo.write(FILING, text.replace("件}", "次}"))
    repo.commit("改单位", "2025-03-02T10:00:00+08:00")
    build(tmp_path / "repo" / "content", write_config(tmp_path), TEMPLATES, tmp_path / "site", search=False)
    page = (tmp_path / "site" / URL / "index.html").read_text("utf-8")
    assert page.count("由“≥") == 10 and "全部 26 处修改</a>" in page  # 25 and the first indicator
    entry = next(e for e in feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes()).entries if "/r/" in e.link)
    assert entry.summary.count("改为") == 20 and entry.summary.endswith("；等共 26 处修改。")


def test_a_review_is_the_sites_own_change():
    review = [{"code": "share-mismatch", "path": "funds.income.lines[0].share", "message": "占比不符",
               "reason": "原文如此。"}]
    assert texts(filing(), filing(reviews=review)) == [("新增已核对的警告“占比不符”，核对结论：原文如此。", True)]


def test_a_medium_term_budget_is_said_figure_by_figure():
    split = {"total": Decimal("300"), "fiscal": Decimal("300")}
    assert texts(filing(), filing(projects__0__budget={"total": Decimal("40"), "fiscal": Decimal("40"),
                                                       "medium_term": split})) == [
        ("项目“法律援助”的中期资金总额新增资金总额“300万元”", False),
        ("项目“法律援助”的中期资金总额新增其中：财政拨款“300万元”", False)]


TASKS = {"lines": [{"name": "法律援助", "content": "办案补贴", "budget": {"total": Decimal("80.00"), "fiscal": Decimal("80")}},
                   {"name": "普法宣传", "budget": {"total": Decimal("40")}}],
         "total": {"total": Decimal("120.00")}}


def test_annual_tasks_are_said_task_by_task_and_figure_by_figure():
    changed = {"lines": [{"name": "法律援助", "content": "办案补贴和培训",
                          "budget": {"total": Decimal("90"), "fiscal": Decimal("80"), "other": Decimal("10")}},
                         {"name": "人民调解", "budget": {"total": Decimal("30")}}],
               "total": {"total": Decimal("120.00")}}
    target = f"{URL}#tasks"
    assert [(c.text, c.target) for c in filing_changes((filing(tasks=TASKS), frozenset()),
                                                        (filing(tasks=changed), frozenset()), URL)] == [
        ("年度主要任务“法律援助”的主要内容有修改", target),
        ("年度主要任务“法律援助”的预算金额的资金总额由“80.00万元”改为“90万元”", target),
        ("年度主要任务“法律援助”的预算金额新增其他资金“10万元”", target),
        ("新增年度主要任务“人民调解”", target),
        ("删除年度主要任务“普法宣传”", target)]
    assert texts(filing(), filing(tasks=TASKS)) == [("新增年度主要任务表", False)]
    assert texts(filing(tasks=TASKS), filing()) == [("删除年度主要任务表", False)]
