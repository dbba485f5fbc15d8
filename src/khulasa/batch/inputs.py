"""The batch's input read as items: a folder of files, a JSON Lines file, or a feed, each item with a unique file-safe id.

Reading an item's article happens later, in the process that works on it
(:func:`read_item`), so a folder of thousands of files is listed, not held.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khulasa.config import Settings
from khulasa.errors import InputError
from khulasa.files import read_bounded
from khulasa.ingest.document import read_article
from khulasa.ingest.fetch import Resolver, system_resolver
from khulasa.ingest.items import behind_teaser, body_of, given, is_teaser
from khulasa.model import Article

if TYPE_CHECKING:
    from khulasa.ingest.feeds import FeedItem

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
"""Files in an input folder that are read as articles; others are listed as ignored."""

_UNSAFE = re.compile(r"[^\w.-]+")


@dataclass(frozen=True)
class Item:
    """One article waiting in a batch, with what is needed to read it in a worker."""

    id: str
    """Output name: ``<id>.json`` and ``<id>.mp3``; safe as a file name."""
    source: str
    """Where it came from, for messages: a file path, a JSONL line, a feed GUID."""
    content_hash: str
    """SHA-256 of the content; a rerun skips items whose hash the manifest records."""
    data: bytes | None = None
    """The article as text or HTML, when it is held in memory (JSONL lines, feed items)."""
    path: str | None = None
    """The file to read, for items of an input folder (read in the worker, not held)."""
    url: str | None = None
    """The article's page, when known."""
    title: str | None = None
    """Headline given with the item (JSONL field or feed title); wins over the extracted one."""
    published: str | None = None
    """Publication time given with the item, ISO 8601."""
    teaser: bool = False
    """True when the content is only a feed teaser and ``url`` should be fetched for the full text."""
    problem: str | None = None
    """Why the item cannot be read at all; it is reported as failed without being processed."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one item."""

    id: str
    """The item's id."""
    source: str
    """The item's source, for messages."""
    status: str
    """"done", "skipped" (done in an earlier run) or "failed"."""
    content_hash: str
    """The item's content hash."""
    audio: bool = False
    """Whether an MP3 was written (or had been, for a skip)."""
    reason: str = ""
    """Why it failed, or why it was skipped, as one sentence."""


@dataclass(frozen=True)
class Collected:
    """The items an input holds, and notes about the input."""

    items: tuple[Item, ...]
    """Every item, in input order, ids unique."""
    notes: tuple[str, ...] = field(default=())
    """What is worth saying about the input as a whole."""


def collect(source: str, settings: Settings, *, resolver: Resolver = system_resolver) -> Collected:
    """The items of a folder, a JSONL file or a feed URL, each with a unique, file-safe id."""
    if source.startswith(("http://", "https://")):
        collected = _from_feed(source, settings, resolver)
    else:
        path = Path(source)
        if path.is_dir():
            collected = _from_folder(path, settings)
        elif path.is_file() and path.suffix.lower() in ARTICLE_SUFFIXES:
            raise InputError(f"{source} is one article; give the folder it is in, or use `khulasa summarize` for one.")
        elif path.is_file():
            collected = _from_jsonl(path)
        elif path.exists():
            raise InputError(f"{source} is neither a folder nor a file; give a folder, a .jsonl file or a feed URL.")
        else:
            raise InputError(f"{source}: no such folder or file; give a folder, a .jsonl file or a feed URL.")
    return replace(collected, items=tuple(_unique_ids(collected.items)))


def _from_folder(folder: Path, settings: Settings) -> Collected:
    """Every .txt/.html file in ``folder`` (not its subfolders), by name; other files are noted as ignored."""
    items: list[Item] = []
    ignored: list[str] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.suffix.lower() not in ARTICLE_SUFFIXES:
            ignored.append(entry.name)
            continue
        try:
            data = read_bounded(entry, settings.max_input_bytes)
        except InputError as exc:
            items.append(Item(entry.stem, str(entry), _hash(str(entry)), path=str(entry), problem=exc.message))
            continue
        items.append(Item(entry.stem, str(entry), _hash(data), path=str(entry)))
    if not items:
        raise InputError(f"{folder} holds no .txt or .html files; put one article per file in it.")
    notes = []
    if ignored:
        shown = ", ".join(ignored[:5]) + (f" and {len(ignored) - 5} more" if len(ignored) > 5 else "")
        notes.append(f"ignored {len(ignored)} file(s) that are not .txt or .html: {shown}")
    return Collected(tuple(items), tuple(notes))


