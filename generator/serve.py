"""`gongkai serve`: build, serve on 127.0.0.1, rebuild when content or templates change.

Rebuilds reuse `build()` unchanged, so the preview is exactly what would be
published. While the latest build has failed (content errors, a template error,
anything), every page answers with the list of errors instead of a site that no
longer matches the files, and the server keeps running until the files are fixed.
Only requests addressed to 127.0.0.1 or localhost are answered: another name
pointing at this machine (DNS rebinding) must not read the preview from a web page.
"""

from __future__ import annotations

import functools
import html
import http.server
import io
import shutil
import signal
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateError, TemplateSyntaxError
from watchfiles import watch

from .build import build
from .problems import ContentError, warnings_summary

LOCAL_HOSTS = ("127.0.0.1", "localhost")


@dataclass
class Preview:
    """What the server shows: the site, or the errors of the latest build (None when it succeeded)."""

    site: Path
    errors: str | None = None


def serve(content: Path, config: Path, templates: Path, port: int) -> int:
    folder = Path(tempfile.mkdtemp(prefix="gongkai-preview-"))
    preview = Preview(folder / "site")
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` ends the preview like Ctrl-C: the temp folder goes too
    server = None
    try:
        # The first build runs once the watcher is live (its first timeout): an edit made while it
        # runs, or right after the address is printed, is never missed.
        for changes in watch(content, templates, config, yield_on_timeout=True, rust_timeout=200):
            if server is None:
                _rebuild(content, config, templates, preview)
                server = _start_server(preview, port)
            elif changes:
                _rebuild(content, config, templates, preview)
    except KeyboardInterrupt:
        pass
    finally:
        if server is not None:
            server.shutdown()
        shutil.rmtree(folder, ignore_errors=True)
    return 0


class LocalServer(http.server.ThreadingHTTPServer):
    """A search fetches dozens of Pagefind fragments at once: the default listen backlog of 5 refuses
    some of them on a busy machine, and the search page then says 搜索出错."""

    request_queue_size = 128


def _start_server(preview: Preview, port: int) -> http.server.ThreadingHTTPServer:
    server = LocalServer(("127.0.0.1", port), functools.partial(_PreviewHandler, preview=preview))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"预览地址：http://127.0.0.1:{server.server_port}/  （Ctrl-C 退出）", flush=True)
    return server


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _rebuild(content: Path, config: Path, templates: Path, preview: Preview) -> None:
    try:
        result = build(content, config, templates, preview.site, search=True)
    except ContentError as exc:
        preview.errors = exc.report.as_text()
    except TemplateError as exc:
        preview.errors = f"模板错误：{_template_place(exc)}{exc.message or exc}"
    except Exception as exc:  # a preview server outlives any failed build: the author fixes the files
        preview.errors = f"生成失败：{type(exc).__name__}: {exc}"
    else:
        preview.errors = None
        print(f"已生成 {result.pages} 个页面（{result.seconds:.1f} 秒）。", flush=True)
        print(warnings_summary(result.warnings, result.reviewed, content, config), flush=True)
        return
    print(preview.errors)
    print("有错误，预览页面显示错误列表；改正后自动重新生成。", flush=True)


def _template_place(exc: TemplateError) -> str:
    if isinstance(exc, TemplateSyntaxError):
        return f"{exc.filename or exc.name}:{exc.lineno}："
    return ""


ERROR_PAGE = """<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>有错误，未生成网站</title></head>
<body><h1>有错误，未生成网站</h1>
<p>改正下列问题并保存，预览会自动重新生成。</p>
<pre>{errors}</pre></body></html>
"""


class _PreviewHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args, preview: Preview, **kwargs):
        self.preview = preview
        super().__init__(*args, directory=str(preview.site), **kwargs)

    def send_head(self):
        host = self.headers.get("Host") or ""
        if (host.rsplit(":", 1)[0] if host.count(":") == 1 else host) not in LOCAL_HOSTS:
            self.send_error(403, "Forbidden host", "预览只接受发往 127.0.0.1 或 localhost 的请求")
            return None
        errors = self.preview.errors
        if errors is not None:
            body = ERROR_PAGE.format(errors=html.escape(errors)).encode("utf-8")
            self.send_response(500)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            return io.BytesIO(body)
        return super().send_head()

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal shows build results, not every request
