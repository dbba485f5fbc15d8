"""How long each voice takes to read the seed's summary box, and its real-time factor.

Reads ../shared/data/seed/summary.txt in place. For each voice:

- **narrate**: seconds for ``pipeline.narrate`` on the box as the service
  runs it (diacritizer and voice in a child process, loudness mastered, MP3
  encoded), median of ``--repeats`` runs after one warm-up; RTF = that time
  / the audio's duration;
- **voice**: seconds the voice itself takes on the box's diacritized
  scripts, in this process (no diacritizer, no encoding), and its RTF.

Voices: eSpeak NG (always); every Piper voice installed in the data folder
(``khulasa voices download ar_JO-kareem-medium``), or a note that none is;
the tiny test voice installed through a loopback copy of the catalogue (it
measures our plumbing, not Piper); and the four cloud voices against the
tests' loopback fakes, which answer at once with a tone: their figures are
our overhead per request, not the services' speed.

    PYTHONPATH=src .venv/bin/python bench/voices.py [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from khulasa import config, pipeline
from khulasa.config import Settings
from khulasa.model import Bullet, Summary
from khulasa.speech.verbalize import verbalize
from khulasa.speech.voices import catalogue
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path(__file__).resolve().parent / "results"


def _box() -> Summary:
    lines = (DATA / "seed" / "summary.txt").read_text(encoding="utf-8").splitlines()
    bullets = tuple(Bullet(line.strip().lstrip("-• ").strip(), ()) for line in lines if line.strip())
    return Summary(bullets, (), "seed")


def _measure(label: str, settings: Settings, summary: Summary, repeats: int) -> dict[str, Any]:
    pipeline.narrate(summary, settings)  # warm-up: the child process, the voice and the diacritizer loaded
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        narration = pipeline.narrate(summary, settings)
        runs.append(time.perf_counter() - started)
    here = replace(settings, isolate_native=False)
    scripts = [pipeline.diacritize(verbalize(b.text), here) for b in summary.bullets]
    voice = pipeline._voice(here)
    voice.synthesize(scripts[0])
    started = time.perf_counter()
    audio = sum(len(s.samples) / s.sample_rate for s in (voice.synthesize(script) for script in scripts))
    own = time.perf_counter() - started
    narrate = statistics.median(runs)
    words = sum(1 for s in narration.segments if s.kind == "word")
    return {
        "voice": label,
        "audio_seconds": round(narration.duration, 2),
        "narrate_seconds": round(narrate, 3),
        "narrate_rtf": round(narrate / narration.duration, 3),
        "voice_seconds": round(own, 3),
        "voice_rtf": round(own / audio, 3),
        "word_timings": words,
        "characters_sent": narration.characters,
        "loudness": None if narration.loudness is None else round(narration.loudness, 1),
    }


@contextmanager
def _cloud_fakes() -> Iterator[dict[str, Settings]]:
    """The four cloud voices, each against the tests' loopback fake of its service."""
    sys.path.insert(0, str(ROOT))
    from tests.speech.voices import test_azure, test_elevenlabs, test_google, test_polly
    from tests.speech.voices.conftest import running_service

    with ExitStack() as stack:
        fakes = {}
        modules = {"azure": test_azure, "google": test_google, "polly": test_polly, "elevenlabs": test_elevenlabs}
        for name, module in modules.items():
            service = stack.enter_context(running_service())
            service.answer = getattr(module, name)
            fakes[name] = module.settings_for(service)
        yield fakes


@contextmanager
def _tiny_piper(folder: Path) -> Iterator[Settings]:
    """The tests' tiny Piper voice, installed by name through a loopback copy of the catalogue."""
    sys.path.insert(0, str(ROOT))
    from tests.speech.voices.conftest import running_service
    from tests.speech.voices.test_catalogue import NAME, Repository

    (folder / "source").mkdir()
    repository = Repository(folder / "source")
    with running_service() as service:
        service.answer = repository.answer
        url = f"{service.url}/piper-voices/resolve/main/voices.json"
        settings = config.load(voice="piper", piper_voice=NAME, data_dir=str(folder / "data"), piper_voices_url=url)
        catalogue.download(NAME, settings)
        yield settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    # the Polly fake's credentials, set before the first narration starts the child processes that inherit them
    os.environ.update(AWS_ACCESS_KEY_ID="AKIDKHULASA", AWS_SECRET_ACCESS_KEY="secret", AWS_EC2_METADATA_DISABLED="true")
    summary = _box()
    base = config.load()
    rows = [_measure("espeak", replace(base, voice="espeak"), summary, args.repeats)]
    kareem = [v for v in catalogue.installed(base) if v.name.startswith("ar_JO-kareem")]
    for voice in kareem:
        rows.append(_measure(f"piper {voice.name}", replace(base, voice="piper", piper_voice=voice.name), summary, args.repeats))
    if not kareem:
        print("no Kareem voice installed (khulasa voices download ar_JO-kareem-medium): Piper measured with the test voice only")
    with tempfile.TemporaryDirectory() as scratch, _tiny_piper(Path(scratch)) as tiny:
        rows.append(_measure("piper tiny test voice (loopback catalogue)", tiny, summary, args.repeats))
    with _cloud_fakes() as fakes:
        for name, settings in fakes.items():
            rows.append(_measure(f"{name} (loopback fake)", settings, summary, args.repeats))
    print("| voice | audio s | narrate s | narrate RTF | voice s | voice RTF | word timings | characters sent |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['voice']} | {r['audio_seconds']} | {r['narrate_seconds']} | {r['narrate_rtf']} | {r['voice_seconds']} "
            f"| {r['voice_rtf']} | {r['word_timings']} | {r['characters_sent']} |"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "voices.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
