"""A blind editor's reading of Khulasa's box against LEAD-2, repeatable.

ROUGE says how many words a box shares with a reference; an editor asks
whether the box could be published: whole sentences, the story's distinct
facts, no repeats. This script makes that reading repeatable.

``prepare`` writes one Markdown sheet per article (title, text, two
unlabelled boxes «أ» and «ب» and a form), grouped in batch files of
``--per-batch`` sheets so that one reviewer fills one batch. One box is
Khulasa's (``pipeline.summarize``, the product's path), the other LEAD-2:
the article's first two story sentences, whole. Which is «أ» is drawn per
article by a seeded RNG and written to a key file that is kept *outside*
the sheets folder: the reviewer never sees it.

Articles (all public or ours, read in place): the Arabic pages of
``extraction/pages.json`` (extracted as the product extracts them), the
seed, the whole dev set ``bench/dev/*.jsonl`` and a fixed sample of
EASC-Wikipedia.

``score`` reads filled sheets. Each sheet's form is a fenced block::

    ```form id=dev-a01
    A: coverage=4 redundancy=5 fluency=5 standalone=4 style=4
    B: coverage=3 redundancy=5 fluency=4 standalone=4 style=3
    A failures: missing headline fact
    B failures: broken sentence, repetition
    better: A
    notes: …
    ```

Parsing is forgiving: «أ»/«ب» for A/B, any case, ``:`` or ``=`` and commas
or spaces between scores, criteria by their first letters (``cov=4``),
Arabic digits, ``better: tie``/``=``/``تعادل``. A form without all ten
scores and a verdict is reported as unparseable, never guessed. Then the
key un-blinds it, and the script prints the mean per system per criterion,
per source, Khulasa's wins/ties/losses against LEAD-2 and the failures
named per system (broken sentences first).

    .venv/bin/python bench/editor_review.py prepare bench/editor/sheets --key bench/editor/key.json
    .venv/bin/python bench/editor_review.py score bench/editor/sheets --key bench/editor/key.json

Held-out news: ``--set held-out`` draws ARGEn validation articles,
``--set held-out-train`` training ones, ``--set fresh`` the clean
newspaper articles of ``bench/fresh`` composed after the engine;
``--exclude`` leaves out the articles earlier keys showed. ``--setting KHULASA_…=…`` makes Khulasa's box
under other settings, and ``--versus KHULASA_…=…`` puts Khulasa under those
settings in LEAD-2's place, on the articles whose boxes differ only: a
head-to-head A/B of a change::

    .venv/bin/python bench/editor_review.py prepare bench/editor/ab --key bench/editor/ab-key.json \
        --set held-out-train --versus KHULASA_BULLET_MAX_WORDS=40

``--against REVISION`` does the same for any change, not only a setting:
the other box is made by that git revision's engine (its ``src`` taken out
with ``git archive`` and run in a child process)::

    .venv/bin/python bench/editor_review.py prepare bench/editor/ab --key bench/editor/ab-key.json \
        --set held-out-train --against c1380a9

Filled sheets are data: keep them under ``bench/editor/``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "bench" / "dev"
FRESH = ROOT / "bench" / "fresh"

CRITERIA = ("coverage", "redundancy", "fluency", "standalone", "style")
"""What each box is scored on, 1–5: key distinct facts covered / no repeats / fluent Arabic /
understood without the article / fits the seed's style (two or three whole, factual bullets)."""
SYSTEMS = ("khulasa", "lead2")
FAILURES = (
    "broken sentence",
    "lost referent",
    "repetition",
    "missing headline fact",
    "first person or byline",
    "question or teaser",
    "dateline or agency tag",
    "side detail instead of a fact",
)
"""Failures the form offers by name (a reviewer may name others)."""
EASC_SAMPLE = 10
SEED = 20261207


@dataclass(frozen=True)
class Item:
    """One article to review."""

    id: str
    source: str
    title: str | None
    text: str


@dataclass
class Form:
    """One filled form as read from a sheet: scores per box (A/B), failures, verdict."""

    id: str
    scores: dict[str, dict[str, int]] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)
    better: str | None = None  # "A", "B" or "tie"


# ---------------------------------------------------------------------------------------------- prepare


HELD_OUT_SAMPLE = 30


