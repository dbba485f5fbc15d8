"""The Arabic text core on public text: sentence shapes and speed of split + terms.

There is no gold sentence segmentation for these sets, so the table shows
what can be checked without one, for Khulasa's splitter and, in the same
run, a naive baseline (one paragraph per line, a break after every
. ! ? ؟ followed by a space): sentence counts, how many "sentences" are
fragments of at most three words or run-ons over 60 words, subheadings and
credits found, and milliseconds per article for split + terms (the
splitter's share of the summarizer's 20 ms budget; the brief asks for well
under 2 ms on a 330-word article). Writes bench/results/splitter.json.

    .venv/bin/python bench/splitter.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from khulasa.arabic import sentences, tokens
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

_NAIVE_END = re.compile(r"(?<=[.!?؟])\s+")


def naive(text: str) -> list[str]:
    """Baseline: every line a paragraph, a sentence break after . ! ? ؟ and a space."""
    return [piece.strip() for line in text.splitlines() for piece in _NAIVE_END.split(line) if piece.strip()]


def khulasa(text: str) -> list[str]:
    return [sentence.text for sentence in sentences.split(text)]


def load(name: str) -> list[str]:
    if name == "seed":
        return [(DATA / "seed" / "article.txt").read_text(encoding="utf-8")]
    with (DATA / "summaries" / name).open(encoding="utf-8") as handle:
        return [json.loads(line)["article"] for line in handle if line.strip()]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure(split: Callable[[str], list[str]], texts: list[str], rounds: int) -> dict[str, float | int]:
    lengths = [tokens.word_count(piece) for text in texts for piece in split(text)]
    timings: list[float] = []
    for _ in range(rounds * max(1, 300 // len(texts))):  # at least ~300 timed articles per round
        for text in texts:
            start = time.perf_counter()
            for piece in split(text):
                tokens.terms(piece)
            timings.append((time.perf_counter() - start) * 1000)
    return {
        "sentences": len(lengths),
        "median_words": statistics.median(lengths),
        "fragments_le3": sum(1 for n in lengths if n <= 3),
        "runons_gt60": sum(1 for n in lengths if n > 60),
        "max_words": max(lengths),
        "ms_median": round(statistics.median(timings), 3),
        "ms_p95": round(percentile(timings, 0.95), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over each set (default 3)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rows = []
    for name in ("seed", "easc_wikipedia.jsonl", "argen_headlines_valid.jsonl"):
        texts = load(name)
        for text in texts:  # warm-up
            khulasa(text)
        extra = {"articles": len(texts), "words_per_article": round(statistics.mean(map(tokens.word_count, texts)))}
        found = {
            "headings": sum(s.heading for text in texts for s in sentences.split(text)),
            "credits": sum(sentences.strip_credit(text)[1] is not None for text in texts),
        }
        unknown = {"headings": "-", "credits": "-"}  # the baseline finds neither
        rows.append({"set": name, "system": "naive", **extra, **unknown, **measure(naive, texts, args.rounds)})
        rows.append({"set": name, "system": "khulasa", **extra, **found, **measure(khulasa, texts, args.rounds)})
    header = (
        *("set", "system", "articles", "words_per_article", "sentences", "median_words"),
        *("fragments_le3", "runons_gt60", "max_words", "headings", "credits", "ms_median", "ms_p95"),
    )
    print(" | ".join(header))
    for row in rows:
        print(" | ".join(str(row[key]) for key in header))
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {"rows": rows, "python": platform.python_version(), "machine": platform.machine(), "load": os.getloadavg()}
    (RESULTS / "splitter.json").write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"wrote {RESULTS / 'splitter.json'}")


if __name__ == "__main__":
    main()
