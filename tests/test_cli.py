"""The command line as a user meets it: a box on stdout, or one clear sentence on stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from khulasa import config
from khulasa.model import Article
from khulasa.pipeline import bullet_count
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "desalination.txt"
AUTOMATIC = bullet_count(Article(EXAMPLE.read_text(encoding="utf-8")), config.load(environ={}))
"""How many bullets the example's box has when none are asked for (three: it is a long article)."""


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "khulasa", *args], input=stdin, capture_output=True, timeout=120, check=False
    )


def test_markdown_box_has_heading_and_bullets() -> None:
    result = run("summarize", str(EXAMPLE))
    assert result.returncode == 0, result.stderr.decode()
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "## الملخص"
    bullets = [line for line in lines if line.startswith("- ")]
    assert len(bullets) == AUTOMATIC
    assert all(b.endswith(".") for b in bullets)


def test_json_names_engine_version_and_sources() -> None:
    result = run("summarize", str(EXAMPLE), "--format", "json", "--bullets", "3")
    data = json.loads(result.stdout)
    assert data["engine"] == "extractive"
    assert data["version"]
    assert len(data["bullets"]) == 3
    assert all(b["sources"] for b in data["bullets"])


def test_html_fragment_is_rtl_arabic() -> None:
    out = run("summarize", "-", "--format", "html", stdin=EXAMPLE.read_bytes()).stdout.decode()
    assert 'dir="rtl"' in out and 'lang="ar"' in out and "<li>" in out


def test_jsonl_reads_many_articles_and_reports_bad_lines(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": "a", "article": text}), "{not json", json.dumps({"id": "b", "article": text})]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("summarize", "--jsonl", str(src))
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", None, "b"]
    assert len(out[0]["bullets"]) == AUTOMATIC and "error" in out[1]
    assert "line 2" in result.stderr.decode()
    assert result.returncode != 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"   \n\t  \n", "empty"),
        (b"The government signed a deal today to build a desalination plant.", "not Arabic"),
        (bytes(range(256)) * 40, "binary"),
        (b"<html><body><nav>\xd8\xa7\xd9\x84\xd8\xb1\xd8\xa6\xd9\x8a\xd8\xb3\xd9\x8a\xd8\xa9</nav></body></html>", "no article"),
    ],
)
def test_bad_input_gets_one_clear_sentence(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "input"
    path.write_bytes(content)
    result = run("summarize", str(path))
    err = result.stderr.decode()
    assert result.returncode == 2
    assert expected in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_huge_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(EXAMPLE.read_bytes() * 2500)  # about 5 MB
    result = run("summarize", str(path))
    assert result.returncode == 2
    assert "larger than the 2.0 MB limit" in result.stderr.decode()  # not a size it never read


@pytest.mark.parametrize("options", [(), ("--jsonl",)], ids=["article", "jsonl"])
def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path, options: tuple[str, ...]) -> None:
    fifo = tmp_path / "article.pipe"
    os.mkfifo(fifo)  # nothing ever writes to it: opening it for reading the usual way would block for good
    result = subprocess.run(
        [sys.executable, "-m", "khulasa", "summarize", *options, str(fifo)], capture_output=True, timeout=60, check=False
    )
    assert result.returncode == 2
    message = result.stderr.decode().strip()
    assert "not a regular file" in message and len(message.splitlines()) == 1


def test_a_device_that_never_ends_is_refused() -> None:
    result = run("summarize", "/dev/zero")
    assert result.returncode == 2 and "not a regular file" in result.stderr.decode()


def test_missing_file_is_named() -> None:
    result = run("summarize", "/no/such/article.txt")
    assert result.returncode == 2
    assert "no such file" in result.stderr.decode()


def test_jsonl_that_cannot_be_read_gets_one_sentence(tmp_path: Path) -> None:
    missing = run("summarize", "--jsonl", str(tmp_path / "missing.jsonl"))
    assert missing.returncode == 2 and "no such file" in missing.stderr.decode()
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b"\xff\xfe\x00\x01\n")
    result = run("summarize", "--jsonl", str(binary))
    assert result.returncode == 2 and "not UTF-8" in result.stderr.decode()
    assert "Traceback" not in result.stderr.decode()


PRIZE_STORY = "\n".join(
    [
        "احتفلت بلدية صفاقس مساء أمس بافتتاح معرض الكتاب السنوي في قصر المعارض، بحضور الوالي وعدد من الكتاب والناشرين.",
        "وتجول الوالي في أجنحة المعرض التي تضم أكثر من مئة دار نشر تونسية وعربية، واستمع إلى شروح العارضين عن إصداراتهم.",
        "وقدمت فرقة المدينة للموسيقى التقليدية عرضا في بهو القصر، وسط إقبال كبير من العائلات والتلاميذ على الأجنحة.",
        "وعرض في الافتتاح شريط قصير عن تاريخ المعرض منذ دورته الأولى، وعن أبرز الكتاب الذين وقعوا كتبهم في أجنحته.",
        "وأعلنت لجنة التحكيم في الحفل فوز الروائية سلمى القروي بجائزة الكومار الذهبي عن روايتها «بحر الملح»، "
        "وهي أرفع جائزة أدبية في البلاد.",
    ]
)


def test_the_title_option_puts_the_fact_it_names_in_the_box() -> None:
    headline = "الروائية سلمى القروي تفوز بجائزة الكومار الذهبي"
    result = run("summarize", "-", "--title", headline, stdin=PRIZE_STORY.encode("utf-8"))
    assert result.returncode == 0, result.stderr.decode()
    assert "الكومار الذهبي" in result.stdout.decode()


def test_jsonl_lines_give_their_titles_to_the_engine(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    record = {"id": "a", "title": "الروائية سلمى القروي تفوز بجائزة الكومار الذهبي", "article": PRIZE_STORY}
    src.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = json.loads(run("summarize", "--jsonl", str(src)).stdout.decode().splitlines()[0])
    assert any("الكومار الذهبي" in b for b in out["bullets"]), out


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--title", "  "], "--title is empty"), (["--jsonl", "in.jsonl", "--title", "عنوان"], 'give each line a "title"')],
)
def test_a_title_that_cannot_be_used_is_refused_in_one_sentence(args: list[str], message: str) -> None:
    result = run("summarize", "-", *args, stdin=PRIZE_STORY.encode("utf-8"))
    assert result.returncode == 2
    assert message in result.stderr.decode()


def test_a_damaged_utf8_file_is_summarized_with_a_warning(tmp_path: Path) -> None:
    raw = EXAMPLE.read_bytes()
    cut = raw.index(b" ", 300)
    path = tmp_path / "damaged.txt"
    path.write_bytes(raw[:cut] + b"\xff" + raw[cut:])
    result = run("summarize", str(path))
    err = result.stderr.decode()
    assert result.returncode == 0 and "warning: the input is UTF-8 with 1 invalid byte" in err
    assert "ال" in result.stdout.decode()  # the summary is Arabic, not Windows-1256 mojibake


def test_random_high_bytes_are_refused_as_not_text(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 24)  # 3,072 high bytes: every one of them, many times over
    result = run("summarize", str(path))
    assert result.returncode == 2 and "not text" in result.stderr.decode()
