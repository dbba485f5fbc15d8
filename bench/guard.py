"""Does the faithfulness guard catch a wrong number, date, name or place, and leave faithful bullets alone?

Reference bullets are taken as faithful: the seed's two bullets
(../shared/data/seed/) and the sentences of the EASC references
(../shared/data/summaries/easc_wikipedia.jsonl), each judged against its own
article. Each bullet is then perturbed in every way that applies, one
change at a time, with a replacement taken from *another* article of the
data and absent from this one:

- number: a number written in digits → a different number;
- date: a year → another year, or a month name → another month;
- name: the words after a title (الرئيس, الملك, الدكتور …), or a capitalized
  name in Latin script → such a name from another article;
- place: a country or city from the list below → another one;
- term: a word frequent in this article and rare elsewhere → such a word
  of another article (names of things: an instrument, a disease, a team).

The guard's content checks (numbers, dates, names, Arabic script) run on
each bullet alone; count, length and repetition are properties of a whole
box and are left out here. A perturbed bullet the guard flags is a true
positive; an unperturbed one it flags is a false alarm. Precision is over
everything flagged, recall over the perturbed bullets.

EASC references were made by cutting sentences from the articles, and the
distributed files cut some words (a sentence ends in "ريتشار." where the
article says "ريتشارد"). Such a cut first or last word — one that is a
strict prefix (or suffix) of an article word and not itself in the article —
is dropped before the bullet is used, and the count of repairs is printed.

Baselines in the same run: "numbers only" (the guard's number check and
nothing else) and "every word" (each word must be in the article after
normalization and clitic stripping: the naive strict guard). The guard runs
twice, with its dictionary (the extra ``lexicon``,
:mod:`khulasa.summarize.lexicon`) and without it.

Faithful paraphrases: the reference bullets of our composed dev set
(bench/dev/*.jsonl, ``summaries[0]``, written from each article, so faithful
by construction but not cut from it) and the seed's reference bullets are
checked against their own article; every flag there is a false alarm, and
the bullet is retried or replaced when an LLM writes it. The dev bullets are
also perturbed as above (replacements from other dev articles), to show that
what lets paraphrases through opens no hole for swapped numbers, dates,
names and places. The dictionary's load time and the guard's cost per bullet
are measured too.

    .venv/bin/python bench/guard.py
"""

from __future__ import annotations

import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from khulasa.arabic.morphology import strip_clitics
from khulasa.arabic.normalize import normalize, strip_diacritics
from khulasa.arabic.words import is_common
from khulasa.arabic.words_to_numbers import quantities
from khulasa.summarize import guard, lexicon
from shared_data import DATA

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
DEV = ROOT / "bench" / "dev"

_TITLES = """الرئيس الرئيسة الملك الملكة الأمير الأميرة الشيخ الوزير الوزيرة الدكتور الدكتورة السيد السيدة
المستشار الزعيم القائد الجنرال المشير الفيلسوف الشاعر الكاتب الأديب المؤلف الموسيقار الفنان
الفنانة المطرب المطربة الممثل الممثلة اللاعب اللاعبة المدرب النجم البطل الخليفة السلطان الإمام النبي
الرسول البابا القديس المهندس المخرج الروائي المؤرخ الفيزيائي الكيميائي المكتشف الرحالة"""
TITLES = _TITLES.split()
"""Words that stand before a person's name."""

_PLACES = """مصر القاهرة الإسكندرية الأردن عمان سوريا دمشق حلب لبنان بيروت العراق بغداد البصرة الكويت السعودية الرياض
جدة مكة الإمارات دبي أبوظبي قطر الدوحة البحرين المنامة عمان مسقط اليمن صنعاء عدن فلسطين القدس غزة
ليبيا طرابلس تونس الجزائر المغرب الرباط موريتانيا السودان الخرطوم الصومال جيبوتي تركيا
إسطنبول أنقرة إيران طهران باكستان الهند الصين بكين اليابان طوكيو كوريا روسيا موسكو أوكرانيا كييف ألمانيا
برلين فرنسا باريس بريطانيا لندن إيطاليا روما إسبانيا مدريد البرتغال لشبونة اليونان أثينا هولندا بلجيكا
سويسرا النمسا فيينا السويد النرويج الدنمارك بولندا أمريكا واشنطن نيويورك كندا المكسيك البرازيل الأرجنتين
أستراليا أفريقيا أوروبا آسيا إثيوبيا نيجيريا كينيا الأطلسي النيل الفرات دجلة"""
PLACES = _PLACES.split()
"""Countries, capitals, cities, continents, seas and rivers, as Arabic news writes them; names that
are also everyday words (المدينة, المتوسط, الخليج, جنوب) are left out: swapping them in says nothing."""


