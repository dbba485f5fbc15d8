"""Reading an article file and writing an output file, as every front end does it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from khulasa import cli
from khulasa.errors import InputError
from khulasa.files import read_bounded, replacing, write_atomically

STORY = "أعلنت وزارة النقل اليوم عن تشغيل خط حافلات سريع جديد يربط وسط العاصمة بالمطار.\n"


def test_a_file_is_read_up_to_one_byte_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    assert read_bounded(path, 10) == STORY.encode("utf-8")[:11]
    assert read_bounded(path, None) == STORY.encode("utf-8")


def test_a_fifo_is_refused_at_once_instead_of_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "story.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_bounded(fifo, 1000)


def test_a_fifo_in_a_batch_inbox_is_one_failed_item_and_the_batch_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "story.txt").write_text(STORY * 3, encoding="utf-8")
    code = cli.main(["batch", str(inbox), "-o", str(tmp_path / "out"), "--no-audio"])
    err = capsys.readouterr().err
    assert code == 2 and "1 done" in err
    assert f"failed: {inbox / 'pipe.txt'}: it is not a regular file" in err


def test_a_write_that_fails_midway_leaves_the_old_file_whole(tmp_path: Path) -> None:
    path = tmp_path / "box.json"
    write_atomically(path, b"old")
    with pytest.raises(RuntimeError), replacing(path) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("interrupted")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["box.json"]
