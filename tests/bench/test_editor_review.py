"""The blind review's scoring: filled forms are read forgivingly, un-blinded by the key, and counted per system."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _review() -> ModuleType:
    spec = importlib.util.spec_from_file_location("editor_review", BENCH / "editor_review.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["editor_review"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


SHEET = """# Editor review, batch 1

## Sheet 1: `dev-x1`

### الصندوق «أ» (A)

- افتتحت البلدية جسر النهر الجديد.

```form id=dev-x1
A: coverage=4 redundancy=5 fluency=5 standalone=4 style=4
B: cov 2, red 3, flu 4, stand 3, sty 2
A failures: none
B failures: broken sentence, repetition
better: أ
notes: B repeats the opening.
```

## Sheet 2: `easc-x2`

```form id=easc-x2
أ: ٣ ٣ ٤ ٤ ٣
ب: coverage=5 redundancy=4 fluency=5 standalone=5 style=5
أ failures: missing headline fact
ب failures:
الأفضل: ب
```

## Sheet 3: `dev-x3`

```form id=dev-x3
A: coverage=3 redundancy=  fluency=4 standalone=4 style=4
B: coverage=3 redundancy=4 fluency=4 standalone=4 style=4
better:
```
"""


def test_filled_sheets_are_unblinded_and_counted_per_system(tmp_path: Path) -> None:
    review = _review()
    (tmp_path / "batch_01.md").write_text(SHEET, encoding="utf-8")
    key = tmp_path.parent / f"{tmp_path.name}.key.json"
    boxes = {
        "dev-x1": {"A": "khulasa", "B": "lead2", "source": "dev"},
        "easc-x2": {"A": "khulasa", "B": "lead2", "source": "easc"},
        "dev-x3": {"A": "lead2", "B": "khulasa", "source": "dev"},
    }
    key.write_text(json.dumps({"seed": 1, "boxes": boxes}), encoding="utf-8")

    result = review.score([tmp_path], key)

    assert result["sheets"] == 2  # the third form lacks a score and a verdict
    assert result["unparseable"] == ["batch_01.md: dev-x3: missing A redundancy, better"]
    assert result["criteria"]["khulasa"]["coverage"] == 3.5  # 4 (dev-x1, box A) and 3 (easc-x2, box أ)
    assert result["criteria"]["lead2"]["coverage"] == 3.5  # 2 and 5
    assert result["khulasa_vs_lead2"] == {"win": 1, "tie": 0, "loss": 1}
    assert result["broken_sentences"] == {"khulasa": 0, "lead2": 1}
    assert result["failures"]["khulasa"] == {"missing headline fact": 1}
    assert result["sources"]["dev"] == {"khulasa": 4.4, "lead2": 2.8}


def test_a_head_to_head_keeps_only_the_articles_two_settings_box_differently() -> None:
    review = _review()
    long_story = review.Item(
        "x-long",
        "dev",
        "افتتاح جسر جديد على النهر",
        "افتتحت البلدية جسرا جديدا على النهر يربط ضفتي المدينة بعد عامين من الأشغال المتواصلة بكلفة بلغت ثلاثين مليون دينار. "
        "وقال رئيس البلدية إن الجسر سيخفف الازدحام في وسط المدينة ويختصر زمن التنقل بين الضفتين إلى عشر دقائق. "
        "وأضاف أن البلدية ستفتح في الصيف المقبل ممرا خاصا للدراجات الهوائية والمشاة على الجانب الشرقي من الجسر. "
        "ويتوقع مهندسون أن يعبر الجسر يوميا أكثر من أربعين ألف سيارة خلال ساعات الذروة في أيام العمل العادية.",
    )
    short_story = review.Item(
        "x-short",
        "dev",
        None,
        "أعلنت وزارة الصحة تسجيل ثلاثين إصابة جديدة بالحصبة في المحافظات الجنوبية خلال الأسبوع الماضي. "
        "ودعت الوزارة الأهالي إلى تطعيم أطفالهم في المراكز الصحية القريبة قبل بداية العام الدراسي الجديد.",
    )
    found = review.differing([short_story, long_story], {"KHULASA_BULLETS": "2"}, {"KHULASA_BULLETS": "3"})
    assert [item.id for item, _ in found] == ["x-long"]
    boxes = found[0][1]
    assert len(boxes["khulasa"]) == 2 and len(boxes["lead2"]) == 3


def test_an_article_the_engine_refuses_is_skipped_not_a_crash(capsys) -> None:  # type: ignore[no-untyped-def]
    review = _review()
    refused = review.Item("x-1", "argen-train", "عنوان", "«» … ؟؟ !! -- ،،")  # no sentence to summarize
    assert review._boxes_or_none(refused, None) is None
    assert "skipped x-1" in capsys.readouterr().err
    story = "أعلنت وزارة الصحة اليوم افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية بطاقة ألف سرير."
    assert review._boxes_or_none(review.Item("x-2", "dev", None, story), None) is not None


def test_a_revisions_engine_boxes_articles_in_a_child_process() -> None:
    """`prepare --against REV` reads the engine of a git revision: its ``src`` runs apart from this process's."""
    review = _review()
    refused = review.Item("x-1", "argen-train", "عنوان", "«» … ؟؟ !! -- ،،")
    story = review.Item(
        "x-2",
        "dev",
        None,
        "أعلنت وزارة الصحة اليوم افتتاح ثلاثة مستشفيات جديدة في المحافظات الجنوبية بطاقة ألف سرير. "
        "وقالت الوزارة إن المستشفيات ستستقبل المرضى ابتداء من الشهر المقبل بعد تجهيزها بالكامل.",
    )
    made = review.boxes_at("HEAD", [refused, story], {})
    assert made[0] is None
    assert made[1] and all(isinstance(b, str) and "المستشفيات" in " ".join(made[1]) for b in made[1])


def test_a_fresh_round_reads_the_composed_articles_not_yet_shown(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`prepare --set fresh` draws every article of bench/fresh/*.jsonl in id order, less those earlier keys showed."""
    review = _review()
    rows = [
        {"id": "fresh-x02", "title": "عنوان ثان", "article": "نص الخبر الثاني."},
        {"id": "fresh-x01", "title": "عنوان أول", "article": "نص الخبر الأول."},
    ]
    (tmp_path / "set.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(review, "FRESH", tmp_path)
    assert [(i.id, i.source, i.title) for i in review.fresh()] == [
        ("fresh-x01", "fresh", "عنوان أول"),
        ("fresh-x02", "fresh", "عنوان ثان"),
    ]
    assert [i.id for i in review._pool("fresh", 1, frozenset({"fresh-x01"}))] == ["fresh-x02"]
