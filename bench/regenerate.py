"""Only what changed is made again: re-making a three-bullet box after one bullet was edited, against making it whole.

For each of the first N articles of the EASC set (read in place from the
shared data, see ``shared_data.py``), the extractive engine makes a
three-bullet box; an editor's edit is simulated by dropping the last word
of bullet 2. In one warm process (voice loaded, codecs measured once),
with the service's settings (voice and diacritizer in their own process):

- **whole**: the box made with an empty spoken-piece cache, every bullet
  spoken, mastered and encoded;
- **edited**: the cache holding the box as it was (made untimed just
  before), the edited box made: bullet 2 spoken, mastered and encoded,
  bullets 1 and 3 read from the cache, the MP3 encoded and the Ogg spliced;
- **before**: for reference, the box as the pipeline made it before the
  cache (mastered and encoded as one recording, nothing kept).

Each is repeated and the median taken; the ratio edited/whole is the
figure the issue asks for (target ≤ 40 %). Formats are the job's: MP3 and
Ogg Opus (``--formats mp3`` for MP3 alone).

    KHULASA_SHARED_DATA=/work/shared/data PYTHONPATH=src .venv/bin/python bench/regenerate.py [--articles 5] [--repeats 5]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from khulasa import config, pipeline
from khulasa.model import Article, Bullet, Summary
from khulasa.speech import audio
from shared_data import DATA


def boxes(count: int) -> list[tuple[str, tuple[str, ...]]]:
    """(id, three bullets) for the first ``count`` EASC articles that give three bullets."""
    settings = replace(config.load(environ={}), bullets=3)
    found: list[tuple[str, tuple[str, ...]]] = []
    with (DATA / "summaries" / "easc_wikipedia.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            summary = pipeline.summarize(Article(text=row["article"]), settings)
            if len(summary.bullets) == 3:
                found.append((row["id"], tuple(b.text for b in summary.bullets)))
            if len(found) == count:
                break
    return found


def edited(bullets: tuple[str, ...]) -> tuple[str, ...]:
    """Bullet 2 with its last word dropped (an editor's trim), the full stop kept."""
    words = bullets[1].rstrip(".").split()
    return (bullets[0], " ".join(words[:-1]) + ".", bullets[2])


def summary_of(bullets: tuple[str, ...]) -> Summary:
    return Summary(tuple(Bullet(text, (i,)) for i, text in enumerate(bullets)), (), "editor")


def timed(work: Callable[..., object], *args: object) -> float:
    started = time.perf_counter()
    work(*args)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--formats", default="mp3,ogg")
    parser.add_argument("--in-process", action="store_true", help="run the voice in this process (isolate_native off)")
    args = parser.parse_args()
    formats = tuple(args.formats.split(","))
    folder = Path(tempfile.mkdtemp(prefix="khulasa-regenerate-"))
    settings = replace(config.load(environ={}), data_dir=str(folder), isolate_native=not args.in_process)
    cache = folder / "cache"
    rows = []
    try:
        for name, bullets in boxes(args.articles):
            changed = edited(bullets)
            pipeline.narrate(summary_of(bullets), settings, formats)  # warm: voice built, codecs measured
            whole, edit, before = [], [], []
            for _ in range(args.repeats):
                shutil.rmtree(cache, ignore_errors=True)
                whole.append(timed(pipeline.narrate, summary_of(changed), settings, formats))
                shutil.rmtree(cache, ignore_errors=True)
                pipeline.narrate(summary_of(bullets), settings, formats)  # the box as it was, cached
                edit.append(timed(pipeline.narrate, summary_of(changed), settings, formats))
                uncached = replace(settings, speech_cache_mb=0)
                before.append(timed(pipeline._narrate, list(changed), "bullet", uncached, formats))
            made = pipeline.narrate(summary_of(changed), settings, formats)
            checks = [audio.measure(f) for f in made.files]
            row = {
                "id": name,
                "seconds_of_audio": round(made.duration, 2),
                "whole_ms": round(1000 * statistics.median(whole), 1),
                "edited_ms": round(1000 * statistics.median(edit), 1),
                "before_ms": round(1000 * statistics.median(before), 1),
                "loudness": [round(m.loudness, 2) for m in checks],
                "true_peak": [round(m.true_peak, 2) for m in checks],
            }
            row["ratio"] = round(row["edited_ms"] / row["whole_ms"], 3)
            rows.append(row)
            print(
                f"{name:<14} {row['seconds_of_audio']:6.1f} s audio  whole {row['whole_ms']:7.1f} ms  "
                f"edited {row['edited_ms']:7.1f} ms  ratio {row['ratio']:.0%}  (before the cache: {row['before_ms']:.1f} ms; "
                f"LUFS {row['loudness']}, dBTP {row['true_peak']})"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    whole_ms = statistics.median(r["whole_ms"] for r in rows)
    edited_ms = statistics.median(r["edited_ms"] for r in rows)
    print(
        f"\nmedian over {len(rows)} boxes ({', '.join(formats)}, voice {'in process' if args.in_process else 'isolated'}, "
        f"{args.repeats} repeats each): whole {whole_ms:.1f} ms, one bullet edited {edited_ms:.1f} ms, "
        f"ratio {edited_ms / whole_ms:.0%} (target <= 40 %)"
    )


if __name__ == "__main__":
    main()
