"""`gongkai import` of several files or folders in one command.

Each file is imported as it would be alone, in the order given (a folder's files by name), so a later
file finds the department that an earlier one wrote. One file that cannot be read does not stop the
others; the command fails when any did. Two files of one batch never write the same filing: the
second is refused even with --force, which is for replacing what was there before the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .conversion import SUFFIXES as CONVERTED
from .document import ImportFailure
from .importer import ImportOptions, ImportResult, import_file
from .readers import PROMISED, READERS

# Names of files a folder may hold that are not forms: Office's lock files of open documents, hidden files.
SKIPPED_PREFIXES = ("~$", ".")


@dataclass(frozen=True)
class Outcome:
    source: Path
    result: ImportResult | None  # None: nothing written
    failure: str | None = None  # why nothing was written

    @property
    def failed(self) -> bool:
        return self.result is None or bool(self.result.check.errors)


def files_to_import(paths: list[Path]) -> list[Path]:
    """The files as given; for a folder, the files below it whose names say a format the import knows (read or
    refused with what to do), by name."""
    found: list[Path] = []
    for path in paths:
        found += sorted(_importable(path)) if path.is_dir() else [path]
    return list(dict.fromkeys(found))


def _importable(folder: Path) -> list[Path]:
    known = READERS.keys() | PROMISED.keys() | set(CONVERTED)
    return [path for path in folder.rglob("*") if path.is_file() and path.suffix.lower() in known
            and not any(part.startswith(SKIPPED_PREFIXES) for part in path.relative_to(folder).parts)]


def import_all(sources: list[Path], options: ImportOptions) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for source in sources:
        written = frozenset(o.result.output for o in outcomes if o.result is not None)
        try:
            outcomes.append(Outcome(source, import_file(source, replace(options, batch_outputs=written))))
        except ImportFailure as failure:
            outcomes.append(Outcome(source, None, str(failure)))
    return outcomes


def summary(outcomes: list[Outcome]) -> str:
    """One line for the batch, then the files that need attention."""
    written = [o for o in outcomes if o.result is not None]
    with_errors = [o for o in written if o.result.check.errors]
    refused = [o for o in outcomes if o.result is None]
    lines = [f"共 {len(outcomes)} 个原表：导入 {len(written)} 个（其中检查有错误的 {len(with_errors)} 个），"
             f"未导入 {len(refused)} 个。"]
    lines += [f"  有错误：{o.source} → {o.result.output}" for o in with_errors]
    lines += [f"  未导入：{o.source}：{o.failure}" for o in refused]
    return "\n".join(lines)
