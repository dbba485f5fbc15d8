"""Speed of the default engine: split + summarize, milliseconds per article, one core.

Runs every EASC-Wikipedia article through the sentence splitter and the
extractive engine (the work ``khulasa summarize`` does per article after
reading it) in this single process, after warming up on the example article
that ships with Khulasa: the first round meets every EASC article for the
first time, as a batch job would; later rounds (``--rounds``) see them again. Reports the
median and 95th percentile, and the splitter's share, with the target (≤ 20
ms median) beside them. Writes bench/results/speed.json.

    .venv/bin/python bench/speed.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

from khulasa import config
from khulasa.arabic import sentences as splitter
from khulasa.arabic.tokens import word_count
from khulasa.model import Article
from khulasa.summarize.extractive import ExtractiveEngine
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGET_MS = 20.0


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1, help="timed passes over the set (default 1)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    path = DATA / "summaries" / "easc_wikipedia.jsonl"
    with path.open(encoding="utf-8") as handle:
        texts = [json.loads(line)["article"] for line in handle if line.strip()]
    engine = ExtractiveEngine(config.load(environ={}))
    example = ROOT / "src" / "khulasa" / "examples" / "desalination.txt"
    for _ in range(3):  # warm-up: imports, regex compilation; not on the timed set
        engine.summarize(Article(text=example.read_text(encoding="utf-8")), 2)

    total: list[float] = []
    split_only: list[float] = []
    for _ in range(args.rounds):
        for text in texts:
            start = time.perf_counter()
            splitter.split(text)
            split_only.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            engine.summarize(Article(text=text), 2)  # splits, then summarizes
            total.append((time.perf_counter() - start) * 1000)

    result = {
        "articles": len(texts),
        "rounds": args.rounds,
        "mean_words": statistics.mean(word_count(t) for t in texts),
        "median_ms": statistics.median(total),
        "p95_ms": percentile(total, 0.95),
        "split_median_ms": statistics.median(split_only),
        "target_median_ms": TARGET_MS,
        "python": platform.python_version(),
    }
    print(f"EASC-Wikipedia: {len(texts)} articles x {args.rounds} rounds, mean {result['mean_words']:.0f} words, one core")
    print(f"{'stage':<26}{'median ms':>10}{'p95 ms':>10}")
    print(f"{'split only':<26}{result['split_median_ms']:>10.2f}{percentile(split_only, 0.95):>10.2f}")
    print(f"{'split + summarize':<26}{result['median_ms']:>10.2f}{result['p95_ms']:>10.2f}")
    verdict = "meets" if result["median_ms"] <= TARGET_MS else "misses"
    print(f"target: median ≤ {TARGET_MS:.0f} ms — {verdict}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "speed.json"
    out.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
