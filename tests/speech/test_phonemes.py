"""Grapheme-to-phoneme rules: diacritized MSA in, eSpeak NG phoneme mnemonics out.

Each row is a phrase as the diacritizer would hand it to the voice and the
phonemes a careful news reader says, written in eSpeak's Arabic mnemonics
(``'`` before the stressed vowel, ``:`` for length, doubled letters for
gemination, ``a.`` for the back vowel after an emphatic, ``|`` where two
mnemonics would otherwise merge). A phrase ends in a pause, so its last word
is in pausal form.
"""

from __future__ import annotations

import pytest

from khulasa.speech.phonemes import pronounce, transcribe

TABLE = [
    # shadda on a glide: eSpeak itself reads الرَّيِّ as ʔarrraiːi
    ("الرَّيِّ", "?aRR'ajj"),
    ("عَلِيٌّ", "Aal'ijj"),
    ("قُوَّةٌ كَبِيرَةٌ", "q'uwwatun kab'i:Rah"),
    ("الْجَوُّ", "?aldZ'aww"),
    ("سَيِّدٌ", "s'ajjid"),
    # hamzat al-wasl: silent after a word or a prefix; the word before shortens or gains a vowel
    ("وَاسْتَقْبَلَ الْوَزِيرُ الضُّيُوفَ", "wast'aqbala lwaz'i:Ru dHdHu.j'u:f"),
    ("فِي الْبَيْتِ", "f'i lb'ait"),
    ("إِلَى الْمَدِينَةِ", "?'ila lmad'i:nah"),
    ("مِنَ الْعَاصِمَةِ", "m'ina lA'a:s[i.mah"),
    ("مِنْ الْبَيْتِ", "m'ina lb'ait"),
    ("عَنِ الْأَمْرِ", "A'ani l?'amR"),
    ("لَهُمْ الْحَقُّ", "l'ahumu lH'aqq"),
    ("كِتَابٌ الْيَوْمَ", "kit'a:buni lj'aum"),
    ("أَوْ اسْتِقَالَةٌ", "?'awi stiq'a:lah"),
    ("ثُمَّ انْتَهَى الِاجْتِمَاعُ", "T'umma nt'aha lidZtim'a:A"),
    ("اسْتَقْبَلَ", "?ist'aqbal"),
    ("انْتُخِبَ", "?'untuXib"),
    ("اسْمُ الْمَدِينَةِ", "?'ismu lmad'i:nah"),
    ("بِالْقَلَمِ", "b'ilqalam"),
    ("وَاتِّهَامَاتٌ", "wattiha:m'a:t"),
    ("فَاتَّخَذَ", "f'attaXaD"),
    ("كَافَّةُ", "k'a:ffah"),
    ("مَادَّةٌ", "m'a:ddah"),
    ("لِلطُّلَّابِ", "lit[t[u.ll'a:b"),
    # sun letters: the article's lam joins the next consonant
    ("الشَّمْسُ", "?aSS'ams"),
    ("وَالشَّمْسُ", "waSS'ams"),
    ("النَّاسُ", "?ann'a:s"),
    ("الدَّوْلَةُ", "?add'aulah"),
    ("الرَّئِيسُ", "?aRRa?'i:s"),
    ("الشَمْسُ", "?aSS'ams"),
    ("الْقَمَرُ", "?'alqamaR"),
    # taa marbuta: t before a vowel, h in pause
    ("مَدْرَسَةٌ", "m'adRasah"),
    ("مَدْرَسَةُ الْحَيِّ", "madR'asatu lH'ajj"),
    ("فِي الْمَدْرَسَةِ الْقَدِيمَةِ", "f'i lmadR'asati lqad'i:mah"),
    ("رِسَالَةً", "Ris'a:lah"),
    ("رِسَالَةً مُهِمَّةً", "Ris'a:latan muh'immah"),
    # alif maqsura
    ("عَلَى", "A'ala:"),
    ("مُسْتَشْفًى", "must'aSfa:"),
    ("مُسْتَشْفًى كَبِيرٌ", "must'aSfan kab'i:R"),
    ("مُوسَى", "m'u:sa:"),
    ("إلَى أحْمَدَ", "?'ila: ?'aHmad"),
    # long vowels, silent alifs, unwritten long aa
    ("قَالَ", "q'a:l"),
    ("كَتَبُوا", "k'atabu:"),
    ("يَقُولُونَ", "jaqu:l'u:n"),
    ("مُدِيرُو الشَّرِكَةِ", "mud'i:Ru SS'aRikah"),
    ("مِائَةُ", "m'i?ah"),
    ("هَذَا", "h'a:Da:"),
    ("ذَلِكَ الْيَوْمَ", "D'a:lika lj'aum"),
    ("اللَّهُ", "?all'a:h"),
    ("عَلَىٰ", "A'ala:"),
    ("أُولَئِكَ", "?ul'a:?ik"),
    ("قُرْآنٌ", "quR?'a:n"),
    ("سَمَاءٌ", "sam'a:?"),
    # tanween, and its pausal forms
    ("كِتَابٌ جَدِيدٌ", "kit'a:bun dZad'i:d"),
    ("كِتَابًا", "kit'a:ba:"),
    ("كِتَابًا جَدِيدًا", "kit'a:ban dZad'i:da:"),
    ("شَيْئًا", "S'ai?a:"),
    # the diacritizer may already write the pausal form: sukun, or fatha before the alif
    ("كِتَابَا", "kit'a:ba:"),
    ("مَدْرَسَةْ", "m'adRasah"),
    ("الْعَهْدْ", "?alA'ahd"),
    ("الْحَيّ", "?alH'ajj"),
    # pauses inside a script: full stop, comma, new line
    ("وَصَلَ الْوَفْدُ. وَبَدَأَ الِاجْتِمَاعُ", "w'as[a.la lw'afd wab'ada?a lidZtim'a:A"),
    ("قَالَ، ثُمَّ ذَهَبَ", "q'a:l T'umma D'ahab"),
    ("قَالَ\nذَهَبَ", "q'a:l D'ahab"),
    ("قَالَ هُوَ", "q'a:la h'uwa"),
    # emphatics colour the vowel after them
    ("صَبَاحٌ", "s[a.b'a:H"),
    ("طَالِبٌ", "t['a.:lib"),
    ("ظَلَّ", "Z'a.ll"),
    ("ضَرَبَ", "dH'a.Rab"),
    # two mnemonics that would read as one (d + H is not ض)
    ("مَدْحٌ", "m'ad|H"),
]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_diacritized_phrase_becomes_these_phonemes(text: str, expected: str) -> None:
    assert transcribe(text) == expected


