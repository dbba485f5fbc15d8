"""How well ingest extracts title, date and body from real news pages.

Reads ../shared/data/extraction/pages.json in place. For each page: title
exact (after whitespace folding), date correct (YYYY-MM-DD), body F1 over
word 4-grams against the reference body (a fixture text, or the text of a
hand-picked CSS container), and milliseconds per page. trafilatura alone
(as DESIGN.md measured it) is scored in the same run as the baseline.

    .venv/bin/python bench/extraction.py
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from lxml import html as lxml_html

from khulasa.arabic.normalize import normalize
from khulasa.arabic.tokens import words
from khulasa.errors import KhulasaError
from khulasa.ingest.extract import extract
from shared_data import DATA

RESULTS = Path(__file__).resolve().parent / "results"


def reference_body(page: dict, html: str, base: Path) -> str:
    ref = page["ref"]
    if ref["kind"] == "fixture":
        return (base / ref["file"]).read_text(encoding="utf-8")
    tree = lxml_html.fromstring(html)
    for selector in ["script", "style", "noscript", *ref.get("drop", [])]:
        for el in tree.cssselect(selector):
            el.drop_tree()
    for selectors in (ref["sel"], ref.get("fallback_sel", [])):
        found = [el.text_content() for sel in selectors for el in tree.cssselect(sel)]
        if any(t.strip() for t in found):
            return "\n".join(found)
    return ""


def grams(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = [normalize(w) for w in words(text)]
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def f1(candidate: str, reference: str) -> float:
    c, r = grams(candidate), grams(reference)
    overlap = sum((c & r).values())
    if not overlap:
        return 0.0
    p, rc = overlap / sum(c.values()), overlap / sum(r.values())
    return 2 * p * rc / (p + rc)


def trafilatura_only(html: str, url: str | None) -> tuple[str, str | None, str | None]:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    return (doc.text or "", doc.title, doc.date) if doc else ("", None, None)


def main() -> int:
    base = DATA / "extraction"
    pages = json.loads((base / "pages.json").read_text(encoding="utf-8"))
    rows = []
    for page in pages:
        html = (base / page["file"]).read_text(encoding="utf-8", errors="replace")
        reference = reference_body(page, html, base)
        start = time.perf_counter()
        try:
            article = extract(html, page.get("url"))
            body, title, date = article.text, article.title, article.published
        except KhulasaError as exc:
            body, title, date = "", None, None
            print(f"{page['id']}: {exc.message}", file=sys.stderr)
        ms = (time.perf_counter() - start) * 1000
        t_body, t_title, t_date = trafilatura_only(html, page.get("url"))
        gold_title = page.get("gold_title")
        rows.append(
            {
                "id": page["id"],
                "lang": page["lang"],
                "title_ok": None if gold_title is None else " ".join((title or "").split()) == " ".join(gold_title.split()),
                "date_ok": (date or "")[:10] == page["gold_date"],
                "body_f1": f1(body, reference),
                "ms": ms,
                "baseline_title_ok": None if gold_title is None else (t_title or "").strip() == gold_title.strip(),
                "baseline_date_ok": (t_date or "")[:10] == page["gold_date"],
                "baseline_body_f1": f1(t_body, reference),
                "title": title,
                "date": date,
            }
        )
    print(f"{'page':<16}{'lang':<5}{'title':>6}{'date':>6}{'bodyF1':>8}{'ms':>7}   | trafilatura alone: title date bodyF1")
    for r in rows:
        mark = {True: "ok", False: "NO", None: "-"}
        print(
            f"{r['id']:<16}{r['lang']:<5}{mark[r['title_ok']]:>6}{mark[r['date_ok']]:>6}{r['body_f1']:>8.3f}{r['ms']:>7.0f}"
            f"   | {mark[r['baseline_title_ok']]:>5} {mark[r['baseline_date_ok']]:>4} {r['baseline_body_f1']:>6.3f}"
        )
    summary = {}
    for lang in ("ar", "fa"):
        sel = [r for r in rows if r["lang"] == lang]
        titled = [r for r in sel if r["title_ok"] is not None]
        summary[lang] = {
            "pages": len(sel),
            "titles_ok": sum(bool(r["title_ok"]) for r in titled),
            "titles_scored": len(titled),
            "dates_ok": sum(r["date_ok"] for r in sel),
            "body_f1_mean": statistics.mean(r["body_f1"] for r in sel),
            "ms_mean": statistics.mean(r["ms"] for r in sel),
            "baseline_titles_ok": sum(bool(r["baseline_title_ok"]) for r in titled),
            "baseline_dates_ok": sum(r["baseline_date_ok"] for r in sel),
            "baseline_body_f1_mean": statistics.mean(r["baseline_body_f1"] for r in sel),
        }
        s = summary[lang]
        print(
            f"mean {lang}: titles {s['titles_ok']}/{s['titles_scored']}, dates {s['dates_ok']}/{s['pages']}, "
            f"body F1 {s['body_f1_mean']:.3f}, {s['ms_mean']:.0f} ms/page"
            f"  (trafilatura alone: titles {s['baseline_titles_ok']}, dates {s['baseline_dates_ok']}, "
            f"body F1 {s['baseline_body_f1_mean']:.3f})"
        )
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "extraction.json").write_text(json.dumps({"pages": rows, "summary": summary}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
