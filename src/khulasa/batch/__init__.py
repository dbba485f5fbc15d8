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

Here is the run and its report; the input is read as items in ``inputs.py``,
one item is done in ``process.py``, the record of finished items is
``manifest.py``, and ``remote.py`` is the client that sends items to a
service instead (``--service``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from khulasa.batch.inputs import Item, Outcome, collect
from khulasa.batch.manifest import Manifest
from khulasa.batch.process import process
from khulasa.batch.remote import Service, ServiceError
from khulasa.config import Settings
from khulasa.errors import InputError, KhulasaError
from khulasa.files import read_bounded
from khulasa.ingest.decoding import declared_charset, decode
from khulasa.ingest.document import looks_like_html
from khulasa.ingest.fetch import Resolver, system_resolver

__all__ = ["Report", "run", "send"]


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
