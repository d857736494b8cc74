"""The REST API under load: requests/s and latency with concurrent clients on loopback.

    diplograph ingest ../shared/corpus/dev --db /tmp/dev.duckdb
    python benchmarks/serve_speed.py --db /tmp/dev.duckdb              # 8 clients, 3,000 requests an endpoint
    python benchmarks/serve_speed.py --db big.duckdb --endpoints dyad --dyad RUS,UKR --requests 500

Starts ``diplograph serve`` on a free loopback port in its own process (as a user would), then
for each endpoint sends a bounded number of requests (``--requests``, cut at ``--seconds``) from
``--clients`` keep-alive connections, each sending its next request when the last is answered.
The clients are plain asyncio sockets in this process, so that they take little of the CPU the
server needs. Each endpoint is measured twice: as served (repeated requests answered from the
server's cache of answers while the store cannot change) and with ``--cache-mb 0`` (every
request runs its queries on a kept-open DuckDB cursor). Prints requests/s, p50, p99 and the
worst latency per endpoint, and the same for a floor: a FastAPI app with one trivial
synchronous endpoint under the same uvicorn, which is what the framework itself allows on this
machine. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HOST = "127.0.0.1"
WARMUP = 50  # requests per endpoint before the clock starts

# A FastAPI app as small as one can be, served like ours: the framework's own ceiling here.
FLOOR_APP = textwrap.dedent(
    """
    from fastapi import FastAPI
    app = FastAPI()

    @app.get("/api/ping")
    def ping() -> dict:
        return {"ok": True}
    """
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


@contextmanager
def server(command: list[str], port: int, *, cwd: Path | None = None) -> Iterator[None]:
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {process.stderr.read().decode()[-2000:]}") from None
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


async def fetch(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> tuple[int, bytes]:
    """One request on a keep-alive connection: status and body."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
    return status, await reader.readexactly(length)


async def load(port: int, path: str, *, clients: int, requests: int, seconds: float) -> dict:
    """``requests`` requests of ``path`` from ``clients`` connections (cut after ``seconds``)."""
    request = f"GET {path} HTTP/1.1\r\nHost: {HOST}:{port}\r\nAccept: application/json\r\n\r\n".encode()
    connections = [await asyncio.open_connection(HOST, port) for _ in range(clients)]
    for n in range(WARMUP):
        status, body = await fetch(*connections[n % clients], request)
        if status != 200:
            raise SystemExit(f"{path} answered {status}: {body[:300]!r}")
    latencies: list[float] = []
    errors = 0
    remaining = requests
    stop = time.perf_counter() + seconds

    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        nonlocal remaining, errors
        while remaining > 0 and time.perf_counter() < stop:
            remaining -= 1
            began = time.perf_counter()
            status, _ = await fetch(reader, writer, request)
            latencies.append(time.perf_counter() - began)
            errors += status != 200

    start = time.perf_counter()
    await asyncio.gather(*(client(*c) for c in connections))
    elapsed = time.perf_counter() - start
    for _, writer in connections:
        writer.close()
    latencies.sort()
    return {
        "path": path,
        "requests": len(latencies),
        "errors": errors,
        "per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
        "max_ms": 1000 * latencies[-1],
    }


def busiest_pair(port: int) -> tuple[str, str]:
    """The pair with most events in the store, for /api/dyad."""
    with socket.create_connection((HOST, port)) as sock:
        sock.sendall(f"GET /api/network HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    edges = json.loads(data.split(b"\r\n\r\n", 1)[1])["edges"]
    if not edges:
        raise SystemExit("the store has no actor pairs: ingest something first")
    return edges[0]["a"], edges[0]["b"]


def report(rows: list[dict]) -> None:
    print(f"{'endpoint':46} {'requests':>8} {'errors':>6} {'req/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    for r in rows:
        print(f"{r['path']:46} {r['requests']:8d} {r['errors']:6d} {r['per_second']:8.0f} {r['p50_ms']:7.1f} "
              f"{r['p99_ms']:7.1f} {r['max_ms']:7.1f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True, help="The store to serve (read-only).")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=3000, help="Requests per endpoint (after a warm-up).")
    parser.add_argument("--seconds", type=float, default=20.0, help="At most this long per endpoint.")
    parser.add_argument("--no-floor", action="store_true", help="Skip the trivial-app floor.")
    parser.add_argument(
        "--endpoints",
        default="events,network,dyad,events-dyad",
        help="Which of events, network, dyad, events-dyad to load, comma-separated.",
    )
    parser.add_argument("--dyad", help="The pair for dyad and events-dyad, e.g. RUS,UKR (default: the busiest).")
    args = parser.parse_args()
    if not args.db.is_file():
        raise SystemExit(f"no store at {args.db} (diplograph ingest ../shared/corpus/dev --db {args.db})")
    bounds = {"clients": args.clients, "requests": args.requests, "seconds": args.seconds}
    rows = []
    for cache_mb, label in ((64, ""), (0, " [no cache]")):
        port = free_port()
        command = [sys.executable, "-m", "diplograph", "serve", "--db", str(args.db), "--port", str(port),
                   "--cache-mb", str(cache_mb)]  # fmt: skip
        with server(command, port):
            a, b = args.dyad.split(",") if args.dyad else busiest_pair(port)
            paths = {"events": "/api/events?limit=50", "network": "/api/network", "dyad": f"/api/dyad?a={a}&b={b}",
                     "events-dyad": f"/api/events?dyad={a},{b}"}  # fmt: skip
            for name in args.endpoints.split(","):
                row = asyncio.run(load(port, paths[name], **bounds))
                rows.append({**row, "path": paths[name] + label})
    if not args.no_floor:
        with tempfile.TemporaryDirectory() as folder:
            Path(folder, "floor_app.py").write_text(FLOOR_APP, encoding="utf-8")
            port = free_port()
            command = [sys.executable, "-m", "uvicorn", "floor_app:app", "--host", HOST, "--port", str(port),
                       "--log-level", "warning"]  # fmt: skip
            with server(command, port, cwd=Path(folder)):
                floor = asyncio.run(load(port, "/api/ping", **bounds))
                floor["path"] = "floor: trivial FastAPI endpoint"
                rows.append(floor)
    print(f"{args.clients} clients on loopback, {os.cpu_count()} CPUs, store {args.db} "
          f"({args.db.stat().st_size / 1e6:.1f} MB)")  # fmt: skip
    report(rows)


if __name__ == "__main__":
    main()
