"""The whole article read aloud by the worker: time and peak memory at 1,500 and 10,000 words.

Each size runs in a fresh Python process pinned to one core
(``os.sched_setaffinity``), through the worker's own path: ``work.make``
with ``narrate="article"`` into a directory blob store in a temporary
folder, so the time includes cleaning, the summary, every voice call (the
default voice, eSpeak NG, in its child process), mastering, encoding MP3
and Ogg Opus into temporary files, hashing and keeping them. The article is
Khulasa's own example article repeated to the size (whole copies, so the
paragraphs are real news paragraphs; no shared data involved).

Per run: wall time of the article audio stage and of the whole job, the
audio's length, and peak resident memory from ``resource.getrusage``: of the
worker process itself (RUSAGE_SELF) and of the voice's child processes
(RUSAGE_CHILDREN; 0 while the isolation's child is still alive when the job
ends). Targets: ≤ 10 s for 1,500 words; the worker's peak memory flat with
length: what grows from 1,500 to 10,000 words is the timings (a segment per
word, ~1.5 MB per 1,000 words), under a quarter of the audio files' size,
which a worker holding the audio would add whole.
Writes bench/results/article_audio.json.

    .venv/bin/python bench/article_audio.py [--sizes 1500 10000] [--formats mp3 ogg] [--core 0]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "src" / "khulasa" / "examples" / "desalination.txt"
TARGET_SECONDS = 10.0


def article_of(words: int) -> str:
    """The example article repeated, whole copies, until it has at least ``words`` words."""
    article = EXAMPLE.read_text(encoding="utf-8").strip()
    copies = max(1, -(-words // len(article.split())))
    return "\n\n".join([article] * copies)


def child(words: int, formats: list[str], core: int) -> dict[str, Any]:
    """One job in this process, pinned to ``core``; what it cost."""
    os.sched_setaffinity(0, {core})
    from khulasa import config
    from khulasa.jobs import work
    from khulasa.jobs.metrics import StageTimes
    from khulasa.model import Article
    from khulasa.store.blobs import DirectoryBlobStore

    text = article_of(words)
    times = StageTimes()
    with tempfile.TemporaryDirectory() as folder:
        blobs = DirectoryBlobStore(Path(folder) / "blobs")
        started = time.perf_counter()
        settings = config.load(environ={}, narrate="article", article_formats=",".join(formats))  # as KHULASA_ARTICLE_FORMATS
        made = work.make(Article(text=text), settings, blobs, times)
        seconds = time.perf_counter() - started
    assert made is not None and made.article_narration is not None and "duration" in made.article_narration
    stages = {name: round(total, 2) for name, (total, _runs) in times.snapshot().items()}
    return {
        "words": len(text.split()),
        "formats": formats,
        "seconds": round(seconds, 2),
        "stages": stages,
        "audio_seconds": round(made.article_narration["duration"], 1),
        "paragraphs": made.article_narration["paragraphs"],
        "files_mb": {f.extension: round(f.size / 1e6, 2) for f in made.files if f.audio == "article"},
        "worker_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "voice_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def run(words: int, formats: list[str], core: int) -> dict[str, Any]:
    """:func:`child` in a fresh Python process."""
    command = [sys.executable, __file__, "--child", str(words), "--formats", *formats, "--core", str(core)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if done.returncode:
        raise SystemExit(f"the {words}-word run failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1500, 10000])
    parser.add_argument("--formats", nargs="+", default=["mp3"], choices=["mp3", "ogg"], help="the default is the service's")
    parser.add_argument("--core", type=int, default=0)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.formats, args.core)))
        return
    rows = [run(words, args.formats, args.core) for words in args.sizes]
    print(f"{'words':>6} {'formats':>8} {'job s':>7} {'audio s':>8} {'x real':>6} {'worker MB':>10} {'voice MB':>9}")
    for row in rows:
        print(
            f"{row['words']:>6} {'+'.join(row['formats']):>8} {row['seconds']:>7.1f} {row['audio_seconds']:>8.0f}"
            f" {row['audio_seconds'] / row['seconds']:>6.0f} {row['worker_peak_mb']:>10.0f} {row['voice_peak_mb']:>9.0f}"
        )
    first = rows[0]
    checks = {"1500_words_within_10_s": first["seconds"] <= TARGET_SECONDS}
    if len(rows) > 1:
        growth = rows[-1]["worker_peak_mb"] - first["worker_peak_mb"]
        per_1000 = growth / (rows[-1]["words"] - first["words"]) * 1000
        span = f"from {first['words']} to {rows[-1]['words']} words"
        print(f"worker peak memory grows {growth:.1f} MB {span} ({per_1000:.2f} MB per 1,000 words)")
        audio_mb = sum(mb for extension, mb in rows[-1]["files_mb"].items() if extension in ("mp3", "ogg"))
        print(f"the longest run's audio files: {audio_mb:.0f} MB, none of it held by the worker")
        # flat: what grows is the timings (a segment per word), a small share of the audio a worker holding it would keep
        checks["memory_flat"] = growth < 0.25 * audio_mb
    print("checks:", ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in checks.items()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"machine": platform.machine(), "python": platform.python_version(), "core": args.core}
    report |= {"runs": rows, "checks": checks}
    name = "article_audio.json" if args.formats == ["mp3", "ogg"] else f"article_audio_{'_'.join(args.formats)}.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
