"""Every setting, declared once.

:class:`Settings` is the single list: each field has a name, a type, and a
:func:`setting` with its default and a line of help, held as data (as
datasette's ``Setting(name, default, help)``), so nothing reads source code
at run time. Values come from ``KHULASA_<NAME>`` environment variables; the
command line overrides a few of them per call. The README's settings table
is generated from this list, and a test checks that it is.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeVar

from khulasa.errors import ConfigError

PREFIX = "KHULASA_"

T = TypeVar("T")


def setting(default: T, help: str) -> T:
    """One setting: its default and a line of help (written over several lines, kept as one), which the README's table reads."""
    return field(default=default, metadata={"help": " ".join(help.split())})


@dataclass(frozen=True)
class Settings:
    """Resolved settings for one run; build with :func:`load`."""

    summary_engine: str = setting(
        "extractive",
        'Summary engine by name: "extractive" (default, offline) or "llm" (an OpenAI-compatible chat endpoint).',
    )
    llm_base_url: str = setting(
        "",
        'Base URL of an OpenAI-compatible chat completions API for engine "llm", e.g. http://localhost:8000/v1.',
    )
    llm_model: str = setting("", "Model name sent to the chat completions API.")
    llm_api_key: str = setting("", "API key for the chat completions API, sent as a bearer token (empty for local servers).")
    llm_timeout: float = setting(120.0, "Longest wait for one answer from the LLM, in seconds, however slowly it streams.")
    llm_max_retries: int = setting(2, "Further tries after a 429 or 5xx answer, with backoff (Retry-After is honoured, bounded).")
    llm_max_answer_bytes: int = setting(
        1_000_000,
        "Largest LLM answer read, in bytes; a longer one is refused while it is being read.",
    )
    llm_max_article_words: int = setting(
        1500,
        "Longer articles are trimmed by whole sentences, keeping the lead, before they go to the LLM.",
    )
    guard_dictionary: bool = setting(
        True,
        """Whether the guard counts the installed dictionary's words (extra ``lexicon``) as everyday vocabulary,
        so a paraphrase's verbs and adjectives pass; false keeps only its hand-written list: more faithful
        paraphrases retried or replaced, more swapped terms caught. Names, places, numbers and dates are strict either way.""",
    )
    bullets: int = setting(0, "Bullets per summary; 0 means automatic: 3 from long_article_words words on, else 2.")
    long_article_words: int = setting(200, "Articles with at least this many words get three bullets in automatic mode.")
    bullet_min_words: int = setting(12, "Shortest acceptable bullet, in words.")
    bullet_max_words: int = setting(45, "Longest acceptable bullet, in words.")
    max_input_bytes: int = setting(2_000_000, "Largest input accepted, in bytes (files, stdin and request bodies).")
    min_arabic_ratio: float = setting(0.5, "Share of letters that must be Arabic script for text to count as Arabic.")
    voice: str = setting(
        "espeak",
        'Voice by name: "espeak" (default), "piper", "http", or a cloud voice: "azure", "google", "polly", "elevenlabs".',
    )
    speed: float = setting(1.0, "Speaking rate; 1.0 is the voice's normal pace.")
    diacritizer: str = setting(
        "tashkeel",
        'Diacritizer by name: "tashkeel" (default, bundled libtashkeel model), "rawi" (extra `rawi`) or "none".',
    )
    piper_voice: str = setting(
        "",
        'Piper voice for voice "piper": a name `khulasa voices download` installed (ar_JO-kareem-medium) or a .onnx path.',
    )
    piper_model: str = setting(
        "",
        "Path to a Piper voice (.onnx, with its .json beside it); the older spelling of piper_voice, used when that is empty.",
    )
    piper_voices_url: str = setting(
        "https://huggingface.co/rhasspy/piper-voices/resolve/main/voices.json",
        "The Piper voice catalogue (voices.json); voice files are fetched from paths beside it, so a mirror works too.",
    )
    tts_base_url: str = setting("", 'Base URL of an OpenAI-compatible speech endpoint for voice "http".')
    tts_model: str = setting("tts-1", "Model name sent to the speech endpoint.")
    tts_voice: str = setting("alloy", "Voice name sent to the speech endpoint.")
    tts_api_key: str = setting("", "API key for the speech endpoint, sent as a bearer token.")
    tts_format: str = setting("wav", 'Audio format asked of the speech endpoint: "wav", or "pcm" (16-bit, 24 kHz mono).')
    tts_timeout: float = setting(
        60.0,
        """Seconds to wait for the speech endpoint's answer to one request (voice "http" and the cloud voices).""",
    )
    tts_attempts: int = setting(
        4,
        "Tries per request to a cloud voice: 429 and 5xx answers are tried again with backoff, honouring Retry-After.",
    )
    azure_speech_key: str = setting(
        "",
        'Key of an Azure AI Speech resource, for voice "azure" (sent as Ocp-Apim-Subscription-Key).',
    )
    azure_speech_region: str = setting("", "Region of the Azure AI Speech resource, e.g. westeurope or uaenorth.")
    azure_voice: str = setting(
        "ar-SA-HamedNeural",
        "Azure neural voice, e.g. ar-SA-HamedNeural, ar-SA-ZariyahNeural, ar-EG-SalmaNeural, ar-JO-SanaNeural, ar-JO-TaimNeural.",
    )
    azure_endpoint: str = setting(
        "",
        "Azure text-to-speech base URL instead of https://<region>.tts.speech.microsoft.com (sovereign clouds, proxies).",
    )
    google_tts_api_key: str = setting("", 'API key of a Google Cloud project with Text-to-Speech enabled, for voice "google".')
    google_voice: str = setting(
        "ar-XA-Wavenet-B",
        "Google voice name (ar-XA-Wavenet-A…D, ar-XA-Standard-A…D); a voice without SSML marks gives bullet timings only.",
    )
    google_endpoint: str = setting(
        "",
        "Google Text-to-Speech base URL instead of https://texttospeech.googleapis.com (proxies, private endpoints).",
    )
    polly_voice: str = setting(
        "Hala",
        'Amazon Polly neural Arabic voice for voice "polly": Hala or Zayd (Gulf Arabic); credentials as for S3 (boto3\'s chain).',
    )
    polly_region: str = setting("", "AWS region for Polly; empty means boto3's (AWS_DEFAULT_REGION), else us-east-1.")
    polly_endpoint: str = setting("", "Polly endpoint URL instead of AWS's (VPC endpoints, proxies).")
    elevenlabs_api_key: str = setting("", 'ElevenLabs API key for voice "elevenlabs" (sent as xi-api-key).')
    elevenlabs_voice_id: str = setting("", "ElevenLabs voice id (from the voice library) that reads Arabic.")
    elevenlabs_model: str = setting(
        "eleven_multilingual_v2",
        "ElevenLabs model; it must speak Arabic (eleven_multilingual_v2, eleven_flash_v2_5, ...).",
    )
    elevenlabs_endpoint: str = setting(
        "",
        "ElevenLabs API base URL instead of https://api.elevenlabs.io (proxies, data residency).",
    )
    isolate_native: bool = setting(
        True,
        """Run the diacritizer and the voice (native code, fed text from anyone) in child processes, so a crash
        in them fails one narration with code ``native_crash`` instead of ending the service or the command.""",
    )
    native_timeout: float = setting(
        120.0,
        "Seconds the diacritizer and voice may take for one bullet or sentence before their process is stopped.",
    )
    longest_word: int = setting(
        30,
        """Runs of characters without a space longer than this are cut into pieces before any voice reads them:
        real words stay under 20 letters, and a run of ~140 (a word repeated without spaces, as scraped pages
        deliver) crashed libespeak-ng.""",
    )
    narrate: str = setting(
        "summary",
        """What is read aloud: "summary" (the box), "article" (the whole cleaned article) or "both";
        a PUT may choose per article.""",
    )
    publish: str = setting(
        "auto",
        """Whether a finished summary goes live at once ("auto") or waits in state "review" until an editor publishes it
        ("review"); until then readers without a key see the last published version. A PUT may choose per article.""",
    )
    article_formats: str = setting(
        "mp3",
        """Encodings of the whole article's audio, comma-separated: "mp3" and/or "ogg". Ogg Opus is off by default:
        on a 1,600-word article it took 104 s against MP3's 9.5 s on one core, and every player and podcast app
        reads MP3.""",
    )
    bullet_pause: float = setting(0.6, "Silence between bullets in the audio, in seconds.")
    loudness_lufs: float = setting(-16.0, "Integrated loudness target of the audio, in LUFS.")
    speech_cache_mb: int = setting(
        1024,
        """Megabytes of each bullet's speech and mastered audio kept in the data folder (cache/spoken/), so an edited
        box re-makes only the bullets that changed; least recently used entries go first; 0 turns the cache off.""",
    )
    fetch_allow: str = setting(
        "",
        "Hosts, addresses or CIDR ranges a fetch may reach although private (a newsroom's CMS), comma-separated.",
    )
    fetch_max_bytes: int = setting(5_000_000, "Largest page a fetch reads, in bytes, counted after decompression.")
    fetch_connect_timeout: float = setting(5.0, "Seconds to wait for a fetched server to accept the connection.")
    fetch_timeout: float = setting(20.0, "Seconds a whole fetch may take, redirects and a slow body included.")
    fetch_max_redirects: int = setting(5, "Redirects a fetch follows, each one checked like the first URL.")
    service_key: str = setting("", "API key that `khulasa batch --service URL` sends with each article.")
    data_dir: str = setting(
        "",
        "Folder for the service's database and audio; empty means ~/.local/share/khulasa (or $XDG_DATA_HOME/khulasa).",
    )
    database_url: str = setting(
        "",
        "SQLAlchemy database URL, e.g. postgresql+psycopg://…; empty means a SQLite file in the data folder.",
    )
    blob_url: str = setting(
        "",
        "Where audio files are kept: s3://bucket/prefix, a bucket several machines share (extra `s3`); empty: the data folder.",
    )
    s3_endpoint_url: str = setting(
        "",
        "An S3-compatible service (MinIO, Ceph, R2, …), e.g. http://minio:9000, addressed by path; empty means AWS S3.",
    )
    s3_region: str = setting(
        "",
        "The bucket's region; empty means boto3's (AWS_DEFAULT_REGION). Credentials: boto3's chain (AWS_ACCESS_KEY_ID, …).",
    )
    s3_timeout: float = setting(
        10.0,
        "Seconds to wait for the bucket's server to accept a connection, and again for each read of its answer.",
    )
    s3_attempts: int = setting(
        3,
        "Tries per bucket request: throttling, 5xx answers and broken connections are tried again with backoff.",
    )
    workers: int = setting(2, "Jobs the service runs at once (summary and audio are made in a pool of this size).")
    run_jobs: bool = setting(
        True,
        "Whether `khulasa serve` also runs jobs, webhooks and feed polling; off (--no-jobs) leaves them to `khulasa worker`.",
    )
    public_reads: bool = setting(
        True,
        "Whether finished items and their audio can be read without an API key (the player needs this).",
    )
    metrics_public: bool = setting(
        True,
        "Whether /metrics answers without an API key; false makes it need one (its counts say how busy the newsroom is).",
    )
    http_header_timeout: float = setting(
        10.0,
        """Seconds a connection has to send a request's headers, once opened and again after each answer; idle or slower
        connections (slowloris) are closed.""",
    )
    max_body_bytes: int = setting(
        8_000_000,
        "Largest API request body accepted, in bytes; the article inside is also held to max_input_bytes.",
    )
    job_attempts: int = setting(3, "Tries a job gets before it is marked failed; only transient failures are retried.")
    job_lease_seconds: float = setting(
        30.0,
        "A running job's lease; a job whose worker stops renewing it (a killed server) is taken up again after this.",
    )
    retry_base_seconds: float = setting(
        2.0,
        "First wait before retrying a failed job or webhook; each further retry waits twice as long.",
    )
    webhook_attempts: int = setting(6, "Tries a webhook delivery gets before it is logged as failed.")
    webhook_timeout: float = setting(10.0, "Seconds to wait for a webhook receiver to answer.")
    response_cache_seconds: float = setting(
        5.0,
        "How long a finished item's JSON stays cached in memory; writes through this server clear it at once.",
    )
    cors_origins: str = setting(
        "*",
        'Web origins whose pages may call the API from a browser (the player), comma-separated; "*" for any, "" for none.',
    )
    public_url: str = setting(
        "",
        "Public base URL for the feeds' absolute links, e.g. https://khulasa.example.org; empty: the URL each request came to.",
    )
    feed_title: str = setting(
        "الملخص: أخبار اليوم مسموعة",
        "Title of the podcast and JSON feeds (/v1/feed.xml, /v1/feed.json), as podcast apps show it.",
    )
    feed_description: str = setting("ملخص كل خبر في نقاط قليلة، مقروءًا بصوت عربي.", "One-sentence description of the feeds.")
    feed_author: str = setting("Khulasa", "Who the feeds name as author (itunes:author), usually the newsroom's name.")
    feed_link: str = setting("", "The newsroom's website, the feeds' home page link; empty means the service's own page.")
    feed_image_url: str = setting(
        "",
        "Square cover art for podcast apps (JPEG or PNG, 1400–3000 px); empty leaves itunes:image out.",
    )
    demo: bool = setting(
        True,
        "Whether the demo page at / may store articles without a key (as demo-… ids); turn off on a server others can reach.",
    )
    source_polling: bool = setting(
        True,
        "Whether the server polls the feeds added with `khulasa sources add`; off leaves them to `khulasa sources poll`.",
    )
    source_poll_seconds: float = setting(
        600.0,
        "How often each feed source is read; the request is conditional, so an unchanged feed costs one 304 answer.",
    )
    analytics: bool = setting(
        True,
        """Whether the service takes readers' listening events (POST /v1/events) and keeps figures from them;
        false answers every event with 202 and keeps nothing. Players also stop for Do-Not-Track and GPC.""",
    )
    events_retention_days: int = setting(
        30,
        "Days raw listening events are kept before they are deleted; their figures stay in the daily table.",
    )
    events_per_minute: int = setting(
        120,
        """Events one source (a daily salted hash of address and browser, never stored) may send per minute;
        more are refused with 429. One reader playing one summary sends about ten.""",
    )
    events_flush_seconds: float = setting(
        1.0,
        "How often received listening events are written to the database, in one transaction per batch.",
    )


