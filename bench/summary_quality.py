"""Summary quality of the extractive engine against lead and TextRank baselines.

Scores ROUGE-1/2/L F1 (x100) with Google's ``rouge-score`` given a tokenizer
that keeps Arabic (its default deletes it), folding alef forms and stripping
diacritics and tatweel on both sides. With several references per article
the score is the mean over references.

- EASC-Wikipedia: our 2-bullet summary against LEAD-1/2/3, TextRank (2
  sentences) and the lead at matched length (the article's first N words, N
  being our summary's own length), all in this run.
- ARGEn headlines (valid; ``--argen train`` for the training split, the
  only one any weight may be tuned on): our first bullet against the
  headline, with the same baselines at one sentence.
- Seed: our summary against the two reference bullets.
- Faithfulness: over every EASC and ARGEn article, each bullet's words must
  come, in order, from the sentences it cites.

Data is read in place from ../shared/data (override: KHULASA_SHARED_DATA).
Prints tables and writes bench/results/summary_quality.json.

    .venv/bin/python bench/summary_quality.py
    .venv/bin/python bench/summary_quality.py --argen train --sets argen   # while changing the engine
"""

from __future__ import annotations

import argparse
import json
import math
import re
import statistics
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rouge_score import rouge_scorer

from khulasa import config
from khulasa.arabic.normalize import DIACRITICS, TATWEEL
from khulasa.arabic.sentences import split
from khulasa.arabic.tokens import terms, word_count, words
from khulasa.arabic.words import STOPWORDS
from khulasa.errors import KhulasaError
from khulasa.model import Article, Sentence, Summary
from khulasa.summarize.compress import is_faithful
from khulasa.summarize.extractive import ExtractiveEngine, is_credit
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"

_ALEF = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا"})
_WORD = re.compile(r"\w+")


class ArabicTokenizer:
    """rouge-score tokenizer that keeps Arabic: marks and tatweel off, alef forms folded."""

    def tokenize(self, text: str) -> list[str]:
        # the package's marks; not strip_diacritics, whose NFC step would change the tokens measured
        return _WORD.findall(DIACRITICS.sub("", text).replace(TATWEEL, "").translate(_ALEF).lower())


SCORER = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=ArabicTokenizer())
METRICS = ("rouge1", "rouge2", "rougeL")


def rouge(candidate: str, references: Sequence[str]) -> dict[str, float]:
    """F1 x100 per metric, mean over references."""
    scores = [SCORER.score(ref, candidate) for ref in references]
    return {m: 100 * statistics.mean(s[m].fmeasure for s in scores) for m in METRICS}


