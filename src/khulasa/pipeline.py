"""The one place that knows the order of the stages.

Front ends (the command line, the service, batch jobs) call these functions
and nothing deeper, so a change of stage order or a new stage happens here
alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, BinaryIO

from khulasa.arabic.tokens import word_count
from khulasa.config import Settings
from khulasa.errors import EmptyInput, InputError, NotArabic
from khulasa.model import Article, Narration, Segment, Summary
from khulasa.speech.lexicon import NO_LEXICON, Lexicon
from khulasa.speech.voices import Speech, Voice
from khulasa.summarize import engine_named, guarded


def bullet_count(article: Article, settings: Settings) -> int:
    """How many bullets this article gets: the setting, or 3 from `long_article_words` words on (else 2)."""
    if settings.bullets:
        return settings.bullets
    return 3 if word_count(article.text) >= settings.long_article_words else 2


def summarize(article: Article, settings: Settings) -> Summary:
    """Article → Summary with the configured engine, checked by the faithfulness guard.

    Bullets that fail the guard get one retry that names what failed (engines
    that can revise), then the extractive engine's bullets; the Summary's
    ``engine`` and ``guard`` say which engine made it and what the guard found.
    """
    from khulasa.ingest.document import without_dateline

    engine = engine_named(settings.summary_engine, settings)
    article = without_dateline(article)  # read_article took it off already; an article made in code still has it
    return guarded(engine, article, bullet_count(article, settings), settings)


def narrate(
    summary: Summary, settings: Settings, formats: Sequence[str] = ("mp3",), lexicon: Lexicon = NO_LEXICON
) -> Narration:
    """Summary → Narration: each bullet verbalized, put through the pronunciation dictionary, diacritized and spoken.

    A pause goes between bullets. ``formats`` are file extensions, "mp3"
    and/or "ogg". Segments give each bullet's time and, where the voice
    reports them, each displayed word's.
    """
    if not summary.bullets:
        raise EmptyInput("the summary has no bullets to read aloud.")
    return _narrate_bullets([bullet.text for bullet in summary.bullets], settings, formats, lexicon)


def narrate_text(
    text: str,
    settings: Settings,
    formats: Sequence[str] = ("mp3",),
    sinks: Sequence[BinaryIO] | None = None,
    lexicon: Lexicon = NO_LEXICON,
) -> Narration:
    """Any Arabic text read aloud, sentence by sentence (a whole article, or a book).

    Sentences longer than :data:`PIECE_WORDS` words are cut at commas or
    spaces; audio is mastered and encoded as it goes, so length costs time,
    not memory for samples. Segments are of kind "sentence".

    With ``sinks``, one file per format opened "w+b", the encoded audio is
    written into them as it is made and the Narration's ``files`` is empty:
    17 hours of MP3 would otherwise be ~480 MB held until the end. The
    caller owns the sinks (write to a temporary name, rename when this
    returns: an error midway leaves them half-written).
    """
    from khulasa.arabic.normalize import arabic_ratio
    from khulasa.arabic.sentences import split

    if not text.strip():
        raise EmptyInput("there is no text to read aloud.")
    if arabic_ratio(text) == 0 and not lexicon.found(text):  # «CNN» alone is Arabic once the dictionary says it
        raise NotArabic("the text has no Arabic to read aloud; Khulasa's voices speak Arabic.")
    pieces = [piece for sentence in split(text) for piece in _pieces(sentence.text)]
    return _narrate(pieces, "sentence", settings, formats, sinks, lexicon)


def article_paragraphs(article: Article) -> list[list[str]]:
    """The article as it is read aloud: its story paragraphs, each the list of its sentences.

    Cleaned as the summary sees it: "read also" link blocks, captions, tags and
    share lines go (:func:`~khulasa.ingest.clean.clean_body`), the dateline tag
    and the closing credit line are not read, and subheadings are skipped as
    the summary skips them (a bullet never quotes one).
    """
    from khulasa.arabic.sentences import split
    from khulasa.ingest.clean import clean_body, split_dateline
    from khulasa.summarize.extractive import is_credit

    body, _credit = clean_body(article.text, article.title)
    body, _dateline = split_dateline(body)
    grouped: dict[int, list[str]] = {}
    for sentence in split(body):
        if sentence.heading or is_credit(sentence, article):
            continue
        grouped.setdefault(sentence.paragraph, []).append(sentence.text)
    return [texts for _number, texts in sorted(grouped.items())]


def narrate_article(
    article: Article,
    settings: Settings,
    formats: Sequence[str] = ("mp3",),
    sinks: Sequence[BinaryIO] | None = None,
    lexicon: Lexicon = NO_LEXICON,
) -> Narration:
    """The whole article read aloud, paragraph by paragraph, streamed into ``sinks`` as :func:`narrate_text` does.

    Segments: one of kind "paragraph" per paragraph (index from 0, the
    paragraph's text, spanning its sentences), then its "sentence" and "word"
    segments. The pieces go through the same :func:`_narrate` and
    :func:`speak` as the summary's bullets, so a pronunciation dictionary, a
    per-article voice or a cache of spoken pieces added there serves the
    article audio too: that is the one place to hook them in.
    """
    from khulasa.arabic.normalize import arabic_ratio

    if not article.text.strip():
        raise EmptyInput("the article has no text to read aloud.")
    if arabic_ratio(article.text) == 0:
        raise NotArabic("the article has no Arabic to read aloud; Khulasa's voices speak Arabic.")
    paragraphs = article_paragraphs(article)
    if not paragraphs:
        raise EmptyInput("the article has no story text to read aloud once headings and credits are set aside.")
    pieces: list[str] = []
    owners: list[int] = []
    for number, sentences in enumerate(paragraphs):
        for sentence in sentences:
            for piece in _pieces(sentence):
                pieces.append(piece)
                owners.append(number)
    narration = _narrate(pieces, "sentence", settings, formats, sinks, lexicon)
    return replace(narration, segments=with_paragraphs(narration.segments, owners, [" ".join(s) for s in paragraphs]))


def with_paragraphs(segments: Sequence[Segment], owners: Sequence[int], paragraphs: Sequence[str]) -> tuple[Segment, ...]:
    """``segments`` with a "paragraph" segment before each paragraph's first sentence, spanning all of its sentences.

    ``owners[i]`` is the paragraph of sentence ``i``; a paragraph none of
    whose sentences could be spoken gets no segment.
    """
    spans: dict[int, tuple[float, float]] = {}
    for segment in segments:
        if segment.kind == "sentence":
            number = owners[segment.index]
            first, last = spans.get(number, (segment.start, segment.end))
            spans[number] = (min(first, segment.start), max(last, segment.end))
    out: list[Segment] = []
    opened: set[int] = set()
    for segment in segments:
        if segment.kind == "sentence" and owners[segment.index] not in opened:
            number = owners[segment.index]
            opened.add(number)
            out.append(Segment("paragraph", number, paragraphs[number], *spans[number]))
        out.append(segment)
    return tuple(out)


PIECE_WORDS = 60
"""Longest stretch of text handed to a voice at once, in words."""

_CLAUSE = re.compile(r"(?<=[،,؛;:])\s+")


def _pieces(sentence: str) -> Iterator[str]:
    """``sentence`` cut into stretches of at most PIECE_WORDS words, at clause marks where possible."""
    if len(sentence.split()) <= PIECE_WORDS:
        yield sentence
        return
    current: list[str] = []
    for clause in _CLAUSE.split(sentence):
        words = clause.split()
        while len(words) > PIECE_WORDS:
            if current:
                yield " ".join(current)
                current = []
            yield " ".join(words[:PIECE_WORDS])
            words = words[PIECE_WORDS:]
        if current and len(current) + len(words) > PIECE_WORDS:
            yield " ".join(current)
            current = []
        current += words
    if current:
        yield " ".join(current)


def _heard(text: str, settings: Settings, lexicon: Lexicon = NO_LEXICON) -> str:
    """``text`` as the diacritizer and the voice receive it: verbalized, said as the dictionary says, made speakable.

    The one place that says so, for the summary's bullets and any text read
    aloud alike; it is also what the spoken-piece cache is keyed by, so a
    dictionary change re-makes exactly the bullets whose heard text it
    changes (and a change that touches none of them re-makes nothing).
    """
    from khulasa.speech.verbalize import verbalize

    return _speakable(lexicon.apply(verbalize(text)), settings.longest_word)


def _speakable(text: str, longest: int) -> str:
    """``text`` without what no voice can say: emoji and pictographs, control and private-use characters.

    Applied after verbalizing, so symbols the verbalizer reads ("°", "%") are words by then.
    Runs of more than ``longest`` characters without a space are cut into pieces
    (never between a letter and its marks): see ``Settings.longest_word``.
    """
    kept = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Cc":
            kept.append(" ")
        elif category not in {"So", "Cs", "Co", "Cn"} and ch != "\ufe0f":
            kept.append(ch)
    return " ".join(piece for word in "".join(kept).split() for piece in _cut(word, longest))


def _cut(word: str, longest: int) -> Iterator[str]:
    """``word`` in pieces of at most ``longest`` characters, each cut before a base character."""
    while len(word) > longest:
        at = longest
        while at > 1 and unicodedata.combining(word[at]):
            at -= 1
        yield word[:at]
        word = word[at:]
    yield word


def _voice(settings: Settings) -> Voice:
    """The configured voice, built once per distinct voice settings: loading a neural voice takes longer than a bullet."""
    from khulasa.speech.voices import VOICE_SETTINGS

    return _voice_built(tuple(getattr(settings, name) for name in VOICE_SETTINGS))


@functools.lru_cache(maxsize=4)
def _voice_built(values: tuple[Any, ...]) -> Voice:
    """The voice for these :data:`VOICE_SETTINGS` values, built from them alone (every other setting at its default).

    An evicted voice is simply dropped: one that holds connections closes them
    when it is collected, after the last job using it lets go.
    """
    from khulasa.speech.voices import VOICE_SETTINGS, voice_named

    given: dict[str, Any] = dict(zip(VOICE_SETTINGS, values, strict=True))
    settings = replace(Settings(), **given)
    return voice_named(settings.voice, settings)


def _narrate(
    texts: Sequence[str],
    kind: str,
    settings: Settings,
    formats: Sequence[str],
    sinks: Sequence[BinaryIO] | None = None,
    lexicon: Lexicon = NO_LEXICON,
) -> Narration:
    """Each text: verbalize → pronunciation dictionary → diacritize → voice, into one recording; a pause between texts.

    The recording goes into ``sinks`` when given. The dictionary runs on the
    verbalized text, so the diacritizer and the voice never see a term it has
    an entry for.
    """
    from khulasa.speech import audio, timings

    recording = audio.Recording(formats, settings.loudness_lufs, sinks=sinks)
    segments: list[Segment] = []
    voice_name = settings.voice
    characters = 0
    for index, text in enumerate(texts):
        spoken = speak(_heard(text, settings, lexicon), settings)
        if spoken is None:
            continue
        script, speech, voice_name = spoken
        characters += speech.characters
        if segments:
            recording.pause(settings.bullet_pause)
        start = recording.elapsed
        length = recording.add(speech.samples, speech.sample_rate)
        segments.append(Segment(kind, index, text, start, start + length))
        segments += timings.word_segments(text, script, speech.words, index, start)
    if not segments:
        raise InputError("nothing in this text can be read aloud: it has no letters or digits.")
    recorded = recording.finish()
    return Narration(
        recorded.files, recorded.duration, tuple(segments), voice_name, recorded.loudness, recorded.true_peak, characters
    )


def _narrate_bullets(
    texts: Sequence[str], settings: Settings, formats: Sequence[str], lexicon: Lexicon = NO_LEXICON
) -> Narration:
    """A box read aloud bullet by bullet, each bullet's speech and finished audio kept in the spoken-piece cache.

    Each bullet is verbalized and made speakable here (cheap), then looked up
    by that text and the voice settings (:mod:`khulasa.speech.spoken`): only
    a bullet whose spoken text or voice changed goes to the diacritizer and
    the voice, and only a bullet whose speech or place changed is mastered
    and encoded again (:mod:`khulasa.speech.audio.pieces`). The box is the
    same whether its bullets came from the cache or not. The voice runs
    where :func:`speak` puts it (a child process with ``isolate_native``);
    the cache is read and written here, in this process.
    """
    from khulasa.speech import spoken, timings
    from khulasa.speech.audio import OPUS_RATES, SAMPLE_RATE, resample
    from khulasa.speech.audio import pieces as audio_pieces

    cache = spoken.open_cache(settings)
    said: list[tuple[int, str, str, Speech, str]] = []  # (index, speech key, script, speech, voice name)
    for index, text in enumerate(texts):
        heard = _heard(text, settings, lexicon)
        key = spoken.speech_key(heard, settings)
        found = spoken.read_speech(cache, key)
        if found is None:
            made = speak(heard, settings)
            if made is None:
                continue
            found = made
            if cache is not None:
                spoken.keep_speech(cache, key, *made)
        said.append((index, key, *found))
    if not said:
        raise InputError("nothing in this text can be read aloud: it has no letters or digits.")
    ogg = "ogg" in formats
    first_rate = said[0][3].sample_rate
    rate = first_rate if not ogg or first_rate in OPUS_RATES else SAMPLE_RATE
    pause = round(settings.bullet_pause * rate)
    made_pieces: list[audio_pieces.Piece] = []
    segments: list[Segment] = []
    start = 0
    for number, (index, key, script, speech, _name) in enumerate(said):
        last = number == len(said) - 1
        samples = audio_pieces.padded(resample(speech.samples, speech.sample_rate, rate), rate, last, ogg)
        after = audio_pieces.silence_after(pause, rate, last, ogg)
        piece_key = spoken.piece_key(key, settings.loudness_lufs, rate, after, ogg)
        piece = spoken.read_piece(cache, piece_key, after, len(samples), ogg)
        if piece is None:
            piece = audio_pieces.make_piece(samples, rate, settings.loudness_lufs, after, ogg, last)
            if cache is not None:
                spoken.keep_piece(cache, piece_key, piece)
        made_pieces.append(piece)
        begin = start / rate
        segments.append(Segment("bullet", index, texts[index], begin, begin + len(piece.samples) / rate))
        segments += timings.word_segments(texts[index], script, speech.words, index, begin)
        start += piece.length
    recorded = audio_pieces.join(made_pieces, formats, rate)
    characters = sum(entry[3].characters for entry in said)
    return Narration(
        recorded.files, recorded.duration, tuple(segments), said[-1][4], recorded.loudness, recorded.true_peak, characters
    )



def speak(text: str, settings: Settings) -> tuple[str, Speech, str] | None:
    """Speakable text → (diacritized script, speech, voice name), or None when nothing in it can be said.

    The diacritizer and the voice are native code fed text from anyone, so
    with ``settings.isolate_native`` (the default) they run in a child
    process (:mod:`khulasa.isolation`): a crash there raises NativeCrash
    here and the caller, the service or the command line, lives on.
    """
    if settings.isolate_native:
        from khulasa import isolation

        return isolation.run(_speak_here, text, settings, timeout=settings.native_timeout, what="the voice")
    return _speak_here(text, settings)


def _speak_here(text: str, settings: Settings) -> tuple[str, Speech, str] | None:
    """What :func:`speak` does, in this process."""
    from khulasa.speech.diacritics.diacritizers import diacritizer_named

    script = diacritizer_named(settings.diacritizer, settings).diacritize(text)
    if not any(ch.isalnum() for ch in script):
        return None
    voice = _voice(settings)
    return script, voice.synthesize(script), voice.name


def diacritize(text: str, settings: Settings) -> str:
    """``text`` with tashkeel, by the configured diacritizer; in a child process like :func:`speak`."""
    if settings.isolate_native:
        from khulasa import isolation

        return isolation.run(_diacritize_here, text, settings, timeout=settings.native_timeout, what="the diacritizer")
    return _diacritize_here(text, settings)


def _diacritize_here(text: str, settings: Settings) -> str:
    from khulasa.speech.diacritics.diacritizers import diacritizer_named

    return diacritizer_named(settings.diacritizer, settings).diacritize(text)
