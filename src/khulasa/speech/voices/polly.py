"""Voice "polly": Amazon Polly's neural Arabic voices (Hala, Zayd) through boto3.

Each piece costs two ``SynthesizeSpeech`` calls with ``Engine="neural"``:
one for the audio (``pcm``, 16-bit at 16 kHz), one for word speech marks
(``OutputFormat="json"``, ``SpeechMarkTypes=["word"]``), JSON lines whose
``time`` (ms) says when each word starts. Both are billed, so both are
counted. Credentials come from boto3's chain, as for the S3 blob store.
botocore retries throttling and 5xx answers itself (standard mode, with
KHULASA_TTS_ATTEMPTS tries); it does not read Retry-After.

A request carries at most 3,000 billed characters (6,000 with SSML tags).

Pronunciation: a dictionary of ours would become ``<sub alias>`` or
``<phoneme>`` in :func:`ssml`; none exists yet.
"""

from __future__ import annotations

import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from khulasa.config import Settings
from khulasa.errors import ConfigError, MissingDependency, SpeechError
from khulasa.speech.voices import Speech
from khulasa.speech.voices.cloud import pcm16, speak_in_pieces, words_from_starts

RATE = 16_000
LONGEST_TEXT = 3000
LONGEST_SSML = 6000


def ssml(text: str, speed: float) -> str:
    """``text`` as SSML at ``speed`` (a percentage of the voice's rate)."""
    return f"<speak><prosody rate={quoteattr(f'{speed * 100:.0f}%')}>{escape(text)}</prosody></speak>"


class PollyVoice:
    """Speaks through Amazon Polly's neural engine."""

    name = "polly"

    def __init__(self, settings: Settings) -> None:
        try:
            import boto3
            from botocore.config import Config
        except ImportError:
            raise MissingDependency("voice polly needs boto3: pip install 'khulasa[polly]'") from None
        if not settings.polly_voice.strip():
            raise ConfigError("voice polly needs a voice: set KHULASA_POLLY_VOICE (Hala or Zayd).")
        self.voice = settings.polly_voice.strip()
        self.speed = settings.speed
        session = boto3.session.Session()
        region = settings.polly_region.strip() or session.region_name or "us-east-1"
        options = Config(
            connect_timeout=10,
            read_timeout=settings.tts_timeout,
            retries={"total_max_attempts": settings.tts_attempts, "mode": "standard"},
        )
        self._client: Any = session.client(
            "polly", region_name=region, endpoint_url=settings.polly_endpoint.strip() or None, config=options
        )

    def synthesize(self, script: str) -> Speech:
        """Speak ``script``, two calls per piece that fits: the audio, then the word marks."""
        return speak_in_pieces(script, self._fits, self._speak)

    def _fits(self, text: str) -> bool:
        return len(text) <= LONGEST_TEXT and len(ssml(text, self.speed)) <= LONGEST_SSML

    def _speak(self, text: str) -> Speech:
        request: dict[str, Any] = {"Engine": "neural", "VoiceId": self.voice, "SampleRate": str(RATE)}
        if self.speed == 1.0:
            request.update(Text=text, TextType="text")
        else:
            request.update(Text=ssml(text, self.speed), TextType="ssml")
        audio = self._call(OutputFormat="pcm", **request)
        marks = self._call(OutputFormat="json", SpeechMarkTypes=["word"], **request)
        speech = pcm16(audio, RATE)
        starts = []
        for line in marks.decode("utf-8", "replace").splitlines():
            try:
                mark = json.loads(line)
            except ValueError:
                continue
            if isinstance(mark, dict) and mark.get("type") == "word":
                starts.append(float(mark.get("time", 0)) / 1000)
        words = words_from_starts(text, starts, len(speech.samples) / RATE)
        return Speech(speech.samples, RATE, words, 2 * len(text))

    def _call(self, **request: Any) -> bytes:
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        try:
            answer = self._client.synthesize_speech(**request)
            with answer["AudioStream"] as stream:
                return bytes(stream.read())
        except NoCredentialsError:
            raise ConfigError(
                "voice polly found no AWS credentials; set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or a profile."
            ) from None
        except ClientError as exc:
            raise SpeechError(self._explain(exc.response)) from None
        except BotoCoreError as exc:
            raise SpeechError(
                f"cannot reach Amazon Polly ({exc}); check KHULASA_POLLY_ENDPOINT and KHULASA_POLLY_REGION."
            ) from None

    def _explain(self, response: Any) -> str:
        error = response.get("Error", {})
        code = str(error.get("Code", ""))
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0)
        if code in {"UnrecognizedClientException", "InvalidSignatureException", "AccessDeniedException", "ExpiredTokenException"}:
            return f"Amazon Polly refused the AWS credentials ({code}); check the access key, secret and Polly permissions."
        if code in {"ThrottlingException", "ServiceQuotaExceededException"} or status == 429:
            return (
                "Amazon Polly kept throttling the requests (quota or rate exhausted); try again later or lower KHULASA_WORKERS."
            )
        message = str(error.get("Message", ""))
        if code == "EngineNotSupportedException" or "VoiceId" in message or "voice" in message.lower():
            return f"Amazon Polly has no neural voice {self.voice!r}; set KHULASA_POLLY_VOICE to Hala or Zayd."
        if isinstance(status, int) and status >= 500:
            return f"Amazon Polly failed (HTTP {status}); try again later."
        return f"Amazon Polly rejected the request ({code}): {message[:200]}"
