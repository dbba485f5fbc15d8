"""Sentence integrity of the default engine's bullets, with LEAD-2 through the same check.

Every bullet the extractive engine makes (3 per article, the default box)
for every public set goes through :mod:`khulasa.summarize.integrity`, with
its source sentences: EASC-Wikipedia, ARGEn valid and train, the extraction
pages (read with the project's ingest, as ``bench/extraction.py`` does), the
dev set (``bench/dev``) and the seed. LEAD-2 (the first two story sentences,
whole) goes through the same check beside it: the rate a lead box would
show. Counts are printed by defect kind and set; the target is 0 for Khulasa.

Then the check itself is measured by perturbation: each defect is made on
purpose in bullets that passed (a closing quotation mark deleted, an «إنّ»
deleted before a plural subject, the noun of a time adjective deleted, …),
and the share the check catches is its recall for that kind.

    .venv/bin/python bench/integrity.py [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from khulasa import config
from khulasa.arabic.sentences import split
from khulasa.errors import KhulasaError
from khulasa.ingest.extract import extract
from khulasa.model import Article
from khulasa.summarize import integrity
from khulasa.summarize.extractive import ExtractiveEngine, is_credit
from khulasa.summarize.perturb import PERTURBATIONS
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"


def articles() -> Iterator[tuple[str, Article]]:
    """(set name, article) for every public set."""
    for name, file in (
        ("easc", "easc_wikipedia.jsonl"),
        ("argen_valid", "argen_headlines_valid.jsonl"),
        ("argen_train", "argen_headlines_train.jsonl"),
    ):
        with (DATA / "summaries" / file).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    yield name, Article(text=row["article"], title=row.get("title"))
    base = DATA / "extraction"
    for page in json.loads((base / "pages.json").read_text(encoding="utf-8")):
        if page["lang"] != "ar":
            continue
        try:
            yield "extraction", extract((base / page["file"]).read_text(encoding="utf-8", errors="replace"), page.get("url"))
        except KhulasaError:
            continue
    for path in sorted((ROOT / "bench" / "dev").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                yield "dev", Article(text=row["article"], title=row.get("title"))
    seed = json.loads((DATA / "seed" / "seed.json").read_text(encoding="utf-8"))
    yield "seed", Article(text=seed["article"])


def lead_box(article: Article) -> tuple[list[str], list[list[str]]]:
    """LEAD-2: the first two story sentences as they stand, each its own source."""
    story = [s for s in split(article.text) if not s.heading and not is_credit(s, article)][:2]
    return [s.text for s in story], [[s.text] for s in story]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=3, help="examples to print per defect kind (default 3)")
    args = parser.parse_args()
    engine = ExtractiveEngine(config.load(environ={}))
    counts: dict[str, dict[str, Counter[str]]] = {"khulasa": {}, "lead-2": {}}
    bullets: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    passing: list[tuple[str, list[str]]] = []
    for name, article in articles():
        try:
            summary = engine.summarize(article, 3)
        except KhulasaError:
            continue
        texts = [b.text for b in summary.bullets]
        sources = [[summary.sentences[i].text for i in b.sources] for b in summary.bullets]
        lead = lead_box(article)
        bullets[name] += len(texts)
        bullets[f"lead-2 {name}"] += len(lead[0])
        for system, (box, srcs) in (("khulasa", (texts, sources)), ("lead-2", lead)):
            tally = counts[system].setdefault(name, Counter())
            for text, src, defects in zip(box, srcs, integrity.check_box(box, srcs, article.text), strict=True):
                tally.update({d.kind for d in defects})
                if system == "khulasa":
                    for d in defects:
                        examples.setdefault(d.kind, []).append(f"[{name}] {text}\n      → {d.detail}")
                    if not defects:
                        passing.append((text, src))
    kinds = sorted({kind for kind, _ in (*integrity.BULLET_RULES, *integrity.CUT_RULES)} | {"referent"})
    for system, per_set in counts.items():
        print(f"\n{system}: bullets with each defect, by set")
        print(f"{'set':<13}{'bullets':>8}" + "".join(f"{k[:11]:>12}" for k in kinds) + f"{'total':>8}")
        for name, tally in per_set.items():
            n = bullets[name] if system == "khulasa" else bullets[f"lead-2 {name}"]
            print(f"{name:<13}{n!s:>8}" + "".join(f"{tally[k]:>12}" for k in kinds) + f"{sum(tally.values()):>8}")
    for kind, lines in examples.items():
        print(f"\n{kind}:")
        for line in lines[: args.show]:
            print("   ", line)
    alarms, written = written_boxes()
    print(f"\nfalse alarms on boxes people wrote (dev and seed references, checked as a model's): {len(alarms)}/{written}")
    for line in alarms[: args.show]:
        print("   ", line)
    recall = perturbation_recall(passing)
    print("\nperturbation recall (defects made on purpose in passing Khulasa bullets)")
    for kind, (caught, made) in recall.items():
        print(f"  {kind:<20}{caught:>5}/{made:<5}{100 * caught / made if made else 0:>7.1f}%")
    RESULTS.mkdir(exist_ok=True)
    out = {
        "counts": {s: {n: dict(t) for n, t in per.items()} for s, per in counts.items()},
        "bullets": dict(bullets),
        "recall": {k: {"caught": c, "made": m} for k, (c, m) in recall.items()},
        "written_false_alarms": {"flagged": len(alarms), "bullets": written},
    }
    (RESULTS / "integrity.json").write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


def written_boxes() -> tuple[list[str], int]:
    """The check on faithful boxes written by people (the dev set's and the seed's references), without sources:
    the way a language model's bullets are checked. Every flag is a false alarm that would cost a retry."""
    rows = [json.loads(line) for path in sorted((ROOT / "bench" / "dev").glob("*.jsonl")) for line in path.open(encoding="utf-8")]
    seed = json.loads((DATA / "seed" / "seed.json").read_text(encoding="utf-8"))
    alarms: list[str] = []
    written = 0
    for row in [*rows, seed]:
        for box in row["summaries"]:
            written += len(box)
            for text, defects in zip(box, integrity.check_box(box, None, row["article"]), strict=True):
                alarms += [f"{text}\n      → {d.kind}: {d.detail}" for d in defects]
    return alarms, written


def perturbation_recall(passing: list[tuple[str, list[str]]]) -> dict[str, tuple[int, int]]:
    """For each perturbation, (caught, made) over the passing bullets it applies to."""
    start = time.perf_counter()
    out: dict[str, tuple[int, int]] = {}
    for kind, perturb in PERTURBATIONS.items():
        caught = made = 0
        for text, src in passing:
            broken = perturb(text, src)
            if broken is None:
                continue
            bullet, sources = broken
            made += 1
            caught += bool(integrity.check(bullet, sources))
        out[kind] = (caught, made)
    print(f"(perturbation took {time.perf_counter() - start:.1f} s)", file=sys.stderr)
    return out


if __name__ == "__main__":
    sys.exit(main())