def held_out(
    seed: int, exclude: frozenset[str] = frozenset(), split: str = "valid", size: int | None = HELD_OUT_SAMPLE
) -> list[Item]:
    """Articles no rule or weight was tuned on: a seeded sample of ARGEn's validation split.

    The engine's weights were fitted on ARGEn's train split and its rules were
    written reading the pages, the dev set, EASC and the seed; the validation
    split's articles were only ever scored by ROUGE against their headlines.
    Each keeps its headline as its title, as a CMS would send it. ``exclude``
    holds the ids an earlier round showed: once its sheets were read and the
    engine changed for what they found, those articles are tuned on.

    With ``split="train"`` the sample comes from ARGEn's training split: a
    few weights were fitted there by ROUGE over all of it, but no rule was
    written reading any one of its articles, and after five rounds the
    validation split has too few unread articles left for a round. With
    ``size`` None every unread article comes, in the seed's random order.
    """
    from shared_data import DATA

    rows = [r for r in _jsonl(DATA / "summaries" / f"argen_headlines_{split}.jsonl") if str(r["id"]) not in exclude]
    if size is None:
        rows = sorted(rows, key=lambda r: str(r["id"]))
        random.Random(seed).shuffle(rows)
        return [Item(str(r["id"]), f"argen-{split}", (r.get("summaries") or [None])[0], r["article"]) for r in rows]
    picked = sorted(random.Random(seed).sample(rows, min(size, len(rows))), key=lambda r: str(r["id"]))
    return [Item(str(r["id"]), f"argen-{split}", (r.get("summaries") or [None])[0], r["article"]) for r in picked]


def fresh(exclude: frozenset[str] = frozenset()) -> list[Item]:
    """Newspaper articles composed after the engine was written (``bench/fresh/*.jsonl``), in id order.

    The ARGEn articles held out so far are scraped copy: figures replaced by
    «URL», tables and subheadings run into sentences. These are clean site
    copy, the kind a newsroom sends, written for a reading and never tuned
    on; ``exclude`` leaves out the ones an earlier round showed.
    """
    rows = [row for path in sorted(FRESH.glob("*.jsonl")) for row in _jsonl(path) if str(row["id"]) not in exclude]
    return [Item(str(r["id"]), "fresh", r.get("title"), r["article"]) for r in sorted(rows, key=lambda r: str(r["id"]))]


def _pool(which: str, seed: int, shown: frozenset[str], size: int | None = HELD_OUT_SAMPLE) -> list[Item]:
    """The articles a round draws from: the tuned set, the fresh set, or a sample of ARGEn's split."""
    if which == "tuned":
        return articles()
    if which == "fresh":
        return fresh(shown)
    return held_out(seed, shown, "train" if which == "held-out-train" else "valid", size)


def articles() -> list[Item]:
    """The review set the engine was tuned beside, in a fixed order."""
    from khulasa.errors import KhulasaError
    from khulasa.ingest.extract import extract
    from shared_data import DATA

    items: list[Item] = []
    base = DATA / "extraction"
    for page in json.loads((base / "pages.json").read_text(encoding="utf-8")):
        if page["lang"] != "ar":
            continue
        html = (base / page["file"]).read_text(encoding="utf-8", errors="replace")
        try:
            article = extract(html, page.get("url"))
        except KhulasaError as exc:
            print(f"skipped page {page['id']}: {exc.message}", file=sys.stderr)
            continue
        items.append(Item(f"page-{page['id']}", "pages", article.title, article.text))
    seed = json.loads((DATA / "seed" / "seed.json").read_text(encoding="utf-8"))
    items.append(Item("seed", "seed", seed.get("title"), seed["article"]))
    for path in sorted(DEV.glob("*.jsonl")):
        for row in _jsonl(path):
            items.append(Item(row["id"], "dev", row.get("title"), row["article"]))
    easc = _jsonl(DATA / "summaries" / "easc_wikipedia.jsonl")
    for row in sorted(random.Random(SEED).sample(easc, min(EASC_SAMPLE, len(easc))), key=lambda r: str(r["id"])):
        items.append(Item(str(row["id"]), "easc", row.get("title"), row["article"]))
    return items


def _jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def boxes(item: Item, settings: dict[str, str] | None = None) -> dict[str, list[str]]:
    """Khulasa's box (the product's path) and LEAD-2 (the first two story sentences, whole).

    ``settings`` are ``KHULASA_*`` values to try (``{"KHULASA_BULLETS": "3"}``); the defaults without them.
    """
    from khulasa.arabic.sentences import split
    from khulasa.model import Article
    from khulasa.summarize.extractive import is_credit

    article = Article(text=item.text, title=item.title)
    sentences = split(article.text)
    story = [s for s in sentences if not s.heading and not is_credit(s, article)] or sentences
    return {"khulasa": box(item, settings), "lead2": [s.text for s in story[:2]]}


