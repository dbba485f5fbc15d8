"""The default voice: real eSpeak NG from the espeakng-loader wheel, speaking our phonemes."""

from __future__ import annotations

import dataclasses
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from khulasa.config import Settings
from khulasa.errors import SpeechError
from khulasa.speech.phonemes import pronounce
from khulasa.speech.voices import Speech, voice_named
from khulasa.speech.voices.espeak import EspeakVoice

BULLET = (
    "افْتَتَحَ وَزِيرُ الْمِيَاهِ مَحَطَّةً جَدِيدَةً لِتَحْلِيَةِ مِيَاهِ الْبَحْرِ فِي الْمَدِينَةِ السَّاحِلِيَّةِ، "
    "وَقَالَ إِنَّ الْمَحَطَّةَ سَتُوَفِّرُ الْمَاءَ لِأَكْثَرَ مِنْ مِائَتَيْ أَلْفِ سَاكِنٍ فِي الصَّيْفِ الْمُقْبِلِ."
)


@pytest.fixture
def voice(settings: Settings) -> EspeakVoice:
    chosen = voice_named("espeak", settings)
    assert isinstance(chosen, EspeakVoice)
    return chosen


def _rms(speech: Speech) -> float:
    return float(np.sqrt(np.mean(np.square(speech.samples, dtype=np.float64))))


def test_a_bullet_is_spoken_aloud_with_a_timing_for_every_word(voice: EspeakVoice) -> None:
    speech = voice.synthesize(BULLET)

    assert speech.samples.dtype == np.float32
    assert speech.samples.ndim == 1
    assert float(np.abs(speech.samples).max()) <= 1.0
    assert _rms(speech) > 0.02
    seconds = speech.samples.size / speech.sample_rate
    words = len(BULLET.split())
    assert words / 4.5 < seconds < words / 0.8  # a news reader says about 2 words a second

    spans = [(w.start, w.end) for w in pronounce(BULLET)]
    assert [(t.start_char, t.end_char) for t in speech.words] == spans
    starts = [t.start for t in speech.words]
    assert starts == sorted(starts)
    assert starts[0] < 0.2
    assert all(t.start < t.end for t in speech.words)
    assert speech.words[-1].end == pytest.approx(seconds)


def test_espeak_speaks_exactly_the_phonemes_our_rules_wrote(voice: EspeakVoice) -> None:
    script = "وَاسْتَقْبَلَ الرَّئِيسُ الشَّمْسَ فِي الْبَيْتِ، مَدْحٌ."
    heard = [name.lstrip("',") for name in voice.heard(script) if not name.startswith("_")]
    written = "".join(w.phonemes or "" for w in pronounce(script))
    # eSpeak reports each phoneme once, without length marks, stress or our "|" separators
    assert "".join(heard) == written.replace("'", "").replace(":", "").replace("|", "")
    assert "d" in heard and "H" in heard and "dH" not in heard


def test_faster_speed_gives_shorter_audio(settings: Settings) -> None:
    normal = EspeakVoice(settings).synthesize(BULLET)
    fast = EspeakVoice(dataclasses.replace(settings, speed=1.5)).synthesize(BULLET)
    assert fast.samples.size < 0.85 * normal.samples.size


@pytest.mark.parametrize("script", ["", "   \n\t ", "...،؟", "😀😀"])
def test_nothing_to_say_is_an_error_not_silence(voice: EspeakVoice, script: str) -> None:
    with pytest.raises(SpeechError, match="nothing to read aloud"):
        voice.synthesize(script)


@pytest.mark.parametrize(
    "script",
    [
        "قَالَ الْمُتَحَدِّثُ إِنَّ UNESCO وَافَقَتْ.",
        "زار الوفد العاصمة أمس",
        "مَرْحَبًا 😀 بِكُمْ \x00\x07\x1b[31m [[x]] ]] [[",
        "Breaking news: the talks ended.",
    ],
)
def test_latin_words_emoji_and_control_characters_do_not_crash(voice: EspeakVoice, script: str) -> None:
    speech = voice.synthesize(script)
    assert _rms(speech) > 0.01
    assert all(0 <= t.start_char < t.end_char <= len(script) for t in speech.words)
    starts = [t.start for t in speech.words]
    assert starts == sorted(starts)


def test_threads_share_the_one_engine_safely(voice: EspeakVoice) -> None:
    scripts = ["ذَهَبَ الطَّالِبُ إِلَى الْمَدْرَسَةِ.", "وَاسْتَقْبَلَ الْوَزِيرُ الضُّيُوفَ.", BULLET]
    alone = [voice.synthesize(s) for s in scripts]
    with ThreadPoolExecutor(max_workers=3) as pool:
        together = list(pool.map(voice.synthesize, scripts * 2))
    for i, speech in enumerate(together):
        # eSpeak varies a little from call to call, so compare lengths and words, not samples
        assert speech.samples.size == pytest.approx(alone[i % 3].samples.size, rel=0.05)
        assert [(w.start_char, w.end_char) for w in speech.words] == [(w.start_char, w.end_char) for w in alone[i % 3].words]


def test_our_rules_fix_what_espeak_misreads_on_its_own(settings: Settings) -> None:
    text = "وَاسْتَقْبَلَ"
    voice = EspeakVoice(settings)
    assert voice.own_phonemes(text).startswith("wa:")  # eSpeak keeps the alif of hamzat al-wasl
    assert "".join(voice.heard(text)).startswith("was")
    plain = EspeakVoice(settings, rules=False)
    assert "".join(plain.heard(text)).startswith("wa")
    assert plain.synthesize(text).samples.size != voice.synthesize(text).samples.size
