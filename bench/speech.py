"""Speed and loudness of narration: milliseconds per stage, real-time factor, LUFS and dBTP of every output.

Summarizes the seed article and the first ``--articles`` EASC-Wikipedia
articles with ``pipeline.summarize`` (read in place from ../shared/data),
then reads each summary aloud with the configured voice (default: espeak),
pinned to one core. The first narration in the process (eSpeak started, the
diacritizer's model loaded, the codec's level measured) is timed and reported
on its own; every other figure is warm, as a running service sees it:

- ms per stage — verbalize, diacritize, synthesize, master (loudness and
  true-peak limiting), encode (MP3) — wall and CPU, and end to end through
  ``pipeline.narrate``, median of ``--repeats`` runs;
- the decode check the pipeline no longer runs for MP3 (decode + true peak),
  timed beside the stages to show what it would cost;
- real-time factor: narrate time / audio duration;
- integrated loudness and true peak of each MP3, measured decoded, and the
  codec's overshoot (decoded true peak − true peak as mastered), which must
  stay under ``audio.CODEC_HEADROOM`` for MP3 to go out unchecked;
- baseline in the same run: the same speech gain-normalized to −16 LUFS
  with pyloudnorm and encoded without a limiter, to show what the limiter
  and the headroom are for.

Targets: seed summary → MP3 ≤ 150 ms; every output −16 ± 1 LUFS and ≤ −1 dBTP.
Writes bench/results/speech.json.

    .venv/bin/python bench/speech.py [--articles 50] [--repeats 5]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import platform
import statistics
import time
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pyloudnorm

from khulasa import config, isolation, pipeline
from khulasa.model import Article, Summary
from khulasa.speech import audio
from khulasa.speech.diacritics.diacritizers import diacritizer_named
from khulasa.speech.verbalize import verbalize
from khulasa.speech.voices import voice_named
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
TARGET_MS = 150.0
TARGET_LUFS = -16.0


def summaries(settings: config.Settings, count: int) -> list[tuple[str, Summary]]:
    """(id, summary) for the seed article and the first ``count`` EASC articles."""
    seed = (DATA / "seed" / "article.txt").read_text(encoding="utf-8")
    out = [("seed", pipeline.summarize(Article(text=seed), settings))]
    with (DATA / "summaries" / "easc_wikipedia.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if len(out) > count:
                break
            if line.strip():
                record = json.loads(line)
                out.append((record["id"], pipeline.summarize(Article(text=record["article"]), settings)))
    return out


STAGES = ("verbalize", "diacritize", "synthesize", "master", "encode")


class _Clock:
    """Adds wall and CPU milliseconds per stage."""

    def __init__(self) -> None:
        self.wall = dict.fromkeys((*STAGES, "check"), 0.0)
        self.cpu = dict.fromkeys((*STAGES, "check"), 0.0)
        self._stage = ""

    def start(self, stage: str) -> None:
        self._stage, self._wall, self._cpu = stage, time.perf_counter(), time.process_time()

    def stop(self) -> None:
        self.wall[self._stage] += (time.perf_counter() - self._wall) * 1000
        self.cpu[self._stage] += (time.process_time() - self._cpu) * 1000


def staged(summary: Summary, settings: config.Settings, voice: Any, diacritizer: Any) -> dict[str, Any]:
    """One narration with each stage timed, in the pipeline's order (as ``audio.Recording`` does it for MP3)."""
    clock = _Clock()
    pieces = []
    for bullet in summary.bullets:
        clock.start("verbalize")
        spoken = verbalize(bullet.text)
        clock.stop()
        clock.start("diacritize")
        script = diacritizer.diacritize(spoken)
        clock.stop()
        clock.start("synthesize")
        speech = voice.synthesize(script)
        clock.stop()
        pieces.append(speech)
    clock.start("master")
    rate = pieces[0].sample_rate  # MP3 is made at the voice's own rate
    joined: list[np.ndarray] = []
    for k, speech in enumerate(pieces):
        if k:
            joined.append(audio.pause(settings.bullet_pause, rate))
        joined.append(audio.resample(audio.as_samples(speech.samples), speech.sample_rate, rate))
    raw = np.concatenate(joined)
    mastered = audio.master(raw, settings.loudness_lufs, rate=rate)
    clock.stop()
    clock.start("encode")
    (mp3,), _ = audio.deliver(mastered, ["mp3"])
    clock.stop()
    clock.start("check")
    audio.measure(mp3, with_loudness=False)
    clock.stop()
    return {"ms": clock.wall, "cpu_ms": clock.cpu, "raw": raw, "rate": rate, "mp3": mp3}


