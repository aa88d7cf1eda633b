"""Stage 5: the open data, each filing's downloads and the site-wide files, from the cache where it can.

Each filing's downloads are made once (on every core when there are many) into a cache entry that also
keeps its rows, as CSV text and as workbook cells: the site-wide CSVs and each year's workbook are then
joined from those, one filing's rows at a time, instead of being made from every filing again.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import BuildCache, code_fingerprint, fill_entry, keep_in_entry, key_of
from .export_tables import TABLE_SPECS
from .exports import (Download, ExportInput, export_filing_rows, export_site_rows, kept_summary, newest_disclosure,
                      site_position, site_years, streamed_sheets, write_year_workbook)

if TYPE_CHECKING:  # for type hints only: the site model's code is not behind the open data (see EXPORT_CODE)
    from .loading import FilingHead
    from .sitemodel import FilingView, SiteModel

# This module: its code, the code of every module it imports (exports.py …) and the versions of the libraries
# they use are part of every key here, so a change to any of them, the reading side of the kept rows
# included, makes the open data again.
EXPORT_CODE = ("open_data.py",)


def write_open_data(site: SiteModel, staging: Path, reuse: BuildCache,
                    jobs: int | None) -> tuple[dict[str, tuple[Download, ...]], tuple[Download, ...]]:
    """Exports of unchanged filings come from the cache; the others are made on every core first (only these
    filings are read back whole)."""
    code = code_fingerprint(EXPORT_CODE)
    keys = {view.url: key_of(code, "filing", view.public_digest, *view.region_names) for view in site.filings}
    views = {keys[view.url]: view for view in site.filings}
    # The views travel as filed (see FilingView.__getstate__): each worker makes its filings' public views.
    reuse.fill_missing(fill_exports, {key: (views[key],) for key in reuse.missing(views)}, jobs, "导出数据")
    manifests = {key: reuse.link(key, staging) for key in views}
    per_filing = {url: downloads_in(manifests[key]["downloads"]) for url, key in keys.items()}
    return per_filing, site_data({key: view.head for key, view in views.items()}, manifests, code, staging, reuse)


def site_data(heads: dict[str, FilingHead], manifests: dict[str, dict], code: str, staging: Path,
              reuse: BuildCache) -> tuple[Download, ...]:
    """The site-wide CSVs (concatenated from the rows kept with each filing when any filing changed) and one
    workbook per year (joined from the cells kept with each of its filings when one of them changed). Both
    read one filing's rows at a time; the prior years and row counts they need first are in the manifests."""
    order = sorted(heads, key=lambda key: site_position(heads[key]))
    years = site_years(manifests[key]["prior_years"] for key in order)
    entries = {key_of(code, "site", *sorted(heads)): lambda out: manifest_of(export_site_rows(
        (reuse.kept(key, CSV_PIECES) for key in order), years, out))}
    for year in sorted({head.fiscal_year for head in heads.values()}, reverse=True):
        keys = [key for key in order if heads[key].fiscal_year == year]
        entries[key_of(code, "workbook", str(year), *sorted(keys))] = lambda out, year=year, keys=keys: manifest_of(
            year_workbook(heads, manifests, keys, year, out, reuse))
    # Made side by side in two threads: deflating a workbook and hashing a CSV release the GIL, so a year's
    # workbook is mostly made while the CSVs are joined (0.5 and 0.45 s one after the other at 420 departments).
    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(lambda key: reuse.make(key, entries[key]), entries))
    return downloads_in([download for key in entries for download in reuse.link(key, staging)])


def year_workbook(heads: dict[str, FilingHead], manifests: dict[str, dict], keys: list[str], year: int, out: Path,
                  reuse: BuildCache) -> list[Download]:
    """A year's workbook, its rows read from the cells kept with each of its filings (`keys`, in site order)."""
    counts = {kind: sum(manifests[key]["row_counts"][kind] for key in keys) for kind in TABLE_SPECS}
    sheets = streamed_sheets(lambda: (reuse.kept(key, SHEET_PIECES) for key in keys),
                             site_years(manifests[key]["prior_years"] for key in keys), counts)
    return write_year_workbook(sheets, year, newest_disclosure([heads[key] for key in keys]), out)


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
