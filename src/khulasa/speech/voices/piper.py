"""Voice "piper": a Piper neural voice (``.onnx`` with its ``.json``), by name or by path.

``KHULASA_PIPER_VOICE=ar_JO-kareem-medium`` names a voice that
``khulasa voices download`` installed in the data folder (see
:mod:`khulasa.speech.voices.catalogue`); a path to an ``.onnx`` works too.

Piper is imported only when this voice is built, so the default install
does not need it (``pip install 'khulasa[piper]'``). Our pipeline has
already verbalized and diacritized the script, so Piper's own Arabic
diacritizer is switched off: measured on news text its taskeen threshold
damages the diacritics it is given.

Where the voice exposes phoneme durations (voices patched for alignment, or
patched in memory when the ``onnx`` package is installed), the phonemes
between word spaces are summed into word timings.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from khulasa.config import Settings
from khulasa.errors import ConfigError, MissingDependency, SpeechError
from khulasa.speech.voices import Speech, WordTiming

if TYPE_CHECKING:
    import numpy.typing as npt

_SPOKEN = re.compile(r"\S+")
_PUNCTUATION = set(" .,:;!?،؛؟-'\"()^$_")


def config_path(model: Path) -> Path:
    """The voice's JSON: ``voice.onnx.json`` beside it (Piper's convention), else ``voice.json``."""
    beside = model.with_name(model.name + ".json")
    return beside if beside.exists() else model.with_suffix(".json")


class PiperVoice:
    """A Piper voice loaded from ``settings.piper_voice`` (a name or a path), else ``settings.piper_model``."""

    name = "piper"

    def __init__(self, settings: Settings) -> None:
        try:
            from piper import PiperVoice as Loaded
            from piper import SynthesisConfig
        except ImportError:
            raise MissingDependency("voice piper needs Piper: pip install 'khulasa[piper]'") from None
        from khulasa.speech.voices.catalogue import model_path

        given = settings.piper_voice.strip() or settings.piper_model.strip()
        if not given:
            raise ConfigError(
                "voice piper needs a voice: set KHULASA_PIPER_VOICE to a downloaded voice's name "
                "(khulasa voices download ar_JO-kareem-medium) or to an .onnx path (KHULASA_PIPER_MODEL also works)."
            )
        model = model_path(given, settings)
        config = config_path(model)
        if not model.is_file():
            raise ConfigError(f"no Piper voice at {model}; set KHULASA_PIPER_VOICE to an existing .onnx file or a voice's name.")
        if not config.is_file():
            raise ConfigError(f"the Piper voice {model.name} has no config beside it ({model.name}.json).")
        logging.getLogger("piper").setLevel(logging.ERROR)  # a voice without alignments is not a fault
        try:
            self._voice: Any = Loaded.load(model, config_path=config, include_alignments=_has_onnx())
        except (ValueError, KeyError, OSError) as exc:
            raise ConfigError(f"{model.name} is not a usable Piper voice ({exc}).") from None
        except Exception as exc:  # onnxruntime's own errors (bad graph, wrong file) share no base class
            raise ConfigError(f"{model.name} is not a usable Piper voice: {exc}") from None
        self._voice.use_tashkeel = False
        self._synthesis = SynthesisConfig(length_scale=1.0 / settings.speed, normalize_audio=False)
        self.sample_rate = int(self._voice.config.sample_rate)

    def synthesize(self, script: str) -> Speech:
        """Speak ``script``: one Piper chunk per sentence, joined; word timings where the voice gives them."""
        chunks: list[npt.NDArray[np.float32]] = []
        words: list[tuple[float, float]] = []
        aligned = True
        elapsed = 0
        try:
            for chunk in self._voice.synthesize(script, syn_config=self._synthesis, include_alignments=True):
                audio = np.asarray(chunk.audio_float_array, dtype=np.float32).reshape(-1)
                if chunk.phoneme_alignments is None:
                    aligned = False
                else:
                    words += _word_times(chunk.phoneme_alignments, elapsed, self.sample_rate)
                chunks.append(audio)
                elapsed += len(audio)
        except Exception as exc:  # onnxruntime and espeak errors share no base class
            raise SpeechError(f"the Piper voice failed on this text: {exc}") from None
        samples = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
        return Speech(samples, self.sample_rate, _match_words(script, words) if aligned else ())


def _has_onnx() -> bool:
    try:
        import onnx  # noqa: F401
    except ImportError:
        return False
    return True


def _word_times(alignments: Any, offset: int, rate: int) -> list[tuple[float, float]]:
    """(start, end) in seconds of each run of voiced phonemes between word spaces in one Piper chunk."""
    out: list[tuple[float, float]] = []
    position = offset
    start: int | None = None
    end = offset
    for item in alignments:
        if item.phoneme == " " and start is not None:
            out.append((start / rate, end / rate))
            start = None
        voiced = any(ch not in _PUNCTUATION for ch in item.phoneme)
        if voiced and start is None:
            start = position
        position += int(item.num_samples)
        if voiced:
            end = position
    if start is not None:
        out.append((start / rate, end / rate))
    return out


def _match_words(script: str, times: list[tuple[float, float]]) -> tuple[WordTiming, ...]:
    """Pair the script's words with the phoneme-word times, when they agree in number."""
    spoken = [m for m in _SPOKEN.finditer(script) if any(ch.isalnum() for ch in m.group())]
    if len(spoken) != len(times):
        return ()
    return tuple(WordTiming(m.start(), m.end(), s, e) for m, (s, e) in zip(spoken, times, strict=True))
