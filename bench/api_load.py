"""Load on the service: requests/s and p50/p99 latency of GET /v1/articles/{id} for a finished item.

Starts `khulasa serve` on a free loopback port with a temporary data folder,
sends the example article and waits until it is done, then drives the server
from this process (a second process) with keep-alive HTTP/1.1 connections
for a fixed time. Compared in the same run: the same GET with the in-memory
response cache off (KHULASA_RESPONSE_CACHE_SECONDS=0, every answer read from
SQLite and rendered), and GET /healthz (a route that does one `SELECT 1`).
Target: ≥ 1,000 requests/s at p99 ≤ 50 ms. Writes bench/results/api_load.json.

    .venv/bin/python bench/api_load.py [--seconds 10] [--connections 16]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "src" / "khulasa" / "examples" / "desalination.txt"
TARGET_RPS = 1000.0
TARGET_P99_MS = 50.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`khulasa serve` in a subprocess with its own data folder."""

    def __init__(self, data_dir: Path, **settings: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("KHULASA_")}
        env.update({f"KHULASA_{k.upper()}": v for k, v in settings.items()})
        command = [sys.executable, "-m", "khulasa", "serve", "--port", str(self.port), "--data-dir", str(data_dir)]
        self.process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(self.url + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise SystemExit("the server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def prepare(data_dir: Path) -> None:
    """Make a key and a finished item in ``data_dir`` with a server of its own."""
    from khulasa import config
    from khulasa.store import database, keys

    engine = database.connect(config.load(environ={}, data_dir=str(data_dir)))
    token = keys.create_key(engine, "bench")[1]
    engine.dispose()
    server = Server(data_dir)
    try:
        with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}, trust_env=False, timeout=60) as api:
            api.put("/v1/articles/bench-1", json={"text": EXAMPLE.read_text(encoding="utf-8")}).raise_for_status()
            deadline = time.monotonic() + 300
            while api.get("/v1/articles/bench-1").json()["state"] != "done":
                if time.monotonic() > deadline:
                    raise SystemExit("the example article did not finish")
                time.sleep(0.5)
    finally:
        server.stop()


async def _connection(port: int, path: str, until: float, latencies: list[float], errors: list[str]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    try:
        while time.perf_counter() < until:
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n", 1)[0].decode())
    finally:
        writer.close()


async def _load(port: int, path: str, seconds: float, connections: int) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    warm_until = time.perf_counter() + 1.0
    await asyncio.gather(*(_connection(port, path, warm_until, [], errors) for _ in range(connections)))
    start = time.perf_counter()
    await asyncio.gather(*(_connection(port, path, start + seconds, latencies, errors) for _ in range(connections)))
    return latencies, errors, time.perf_counter() - start


def measure(server: Server, path: str, seconds: float, connections: int) -> dict[str, float | int]:
    latencies, errors, elapsed = asyncio.run(_load(server.port, path, seconds, connections))
    return {
        "requests": len(latencies),
        "errors": len(errors),
        "rps": len(latencies) / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="timed load per case (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="concurrent keep-alive connections (default 16)")
    args = parser.parse_args()

    rows: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="khulasa-bench-") as folder:
        data_dir = Path(folder)
        prepare(data_dir)
        cases = [
            ("GET /v1/articles/{id} (cached)", {}, "/v1/articles/bench-1"),
            ("GET /v1/articles/{id} (no cache)", {"response_cache_seconds": "0"}, "/v1/articles/bench-1"),
            ("GET /healthz (one SELECT 1)", {}, "/healthz"),
        ]
        for name, settings, path in cases:
            server = Server(data_dir, **settings)
            try:
                rows.append({"case": name, **measure(server, path, args.seconds, args.connections)})
            finally:
                server.stop()

    print(f"{'case':36} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for row in rows:
        print(f"{row['case']:36} {row['rps']:8.0f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f} {row['errors']:7}")
    main_case = rows[0]
    met = main_case["rps"] >= TARGET_RPS and main_case["p99_ms"] <= TARGET_P99_MS  # type: ignore[operator]
    print(f"target: ≥ {TARGET_RPS:.0f} req/s at p99 ≤ {TARGET_P99_MS:.0f} ms → {'met' if met else 'NOT met'}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "cases": rows,
        "target": {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS, "met": met},
        "seconds": args.seconds,
        "connections": args.connections,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
    }
    (RESULTS / "api_load.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