def box(item: Item, settings: dict[str, str] | None = None) -> list[str]:
    """Khulasa's box alone, as :func:`boxes` makes it."""
    from khulasa import config, pipeline
    from khulasa.model import Article

    summary = pipeline.summarize(Article(text=item.text, title=item.title), config.load(environ=settings or {}))
    return [b.text for b in summary.bullets]


def sheet(item: Item, number: int, shown: dict[str, list[str]]) -> str:
    """One article's Markdown sheet: article, boxes «أ» and «ب», and the form to fill."""
    lines = [f"## Sheet {number}: `{item.id}`", ""]
    lines += ["### العنوان", "", item.title or "(بلا عنوان)", "", "### النص", ""]
    lines += [p.strip() for p in item.text.split("\n") if p.strip()]
    for label, name in (("أ", "A"), ("ب", "B")):
        lines += ["", f"### الصندوق «{label}» ({name})", ""]
        lines += [f"- {b}" for b in shown[name]] or ["- (فارغ)"]
    lines += [
        "",
        "### Form",
        "",
        "Scores 1–5 (5 best): coverage of the key distinct facts, non-redundancy, fluency, standalone clarity, seed-style fit.",
        f"Failures, comma-separated, e.g.: {', '.join(FAILURES)}.",
        "better: A, B or tie.",
        "",
        f"```form id={item.id}",
        "A: coverage=  redundancy=  fluency=  standalone=  style=",
        "B: coverage=  redundancy=  fluency=  standalone=  style=",
        "A failures: ",
        "B failures: ",
        "better: ",
        "notes: ",
        "```",
        "",
    ]
    return "\n".join(lines)


def prepare(
    out: Path,
    key_path: Path,
    per_batch: int,
    seed: int,
    which: str = "tuned",
    exclude: Sequence[Path] = (),
    settings: dict[str, str] | None = None,
    versus: dict[str, str] | None = None,
    against: str | None = None,
) -> None:
    """Write the batch files to ``out`` and the key (which box is whose) to ``key_path``.

    With ``versus`` the other box is not LEAD-2 but Khulasa's under those
    settings too (in the key and the scores it keeps the name «lead2»; the
    key's ``systems`` says what each name was): a head-to-head reading of
    two settings, only on the articles whose boxes they make differently,
    which is far more sensitive than two readings against LEAD-2. With
    ``against`` (a git revision) the other box is the engine of that
    revision's ``src``, the same way: a head-to-head of any change.
    """
    if key_path.resolve().is_relative_to(out.resolve()):
        raise SystemExit("the key must not be inside the sheets folder: reviewers would see it.")
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    key: dict[str, dict[str, str]] = {}
    batches: list[list[str]] = [[]]
    shown = frozenset(i for path in exclude for i in json.loads(path.read_text(encoding="utf-8"))["boxes"])
    limit = None if which in ("tuned", "fresh") else HELD_OUT_SAMPLE  # an A/B reads every differing box of a small set
    if against is not None:
        made_all = differing_from(_pool(which, seed, shown, size=None), against, settings or {}, limit)
    elif versus is None:
        made_all = [(item, made) for item in _pool(which, seed, shown) if (made := _boxes_or_none(item, settings)) is not None]
    else:
        made_all = differing(_pool(which, seed, shown, size=None), settings or {}, {**(settings or {}), **versus}, limit)
    for number, (item, made) in enumerate(made_all, 1):
        first = rng.choice(SYSTEMS)
        second = next(s for s in SYSTEMS if s != first)
        key[item.id] = {"A": first, "B": second, "source": item.source}
        if len(batches[-1]) == per_batch:
            batches.append([])
        batches[-1].append(sheet(item, number, {"A": made[first], "B": made[second]}))
    for index, sheets in enumerate(batches, 1):
        header = f"# Editor review, batch {index}\n\nRead each article, then fill its form. Boxes are unlabelled on purpose.\n\n"
        (out / f"batch_{index:02d}.md").write_text(header + "\n".join(sheets), encoding="utf-8")
    key_path.parent.mkdir(parents=True, exist_ok=True)
    record: dict[str, Any] = {"seed": seed, "boxes": key}
    if versus is not None:
        record["systems"] = {"khulasa": _label(settings or {}), "lead2": _label({**(settings or {}), **versus})}
    if against is not None:
        record["systems"] = {"khulasa": f"{_revision('HEAD')} (working tree)", "lead2": _revision(against)}
    key_path.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"wrote {len(key)} sheets in {len(batches)} batches to {out}; key in {key_path}")


