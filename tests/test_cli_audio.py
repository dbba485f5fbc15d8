"""The command line reads aloud: `summarize --audio` and `narrate`, files a player can use, or one clear sentence."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from khulasa import config
from khulasa.model import Article, AudioFile
from khulasa.pipeline import bullet_count
from khulasa.speech import audio
from tests.conftest import EXAMPLES
from tests.loopback import serving

EXAMPLE = EXAMPLES / "desalination.txt"
AUTOMATIC = bullet_count(Article(EXAMPLE.read_text(encoding="utf-8")), config.load(environ={}))
"""How many bullets the example's box has when none are asked for (three: it is a long article)."""


def run(*args: str, stdin: bytes | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "khulasa", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        check=False,
        env=None if env is None else {**os.environ, **env},
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
    assert len(bullets) == AUTOMATIC and bullets[-1]["end"] <= measured.duration + 0.1
    assert (tmp_path / "box.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_narrate_reads_a_text_from_stdin_into_ogg_opus(tmp_path: Path) -> None:
    out = tmp_path / "story.ogg"
    text = "أعلنت الوزارة خطة جديدة للمياه. وتبدأ الأعمال في 3 مدن العام المقبل.".encode()
    result = run("narrate", "-", "-o", str(out), stdin=text)
    assert result.returncode == 0, result.stderr.decode()
    measured = audio.measure(AudioFile(out.read_bytes(), "audio/ogg", "ogg"))
    assert measured.duration > 2.0 and abs(measured.loudness + 16.0) <= 1.0
    timings = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
    sentences = timings["segments"]
    assert next(s["text"] for s in sentences if s["kind"] == "sentence") == "أعلنت الوزارة خطة جديدة للمياه."
    # streamed to disk, and still described
    assert timings["files"] == [{"extension": "ogg", "media_type": "audio/ogg", "bytes": out.stat().st_size}]


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


@pytest.fixture
def failing_voice() -> Iterator[tuple[str, list[int]]]:
    """A speech server on 127.0.0.1 that reads each piece as 70 s of tone, and fails the third with HTTP 500.

    Two pieces fill more than one 120 s block, so the recording has written
    audio into its file before the failure. Yields its URL and the requests answered so far.
    """
    answered: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            answered.append(1)
            if len(answered) >= 3:
                self.send_error(500)
                return
            t = np.arange(70 * 24_000) / 24_000
            payload = (0.2 * np.sin(2 * np.pi * 220 * t) * 32767).astype("<i2").tobytes()
            self.send_response(200)
            self.send_header("Content-Type", "audio/pcm")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    with serving(ThreadingHTTPServer(("127.0.0.1", 0), Handler)) as httpd:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", answered


def test_narrate_that_fails_midway_leaves_no_half_written_file(tmp_path: Path, failing_voice: tuple[str, list[int]]) -> None:
    url, answered = failing_voice
    earlier = tmp_path / "story.mp3"
    earlier.write_bytes(b"an earlier narration")
    text = "أعلنت الوزارة خطة جديدة للمياه. وتبدأ الأعمال في 3 مدن. وتنتهي بعد عامين.".encode()
    env = {"KHULASA_VOICE": "http", "KHULASA_TTS_BASE_URL": url, "KHULASA_TTS_FORMAT": "pcm", "KHULASA_DIACRITIZER": "none"}
    result = run("narrate", "-", "-o", str(earlier), stdin=text, env=env)
    err = result.stderr.decode()
    assert result.returncode == 1 and "try again later" in err, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and len(answered) == 3
    assert earlier.read_bytes() == b"an earlier narration"  # the old file stays whole until a new one is complete
    assert sorted(p.name for p in tmp_path.iterdir()) == ["story.mp3"]  # no partial file, no timings of a failed run


CRASHING_TEXT = "أعلنت الوزارة " + "الاقتصاد" * 30 + " خطة جديدة للمياه."
"""A 240-letter run without spaces: what crashed eSpeak NG before runs were cut (KHULASA_LONGEST_WORD)."""


def test_a_crash_in_the_voice_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "crash.mp3"
    result = run("narrate", "-", "-o", str(out), stdin=CRASHING_TEXT.encode(), env={"KHULASA_LONGEST_WORD": "100000"})
    assert result.returncode == 2
    assert result.stderr.decode() == "khulasa: the voice crashed on this text (signal SIGSEGV).\n"
    assert not out.exists()


def test_the_same_text_is_read_when_its_runs_are_cut(tmp_path: Path) -> None:
    out = tmp_path / "read.mp3"
    result = run("narrate", "-", "-o", str(out), stdin=CRASHING_TEXT.encode())
    assert result.returncode == 0, result.stderr.decode()
    assert audio.measure(AudioFile(out.read_bytes(), "audio/mpeg", "mp3")).duration > 3.0
