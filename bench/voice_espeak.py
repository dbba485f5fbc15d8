"""How fast the default voice speaks a summary bullet, and how its reading differs from eSpeak's own.

Reads ../shared/data/seed/summary.txt in place, diacritizes each bullet with
the bundled tashkeel model (the default diacritizer's engine), then, pinned to
one core:

- milliseconds to synthesize each bullet (median of ``--repeats`` runs) and the
  real-time factor (synthesis time / audio duration), for our voice (phonemes
  from khulasa.speech.phonemes) and, in the same run, for the baseline that
  feeds the diacritized text straight to eSpeak NG's Arabic rules;
- word agreement: the share of words where our phonemes equal eSpeak's own
  reading (espeak_TextToPhonemes, stress marks aside), and the words where
  they differ, so each difference can be judged by ear or by rule.

    .venv/bin/python bench/voice_espeak.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from khulasa import config
from khulasa.speech.phonemes import pronounce
from khulasa.speech.voices.espeak import EspeakVoice
from shared_data import DATA

RESULTS = Path(__file__).resolve().parent / "results"


def _bullets() -> list[str]:
    import dengjen_tashkeel_py

    lines = (DATA / "seed" / "summary.txt").read_text(encoding="utf-8").splitlines()
    return [dengjen_tashkeel_py.tashkeel(line.strip().lstrip("-• ").strip()) for line in lines if line.strip()]


def _time(voice: EspeakVoice, script: str, repeats: int) -> tuple[float, float, float]:
    """Median and best milliseconds to synthesize ``script``, and the audio's length in seconds.

    The best run is the figure least disturbed by other work on a shared machine."""
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        speech = voice.synthesize(script)
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), min(runs), speech.samples.size / speech.sample_rate


def _bare(phonemes: str) -> str:
    return phonemes.replace("'", "").replace(",", "").replace("|", "")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    settings = config.load(environ={})
    ours, baseline = EspeakVoice(settings), EspeakVoice(settings, rules=False)
    bullets = _bullets()
    ours.synthesize(bullets[0])  # start the engine outside the timings

    rows = []
    for name, voice in (("ours: phonemes", ours), ("baseline: eSpeak reads text", baseline)):
        for i, bullet in enumerate(bullets, 1):
            ms, best, seconds = _time(voice, bullet, args.repeats)
            rows.append({"voice": name, "bullet": i, "words": len(bullet.split()), "ms": ms, "best_ms": best,
                         "audio_s": seconds, "rtf": ms / 1000 / seconds})  # fmt: skip

    same, differ = 0, []
    for bullet in bullets:
        for word in pronounce(bullet):
            if word.phonemes is None:
                continue
            text = bullet[word.start : word.end]
            theirs = ours.own_phonemes(text)
            if _bare(theirs) == _bare(word.phonemes):
                same += 1
            else:
                differ.append({"word": text, "ours": word.phonemes, "espeak": theirs})
    # own_phonemes reads each word alone; ours reads it in context (wasl, pauses), as the voice speaks it.

    print(f"{'voice':30} {'bullet':>6} {'words':>5} {'ms':>8} {'best ms':>8} {'audio s':>8} {'RTF':>7}")
    for row in rows:
        print(
            f"{row['voice']:30} {row['bullet']:>6} {row['words']:>5} {row['ms']:>8.1f} {row['best_ms']:>8.1f}"
            f" {row['audio_s']:>8.2f} {row['rtf']:>7.4f}"
        )
    total = same + len(differ)
    print(f"\nwords read as eSpeak reads them alone: {same}/{total} ({100 * same / max(total, 1):.0f} %); differences:")
    for d in differ:
        print(f"  {d['word']:18} ours {d['ours']:22} eSpeak {d['espeak']}")
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / "voice_espeak.json"
    out.write_text(json.dumps({"rows": rows, "agree": same, "words": total, "differences": differ},
                              ensure_ascii=False, indent=1), encoding="utf-8")  # fmt: skip
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
