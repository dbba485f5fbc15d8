"""How well the diacritizer restores tashkeel, how fast, and whether it ever touches a letter.

Two sets, each line fully diacritized; the line without its marks is the
input, the line itself the gold answer:

- fadel_test: ../shared/data/diacritics/fadel_test.txt, read in place
  (Fadel et al. 2019's test split of Tashkeela, 2,500 lines). Mostly
  Classical Arabic (fiqh, hadith), not news; its gold writes every case
  ending and usually a sukun before hamzat al-wasl.
- our_news: tests/fixtures/news_diacritized.txt, 20 news sentences we wrote
  and vowelled by hand the way a news reader says them: pausal form before
  each full stop, a linking vowel before hamzat al-wasl, foreign names as
  pronounced. Small (about 300 words): read its figures as a sanity check.

Scoring follows Fadel et al. 2019: the line is reduced to Arabic letters,
the eight marks and single spaces; each Arabic letter gets one class (the set
of marks on it, shadda with a vowel being one class); DER is the share of
letters whose class differs from gold, WER the share of words with any such
letter. "no CE" leaves out the last letter of each word (the case ending).
Letters that carry no mark in gold are counted (the system must leave them
bare): Fadel's "including no diacritic" setting. "wrong marks %" counts only
letters the system marked and marked differently from gold: a missing mark
is read neutrally by a voice, a wrong one is read wrongly. "rewritten"
counts characters (spaces aside) that differ from the input, "spacing
lines" the lines whose spacing changed, "words vs off" how many words our
rules changed against the rules-off row (how often they fire).

Rows, all in the same run: the library as shipped (its own sentence
splitter); our diacritizer with its rules off (chunking, letter guard,
merge); with our spelling rule (the article's lam); with speech forms too (liaison
before hamzat al-wasl, pausal forms), which are right for a voice and wrong
by Tashkeela's gold, so they get their own row; and with the optional safe
marks on likely names (off by default). Other diacritizers are compared when importable (text2tashkeel:
`pip install text2tashkeel`; not a project dependency). Speed is input
characters per second, the process pinned to one core: per wall-clock
second, and per CPU second of this process (steadier on a shared machine).

    .venv/bin/python bench/diacritics.py [--lines N] [--set fadel_test|our_news]
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from khulasa.speech.diacritics.diacritizers import TashkeelDiacritizer
from khulasa.speech.diacritics.marks import ARABIC_LETTERS, HARAKAT, SHADDA, letters
from shared_data import DATA

RESULTS = Path(__file__).resolve().parent / "results"
NEWS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "news_diacritized.txt"

_NOT_SCORED = re.compile("[^" + "".join(sorted(ARABIC_LETTERS | HARAKAT)) + " ]")


def clean(line: str) -> list[list[tuple[str, str]]]:
    """The line as words of (letter, class): anything else becomes a space, marks after a space go."""
    words = []
    for token in _NOT_SCORED.sub(" ", line).split():
        word: list[tuple[str, str]] = []
        for char in token:
            if char in HARAKAT:
                if word:
                    letter, marks = word[-1]
                    word[-1] = (letter, marks + char)
            else:
                word.append((char, ""))
        if word:
            words.append([(letter, "".join(sorted(set(marks), key=lambda m: (m != SHADDA, m)))) for letter, marks in word])
    return words


def changed(given: str, output: str) -> int:
    """How many characters (spaces aside) differ between the input and the output's letters."""
    a, b = "".join(given.split()), "".join(letters(output).split())
    if a == b:
        return 0
    ops = difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in ops if op != "equal")


@dataclass
class Score:
    """Counts for one system over the whole set."""

    letters: int = 0
    letter_errors: int = 0
    letters_no_ce: int = 0
    letter_errors_no_ce: int = 0
    words: int = 0
    word_errors: int = 0
    word_errors_no_ce: int = 0
    wrong_marks: int = 0
    rewritten: int = 0
    spacing_changed: int = 0
    chars: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    words_changed: int | None = None

    def add(self, gold: str, output: str, given: str) -> None:
        """Score one line; letters are matched in order, so a changed space shifts nothing."""
        self.rewritten += changed(given, output)
        self.spacing_changed += letters(output) != given
        gold_words = clean(gold)
        predicted = [cell for word in clean(output) for cell in word]
        expected = [cell for word in gold_words for cell in word]
        if [c for c, _ in predicted] != [c for c, _ in expected]:
            # Letters changed: align them; a gold letter with no partner counts as wrong.
            aligned: list[str | None] = [None] * len(expected)
            matcher = difflib.SequenceMatcher(None, [c for c, _ in expected], [c for c, _ in predicted], autojunk=False)
            for block in matcher.get_matching_blocks():
                for k in range(block.size):
                    aligned[block.a + k] = predicted[block.b + k][1]
        else:
            aligned = [m for _, m in predicted]
        at = 0
        for word in gold_words:
            guesses = aligned[at : at + len(word)]
            at += len(word)
            wrong = [guess != mark for (_, mark), guess in zip(word, guesses, strict=True)]
            self.wrong_marks += sum(w and bool(guess) for w, guess in zip(wrong, guesses, strict=True))
            self.letters += len(word)
            self.letter_errors += sum(wrong)
            self.letters_no_ce += len(word) - 1
            self.letter_errors_no_ce += sum(wrong[:-1])
            self.words += 1
            self.word_errors += any(wrong)
            self.word_errors_no_ce += any(wrong[:-1])

    def row(self) -> dict[str, float]:
        def pct(n: int, d: int) -> float:
            return round(100 * n / max(1, d), 2)

        return {
            "DER": pct(self.letter_errors, self.letters),
            "DER no CE": pct(self.letter_errors_no_ce, self.letters_no_ce),
            "WER": pct(self.word_errors, self.words),
            "WER no CE": pct(self.word_errors_no_ce, self.words),
            "wrong marks %": pct(self.wrong_marks, self.letters),
            "rewritten": self.rewritten,
            "spacing lines": self.spacing_changed,
            "chars/s": round(self.chars / self.seconds) if self.seconds else 0,
            "chars/CPU s": round(self.chars / self.cpu_seconds) if self.cpu_seconds else 0,
            "words vs off": "" if self.words_changed is None else self.words_changed,
        }