def _from_jsonl(path: Path) -> Collected:
    """One item per {"id", "article"} line (optional "title", "published", "url"); a bad line is a failed item."""
    try:
        with path.open("rb") as handle:
            raw_lines = handle.read().splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc}).") from None
    items: list[Item] = []
    for number, raw in enumerate(raw_lines, 1):
        if not raw.strip():
            continue
        source = f"{path.name} line {number}"
        try:
            record = jsonl_record(raw)
        except InputError as exc:
            items.append(Item(f"line-{number}", source, _hash(raw), problem=exc.message))
            continue
        article = record["article"]
        title = _text_field(record, "title")
        given_id = record.get("id")
        item_id = str(given_id) if isinstance(given_id, str | int) and str(given_id).strip() else f"line-{number}"
        items.append(
            Item(
                item_id,
                f"{source} (id {item_id})",
                _hash(title or "", article),
                data=article.encode("utf-8"),
                url=_text_field(record, "url"),
                title=title,
                published=_text_field(record, "published"),
            )
        )
    if not items:
        raise InputError(f'{path} has no lines; give one JSON object per line with "id" and "article".')
    return Collected(tuple(items))


def jsonl_record(raw: bytes) -> dict[str, Any]:
    """One JSONL line as an object with a string "article", or an InputError saying what is wrong."""
    try:
        record = json.loads(raw.decode("utf-8"))  # JSON Lines are UTF-8; a UTF-16 guess would only hide the problem
    except UnicodeDecodeError:
        raise InputError("the line is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"the line is not valid JSON ({exc.msg}).") from None
    if not isinstance(record, dict) or not isinstance(record.get("article"), str):
        raise InputError('the line must be a JSON object with a string "article".')
    return record


def _text_field(record: dict[str, Any], name: str) -> str | None:
    value = record.get(name)
    return value if isinstance(value, str) and value.strip() else None


def _from_feed(url: str, settings: Settings, resolver: Resolver) -> Collected:
    """The items of an RSS, Atom or WordPress feed; teasers will have their page fetched."""
    from khulasa.ingest.feeds import read_feed

    feed = read_feed(url, settings, resolver=resolver, all_pages=True)
    notes = [feed.problem] if feed.problem else []
    if feed.duplicates:
        notes.append(f"{feed.duplicates} duplicate feed item(s) (same GUID, link or content) were left out")
    if not feed.items:
        notes.append("the feed has no items")
    return Collected(tuple(feed_item(entry, _safe_id(entry.guid)) for entry in feed.items), tuple(notes))


def feed_item(entry: FeedItem, item_id: str) -> Item:
    """A feed item as a batch item called ``item_id``: HTML content wrapped as a page, a short one marked a teaser."""
    return Item(
        item_id,
        f"feed item {entry.guid}",
        entry.content_hash,
        data=body_of(entry),
        url=entry.url,
        title=entry.title,
        published=entry.published,
        teaser=is_teaser(entry),
    )


def _hash(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


def _safe_id(raw: str) -> str:
    """``raw`` as a file name: letters (any script), digits, dot, dash, underscore; a short hash when changed."""
    safe = _UNSAFE.sub("-", raw).strip("-.")[-60:].strip("-.")
    if safe == raw and safe:
        return safe
    return f"{safe or 'item'}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:8]}"


def _unique_ids(items: Iterable[Item]) -> Iterator[Item]:
    """Items with file-safe ids, numbered -2, -3, … when two would share a name (a.txt and a.html)."""
    taken: set[str] = set()
    for item in items:
        base = _safe_id(item.id)
        name, number = base, 1
        while name.lower() in taken:
            number += 1
            name = f"{base}-{number}"
        taken.add(name.lower())
        yield replace(item, id=name)


def read_item(item: Item, settings: Settings, resolver: Resolver = system_resolver) -> Article:
    """The item's article, with the headline and date its input gave winning over extracted ones."""
    if item.teaser and item.url:
        article = behind_teaser(item.data or b"", item.url, settings, resolver)
    elif item.path is not None:
        article = read_article(read_bounded(Path(item.path), settings.max_input_bytes), settings, url=item.url)
    else:
        article = read_article(item.data or b"", settings, url=item.url)
    return given(article, title=item.title, published=item.published, url=item.url)
