"""Article body and metadata from an HTML page, without the network.

trafilatura does the heavy lifting (``bare_extraction``, metadata on,
comments off); readability-lxml is the fallback when trafilatura keeps too
little. Our own passes then fix what both get wrong on Arabic news pages:
the site name glued to the title, a publication date hidden in RDFa or the
URL, and the page furniture that ends up in the body (see ``clean``).
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from khulasa.arabic.normalize import normalize
from khulasa.arabic.tokens import word_count
from khulasa.errors import NoArticleFound
from khulasa.ingest.clean import clean_body, split_dateline
from khulasa.model import Article

if TYPE_CHECKING:
    from lxml.html import HtmlElement

MIN_BODY_CHARS = 300
"""Below this, trafilatura probably missed the body: try readability too."""
MIN_ARTICLE_WORDS = 8
"""Below this, the page holds menus and footers, not an article."""

_TITLE_SEPARATORS = re.compile(r"\s+[-|–—:»«]\s+|\s+::\s+|\s*\|\s*")
_DATE_PROPERTIES = (
    "article:published_time",
    "datepublished",
    "dc:date",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "og:published_time",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "date",
)
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](?:[a-z_]+/)?(\d{1,2})[/-](\d{1,2})(?:[/_-]|$)", re.I)
_LOCAL_OFFSET = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?[+-](?!00:?00)\d\d:?\d\d$")
_ISO_DATE = re.compile(r"((?:19|20)\d\d)-(\d\d)-(\d\d)")


@dataclass(frozen=True)
class _Meta:
    title: str | None
    date: str | None
    author: str | None
    url: str | None
    sitename: str | None


def extract(html: str, url: str | None = None) -> Article:
    """The article in ``html``: cleaned body, title, date, author, canonical URL, credit.

    Raises :class:`~khulasa.errors.NoArticleFound` when the page holds no
    article text (an index page, an error page, a page of links).
    """
    import trafilatura

    # One parse serves every reader: trafilatura copies a tree it is given instead of parsing the
    # page again, the headline and date passes only read it, and readability gets its own copy.
    tree = _parse(html)
    doc = trafilatura.bare_extraction(
        html if tree is None else tree, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if len(body) < MIN_BODY_CHARS:
        fallback = _readability_text(html if tree is None else deepcopy(tree))
        if len(fallback) > len(body):
            body = fallback
    meta = _Meta(
        title=getattr(doc, "title", None),
        date=getattr(doc, "date", None),
        author=getattr(doc, "author", None),
        url=getattr(doc, "url", None),
        sitename=getattr(doc, "sitename", None),
    )
    title = clean_title(meta.title, meta.sitename, url or meta.url, _headlines(tree))
    standfirst = _standfirst(tree, body)
    if standfirst:
        body = f"{standfirst}\n{body}"
    text, credit = clean_body(body, title)
    text, dateline = split_dateline(text)
    if word_count(text) < MIN_ARTICLE_WORDS:
        raise NoArticleFound("no article text was found in the HTML page; give the article's own page or its text.")
    return Article(
        text=text,
        title=title,
        published=published_date(tree, url or meta.url) or meta.date,
        url=meta.url or url,
        author=meta.author or None,
        credit=credit,
        dateline=dateline,
    )


_STANDFIRST_CLASS = re.compile(r"(?:^|[\s_-])(?:lead|standfirst|summary|excerpt|sapo|dek|intro|introtext)(?:$|[\s_-])", re.I)
_NOT_STANDFIRST = re.compile(r"img|image|photo|caption|related|widget|board|list|nav|menu|field", re.I)
STANDFIRST_WORDS = (8, 80)
"""A standfirst is one or two sentences: shorter is a label, longer is the body's own container."""


def _standfirst(tree: HtmlElement | None, body: str) -> str | None:
    """The page's standfirst (lede block above the body: ``lead``, ``standfirst``, ``summary`` …) when the body lacks it.

    Extractors often skip this block because it sits outside the article
    container, yet it is where many sites state the headline fact ("تسجيل 30
    حالة جديدة"). Only a block of one or two sentences whose words the body
    does not already hold is taken, and only the first such block.
    """
    if tree is None:
        return None
    held = normalize(" ".join(body.split()))
    for el in tree.iter("div", "p", "h2", "section", "span"):
        names = el.get("class") or ""
        if not _STANDFIRST_CLASS.search(names) or _NOT_STANDFIRST.search(names):
            continue
        text = " ".join(el.text_content().split())
        if not STANDFIRST_WORDS[0] <= word_count(text) <= STANDFIRST_WORDS[1]:
            continue
        if normalize(text)[:80] in held:
            return None  # the extractor kept it
        return text
    return None


def _readability_text(page: str | HtmlElement) -> str:
    """Body text by readability-lxml, one paragraph a line; empty when it finds nothing.

    Given a tree, readability changes it (it drops hidden elements): pass a copy.
    """
    try:
        from lxml import html as lxml_html
        from readability import Document
    except ImportError:  # the fallback is optional; trafilatura alone still works
        return ""
    try:
        summary = Document(page).summary(html_partial=True)
        tree = lxml_html.fromstring(summary)
    except Exception:  # readability raises bare exceptions on broken pages
        return ""
    blocks = [" ".join(el.text_content().split()) for el in tree.iter("p", "h2", "h3", "li")]
    return "\n".join(b for b in blocks if b)


