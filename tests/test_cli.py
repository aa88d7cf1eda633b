"""The other commands: new, schema, build's exit codes, and serve rebuilding on change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from generator.cli import main
from generator.loading import load_filing

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"


def test_new_writes_a_commented_filing_that_loads(tmp_path, capsys):
    assert main(["new", "demo-sfj", "2026", "--kind", "申报", "--content", str(tmp_path)]) == 0
    path = tmp_path / "demo-sfj" / "2026-shenbao.yml"
    text = path.read_text(encoding="utf-8")
    assert "# 指标值，照原样" in text and "money_unit: 万元" in text
    loaded, problems = load_filing(path)
    assert problems == []
    assert (loaded.filing.fiscal_year, loaded.filing.kind, loaded.filing.department.id) == (2026, "申报", "demo-sfj")
    assert main(["new", "demo-sfj", "2026", "--kind", "申报", "--content", str(tmp_path)]) == 1
    assert "已存在，未覆盖" in capsys.readouterr().err


def test_the_untouched_template_fails_check(tmp_path, monkeypatch, capsys):
    """Filled in with nothing but a known region, the template must not publish 某某市司法局 or its sample rows."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "site_config.yml").write_text((FIXTURE / "site_config.yml").read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["new", "x-sfj", "2026"]) == 0
    path = tmp_path / "content" / "x-sfj" / "2026-pifu.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("region: some-city", "region: demo-city"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "content/x-sfj/2026-pifu.yml:8:3  department.name  [错误 placeholder] “某某市司法局”是 gongkai new 模板的占位文字，"
        "尚未替换  提示：换成原表的内容",
        "content/x-sfj/2026-pifu.yml:25:9  funds.income.lines[0]  [错误 placeholder] “财政拨款（示例）”是 gongkai new 模板的示例行，"
        "尚未替换  提示：照原表改写这一行的每一项（名称不带“（示例）”），或删除这一行",
        "content/x-sfj/2026-pifu.yml:29:5  funds.income.total  [错误 placeholder] “合计（示例）”是 gongkai new 模板的示例行，"
        "尚未替换  提示：照原表改写这一行的每一项（名称不带“（示例）”），或删除这一行",
        "content/x-sfj/2026-pifu.yml:33:1  functions  [错误 placeholder] “（照原文录入）”是 gongkai new 模板的占位文字，"
        "尚未替换  提示：换成原表的内容；原表没有这一项时删除这个字段",
        "content/x-sfj/2026-pifu.yml:42:5  goals[0].text  [错误 placeholder] “（目标内容）”是 gongkai new 模板的占位文字，"
        "尚未替换  提示：换成原表的内容；原表没有这一项时删除这个字段",
        "content/x-sfj/2026-pifu.yml:44:9  goals[0].indicators[0]  [错误 placeholder] “法律援助案件量（示例）”是 gongkai new 模板的示例行，"
        "尚未替换  提示：照原表改写这一行的每一项（名称不带“（示例）”），或删除这一行",
        "共 6 个错误，0 个警告。"]


