"""The pronunciation dictionary puts each term's say into the text: whole words, clitics kept, longest first."""

from __future__ import annotations

import pytest

from khulasa.errors import BadEntry
from khulasa.speech.lexicon import Entry, Lexicon, checked, read_csv, starter, term_key, write_csv
from khulasa.speech.verbalize import verbalize

NEWSROOM = Lexicon(
    [
        Entry("فيدوموستي", "فِيدُومُوسْتِي"),
        Entry("ناتو", "نَاتُو"),
        Entry("الكرملين", "الكِرْمْلِين"),
        Entry("منظمة", "مُنَظَّمَة"),
        Entry("الأمم", "الأُمَم"),
        Entry("الأمم المتحدة", "الأُمَمُ المُتَّحِدَة"),
        Entry("أ ف ب", "فْرَانْس بْرِس"),
        Entry("TikTok", "تِيك تُوك"),
        Entry("CNN", "سِي إِنْ إِنْ"),
    ],
    version=7,
)


def test_a_term_is_replaced_by_its_say_and_the_rest_of_the_sentence_is_untouched() -> None:
    said = NEWSROOM.apply("نقلت صحيفة فيدوموستي الروسية عن مصادر مطلعة أن المحادثات تعثرت.")
    assert said == "نقلت صحيفة فِيدُومُوسْتِي الروسية عن مصادر مطلعة أن المحادثات تعثرت."


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("والناتو", "والنَّاتُو"),
        ("بالناتو", "بالنَّاتُو"),
        ("فالناتو", "فالنَّاتُو"),
        ("وبالناتو", "وبالنَّاتُو"),
        ("للناتو", "للنَّاتُو"),
        ("وللناتو", "وللنَّاتُو"),
        ("كالناتو", "كالنَّاتُو"),
        ("لناتو", "لنَاتُو"),
        ("وناتو", "ونَاتُو"),
    ],
)
def test_the_clitics_written_onto_a_term_stay_in_front_of_its_say(written: str, read: str) -> None:
    assert NEWSROOM.apply(f"أعلن {written} اليوم") == f"أعلن {read} اليوم"


def test_a_sun_letter_after_the_article_takes_a_shadda_when_the_say_is_diacritized() -> None:
    assert Lexicon([Entry("ناتو", "نَاتُو"), Entry("روسيا", "روسيا")]).apply("الناتو وروسيا والروسيا") == "النَّاتُو وروسيا والروسيا"


def test_lil_before_a_term_with_the_article_is_li_and_the_say_without_its_alef() -> None:
    assert NEWSROOM.apply("في بيان للكرملين مساء الأحد") == "في بيان للكِرْمْلِين مساء الأحد"
    assert NEWSROOM.apply("وقال متحدث باسم الكرملين وبالكرملين") == "وقال متحدث باسم الكِرْمْلِين وبالكِرْمْلِين"


def test_a_pronoun_suffix_stays_after_the_say_and_taa_marbuta_is_written_taa_before_it() -> None:
    assert NEWSROOM.apply("أمين عام منظمته السابق") == "أمين عام مُنَظَّمَته السابق"
    assert NEWSROOM.apply("عقدت منظمتهم مؤتمرها") == "عقدت مُنَظَّمَتهم مؤتمرها"


def test_a_term_inside_another_word_is_left_alone() -> None:
    text = "زار بناتورا والكرملينات ومنظمات الإغاثة"
    assert NEWSROOM.apply(text) == text


def test_the_longest_phrase_wins() -> None:
    said = NEWSROOM.apply("دعت الأمم المتحدة والأمم الأخرى إلى التهدئة")
    assert said == "دعت الأُمَمُ المُتَّحِدَة والأُمَم الأخرى إلى التهدئة"


def test_a_phrase_is_found_with_dots_or_spaces_between_its_words() -> None:
    assert NEWSROOM.apply("قال الجيش (أ ف ب) إن") == "قال الجيش (فْرَانْس بْرِس) إن"
    assert NEWSROOM.apply("قال الجيش (أ.ف.ب) إن") == "قال الجيش (فْرَانْس بْرِس) إن"


def test_a_phrase_does_not_reach_across_a_comma() -> None:
    text = "دعت الأمم، المتحدة حديثا، إلى"
    assert NEWSROOM.apply(text) == "دعت الأُمَم، المتحدة حديثا، إلى"