def _parse(html: str) -> HtmlElement | None:
    """The page as trafilatura parses it (its parser, its repairs), so handing it the tree changes nothing."""
    from lxml import etree
    from trafilatura import load_html

    try:
        return load_html(html)
    except (ValueError, TypeError, etree.ParserError):
        return None


def _headlines(tree: HtmlElement | None) -> list[str]:
    """What the page itself shows or declares as its headline: <h1> texts, og:title, twitter:title.

    These often carry the site name too, so they confirm a shorter cut of
    the title; they never make the title longer.
    """
    if tree is None:
        return []
    found = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    for el in tree.iter("meta"):
        if (el.get("property") or el.get("name") or "").lower() in {"og:title", "twitter:title"}:
            found.append(" ".join((el.get("content") or "").split()))
    return [h for h in found if word_count(h) >= 2]


def clean_title(title: str | None, sitename: str | None, url: str | None, headlines: list[str] | None = None) -> str | None:
    """The headline without the site name that pages glue to it ("… - اليوم السابع").

    A part of the title that the page also shows as its <h1> (or declares as
    og:title) is the headline itself; otherwise a short part matching the
    site's name or domain is dropped.
    """
    if not title:
        return None
    title = " ".join(title.split())
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    site_keys = _site_keys(sitename, url)
    shown = {normalize(h) for h in headlines or []}
    cuts = []
    for cut in range(1, len(parts)):
        cuts.append(title.split(parts[cut - 1], 1)[1].lstrip(" -|–—:»«"))
        cuts.append(title.rsplit(parts[-cut], 1)[0].rstrip(" -|–—:»«"))
    confirmed = [c for c in cuts if normalize(c) in shown and word_count(c) >= 2 and not _is_site_name(c, site_keys)]
    if confirmed:
        return max(confirmed, key=len)
    for candidate in (parts[0], parts[-1]):
        if _is_site_name(candidate, site_keys):
            rest = title.replace(candidate, "", 1).strip(" -|–—:»«")
            if word_count(rest) >= 2:
                return " ".join(rest.split())
    return title


def _site_keys(sitename: str | None, url: str | None) -> set[str]:
    keys: set[str] = set()
    if sitename:
        keys.update(normalize(p).strip() for p in re.split(r"[|\-–—]", sitename) if p.strip())
    if url:
        host = re.sub(r"^[a-z]+://(www\.)?", "", url.lower()).split("/")[0]
        keys.add(host.split(".")[0])
    return {k for k in keys if k}


def _is_site_name(segment: str, site_keys: set[str]) -> bool:
    seg = normalize(segment).strip()
    if not seg or word_count(seg) > 5:
        return False
    if any(seg == k or seg in k or k in seg for k in site_keys):
        return True
    # A Latin brand beside an Arabic headline ("Sputnik Arabic") is the site name too.
    return word_count(seg) <= 3 and not re.search("[\u0600-\u06ff]", seg) and bool(re.search("[a-z]", seg))


def published_date(tree: HtmlElement | None, url: str | None) -> str | None:
    """The publication date as YYYY-MM-DD, from page metadata first, then the URL, then htmldate.

    Explicit metadata (meta tags, RDFa ``property``/``itemprop``, ``<time>``,
    JSON-LD) wins because it is the publisher's own statement; a date in the
    URL path comes next; htmldate's heuristics last, since they can pick a
    page's "today" widget.
    """
    if tree is None:
        return None
    stated: list[str] = []
    for el in tree.iter("meta", "span", "time", "div", "abbr"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in _DATE_PROPERTIES:
            stated.append(el.get("content") or el.get("datetime") or "")
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            stated.extend(_jsonld_dates(script.text))
    # The same instant is often given twice, in UTC and in the newsroom's own zone; the
    # calendar date readers saw is the local one, so a stamp with a local offset wins.
    local = [v for v in stated if _LOCAL_OFFSET.search(v)]
    for value in local + stated:
        found = _as_date(value)
        if found:
            return found
    if url:
        match = _URL_DATE.search(url)
        if match:
            found = _valid(int(match[1]), int(match[2]), int(match[3]))
            if found:
                return found
    try:
        from htmldate import find_date

        found_text = find_date(tree, url=url, original_date=True, outputformat="%Y-%m-%dT%H:%M:%S%z")
    except Exception:  # htmldate is a heuristic; a failure there is "no date", not an error
        return None
    return _as_date(found_text or "")


def _jsonld_dates(text: str) -> list[str]:
    """Every ``datePublished`` in a JSON-LD block, in document order."""
    try:
        data = json.loads(text)
    except ValueError:
        return []
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
    return found


def _as_date(value: str) -> str | None:
    """YYYY-MM-DD of an ISO-like timestamp, in the publisher's own time zone."""
    match = _ISO_DATE.search(value)
    if not match:
        return None
    return _valid(int(match[1]), int(match[2]), int(match[3]))


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if found.year < 1990 or found > datetime.now().date():
        return None
    return found.isoformat()
