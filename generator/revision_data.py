"""Each revision's public JSON and YAML at a permanent URL, so anyone can compare versions.

The files are the open-data JSON and public YAML of the filing as it stood after
the revision (with today's withheld projects withheld in it too), plus what the
revision was. They never change once written, so they are made once and copied
from the build cache afterwards.
"""

from __future__ import annotations

from pathlib import Path

from .cache import BuildCache, fill_entry, generator_fingerprint, key_of
from .exports import JSON_TYPE, YAML_TYPE, ExportInput, filing_json, json_bytes, public_yaml, write
from .models import Filing
from .history import Version
from .revisions import Revision, SiteHistory
from .sitemodel import FilingView, SiteModel

JSON_LABEL = "本次修订后的完整数据（JSON）"
YAML_LABEL = "本次修订后的源文件公开版（YAML）"


def revision_files(revision: Revision, filing: Filing) -> tuple[tuple[str, str], ...]:
    """(label, site-relative path) of a revision's downloads."""
    stem = revision.data_stem(filing)
    return ((JSON_LABEL, f"{stem}.json"), (YAML_LABEL, f"{stem}.yml"))


def write_revision_data(site: SiteModel, history: SiteHistory, staging: Path, reuse: BuildCache,
                        jobs: int | None) -> None:
    """Keyed by the revision, its file version and what the filing withholds today: the public view of
    a version is read (from the history cache) only for the files not made yet."""
    code = generator_fingerprint()
    wanted: dict[str, tuple[FilingView, Revision, Version]] = {}
    for view in site.filings:
        found = history.filings.get(view.url)
        for revision, version in zip(found.revisions, found.versions) if found else ():
            key = key_of(code, "revision", repr(revision), version.key("view"), history.current[view.url].digest,
                         *view.region_names)  # the filing today: what it withholds
            wanted[key] = (view, revision, version)
    missing = {key: (ExportInput(history.revision_filing(view.url, version), view.region_names), revision)
               for key in reuse.missing(wanted) for view, revision, version in (wanted[key],)}
    reuse.fill_missing(fill_revision_data, missing, jobs)
    for key in wanted:
        reuse.link(key, staging)


def fill_revision_data(root: Path, key: str, item: ExportInput, revision: Revision) -> None:
    """One revision's files into the cache entry `key` (a job: runs in a worker process)."""
    fill_entry(root, key, lambda out: write_files(item, revision, out))


def write_files(item: ExportInput, revision: Revision, out: Path) -> list[str]:
    json_path, yaml_path = (path for _, path in revision_files(revision, item.filing))
    data = filing_json(item) | {"revision": about(revision)}
    write(out, json_path, json_bytes(data), JSON_LABEL, JSON_TYPE)
    header = f"# 修订 {revision.commit}（{revision.date.isoformat()}）：{revision.message}\n"
    write(out, yaml_path, header.encode("utf-8") + public_yaml(item.filing), YAML_LABEL, YAML_TYPE)
    return [json_path, yaml_path]


def about(revision: Revision) -> dict:
    return {"commit": revision.commit, "time": revision.time.isoformat(), "message": revision.message,
            "page": revision.url,
            "changes": [{"text": c.text, "editorial": c.editorial} for c in revision.changes]}
