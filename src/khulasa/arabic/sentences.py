"""Split an article into sentences.

Provisional splitter: paragraphs on blank-or-single newlines, sentences on
. ! ? ؟ followed by space. To be replaced by the full splitter.
"""

from __future__ import annotations

import re

from khulasa.model import Sentence

_END = re.compile(r"(?<=[.!?؟])\s+")


def split(text: str) -> list[Sentence]:
    """The sentences of ``text``, in order, each knowing its paragraph."""
    out: list[Sentence] = []
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    for p_index, para in enumerate(paragraphs):
        for piece in _END.split(para):
            piece = piece.strip()
            if piece:
                heading = piece[-1] not in ".!?؟…:»\")"
                out.append(Sentence(len(out), piece, p_index, heading))
    return out