def test_the_table_covers_at_least_forty_phrases() -> None:
    assert len(TABLE) >= 40


def test_words_without_marks_or_in_latin_script_are_left_as_text() -> None:
    script = "زار الوفد Paris أَمْسِ"
    words = pronounce(script)
    assert [script[w.start : w.end] for w in words] == ["زار", "الوفد", "أَمْسِ"]
    assert [w.phonemes for w in words] == [None, None, "?'ams"]


def test_a_word_marked_only_at_its_end_counts_as_undiacritized() -> None:
    assert [w.phonemes for w in pronounce("المدرسةِ الجديدةُ")] == [None, None]
    assert [w.phonemes for w in pronounce("بيُونْغ")] == ["bj'u:nQ"]


@pytest.mark.parametrize(("text", "expected"), TABLE)
def test_no_consonant_is_ever_tripled(text: str, expected: str) -> None:
    phonemes = transcribe(text).replace("'", "")
    assert not any(a == b == c and a.isalpha() for a, b, c in zip(phonemes, phonemes[1:], phonemes[2:], strict=False))


def test_offsets_point_at_each_word_in_the_script() -> None:
    script = "  ذَهَبَ الطَّالِبُ، ثُمَّ عَادَ.\n"
    words = pronounce(script)
    assert [script[w.start : w.end] for w in words] == ["ذَهَبَ", "الطَّالِبُ", "ثُمَّ", "عَادَ"]


def test_emoji_control_characters_and_empty_text_give_no_words() -> None:
    assert pronounce("") == ()
    assert pronounce("😀 \x07 123 ...") == ()
