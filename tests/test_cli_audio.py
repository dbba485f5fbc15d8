"""The command line reads aloud: `summarize --audio` and `narrate`, files a player can use, or one clear sentence."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from khulasa.model import AudioFile
from khulasa.speech import audio
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "desalination.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "khulasa", *args], input=stdin, capture_output=True, timeout=300, check=False
    )


def test_summarize_writes_the_box_the_audio_and_its_timings(tmp_path: Path) -> None:
    out = tmp_path / "box.mp3"
    result = run("summarize", str(EXAMPLE), "--audio", str(out), "--speed", "1.3")
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.decode().startswith("## الملخص")
    measured = audio.measure(AudioFile(out.read_bytes(), "audio/mpeg", "mp3"))
    assert abs(measured.loudness + 16.0) <= 1.0 and measured.true_peak <= -1.0
    timings = json.loads((tmp_path / "box.json").read_text(encoding="utf-8"))
    bullets = [s for s in timings["segments"] if s["kind"] == "bullet"]
    assert len(bullets) == 2 and bullets[-1]["end"] <= measured.duration + 0.1
    assert (tmp_path / "box.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_narrate_reads_a_text_from_stdin_into_ogg_opus(tmp_path: Path) -> None:
    out = tmp_path / "story.ogg"
    text = "أعلنت الوزارة خطة جديدة للمياه. وتبدأ الأعمال في 3 مدن العام المقبل.".encode()
    result = run("narrate", "-", "-o", str(out), stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    measured = audio.measure(AudioFile(out.read_bytes(), "audio/ogg", "ogg"))
    assert measured.duration > 2.0 and abs(measured.loudness + 16.0) <= 1.0
    sentences = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))["segments"]
    assert next(s["text"] for s in sentences if s["kind"] == "sentence") == "أعلنت الوزارة خطة جديدة للمياه."


def test_bad_requests_get_one_clear_sentence(tmp_path: Path) -> None:
    cases = [
        (("narrate", str(EXAMPLE), "-o", str(tmp_path / "a.wav")), None, ".mp3 or .ogg"),
        (("narrate", "-", "-o", str(tmp_path / "a.mp3")), b"  \n", "empty"),
        (("summarize", "--jsonl", "-", "--audio", str(tmp_path / "a.mp3")), b"", "--jsonl"),
    ]
    for args, stdin, expected in cases:
        result = run(*args, stdin=stdin)
        err = result.stderr.decode()
        assert result.returncode == 2, err
        assert expected in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
        assert not (tmp_path / "a.mp3").exists()
