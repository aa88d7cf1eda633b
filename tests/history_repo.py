"""Scripted git repositories for the history tests and the golden site: fixed names and dates, so the
same script gives the same commit ids (and the same pages) on every machine."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "site"


class ScriptedRepo:
    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def env(self, when: str) -> dict[str, str]:
        return dict(os.environ, GIT_AUTHOR_NAME="测试", GIT_AUTHOR_EMAIL="test@example.test", GIT_COMMITTER_NAME="测试",
                    GIT_COMMITTER_EMAIL="test@example.test", GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when,
                    GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")

    def git(self, *args: str, when: str = "2025-01-01T00:00:00+08:00") -> str:
        return subprocess.run(["git", "-c", "commit.gpgsign=false", *args], cwd=self.root, env=self.env(when),
                              check=True, capture_output=True, text=True).stdout.strip()

    def write(self, rel: str, text: str) -> None:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    def commit(self, message: str, when: str, *paths: str) -> str:
        """Commit `paths` (everything when none is named: slow in a large tree)."""
        self.git("add", *(paths or ("-A",)), when=when)
        self.git("commit", "-q", "--allow-empty", "-m", message, when=when)
        return self.git("rev-parse", "HEAD")


def fixture_repo(root: Path) -> Path:
    """tests/fixtures/site with two commits: the first publication of every filing (the 2025 target of
    示例市司法局 lower, its 2024 project 2 still public), then the fixture as it is. Returns content/."""
    repo = ScriptedRepo(root)
    shutil.copytree(FIXTURE / "content", root / "content")
    current = {rel: (root / rel).read_text(encoding="utf-8") for rel in
               ("content/demo-sfj/2025-pifu.yml", "content/demo-sfj/2024-pifu.yml")}
    repo.write("content/demo-sfj/2025-pifu.yml", current["content/demo-sfj/2025-pifu.yml"].replace(
        "value: ≥120件", "value: ≥110件", 1))
    repo.write("content/demo-sfj/2024-pifu.yml", current["content/demo-sfj/2024-pifu.yml"].replace(
        "    withheld: {reason: 涉及国家秘密, legal_basis: 《政府信息公开条例》第十四条}\n", ""))
    repo.commit("首次公开", "2025-03-20T10:00:00+08:00")
    for rel, text in current.items():
        repo.write(rel, text)
    repo.commit("更正法律援助案件量目标值；第 2 号项目不予公开", "2025-04-01T09:30:00+08:00")
    return root / "content"
