"""Scoring helpers: terms that match across clitics, and selection that never repeats."""

from __future__ import annotations

from khulasa.summarize import rank


def test_one_name_in_several_forms_counts_as_one_term() -> None:
    vectors = rank.tfidf(["زار بوتين فيتنام أمس.", "رحبت فيتنام بزيارة بوتين.", "وصل الوفد إلى فيتنام لاستقبال بوتين."])
    names = [{t for t in v if t.startswith(("بوت", "فيت"))} for v in vectors]
    assert names[0] == names[1] == names[2] and len(names[0]) == 2


def test_content_terms_drop_function_words_and_saying() -> None:
    assert rank.content_terms("وقال الوزير إن المشروع على وشك الانتهاء") == ["وزير", "مشروع", "وشك", "انتهاء"]


def test_centrality_prefers_the_sentence_that_shares_the_story() -> None:
    texts = [
        "الحكومة توقع اتفاقية المياه مع الشركات الدولية.",
        "اتفاقية المياه تنقل المياه من العقبة إلى العاصمة.",
        "المياه المحلاة تصل إلى العاصمة بعد توقيع الاتفاقية.",
        "الطقس معتدل في نهاية الأسبوع.",
    ]
    central = rank.centrality(rank.tfidf(texts))
    assert central.index(min(central)) == 3


def test_select_skips_a_near_copy_of_a_chosen_sentence() -> None:
    texts = [
        "البرلمان يقر الموازنة العامة للعام المقبل بأغلبية كبيرة.",
        "البرلمان يقر الموازنة العامة للعام المقبل بأغلبية واسعة.",
        "المعارضة تنتقد الضرائب الجديدة على الوقود.",
    ]
    vectors = rank.tfidf(texts)
    assert rank.select([1.0, 0.9, 0.5], vectors, 2, weight=0.6, ceiling=0.5) == [0, 2]


def test_select_breaks_ties_by_order_and_stops_when_nothing_is_left() -> None:
    vectors = rank.tfidf(["مطر غزير في الشمال.", "رياح قوية في الجنوب."])
    assert rank.select([0.5, 0.5], vectors, 5, weight=0.6, ceiling=0.5) == [0, 1]


def test_select_spreads_the_box_over_paragraphs() -> None:
    texts = [
        "الحكومة تعلن خطة لدعم المزارعين بقروض ميسرة.",
        "الخطة تشمل إعفاء صغار المزارعين من رسوم الري.",
        "نقابة المزارعين ترحب وتطالب بتوسيع الدعم ليشمل الأسمدة.",
    ]
    vectors = rank.tfidf(texts)
    scores = [2.0, 1.5, 1.2]
    assert rank.select(scores, vectors, 2, weight=0.0, ceiling=1.0) == [0, 1]
    assert rank.select(scores, vectors, 2, weight=0.0, ceiling=1.0, paragraphs=[0, 0, 1], spread=0.5) == [0, 2]


def test_select_never_shows_a_source_sentence_twice() -> None:
    vectors = rank.tfidf(["مطر غزير في الشمال.", "سيول في الوديان الشمالية.", "رياح قوية في الجنوب."])
    sources = [frozenset({0, 1}), frozenset({1}), frozenset({2})]
    assert rank.select([1.0, 0.9, 0.1], vectors, 2, weight=0.0, ceiling=1.0, sources=sources) == [0, 2]


def test_facts_are_content_stems_names_and_every_number() -> None:
    found = rank.facts("سجلت الوزارة 3 إصابات جديدة في المفرق")
    assert "3" in found and "مفرق" in found
    assert "في" not in found


def test_a_restatement_repeats_its_sentence_and_a_new_fact_does_not() -> None:
    lede = rank.facts("سجلت وزارة الصحة 30 إصابة جديدة بالحصبة في المفرق")
    again = rank.facts("وبذلك تكون المفرق قد سجلت 30 إصابة جديدة بالحصبة")
    other = rank.facts("وقررت الوزارة إطلاق حملة تطعيم تستهدف 45 ألف طفل")
    assert rank.repeats(lede, again) > 0.6
    assert rank.repeats(lede, other) < 0.3


def test_the_headline_cover_weighs_rare_words_and_numbers() -> None:
    bags = [
        rank.facts("احتفلت الجامعة بتكريم أساتذتها في حفل كبير"),
        rank.facts("وأعلنت الجامعة فوز أستاذ الكيمياء بجائزة الملك فيصل"),
        rank.facts("وقدمت فرقة الجامعة أغاني في الحفل"),
    ]
    cover = rank.headline_cover(rank.facts("أستاذ بالجامعة يفوز بجائزة الملك فيصل"), bags)
    assert cover.index(max(cover)) == 1
    assert rank.headline_cover(frozenset({"غائب"}), bags) == [0.0, 0.0, 0.0]


def test_a_restatement_in_other_word_forms_is_told_by_its_figures() -> None:
    lede = rank.facts("سجلت وزارة الصحة 30 إصابة جديدة بالحصبة في المفرق معظمها بين الأطفال")
    again = rank.facts("وارتفعت حالات الحصبة المسجلة في المفرق إلى 30 حالة أغلبها لأطفال بحسب وزارة الصحة")
    further = rank.facts("وأصيب 30 طفلا في حادث سير على طريق المفرق الدولي صباح اليوم")
    assert rank.restates(again, lede, 0.6)
    assert not rank.restates(further, lede, 0.6)


def test_a_clause_said_again_counts_as_a_repeat_though_the_rest_is_new() -> None:
    first = "أبرم المركز الوطني مذكرة تفاهم تهدف إلى تعزيز مشاركة القطاع الخاص في برامج التخصيص."
    again = "تضمنت المذكرة مجالات تعاون منها تعزيز مشاركة القطاع الخاص في برامج التخصيص بالمملكة."
    other = "وقع الطرفان المذكرة بحضور ممثلين عن الغرف التجارية في العاصمة."
    texts = [first, again, other]
    vectors = [{"a": 1.0}, {"b": 1.0}, {"c": 1.0}]  # no shared weighted word: only the repeated run tells them apart
    runs = [rank.phrases(t) for t in texts]
    assert runs[0] & runs[1] and not runs[0] & runs[2]
    assert rank.select([3.0, 2.5, 2.0], vectors, 2, 1.0, 0.9) == [0, 1]
    assert rank.select([3.0, 2.5, 2.0], vectors, 2, 1.0, 0.9, phrases=runs) == [0, 2]
