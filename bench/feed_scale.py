"""How the feeds' query grows with the archive: milliseconds for the newest 50 finished items.

Builds SQLite archives of 1,000, 10,000 and 100,000 finished items (rows
written straight into a migrated database in a temporary folder: one version
with a two-bullet summary and an MP3 row each), then times
``store.articles.finished(engine, 50, with_audio=True)``, what every
``GET /v1/feed.xml`` runs. Compared in the same run: the same query on the
same archive without the two indexes migration 0004 adds (as release 0003
left it), where SQLite sorts every finished item on each request. Writes
bench/results/feed_scale.json.

    .venv/bin/python bench/feed_scale.py [--sizes 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from khulasa import config
from khulasa.store import articles as store
from khulasa.store import database
from khulasa.store.schema import articles, files, versions

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
SUMMARY = {"bullets": [{"text": "البند الأول من الملخص", "sources": [0]}, {"text": "البند الثاني", "sources": [1]}]}


def archive(engine: sa.Engine, n: int) -> None:
    """``n`` finished items with an MP3 each, published over the last eleven days."""
    now = time.time()
    rng = random.Random(n)
    with engine.begin() as conn:
        conn.execute(
            articles.insert(),
            [
                {
                    "id": i,
                    "external_id": f"item-{i}",
                    "state": "done",
                    "version_id": i,
                    "done_version_id": i,
                    "title": "عنوان",
                    "language": "ar",
                    "metadata": {},
                    "created_at": now - i,
                    "updated_at": now - i,
                }
                for i in range(1, n + 1)
            ],
        )
        conn.execute(
            versions.insert(),
            [
                {
                    "id": i,
                    "article_id": i,
                    "number": 1,
                    "content_hash": f"{i:064x}",
                    "text": "نص المقال",
                    "created_at": now - rng.random() * 1e6,
                    "summary": SUMMARY,
                    "narration": {"duration": 20.0},
                }
                for i in range(1, n + 1)
            ],
        )
        conn.execute(
            files.insert(),
            [
                {"version_id": i, "extension": "mp3", "media_type": "audio/mpeg", "blob": f"{i:064x}.mp3", "size": 90_000}
                for i in range(1, n + 1)
            ],
        )


def without_indexes(engine: sa.Engine) -> None:
    """The archive as release 0003 left it: no index to walk the newest versions by."""
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX ix_versions_created_at")
        conn.exec_driver_sql("DROP INDEX ix_articles_done_version_id")


def timed(run: object, repeats: int = 7) -> float:
    """Median milliseconds of ``run()`` after one warm-up call."""
    assert callable(run)
    run()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="archive sizes to build and time")
    args = parser.parse_args()
    rows = []
    print(f"{'items':>8}{'with indexes ms':>18}{'without (0003) ms':>20}")
    for n in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            engine = database.connect(config.load(environ={}, data_dir=folder))
            try:
                archive(engine, n)
                ours = timed(lambda: store.finished(engine, 50, with_audio=True))  # noqa: B023 (called here, in this pass)
                without_indexes(engine)
                before = timed(lambda: store.finished(engine, 50, with_audio=True))  # noqa: B023
            finally:
                engine.dispose()
        rows.append({"items": n, "with_indexes_ms": ours, "without_indexes_ms": before})
        print(f"{n:>8}{ours:>18.2f}{before:>20.2f}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "feed_scale.json"
    out.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
