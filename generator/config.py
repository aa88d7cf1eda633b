"""`site_config.yml`: typed and validated exactly like content (unknown keys are errors)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from . import textrules
from .models import Department, Model, SafeId, Text
from .problems import Problem
from .schema_errors import problems_from
from .yamlsource import YamlProblem, load_file


WEB_ADDRESS = re.compile(r"^https?://[^\s/?#]+/[^\s?#]*$")


def _web_address(value: str) -> str:
    """The root of every link in the feed and sitemap: an http(s) address, never `javascript:` or a path."""
    if not WEB_ADDRESS.match(value) or not value.endswith("/"):
        raise PydanticCustomError("web_address", "网站根地址“{value}”应以 http:// 或 https:// 开头、以 / 结尾",
                                  {"value": value, "hint": "例如 https://yusuan.example.gov.cn/"})
    return value


WebAddress = Annotated[Text, AfterValidator(_web_address)]


class Region(Model):
    id: SafeId
    name: Text
    children: list["Region"] = Field(default_factory=list)


class ComparisonTopic(Model):
    """A cross-department comparison page: indicators whose 三级 name contains a keyword,
    of the departments the topic applies to (a court's 案件调解率 is not 人民调解)."""

    id: SafeId
    title: Text
    include: list[Text] = Field(min_length=1, description="三级指标名称包含其中任一词即纳入")
    exclude: list[Text] = Field(default_factory=list, description="名称包含其中任一词则排除")
    departments: list[Text] = Field(default_factory=list, description=(
        "只比较这些部门：部门名称包含其中任一词（如 司法局），或部门标识等于其中之一；省略时比较所有部门"))
    # A province has tens of thousands of matching rows: more than a phone should load as one page.
    rows_per_page: int = Field(500, ge=1, description="每页列出的指标数，超出的分页显示；默认 500（约 200 KB）")

    def matches(self, name: str | None) -> bool:
        return bool(name) and any(k in name for k in self.include) and not any(k in name for k in self.exclude)

    def applies_to(self, department: Department) -> bool:
        return not self.departments or any(
            word == department.id or word in department.name for word in self.departments)


COMMIT_ID = re.compile(r"^[0-9a-f]{7,40}$")


def _commit_id(value: str) -> str:
    if not COMMIT_ID.match(value):
        raise PydanticCustomError("commit_id", "“{value}”不是提交号", {
            "value": value, "hint": "写 git log 显示的提交号（小写十六进制，至少前 7 位），例如 5144eb7"})
    return value


# A commit id that happens to be all digits reads as a number in YAML: taken as written.
CommitId = Annotated[str, BeforeValidator(textrules.as_text), AfterValidator(_commit_id)]


class HistoryConfig(Model):
    """修订记录: what of the content repository's history the site shows."""

    exclude_commits: list[CommitId] = Field(
        default_factory=list, description="不读取的提交（完整或前至少 7 位的提交号）：误提交的内容不进入修订记录")


class SiteConfig(Model):
    title: Text = Field(description="网站名称")
    base_url: WebAddress = Field(description="网站根地址，以 / 结尾，如 https://yusuan.example.gov.cn/")
    organisation: Text = Field(description="网站主办单位")
    languages: list[Text] = Field(default_factory=lambda: ["zh-CN"], description="界面语言，第一个为默认")
    regions: list[Region] = Field(description="地区层级，部门的 region 须是这里的标识")
    publish_contact: bool = Field(False, description="是否公开填报人和联系电话")
    output_dir: Text = Field("site", description="网站输出目录")
    comparisons: list[ComparisonTopic] = Field(default_factory=list, description="跨部门指标比较页")
    index_number_prefix: Text | None = Field(None, description="公开目录索引号前缀；设置后为每份文件生成索引号")
    history: HistoryConfig = Field(default_factory=HistoryConfig, description="修订记录")

    def region_paths(self) -> dict[str, tuple[Region, ...]]:
        """Each region id → its chain from the top, e.g. ezhou → (湖北省, 鄂州市)."""
        paths: dict[str, tuple[Region, ...]] = {}

        def walk(region: Region, chain: tuple[Region, ...]) -> None:
            paths[region.id] = chain + (region,)
            for child in region.children:
                walk(child, chain + (region,))

        for top in self.regions:
            walk(top, ())
        return paths


def load_config(path: Path) -> tuple[SiteConfig | None, list[Problem]]:
    try:
        source = load_file(path)
    except YamlProblem as exc:
        return None, [exc.problem]
    try:
        return SiteConfig.model_validate(source.data), []
    except ValidationError as exc:
        return None, problems_from(exc, source, SiteConfig)


def configured_output(path: Path) -> Path:
    """site_config.yml's output_dir; `site` while the config has errors (the build stops on them anyway)."""
    config, _ = load_config(path)
    return Path(config.output_dir if config else "site")