def library_as_shipped() -> Callable[[str], str]:
    from dengjen_tashkeel_py import tashkeel

    return lambda text: str(tashkeel(text))


def others() -> dict[str, Callable[[str], str]]:
    """Other pip-installable diacritizers, compared when importable (never project dependencies)."""
    found: dict[str, Callable[[str], str]] = {}
    try:
        from text2tashkeel import Diacritizer  # pip install text2tashkeel
    except ImportError:
        return found
    for model in ("rawi-ensemble", "rawi-v3-int8"):  # the models bundled in its wheel
        found[f"text2tashkeel {model}"] = Diacritizer(model).diacritize
    # The same model behind our guard and rules: what switching the default would give.
    rawi = Diacritizer("rawi-v3-int8").diacritize
    found["rawi-v3-int8 + guard + rules"] = TashkeelDiacritizer(rawi, speech_forms=False).diacritize
    found["rawi-v3-int8 + guard + rules + speech"] = TashkeelDiacritizer(rawi).diacritize
    return found


RULES_OFF = "model + guard (rules off)"


def systems() -> dict[str, Callable[[str], str]]:
    return {
        "libtashkeel as shipped": library_as_shipped(),
        RULES_OFF: TashkeelDiacritizer(rules=False, speech_forms=False).diacritize,
        "model + our rules": TashkeelDiacritizer(rules=True, speech_forms=False).diacritize,
        "model + rules + speech forms": TashkeelDiacritizer(rules=True, speech_forms=True).diacritize,
        "model + rules + speech + safe names": TashkeelDiacritizer(safe_names=True).diacritize,
        **others(),
    }


SETS = {
    "fadel_test": (DATA / "diacritics" / "fadel_test.txt", "mostly Classical Arabic, not news; gold has full case endings"),
    "our_news": (NEWS, "news sentences we wrote; gold written as a reader says it (pausal forms, liaison)"),
}


def score(path: Path, lines: int, system: Callable[[str], str], baseline: list[str] | None) -> tuple[dict[str, float], list[str]]:
    """Scores of ``system`` on the set, and its outputs; words changed are counted against ``baseline``'s outputs."""
    gold = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if lines:
        gold = gold[:lines]
    given = [letters(line) for line in gold]
    system("تحميل النموذج")  # load outside the clock
    result = Score()
    start, cpu = time.perf_counter(), time.process_time()
    outputs = [system(text) for text in given]
    result.seconds, result.cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    result.chars = sum(map(len, given))
    for g, o, i in zip(gold, outputs, given, strict=True):
        result.add(g, o, i)
    if baseline is not None:
        pairs = zip(baseline, outputs, strict=True)
        result.words_changed = sum(a != b for x, y in pairs for a, b in zip(x.split(), y.split(), strict=False))
    return {"lines": len(gold), "characters": result.chars, **result.row()}, outputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=0, help="score only the first N lines of each set (default: all)")
    parser.add_argument("--set", choices=sorted(SETS), action="append", help="which set(s) to score (default: all)")
    args = parser.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    except (AttributeError, OSError):
        print("could not pin to one core; speed is for all cores", file=sys.stderr)
    out: dict[str, object] = {}
    for set_name in args.set or list(SETS):
        path, about = SETS[set_name]
        results: dict[str, dict[str, float]] = {}
        baseline: list[str] | None = None
        for name, system in systems().items():
            results[name], outputs = score(path, args.lines, system, baseline if name.startswith("model +") else None)
            if name == RULES_OFF:
                baseline = outputs
        first = next(iter(results.values()))
        columns = [c for c in first if c not in ("lines", "characters")]
        width = max(map(len, results))
        print(f"\n{set_name} ({path.name}): {first['lines']} lines, {first['characters']:,} characters; {about}")
        print(f"{'system':<{width}}  " + "  ".join(f"{c:>13}" for c in columns))
        for name, row in results.items():
            print(f"{name:<{width}}  " + "  ".join(f"{row[c]:>13}" for c in columns))
        out[set_name] = {"file": path.name, "about": about, "systems": results}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "diacritics.json").write_text(json.dumps(out, ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