def story(article: Article, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences baselines may pick: no headings, no credit line."""
    return [s for s in sentences if not s.heading and not is_credit(s, article)] or sentences


def lead(sents: list[Sentence], k: int) -> str:
    return " ".join(s.text for s in sents[:k])


def first_words(text: str, n: int) -> str:
    return " ".join(words(text)[:n])


def textrank(sents: list[Sentence], k: int) -> str:
    """Mihalcea & Tarau's TextRank: overlap similarity, PageRank (d=0.85), top k in reading order."""
    bags = [{t for t in terms(s.text) if t not in STOPWORDS} for s in sents]
    n = len(sents)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        for j in range(i + 1, n):
            common = len(bags[i] & bags[j])
            if common and len(bags[i]) > 1 and len(bags[j]) > 1:
                sim[i][j] = sim[j][i] = common / (math.log(len(bags[i])) + math.log(len(bags[j])))
    out = [sum(row) for row in sim]
    rank = [1.0] * n
    for _ in range(50):
        rank = [0.15 + 0.85 * sum(sim[j][i] / out[j] * rank[j] for j in range(n) if out[j]) for i in range(n)]
    top = sorted(sorted(range(n), key=lambda i: (-rank[i], i))[:k])
    return " ".join(sents[i].text for i in top)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(
    rows: list[dict[str, Any]], engine: ExtractiveEngine, k: int, use_title: bool
) -> tuple[dict[str, dict[str, float]], dict[str, Any]]:
    """Score ours (k bullets) and the baselines over ``rows``; also check faithfulness."""
    systems: dict[str, Callable[[Article, list[Sentence], str], str]] = {
        "LEAD-1": lambda a, s, o: lead(story(a, s), 1),
        "LEAD-2": lambda a, s, o: lead(story(a, s), 2),
        "LEAD-3": lambda a, s, o: lead(story(a, s), 3),
        f"TextRank-{k}": lambda a, s, o: textrank(story(a, s), k),
        "lead, matched length": lambda a, s, o: first_words(a.text, word_count(o)),
        "khulasa extractive": lambda a, s, o: o,
    }
    totals: dict[str, list[dict[str, float]]] = {name: [] for name in systems}
    lengths: dict[str, list[int]] = {name: [] for name in systems}
    checked = faithful = 0
    refused: list[str] = []
    unfaithful: list[str] = []
    for row in rows:
        article = Article(text=row["article"], title=row.get("title") if use_title else None)
        try:
            summary = engine.summarize(article, max(k, 2))
        except KhulasaError as exc:  # e.g. an "article" that is one bracketed line: scored as an empty box
            refused.append(f"{row['id']}: {exc.message}")
            summary = Summary(bullets=(), sentences=tuple(split(article.text)), engine=engine.name)
        for bullet in summary.bullets:
            checked += 1
            if is_faithful(bullet.text, [summary.sentences[i].text for i in bullet.sources]):
                faithful += 1
            else:
                unfaithful.append(f"{row['id']}: {bullet.text}")
        ours = " ".join(b.text for b in summary.bullets[:k])  # k=1: the first bullet of the default box
        refs = row["summaries"]
        for name, system in systems.items():
            text = system(article, list(summary.sentences), ours)
            totals[name].append(rouge(text, refs))
            lengths[name].append(word_count(text))
    table = {
        name: {**{m: statistics.mean(s[m] for s in scores) for m in METRICS}, "words": statistics.mean(lengths[name])}
        for name, scores in totals.items()
    }
    return table, {"bullets": checked, "faithful": faithful, "unfaithful": unfaithful[:10], "refused": refused}


def print_table(title: str, table: dict[str, dict[str, float]]) -> None:
    print(f"\n{title}")
    print(f"{'system':<24}{'words':>7}{'R1':>8}{'R2':>8}{'RL':>8}")
    for name, row in table.items():
        print(f"{name:<24}{row['words']:>7.1f}{row['rouge1']:>8.2f}{row['rouge2']:>8.2f}{row['rougeL']:>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--argen", choices=["valid", "train"], default="valid", help="ARGEn split to score")
    parser.add_argument("--no-title", action="store_true", help="do not give the engine EASC's article titles")
    parser.add_argument(
        "--sets",
        default="easc,argen,seed",
        help="comma-separated sets to score (easc, argen, seed): iterate on '--argen train --sets argen', keep EASC held out",
    )
    args = parser.parse_args()
    sets = {name.strip() for name in args.sets.split(",")}
    engine = ExtractiveEngine(config.load(environ={}))
    results: dict[str, Any] = {}
    if "easc" in sets:
        score_easc(engine, not args.no_title, results)
    if "argen" in sets:
        score_argen(engine, args.argen, results)
    if "seed" in sets:
        score_seed(engine, results)

    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "summary_quality.json"
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nwrote {out.relative_to(ROOT)}")


def score_easc(engine: ExtractiveEngine, use_title: bool, results: dict[str, Any]) -> None:
    """EASC-Wikipedia, two bullets, with every baseline and the faithfulness check."""
    easc, faith = evaluate(read_jsonl(DATA / "summaries" / "easc_wikipedia.jsonl"), engine, 2, use_title)
    print_table("EASC-Wikipedia (106 articles, mean over references, F1 x100): 2 bullets", easc)
    rate = faith["faithful"] / faith["bullets"]
    print(f"faithfulness: {faith['faithful']}/{faith['bullets']} bullets ({100 * rate:.1f}%)")
    for line in faith["unfaithful"]:
        print("  unfaithful:", line)
    for line in faith["refused"]:
        print("  refused (scored as empty):", line)
    results["easc"] = {"table": easc, "faithfulness": faith}


def score_argen(engine: ExtractiveEngine, split_name: str, results: dict[str, Any]) -> None:
    """ARGEn headlines: the first bullet against the headline, and faithfulness of every bullet."""
    argen_rows = read_jsonl(DATA / "summaries" / f"argen_headlines_{split_name}.jsonl")
    argen, argen_checks = evaluate(argen_rows, engine, 1, use_title=False)
    print_table(f"ARGEn headlines ({split_name}, {len(argen_rows)} articles): first bullet vs headline", argen)
    print(f"faithfulness: {argen_checks['faithful']}/{argen_checks['bullets']} bullets")
    for line in argen_checks["unfaithful"]:
        print("  unfaithful:", line)
    for line in argen_checks["refused"]:
        print("  refused (scored as empty):", line)
    results[f"argen_{split_name}"] = argen


def score_seed(engine: ExtractiveEngine, results: dict[str, Any]) -> None:
    """The seed article against its two reference bullets: a box of two, and the box the product makes.

    The product gives an article of the seed's length three bullets (``bullet_count``);
    the reference has two, so the two-bullet box is the like-for-like figure and the
    product's box, with LEAD-3 beside it, shows what the third bullet adds.
    """
    from khulasa.pipeline import bullet_count

    seed = json.loads((DATA / "seed" / "seed.json").read_text(encoding="utf-8"))
    article = Article(text=seed["article"])
    reference = [" ".join(seed["summaries"][0])]
    sents = story(article, split(article.text))
    seed_table = {"LEAD-2": {**rouge(lead(sents, 2), reference), "words": word_count(lead(sents, 2))}}
    automatic = bullet_count(article, engine.settings)
    boxes: dict[int, Summary] = {}
    for k in sorted({2, automatic}):
        boxes[k] = engine.summarize(article, k)
        ours = " ".join(b.text for b in boxes[k].bullets)
        if k != 2:
            seed_table[f"LEAD-{k}"] = {**rouge(lead(sents, k), reference), "words": word_count(lead(sents, k))}
        seed_table[f"khulasa extractive, {k} bullets"] = {**rouge(ours, reference), "words": word_count(ours)}
    print_table("Seed: summary vs the two reference bullets (joined)", seed_table)
    for bullet in boxes[automatic].bullets:
        print(f"  {bullet.sources} {bullet.text}")
    results["seed"] = {"table": seed_table, "bullets": [[b.text, list(b.sources)] for b in boxes[automatic].bullets]}


if __name__ == "__main__":
    main()