def _boxes_or_none(item: Item, settings: dict[str, str] | None) -> dict[str, list[str]] | None:
    """The two boxes, or None (said on stderr) for an article the engine refuses: there is nothing to compare."""
    from khulasa.errors import KhulasaError

    try:
        return boxes(item, settings)
    except KhulasaError as exc:
        print(f"skipped {item.id}: {exc.message}", file=sys.stderr)
        return None


def differing(
    items: Iterable[Item], first: dict[str, str], second: dict[str, str], limit: int | None = None
) -> list[tuple[Item, dict[str, list[str]]]]:
    """Khulasa's boxes under two settings (as «khulasa» and «lead2»), for the articles where they differ, in order.

    An article the engine refuses (no sentence to summarize) is passed over,
    as is one both settings box alike: reading it says nothing of the change.
    """
    return _differing(((item, _box_or_none(item, first), lambda item=item: _box_or_none(item, second)) for item in items), limit)


def _box_or_none(item: Item, settings: dict[str, str]) -> list[str] | None:
    """Khulasa's box, or None for an article the engine refuses."""
    from khulasa.errors import KhulasaError

    try:
        return box(item, settings)
    except KhulasaError:
        return None


def _differing(
    made: Iterable[tuple[Item, list[str] | None, Callable[[], list[str] | None]]], limit: int | None
) -> list[tuple[Item, dict[str, list[str]]]]:
    """The articles whose two boxes differ («khulasa», then the other as «lead2»), up to ``limit``, in id order.

    The other box is made only when the first is, and none past the limit.
    """
    out: list[tuple[Item, dict[str, list[str]]]] = []
    for item, one, make_other in made:
        other = make_other() if one is not None else None
        if one is not None and other is not None and one != other:
            out.append((item, {"khulasa": one, "lead2": other}))
        if limit is not None and len(out) == limit:
            break
    return sorted(out, key=lambda pair: pair[0].id)


_BOXES_AT = """
import json, sys
from khulasa import config, pipeline
from khulasa.errors import KhulasaError
from khulasa.model import Article
settings = config.load(environ=json.loads(sys.argv[1]))
for line in sys.stdin:
    row = json.loads(line)
    try:
        made = [b.text for b in pipeline.summarize(Article(text=row["text"], title=row["title"]), settings).bullets]
    except KhulasaError:
        made = None
    print(json.dumps(made, ensure_ascii=False), flush=True)
"""
"""Run with an older ``src`` first on the path: one box per article read from stdin, as JSON lines."""


def boxes_at(revision: str, items: Sequence[Item], settings: dict[str, str]) -> list[list[str] | None]:
    """The boxes the engine of ``revision`` makes for ``items`` (None where it refuses one), in a child process.

    The revision's ``src`` is taken out of git into a temporary folder
    (``git archive``) and put first on the child's path; the packages it
    needs are this environment's, so a revision far back may need older ones.
    """
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "src"], capture_output=True, check=True)
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(folder, filter="data")
        env = {**os.environ, "PYTHONPATH": str(Path(folder) / "src")}
        rows = "".join(json.dumps({"text": i.text, "title": i.title}, ensure_ascii=False) + "\n" for i in items)
        command = [sys.executable, "-c", _BOXES_AT, json.dumps(settings)]
        done = subprocess.run(command, input=rows, capture_output=True, text=True, env=env, check=True)
    return [json.loads(line) for line in done.stdout.splitlines()]


def differing_from(
    items: Sequence[Item], revision: str, settings: dict[str, str], limit: int | None = None
) -> list[tuple[Item, dict[str, list[str]]]]:
    """Khulasa's box now («khulasa») and at ``revision`` («lead2»), for the articles where they differ, in order."""
    older = boxes_at(revision, items, settings)
    return _differing(
        ((item, _box_or_none(item, settings), lambda old=old: old) for item, old in zip(items, older, strict=True)), limit
    )


def _revision(name: str) -> str:
    """A revision's short hash, as the key records it."""
    done = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", name], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _label(settings: dict[str, str]) -> str:
    return " ".join(f"{k}={v}" for k, v in sorted(settings.items())) or "defaults"


# ---------------------------------------------------------------------------------------------- score

