"""The default voice: eSpeak NG, speaking phonemes from our own Arabic rules.

eSpeak NG comes from the ``espeakng-loader`` wheel (the library and its data
inside; no system package) and is driven through ctypes in synchronous mode:
a callback receives the samples and the word events, whose text positions we
map back to the script so the player can highlight each word.

Each Arabic word goes in as ``[[phonemes]]`` from :mod:`khulasa.speech.phonemes`
rather than as text, because eSpeak's own Arabic rules misread diacritized MSA
(see that module). Words our rules cannot read (Latin script, digits, words
with no marks) go in as plain text, and punctuation stays text so eSpeak
still pauses and shapes the intonation at commas and full stops.

The C library keeps global state and is not re-entrant: it is initialized once
per process, on first use, and every call holds one lock.
"""

from __future__ import annotations

import bisect
import ctypes
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np

from khulasa.config import Settings
from khulasa.errors import MissingDependency, SpeechError
from khulasa.speech.phonemes import ARABIC_WORD, pronounce
from khulasa.speech.voices import Speech, WordTiming

_AUDIO_OUTPUT_SYNCHRONOUS = 2
_INITIALIZE_DONT_EXIT = 0x8000
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_PHONEME_INPUT = 0x100
"""espeakPHONEMES: read ``[[...]]`` as phoneme mnemonics."""
_EVENT_LIST_TERMINATED = 0
_EVENT_WORD = 1
_EVENT_PHONEME = 7
_INITIALIZE_PHONEME_EVENTS = 0x0001
_PARAM_RATE = 1
_BUFFER_MS = 1000
"""Audio handed to our callback at a time: few calls, each cheap next to the synthesis."""
_NORMAL_RATE = 175
"""eSpeak's default rate in words per minute; settings.speed scales it."""
_OTHER_WORD = re.compile(r"[^\s\u0600-\u06ff]+")


class _EventId(ctypes.Union):
    _fields_ = (("number", ctypes.c_int), ("name", ctypes.c_char_p), ("string", ctypes.c_char * 8))


class _Event(ctypes.Structure):
    """espeak_EVENT from speak_lib.h."""

    _fields_ = (
        ("type", ctypes.c_int),
        ("unique_identifier", ctypes.c_uint),
        ("text_position", ctypes.c_int),
        ("length", ctypes.c_int),
        ("audio_position", ctypes.c_int),
        ("sample", ctypes.c_int),
        ("user_data", ctypes.c_void_p),
        ("id", _EventId),
    )


_Callback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.POINTER(_Event))


class _Engine:
    """The one eSpeak NG instance of this process; use it only while holding ``lock``."""

    lock = threading.Lock()
    _instance: _Engine | None = None

    def __init__(self) -> None:
        try:
            import espeakng_loader
        except ImportError:
            raise MissingDependency(
                'the "espeak" voice needs the espeakng-loader package: pip install espeakng-loader'
            ) from None
        lib = ctypes.CDLL(espeakng_loader.get_library_path())
        lib.espeak_Initialize.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int)
        lib.espeak_Initialize.restype = ctypes.c_int
        lib.espeak_SetVoiceByName.argtypes = (ctypes.c_char_p,)
        lib.espeak_SetParameter.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_int)
        lib.espeak_TextToPhonemes.argtypes = (ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int)
        lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        lib.espeak_Synth.argtypes = (
            ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int,
            ctypes.c_uint, ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
        )  # fmt: skip
        rate = lib.espeak_Initialize(
            _AUDIO_OUTPUT_SYNCHRONOUS, _BUFFER_MS, espeakng_loader.get_data_path().encode(),
            _INITIALIZE_DONT_EXIT | _INITIALIZE_PHONEME_EVENTS,
        )
        if rate <= 0:
            raise SpeechError("eSpeak NG could not start: its data folder in espeakng-loader is missing or broken.")
        if lib.espeak_SetVoiceByName(b"ar") != 0:
            raise SpeechError("eSpeak NG has no Arabic voice in its data folder; reinstall espeakng-loader.")
        self.lib = lib
        self.sample_rate = int(rate)
        self.chunks: list[np.ndarray[Any, np.dtype[np.int16]]] = []
        self.words: list[tuple[int, int]] = []
        """(text position, sample) of each word event of the current call."""
        self.phonemes: list[str] = []
        """Names of the phonemes eSpeak spoke in the current call, for checking pronunciation."""
        self._callback = _Callback(self._receive)  # kept alive as long as the library may call it
        lib.espeak_SetSynthCallback(self._callback)

    @classmethod
    def get(cls) -> _Engine:
        """The engine, started on first use; call while holding ``lock``."""
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def _receive(self, wav: Any, count: int, events: Any) -> int:
        if count > 0:
            # copied out through bytes: np.ctypeslib.as_array makes (and keeps) a ctypes array type per
            # distinct chunk length, ~5.6 kB each, which grew without end over a long narration
            self.chunks.append(np.frombuffer(ctypes.string_at(wav, 2 * count), dtype=np.int16).copy())
        i = 0
        while events[i].type != _EVENT_LIST_TERMINATED:
            if events[i].type == _EVENT_WORD:
                self.words.append((events[i].text_position, events[i].sample))
            elif events[i].type == _EVENT_PHONEME:
                self.phonemes.append(events[i].id.string.decode("latin-1"))
            i += 1
        return 0

    def speak(self, text: str, rate: int) -> tuple[np.ndarray[Any, np.dtype[np.int16]], list[tuple[int, int]]]:
        """Samples and word events for ``text`` (with ``[[...]]`` phoneme words)."""
        self.chunks, self.words, self.phonemes = [], [], []
        self.lib.espeak_SetParameter(_PARAM_RATE, rate, 0)
        data = text.encode("utf-8")
        status = self.lib.espeak_Synth(data, len(data) + 1, 0, _POS_CHARACTER, 0, _CHARS_UTF8 | _PHONEME_INPUT, None, None)
        if status != 0:
            raise SpeechError(f"eSpeak NG failed to speak the text (status {status}).")
        samples = np.concatenate(self.chunks) if self.chunks else np.zeros(0, dtype=np.int16)
        return samples, self.words

    def text_to_phonemes(self, text: str) -> str:
        """eSpeak's own reading of ``text`` in its mnemonics, clause by clause, without speaking."""
        buffer = ctypes.create_string_buffer(_plain(text).encode("utf-8"))
        cursor = ctypes.c_void_p(ctypes.addressof(buffer))
        clauses = []
        while cursor.value:
            clause = self.lib.espeak_TextToPhonemes(ctypes.byref(cursor), _CHARS_UTF8, 0)
            clauses.append((clause or b"").decode("utf-8", "replace").strip())
        return " ".join(c for c in clauses if c)


