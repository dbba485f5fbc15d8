"""The diacritizer adds marks and nothing else: letters, spacing and the writer's own marks survive.

Most tests use the real bundled model (offline, a few milliseconds a
sentence). Tests of our rules use a stand-in model that returns a fixed,
hand-vowelled sentence, so each rule is checked on exactly the marks it sees.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from khulasa.config import Settings
from khulasa.errors import ConfigError
from khulasa.speech.diacritics.chunks import LIMIT, chunks
from khulasa.speech.diacritics.diacritizers import NoDiacritizer, TashkeelDiacritizer, bundled_model, diacritizer_named
from khulasa.speech.diacritics.marks import HARAKAT, letters, strip_harakat

NEWS = Path(__file__).resolve().parents[2] / "fixtures" / "news_diacritized.txt"

SENTENCES = [
    "قال وزير المالية إن الحكومة ستخفض الضرائب على الشركات الصغيرة العام المقبل.",
    "وأعلنت شركة تويوتا اليابانية عن مصنع جديد في مدينة طنجة المغربية.",
    "ارتفع سعر الذهب إلى 2400 دولار للأونصة، وفق بيانات «بلومبرغ» (Bloomberg).",
    "وذكرت الوكالة أن   الاجتماع\tسيعقد يوم 12/5 في الرياض.\r\nوالتقى الوفد بممثلي الأمم المتحدة",
]


def nfc(text: str) -> str:
    """Marks in canonical order (fatha before shadda), so spellings typed either way compare equal."""
    return unicodedata.normalize("NFC", text)


def harakat_count(text: str) -> int:
    return sum(c in HARAKAT for c in text)


@pytest.fixture(scope="module")
def diacritizer() -> TashkeelDiacritizer:
    return TashkeelDiacritizer()


def fixed(vowelled: str) -> Callable[[str], str]:
    """A stand-in model that knows one text: for each sentence it answers with our hand-vowelled version."""
    known = {strip_harakat(piece.strip()): piece.strip() for piece in chunks(vowelled)}

    def model(text: str) -> str:
        assert strip_harakat(text) in known, "the model must get one sentence at a time"
        return known[strip_harakat(text)]

    return model


@pytest.mark.parametrize("text", SENTENCES)
def test_only_marks_are_added_letters_and_spacing_stay(diacritizer: TashkeelDiacritizer, text: str) -> None:
    out = diacritizer.diacritize(text)
    assert letters(out) == text
    assert harakat_count(out) > len(text) // 3


def test_a_known_sentence_gets_its_vowels(diacritizer: TashkeelDiacritizer) -> None:
    out = diacritizer.diacritize("ذهب الولد إلى المدرسة في الصباح")
    assert out.startswith(nfc("ذَهَبَ الْوَلَدُ إِلَى الْمَدْرَسَةِ"))


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n\t", "Breaking news: markets up 3.5% today!", "2024-2025 | 10:30 | 😀👍🏽", "\x00\x07\x1b[31m", "٢٠٢٤ ١٢٣"],
)
def test_text_without_arabic_letters_passes_through(diacritizer: TashkeelDiacritizer, text: str) -> None:
    assert diacritizer.diacritize(text) == text


def test_emoji_control_characters_and_joiners_are_kept(diacritizer: TashkeelDiacritizer) -> None:
    text = "عاجل 🔴 انفجار\x07 في الميناء\u200c والشرطة\u200f تطوق المكان\x00 الآن 😢"
    out = diacritizer.diacritize(text)
    assert letters(out) == text
    assert harakat_count(out) > 10


def test_the_writers_marks_win(diacritizer: TashkeelDiacritizer) -> None:
    # The writer put a damma on the last letter of "الرئيسُ" and a fatha on "الوزيرَ".
    text = "استقبل الرئيسُ الوزيرَ في القصر"
    out = diacritizer.diacritize(text)
    assert letters(out) == letters(text)
    written = {k: v for k, v in _marks_by_letter(text).items() if v}
    assert written and all(_marks_by_letter(out)[k] == v for k, v in written.items())
    assert harakat_count(out) > harakat_count(text) + 10


def _marks_by_letter(text: str) -> dict[int, str]:
    """Letter index → the harakat written on it ("" for none)."""
    out: dict[int, str] = {}
    index = -1
    for char in text:
        if char in HARAKAT:
            out[index] += char
        else:
            index += 1
            out[index] = ""
    return out


def test_written_marks_are_kept_exactly() -> None:
    model = fixed("كَتَبَ الطَّالِبُ الدَّرْسَ")
    out = nfc(TashkeelDiacritizer(model, rules=False, speech_forms=False).diacritize("كتبُ الطالب الدرسَ"))
    # ba keeps the writer's damma (not the model's fatha); the rest comes from the model.
    assert out == nfc("كَتَبُ الطَّالِبُ الدَّرْسَ")


def test_a_word_whose_letters_the_model_changes_is_kept_as_written() -> None:
    def rewriting(text: str) -> str:
        # Restores a hamza (a letter change) in one word and drops another word entirely.
        return "أَكَّدَ الْمَسْؤُولُ أَنَّ الطَّاقَةِ"

    text = "اكد المسؤول ان الاستثمار الطاقة"
    out = nfc(TashkeelDiacritizer(rewriting, rules=False, speech_forms=False).diacritize(text))
    assert letters(out) == text
    assert out.split()[0] == "اكد"  # hamza restored by the model: refused, kept as written
    assert nfc("الْمَسْؤُولُ") in out
    assert nfc("الاستثمار") in out  # dropped by the model: kept as written
    assert out.endswith(nfc("الطَّاقَةِ"))


def test_the_writers_marks_guide_the_model() -> None:
    given: list[str] = []

    def recording(text: str) -> str:
        given.append(text)
        return strip_harakat(text)

    TashkeelDiacritizer(recording).diacritize("استقبل الرئيسُ الوزيرَ")
    assert given == ["استقبل الرئيسُ الوزيرَ"]


def test_a_model_that_refuses_the_hints_gets_the_bare_text() -> None:
    def picky(text: str) -> str:
        if text != strip_harakat(text):
            raise RuntimeError("unknown diacritic hint")
        return "قَالَ الْوَزِيرُ"

    assert nfc(TashkeelDiacritizer(picky, speech_forms=False).diacritize("قال الوزيرُ")) == nfc("قَالَ الْوَزِيرُ")


def test_a_failing_model_leaves_the_piece_as_written(caplog: pytest.LogCaptureFixture) -> None:
    def broken(text: str) -> str:
        raise RuntimeError("inference failed")

    text = "جملة أولى. جملة ثانية."
    assert TashkeelDiacritizer(broken).diacritize(text) == text
    assert "as written" in caplog.text


def test_marks_never_land_on_digits_latin_or_punctuation() -> None:
    model = fixed("فِي عَامِ 2\u064e0\u064e2\u064e4 قَالَ X\u064e، نَعَمْ")
    out = nfc(TashkeelDiacritizer(model, rules=False, speech_forms=False).diacritize("في عام 2024 قال X، نعم"))
    assert nfc("2024") in out
    assert nfc("X،") in out


def test_pausal_forms_before_a_full_stop_and_at_the_end() -> None:
    vowelled = "وَصَلَ الْوَفْدُ إِلَى الْمَدِينَةِ. وَاشْتَرَى كِتَابًا. وَالْتَقَى الْمُدِيرُ الْعَامُّ"
    text = letters(vowelled)
    speech = nfc(TashkeelDiacritizer(fixed(vowelled), rules=False, speech_forms=True).diacritize(text))
    plain = nfc(TashkeelDiacritizer(fixed(vowelled), rules=False, speech_forms=False).diacritize(text))
    assert plain == nfc(vowelled)
    assert nfc("الْمَدِينَةْ.") in speech  # taa marbuta said as h
    assert nfc("كِتَابَا.") in speech  # tanween fath on alef said as a long a
    assert speech.endswith(nfc("الْعَامّ"))  # shadda stays, the vowel goes
    assert nfc("الْوَفْدُ إِلَى") in speech  # not before a pause: case ending kept


def test_no_pausal_form_across_a_comma_or_mid_sentence() -> None:
    vowelled = "قَالَ الْوَزِيرُ، إِنَّ الْخُطَّةَ جَاهِزَةٌ 2025"
    out = nfc(TashkeelDiacritizer(fixed(vowelled), rules=False).diacritize(letters(vowelled)))
    assert nfc("الْوَزِيرُ،") in out
    assert nfc("جَاهِزَةٌ 2025") in out  # a number follows: not the end of the sentence


def test_before_a_comma_only_a_bare_last_letter_gets_sukun() -> None:
    vowelled = "زَارَ الْوَفْدُ عَمَّان، ثُمَّ الْقَاهِرَةَ، وَعَادَ"
    out = nfc(TashkeelDiacritizer(fixed(vowelled), rules=False).diacritize(letters(vowelled)))
    assert nfc("عَمَّانْ،") in out  # the model left it bare: sukun, as said before a breath
    assert nfc("الْقَاهِرَةَ،") in out  # a case ending the model gave stays


def test_liaison_before_the_article() -> None:
    vowelled = "لَمْ يُعْلِنْ الْجَيْشُ عَنْ الْخَسَائِرِ مِنْ الْمَدِينَةِ وَلَهُمْ الْحَقُّ فِي"
    out = nfc(TashkeelDiacritizer(fixed(vowelled), rules=False).diacritize(letters(vowelled)))
    assert nfc("يُعْلِنِ الْجَيْشُ") in out
    assert nfc("عَنِ الْخَسَائِرِ") in out
    assert nfc("مِنَ الْمَدِينَةِ") in out
    assert nfc("وَلَهُمُ الْحَقُّ") in out
    assert out.startswith(nfc("لَمْ يُعْلِنِ"))  # a sukun before a consonant stays


def test_the_article_lam_gets_its_mark() -> None:
    vowelled = "الأَمْرِيكِيُّ فِي الانْتِخَابَاتِ"
    out = nfc(TashkeelDiacritizer(fixed(vowelled), speech_forms=False).diacritize(letters(vowelled)))
    assert out == nfc("الْأَمْرِيكِيُّ فِي الِانْتِخَابَاتِ")


def test_by_default_names_keep_the_models_marks() -> None:
    vowelled = "أَعْلَنَتْ شَرِكَةُ مَايْكْرُوسُوفْتْ"
    out = nfc(TashkeelDiacritizer(fixed(vowelled), speech_forms=False).diacritize(letters(vowelled)))
    assert out == nfc(vowelled)


def test_a_name_the_model_did_not_know_keeps_only_safe_marks() -> None:
    # Two sukuns in a row inside the word, a bare consonant: the model was guessing.
    vowelled = "أَعْلَنَتْ شَرِكَةُ مَايْكْرُوسُوفْتْ وَالرَّئِيسُ بَايِدن"
    out = nfc(TashkeelDiacritizer(fixed(vowelled), speech_forms=False, safe_names=True).diacritize(letters(vowelled)))
    assert nfc("مَايكرُوسُوفت") in out  # fatha before alef, damma before waw: vouched for by the spelling
    assert out.endswith(nfc("بَايدن"))
    assert out.startswith(nfc("أَعْلَنَتْ شَرِكَةُ"))  # native words keep every mark
    assert nfc("وَالرَّئِيسُ") in out


def test_the_writers_marks_are_never_touched_by_rules() -> None:
    vowelled = "وَصَلَ الْوَفْدُ إِلَى الْمَدِينَةِ"
    out = nfc(TashkeelDiacritizer(fixed(vowelled)).diacritize("وصل الوفد إلى المدينةِ"))
    assert out.endswith(nfc("الْمَدِينَةِ"))  # the writer wrote the kasra: no pausal sukun


def test_a_hundred_thousand_words_are_cut_into_sane_pieces_and_nothing_is_lost() -> None:
    seen: list[int] = []

    def measuring(text: str) -> str:
        seen.append(len(text))
        return text

    line = "وقال المتحدث باسم الحكومة إن الانتخابات ستجرى في موعدها، وإن النتائج ستعلن خلال أيام " * 10_000
    text = "\n".join([line, "قصيرة.", "كلمة" * 3000])
    assert len(text.split()) > 100_000
    out = nfc(TashkeelDiacritizer(measuring, rules=False, speech_forms=False).diacritize(text))
    assert out == text
    assert max(seen) <= 12_000  # the model's own limit
    assert sorted(seen)[-2] <= LIMIT  # only the one 12,000-letter "word" is longer than a piece


def test_chunks_join_back_to_the_text() -> None:
    text = "جملة أولى. جملة ثانية؟ «ثالثة.» رابعة\nسطر، فيه فاصلة\r\n\n  " + "كلمة " * 300
    pieces = chunks(text)
    assert "".join(pieces) == text
    assert pieces[:3] == ["جملة أولى. ", "جملة ثانية؟ ", "«ثالثة.» "]
    assert all(len(p) <= LIMIT for p in pieces)


def test_a_long_text_with_the_real_model(diacritizer: TashkeelDiacritizer) -> None:
    # 100,000 words through the real model take about a minute: the test above checks that
    # length with a stand-in model; here the real one reads a long multi-line text.
    text = ("ارتفعت أسعار النفط اليوم. " * 30 + "\n") * 3
    out = diacritizer.diacritize(text)
    assert letters(out) == text


def test_choosing_by_name(settings: Settings) -> None:
    assert diacritizer_named("none", settings).diacritize("قال الوزير") == "قال الوزير"
    assert isinstance(diacritizer_named("none", settings), NoDiacritizer)
    assert diacritizer_named("tashkeel", settings).name == "tashkeel"
    with pytest.raises(ConfigError, match="unknown diacritizer 'mishkal'"):
        diacritizer_named("mishkal", settings)


def test_the_model_loads_once_and_never_at_import() -> None:
    code = (
        "import sys, khulasa.speech.diacritics.diacritizers as d;"
        "print('dengjen_tashkeel_py' in sys.modules);"
        "d.TashkeelDiacritizer();"
        "print('dengjen_tashkeel_py' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
    assert bundled_model() is bundled_model()


def test_our_news_sample_is_diacritized_well(diacritizer: TashkeelDiacritizer) -> None:
    """A floor, not a benchmark: on our hand-vowelled news sentences most letters come out right."""
    gold = [line for line in NEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    right = total = 0
    for line in gold:
        out = diacritizer.diacritize(letters(line))
        assert letters(out) == letters(line)
        for g, o in zip(line.split(), out.split(), strict=True):
            total += 1
            right += sorted(g) == sorted(o)
    assert right / total > 0.8


def test_cli_filter_one_line_in_one_line_out() -> None:
    given = "قال الوزير إن الخطة جاهزة.\r\nhello 123\n\nذهب الولد"
    result = subprocess.run(
        [sys.executable, "-m", "khulasa", "diacritize"], input=given.encode(), capture_output=True, check=True
    )
    out = result.stdout.decode("utf-8")
    assert letters(out) == given
    assert out.splitlines(keepends=True)[1:3] == ["hello 123\n", "\n"]
    assert harakat_count(out) > 15


def test_cli_filter_refuses_bytes_that_are_not_utf8_in_one_sentence() -> None:
    result = subprocess.run([sys.executable, "-m", "khulasa", "diacritize"], input=b"\xff\xfe\n", capture_output=True)
    assert result.returncode == 2
    assert result.stderr.decode().strip() == "khulasa: line 1 of the input is not UTF-8 text; convert it to UTF-8 first."


def test_rawi_is_an_option_that_keeps_every_letter(settings: Settings) -> None:
    pytest.importorskip("text2tashkeel", reason="the rawi extra is not installed")
    diacritizer = diacritizer_named("rawi", settings)
    text = "افتتح الوزير المستشفى الجديد امس في مدينة اربد"
    out = diacritizer.diacritize(text)
    assert diacritizer.name == "rawi"
    assert letters(out) == letters(text)  # rawi restores hamzas; our guard gives the writer's letters back
    assert out != text
