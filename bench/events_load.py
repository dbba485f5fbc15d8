"""Load on POST /v1/events: events/s accepted and p50/p99 latency, cached GETs beside it, and every 202 counted back.

Starts `khulasa serve --no-jobs`-style (KHULASA_RUN_JOBS=false) on a free
loopback port over a data folder holding a finished item and 50 more
articles, then drives it from this process with keep-alive HTTP/1.1
connections for a fixed time, in three cases:

1. ``GET /v1/articles/{id}`` (cached) alone: the p99 to keep;
2. ``POST /v1/events`` alone, each body one event (what a player sends), from
   thousands of readers (distinct User-Agents, so the per-source limit and the
   repeat filter see them as different people, as they would be);
3. both at once: the events load and the same GETs, on separate connections.

Then the server is stopped (it writes what is queued) and the events are
counted back from the database: every event the server answered 202 with
``"accepted": 1`` must be a row, and in the daily figures. Target: ≥ 3,000
events/s at p99 ≤ 20 ms with the GETs' p99 kept. Writes bench/results/events_load.json.

    .venv/bin/python bench/events_load.py [--seconds 10] [--connections 16] [--events-per-body 1]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_load import TARGET_P99_MS as GET_TARGET_P99_MS
from api_load import Server, measure, percentile, prepare
from khulasa import config
from khulasa.ingest.document import read_article
from khulasa.store import articles, database, listening

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "src" / "khulasa" / "examples" / "desalination.txt"
TARGET_EVENTS = 3000.0
TARGET_P99_MS = 20.0
ARTICLES = [f"bench-story-{n}" for n in range(50)]
READERS = 4000
GET_RATE = 400
"""Cached GETs per second sent beside the events (paced, as readers' pages ask: not as fast as the server answers)."""
KINDS = ["impression", "impression", "play", "progress", "progress", "pause", "speed", "download"]


def add_articles(data_dir: Path) -> None:
    """50 more stored articles for the events to be about (their jobs never run: the bench server does no jobs)."""
    settings = config.load(environ={}, data_dir=str(data_dir))
    engine = database.connect(settings)
    article = read_article(EXAMPLE.read_bytes(), settings)
    try:
        for external_id in ARTICLES:
            articles.upsert(engine, external_id, article, None)
    finally:
        engine.dispose()


def _event(n: int) -> dict[str, object]:
    kind = KINDS[n % len(KINDS)]
    said: dict[str, object] = {"article": ARTICLES[n % len(ARTICLES)], "event": kind, "audio": "summary", "version": 1}
    said["position"] = round((n // READERS) * 0.1 % 86_000, 1)  # one reader never repeats an event within the filter's window
    if kind == "progress":
        said["percent"] = (25, 50, 75, 100)[n // len(KINDS) % 4]
        said["listened"] = 5.0
    elif kind == "speed":
        said["rate"] = 1.5
    elif kind == "pause":
        said["listened"] = 2.5
    return said


async def _poster(
    port: int,
    numbers: itertools.count[int],
    per_body: int,
    until: float,
    latencies: list[float],
    tally: dict[str, int],
    rate: float | None = None,
) -> None:
    """POST events on one connection until ``until``: flat out, or ``rate`` bodies a second on a fixed schedule."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    due = time.perf_counter()
    try:
        while time.perf_counter() < until:
            if rate is not None:
                await asyncio.sleep(max(0.0, due - time.perf_counter()))
                due += 1 / rate
            first = next(numbers)
            for _ in range(per_body - 1):
                next(numbers)
            events = [_event(first + i) for i in range(per_body)]
            body = json.dumps(events[0] if per_body == 1 else events).encode()
            reader_id = first // per_body % READERS  # one body, one reader
            agent = f"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36 reader-{reader_id}"
            head = (
                f"POST /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: {agent}\r\n"
                f"Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {len(body)}\r\n\r\n"
            )
            start = time.perf_counter()
            writer.write(head.encode() + body)
            answer = await reader.readuntil(b"\r\n\r\n")
            length = next(int(v.split(b":", 1)[1]) for v in answer.split(b"\r\n") if v.lower().startswith(b"content-length:"))
            payload = await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if answer.startswith(b"HTTP/1.1 202"):
                tally["sent"] += per_body
                tally["accepted"] += int(json.loads(payload)["accepted"])
            else:
                tally["refused"] += per_body
    finally:
        writer.close()


async def _events(
    port: int, seconds: float, connections: int, per_body: int, start_at: int, rate: float | None = None
) -> tuple[list[float], dict[str, int], float]:
    """Events from ``connections`` connections: flat out, or ``rate`` events a second in all."""
    latencies: list[float] = []
    tally = {"sent": 0, "accepted": 0, "refused": 0}
    numbers = itertools.count(start_at)
    start = time.perf_counter()
    each = None if rate is None else rate / per_body / connections
    await asyncio.gather(*(_poster(port, numbers, per_body, start + seconds, latencies, tally, each) for _ in range(connections)))
    return latencies, tally, time.perf_counter() - start


def events_row(latencies: list[float], tally: dict[str, int], elapsed: float, per_body: int) -> dict[str, object]:
    return {
        "requests": len(latencies),
        "events_per_body": per_body,
        "accepted": tally["accepted"],
        "refused": tally["refused"],
        "events_per_s": tally["accepted"] / elapsed,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
    }


async def _paced_gets(port: int, rate: float, until: float, latencies: list[float], errors: list[str]) -> None:
    """GET the finished item ``rate`` times a second on one connection, each on its schedule."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    request = b"GET /v1/articles/bench-1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    due = time.perf_counter()
    try:
        while due < until:
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            length = next(int(v.split(b":", 1)[1]) for v in head.split(b"\r\n") if v.lower().startswith(b"content-length:"))
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            if not head.startswith(b"HTTP/1.1 200"):
                errors.append(head.split(b"\r\n", 1)[0].decode())
            due += 1 / rate
    finally:
        writer.close()


def both(
    server: Server, seconds: float, connections: int, per_body: int, start_at: int
) -> tuple[dict[str, object], dict[str, object]]:
    """Events at the target rate and cached GETs at :data:`GET_RATE`, at the same time, on separate connections."""

    async def run() -> tuple[tuple[list[float], dict[str, int], float], list[float], list[str]]:
        gets: list[float] = []
        errors: list[str] = []
        until = time.perf_counter() + seconds
        getting = [asyncio.create_task(_paced_gets(server.port, GET_RATE / 4, until, gets, errors)) for _ in range(4)]
        posted = await _events(server.port, seconds, connections, per_body, start_at, TARGET_EVENTS)
        await asyncio.gather(*getting)
        return posted, gets, errors

    (latencies, tally, elapsed), gets, errors = asyncio.run(run())
    get_row = {
        "requests": len(gets),
        "errors": len(errors),
        "rps": len(gets) / seconds,
        "p50_ms": percentile(gets, 0.50) * 1000,
        "p99_ms": percentile(gets, 0.99) * 1000,
    }
    return events_row(latencies, tally, elapsed, per_body), get_row


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="timed load per case (default 10)")
    parser.add_argument("--connections", type=int, default=16, help="keep-alive connections posting events (default 16)")
    parser.add_argument("--events-per-body", type=int, default=1, help="events per POST body, 1 to 50 (default 1, the player's)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="khulasa-bench-") as folder:
        data_dir = Path(folder)
        prepare(data_dir)
        add_articles(data_dir)
        server = Server(data_dir, run_jobs="false", events_per_minute="120")
        try:
            alone = measure(server, "/v1/articles/bench-1", args.seconds, 4)
            get_alone = {"case": "GET /v1/articles/{id} (cached), alone, flat out", **alone}
            latencies, tally, elapsed = asyncio.run(_events(server.port, args.seconds, args.connections, args.events_per_body, 0))
            flat_out = events_row(latencies, tally, elapsed, args.events_per_body)
            events_alone = {"case": "POST /v1/events, alone, flat out", **flat_out}
            mixed_events, mixed_gets = both(server, args.seconds, args.connections, args.events_per_body, 10_000_000)
            events_mixed = {"case": f"POST /v1/events, {TARGET_EVENTS:.0f}/s with GETs", **mixed_events}
            get_mixed = {"case": f"GET /v1/articles/{{id}} (cached), {GET_RATE}/s with events", **mixed_gets}
        finally:
            server.stop()  # SIGTERM: the server writes what is queued before it exits
        settings = config.load(environ={}, data_dir=str(data_dir))
        engine = database.connect(settings)
        try:
            stored = listening.raw_count(engine)
            today = listening.report(engine, None, None)["total"]
        finally:
            engine.dispose()

    accepted = int(events_alone["accepted"]) + int(events_mixed["accepted"])  # type: ignore[call-overload]
    counted = today["impressions"] + today["plays"] + today["q25"] + today["q50"] + today["q75"] + today["q100"]
    counted += today["speed_changes"] + today["downloads"] + today["errors"]
    pauses = stored - counted  # pause events add seconds heard, no count
    rows = [get_alone, events_alone, events_mixed, get_mixed]
    print(f"{'case':52} {'req/s':>8} {'events/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'refused':>8}")
    for row in rows:
        rps = row.get("rps", row.get("requests", 0) / args.seconds)
        print(
            f"{row['case']:52} {rps:8.0f} {row.get('events_per_s', 0):9.0f} {row['p50_ms']:8.2f} {row['p99_ms']:8.2f}"
            f" {row.get('refused', row.get('errors', 0)):8}"
        )
    lost = accepted - stored
    print(f"accepted (202, counted by the client): {accepted}; rows in listening_events: {stored}; lost: {lost}")
    print(f"in the daily figures: {counted} counted events + {pauses} pauses (seconds heard only)")
    capacity = float(events_alone["events_per_s"])  # type: ignore[arg-type]
    paced = float(events_mixed["events_per_s"])  # type: ignore[arg-type]
    paced_p99 = float(events_mixed["p99_ms"])  # type: ignore[arg-type]
    get_kept = float(get_mixed["p99_ms"]) <= GET_TARGET_P99_MS  # type: ignore[arg-type]  # the API's own target, bench/api_load.py
    met = capacity >= TARGET_EVENTS and paced >= 0.97 * TARGET_EVENTS and paced_p99 <= TARGET_P99_MS and lost == 0 and get_kept
    print(
        f"target: ≥ {TARGET_EVENTS:.0f} events/s at p99 ≤ {TARGET_P99_MS:.0f} ms"
        f" with cached GETs at p99 ≤ {GET_TARGET_P99_MS:.0f} ms, none lost → {'met' if met else 'NOT met'}"
        f" (flat out {capacity:.0f} events/s; at {paced:.0f}/s p99 {paced_p99:.1f} ms,"
        f" GET p99 {get_mixed['p99_ms']:.1f} ms beside them, {get_alone['p99_ms']:.1f} ms alone)"
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "cases": rows,
        "accepted": accepted,
        "stored": stored,
        "lost": lost,
        "target": {"events_per_s": TARGET_EVENTS, "p99_ms": TARGET_P99_MS, "met": met},
        "seconds": args.seconds,
        "connections": args.connections,
        "events_per_body": args.events_per_body,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
    }
    (RESULTS / "events_load.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
