"""Timings: when each bullet and each displayed word is heard, as JSON and WebVTT.

The voice reports word times against the *script* it read (verbalized and
diacritized), but a player highlights the *displayed* bullet. Diacritics
only add marks, so script words match displayed words after normalization;
where verbalizing replaced a token ("2024" → four spoken words) the spoken
span is given to the displayed token it came from.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Sequence
from typing import Any

from khulasa.arabic.normalize import normalize
from khulasa.model import Narration, Segment
from khulasa.speech.voices import WordTiming

_SKIP = str.maketrans("", "", "\u200c\u200d\u200e\u200f\u061c")


def _words(text: str) -> list[tuple[int, int, str]]:
    """Whitespace-separated words of ``text`` with their offsets (punctuation stays attached)."""
    out: list[tuple[int, int, str]] = []
    start = None
    for i, ch in enumerate(text + " "):
        if ch.isspace():
            if start is not None:
                out.append((start, i, text[start:i]))
                start = None
        elif start is None:
            start = i
    return out


def _key(word: str) -> str:
    return "".join(ch for ch in normalize(word).translate(_SKIP) if ch.isalnum())


def word_segments(display: str, script: str, timings: Sequence[WordTiming], index: int, offset: float) -> list[Segment]:
    """Segments of kind "word" for bullet ``index``: displayed words with the times they are heard.

    ``timings`` index into ``script``; ``offset`` is where the bullet starts in
    the whole narration. Displayed words with no spoken counterpart (a lone
    symbol the verbalizer dropped) get no segment.
    """
    spoken = [t for t in sorted(timings, key=lambda t: t.start_char) if t.end_char > t.start_char]
    if not spoken:
        return []
    shown = [w for w in _words(display) if _key(w[2])]
    if not shown:
        return []
    matcher = difflib.SequenceMatcher(
        a=[_key(w) for _, _, w in shown],
        b=[_key(script[t.start_char : t.end_char]) for t in spoken],
        autojunk=False,
    )
    out: list[Segment] = []

    def add(word: str, first: WordTiming, last: WordTiming) -> None:
        out.append(Segment("word", index, word.strip(), offset + first.start, offset + max(first.end, last.end)))

    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            for k in range(a1 - a0):
                add(shown[a0 + k][2], spoken[b0 + k], spoken[b0 + k])
        elif op == "replace":
            count, heard = a1 - a0, b1 - b0
            if heard >= count:  # share the spoken words out in order, the remainder to the last
                share = heard // count
                for k in range(count):
                    lo = b0 + k * share
                    hi = b1 - 1 if k == count - 1 else lo + share - 1
                    add(shown[a0 + k][2], spoken[lo], spoken[hi])
            else:  # several displayed tokens read as fewer words: one segment over them all
                text = display[shown[a0][0] : shown[a1 - 1][1]]
                add(text, spoken[b0], spoken[b1 - 1])
    return out


def as_dict(narration: Narration, streamed: Sequence[tuple[str, str, int]] = ()) -> dict[str, Any]:
    """The narration's timings: duration, voice, loudness, its files, and each segment, rounded to what a player needs.

    Times are rounded to the millisecond and loudness to 0.01 dB. ``streamed``
    lists files written straight to disk as (extension, media type, bytes):
    a streamed narration holds no file data to describe them by.
    """
    files = [(f.extension, f.media_type, len(f.data)) for f in narration.files] + list(streamed)
    return {
        "duration": round(narration.duration, 3),
        "voice": narration.voice,
        "loudness": None if narration.loudness is None else round(narration.loudness, 2),
        "true_peak": None if narration.true_peak is None else round(narration.true_peak, 2),
        "files": [{"extension": extension, "media_type": media_type, "bytes": size} for extension, media_type, size in files],
        "segments": [
            {"kind": s.kind, "index": s.index, "text": s.text, "start": round(s.start, 3), "end": round(s.end, 3)}
            for s in narration.segments
        ],
    }


def as_json(narration: Narration, streamed: Sequence[tuple[str, str, int]] = ()) -> str:
    """:func:`as_dict` as an indented JSON document: the ``.json`` file written beside the audio."""
    return json.dumps(as_dict(narration, streamed), ensure_ascii=False, indent=2) + "\n"


def _clock(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    """Cue payload: no blank lines, no "-->", and &, < escaped as WebVTT requires."""
    text = " ".join(text.split()).replace("-->", "→")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def as_webvtt(narration: Narration) -> str:
    """WebVTT with one cue per bullet (per sentence for any text read aloud); each word's start is a timestamp tag inside its cue.

    Players show the bullet or sentence as a caption (an article's paragraphs are in the JSON alone); the inner
    ``<hh:mm:ss.ttt>`` tags let karaoke-style renderers highlight word by word.
    """
    lines = ["WEBVTT", ""]
    words: dict[int, list[Segment]] = {}  # by bullet or sentence: a book read aloud has thousands of cues
    for segment in narration.segments:
        if segment.kind == "word":
            words.setdefault(segment.index, []).append(segment)
    for cue in (s for s in narration.segments if s.kind not in ("word", "paragraph")):  # a paragraph's sentences are its cues
        mine = [w for w in words.get(cue.index, ()) if cue.start <= w.start < cue.end]
        if mine:
            parts = [_cue_text(mine[0].text)]
            last = _clock(cue.start)
            for word in mine[1:]:
                stamp = _clock(word.start)
                if last < stamp < _clock(cue.end):  # WebVTT wants each inner timestamp strictly later
                    parts.append(f"<{stamp}>{_cue_text(word.text)}")
                    last = stamp
                else:
                    parts[-1] += " " + _cue_text(word.text)
            payload = " ".join(parts)
        else:
            payload = _cue_text(cue.text)
        lines += [f"{cue.kind}-{cue.index + 1}", f"{_clock(cue.start)} --> {_clock(cue.end)}", payload, ""]
    return "\n".join(lines)
