"""A store from the demo corpus and our own articles, served by uvicorn on a free port in a thread,
and headless Chromium driven by Playwright (the system's browser: nothing is downloaded).

The browser tests skip, saying why, where no Chromium binary exists (set ``DIPLOGRAPH_CHROMIUM`` to
point at one elsewhere); CI installs Debian's ``chromium`` so that they run there."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from diplograph.web import create_app
from tests.conftest import DEMO, build_store, write_articles
from tests.web.conftest import write_web_articles

CHROMIUM_VARIABLE = "DIPLOGRAPH_CHROMIUM"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Flags that work in containers and on CI machines without a display, a GPU or a network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Characters outside the Basic Multilingual Plane before the evidence: Python counts them as one
# character each, JavaScript as two, so the page must convert the offsets.
EMOJI_ARTICLE = ("emoji-expulsion", "en", "Example Wire", "2025-06-04",
                 "🔴 LIVE 🇺🇦🇺🇦 — Poland expelled a Russian diplomat on Tuesday, the ministry said.")  # fmt: skip


def find_chromium() -> str | None:
    """The browser to drive: ``$DIPLOGRAPH_CHROMIUM``, else the first Chromium or Chrome on the PATH."""
    configured = os.environ.get(CHROMIUM_VARIABLE)
    if configured:
        return configured if Path(configured).is_file() else None
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def free_socket() -> socket.socket:
    """A listening socket on a port the system chose, handed to uvicorn (no race for the port)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture(scope="package")
def ui_store(tmp_path_factory, options) -> Path:
    folder = write_web_articles(tmp_path_factory.mktemp("ui-articles"))
    name, *article = EMOJI_ARTICLE
    write_articles(folder, {name: tuple(article)})
    return build_store(tmp_path_factory.mktemp("ui-store") / "store.duckdb", [folder, DEMO], options)


@pytest.fixture(scope="package")
def server(ui_store) -> Iterator[str]:
    """The app as ``diplograph serve`` runs it, at http://127.0.0.1:PORT."""
    sock = free_socket()
    config = uvicorn.Config(create_app(ui_store), log_level="warning", lifespan="on")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    instance.should_exit = True
    thread.join(10)
    sock.close()


@pytest.fixture(scope="package")
def browser() -> Iterator[Any]:
    executable = find_chromium()
    if executable is None:
        pytest.skip(f"no Chromium binary (apt-get install chromium, or set {CHROMIUM_VARIABLE}=/path/to/chrome)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def problems() -> list[str]:
    """What went wrong in the tab; a test that provokes an error takes the expected ones out."""
    return []


@pytest.fixture
def page(browser, server, problems) -> Iterator[Any]:
    """A fresh browser tab on the server. Afterwards, the test fails if a script threw, logged an
    error, or a request for a script, a style sheet or API data failed (a page's own 404 is fine)."""
    context = browser.new_context(base_url=server, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)

    def console(message: Any) -> None:
        # "Failed to load resource" repeats a failed response, which on_response judges.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            problems.append(f"console: {message.text}")

    def on_response(response: Any) -> None:
        if response.status >= 400 and response.request.resource_type != "document":
            problems.append(f"{response.status} {response.url}")

    tab.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    tab.on("console", console)
    tab.on("response", on_response)
    yield tab
    context.close()
    assert problems == []