def test_latin_terms_match_whatever_their_case_and_only_as_whole_words() -> None:
    assert NEWSROOM.apply("نشر حساب على TikTok وtiktok وTIKTOK مقطعا") == "نشر حساب على تِيك تُوك وتِيك تُوك وتِيك تُوك مقطعا"
    text = "شركة TikTokers الجديدة"
    assert NEWSROOM.apply(text) == text


def test_a_latin_term_the_verbalizer_spells_out_is_still_found_after_it() -> None:
    assert verbalize("شبكة CNN") == "شبكة سي إن إن"  # the verbalizer has its own reading: the entry must win over it
    assert NEWSROOM.apply(verbalize("قالت شبكة CNN ولـCNN")) == "قالت شبكة سِي إِنْ إِنْ ولسِي إِنْ إِنْ"


def test_tashkeel_tatweel_and_hamza_forms_in_the_text_do_not_hide_a_term() -> None:
    assert NEWSROOM.apply("قالت فِيدُومُوستي") == "قالت فِيدُومُوسْتِي"
    assert NEWSROOM.apply("دعت الامم المتحدة") == "دعت الأُمَمُ المُتَّحِدَة"
    assert NEWSROOM.apply("نقلت فيدومـوستي") == "نقلت فِيدُومُوسْتِي"


def test_found_lists_the_terms_a_text_holds() -> None:
    assert NEWSROOM.found("قال الكرملين إن الأمم المتحدة وللناتو") == ["الكرملين", "الأمم المتحدة", "ناتو"]
    assert NEWSROOM.found("لا شيء هنا") == []


def test_terms_differing_only_in_case_tashkeel_or_hamza_are_one_term() -> None:
    assert term_key("CNN") == term_key("cnn")
    assert term_key("أ.ف.ب") == term_key("ا ف ب")
    assert term_key("الأُمَم") == term_key("الامم")


@pytest.mark.parametrize(
    ("term", "say", "complaint"),
    [
        ("", "سي إن إن", "the term is empty"),
        ("   ", "سي إن إن", "the term is empty"),
        ("CNN", "", "the say for «CNN» is empty"),
        ("CNN", "see en en", "the voices speak Arabic"),
        ("الناتو", "الناتو 2", "the voices speak Arabic"),
        ("ن" * 101, "نون", "at most 100"),
        ("CNN", "س" * 201, "at most 200"),
        ("CNN!", "سي إن إن", "«!»"),
        ("كلمة " * 9, "كلمات", "at most 8 words"),
    ],
)
def test_a_bad_entry_is_one_clear_error(term: str, say: str, complaint: str) -> None:
    with pytest.raises(BadEntry, match=complaint):
        checked(term, say)


def test_a_checked_entry_has_its_spaces_tidied_and_an_empty_note_is_none() -> None:
    assert checked("  وول   ستريت ", " وُول  سْتْرِيت ", "  ") == Entry("وول ستريت", "وُول سْتْرِيت", None)


def test_csv_round_trip_and_a_wrong_header_or_row_names_its_line() -> None:
    entries = [Entry("CNN", "سي إن إن", "شبكة"), Entry("بوتين", "بُوتِين")]
    assert read_csv(write_csv(entries)) == entries
    with pytest.raises(BadEntry, match=r"x.csv, line 1: the header is 'word,reading'"):
        read_csv("word,reading\nCNN,سي إن إن\n", "x.csv")
    with pytest.raises(BadEntry, match=r"line 3: 3 columns where the header has 2"):
        read_csv("term,say\nCNN,سي إن إن\nBBC,بي بي سي,زائد\n")
    with pytest.raises(BadEntry, match=r"line 3: the say «bee» holds"):
        read_csv("term,say\nCNN,سي إن إن\nBBC,bee\n")
    with pytest.raises(BadEntry, match=r"line 3: the term «cnn» is already on line 2"):
        read_csv("term,say,note\nCNN,سي إن إن,\ncnn,سي إن إن,\n")


def test_the_starter_dictionary_is_valid_data_and_reads_agency_names() -> None:
    entries = starter()
    assert 40 <= len(entries) <= 80
    said = Lexicon(entries).apply(verbalize("قالت CNN نقلا عن (AFP) إن الناتو وزيلينسكي"))
    assert "سي إن إن" in said and "أ ف ب" in said and "النَّاتُو" in said and "زِيلِينْسْكِي" in said