_FORM = re.compile(r"```+\s*form\b([^\n]*)\n(.*?)```", re.S)
_ID = re.compile(r"id\s*[=:]\s*`?([^\s`]+)")
_BOX = {"a": "A", "أ": "A", "ا": "A", "b": "B", "ب": "B"}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NONE = frozenset({"none", "-", "—", "لا شيء", "لا يوجد", "n/a"})
_PAIR = re.compile(r"([A-Za-z\u0600-\u06ff]+)\s*[=:]?\s*([1-5])\b")


def _criterion(name: str) -> str | None:
    name = name.lower()
    found = [c for c in CRITERIA if len(name) >= 3 and c.startswith(name[: max(3, min(len(name), len(c)))])]
    return found[0] if len(found) == 1 else None


def parse_forms(text: str) -> tuple[list[Form], list[str]]:
    """Every form in a sheet's text, and a message per form that could not be read whole."""
    forms: list[Form] = []
    problems: list[str] = []
    for match in _FORM.finditer(text):
        found = _ID.search(match[1])
        form = Form(found[1] if found else "?")
        for raw in match[2].translate(_DIGITS).splitlines():
            line = raw.strip().lstrip("-* ").strip()
            head = re.match(r"([A-Za-zأبا])\b\s*(failures?|fails?|أخطاء|اخطاء)?\s*[:：]?(.*)", line, re.I)
            verdict = re.match(r"(better|الأفضل|الافضل|winner)\s*[:：=]?\s*(.*)", line, re.I)
            if verdict:
                form.better = _verdict(verdict[2])
            elif head and head[1].lower() in _BOX:
                box = _BOX[head[1].lower()]
                if head[2]:
                    named = [f.strip().lower() for f in re.split(r"[,،;؛]", head[3])]
                    form.failures[box] = [f for f in named if f and f not in _NONE]
                    continue
                pairs = [(c, int(v)) for n, v in _PAIR.findall(head[3]) if (c := _criterion(n))]
                bare = re.findall(r"\b([1-5])\b", head[3])
                if not pairs and len(bare) == len(CRITERIA):  # "A: 4 5 5 4 4", in the form's order
                    pairs = list(zip(CRITERIA, map(int, bare), strict=True))
                form.scores.setdefault(box, {}).update(pairs)
        missing = [f"{box} {c}" for box in "AB" for c in CRITERIA if c not in form.scores.get(box, {})]
        if form.id == "?":
            problems.append("a form without an id")
        elif missing or form.better is None:
            what = ", ".join(missing) + (", better" if form.better is None else "")
            problems.append(f"{form.id}: missing {what.strip(', ')}")
        else:
            forms.append(form)
    return forms, problems


def _verdict(text: str) -> str | None:
    text = text.strip().strip("«»\"'`.").strip().lower()
    if not text:
        return None
    if text.startswith(("tie", "=", "تعادل", "سواء", "equal")):
        return "tie"
    return _BOX.get(text[0])


def score(paths: Sequence[Path], key_path: Path) -> dict[str, Any]:
    """Un-blinded results of the filled sheets under ``paths`` (files or folders)."""
    record = json.loads(key_path.read_text(encoding="utf-8"))
    key = record["boxes"]
    forms: list[Form] = []
    problems: list[str] = []
    for path in _sheets(paths):
        found, bad = parse_forms(path.read_text(encoding="utf-8"))
        forms += found
        problems += [f"{path.name}: {p}" for p in bad]
        if not found and not bad:
            problems.append(f"{path.name}: no form found")
    per: dict[str, dict[str, list[int]]] = {s: defaultdict(list) for s in SYSTEMS}
    by_source: dict[str, dict[str, list[float]]] = defaultdict(lambda: {s: [] for s in SYSTEMS})
    failures: dict[str, Counter[str]] = {s: Counter() for s in SYSTEMS}
    outcome: Counter[str] = Counter()
    seen: set[str] = set()
    for form in forms:
        if form.id not in key:
            problems.append(f"{form.id}: not in the key")
            continue
        if form.id in seen:
            problems.append(f"{form.id}: scored twice; the first form counts")
            continue
        seen.add(form.id)
        entry = key[form.id]
        for box in "AB":
            system = entry[box]
            for criterion, value in form.scores[box].items():
                per[system][criterion].append(value)
            by_source[entry["source"]][system].append(statistics.mean(form.scores[box].values()))
            failures[system].update(form.failures.get(box, []))
        better = form.better
        outcome["tie" if better == "tie" else "win" if better and entry[better] == "khulasa" else "loss"] += 1
    return {
        "sheets": len(seen),
        "criteria": {s: {c: statistics.mean(v) for c, v in per[s].items()} for s in SYSTEMS if per[s]},
        "sources": {src: {s: statistics.mean(v) for s, v in row.items() if v} for src, row in sorted(by_source.items())},
        "khulasa_vs_lead2": {k: outcome[k] for k in ("win", "tie", "loss")},
        "failures": {s: dict(failures[s].most_common()) for s in SYSTEMS},
        "broken_sentences": {s: sum(n for f, n in failures[s].items() if "broken" in f or "مقطوع" in f) for s in SYSTEMS},
        "unparseable": problems,
        "systems": record.get("systems", {"khulasa": "khulasa", "lead2": "LEAD-2"}),
    }