def baseline(raw: np.ndarray, rate: int) -> audio.Measurement:
    """Gain to −16 LUFS with pyloudnorm, no limiter, straight to MP3: what a naive pipeline ships."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pyloudnorm warns when the gain clips, which is the point here
        level = pyloudnorm.Meter(rate).integrated_loudness(raw.astype(np.float64))
        gained = pyloudnorm.normalize.loudness(raw.astype(np.float64), level, TARGET_LUFS)
    return audio.measure(audio.encode(np.clip(gained, -1, 1).astype(np.float32), "mp3", rate=rate))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=50, help="EASC articles besides the seed (default 50)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per summary; the median is kept (default 5)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    # Every box is made whole: with the spoken-piece cache on, repeats of the same summary would only read it back
    # (bench/regenerate.py measures what the cache saves).
    settings = dataclasses.replace(config.load(), speech_cache_mb=0)
    cases = summaries(settings, args.articles)
    start, start_cpu = time.perf_counter(), time.process_time()
    pipeline.narrate(cases[0][1], settings)  # the first call: models loaded, eSpeak started, codec level measured
    first_ms, first_cpu_ms = (time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000

    # Whole narrations first, as the service makes them (diacritizer and voice in a child process), before
    # this process loads its own models for the staged timings: ONNX Runtime's threads spin for a while after
    # each run, and on the one core the bench is pinned to they would slow the child down.
    narrated = []
    for _ident, summary in cases:
        ends, cpu = [], []
        for _ in range(args.repeats):
            start, start_cpu = time.perf_counter(), time.process_time()
            narration = pipeline.narrate(summary, settings)
            ends.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        narrated.append((ends, cpu, narration))
    isolation.close()  # its idle children would compete for the one core with what follows

    voice = voice_named(settings.voice, settings)
    diacritizer = diacritizer_named(settings.diacritizer, settings)
    rows = []
    for (ident, summary), (ends, cpu, narration) in zip(cases, narrated, strict=True):
        runs = [staged(summary, settings, voice, diacritizer) for _ in range(args.repeats)]
        measured = audio.measure(narration.files[0])
        naive = baseline(runs[0]["raw"], runs[0]["rate"])
        row = {
            "id": ident,
            "bullets": len(summary.bullets),
            "words": sum(len(b.text.split()) for b in summary.bullets),
            "audio_s": narration.duration,
            "ms": {stage: statistics.median(r["ms"][stage] for r in runs) for stage in runs[0]["ms"]},
            "cpu_ms": {stage: statistics.median(r["cpu_ms"][stage] for r in runs) for stage in runs[0]["cpu_ms"]},
            "narrate_ms": statistics.median(ends),
            "narrate_cpu_ms": statistics.median(cpu),
            "narrate_best_ms": min(ends),
            "loudness": measured.loudness,
            "true_peak": measured.true_peak,
            "mastered_true_peak": narration.true_peak,
            "codec_overshoot": measured.true_peak - (narration.true_peak or 0.0),
            "baseline_loudness": naive.loudness,
            "baseline_true_peak": naive.true_peak,
        }
        row["rtf"] = row["narrate_ms"] / 1000 / row["audio_s"]
        rows.append(row)

    # The same narrations with the diacritizer and voice in this process: what the child process costs.
    in_process = replace(settings, isolate_native=False)
    pipeline.narrate(cases[0][1], in_process)  # warm: models loaded here too
    for row, (_ident, summary) in zip(rows, cases, strict=True):
        ends = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            pipeline.narrate(summary, in_process)
            ends.append((time.perf_counter() - start) * 1000)
        row["in_process_narrate_ms"] = statistics.median(ends)

    stages = list(rows[0]["ms"])
    header = f"{'summary':<14}{'words':>6}{'audio s':>8}" + "".join(f"{s[:10]:>11}" for s in stages)
    header += f"{'narrate':>9}{'cpu':>7}{'RTF':>7}{'LUFS':>7}{'dBTP':>7}{'over':>6}{'base LUFS':>10}{'base dBTP':>10}"
    print(f"voice {settings.voice}, diacritizer {settings.diacritizer}, one core, warm, median of {args.repeats} runs "
          f"(ms wall; 'check' is the MP3 decode the pipeline skips)")
    print(header)
    for row in rows:
        line = f"{row['id'][:13]:<14}{row['words']:>6}{row['audio_s']:>8.1f}"
        line += "".join(f"{row['ms'][s]:>11.1f}" for s in stages)
        line += f"{row['narrate_ms']:>9.1f}{row['narrate_cpu_ms']:>7.1f}{row['rtf']:>7.3f}"
        line += f"{row['loudness']:>7.2f}{row['true_peak']:>7.2f}{row['codec_overshoot']:>6.2f}"
        line += f"{row['baseline_loudness']:>10.2f}{row['baseline_true_peak']:>10.2f}"
        print(line)
    easc = rows[1:]
    summary_row = {
        "seed_narrate_ms": rows[0]["narrate_ms"],
        "seed_narrate_cpu_ms": rows[0]["narrate_cpu_ms"],
        "seed_narrate_best_ms": rows[0]["narrate_best_ms"],
        "first_call_ms": first_ms,
        "first_call_cpu_ms": first_cpu_ms,
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "easc_median_narrate_ms": statistics.median(r["narrate_ms"] for r in easc) if easc else None,
        "median_rtf": statistics.median(r["rtf"] for r in rows),
        "stage_median_ms": {s: statistics.median(r["ms"][s] for r in rows) for s in stages},
        "seed_stage_cpu_ms": rows[0]["cpu_ms"],
        "stage_median_cpu_ms": {s: statistics.median(r["cpu_ms"][s] for r in rows) for s in stages},
        "seed_in_process_narrate_ms": rows[0]["in_process_narrate_ms"],
        "isolation_median_overhead_ms": statistics.median(r["narrate_ms"] - r["in_process_narrate_ms"] for r in rows),
        "max_codec_overshoot": max(r["codec_overshoot"] for r in rows),
        "loudness_range": [min(r["loudness"] for r in rows), max(r["loudness"] for r in rows)],
        "max_true_peak": max(r["true_peak"] for r in rows),
        "all_within_loudness": all(abs(r["loudness"] - TARGET_LUFS) <= 1.0 for r in rows),
        "all_under_ceiling": all(r["true_peak"] <= audio.CEILING_DBTP for r in rows),
        "baseline_over_ceiling": sum(r["baseline_true_peak"] > audio.CEILING_DBTP for r in rows),
    }
    print()
    print(f"seed summary → MP3: {summary_row['seed_narrate_ms']:.1f} ms wall (best {summary_row['seed_narrate_best_ms']:.1f}), "
          f"{summary_row['seed_narrate_cpu_ms']:.1f} ms CPU "
          f"(target ≤ {TARGET_MS:.0f} ms) — {'meets' if summary_row['seed_narrate_ms'] <= TARGET_MS else 'misses'}; "
          f"machine load average {summary_row['load_average']}")
    print(f"first call in a process: {first_ms:.0f} ms wall, {first_cpu_ms:.0f} ms CPU (models loaded); all else warm")
    print(f"voice in a child process (default) vs in this process: seed {summary_row['seed_narrate_ms']:.1f} vs "
          f"{summary_row['seed_in_process_narrate_ms']:.1f} ms; median cost of the boundary over all summaries "
          f"{summary_row['isolation_median_overhead_ms']:+.1f} ms")
    print(f"median RTF {summary_row['median_rtf']:.3f}; stage medians (ms wall): "
          + ", ".join(f"{k} {v:.1f}" for k, v in summary_row["stage_median_ms"].items()))
    print("seed stages (ms CPU): " + ", ".join(f"{k} {v:.1f}" for k, v in rows[0]["cpu_ms"].items()))
    holds = summary_row["max_codec_overshoot"] < audio.CODEC_HEADROOM
    print(f"codec overshoot (decoded − mastered true peak): max {summary_row['max_codec_overshoot']:.2f} dB "
          f"(headroom {audio.CODEC_HEADROOM:.1f} dB: {'holds' if holds else 'FAILS'})")
    low, high = summary_row["loudness_range"]
    print(f"loudness {low:.2f} … {high:.2f} LUFS (all within ±1 LU: {summary_row['all_within_loudness']}); "
          f"max true peak {summary_row['max_true_peak']:.2f} dBTP (all ≤ −1: {summary_row['all_under_ceiling']})")
    print(f"baseline (gain only, no limiter): {summary_row['baseline_over_ceiling']} of {len(rows)} outputs over −1 dBTP")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = {
        "settings": {"voice": settings.voice, "diacritizer": settings.diacritizer, "speed": settings.speed},
        "repeats": args.repeats,
        "python": platform.python_version(),
        "summary": summary_row,
        "rows": rows,
    }
    (RESULTS / "speech.json").write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS / 'speech.json'}")


if __name__ == "__main__":
    main()
