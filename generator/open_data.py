"""Stage 5: the open data, each filing's downloads and the site-wide files, from the cache where it can.

Each filing's downloads are made once (on every core when there are many) into a cache entry that also
keeps its rows, as CSV text and as workbook cells. The site-wide CSVs and each year's workbook are written
from runs of filings' rows joined from those and kept in the cache themselves (`KeptRows`): a changed filing
joins its own run again, the others are read back as bytes, one run at a time.
"""

from __future__ import annotations

from concurrent.futures import Executor, Future
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, NamedTuple

from .cache import BuildCache, canonical, code_fingerprint, fill_entry, keep_in_entry, key_of
from .export_tables import TABLE_SPECS
from .exports import (Download, ExportInput, PriorYears, RenderedRows, Sheet, export_filing_rows, export_site_rows,
                      kept_summary, newest_disclosure, rows_xml, site_csv_text, site_position, site_years,
                      write_year_workbook)

if TYPE_CHECKING:  # for type hints only: the site model's code is not behind the open data (see EXPORT_CODE)
    from .loading import FilingHead
    from .sitemodel import FilingView, SiteModel

# This module: its code, the code of every module it imports (exports.py …) and the versions of the libraries
# they use are part of every key here, so a change to any of them, the reading side of the kept rows
# included, makes the open data again.
EXPORT_CODE = ("open_data.py",)


def write_open_data(site: SiteModel, staging: Path, reuse: BuildCache, joined: BuildCache, jobs: int | None,
                    background: Executor) -> tuple[dict[str, tuple[Download, ...]], SiteFiles]:
    """Exports of unchanged filings come from the cache (`reuse`); the others are made on every core first (only
    these filings are read back whole). The site-wide files are then made in `background` threads, from runs of
    the filings' rows joined in `joined`, while the build goes on (their downloads are waited for when asked)."""
    code = code_fingerprint(EXPORT_CODE)
    keys = {view.url: key_of(code, "filing", view.public_digest, *view.region_names) for view in site.filings}
    views = {keys[view.url]: view for view in site.filings}
    # The views travel as filed (see FilingView.__getstate__): each worker makes its filings' public views.
    reuse.fill_missing(fill_exports, {key: (views[key],) for key in reuse.missing(views)}, jobs, "导出数据")
    manifests = {key: reuse.link(key, staging) for key in views}
    per_filing = {url: downloads_in(manifests[key]["downloads"]) for url, key in keys.items()}
    kept = KeptRows(reuse, joined, code, manifests)
    return per_filing, site_data({key: view.head for key, view in views.items()}, kept, staging, background)


def site_data(heads: dict[str, FilingHead], kept: KeptRows, staging: Path, background: Executor) -> SiteFiles:
    """The site-wide CSVs and one workbook per year, made when any of their filings changed: joined from runs
    of their filings' rows (`KeptRows`), read in parts; the prior years and row counts they need first are in
    the manifests."""
    order = sorted(heads, key=lambda key: site_position(heads[key]))
    years = site_years(kept.manifests[key]["prior_years"] for key in order)
    csv_runs = kept.csv_runs(order, years)
    entries = {key_of(kept.code, "site", *sorted(heads)): lambda out: manifest_of(export_site_rows(
        (kept.csv_text(run, years) for run in csv_runs), years, out))}
    for year in sorted({head.fiscal_year for head in heads.values()}, reverse=True):
        keys = [key for key in order if heads[key].fiscal_year == year]
        sheets, newest = kept.year_sheets(keys), newest_disclosure([heads[key] for key in keys])
        entries[key_of(kept.code, "workbook", str(year), *sorted(keys))] = \
            lambda out, year=year, sheets=sheets, newest=newest: manifest_of(write_year_workbook(sheets, year, newest,
                                                                                                 out))
    return SiteFiles({key: background.submit(kept.exports.make, key, make) for key, make in entries.items()},
                     kept.exports, staging)


@dataclass(frozen=True)
class SiteFiles:
    """The site-wide files, each made by a job in the background: deflating a workbook and hashing a CSV release
    the GIL, so they are mostly made while the pages are (0.40 and 0.16 s at 420 departments, one filing
    changed). Only the pages that list them (the open data page shows their sizes) wait for them."""

    made: dict[str, Future]  # entry key → its job
    exports: BuildCache
    staging: Path

    def downloads(self) -> tuple[Download, ...]:
        """The files linked into the site, once all are made (a job's error is raised here)."""
        for job in self.made.values():
            job.result()
        return downloads_in([download for key in self.made for download in self.exports.link(key, self.staging)])


RUN_ENDS = ("0",)  # a run ends after a filing whose key starts so: one in sixteen (keys are hexadecimal digests)