def _sheets(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(path.glob("*.md")) if path.is_dir() else [path]
    return out


def report(result: dict[str, Any]) -> None:
    print(f"sheets scored: {result['sheets']}")
    print(f"\n{'criterion':<12}" + "".join(f"{s:>10}" for s in SYSTEMS))
    for criterion in CRITERIA:
        means = [result["criteria"].get(s, {}).get(criterion, float("nan")) for s in SYSTEMS]
        print(f"{criterion:<12}" + "".join(f"{m:>10.2f}" for m in means))
    print(f"\n{'source (mean)':<12}" + "".join(f"{s:>10}" for s in SYSTEMS))
    for source, row in result["sources"].items():
        print(f"{source:<12}" + "".join(f"{row.get(s, float('nan')):>10.2f}" for s in SYSTEMS))
    wins = result["khulasa_vs_lead2"]
    print(f"\nkhulasa vs LEAD-2: {wins['win']} wins, {wins['tie']} ties, {wins['loss']} losses")
    if "systems" in result and result["systems"].get("lead2") != "LEAD-2":  # a head-to-head of two settings
        print(f"  (here «khulasa» is {result['systems']['khulasa']} and «lead2» is {result['systems']['lead2']})")
    print("broken sentences: " + ", ".join(f"{s} {n}" for s, n in result["broken_sentences"].items()))
    for system in SYSTEMS:
        named = ", ".join(f"{f} ×{n}" for f, n in result["failures"][system].items()) or "none"
        print(f"failures named, {system}: {named}")
    for problem in result["unparseable"]:
        print(f"  unparseable: {problem}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("prepare", help="write blind sheets and the key")
    make.add_argument("out", type=Path, help="folder for the batch files")
    make.add_argument("--key", type=Path, required=True, help="key file (outside the sheets folder)")
    make.add_argument("--per-batch", type=int, default=10)
    make.add_argument("--seed", type=int, default=SEED)
    make.add_argument(
        "--set",
        dest="which",
        choices=("tuned", "held-out", "held-out-train", "fresh"),
        default="tuned",
        help="tuned: pages, seed, dev, EASC sample (rounds 1-2); held-out: ARGEn validation articles nothing was tuned on;"
        " held-out-train: ARGEn training articles no rule was written from; fresh: newspaper articles composed after the"
        " engine (bench/fresh), unread",
    )
    make.add_argument(
        "--setting",
        action="append",
        default=[],
        metavar="KHULASA_NAME=VALUE",
        help="a setting for Khulasa's box other than its default (repeatable), to read a change before making it one",
    )
    make.add_argument(
        "--versus",
        action="append",
        default=[],
        metavar="KHULASA_NAME=VALUE",
        help="show Khulasa under this setting (repeatable) in place of LEAD-2, only where the boxes differ: an A/B of a change",
    )
    make.add_argument(
        "--against",
        metavar="REVISION",
        help="show the engine of this git revision in place of LEAD-2, only where the boxes differ: an A/B of any change",
    )
    make.add_argument(
        "--exclude", type=Path, nargs="*", default=[], help="key files of earlier rounds whose articles to leave out"
    )
    read = commands.add_parser("score", help="un-blind filled sheets and print the results")
    read.add_argument("sheets", type=Path, nargs="+", help="filled batch files or folders of them")
    read.add_argument("--key", type=Path, required=True)
    read.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if args.command == "prepare":
        chosen = dict(item.split("=", 1) for item in args.setting)
        versus = dict(item.split("=", 1) for item in args.versus) or None
        if versus and args.against:
            parser.error("--versus and --against each replace LEAD-2: give one of them")
        prepare(args.out, args.key, args.per_batch, args.seed, args.which, args.exclude, chosen, versus, args.against)
        return 0
    result = score(args.sheets, args.key)
    report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if result["unparseable"] else 0


if __name__ == "__main__":
    sys.exit(main())
