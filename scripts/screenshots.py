#!/usr/bin/env python3
"""Screenshots of the web view for the README: network.png, dyad.png, event.png, search.png.

    python scripts/screenshots.py [--db FILE] [--out docs/screenshots] [--chromium /usr/bin/chromium]

Serves the store (by default a fresh one built from the demo corpus, so that the pictures are
reproducible) on a free local port and photographs each page in headless Chromium, driven by
Playwright with the system's browser (``pip install -e '.[dev]'``; ``apt-get install chromium``).
What is shown is picked from the data: the busiest pair, its most reported event, its first actor.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from diplograph.ingest import read_inputs
from diplograph.pipeline import Options, analyze_all
from diplograph.store.events import rebuild_events
from diplograph.store.writer import connect, ingest
from diplograph.web import create_app

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "src" / "diplograph" / "demo" / "corpus"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
VIEWPORT = {"width": 1280, "height": 860}


def build_demo_store(db: Path) -> Path:
    """The demo corpus analysed and stored, as ``diplograph ingest`` would."""
    options = Options.create()
    with closing(connect(db)) as con:
        ingest(con, analyze_all(read_inputs([str(DEMO)], settings=options.settings), options=options))
        rebuild_events(con)
    return db


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app on a free loopback port, in a thread, for as long as the block runs."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def get(base: str, path: str, **params: Any) -> Any:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}" if params else base + path
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def take(base: str, out: Path, chromium: str) -> list[Path]:
    from playwright.sync_api import expect, sync_playwright  # a dev dependency, needed only here

    network = get(base, "/api/network")
    if not network["edges"]:
        raise SystemExit("the store has no pair of actors to show")
    edge = network["edges"][0]  # the busiest pair
    a, b = edge["a"], edge["b"]
    events = get(base, "/api/events", dyad=f"{a},{b}", order="mentions", desc="true")["items"]
    events = events or get(base, "/api/events", dyad=f"{b},{a}", order="mentions", desc="true")["items"]
    event = events[0]["event"]
    term = next((node["name"] for node in network["nodes"] if node["code"] == a and node["name"]), a)
    saved: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=base, viewport=VIEWPORT)
        page.set_default_timeout(15_000)

        def shoot(name: str) -> None:
            page.mouse.move(0, 0)  # no hover state in the picture
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=True)
            saved.append(path)

        page.goto("/")
        expect(page.locator("#cy")).to_have_attribute("data-ready", "true")
        # The page's own tap handler opens the pair's panel (the function returns nothing: serialising
        # a Cytoscape collection back to Python would take seconds).
        page.evaluate("id => { window.diplograph.cy.getElementById(id).select().emit('tap'); }", f"{a}|{b}")
        expect(page.get_by_test_id("panel-events").get_by_test_id("event-item").first).to_be_visible()
        shoot("network")
        page.goto(f"/dyad/{a}/{b}")
        expect(page.get_by_test_id("timeline")).to_have_attribute("data-ready", "true")
        shoot("dyad")
        page.goto(f"/event/{event}")
        expect(page.get_by_test_id("reports")).to_have_attribute("data-ready", "true")
        shoot("event")
        page.goto(f"/search?{urllib.parse.urlencode({'q': term})}")
        expect(page.locator("main")).to_have_attribute("data-ready", "true")
        page.locator("#q").blur()
        shoot("search")
        browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to show (default: one built from the demo corpus)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots", help="folder for the PNGs")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium", help="browser binary")
    args = parser.parse_args(argv)
    if not Path(args.chromium).is_file():
        parser.error(f"no Chromium at {args.chromium} (apt-get install chromium, or pass --chromium)")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        db = args.db if args.db is not None else build_demo_store(Path(scratch) / "demo.duckdb")
        if not db.is_file():
            parser.error(f"no store at {db}")
        with serving(db) as base:
            for path in take(base, args.out, args.chromium):
                print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
