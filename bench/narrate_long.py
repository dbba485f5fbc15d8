"""Reading a very long text aloud: peak memory and time, in memory (before) vs streamed to disk (after).

Composes a long text from Khulasa's own example article repeated to
``--words`` words (no shared data involved) and narrates it, each way in a
fresh process so that one's peak memory cannot hide the other's:

- short: one copy of the article, in memory: what loading the voice, the
  diacritizer and the codecs costs before any length comes in;
- each long way below at a quarter of ``--words`` and at ``--words``, so
  the table shows how peak memory grows with length (MB per 1,000 words);
- in memory (before): ``pipeline.narrate_text`` without sinks, then the MP3
  written out, as ``khulasa narrate`` did until the audio was streamed:
  every encoded byte is held until the end;
- streamed (after): ``khulasa narrate TEXT -o OUT.mp3`` (``cli.main``), whose
  recording writes each block's MP3 into a file beside OUT.mp3 and renames
  it when complete.

Per run: peak resident memory (VmHWM from /proc/self/status, read by the
child at its end), narration wall time and the audio's length. Both long
outputs are then decoded block by block (soundfile) and measured: integrated
loudness (BS.1770) and true peak. Targets as in bench/speech.py: −16 LUFS
±0.5 and ≤ −1 dBTP; the streamed file decodes to the same length as the
in-memory one. Writes bench/results/narrate_long.json.

    .venv/bin/python bench/narrate_long.py [--words 10000]

(10,000 words is about 1 h 45 min of audio, ~2.5 minutes here in all; held in
memory, the MP3 grows by ~8 KB per second of audio.) Peak memory of either way
is mostly one 120 s block being mastered; what still grows when streamed is
the timings (a segment per word) and the ctypes array type eSpeak's callback
makes for each distinct chunk length (``np.ctypeslib.as_array``), which
ctypes caches for the life of the process.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
EXAMPLE = ROOT / "src" / "khulasa" / "examples" / "desalination.txt"
TARGET_LUFS = -16.0
CEILING_DBTP = -1.0


def long_text(words: int) -> str:
    """The example article repeated, whole copies, until it has at least ``words`` words."""
    article = EXAMPLE.read_text(encoding="utf-8").strip()
    copies = max(1, -(-words // len(article.split())))
    return "\n\n".join([article] * copies)


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def child(mode: str, text_path: Path, out: Path) -> dict[str, Any]:
    """One narration in this process; what it cost."""
    from khulasa import cli, config, pipeline

    text = text_path.read_text(encoding="utf-8")
    started = time.perf_counter()
    if mode == "streamed":
        code = cli.main(["narrate", str(text_path), "-o", str(out)])
        if code:
            raise SystemExit(code)
        duration = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))["duration"]
    else:
        narration = pipeline.narrate_text(text, config.load(environ={}))
        out.write_bytes(narration.files[0].data)
        duration = narration.duration
    seconds = time.perf_counter() - started
    return {"mode": mode, "words": len(text.split()), "seconds": seconds, "audio_seconds": duration, "peak_rss_mb": peak_rss_mb()}


def run(mode: str, text_path: Path, out: Path) -> dict[str, Any]:
    """:func:`child` in a fresh Python process."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--text", str(text_path), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise SystemExit(f"{mode} run failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measured(path: Path) -> dict[str, float]:
    """The file decoded 30 s at a time: loudness, true peak, length."""
    from khulasa.speech import audio

    with path.open("rb") as handle:
        m = audio.measure(handle)
    return {"lufs": m.loudness, "true_peak_dbtp": m.true_peak, "decoded_seconds": m.duration, "mb": path.stat().st_size / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=10000)
    parser.add_argument("--child", choices=["short", "in-memory", "streamed"], help=argparse.SUPPRESS)
    parser.add_argument("--text", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.text, args.out)))
        return
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        short, quarter, text = work / "short.txt", work / "quarter.txt", work / "long.txt"
        short.write_text(long_text(1), encoding="utf-8")
        quarter.write_text(long_text(args.words // 4), encoding="utf-8")
        text.write_text(long_text(args.words), encoding="utf-8")
        rows = [run("short", short, work / "short.mp3")]
        for source in (quarter, text):  # a quarter of the length too: how peak memory grows with length
            for mode in ("in-memory", "streamed"):
                rows.append(run(mode, source, work / f"{mode}.mp3"))
                rows[-1] |= measured(work / f"{mode}.mp3")
    base = rows[0]["peak_rss_mb"]
    heads = [("words", 6), ("audio s", 8), ("time s", 7), ("x real", 6), ("peak MB", 8), ("+ short", 8)]
    heads += [("MP3 MB", 7), ("LUFS", 7), ("dBTP", 6)]
    print(f"{'run':<10}" + "".join(f" {name:>{width}}" for name, width in heads))
    for row in rows:
        extra = f" {row['mb']:>7.1f} {row['lufs']:>7.2f} {row['true_peak_dbtp']:>6.2f}" if "lufs" in row else ""
        print(
            f"{row['mode']:<10} {row['words']:>6} {row['audio_seconds']:>8.0f} {row['seconds']:>7.1f}"
            f" {row['audio_seconds'] / row['seconds']:>6.0f} {row['peak_rss_mb']:>8.0f} {row['peak_rss_mb'] - base:>8.0f}{extra}"
        )
    before, after = rows[3], rows[4]
    for mode, low, high in (("in-memory", rows[1], before), ("streamed", rows[2], after)):
        slope = (high["peak_rss_mb"] - low["peak_rss_mb"]) / (high["words"] - low["words"]) * 1000
        print(f"{mode}: peak memory grows {slope:.1f} MB per 1,000 words ({slope / 1000 * 100_000:.0f} MB at 100,000 words)")
        high["mb_per_1000_words"] = slope
    checks = {
        "loudness_within_0.5": all(abs(r["lufs"] - TARGET_LUFS) <= 0.5 for r in rows[1:]),
        "true_peak_at_most_-1": all(r["true_peak_dbtp"] <= CEILING_DBTP for r in rows[1:]),
        "same_length": abs(before["decoded_seconds"] - after["decoded_seconds"]) < 0.1,
    }
    print("checks:", ", ".join(f"{name} {'yes' if ok else 'NO'}" for name, ok in checks.items()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    report = {"machine": platform.machine(), "python": platform.python_version(), "runs": rows, "checks": checks}
    (RESULTS / "narrate_long.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
