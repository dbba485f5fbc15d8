"""The command line: parse arguments, call the library, print.

Every error Khulasa raises on purpose becomes one sentence on stderr and a
non-zero exit code; nothing here knows how summaries are made.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from khulasa import __version__, config, files, pipeline
from khulasa.errors import InputError, KhulasaError, NativeCrash
from khulasa.ingest.document import is_url, read_article, read_url, validate
from khulasa.model import Article, Narration
from khulasa.render import FORMATS
from khulasa.speech.lexicon import Lexicon

EXIT_INPUT = 2
EXIT_FAILURE = 1


def _read_bytes(source: str, limit: int) -> bytes:
    """Read a file path, or stdin for "-", refusing more than ``limit`` bytes early."""
    if source == "-":
        return sys.stdin.buffer.read(limit + 1)
    try:
        return files.read_bounded(Path(source), limit)
    except InputError as exc:
        raise InputError(f"{source}: {exc.message}") from None


def _warn(warning: str | None) -> None:
    """Say on stderr what reading the input had to repair or guess, so a damaged file is never read in silence."""
    if warning:
        print(f"khulasa: warning: {warning}", file=sys.stderr)


def _summarize(args: argparse.Namespace) -> int:
    settings = config.load(bullets=args.bullets, summary_engine=args.engine, voice=args.voice, speed=args.speed)
    title = None
    if args.title is not None:
        title = " ".join(args.title.split())
        if not title:
            raise InputError("--title is empty; give the article's headline, or leave the option out.")
    if args.jsonl:
        if args.audio:
            raise InputError("--audio reads one article aloud; it cannot be combined with --jsonl.")
        if title:
            raise InputError('--title is one article\'s headline; with --jsonl give each line a "title" field.')
        return _summarize_jsonl(args.jsonl, settings)
    if not args.file:
        raise InputError("give an article file, - for stdin, or --jsonl FILE.")
    if is_url(args.file):
        article = read_url(args.file, settings)
    else:
        article = read_article(_read_bytes(args.file, settings.max_input_bytes), settings)
    if title:  # the headline the user gives wins over the one found in the page: it names the story's core fact
        article = replace(article, title=title)
    _warn(article.warning)
    if args.lexicon and not args.audio:
        raise InputError("--lexicon says how the summary is read aloud; give --audio OUT.mp3 too.")
    lexicon = _lexicon_file(args.lexicon)
    summary = pipeline.summarize(article, settings)
    sys.stdout.write(FORMATS[args.format](summary))
    if args.audio:
        sys.stdout.flush()
        _write_narration(pipeline.narrate(summary, settings, [_audio_format(args.audio)], lexicon), args.audio)
    return 0


def _lexicon_file(source: str | None) -> Lexicon:
    """The pronunciation dictionary in a CSV file (term,say[,note]), or none without one."""
    from khulasa.speech.lexicon import NO_LEXICON, read_csv

    if source is None:
        return NO_LEXICON
    return Lexicon(read_csv(_csv_text(source), source))


def _csv_text(source: str) -> str:
    try:
        return _read_bytes(source, 50_000_000).decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{source} is not UTF-8 text; save the CSV as UTF-8.") from None


def _summarize_jsonl(source: str, settings: config.Settings) -> int:
    """One {"id", "article"} per line in, one {"id", "bullets"} per line out; a bad line is reported, not fatal."""
    from tqdm import tqdm

    from khulasa.batch.inputs import jsonl_record

    failures = 0
    lines = _jsonl_lines(source)
    for number, line in enumerate(tqdm(lines, unit="article", file=sys.stderr, disable=None), 1):
        if not line.strip():
            continue
        record = None
        try:
            record = jsonl_record(line)
            title = record.get("title") if isinstance(record.get("title"), str) and record["title"].strip() else None
            summary = pipeline.summarize(validate(Article(text=record["article"], title=title), settings), settings)
            out = {"id": record.get("id"), "bullets": [b.text for b in summary.bullets]}
        except KhulasaError as exc:
            failures += 1
            print(f"khulasa: line {number}: {exc.message}", file=sys.stderr)
            out = {"id": record.get("id") if isinstance(record, dict) else None, "error": exc.message}
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return EXIT_INPUT if failures else 0


def _jsonl_lines(source: str) -> list[bytes]:
    if source == "-":
        return sys.stdin.buffer.read().splitlines()
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source} is a folder; --jsonl takes a file of JSON lines (khulasa batch takes folders).")
    try:
        return files.read_bounded(path, None).splitlines()
    except InputError as exc:
        raise InputError(f"{source}: {exc.message}") from None


def _serve(args: argparse.Namespace) -> int:
    from khulasa.web import serve

    settings = config.load(data_dir=args.data_dir, run_jobs=False if args.no_jobs else None)
    serve.run(settings, host=args.host, port=args.port, access_log=args.access_log)
    return 0


def _worker(args: argparse.Namespace) -> int:
    """Work the job queue, send webhooks and poll feeds, without serving HTTP, until SIGTERM or Ctrl-C."""
    from khulasa.jobs import worker

    if args.workers is not None and args.workers < 1:
        raise InputError("--workers must be at least 1.")
    worker.run(config.load(data_dir=args.data_dir, workers=args.workers))
    return 0


def _keys(args: argparse.Namespace) -> int:
    from khulasa.render import iso
    from khulasa.store import database, keys

    settings = config.load(data_dir=args.data_dir)
    if args.keys_command == "create" and args.webhook:  # before the key is made: a refused URL makes nothing
        from khulasa.jobs.webhooks import checked_target

        checked_target(args.webhook, settings)
    engine = database.connect(settings)
    try:
        if args.keys_command == "create":
            key, token = keys.create_key(engine, args.name, admin=args.admin)
            kind = "admin key" if key.admin else "key"
            print(f"created {kind} {key.name!r}; it is shown only now, keep it safe:", file=sys.stderr)
            print(token, flush=True)
            if args.webhook:
                key = keys.set_webhook(engine, key.id, args.webhook)
                print(f"webhook secret (shown once): {key.webhook_secret}", file=sys.stderr)
        elif args.keys_command == "revoke":
            key = keys.revoke_key(engine, args.name)
            print(f"revoked key {key.name!r} ({key.prefix}…)", file=sys.stderr)
        else:
            for key in keys.list_keys(engine):
                state = f"revoked {iso(key.revoked_at)}" if key.revoked_at else "active"
                state += " admin" if key.admin else ""
                print(f"{key.name}\t{key.prefix}…\t{iso(key.created_at)}\t{state}\t{key.webhook_url or '-'}")
    finally:
        engine.dispose()
    return 0


def _sources(args: argparse.Namespace) -> int:
    """Add, list, remove and poll the feeds the service reads."""
    from khulasa.jobs import poller
    from khulasa.render import iso
    from khulasa.store import database, sources

    settings = config.load(data_dir=args.data_dir)
    engine = database.connect(settings)
    try:
        if args.sources_command == "add":
            source, created = poller.add(engine, args.url, settings, key_name=args.key, poll_seconds=args.every)
            shown = f"source {source.id}: {source.kind} feed {source.url}" + (f" ({source.title})" if source.title else "")
            print(f"added {shown}" if created else f"already added, nothing changed: {shown}")
        elif args.sources_command == "remove":
            source = sources.remove_source(engine, args.id)
            print(f"removed source {source.id} ({source.url}); the articles read from it stay", file=sys.stderr)
        elif args.sources_command == "poll":
            report = poller.poll(engine, settings)
            for line in report.lines():
                print(line)
            return EXIT_INPUT if report.failed else 0
        else:
            for source in sources.list_sources(engine):
                state = f"failing: {source.last_error}" if source.last_error else "ok" if source.last_ok_at else "not polled yet"
                if source.paused:
                    state = f"paused: its key {source.key_name!r} was revoked {iso(source.key_revoked_at)}; {state}"
                polled = iso(source.last_polled_at) if source.last_polled_at else "-"
                print(f"{source.id}\t{source.kind}\t{source.url}\tpolled {polled}\t{state}")
    finally:
        engine.dispose()
    return 0


def _lexicon(args: argparse.Namespace) -> int:
    """Add, list, remove, import, export and apply the service's pronunciation dictionary."""
    from khulasa.speech import lexicon as speech_lexicon
    from khulasa.store import database
    from khulasa.store import lexicon as dictionary

    settings = config.load(data_dir=args.data_dir)
    if args.lexicon_command == "import":  # read and checked before the database is touched: a bad line changes nothing
        if (args.file is None) == (not args.starter):
            raise InputError("give a CSV file (term,say[,note]) or --starter, not both.")
        imported = speech_lexicon.starter() if args.starter else speech_lexicon.read_csv(_csv_text(args.file), args.file)
    engine = database.connect(settings)
    try:
        if args.lexicon_command == "add":
            entry = dictionary.add(engine, args.term, args.say, args.note)
            print(f"added entry {entry.id}: {entry.term} → {entry.say}")
        elif args.lexicon_command == "remove":
            entry = dictionary.remove(engine, args.id)
            print(f"removed entry {entry.id}: {entry.term} → {entry.say}")
        elif args.lexicon_command == "import":
            added, changed = dictionary.import_entries(engine, imported)
            same = len(imported) - added - changed
            print(f"imported {len(imported)} entries: {added} added, {changed} changed, {same} unchanged")
        elif args.lexicon_command == "export":
            sys.stdout.write(speech_lexicon.write_csv(e.entry for e in dictionary.listing(engine)[1]))
        elif args.lexicon_command == "apply":
            queued = dictionary.renarrate(engine)
            print(f"queued {queued} items whose audio reads a changed term; a running service or `khulasa worker` makes them")
        else:
            version, entries = dictionary.listing(engine)
            print(f"version {version}, {len(entries)} entries", file=sys.stderr)
            for entry in entries:
                print(f"{entry.id}\t{entry.term}\t{entry.say}\t{entry.note or ''}".rstrip("\t"))
    finally:
        engine.dispose()
    return 0


