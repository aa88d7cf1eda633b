"""`gongkai serve`: build, serve on 127.0.0.1, rebuild when content or templates change.

Rebuilds reuse `build()` unchanged, so the preview is exactly what would be
published; a rebuild with errors prints them and keeps serving the last good site.
"""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
from pathlib import Path

from watchfiles import watch

from .build import build
from .problems import ContentError, warnings_summary


def serve(content: Path, config: Path, templates: Path, port: int) -> int:
    output = Path(tempfile.mkdtemp(prefix="gongkai-preview-")) / "site"
    _rebuild(content, config, templates, output)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://127.0.0.1:{server.server_port}/  （Ctrl-C 退出）", flush=True)
    try:
        for _changes in watch(content, templates, config):
            _rebuild(content, config, templates, output)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def _rebuild(content: Path, config: Path, templates: Path, output: Path) -> None:
    try:
        result = build(content, config, templates, output, search=True)
        print(f"已生成 {result.pages} 个页面（{result.seconds:.1f} 秒）。", flush=True)
        print(warnings_summary(result.warnings, result.reviewed, content, config), flush=True)
    except ContentError as exc:
        print(exc.report.as_text())
        print("有错误，预览仍显示上一次成功生成的网站。")
