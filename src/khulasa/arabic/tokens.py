"""Word tokens for counting, matching and scoring.

A token is a run of letters, digits and combining marks (so diacritized
words stay whole); punctuation is not a token. Decimals and times such as
3.5 and 10:30 stay one token.
"""

from __future__ import annotations

import re

from khulasa.arabic.normalize import normalize

_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)*|[^\W_]+(?:[\u064b-\u065f\u0670\u0640][^\W_]*)*", re.UNICODE)


def words(text: str) -> list[str]:
    """The word tokens of ``text`` as written."""
    return _TOKEN.findall(text)


def word_count(text: str) -> int:
    """How many word tokens ``text`` holds."""
    return len(words(text))


def terms(text: str) -> list[str]:
    """Normalized word tokens, for matching and scoring."""
    return [normalize(w) for w in words(text)]
