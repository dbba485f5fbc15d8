"""A voice and speed chosen for one article: checked when the article is sent, applied when its audio is made.

A name is what ``khulasa voices list`` shows: a voice by its own name
("espeak", "piper" for the configured Piper voice, "http", or a cloud voice)
or an installed Piper voice by its name (ar_JO-kareem-medium), which means
voice "piper" with that model. A name is checked against this machine when
it is chosen, so a newsroom hears at once that a voice is not installed or
has no key, instead of finding an item without audio later.
"""

from __future__ import annotations

from dataclasses import replace

from khulasa.config import Settings
from khulasa.errors import ConfigError, MissingDependency, VoiceUnavailable

SLOWEST = 0.5
"""The slowest speed an article may ask for: slower than this no newsreader speaks."""
FASTEST = 2.0
"""The fastest: beyond twice the normal pace Arabic speech stops being clear."""


def chosen(settings: Settings, voice: str | None, speed: float | None) -> Settings:
    """``settings`` with an article's voice and speed over the configured ones (None keeps the setting)."""
    from khulasa.speech.voices import VOICES

    changes: dict[str, object] = {}
    if voice is not None:
        changes.update({"voice": voice} if voice in VOICES else {"voice": "piper", "piper_voice": voice})
    if speed is not None:
        changes["speed"] = speed
    return replace(settings, **changes) if changes else settings  # type: ignore[arg-type]


def check(settings: Settings, voice: str | None, speed: float | None) -> None:
    """Raise :class:`VoiceUnavailable` unless this machine can read an article with ``voice`` at ``speed``.

    A cloud or http voice is built here, which checks its key and settings
    without calling the service; a Piper voice is looked for on disk, not
    loaded (loading takes longer than a request should, and native code
    stays out of the service's process).
    """
    from khulasa.speech.voices import VOICES, catalogue, voice_named

    if speed is not None and not SLOWEST <= speed <= FASTEST:
        raise VoiceUnavailable(f"speed must be between {SLOWEST} and {FASTEST} (1.0 is the voice's normal pace), not {speed}.")
    if voice is None or voice == "espeak":  # built in (and native: not loaded into the service to check it)
        return
    wanted = chosen(settings, voice, None)
    if voice not in VOICES:
        if not catalogue.is_name(voice):
            raise VoiceUnavailable(
                f"unknown voice {voice!r}; choose one of {', '.join(VOICES)} or an installed Piper voice's name."
            )
        names = [v.name for v in catalogue.installed(settings)]
        if voice not in names:
            offered = ", ".join(names) or "none yet"
            raise VoiceUnavailable(f"the Piper voice {voice} is not installed here (installed: {offered}).")
    if wanted.voice == "piper":
        try:
            from khulasa.speech.voices.piper import config_path

            given = wanted.piper_voice.strip() or wanted.piper_model.strip()
            if not given:
                raise ConfigError("voice piper has no voice configured here (KHULASA_PIPER_VOICE).")
            model = catalogue.model_path(given, wanted)
            if not model.is_file() or not config_path(model).is_file():
                raise ConfigError(f"the Piper voice {model.name} is not installed here.")
            import piper  # noqa: F401  (the engine itself must be there too)
        except ImportError:
            raise VoiceUnavailable("voice piper is not installed here (pip install 'khulasa[piper]').") from None
        except ConfigError as exc:
            raise VoiceUnavailable(exc.message) from None
        return
    try:
        voice_named(wanted.voice, wanted)
    except (ConfigError, MissingDependency) as exc:
        raise VoiceUnavailable(f"voice {voice} cannot be used here: {exc.message}") from None
