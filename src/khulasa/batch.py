"""Many articles at once: ``khulasa batch INPUT -o OUTDIR``.

A newsroom's archive is thousands of articles, and a run that long will be
interrupted. So every finished article is recorded at once in a small
manifest in the output folder (written atomically: a crash leaves the old
manifest or the new one, never half of one), and a rerun skips every item
whose content hash is already recorded there. A changed article has a new
hash and is done again; an unchanged one under a new name or GUID is not.

One bad item never stops the batch: an unreadable file, a binary file, a
page with no article, a line that is not JSON all become a failure with its
reason, and the closing report lists them.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khulasa import pipeline
from khulasa.config import Settings
from khulasa.errors import InputError, KhulasaError
from khulasa.files import read_bounded, write_atomically
from khulasa.ingest.decoding import declared_charset, decode
from khulasa.ingest.document import looks_like_html, read_article
from khulasa.ingest.fetch import Resolver, system_resolver
from khulasa.ingest.items import behind_teaser, body_of, given, is_teaser
from khulasa.model import Article
from khulasa.remote import Service, ServiceError

if TYPE_CHECKING:
    from khulasa.ingest.feeds import FeedItem

MANIFEST = ".khulasa-batch.json"
"""The record of finished items in the output folder; delete it to start the batch over."""
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
class Report:
    """The whole batch: every outcome and any notes about the input itself."""

    outcomes: tuple[Outcome, ...]
    """One per item, in input order."""
    notes: tuple[str, ...] = ()
    """Things about the input worth saying: ignored files, feed duplicates, a malformed feed."""

    def count(self, status: str) -> int:
        """How many items ended with ``status``."""
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> tuple[Outcome, ...]:
        """The items that failed, in input order."""
        return tuple(outcome for outcome in self.outcomes if outcome.status == "failed")

    def lines(self) -> list[str]:
        """The closing report: notes, the counts, then each failure with its reason."""
        lines = [f"khulasa: note: {note}" for note in self.notes]
        lines.append(
            f"khulasa: batch finished: {self.count('done')} done, {self.count('skipped')} skipped (already done), "
            f"{self.count('failed')} failed"
        )
        lines += [f"khulasa: failed: {outcome.source}: {outcome.reason}" for outcome in self.failed]
        return lines


@dataclass(frozen=True)
class Collected:
    """The items an input holds, and notes about the input."""

    items: tuple[Item, ...]
    """Every item, in input order, ids unique."""
    notes: tuple[str, ...] = field(default=())
    """What is worth saying about the input as a whole."""


def run(
    source: str,
    outdir: Path | None,
    settings: Settings,
    *,
    workers: int = 1,
    audio: bool = True,
    resolver: Resolver = system_resolver,
    progress: bool = True,
    service: Service | None = None,
) -> Report:
    """Summarize (and read aloud, unless ``audio`` is False) every article in ``source`` into ``outdir``.

    ``source`` is a folder of .txt/.html files, a .jsonl file of
    {"id", "article"} lines, or a feed URL (RSS, Atom, WordPress posts).
    Items whose content hash the manifest in ``outdir`` records are skipped.
    With ``workers`` above 1 the items are processed by that many processes.
    With ``service``, each article is sent to that Khulasa service instead
    (which makes the summary and audio itself); ``outdir`` may then be None,
    since the service's own idempotency makes a rerun send nothing new.
    Raises :class:`~khulasa.errors.InputError` only when the input as a whole
    cannot be read; a bad item is a failed :class:`Outcome`.
    """
    if workers < 1:
        raise InputError("--workers must be at least 1.")
    if outdir is None and service is None:
        raise InputError("give an output folder (-o OUTDIR) or a service to send the articles to (--service URL).")
    collected = collect(source, settings, resolver=resolver)
    manifest = Manifest.open(outdir) if outdir is not None else None
    outcomes: dict[str, Outcome] = {}
    todo: list[Item] = []
    first_of: dict[str, str] = {}
    for item in collected.items:
        if item.problem is not None:
            todo.append(item)
        elif manifest is not None and (done_as := manifest.done_as(item.content_hash, audio)) is not None:
            reason = "done in an earlier run" + ("" if done_as == item.id else f" as {done_as}")
            outcomes[item.id] = Outcome(item.id, item.source, "skipped", item.content_hash, audio, reason)
        elif item.content_hash in first_of:
            reason = f"the same article as {first_of[item.content_hash]}"
            outcomes[item.id] = Outcome(item.id, item.source, "skipped", item.content_hash, audio, reason)
        else:
            first_of[item.content_hash] = item.id
            todo.append(item)
    bar = _progress_bar(len(collected.items), len(outcomes), progress)
    try:
        if service is not None:
            finished = _send_all(todo, service, settings, workers)
        else:
            assert outdir is not None
            finished = _process_all(todo, settings, outdir, audio, resolver, workers)
        for outcome in finished:
            outcomes[outcome.id] = outcome
            if outcome.status == "done" and manifest is not None:
                manifest.record(outcome)
            bar(outcome)
    finally:
        bar(None)
    ordered = tuple(outcomes[item.id] for item in collected.items if item.id in outcomes)
    return Report(ordered, collected.notes)


def _process_all(
    todo: list[Item], settings: Settings, outdir: Path, audio: bool, resolver: Resolver, workers: int
) -> Iterator[Outcome]:
    """Each item's outcome as it finishes: in this process, or in a pool of ``workers`` processes."""
    if workers == 1 or len(todo) <= 1:
        for item in todo:
            yield process(item, settings, outdir, audio, resolver)
        return
    import multiprocessing

    # "spawn": a fresh interpreter per worker, safe whatever threads this process runs (servers, progress bars).
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    waiting = iter(todo)
    running: set[Future[Outcome]] = set()
    try:
        running |= {pool.submit(process, item, settings, outdir, audio, resolver) for item in islice(waiting, workers * 2)}
        while running:
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()
                running |= {pool.submit(process, item, settings, outdir, audio, resolver) for item in islice(waiting, 1)}
    except BrokenProcessPool:
        raise KhulasaError(
            "a worker process died (out of memory?); finished items are recorded, so run the same command again to resume."
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _send_all(todo: list[Item], service: Service, settings: Settings, workers: int) -> Iterator[Outcome]:
    """Each item sent to the service, ``workers`` requests at a time; outcomes as they finish."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(send, item, service, settings) for item in todo]
        for future in as_completed(futures):
            yield future.result()


def send(item: Item, service: Service, settings: Settings) -> Outcome:
    """Upsert one item into the service; the service summarizes and narrates it in the background.

    A feed teaser goes as its URL (the service fetches the page under its own
    guard); files and lines go as text or HTML. An item the service already
    holds with this exact content is reported as skipped.
    """
    try:
        if item.problem is not None:
            raise InputError(item.problem)
        body: dict[str, Any] = {"title": item.title, "published": item.published}
        warning = None
        if item.teaser and item.url:
            body["url"] = item.url
        else:
            data = read_bounded(Path(item.path), settings.max_input_bytes) if item.path is not None else (item.data or b"")
            html = looks_like_html(data)
            decoded = decode(data, declared_charset(data=data) if html else None)
            body["html" if html else "text"] = decoded.text
            warning = decoded.warning
        upserted = service.put_article(item.id, {k: v for k, v in body.items() if v is not None})
    except ServiceError:
        raise  # the service itself is unreachable or refuses the key: every other item would fail the same way
    except KhulasaError as exc:
        return Outcome(item.id, item.source, "failed", item.content_hash, reason=exc.message)
    if not upserted.new_version:
        return Outcome(item.id, item.source, "skipped", item.content_hash, reason="the service already has this version")
    reason = f"sent; {upserted.state}" + (f"; warning: {warning}" if warning else "")
    return Outcome(item.id, item.source, "done", item.content_hash, reason=reason)


def _progress_bar(total: int, already: int, enabled: bool) -> Callable[[Outcome | None], None]:
    """A tqdm bar on stderr (when it is a terminal); call with each outcome, then None to close."""
    from tqdm import tqdm

    bar = tqdm(total=total, initial=already, unit="article", file=sys.stderr, disable=None if enabled else True)

    def advance(outcome: Outcome | None) -> None:
        if outcome is None:
            bar.close()
            return
        if outcome.status == "failed" and not bar.disable:
            bar.write(f"khulasa: failed: {outcome.source}: {outcome.reason}", file=sys.stderr)
        bar.update(1)

    return advance


# Reading the input ------------------------------------------------------------------------------------


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


# Doing one item ---------------------------------------------------------------------------------------


def process(item: Item, settings: Settings, outdir: Path, audio: bool, resolver: Resolver = system_resolver) -> Outcome:
    """Read, summarize and (with ``audio``) narrate one item; write ``<id>.json`` and ``<id>.mp3``.

    Runs in a worker process, so it returns every failure as an Outcome
    instead of raising: a bad item never ends the batch.
    """
    try:
        if item.problem is not None:
            raise InputError(item.problem)
        article = read_item(item, settings, resolver)
        summary = pipeline.summarize(article, settings)
        from khulasa.render import as_dict

        record: dict[str, Any] = {
            "id": item.id,
            "source": item.source,
            "title": article.title,
            "published": article.published,
            "url": article.url,
            "warning": article.warning,
            **as_dict(summary),
            "audio": None,
        }
        if audio:
            from khulasa.speech import timings

            narration = pipeline.narrate(summary, settings, ["mp3"])
            write_atomically(outdir / f"{item.id}.mp3", narration.files[0].data)
            record["audio"] = {"file": f"{item.id}.mp3", **timings.as_dict(narration)}
        # the JSON is written last: when it exists, the item is complete
        write_atomically(outdir / f"{item.id}.json", (json.dumps(record, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    except KhulasaError as exc:
        return Outcome(item.id, item.source, "failed", item.content_hash, reason=exc.message)
    except Exception as exc:  # a bug on one article must not cost the rest of the archive
        reason = f"unexpected error ({type(exc).__name__}: {exc})"
        return Outcome(item.id, item.source, "failed", item.content_hash, reason=reason)
    return Outcome(item.id, item.source, "done", item.content_hash, audio=audio)


def read_item(item: Item, settings: Settings, resolver: Resolver = system_resolver) -> Article:
    """The item's article, with the headline and date its input gave winning over extracted ones."""
    if item.teaser and item.url:
        article = behind_teaser(item.data or b"", item.url, settings, resolver)
    elif item.path is not None:
        article = read_article(read_bounded(Path(item.path), settings.max_input_bytes), settings, url=item.url)
    else:
        article = read_article(item.data or b"", settings, url=item.url)
    return given(article, title=item.title, published=item.published, url=item.url)


# The manifest -----------------------------------------------------------------------------------------


class Manifest:
    """The finished items of an output folder, kept in ``MANIFEST`` and rewritten atomically after each one."""

    def __init__(self, outdir: Path, entries: dict[str, dict[str, Any]]) -> None:
        self.outdir = outdir
        self.path = outdir / MANIFEST
        self.entries = entries
        """Item id → {"hash", "audio", "source"}."""
        self.by_hash: dict[str, list[str]] = {}
        for item_id, entry in entries.items():
            self.by_hash.setdefault(str(entry.get("hash")), []).append(item_id)

    @classmethod
    def open(cls, outdir: Path) -> Manifest:
        """The manifest of ``outdir``, which is created when missing; empty for a new folder."""
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise InputError(f"{outdir} is a file; give a folder for the output.") from None
        except OSError as exc:
            raise InputError(f"{outdir}: the output folder cannot be created ({exc.strerror or exc}).") from None
        path = outdir / MANIFEST
        if not path.exists():
            return cls(outdir, {})
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = data["items"]
            if not isinstance(entries, dict) or not all(isinstance(entry, dict) for entry in entries.values()):
                raise TypeError
        except (OSError, ValueError, KeyError, TypeError):
            raise InputError(f"{path} is damaged; delete it to process every item again.") from None
        return cls(outdir, entries)

    def done_as(self, content_hash: str, audio: bool) -> str | None:
        """The id under which this content was finished (with audio if asked), if its output is still there."""
        for item_id in self.by_hash.get(content_hash, []):
            entry = self.entries[item_id]
            if entry.get("hash") != content_hash:  # the id was done again since, with other content
                continue
            if (entry.get("audio") or not audio) and (self.outdir / f"{item_id}.json").exists():
                return item_id
        return None

    def record(self, outcome: Outcome) -> None:
        """Add a finished item and write the manifest at once."""
        self.entries[outcome.id] = {"hash": outcome.content_hash, "audio": outcome.audio, "source": outcome.source}
        self.by_hash.setdefault(outcome.content_hash, []).append(outcome.id)
        data = {"format": 1, "items": self.entries}
        write_atomically(self.path, (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8"))