def runs_of(keys: list[str]) -> list[list[str]]:
    """Filings' keys (in site order) cut into runs, each ending after a key that starts with one of `RUN_ENDS`.
    Where a run ends depends on the filings' own keys, not on their places: a changed, added or removed filing
    changes its own run (or joins two), and every other run stays as it was, its joined rows reused."""
    runs: list[list[str]] = [[]]
    for key in keys:
        runs[-1].append(key)
        if key.startswith(RUN_ENDS):
            runs.append([])
    return [run for run in runs if run]


class Run(NamedTuple):
    key: str  # of its joined rows in the `joined` cache
    filings: list[str]  # the filings' keys, in site order
    first: int  # the sheet row its first row is written in (0 for the CSVs: lines have no numbers)


@dataclass(frozen=True)
class KeptRows:
    """Where the site-wide files' rows come from: each filing's rows kept in its export entry (`exports`), and
    runs of filings' rows as those files have them, joined once and kept in `joined` (reading a run's bytes back
    spares a one-filing change remaking every row of the site: 3.7 s of thread time at 420 departments)."""

    exports: BuildCache
    joined: BuildCache
    code: str  # the open data's code: part of every key
    manifests: dict[str, dict]  # each filing's export entry's manifest, by key

    def csv_runs(self, keys: list[str], years: PriorYears) -> list[Run]:
        return self.retained([Run(key_of(self.code, "csv", canonical(years), *run), run, 0) for run in runs_of(keys)])

    def csv_text(self, run: Run, years: PriorYears) -> dict[str, bytes]:
        """The site-wide CSVs' lines for a run of filings (`site_csv_text`), kind → bytes."""
        if (text := self.joined.value(run.key)) is None:
            text = site_csv_text((self.exports.kept(filing, CSV_PIECES) for filing in run.filings), years)
            self.joined.keep(run.key, text)
        return text

    def year_sheets(self, keys: list[str]) -> list[Sheet]:
        """A year's sheets, one per kind, from the runs of its filings (`keys`, in site order)."""
        years = site_years(self.manifests[key]["prior_years"] for key in keys)
        return [self.sheet(kind, years[kind], keys) for kind in TABLE_SPECS]

    def sheet(self, kind: str, years: list[int], keys: list[str]) -> Sheet:
        runs = self.sheet_runs(kind, years, keys)

        def parts() -> Iterator[bytes]:  # read while the sheet is written
            return (self.sheet_xml(kind, years, run) for run in runs)
        return Sheet(kind, years, RenderedRows(self.row_count(kind, keys), parts))

    def sheet_runs(self, kind: str, years: list[int], keys: list[str]) -> list[Run]:
        runs, first = [], 2  # under the header row
        for run in runs_of(keys):
            runs.append(Run(key_of(self.code, "sheet", kind, canonical(years), str(first), *run), run, first))
            first += self.row_count(kind, run)
        return self.retained(runs)

    def sheet_xml(self, kind: str, years: list[int], run: Run) -> bytes:
        """A run's rows in a year's sheet of `kind`, numbered from its first row (`rows_xml`)."""
        if (xml := self.joined.value(run.key)) is None:
            rows = (row for filing in run.filings for row in self.exports.kept(filing, SHEET_PIECES)[kind][1])
            xml = rows_xml(kind, years, rows, run.first)
            self.joined.keep(run.key, xml)
        return xml

    def row_count(self, kind: str, keys: list[str]) -> int:
        return sum(self.manifests[key]["row_counts"][kind] for key in keys)

    def retained(self, runs: list[Run]) -> list[Run]:
        """Every run planned is kept for the next build, read or not: a workbook reused whole reads none."""
        self.joined.retain(run.key for run in runs)
        return runs


SHEET_PIECES = "sheets.pickle"  # a filing's rows as cells of its year's workbook, kept in its export entry
CSV_PIECES = "rows.pickle"  # a filing's rows as CSV text for the site-wide CSVs, kept in its export entry


def fill_exports(root: Path, key: str, view: FilingView) -> None:
    """One filing's downloads, and its rows for the site-wide CSVs and its year's workbook, into the cache
    entry `key` (a job: runs in a worker process)."""
    def make(out: Path) -> dict:
        downloads, rows, sheets = export_filing_rows(ExportInput(view.filing, view.region_names), out)
        keep_in_entry(out, SHEET_PIECES, sheets)
        keep_in_entry(out, CSV_PIECES, rows)
        return {"downloads": manifest_of(downloads), **kept_summary(sheets)}
    fill_entry(root, key, make)


def manifest_of(downloads: list[Download]) -> list[dict]:
    return [asdict(d) for d in downloads]


def downloads_in(manifest: list[dict]) -> tuple[Download, ...]:
    return tuple(Download(**item) for item in manifest)