def _stats(args: argparse.Namespace) -> int:
    """Print the listening figures per day or per article: a table, CSV or JSON."""
    import json

    from khulasa.store import database, listening

    engine = database.connect(config.load(data_dir=args.data_dir))
    try:
        answer = listening.report(
            engine, args.start, args.end, group=args.group, article=args.article, audio=args.audio, limit=args.limit
        )
    finally:
        engine.dispose()
    if args.format == "json":
        print(json.dumps(answer, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(listening.as_csv(answer))
    else:
        print(listening.as_table(answer))
    return 0


def _review(args: argparse.Namespace) -> int:
    """Publish, reject or rewrite an article's box in the service's database, as an editor does through the API.

    The operator acts on any article; ``--by`` is the name kept as the reviewer or author.
    """
    from khulasa.store import articles, database
    from khulasa.summarize import editor

    settings = config.load(data_dir=args.data_dir)
    engine = database.connect(settings)
    try:
        if args.command == "publish":
            articles.publish(engine, args.id, args.by, None)
            print(f"published {args.id}: readers now see version {articles.item(engine, args.id)['published_version']}")
        elif args.command == "reject":
            note = " ".join(args.note.split())
            if not note:
                raise InputError("the note is empty; say what is wrong with the summary.")
            articles.reject(engine, args.id, note, args.by, None)
            print(f"rejected {args.id}: readers keep the last published version", file=sys.stderr)
        else:
            found: list[editor.Advice] = []

            def write(article: Article) -> dict[str, object]:
                summary, found[:] = editor.written(args.bullet, article, settings)
                return editor.as_dict(summary, args.by)

            editor.checked_bullets(args.bullet)
            number = articles.edit_summary(engine, args.id, write, args.by, None)
            for advice in found:
                print(f"advice ({advice.check}): {advice.message}", file=sys.stderr)
            print(f"{args.id}: version {number} by {args.by} is queued for its audio (the service's jobs make it)")
    finally:
        engine.dispose()
    return 0


def _batch(args: argparse.Namespace) -> int:
    """Summarize every article of a folder, JSONL file or feed into an output folder (or a service); report on stderr."""
    from khulasa import batch
    from khulasa.batch.remote import Service

    settings = config.load()
    service = Service(args.service, args.key or settings.service_key) if args.service else None
    try:
        output = Path(args.output) if args.output else None
        report = batch.run(args.input, output, settings, workers=args.workers, audio=not args.no_audio, service=service)
    finally:
        if service is not None:
            service.close()
    for line in report.lines():
        print(line, file=sys.stderr)
    return EXIT_INPUT if report.failed else 0


def _diacritize(args: argparse.Namespace) -> int:
    """Filter: each stdin line diacritized on stdout, line for line, as soon as it is done."""
    settings = config.load(diacritizer=args.diacritizer)
    return _filter_lines(lambda line: pipeline.diacritize(line, settings))


def _verbalize(args: argparse.Namespace) -> int:
    """Filter: each stdin line as speakable text on stdout (numbers, dates, symbols as words)."""
    from khulasa.speech.verbalize import verbalize

    return _filter_lines(lambda line: verbalize(line).replace("\n", " "))


def _filter_lines(transform: Callable[[str], str]) -> int:
    """Each UTF-8 stdin line through ``transform`` to stdout, its line ending kept, written as soon as it is done."""
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"line {number} of the input is not UTF-8 text; convert it to UTF-8 first.") from None
        body = line.rstrip("\r\n")
        sys.stdout.buffer.write((transform(body) + line[len(body) :]).encode("utf-8"))
        sys.stdout.buffer.flush()
    return 0


def _audio_format(path: str) -> str:
    """The encoding an output path asks for, from its extension."""
    extension = Path(path).suffix.lower().lstrip(".")
    if extension not in ("mp3", "ogg"):
        raise InputError(f"{path}: the audio file must end in .mp3 or .ogg (Opus).")
    return extension


def _write_narration(narration: Narration, path: str, streamed: Sequence[tuple[str, str, int]] = ()) -> None:
    """Write the audio to ``path`` (unless it was ``streamed`` there) and its timings beside it, as .json and .vtt."""
    from khulasa.speech.timings import as_json, as_webvtt

    audio = Path(path)
    outputs = {
        audio.with_suffix(".json"): as_json(narration, streamed).encode("utf-8"),
        audio.with_suffix(".vtt"): as_webvtt(narration).encode("utf-8"),
    }
    if narration.files:
        outputs = {audio: narration.files[0].data, **outputs}
    for target, data in outputs.items():
        with files.replacing(target) as handle:
            handle.write(data)
    loudness = f", {narration.loudness:.1f} LUFS" if narration.loudness is not None else ""
    print(f"khulasa: wrote {audio} ({narration.duration:.1f} s{loudness}) with timings in .json and .vtt", file=sys.stderr)


def _narrate(args: argparse.Namespace) -> int:
    """Read a text or article aloud into an audio file (long text is read sentence by sentence)."""
    settings = config.load(voice=args.voice, speed=args.speed)
    extension = _audio_format(args.output)
    lexicon = _lexicon_file(args.lexicon)
    article = read_article(_read_bytes(args.file, settings.max_input_bytes), settings)
    _warn(article.warning)
    text = article.text
    if article.title and not text.startswith(article.title):
        text = f"{article.title}\n{text}"
    with files.replacing(Path(args.output)) as sink:  # streamed: a book's MP3 never sits in memory whole
        narration = pipeline.narrate_text(text, settings, [extension], sinks=[sink], lexicon=lexicon)
        from khulasa.speech.audio import FORMATS as AUDIO_TYPES  # loaded by now: the narration used it

        written = (extension, AUDIO_TYPES[extension], os.fstat(sink.fileno()).st_size)
        _write_narration(narration, args.output, [written])  # the timings; the audio takes its name last, complete
    return 0


SAMPLE = "أعلنت وزارة المياه اليوم افتتاح محطة جديدة لتحلية مياه البحر، تنتج مئة ألف متر مكعب يوميًا وتخدم نصف مليون نسمة."
"""What `khulasa voices try` reads when given no text: one news sentence, with a number to verbalize."""


def _voices(args: argparse.Namespace) -> int:
    """List, download, remove and try voices."""
    from khulasa.speech.voices import VOICES, catalogue

    settings = config.load(data_dir=args.data_dir)
    if args.voices_command == "download":
        from tqdm import tqdm

        with tqdm(unit="B", unit_scale=True, unit_divisor=1024, file=sys.stderr, disable=None, desc=args.name) as bar:

            def progress(done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            voice = catalogue.download(args.name, settings, progress)
        print(f"khulasa: installed {voice.name} ({voice.size / 1e6:.1f} MB) in {voice.model.parent}", file=sys.stderr)
        print(f"use it with: KHULASA_VOICE=piper KHULASA_PIPER_VOICE={voice.name}", file=sys.stderr)
        return 0
    if args.voices_command == "remove":
        catalogue.remove(args.name, settings)
        print(f"khulasa: removed {args.name}", file=sys.stderr)
        return 0
    if args.voices_command == "try":
        return _try_voice(args, settings, VOICES)
    mine = catalogue.installed(settings)
    print("installed Piper voices (KHULASA_VOICE=piper KHULASA_PIPER_VOICE=NAME):")
    for voice in mine:
        print(f"  {voice.name:<28} {voice.size / 1e6:7.1f} MB  license: {voice.license}")
    if not mine:
        print("  none yet")
    print("built in: espeak; cloud: " + ", ".join(v for v in VOICES if v not in {"espeak", "piper", "http"}) + " (need a key)")
    arabic = (v for v in catalogue.read_catalogue(settings).values() if v.language.startswith("ar"))
    offered = sorted(arabic, key=lambda v: v.name)
    print("Arabic voices to download (khulasa voices download NAME); licenses are in each voice's model card:")
    names = {v.name for v in mine}
    for entry in offered:
        state = "installed" if entry.name in names else ""
        print(f"  {entry.name:<28} {entry.quality:<7} {entry.sample_rate:>6} Hz {entry.size / 1e6:7.1f} MB  {state}".rstrip())
    return 0


def _try_voice(args: argparse.Namespace, settings: config.Settings, voices: Sequence[str]) -> int:
    """Read a sample with one voice (by voice name, or an installed Piper voice's name) into a file, for choosing."""
    from dataclasses import replace

    if args.name in voices:
        settings = replace(settings, voice=args.name)
    else:
        settings = replace(settings, voice="piper", piper_voice=args.name)
    output = Path(args.output or f"sample-{args.name}.mp3")
    extension = _audio_format(str(output))
    narration = pipeline.narrate_text(args.text or SAMPLE, settings, [extension])
    with files.replacing(output) as handle:
        handle.write(narration.files[0].data)
    billed = f", {narration.characters} characters sent" if narration.characters else ""
    print(f"khulasa: wrote {output} ({narration.duration:.1f} s, voice {narration.voice}{billed})", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; the README's command reference is generated from it."""
    parser = argparse.ArgumentParser(
        prog="khulasa", description="Arabic news summaries you can listen to: the «الملخص» box."
    )
    parser.add_argument("--version", action="version", version=f"khulasa {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    summarize = commands.add_parser("summarize", help="print the summary box of an article")
    summarize.add_argument("file", nargs="?", help="article as text or HTML, or its http(s) URL; - reads stdin")
    summarize.add_argument("--format", choices=sorted(FORMATS), default="md", help="output format (default: md)")
    summarize.add_argument("--bullets", type=int, metavar="N", help="bullets (default: 3 from 200 words on, else 2)")
    summarize.add_argument(
        "--engine", choices=["extractive", "llm"], help="summary engine (default: KHULASA_SUMMARY_ENGINE, else extractive)"
    )
    summarize.add_argument(
        "--title", metavar="HEADLINE", help="the article's headline (wins over the page's): the box states the fact it names"
    )
    summarize.add_argument(
        "--jsonl", metavar="IN.jsonl", help='summarize {"id", "article"} lines (optional "title"); write {"id", "bullets"} lines'
    )
    summarize.add_argument(
        "--audio",
        metavar="OUT.mp3",
        help="also read the summary aloud into OUT.mp3 or .ogg, with .json and .vtt timings beside it",
    )
    _voice_options(summarize)
    _lexicon_option(summarize)
    summarize.set_defaults(handler=_summarize)

    narrate = commands.add_parser("narrate", help="read a text or article aloud into an audio file")
    narrate.add_argument("file", help="text or HTML to read; - reads stdin")
    narrate.add_argument("-o", "--output", required=True, metavar="OUT.mp3", help="audio file to write: .mp3 or .ogg (Opus)")
    _voice_options(narrate)
    _lexicon_option(narrate)
    narrate.set_defaults(handler=_narrate)

    serve = commands.add_parser("serve", help="run the API service (REST API, background jobs, webhooks)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    serve.add_argument("--data-dir", metavar="DIR", help="database and audio folder (default: ~/.local/share/khulasa)")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    serve.add_argument(
        "--no-jobs", action="store_true", help="serve the API only: `khulasa worker` processes do the jobs, webhooks and feeds"
    )
    serve.set_defaults(handler=_serve)

    worker = commands.add_parser("worker", help="do the service's jobs, webhooks and feed polling, without the API")
    worker.add_argument("--data-dir", metavar="DIR", help="database and audio folder (default: ~/.local/share/khulasa)")
    worker.add_argument("--workers", type=int, metavar="N", help="jobs run at once (default: KHULASA_WORKERS, else 2)")
    worker.set_defaults(handler=_worker)

    keys = commands.add_parser("keys", help="create, list and revoke the service's API keys")
    keys_commands = keys.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    create = keys_commands.add_parser("create", help="make a key and print it (shown only once)")
    create.add_argument("name", help="a name for the key, e.g. the CMS it is for")
    create.add_argument("--webhook", metavar="URL", help="send this key's article.done / article.failed events here")
    create.add_argument(
        "--admin", action="store_true", help="an operator's key for newsroom tools: it may change and delete any key's articles"
    )
    revoke = keys_commands.add_parser("revoke", help="stop a key from working")
    revoke.add_argument("name", help="the key's name")
    keys_commands.add_parser("list", help="list keys (never the keys themselves)")
    for action in (create, revoke, keys_commands.choices["list"]):
        action.add_argument("--data-dir", metavar="DIR", help="the service's data folder (default: ~/.local/share/khulasa)")
    keys.set_defaults(handler=_keys)

    feeds = commands.add_parser("sources", help="feeds (RSS, Atom, WordPress) the service polls for new and changed articles")
    feeds_commands = feeds.add_subparsers(dest="sources_command", metavar="ACTION", required=True)
    add = feeds_commands.add_parser("add", help="check a feed URL and add it (adding it again changes nothing)")
    add.add_argument("url", help="RSS or Atom feed, or a WordPress site's /wp-json/wp/v2/posts URL")
    add.add_argument("--key", metavar="NAME", help="the API key the source's articles belong to (its webhook hears of them)")
    add.add_argument(
        "--every", type=float, metavar="SECONDS", help="poll this source this often (default: KHULASA_SOURCE_POLL_SECONDS)"
    )
    remove = feeds_commands.add_parser("remove", help="stop polling a source (its articles stay)")
    remove.add_argument("id", type=int, help="the source's id, as `khulasa sources list` shows it")
    feeds_commands.add_parser("list", help="list sources: id, kind, URL, last poll and how it went")
    feeds_commands.add_parser("poll", help="poll every source once now and print what was new, changed, unchanged or failed")
    for action in feeds_commands.choices.values():
        action.add_argument("--data-dir", metavar="DIR", help="the service's data folder (default: ~/.local/share/khulasa)")
    feeds.set_defaults(handler=_sources)

    lexicon = commands.add_parser("lexicon", help="the pronunciation dictionary: how the voice says names and terms")
    lexicon_commands = lexicon.add_subparsers(dest="lexicon_command", metavar="ACTION", required=True)
    entry = lexicon_commands.add_parser("add", help="teach the voice a term: khulasa lexicon add فيدوموستي فِيدُومُوسْتِي")
    entry.add_argument("term", help="the word or phrase as the text writes it (Arabic or Latin)")
    entry.add_argument("say", help="how the voice reads it, in Arabic letters (tashkeel allowed)")
    entry.add_argument("--note", help="why the entry is there, for the editors")
    lexicon_commands.add_parser("list", help="list entries: id, term, say, note")
    forget_entry = lexicon_commands.add_parser("remove", help="remove an entry")
    forget_entry.add_argument("id", type=int, help="the entry's id, as `khulasa lexicon list` shows it")
    load = lexicon_commands.add_parser("import", help="add entries from a CSV file (term,say[,note]); terms already there change")
    load.add_argument("file", nargs="?", help="UTF-8 CSV with the header term,say or term,say,note; - reads stdin")
    load.add_argument("--starter", action="store_true", help="import Khulasa's starter dictionary (agencies, names in the news)")
    lexicon_commands.add_parser("export", help="print every entry as CSV (term,say,note)")
    lexicon_commands.add_parser("apply", help="queue again the finished items whose audio reads a changed term")
    for action in lexicon_commands.choices.values():
        action.add_argument("--data-dir", metavar="DIR", help="the service's data folder (default: ~/.local/share/khulasa)")
    lexicon.set_defaults(handler=_lexicon)

    stats = commands.add_parser("stats", help="listening figures: impressions, plays, completion, per day or per article")
    stats.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="first day, UTC (default: 29 days before --to)")
    stats.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day, UTC (default: today)")
    stats.add_argument("--group", choices=["day", "article"], default="day", help="one row per day or per article (default: day)")
    stats.add_argument("--article", metavar="ID", help="only this article")
    stats.add_argument("--audio", choices=["summary", "article"], help="only the summary's or the whole article's audio")
    stats.add_argument("--limit", type=int, default=100, metavar="N", help="articles listed with --group article (default: 100)")
    stats.add_argument("--format", choices=["table", "csv", "json"], default="table", help="output format (default: table)")
    stats.add_argument("--data-dir", metavar="DIR", help="the service's data folder (default: ~/.local/share/khulasa)")
    stats.set_defaults(handler=_stats)

    publish = commands.add_parser("publish", help="publish an article's box waiting for review (KHULASA_PUBLISH=review)")
    reject = commands.add_parser("reject", help="send an article's box waiting for review back, with a note")
    reject.add_argument("--note", required=True, help="what is wrong, for whoever edits it next")
    edit = commands.add_parser("edit", help="write an article's box by hand: a new version, read aloud by the service's jobs")
    edit.add_argument(
        "--bullet", action="append", required=True, metavar="TEXT", help="one bullet, an Arabic sentence (give 1 to 5)"
    )
    for command in (publish, reject, edit):
        command.add_argument("id", help="the article's id, as the CMS sent it")
        command.add_argument(
            "--by", default="operator", metavar="NAME", help="the name kept as reviewer or author (default: operator)"
        )
        command.add_argument("--data-dir", metavar="DIR", help="the service's data folder (default: ~/.local/share/khulasa)")
        command.set_defaults(handler=_review)

    batch = commands.add_parser(
        "batch", help="summarize and read aloud many articles: a folder, a JSONL file or a feed (resumable)"
    )
    batch.add_argument("input", help="folder of .txt/.html files, .jsonl file of {id, article} lines, or RSS/Atom/WordPress URL")
    batch.add_argument("-o", "--output", metavar="OUTDIR", help="folder for one <id>.json and <id>.mp3 each")
    batch.add_argument("--service", metavar="URL", help="send each article to this Khulasa service instead of writing files")
    batch.add_argument("--key", metavar="KEY", help="API key for --service (default: KHULASA_SERVICE_KEY)")
    batch.add_argument("--workers", type=int, default=1, metavar="N", help="articles done at once, in N processes (default: 1)")
    batch.add_argument("--no-audio", action="store_true", help="write the summaries only, no MP3")
    batch.set_defaults(handler=_batch)

    diacritize = commands.add_parser("diacritize", help="add tashkeel to text: stdin to stdout, one line in, one line out")
    diacritize.add_argument("--diacritizer", choices=["tashkeel", "rawi", "none"], help="which diacritizer (default: tashkeel)")
    diacritize.set_defaults(handler=_diacritize)

    verbalize = commands.add_parser(
        "verbalize", help="spell out numbers, dates and symbols as Arabic words: stdin to stdout, one line in, one line out"
    )
    verbalize.set_defaults(handler=_verbalize)

    voices = commands.add_parser("voices", help="list, download, remove and try voices (Piper voices by name, cloud voices)")
    voices_commands = voices.add_subparsers(dest="voices_command", metavar="ACTION", required=True)
    voices_commands.add_parser("list", help="installed Piper voices and the Arabic ones to download: quality, sample rate, size")
    download = voices_commands.add_parser(
        "download", help="download a Piper voice by name, checked against the catalogue; resumable"
    )
    download.add_argument("name", help="the voice's name, e.g. ar_JO-kareem-medium or ar_JO-kareem-low")
    forget = voices_commands.add_parser("remove", help="delete a downloaded Piper voice")
    forget.add_argument("name", help="the voice's name, as `khulasa voices list` shows it")
    sample = voices_commands.add_parser("try", help="read a short sample with a voice into an audio file, for choosing")
    sample.add_argument("name", help="a voice (espeak, azure, google, polly, elevenlabs, ...) or a downloaded Piper voice's name")
    sample.add_argument("text", nargs="?", help="Arabic text to read (default: a news sentence)")
    sample.add_argument("-o", "--output", metavar="OUT.mp3", help="audio file to write: .mp3 or .ogg (default: sample-NAME.mp3)")
    for action in voices_commands.choices.values():
        action.add_argument("--data-dir", metavar="DIR", help="voices are kept in DIR/voices (default: ~/.local/share/khulasa)")
    voices.set_defaults(handler=_voices)
    return parser


def _voice_options(command: argparse.ArgumentParser) -> None:
    from khulasa.speech.voices import VOICES

    command.add_argument("--voice", choices=VOICES, help="voice (default: KHULASA_VOICE, else espeak)")
    command.add_argument("--speed", type=float, metavar="X", help="speaking rate, 0.25 to 4 (default: 1.0)")


def _lexicon_option(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--lexicon", metavar="FILE.csv", help="pronunciation dictionary to read with: CSV of term,say[,note] (no service needed)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``khulasa`` command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return EXIT_INPUT
    try:
        return int(args.handler(args))
    except (InputError, NativeCrash) as exc:  # a crash in the voice's own process is this input's doing
        print(f"khulasa: {exc.message}", file=sys.stderr)
        return EXIT_INPUT
    except KhulasaError as exc:
        print(f"khulasa: {exc.message}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
