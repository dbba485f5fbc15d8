"""How long the pronunciation dictionary takes per bullet, with 10, 1,000 and 10,000 entries (target: ≤ 5 ms).

Bullets: the seed summary's bullets and the EASC reference summaries from
../shared/data (read in place; KHULASA_SHARED_DATA points elsewhere), cut
into 30-word pieces, the length of a summary bullet.

Dictionaries: Khulasa's starter entries, then terms taken from the words and
two- and three-word phrases of the EASC and ARGEn articles (so many of them
do occur in the bullets and are replaced, the costly case), with one Latin
term in ten made up (a Latin term is also indexed as the verbalizer spells
it, which costs at build time). Each say is the term with a fatha after its
first letter.

For each size it prints the CPU milliseconds per bullet (mean and 95th
percentile, fastest of ``--repeats`` runs) of what runs before the
diacritizer: ``verbalize`` alone (the baseline, no dictionary) and
``verbalize`` then ``Lexicon.apply``; the dictionary's own share; how many
terms were replaced; and the time to build the dictionary (once per version,
cached by the service).

    PYTHONPATH=src .venv/bin/python bench/lexicon.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from khulasa.speech.lexicon import TERM_WORDS, Entry, Lexicon, starter, term_key, words
from khulasa.speech.verbalize import verbalize
from shared_data import DATA

RESULTS = Path(__file__).resolve().parent / "results"
BULLET_WORDS = 30
SIZES = (10, 1_000, 10_000)


def _jsonl(name: str) -> list[dict[str, object]]:
    with (DATA / "summaries" / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _bullets() -> list[str]:
    texts = [line for line in (DATA / "seed" / "summary.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in _jsonl("easc_wikipedia.jsonl"):
        texts.extend(str(s) for s in row["summaries"])  # type: ignore[attr-defined]
    pieces = []
    for text in texts:
        found = text.lstrip("-• ").split()
        pieces.extend(" ".join(found[i : i + BULLET_WORDS]) for i in range(0, len(found), BULLET_WORDS))
    return [p for p in pieces if len(p.split()) >= 5]


def _lexicon(size: int, rng: random.Random) -> list[Entry]:
    """``size`` entries with distinct terms: the starter's first, then terms from the articles, one in ten Latin."""
    articles = [str(row["article"]) for row in _jsonl("easc_wikipedia.jsonl") + _jsonl("argen_headlines_train.jsonl")]
    chosen: dict[str, Entry] = {}
    for entry in starter():
        if len(chosen) < size:
            chosen[term_key(entry.term)] = entry
    letters = "abcdefghijklmnopqrstuvwxyz"
    while len(chosen) < size:
        if rng.random() < 0.1:
            term = "".join(rng.choice(letters) for _ in range(rng.randint(3, 8))).capitalize()
            say = "تِ" + "ك" * rng.randint(1, 3)
        else:
            found = words(rng.choice(articles))
            length = rng.choice((1, 1, 1, 2, 3))
            start = rng.randrange(max(len(found) - length, 1))
            phrase = [w for w in found[start : start + length] if w.isalpha() and len(w) >= 3][:TERM_WORDS]
            if not phrase:
                continue
            term = " ".join(phrase)
            say = term[0] + "\u064e" + term[1:]
        key = term_key(term)
        if key and key not in chosen:
            chosen[key] = Entry(term, say)
    return list(chosen.values())


def _per_bullet(read: Callable[[str], str], bullets: list[str], repeats: int) -> list[float]:
    times = []
    for bullet in bullets:
        runs = []
        for _ in range(repeats):
            start = time.process_time()
            read(bullet)
            runs.append((time.process_time() - start) * 1000)
        times.append(min(runs))
    return sorted(times)


def _row(name: str, times: list[float]) -> dict[str, float | str]:
    return {"system": name, "ms_mean": statistics.fmean(times), "ms_p95": times[int(0.95 * (len(times) - 1))]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="runs per bullet; the fastest counts (default: 3)")
    args = parser.parse_args()
    bullets = _bullets()
    rng = random.Random(13)
    rows: list[dict[str, float | str]] = [_row("verbalize (no dictionary)", _per_bullet(verbalize, bullets, args.repeats))]
    spoken = [verbalize(b) for b in bullets]
    for size in SIZES:
        entries = _lexicon(size, rng)
        started = time.process_time()
        lexicon = Lexicon(entries, version=1)
        built = (time.process_time() - started) * 1000
        replaced = sum(len(lexicon.found(text)) for text in spoken)
        both = _per_bullet(lambda text, lexicon=lexicon: lexicon.apply(verbalize(text)), bullets, args.repeats)
        row = _row(f"verbalize + {size:,} entries", both)
        alone = _row("apply", _per_bullet(lexicon.apply, spoken, args.repeats))
        row.update(apply_ms_mean=alone["ms_mean"], apply_ms_p95=alone["ms_p95"], replaced=replaced, build_ms=built)
        rows.append(row)
    print(f"{len(bullets)} bullets of up to {BULLET_WORDS} words (seed summary, EASC reference summaries); CPU ms per bullet\n")
    print("| what runs | ms/bullet mean | ms/bullet p95 | dictionary alone mean / p95 | terms replaced | build ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        extra = (
            f"{row['apply_ms_mean']:.3f} / {row['apply_ms_p95']:.3f} | {row['replaced']} | {row['build_ms']:.0f}"
            if "apply_ms_mean" in row
            else "– | – | –"
        )
        print(f"| {row['system']} | {row['ms_mean']:.3f} | {row['ms_p95']:.3f} | {extra} |")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "lexicon.json"
    out.write_text(json.dumps({"bullets": len(bullets), "bullet_words": BULLET_WORDS, "rows": rows}, indent=2), encoding="utf-8")
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
