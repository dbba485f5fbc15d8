"""What the cloud voices share: pieces that fit a service's request limit, patient requests, decoding.

Each cloud service caps one request (Google at 5,000 bytes of SSML, Polly at
3,000 characters, ...). A script is cut at sentence ends, or between words
when one sentence is too long, so no request is refused for length and no
word is split across two; the pieces' audio is joined and their word timings
moved to the script's offsets and the joined audio's clock.

Requests are tried again on 429 and 5xx answers and on refused connections,
after the wait the service asks for (Retry-After) or a doubling backoff; any
other answer becomes one sentence naming the setting to check.
"""

from __future__ import annotations

import email.utils
import io
import re
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import httpx
import numpy as np
import soundfile

from khulasa.config import Settings
from khulasa.errors import SpeechError
from khulasa.speech.voices import Speech, WordTiming

_SENTENCE = re.compile(r"[^.!?؟…\n]*(?:[.!?؟…]+|\n|$)")
_WORD = re.compile(r"\S+")
RETRIED = frozenset({429, 500, 502, 503, 504})
"""Answers that say "not now" rather than "not this": tried again."""
FIRST_WAIT = 0.5
"""Seconds before the second try when the service names no wait; doubled for each further try."""
LONGEST_WAIT = 30.0
"""A Retry-After longer than this is cut to it: a narration should fail rather than hang for minutes."""


def pieces(script: str, fits: Callable[[str], bool]) -> list[tuple[int, str]]:
    """``script`` as (offset, text) pieces that each ``fit`` one request: whole sentences where possible, else whole words."""
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in _sentences(script):
        for unit_start, unit_end in [(start, end)] if fits(script[start:end]) else _words(script, start, end):
            if current is not None and fits(script[current[0] : unit_end]):
                current = (current[0], unit_end)
                continue
            if current is not None:
                spans.append(current)
            if not fits(script[unit_start:unit_end]):
                raise SpeechError("one word of the text is longer than the speech service accepts in a request.")
            current = (unit_start, unit_end)
    if current is not None:
        spans.append(current)
    return [(start, script[start:end]) for start, end in spans]


def _sentences(script: str) -> Iterator[tuple[int, int]]:
    for match in _SENTENCE.finditer(script):
        text = match.group()
        if text.strip():
            start = match.start() + len(text) - len(text.lstrip())
            yield start, match.end() - (len(text) - len(text.rstrip()))


def _words(script: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for match in _WORD.finditer(script, start, end):
        yield match.start(), match.end()


def spoken_words(text: str) -> list[re.Match[str]]:
    """The words of ``text`` a voice says: runs without spaces that hold a letter or digit."""
    return [m for m in _WORD.finditer(text) if any(ch.isalnum() for ch in m.group())]


def words_from_starts(text: str, starts: list[float], duration: float) -> tuple[WordTiming, ...]:
    """Word timings from each spoken word's start time, in order; each ends where the next starts (the last at the end).

    Empty when the service reported a different number of words than ``text`` has: better no word timings than wrong ones.
    """
    words = spoken_words(text)
    if len(words) != len(starts) or not words:
        return ()
    ends = [*starts[1:], max(duration, starts[-1])]
    return tuple(WordTiming(m.start(), m.end(), s, e) for m, s, e in zip(words, starts, ends, strict=True))


def speak_in_pieces(script: str, fits: Callable[[str], bool], speak: Callable[[str], Speech]) -> Speech:
    """``script`` spoken piece by piece (see :func:`pieces`), the audio joined and the timings moved onto the whole."""
    samples: list[np.ndarray[Any, np.dtype[np.float32]]] = []
    words: list[WordTiming] = []
    rate = 0
    characters = 0
    elapsed = 0.0
    for offset, text in pieces(script, fits):
        speech = speak(text)
        if rate and speech.sample_rate != rate:
            raise SpeechError("the speech service answered the pieces of one text at different sample rates.")
        rate = speech.sample_rate
        samples.append(speech.samples)
        characters += speech.characters
        words += [
            replace(
                w, start_char=w.start_char + offset, end_char=w.end_char + offset, start=w.start + elapsed, end=w.end + elapsed
            )
            for w in speech.words
        ]
        elapsed += len(speech.samples) / rate
    joined = np.concatenate(samples) if samples else np.zeros(0, dtype=np.float32)
    return Speech(joined, rate or 24_000, tuple(words), characters)


def pcm16(data: bytes, rate: int) -> Speech:
    """Raw 16-bit little-endian mono samples (what the services call "pcm") as speech."""
    usable = len(data) // 2 * 2
    return Speech(np.frombuffer(data[:usable], dtype="<i2").astype(np.float32) / 32768.0, rate)


def wav(data: bytes, service: str) -> Speech:
    """A WAV (RIFF) answer as mono speech."""
    try:
        samples, rate = soundfile.read(io.BytesIO(data), dtype="float32", always_2d=True)
    except soundfile.LibsndfileError:
        raise SpeechError(f"{service} answered with something that is not WAV audio.") from None
    return Speech(samples.mean(axis=1, dtype=np.float32), int(rate))


class Service:
    """One cloud service over HTTP: a kept-alive client, timeouts, and patient, explained requests."""

    def __init__(self, service: str, endpoint_setting: str, settings: Settings, headers: dict[str, str]) -> None:
        self.service = service
        """The service's name, as messages give it ("Azure AI Speech")."""
        self.endpoint_setting = endpoint_setting
        """The environment variable that moves the service elsewhere, named when it cannot be reached."""
        self.timeout = settings.tts_timeout
        self.attempts = settings.tts_attempts
        self._client = httpx.Client(headers=headers, timeout=httpx.Timeout(settings.tts_timeout, connect=10.0))
        self._closer = weakref.finalize(self, self._client.close)

    def close(self) -> None:
        """Close the connections now; no request can be made afterwards."""
        self._closer()

    def post(self, url: str, explain: Callable[[httpx.Response], str], **request: Any) -> httpx.Response:
        """POST, tried again on 429, 5xx and refused connections; any other failure raises SpeechError(explain(answer))."""
        for attempt in range(1, self.attempts + 1):
            last = attempt == self.attempts
            try:
                response = self._client.post(url, **request)
            except httpx.TimeoutException:
                raise SpeechError(
                    f"{self.service} did not answer within {self.timeout:g} s; try again or raise KHULASA_TTS_TIMEOUT."
                ) from None
            except httpx.TransportError as exc:
                if last:
                    raise SpeechError(f"cannot reach {self.service} at {url} ({exc}); check {self.endpoint_setting}.") from None
                wait = FIRST_WAIT * 2 ** (attempt - 1)
            else:
                if response.status_code < 400:
                    return response
                if response.status_code not in RETRIED or last:
                    raise SpeechError(explain(response))
                wait = retry_after(response) if "retry-after" in response.headers else FIRST_WAIT * 2 ** (attempt - 1)
            time.sleep(min(wait, LONGEST_WAIT))
        raise AssertionError("unreachable: the last attempt returns or raises")


def retry_after(response: httpx.Response) -> float:
    """The wait a Retry-After header asks for, in seconds (it may be a number or an HTTP date); 0 when unreadable."""
    value = response.headers.get("retry-after", "").strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    return max(0.0, when.timestamp() - time.time())


def error_text(response: httpx.Response, limit: int = 200) -> str:
    """The service's own words about a failed request, shortened, for the end of a message."""
    return " ".join(response.text.split())[:limit]
