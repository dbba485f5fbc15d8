"""How fast the verbalizer reads news text, and what it leaves for a voice to trip on.

Reads the seed article and summary and the EASC articles from
../shared/data in place (override with KHULASA_SHARED_DATA), cuts them into
40-word pieces (the length of a summary bullet), and runs each piece through:

- ``raw``: nothing (what a voice would get without a verbalizer);
- ``naive``: every digit run replaced by its nominative masculine cardinal,
  the most a digit-to-words library gives;
- ``verbalize``: khulasa.speech.verbalize.

For each it prints the CPU milliseconds per 40-word piece (mean and 95th
percentile; CPU time, because wall time on a shared machine measures the
neighbours) and what is left in the output that a voice skips or misreads:
digits, all-capital Latin acronyms, and symbols (% $ € £ ° # & + = @ /).

    .venv/bin/python bench/verbalize.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from khulasa.arabic.numbers_to_words import cardinal
from khulasa.speech.verbalize import verbalize
from shared_data import DATA

RESULTS = Path(__file__).resolve().parent / "results"
PIECE_WORDS = 40

_DIGITS = re.compile(r"\d")
_ACRONYMS = re.compile(r"(?<![A-Za-z])[A-Z]{2,}(?![A-Za-z])")
_SYMBOLS = re.compile(r"[%٪$€£°#&+=@/]")
_DIGIT_RUN = re.compile(r"[0-9]+")


def _texts() -> list[str]:
    texts = [(DATA / "seed" / name).read_text(encoding="utf-8") for name in ("article.txt", "summary.txt")]
    with (DATA / "summaries" / "easc_wikipedia.jsonl").open(encoding="utf-8") as handle:
        texts.extend(json.loads(line)["article"] for line in handle if line.strip())
    return texts


def _pieces(texts: list[str]) -> list[str]:
    pieces = []
    for text in texts:
        for line in text.splitlines():
            words = line.split()
            pieces.extend(" ".join(words[i : i + PIECE_WORDS]) for i in range(0, len(words), PIECE_WORDS))
    return [p for p in pieces if p]


def _naive(text: str) -> str:
    ascii_digits = text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    return _DIGIT_RUN.sub(lambda m: cardinal(int(m.group())) if len(m.group()) <= 15 else m.group(), ascii_digits)


def _measure(name: str, read: Callable[[str], str], pieces: list[str], repeats: int) -> dict[str, object]:
    times = []
    left = {"digits": 0, "acronyms": 0, "symbols": 0}
    for piece in pieces:
        runs = []
        for _ in range(repeats):
            start = time.process_time()
            spoken = read(piece)
            runs.append((time.process_time() - start) * 1000)
        times.append(min(runs))
        left["digits"] += len(_DIGITS.findall(spoken))
        left["acronyms"] += len(_ACRONYMS.findall(spoken))
        left["symbols"] += len(_SYMBOLS.findall(spoken))
    times.sort()
    return {
        "system": name,
        "ms_mean": statistics.fmean(times),
        "ms_p95": times[int(0.95 * (len(times) - 1))],
        **left,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="runs per piece; the fastest counts (default: 5)")
    args = parser.parse_args()
    pieces = _pieces(_texts())
    rows = [
        _measure("raw", lambda text: text, pieces, args.repeats),
        _measure("naive", _naive, pieces, args.repeats),
        _measure("verbalize", verbalize, pieces, args.repeats),
    ]
    print(f"{len(pieces)} pieces of up to {PIECE_WORDS} words (seed article and summary, EASC articles)\n")
    print("| system | ms/piece mean | ms/piece p95 | digits left | acronyms left | symbols left |")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['system']} | {row['ms_mean']:.3f} | {row['ms_p95']:.3f} | {row['digits']} "
            f"| {row['acronyms']} | {row['symbols']} |"
        )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "verbalize.json"
    out.write_text(json.dumps({"pieces": len(pieces), "piece_words": PIECE_WORDS, "rows": rows}, indent=2), encoding="utf-8")
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
