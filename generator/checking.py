"""`check`: load the config and every filing, run the domain checks, collect one report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cache import BuildCache
from .checks import own_problems, run_checks
from .config import SiteConfig, load_config
from .loading import LoadedFiling, load_content
from .problems import Report


@dataclass
class Checked:
    config: SiteConfig | None
    filings: list[LoadedFiling]
    report: Report


def check_content(content_dir: Path, config_path: Path, parsed: BuildCache | None = None,
                  jobs: int | None = None) -> Checked:
    """`parsed` keeps filings that loaded cleanly between builds, with the checks of each file alone;
    the checks across files always run."""
    report = Report()
    config, problems = load_config(config_path)
    report.extend(problems)
    filings, problems = load_content(content_dir, parsed, jobs, own_problems)
    report.extend(problems)
    report.extend(run_checks(filings, config, content_dir))
    return Checked(config, filings, report)
