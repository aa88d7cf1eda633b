"""Stage 9: index the finished site with Pagefind (extended build: segments Chinese).

The index is written inside the site (`pagefind/`), so search works on any
static host with no third-party request.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


class SearchIndexError(RuntimeError):
    pass


def index_for_search(model, site: Path) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", str(site), "--force-language", "zh-cn", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind 建立索引失败：{result.stderr or result.stdout}")
