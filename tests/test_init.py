"""The library's face: what ``import khulasa`` offers, and that importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys

import khulasa
from khulasa import errors

PUBLIC = [
    "__version__",
    "Settings",
    "load",
    "Article",
    "Bullet",
    "Summary",
    "Narration",
    "summarize",
    "narrate",
    "KhulasaError",
    "InputError",
    "EmptyInput",
    "NotArabic",
    "BinaryInput",
    "UnencodableText",
    "InputTooLarge",
    "NoArticleFound",
    "FeedError",
    "WebhookRefused",
    "BadEntry",
    "ConfigError",
    "MissingDependency",
    "EngineError",
    "SpeechError",
    "NativeCrash",
    "FetchError",
    "NotFound",
    "NotYours",
    "DuplicateTerm",
    "AuthRequired",
    "RangeNotSatisfiable",
    "BlobStoreError",
]
"""The public API, pinned: adding or removing a name is a decision, so it changes this list too."""


def test_the_public_names_are_pinned() -> None:
    assert sorted(khulasa.__all__) == sorted(PUBLIC)


def test_every_public_name_is_the_object_its_module_defines() -> None:
    for name in PUBLIC[1:]:
        value = getattr(khulasa, name)
        assert value.__module__.startswith("khulasa."), name
        assert value.__name__ == name
    assert set(PUBLIC) <= set(dir(khulasa))


def test_every_error_of_the_tree_is_public() -> None:
    def tree(cls: type[errors.KhulasaError]) -> list[str]:
        inside = [sub for sub in cls.__subclasses__() if sub.__module__ == errors.__name__]
        return [cls.__name__, *(name for sub in inside for name in tree(sub))]

    assert set(tree(errors.KhulasaError)) <= set(khulasa.__all__)


def test_the_docstring_example_summarizes_an_article() -> None:
    text = (
        "أعلنت وزارة الصحة اليوم الأحد افتتاح مستشفى جديد في مدينة الزرقاء بسعة 300 سرير، "
        "بكلفة بلغت 45 مليون دينار.\n"
        "وقال الوزير في مؤتمر صحفي إن المستشفى سيخدم أكثر من مليون نسمة في المحافظة والمناطق المجاورة لها.\n"
        "وأضاف أن المستشفى يضم أقساما للطوارئ والعناية المركزة وغسيل الكلى، ويعمل فيه 900 موظف."
    )
    summary = khulasa.summarize(khulasa.Article(text=text), khulasa.load({}))
    assert isinstance(summary, khulasa.Summary)
    assert summary.bullets


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        khulasa.summarise  # type: ignore[attr-defined]  # noqa: B018
    except AttributeError as error:
        assert "summarise" in str(error)
    else:
        raise AssertionError("khulasa.summarise should not exist")


def test_importing_the_package_loads_none_of_the_library() -> None:
    probe = "import sys, khulasa; print(sorted(m for m in sys.modules if m.startswith('khulasa')))"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "['khulasa']"


def test_summarize_stays_the_function_after_the_engines_subpackage_is_loaded() -> None:
    probe = (
        "import khulasa, khulasa.summarize.guard, khulasa.pipeline;"
        "from khulasa.summarize import engine_named;"
        "print(khulasa.summarize.__module__, khulasa.summarize.__name__, engine_named.__module__)"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert found == ["khulasa.pipeline", "summarize", "khulasa.summarize"]
