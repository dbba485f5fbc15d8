"""The summary of an article made in code reads it as a file or a request would be read."""

from __future__ import annotations

from khulasa import pipeline
from khulasa.config import Settings
from khulasa.ingest.document import without_dateline
from khulasa.model import Article

WIRE = (
    "الكويت – (كونا) -- ارتفع سعر برميل النفط الكويتي 76 سنتا في تداولات أمس الثلاثاء ليبلغ 62.21 دولار "
    "مقابل 61.45 دولار للبرميل في تداولات الجمعة الماضية وفقا للسعر المعلن من مؤسسة البترول الكويتية. "
    "وفي الأسواق العالمية انخفض سعر خام برنت 21 سنتا ليتحدد سعر التسوية عند 63.10 دولار للبرميل، "
    "في حين أغلقت العقود الآجلة للخام الأمريكي منخفضة 45 سنتا عند 58.20 دولار للبرميل."
)


def test_a_dateline_and_agency_tag_do_not_open_the_box(settings: Settings) -> None:
    bullets = pipeline.summarize(Article(text=WIRE), settings).bullets
    assert bullets[0].text.startswith("ارتفع سعر برميل النفط الكويتي")
    assert all("كونا" not in b.text for b in bullets)


def test_the_dateline_is_kept_as_metadata_once() -> None:
    article = without_dateline(Article(text=WIRE))
    assert article.dateline == "الكويت – (كونا)" and article.text.startswith("ارتفع")
    assert without_dateline(article) is article  # read once: the stripped text is not read for a second tag