@dataclass(frozen=True)
class _Piece:
    """A stretch of eSpeak's input and the stretch of the script it stands for."""

    input_start: int
    script_start: int
    whole: bool
    """True for a word given as phonemes: any position inside it means the word's start."""


def _plain(text: str) -> str:
    """Text eSpeak may read as is, with the same length: no control characters, no phoneme brackets."""
    return "".join(
        " " if ch in "[]" or (unicodedata.category(ch) == "Cc" and ch != "\n") else ch for ch in text
    )


def _espeak_input(script: str, *, rules: bool = True) -> tuple[str, list[_Piece]]:
    """The script with each readable Arabic word replaced by ``[[phonemes]]`` (as is without ``rules``)."""
    if not rules:
        return _plain(script), [_Piece(0, 0, whole=False)]
    parts: list[str] = []
    pieces: list[_Piece] = []
    length = 0
    done = 0
    for word in pronounce(script):
        if word.phonemes is None:
            continue
        gap = _plain(script[done : word.start])
        pieces.append(_Piece(length, done, whole=False))
        parts.append(gap)
        length += len(gap)
        pieces.append(_Piece(length, word.start, whole=True))
        spoken = f"[[{word.phonemes}]]"
        parts.append(spoken)
        length += len(spoken)
        done = word.end
    pieces.append(_Piece(length, done, whole=False))
    parts.append(_plain(script[done:]))
    return "".join(parts), pieces


def _script_position(position: int, pieces: list[_Piece]) -> int:
    at = bisect.bisect_right([p.input_start for p in pieces], position) - 1
    piece = pieces[max(at, 0)]
    return piece.script_start if piece.whole else piece.script_start + position - piece.input_start


def _word_spans(script: str) -> list[tuple[int, int]]:
    spans = [m.span() for m in ARABIC_WORD.finditer(script)]
    spans += [m.span() for m in _OTHER_WORD.finditer(script)]
    return sorted(spans)


def _timings(
    script: str, pieces: list[_Piece], events: list[tuple[int, int]], sample_rate: int, total: int
) -> tuple[WordTiming, ...]:
    spans = _word_spans(script)
    starts = [s for s, _ in spans]
    found: list[tuple[tuple[int, int], int]] = []
    for text_position, sample in events:
        where = _script_position(text_position - 1, pieces)  # eSpeak counts characters from 1
        i = bisect.bisect_right(starts, where) - 1
        if i < 0 or where >= spans[i][1]:
            i += 1
        if i >= len(spans) or (found and spans[i] <= found[-1][0]):
            continue  # past the last word, or a word already timed (or one before it)
        found.append((spans[i], max(sample, found[-1][1] if found else 0)))
    timings = []
    for j, ((start_char, end_char), sample) in enumerate(found):
        end = found[j + 1][1] if j + 1 < len(found) else total
        timings.append(WordTiming(start_char, end_char, sample / sample_rate, end / sample_rate))
    return tuple(timings)


class EspeakVoice:
    """eSpeak NG's Arabic voice reading our phonemes; the default, offline and fast."""

    name = "espeak"

    def __init__(self, settings: Settings, *, rules: bool = True) -> None:
        self.rate = max(80, min(450, round(_NORMAL_RATE * settings.speed)))
        self.rules = rules
        """False feeds the text as is to eSpeak's own Arabic rules: the baseline the benchmark compares."""

    def own_phonemes(self, text: str) -> str:
        """How eSpeak's own Arabic rules would read ``text``, in the mnemonics our rules write."""
        with _Engine.lock:
            return _Engine.get().text_to_phonemes(text)

    def heard(self, script: str) -> list[str]:
        """The phoneme names eSpeak spoke for ``script``: how tests check that it read our phonemes."""
        text, _ = _espeak_input(script, rules=self.rules)
        with _Engine.lock:
            engine = _Engine.get()
            engine.speak(text, self.rate)
            return list(engine.phonemes)

    def synthesize(self, script: str) -> Speech:
        """Speak ``script`` (verbalized, diacritized Arabic) into samples with word timings."""
        if not any(ch.isalnum() for ch in script):
            raise SpeechError("There is nothing to read aloud: the text to speak is empty or has no words.")
        text, pieces = _espeak_input(script, rules=self.rules)
        with _Engine.lock:
            engine = _Engine.get()
            raw, events = engine.speak(text, self.rate)
            sample_rate = engine.sample_rate
        if raw.size == 0 or not np.any(raw):
            raise SpeechError("eSpeak NG produced silence for this text; check that it holds readable words.")
        samples = (raw.astype(np.float32) / 32768.0).clip(-1.0, 1.0)
        return Speech(samples, sample_rate, _timings(script, pieces, events, sample_rate, raw.size))
