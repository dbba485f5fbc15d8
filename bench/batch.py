"""Feed reading and batch throughput.

Feeds: a composed RSS feed and a WordPress posts answer of N items (default
10,000), parsed by ``khulasa.ingest.feeds``; the baseline in the same run is
``feedparser.parse`` with its defaults (HTML sanitizer and relative-URI
resolution on), which ingest turns off because entry HTML only ever goes to
the extractor.

Batch: the ARGEn validation articles (``summaries/argen_headlines_valid.jsonl``
in ../shared/data, read in place) through ``batch.run`` without audio, with
one worker process and with two, then a rerun (every item skipped by the
manifest), then the first few articles with audio. The machine is shared, so
the figures are wall-clock times of one run each, not a controlled benchmark.

    .venv/bin/python bench/batch.py [--items 10000] [--audio 3]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from functools import partial
from pathlib import Path

import feedparser

from khulasa import batch, config
from khulasa.ingest.feeds import parse_feed, parse_wordpress
from shared_data import DATA

RESULTS = Path(__file__).resolve().parent / "results"


def rss(items: int) -> str:
    """A feed in the shape news sites publish: title, link, guid, date, a paragraph of HTML."""
    entries = "".join(
        f"<item><title>خبر اقتصادي رقم {n}</title><link>https://news.example/economy/{n}</link>"
        f"<guid isPermaLink='false'>economy-{n}</guid><pubDate>Sun, 29 Nov 2026 09:30:00 +0300</pubDate>"
        f"<description><![CDATA[<p>ارتفعت صادرات البلاد في الربع الثالث بنسبة {n % 40}% مقارنة بالعام الماضي، "
        f"بحسب بيان لوزارة الصناعة والتجارة <a href='/stats/{n}'>التفاصيل</a>.</p>]]></description></item>"
        for n in range(items)
    )
    return f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>اقتصاد</title>{entries}</channel></rss>"


def wordpress(items: int) -> str:
    posts = [
        {
            "id": n,
            "link": f"https://news.example/?p={n}",
            "date_gmt": "2026-11-29T06:30:00",
            "title": {"rendered": f"خبر اقتصادي رقم {n}"},
            "content": {"rendered": f"<p>ارتفعت صادرات البلاد في الربع الثالث بنسبة {n % 40}% مقارنة بالعام الماضي.</p>"},
        }
        for n in range(items)
    ]
    return json.dumps(posts, ensure_ascii=False)


def timed(work: object) -> tuple[float, object]:
    start = time.perf_counter()
    result = work()  # type: ignore[operator]
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="items in the composed feeds")
    parser.add_argument("--audio", type=int, default=3, help="articles read aloud in the audio run")
    args = parser.parse_args()
    rows: list[dict[str, object]] = []

    feed_text, posts_text = rss(args.items), wordpress(args.items)
    seconds, feed = timed(lambda: parse_feed(feed_text, "https://news.example/feed"))
    rows.append({"case": f"RSS, {args.items} items: ingest.feeds", "seconds": seconds, "items": len(feed.items)})  # type: ignore[attr-defined]
    seconds, parsed = timed(lambda: feedparser.parse(feed_text))
    baseline = f"RSS, {args.items} items: feedparser defaults (baseline)"
    rows.append({"case": baseline, "seconds": seconds, "items": len(parsed.entries)})  # type: ignore[attr-defined]
    seconds, feed = timed(lambda: parse_wordpress(posts_text, "https://news.example/wp-json/wp/v2/posts"))
    rows.append({"case": f"WordPress, {args.items} posts: ingest.feeds", "seconds": seconds, "items": len(feed.items)})  # type: ignore[attr-defined]

    source = DATA / "summaries" / "argen_headlines_valid.jsonl"
    settings = config.load(environ={})
    with tempfile.TemporaryDirectory() as scratch:
        for workers in (1, 2):
            out = Path(scratch) / f"workers-{workers}"
            seconds, report = timed(partial(batch.run, str(source), out, settings, workers=workers, audio=False, progress=False))
            rows.append(_batch_row(f"batch --no-audio, {workers} worker(s)", seconds, report))
        seconds, report = timed(partial(batch.run, str(source), out, settings, workers=2, audio=False, progress=False))
        rows.append(_batch_row("rerun: everything skipped", seconds, report))
        lines = source.read_text(encoding="utf-8").splitlines()[: args.audio]
        small = Path(scratch) / "audio.jsonl"
        small.write_text("\n".join(lines) + "\n", encoding="utf-8")
        seconds, report = timed(lambda: batch.run(str(small), Path(scratch) / "audio", settings, audio=True, progress=False))
        rows.append(_batch_row(f"batch with audio, {args.audio} articles, 1 worker", seconds, report))

    print(f"{'case':58} {'seconds':>8} {'items':>6} {'per item ms':>12} {'done/skip/fail':>15}")
    for row in rows:
        count = int(row.get("items") or 0)
        per = 1000 * float(row["seconds"]) / count if count else 0.0  # type: ignore[arg-type]
        counts = row.get("counts", "")
        print(f"{row['case']:58} {float(row['seconds']):8.2f} {count:6d} {per:12.1f} {counts!s:>15}")  # type: ignore[arg-type]
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "batch.json").write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _batch_row(case: str, seconds: float, report: object) -> dict[str, object]:
    assert isinstance(report, batch.Report)
    counts = f"{report.count('done')}/{report.count('skipped')}/{report.count('failed')}"
    return {"case": case, "seconds": seconds, "items": len(report.outcomes), "counts": counts}


if __name__ == "__main__":
    main()
