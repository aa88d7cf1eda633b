"""Shared fixtures: built sites (real content and the small fixture site), a local server, Chromium.

Sites are built once per test session into temporary folders, with search.
The browser is Debian's chromium driven by Playwright (no browser download).
"""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

import pytest

from generator.build import build
from generator.serve import LocalServer
from tests.history_repo import fixture_repo

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "site"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def build_into(content: Path, config: Path, output: Path) -> Path:
    build(content, config, ROOT / "templates", output, search=True)
    return output


@pytest.fixture(scope="session")
def content_site(tmp_path_factory) -> Path:
    """The real site: content/ with site_config.yml."""
    return build_into(ROOT / "content", ROOT / "site_config.yml", tmp_path_factory.mktemp("content") / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """The small fixture site of tests/fixtures/site (two years of one department, withheld canaries), built
    from a scripted repository so that its 修订记录 is the same on every machine."""
    folder = tmp_path_factory.mktemp("fixture")
    return build_into(fixture_repo(folder / "repo"), FIXTURE / "site_config.yml", folder / "site")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def serve(directory: Path):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = LocalServer(("127.0.0.1", 0), handler)  # the preview's server: a backlog for Pagefind's fetches
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def content_url(content_site):
    server = serve(content_site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def fixture_url(fixture_site):
    server = serve(fixture_site)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser(content_site, fixture_site):
    """Depends on the built sites so that every build finishes before the browser's event loop starts."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()
