"""Fact coverage and ROUGE of the extractive engine on our composed dev set.

Headlines (ARGEn) say nothing about whether a *second* bullet, or a bullet
that fuses two sentences, is any good. The articles in ``bench/dev/*.jsonl``
were composed by the team with seed-style reference bullets and, for each
bullet, the facts it carries as short phrases of the article. This script
asks, per article: which of those facts does our box keep?

For each article the engine makes as many bullets as the pipeline would
(2, or 3 for long articles: ``khulasa.pipeline.bullet_count``). Reported,
with LEAD-2, LEAD-k (k = the bullet count) and the lead at matched length
(the article's first N words, N being our summary's length) in the same run:

- facts covered (see :func:`carries`), per article and in total;
- ROUGE-1/2/L F1 x100 against the reference bullets joined, scored as
  ``bench/summary_quality.py`` scores (its tokenizer and folds);
- mean bullet length in words and the share of bullets of 20–35 words.

The set is checked before anything is scored: every fact phrase must occur
in its article, every reference bullet must be one sentence of 22–35 words,
and the bullet count must match the article's length. A broken fact would
otherwise be a silent zero, so the script stops and names it.

This is the set to tune on; EASC, ARGEn valid and the seed stay held out
(``--seed`` scores the seed too, read in place, for a look, not for tuning).

    .venv/bin/python bench/fact_coverage.py
    .venv/bin/python bench/fact_coverage.py --show          # bullets next to the facts they missed
    .venv/bin/python bench/fact_coverage.py --seed bench/dev/newsroom_a.jsonl

Writes bench/results/fact_coverage.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khulasa import config
from khulasa.arabic.tokens import terms, word_count
from khulasa.config import Settings
from khulasa.model import Article
from khulasa.pipeline import bullet_count
from khulasa.summarize.extractive import ExtractiveEngine

sys.path.insert(0, str(Path(__file__).resolve().parent))
from shared_data import DATA
from summary_quality import METRICS, RESULTS, first_words, rouge, story

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "bench" / "dev"

REFERENCE_LONG = 600
"""Words from which the set's writers gave an article three reference bullets (the engine's threshold when
they wrote it; the engine now gives three from ``long_article_words``, and its extra bullet can only keep more facts)."""
MAX_GAP = 3
"""Words a summary may hold between two consecutive words of a fact phrase (see :func:`carries`)."""
REFERENCE_WORDS = (22, 35)
"""Length bounds for a reference bullet of the dev set."""
SEED_LENGTH = (20, 35)
"""The seed-style bullet length: the share of our bullets inside it is reported."""

SEED_FACTS: list[list[list[str]]] = [
    [
        ["تكهنات بعزم بوتين", "بزيارة وشيكة"],  # speculation about the visit
        ["الاستعدادات للزيارة بلغت مرحلة متقدمة", "بلغت مرحلة متقدمة"],  # the preparations are advanced
        ["تعزيز التعاون", "في جميع المجالات"],  # Russia wants cooperation in all fields
    ],
    [
        ["العلاقات الدبلوماسية والأمنية"],  # growing diplomatic and security ties
        ["بإرسال أسلحة إلى روسيا", "اتهامات إلى بيونغ يانغ"],  # the weapons accusations
    ],
]
"""The seed's facts, per reference bullet, as phrases located in the seed article."""


class BrokenSet(Exception):
    """The dev set itself is wrong (a fact not in its article, a bullet out of bounds)."""


def _same(summary_word: str, fact_word: str) -> bool:
    """Equal normalized words, allowing a conjunction و/ف written onto either one.

    A sentence-initial "وأعلن" often loses or gains its و when a clause is
    cut loose by compression; the fact is the same fact.
    """
    if summary_word == fact_word:
        return True
    return any(summary_word == p + fact_word or fact_word == p + summary_word for p in ("و", "ف"))


def carries(segment: Sequence[str], phrase: Sequence[str], max_gap: int = MAX_GAP) -> bool:
    """Whether the normalized words of ``phrase`` occur in ``segment`` in order, at most ``max_gap`` apart.

    Both are lists of :func:`khulasa.arabic.tokens.terms` (alef, ya, taa
    marbuta and hamza folded, marks off), so spelling variants never decide.
    In order, because the extractive engine only deletes words and never
    reorders them; with small gaps allowed, because compression may delete a
    word or two inside a fact ("بلغت مرحلة متقدمة" survives as "بلغت مرحلة
    متقدمة" or as "بلغت ... مرحلة متقدمة"); not with unlimited gaps, because
    then the common words of a phrase ("في", "على") would be found scattered
    across a 30-word bullet and credit a fact that is not there. Matching
    is per bullet for the same reason. ``max_gap=0`` asks for the phrase as
    written, which is how the set's own facts are checked against their
    article.
    """
    if not phrase:
        return False

    def rest(start: int, k: int) -> bool:
        if k == len(phrase):
            return True
        stop = min(len(segment), start + max_gap + 1)
        return any(_same(segment[j], phrase[k]) and rest(j + 1, k + 1) for j in range(start, stop))

    return any(_same(word, phrase[0]) and rest(i + 1, 1) for i, word in enumerate(segment))