@dataclass(frozen=True)
class Case:
    article: int
    """Index of the article in ``ARTICLES``."""
    bullet: str
    kind: str
    """"faithful" for an unperturbed reference bullet, else what was swapped."""
    change: str = ""


def load_seed() -> tuple[str, list[str]]:
    """The seed article and its reference bullets (../shared/data/seed/seed.json)."""
    seed = json.loads((DATA / "seed" / "seed.json").read_text(encoding="utf-8"))
    return seed["article"], list(seed["summaries"][0])


def load() -> list[tuple[str, list[str]]]:
    """(article, reference bullets) pairs: the seed first, then EASC."""
    out = [load_seed()]
    with (DATA / "summaries" / "easc_wikipedia.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            seen: dict[str, None] = {}
            for ref in row["summaries"]:
                ref = _rejoin_decimals(ref, row["article"])
                for sentence in re.split(r"(?<=[.!؟?])\s+", ref):
                    seen.setdefault(sentence.strip(), None)
            out.append((row["article"], [s for s in seen if s]))
    return out


def load_dev() -> list[tuple[str, list[str]]]:
    """(article, reference bullets) of our composed dev set: each row's first set of references."""
    out = []
    for path in sorted(DEV.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out.append((row["article"], list(row["summaries"][0])))
    return out


_WORD = re.compile(r"[\u0621-\u064a\u0670-\u06d3]+")


def _rejoin_decimals(reference: str, article: str) -> str:
    """ "2. 1 بليون" where the article says "2.1 بليون": a decimal the corpus spaced out."""

    def join(m: re.Match[str]) -> str:
        joined = m.group(1) + "." + m.group(2)
        return joined if joined in article else m.group(0)

    return re.sub(r"(\d)\. (\d)", join, reference)


def repair(bullet: str, article: str, vocabulary: set[str]) -> tuple[str, int]:
    """Drop a first or last word (or number) that the corpus cut short; (bullet, words dropped).

    EASC's makers split sentences at every full stop, decimal points included,
    so "4.5" can end one reference sentence as "4." and start the next as "5".
    """
    words = bullet.rstrip(".!؟? ").split()
    dropped = 0

    def cut(word: str, test: Callable[[str, str], bool]) -> bool:
        term = normalize("".join(re.findall(r"[^\W\d_]+", strip_diacritics(word))))
        return bool(term) and term not in vocabulary and any(test(v, term) and v != term for v in vocabulary)

    def number(word: str, pattern: str) -> bool:
        core = word.strip("()%,،.")
        return core.isdigit() and re.search(pattern.format(re.escape(core)), article) is not None

    if words and (cut(words[-1], lambda v, t: v.startswith((t, "ال" + t))) or number(words[-1], r"(?<![\d.]){}\.\d")):
        words, dropped = words[:-1], dropped + 1
    if words and (cut(words[0], lambda v, t: v.endswith(t)) or number(words[0], r"\d\.{}(?!\d)")):
        words, dropped = words[1:], dropped + 1
        if words and dropped and guard.quantities(words[0]) and not words[0][:1].isdigit():
            words, dropped = words[1:], dropped + 1  # the scale word of the cut number: "5 مليون" of "2.5 مليون"
    return " ".join(words) + ".", dropped


def vocabulary(text: str) -> set[str]:
    return {normalize(w) for w in re.findall(r"[^\W\d_]+", strip_diacritics(text))}


def titled_names(text: str) -> list[str]:
    """Names that follow a title word: "الرئيس فلاديمير بوتين" → "فلاديمير بوتين" (one or two words)."""
    words = strip_diacritics(text).split()
    titles = {normalize(t) for t in TITLES}
    found = []
    for i, word in enumerate(words[:-1]):
        if normalize(word.strip("،,.")) in titles:
            name = []
            for nxt in words[i + 1 : i + 3]:
                clean = nxt.strip("،,.:؛\"'()")
                term = normalize(clean)
                if not _WORD.fullmatch(clean) or is_common(term) or term in titles or (not name and term[:2] == "ال"):
                    break  # a name does not start with ال, nor is it an everyday word
                name.append(clean)
                if nxt != clean:
                    break
            if name:
                found.append(" ".join(name))
    return found


def distinctive(texts: list[str]) -> list[list[str]]:
    """Per article: words used at least twice in it and found in at most one other article."""
    vocabs = [Counter(normalize(w) for w in _WORD.findall(strip_diacritics(t))) for t in texts]
    df = Counter(w for v in vocabs for w in v)
    return [sorted(w for w, n in v.items() if n >= 2 and df[w] <= 2 and len(w) >= 4 and not is_common(w)) for v in vocabs]


def _whole(word: str) -> re.Pattern[str]:
    """``word`` as a whole word (Arabic letters on neither side)."""
    return re.compile(rf"(?<![\u0621-\u064a]){re.escape(word)}(?![\u0621-\u064a])")


def perturbations(index: int, bullet: str, article: str, pools: dict[str, list[str]], rng: random.Random) -> Iterator[Case]:
    """Each change that applies to ``bullet``, with a replacement absent from its article."""
    words = vocabulary(article)
    values = {round(q.value, 6) for q in quantities(article)} | {round(q.bare, 6) for q in quantities(article)}
    text_norm = normalize(strip_diacritics(article))

    stripped = {strip_clitics(w) for w in words}

    def absent(word: str) -> bool:
        term = normalize(word)
        return term not in words and strip_clitics(term) not in stripped

    def pick(pool: list[str], ok: Callable[[str], bool]) -> str | None:
        options = [p for p in pool if ok(p)]
        return rng.choice(options) if options else None

    digits = [m for m in re.finditer(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,])", bullet)]
    years = [m for m in digits if m.group().isdigit() and len(m.group()) == 4 and 1000 <= int(m.group()) <= 2100]
    plain = [m for m in digits if m not in years]
    if plain:
        m = rng.choice(plain)
        new = pick(pools["number"], lambda n: round(float(n), 6) not in values and n != m.group())
        if new:
            yield Case(index, bullet[: m.start()] + new + bullet[m.end() :], "number", f"{m.group()} → {new}")
    if years:
        m = rng.choice(years)
        new = pick(pools["year"], lambda n: round(float(n), 6) not in values)
        if new:
            yield Case(index, bullet[: m.start()] + new + bullet[m.end() :], "date", f"{m.group()} → {new}")
    months = guard._months(bullet)
    if months and not years:
        number, written = months[0]
        article_months = {m for m, _ in guard._months(article)}
        new = pick(pools["month"], lambda w: guard._months(w)[0][0] not in article_months | {number})
        if new:
            yield Case(index, bullet.replace(written, new, 1), "date", f"{written} → {new}")
    for kind in ("name", "place", "term"):
        here = [s for s in pools[f"{kind}:{index}"] if _whole(s).search(bullet)]
        if not here:
            continue
        old = rng.choice(here)
        new = pick(pools[kind], lambda s: normalize(s) not in text_norm and all(absent(w) for w in s.split()))
        if new:
            yield Case(index, _whole(old).sub(new, bullet, count=1), kind, f"{old} → {new}")


def build(data: list[tuple[str, list[str]]], rng: random.Random, *, cut: bool = True) -> tuple[list[Case], int, int]:
    """Faithful and perturbed cases for ``data``; with ``cut``, first repair words the corpus cut short."""
    articles = [a for a, _ in data]
    pools: dict[str, list[str]] = {"number": [], "year": [], "month": [], "name": [], "place": [], "term": []}
    for text in articles:
        for q in quantities(text):
            if re.fullmatch(r"\d+(?:\.\d+)?", q.text):
                (pools["year"] if len(q.text) == 4 and 1000 <= q.value <= 2100 else pools["number"]).append(q.text)
        pools["month"] += [w for _, w in guard._months(text) if len(w.split()) == 1 and not w.startswith(("و", "ب", "ل", "ف"))]
    places = [p for p in PLACES if len(p) >= 3]
    terms = distinctive(articles)
    for i, text in enumerate(articles):
        counts = Counter(titled_names(text))
        names = [n for n in counts if text.count(n) >= 2]
        names += sorted(set(re.findall(r"\b[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})*\b", text)))  # names in Latin script
        pools[f"name:{i}"] = names
        pools["name"] += names
        here = [p for p in places if _whole(p).search(text)]
        pools[f"place:{i}"] = here
        pools["place"] += here
        pools[f"term:{i}"] = [w for w in terms[i] if w in normalize(text)]
        pools["term"] += terms[i]
    for key in ("number", "year", "month", "name", "place", "term"):
        pools[key] = sorted(set(pools[key]))
    # Terms are matched on normalized text: use the article's own spelling for them.
    cases: list[Case] = []
    repaired = broken = 0
    for i, (article, bullets) in enumerate(data):
        vocab = vocabulary(article)
        spelled = {normalize(w): w for w in _WORD.findall(strip_diacritics(article))}
        pools[f"term:{i}"] = [spelled.get(t, t) for t in pools[f"term:{i}"]]
        for raw in bullets:
            if re.search(r"[^\W\d_]\?[^\W\d_]", raw):
                broken += 1  # "ا?عضاء": a letter lost to an encoding error in the corpus
                continue
            bullet, dropped = repair(raw, article, vocab) if cut else (raw, 0)
            repaired += dropped
            if len(bullet.split()) < 5:
                continue
            cases.append(Case(i, bullet, "faithful"))
            cases += list(perturbations(i, bullet, article, pools, rng))
    return cases, repaired, broken


SPEC_KINDS = ("number", "date", "name", "place")
"""The perturbations issue 7 names; "term" is reported on its own."""


def score(flagged: Callable[[str, guard.Source], bool], sources: list[guard.Source], cases: list[Case]) -> dict[str, float]:
    hits = Counter[str]()
    totals = Counter[str]()
    for case in cases:
        totals[case.kind] += 1
        if flagged(case.bullet, sources[case.article]):
            hits[case.kind] += 1
    perturbed = sum(totals[k] for k in SPEC_KINDS)
    caught = sum(hits[k] for k in SPEC_KINDS)
    alarms = hits["faithful"]
    out = {
        "precision": caught / (caught + alarms) if caught + alarms else 1.0,
        "recall": caught / perturbed if perturbed else 0.0,
        "false_alarms": float(alarms),
    }
    out.update({f"recall_{k}": hits[k] / totals[k] for k in totals if k != "faithful"})
    return out


def guard_flags(bullet: str, source: guard.Source) -> bool:
    """The guard's content checks on one bullet, as configured (dictionary on when installed): any failure flags it."""
    findings = guard.check_bullet(bullet, source)
    return bool(findings)


@contextmanager
def dictionary(on: bool) -> Iterator[None]:
    """Run the guard with its dictionary switched on or off."""
    before = lexicon.ENABLED
    lexicon.ENABLED = on
    try:
        yield
    finally:
        lexicon.ENABLED = before


def without_dictionary(bullet: str, source: guard.Source) -> bool:
    with dictionary(False):
        return guard_flags(bullet, source)


def numbers_only(bullet: str, source: guard.Source) -> bool:
    return any(round(q.value, 6) not in source.values for q in quantities(bullet))


def every_word(bullet: str, source: guard.Source) -> bool:
    terms = [normalize(w) for w in _WORD.findall(strip_diacritics(bullet))]
    return any(t not in source.terms and strip_clitics(t) not in source.terms for t in terms)


_OUTSIDE = """ماكرون زيلينسكي أردوغان السيسي الدبيبة تبون الحلبوسي الكاظمي الدليمي المنفي العبادي ميلوني شولتس
سوناك ستارمر هاريس ترامب بايدن مودي كيشيدا نتنياهو ميقاتي الحريري لافروف بلينكن غوتيريش ميركل جونسون ماسك تسلا
أمازون غوغل سامسونغ تويوتا هواوي أرامكو إيرباص بوينغ نوكيا ميسي رونالدو زيدان بنزيمة حكيمي مبابي نيمار الأهلي
الزمالك الترجي الوداد الرجاء الهلال الاتحاد برشلونة ليفربول أرسنال يوفنتوس الشامي البرغوثي الزعبي العتيبي
القحطاني الشمري المطيري الكعبي النعيمي المنصوري الهاشمي الأنصاري البدري الجبوري السامرائي الموسوي الصدر المالكي
الطيب علاوي طالباني بارزاني"""
OUTSIDE = _OUTSIDE.split()
"""Names of today's news that no gazetteer of ours holds: leaders, companies, players, clubs,
family names. A dictionary reading of one of them (ماكرون as ماكر + ون) would let it through."""


def outside_names() -> dict[str, object]:
    """How many of :data:`OUTSIDE`, alone and after و or ب, read as dictionary vocabulary."""
    forms = [prefix + name for name in OUTSIDE for prefix in ("", "و", "ب")]
    passing = [f for f in forms if guard.is_vocabulary(normalize(f))]
    print(
        f"\nnames outside the gazetteer read as dictionary words: {len(passing)} of {len(forms)} forms "
        f"({len(OUTSIDE)} names, bare and after و/ب): " + " ".join(passing)
    )
    return {"forms": len(forms), "read_as_words": len(passing), "which": passing}


SYSTEMS: dict[str, Callable[[str, guard.Source], bool]] = {
    "guard": guard_flags,
    "guard, no lexicon": without_dictionary,
    "numbers only": numbers_only,
    "every word": every_word,
}


def perturbation_table(
    title: str, cases: list[Case], sources: list[guard.Source], systems: list[str]
) -> dict[str, dict[str, float]]:
    kinds = Counter(c.kind for c in cases)
    print(
        f"\n{title}: {kinds['faithful']} reference bullets; perturbed: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()) if k != "faithful")
    )
    rows = {name: score(SYSTEMS[name], sources, cases) for name in systems}
    kinds_cols = [k for k in ("number", "date", "name", "place", "term") if kinds[k]]
    print("precision and recall over number, date, name and place swaps; per-kind recall follows")
    print(f"{'system':<19}{'precision':>10}{'recall':>8}{'false alarms':>14}" + "".join(f"{k:>8}" for k in kinds_cols))
    for name, row in rows.items():
        print(
            f"{name:<19}{row['precision']:>10.1%}{row['recall']:>8.1%}{int(row['false_alarms']):>14}"
            + "".join(f"{row.get('recall_' + k, 0):>8.1%}" for k in kinds_cols)
        )
    return rows


def paraphrase_table(groups: dict[str, list[tuple[str, list[str]]]]) -> dict[str, dict[str, object]]:
    """Faithful paraphrases flagged, with and without the dictionary, per set."""
    print("\nfaithful paraphrases flagged (each reference bullet against its own article)")
    print(f"{'set':<16}{'bullets':>8}{'guard':>8}{'no lexicon':>12}")
    out: dict[str, dict[str, object]] = {}
    for name, data in groups.items():
        pairs = [(b, guard.Source.of(a)) for a, bullets in data for b in bullets]
        flagged = {system: [b for b, source in pairs if SYSTEMS[system](b, source)] for system in ("guard", "guard, no lexicon")}
        n_with, n_without = len(flagged["guard"]), len(flagged["guard, no lexicon"])
        print(f"{name:<16}{len(pairs):>8}{n_with:>8}{n_without:>12}")
        out[name] = {
            "bullets": len(pairs),
            "flagged": n_with,
            "flagged_without_lexicon": n_without,
            "flagged_bullets": {k: [{"bullet": b, "findings": _findings(b, data)} for b in v] for k, v in flagged.items()},
        }
    return out


def _findings(bullet: str, data: list[tuple[str, list[str]]]) -> dict[str, str]:
    article = next(a for a, bullets in data if bullet in bullets)
    return guard.check_bullet(bullet, guard.Source.of(article))


def speed(pairs: list[tuple[str, guard.Source]]) -> dict[str, float]:
    """Dictionary load time (cold, in this process) and the content checks' mean cost per bullet."""
    lexicon._installed.cache_clear()
    started = time.perf_counter()
    lexicon.words()
    load = time.perf_counter() - started
    out = {"lexicon_load_ms": round(load * 1000, 1)}
    for label, on in (("per_bullet_us", True), ("per_bullet_us_without_lexicon", False)):
        with dictionary(on):
            started = time.perf_counter()
            for bullet, source in pairs:
                guard.check_bullet(bullet, source)
            out[label] = round((time.perf_counter() - started) / len(pairs) * 1e6, 1)
    print(
        f"\nspeed: dictionary loaded in {out['lexicon_load_ms']:.0f} ms (once per process); content checks "
        f"{out['per_bullet_us']:.0f} µs per bullet with it, {out['per_bullet_us_without_lexicon']:.0f} µs without "
        f"(mean over {len(pairs)} bullets)"
    )
    return out


def main() -> int:
    rng = random.Random(7)
    started = time.perf_counter()
    if not lexicon.installed():
        print("note: the dictionary (extra 'lexicon') is not installed: 'guard' runs without it")
    data = load()
    dev = load_dev()
    cases, repaired, broken = build(data, rng)
    dev_cases, _, _ = build(dev, random.Random(7), cut=False)
    sources = [guard.Source.of(a) for a, _ in data]
    dev_sources = [guard.Source.of(a) for a, _ in dev]
    print(f"{len(data)} articles (seed + EASC); {repaired} cut words dropped, {broken} bullets with encoding damage skipped")
    rows = perturbation_table("seed + EASC", cases, sources, list(SYSTEMS))
    paraphrases = paraphrase_table({"dev (composed)": dev, "seed": [load_seed()]})
    dev_rows = perturbation_table("dev set, perturbed", dev_cases, dev_sources, ["guard", "guard, no lexicon", "numbers only"])
    outside = outside_names()
    timing = speed(
        [(c.bullet, sources[c.article]) for c in cases if c.kind == "faithful"]
        + [(c.bullet, dev_sources[c.article]) for c in dev_cases if c.kind == "faithful"]
    )
    missed = [c for c in cases if c.kind != "faithful" and not guard_flags(c.bullet, sources[c.article])]
    missed_dev = [c for c in dev_cases if c.kind != "faithful" and not guard_flags(c.bullet, dev_sources[c.article])]
    alarms = [c for c in cases if c.kind == "faithful" and guard_flags(c.bullet, sources[c.article])]
    if "--show" in sys.argv:
        for c in [*missed, *missed_dev][:40]:
            print("MISSED", c.kind, c.change, "|", c.bullet[:120])
        for c in alarms[:30]:
            print("ALARM", guard.check_bullet(c.bullet, sources[c.article]), "|", c.bullet[:120])
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / "guard.json"
    out.write_text(
        json.dumps(
            {
                "lexicon_installed": lexicon.installed(),
                "bullets": dict(Counter(c.kind for c in cases)),
                "repaired_words": repaired,
                "systems": rows,
                "paraphrases": paraphrases,
                "dev_perturbed": {"bullets": dict(Counter(c.kind for c in dev_cases)), "systems": dev_rows},
                "outside_names": outside,
                "speed": timing,
                "missed": [{"article": c.article, "kind": c.kind, "change": c.change, "bullet": c.bullet} for c in missed],
                "missed_dev": [
                    {"article": c.article, "kind": c.kind, "change": c.change, "bullet": c.bullet} for c in missed_dev
                ],
                "false_alarms": [c.bullet for c in alarms],
                "seconds": round(time.perf_counter() - started, 1),
            },
            ensure_ascii=False,
            indent=2,
        ),
        encoding="utf-8",
    )
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