def describe() -> list[tuple[str, str, str]]:
    """(environment variable, default, help) for every setting, in declaration order."""
    return [(PREFIX + f.name.upper(), repr(f.default), f.metadata["help"]) for f in fields(Settings)]


def _parse(name: str, kind: type, raw: str) -> Any:
    raw = raw.strip()
    try:
        if kind is bool:
            if raw.lower() in {"1", "true", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "no", "off", ""}:
                return False
            raise ValueError(raw)
        return kind(raw)
    except ValueError:
        raise ConfigError(
            f"{PREFIX}{name.upper()}={raw!r} is not a valid {kind.__name__}; "
            "fix or unset that variable."
        ) from None


def load(environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
    """Settings from ``KHULASA_*`` variables, then ``overrides`` (None values ignored)."""
    env = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    for f in fields(Settings):
        key = PREFIX + f.name.upper()
        if key in env:
            values[f.name] = _parse(f.name, type(f.default), env[key])
    settings = Settings(**values)
    given = {k: v for k, v in overrides.items() if v is not None}
    unknown = set(given) - {f.name for f in fields(Settings)}
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    settings = replace(settings, **given)
    _check(settings)
    return settings


NARRATE_CHOICES = ("summary", "article", "both")
"""What the ``narrate`` setting, and a PUT's ``narrate``, may say."""

PUBLISH_CHOICES = ("auto", "review")
"""What the ``publish`` setting, and a PUT's ``publish``, may say."""


def _check(s: Settings) -> None:
    if s.narrate not in NARRATE_CHOICES:
        raise ConfigError(f"{PREFIX}NARRATE must be summary, article or both, not {s.narrate!r}.")
    if s.publish not in PUBLISH_CHOICES:
        raise ConfigError(f"{PREFIX}PUBLISH must be auto or review, not {s.publish!r}.")
    formats = s.article_formats.replace(" ", "").split(",")
    if not formats or any(f not in ("mp3", "ogg") for f in formats) or len(set(formats)) != len(formats):
        raise ConfigError(f"{PREFIX}ARTICLE_FORMATS must list mp3 and/or ogg, comma-separated, not {s.article_formats!r}.")
    if s.bullets < 0 or s.bullets > 10:
        raise ConfigError(f"bullets must be between 0 (automatic) and 10, not {s.bullets}.")
    if not 1 <= s.bullet_min_words <= s.bullet_max_words:
        raise ConfigError("bullet_min_words must be at least 1 and not above bullet_max_words.")
    if s.max_input_bytes <= 0:
        raise ConfigError("max_input_bytes must be positive.")
    if s.llm_timeout <= 0 or s.llm_max_retries < 0 or s.llm_max_answer_bytes <= 0 or s.llm_max_article_words <= 0:
        raise ConfigError(
            "llm_timeout, llm_max_answer_bytes and llm_max_article_words must be positive; llm_max_retries not negative."
        )
    if s.speech_cache_mb < 0:
        raise ConfigError(f"speech_cache_mb must be 0 (off) or more, not {s.speech_cache_mb}.")
    if not 0.25 <= s.speed <= 4.0:
        raise ConfigError(f"speed must be between 0.25 and 4.0, not {s.speed}.")
    if s.tts_timeout <= 0 or s.tts_attempts < 1:
        raise ConfigError("tts_timeout must be positive and tts_attempts at least 1.")
    if s.native_timeout <= 0 or s.longest_word < 2:
        raise ConfigError("native_timeout must be positive and longest_word at least 2.")
    if s.workers < 1 or s.job_attempts < 1 or s.webhook_attempts < 1:
        raise ConfigError("workers, job_attempts and webhook_attempts must each be at least 1.")
    if s.max_body_bytes <= 0 or s.job_lease_seconds <= 0 or s.http_header_timeout <= 0:
        raise ConfigError("max_body_bytes, job_lease_seconds and http_header_timeout must be positive.")
    _check_blob_store(s)
    if s.source_poll_seconds <= 0:
        raise ConfigError("source_poll_seconds must be positive; set source_polling to false to stop polling feeds.")
    if s.events_retention_days < 1 or s.events_per_minute < 1 or not 0 < s.events_flush_seconds <= 60:
        raise ConfigError("events_retention_days and events_per_minute must be at least 1; events_flush_seconds from 0 to 60.")
    for name in ("public_url", "feed_link", "feed_image_url"):
        value = getattr(s, name)
        if value and not value.startswith(("http://", "https://")):
            raise ConfigError(f"{PREFIX}{name.upper()} must be an absolute http(s) URL or empty, not {value!r}.")
    if not s.feed_title.strip() or not s.feed_author.strip():
        raise ConfigError(f"{PREFIX}FEED_TITLE and {PREFIX}FEED_AUTHOR must not be empty: podcast apps list a feed by them.")


def _check_blob_store(s: Settings) -> None:
    if s.blob_url:
        scheme, _, rest = s.blob_url.partition("://")
        bucket = rest.split("/", 1)[0]
        if scheme != "s3" or not bucket or any(c.isspace() for c in s.blob_url):
            raise ConfigError(f"{PREFIX}BLOB_URL={s.blob_url!r} is not an s3://bucket/prefix URL; give one, or leave it empty.")
        if not all(c.isascii() and (c.isalnum() or c in ".-_") for c in bucket) or len(bucket) > 255:
            # the names botocore accepts; anything else failed every request with a message that blamed the endpoint
            raise ConfigError(
                f"{PREFIX}BLOB_URL names the bucket {bucket!r}, which is no bucket name: use letters, digits, '.', '-' and '_'."
            )
    if s.s3_endpoint_url and not s.s3_endpoint_url.startswith(("http://", "https://")):
        raise ConfigError(f"{PREFIX}S3_ENDPOINT_URL must be an http(s) URL such as http://minio:9000, not {s.s3_endpoint_url!r}.")
    if s.s3_timeout <= 0 or s.s3_attempts < 1:
        raise ConfigError("s3_timeout must be positive and s3_attempts at least 1.")


def data_dir(settings: Settings) -> Path:
    """The data folder: the setting, or khulasa/ in the user's data directory; created if missing.

    The database, the blob folder and downloaded voices all live under it.
    """
    if settings.data_dir:
        folder = Path(settings.data_dir).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = Path(base) / "khulasa"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the data folder {folder} ({exc.strerror}); give another with --data-dir.") from None
    return folder