def covered(facts: Sequence[Sequence[str]], segments: Sequence[str]) -> list[bool]:
    """For each fact (a list of alternative phrases), whether some segment carries some alternative."""
    bags = [terms(s) for s in segments]
    return [any(carries(bag, terms(alt)) for alt in alternatives for bag in bags) for alternatives in facts]


@dataclass
class Row:
    """One dev article: its text, its reference bullets, and the facts of the first reference."""

    id: str
    article: str
    title: str | None
    references: list[list[str]]
    facts: list[list[list[str]]] = field(default_factory=list)

    @property
    def flat_facts(self) -> list[list[str]]:
        return [fact for bullet in self.facts for fact in bullet]


def check(row: Row, source: str) -> list[str]:
    """Every way ``row`` breaks the set's rules, one sentence each (empty when it is sound)."""
    problems: list[str] = []
    where = f"{source} {row.id}"
    n = word_count(row.article)
    if not row.references or not row.references[0]:
        return [f"{where}: no reference bullets"]
    expected = 3 if n >= REFERENCE_LONG else 2
    for reference in row.references:
        if len(reference) != expected:
            problems.append(f"{where}: {len(reference)} reference bullets for a {n}-word article (want {expected})")
        for bullet in reference:
            length = word_count(bullet)
            if not REFERENCE_WORDS[0] <= length <= REFERENCE_WORDS[1]:
                problems.append(f"{where}: reference bullet of {length} words (want 22–35): {bullet[:60]}…")
            if not bullet.rstrip().endswith("."):
                problems.append(f"{where}: reference bullet does not end with '.': {bullet[:60]}…")
    if len(row.facts) != len(row.references[0]):
        problems.append(f"{where}: {len(row.facts)} fact lists for {len(row.references[0])} reference bullets")
    article_terms = terms(row.article)
    for b, bullet_facts in enumerate(row.facts, 1):
        if not 2 <= len(bullet_facts) <= 4:
            problems.append(f"{where}: bullet {b} has {len(bullet_facts)} facts (want 2–4)")
        for alternatives in bullet_facts:
            if not alternatives:
                problems.append(f"{where}: bullet {b} has a fact with no phrase")
            for phrase in alternatives:
                if not carries(article_terms, terms(phrase), max_gap=0):
                    problems.append(f"{where}: fact phrase not in the article: «{phrase}»")
    return problems


def read_dev(paths: Sequence[Path]) -> list[Row]:
    """All rows of ``paths``, checked; raises :class:`BrokenSet` naming every problem."""
    rows: list[Row] = []
    problems: list[str] = []
    seen: set[str] = set()
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
                row = Row(raw["id"], raw["article"], raw.get("title"), raw["summaries"], raw.get("facts", []))
            except (ValueError, KeyError, TypeError) as exc:
                problems.append(f"{path.name} line {number}: not a dev row ({exc})")
                continue
            if row.id in seen:
                problems.append(f"{path.name} {row.id}: id used twice")
            seen.add(row.id)
            problems += check(row, path.name)
            rows.append(row)
    if problems:
        raise BrokenSet("\n".join(problems))
    return rows


def seed_row() -> Row:
    """The seed, read in place, with the facts located in it by hand (:data:`SEED_FACTS`)."""
    seed = json.loads((DATA / "seed" / "seed.json").read_text(encoding="utf-8"))
    return Row("seed", seed["article"], None, seed["summaries"], SEED_FACTS)