def test_new_starts_from_the_departments_newest_filing(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    assert main(["new", "demo-sfj", "2026", "--kind", "批复", "--content", str(content)]) == 0
    loaded, problems = load_filing(content / "demo-sfj" / "2026-pifu.yml")
    assert problems == []
    department = loaded.filing.department
    assert (department.name, department.region, loaded.filing.money_unit) == ("示例市司法局", "demo-city", "万元")


def test_new_refuses_a_path_like_department(tmp_path, capsys):
    assert main(["new", "../x", "2026", "--content", str(tmp_path)]) == 1
    assert "不能用作网址" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_schema_describes_the_filing(tmp_path):
    out = tmp_path / "schema.json"
    assert main(["schema", "-o", str(out)]) == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["title"] == "Filing"
    assert {"department", "fiscal_year", "money_unit", "goals", "projects"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Indicator"]["properties"]["basis"]["description"] == "指标值确定依据"


def test_build_with_errors_exits_1_and_publishes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    (content / "demo-sfj" / "2025-pifu.yml").write_text("fiscal_year: [\n", encoding="utf-8")
    code = main(["build", str(content), "--config", str(FIXTURE / "site_config.yml"),
                 "--templates", str(ROOT / "templates"), "-o", str(tmp_path / "site"), "--no-search"])
    assert code == 1
    assert "有错误，未生成网站；原有网站保持不变。" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_build_says_how_many_warnings_there_are_and_where_to_read_them(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    args = ["build", str(content), "--config", str(FIXTURE / "site_config.yml"), "--templates", str(ROOT / "templates"),
            "-o", str(tmp_path / "site"), "--no-search"]
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"内容有 1 个警告待核对，网站上显示为“数据核对提示”：运行 gongkai check {content} --config {FIXTURE / 'site_config.yml'} 逐条查看。")
    filing = content / "demo-sfj" / "2025-pifu.yml"
    filing.write_text(filing.read_text(encoding="utf-8")
                      + "reviews:\n  - code: late-publication\n    path: published_on\n"
                      "    message: 公开日期比批复日期晚 47 天，超过预算法第十四条规定的 20 天\n    reason: 示例\n", encoding="utf-8")
    assert main(args) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "内容没有待核对的警告（另有 1 个警告已核对）。"


def test_serve_rebuilds_when_content_changes(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(FIXTURE / "content", content)
    command = [sys.executable, "-m", "generator.cli", "serve", str(content), "--config",
               str(FIXTURE / "site_config.yml"), "--templates", str(ROOT / "templates"), "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        url = _wait_for_url(server)
        page = url + "d/other-sfj/2025-shenbao/"
        assert "部门整体绩效目标申报表" in _get(page)
        filing = content / "other-sfj" / "2025-shenbao.yml"
        filing.write_text(filing.read_text(encoding="utf-8").replace(
            "title: 部门整体绩效目标申报表", "title: 改过的标题"), encoding="utf-8")
        assert _eventually(lambda: "改过的标题" in _get(page))
    finally:
        server.terminate()
        server.wait(timeout=60)  # it may be mid-rebuild, with Pagefind, on a busy machine


def _wait_for_url(server: subprocess.Popen) -> str:
    for line in server.stdout:
        if "预览地址：" in line:
            return line.split("预览地址：")[1].split()[0]
    raise AssertionError("serve printed no URL")


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _eventually(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.3)
    return False


def _start_serve(content: Path, templates: Path, tmp: Path) -> tuple[subprocess.Popen, str]:
    """`gongkai serve` in a real process whose temporary folders go to `tmp`."""
    command = [sys.executable, "-m", "generator.cli", "serve", str(content), "--config",
               str(FIXTURE / "site_config.yml"), "--templates", str(templates), "--port", "0"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(ROOT)})
    return server, _wait_for_url(server)


def _answer(url: str, host: str | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_serve_started_with_errors_shows_them_and_recovers(tmp_path):
    content, tmp = tmp_path / "content", tmp_path / "tmp"
    shutil.copytree(FIXTURE / "content", content)
    tmp.mkdir()
    filing = content / "other-sfj" / "2025-shenbao.yml"
    good = filing.read_text(encoding="utf-8")
    filing.write_text(good.replace("fiscal_year: 2025", "fiscal_year: [2025"), encoding="utf-8")
    server, url = _start_serve(content, ROOT / "templates", tmp)
    try:
        status, body = _answer(url + "d/other-sfj/")
        assert status == 500 and "<h1>有错误，未生成网站</h1>" in body and "yaml-syntax" in body
        filing.write_text(good, encoding="utf-8")
        assert _eventually(lambda: _answer(url + "d/other-sfj/")[0] == 200)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert list(tmp.iterdir()) == []  # the preview's temporary folder is removed


def test_serve_survives_a_template_error(tmp_path):
    content, templates, tmp = tmp_path / "content", tmp_path / "templates", tmp_path / "tmp"
    shutil.copytree(FIXTURE / "content", content)
    shutil.copytree(ROOT / "templates", templates)
    tmp.mkdir()
    server, url = _start_serve(content, templates, tmp)
    try:
        assert _answer(url)[0] == 200
        base = templates / "base.html"
        good = base.read_text(encoding="utf-8")
        base.write_text(good + "{% if %}\n", encoding="utf-8")
        assert _eventually(lambda: _answer(url)[0] == 500)
        status, body = _answer(url)
        assert f"模板错误：{base}:" in body and server.poll() is None
        base.write_text(good, encoding="utf-8")
        assert _eventually(lambda: _answer(url)[0] == 200)
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_answers_only_requests_for_localhost(tmp_path):
    content, tmp = tmp_path / "content", tmp_path / "tmp"
    shutil.copytree(FIXTURE / "content", content)
    tmp.mkdir()
    server, url = _start_serve(content, ROOT / "templates", tmp)
    port = url.rstrip("/").rsplit(":", 1)[1]
    try:
        assert _answer(url, f"localhost:{port}")[0] == 200
        assert _answer(url, f"127.0.0.1:{port}")[0] == 200
        status, body = _answer(url, f"attacker.example:{port}")
        assert status == 403 and "预览只接受发往 127.0.0.1 或 localhost 的请求" in body
        assert _answer(url, "attacker.example")[0] == 403
    finally:
        server.terminate()
        server.wait(timeout=30)