def score(rows: list[Row], engine: ExtractiveEngine, settings: Settings) -> dict[str, Any]:
    """Run ours and the baselines over ``rows``; per-article details and per-system means."""
    names = ("LEAD-2", "LEAD-k", "lead, matched length", "khulasa extractive")
    sums: dict[str, dict[str, list[float]]] = {name: {m: [] for m in (*METRICS, "words")} for name in names}
    hits = dict.fromkeys(names, 0)
    total_facts = 0
    lengths: list[int] = []
    articles: list[dict[str, Any]] = []
    for row in rows:
        article = Article(text=row.article, title=row.title)
        k = bullet_count(article, settings)
        summary = engine.summarize(article, k)
        sents = story(article, list(summary.sentences))
        bullets = [b.text for b in summary.bullets]
        ours = " ".join(bullets)
        segments = {
            "LEAD-2": [s.text for s in sents[:2]],
            "LEAD-k": [s.text for s in sents[:k]],
            "lead, matched length": [first_words(row.article, word_count(ours))],
            "khulasa extractive": bullets,
        }
        references = [" ".join(reference) for reference in row.references]
        facts = row.flat_facts
        total_facts += len(facts)
        detail: dict[str, Any] = {"id": row.id, "words": word_count(row.article), "bullets": bullets, "facts": len(facts)}
        for name, parts in segments.items():
            got = covered(facts, parts)
            hits[name] += sum(got)
            scores = rouge(" ".join(parts), references)
            for m in METRICS:
                sums[name][m].append(scores[m])
            sums[name]["words"].append(word_count(" ".join(parts)))
            detail[name] = {"facts": sum(got), **scores}
            if name == "khulasa extractive":
                detail["missed"] = [alternatives[0] for alternatives, hit in zip(facts, got, strict=True) if not hit]
        lengths += [word_count(b) for b in bullets]
        detail["references"] = row.references[0]
        articles.append(detail)
    table = {
        name: {
            "facts": 100 * hits[name] / total_facts if total_facts else 0.0,
            **{m: statistics.mean(values) for m, values in sums[name].items()},
        }
        for name in names
    }
    low, high = SEED_LENGTH
    shape = {
        "bullets": len(lengths),
        "mean_words": statistics.mean(lengths) if lengths else 0.0,
        "within_20_35": sum(low <= n <= high for n in lengths) / len(lengths) if lengths else 0.0,
    }
    return {"table": table, "facts": {name: [hits[name], total_facts] for name in names}, "shape": shape, "articles": articles}


def print_report(title: str, result: dict[str, Any], show: bool) -> None:
    print(f"\n{title}")
    print(f"{'article':<10}{'words':>6}{'facts':>7}{'ours':>6}{'lead=':>6}{'L-k':>5}{'R1':>7}{'R2':>7}{'RL':>7}")
    for a in result["articles"]:
        ours = a["khulasa extractive"]
        print(
            f"{a['id']:<10}{a['words']:>6}{a['facts']:>7}{ours['facts']:>6}{a['lead, matched length']['facts']:>6}"
            f"{a['LEAD-k']['facts']:>5}{ours['rouge1']:>7.1f}{ours['rouge2']:>7.1f}{ours['rougeL']:>7.1f}"
        )
    print(f"\n{'system':<24}{'words':>7}{'facts':>10}{'facts %':>9}{'R1':>8}{'R2':>8}{'RL':>8}")
    for name, row in result["table"].items():
        got, total = result["facts"][name]
        print(
            f"{name:<24}{row['words']:>7.1f}{f'{got}/{total}':>10}{row['facts']:>9.1f}"
            f"{row['rouge1']:>8.2f}{row['rouge2']:>8.2f}{row['rougeL']:>8.2f}"
        )
    shape = result["shape"]
    print(
        f"our bullets: {shape['bullets']}, mean {shape['mean_words']:.1f} words, "
        f"{100 * shape['within_20_35']:.0f}% within {SEED_LENGTH[0]}–{SEED_LENGTH[1]} words"
    )
    if show:
        for a in result["articles"]:
            print(f"\n== {a['id']} ({a['words']} words): {a['khulasa extractive']['facts']}/{a['facts']} facts")
            for bullet in a["bullets"]:
                print(f"  ours ({word_count(bullet)}w): {bullet}")
            for bullet in a["references"]:
                print(f"  ref  ({word_count(bullet)}w): {bullet}")
            for fact in a["missed"]:
                print(f"  missed: {fact}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, help="dev files to score (default: every bench/dev/*.jsonl)")
    parser.add_argument("--seed", action="store_true", help="also score the seed, read in place (held out: look, don't tune)")
    parser.add_argument("--show", action="store_true", help="print each article's bullets next to the facts they missed")
    args = parser.parse_args()
    settings = config.load(environ={})
    engine = ExtractiveEngine(settings)
    paths = args.files or sorted(DEV.glob("*.jsonl"))
    try:
        rows = read_dev(paths)
    except BrokenSet as exc:
        sys.exit(f"fact_coverage: the dev set is broken; fix these first:\n{exc}")
    results: dict[str, Any] = {"files": [p.name for p in paths]}
    if rows:
        results["dev"] = score(rows, engine, settings)
        title = f"Dev set ({len(rows)} articles from {', '.join(p.name for p in paths)}): facts and ROUGE F1 x100"
        print_report(title, results["dev"], args.show)
    if args.seed:
        seed = seed_row()
        problems = check(seed, "seed.json")
        if problems:
            sys.exit("fact_coverage: the seed's facts do not fit the seed:\n" + "\n".join(problems))
        results["seed"] = score([seed], engine, settings)
        print_report("Seed (held out): facts and ROUGE F1 x100", results["seed"], args.show)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "fact_coverage.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
