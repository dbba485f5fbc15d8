"""The README documents every setting and command: regenerate with `python scripts/reference.py`."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from khulasa import config

_SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "reference.py"
_spec = importlib.util.spec_from_file_location("reference", _SCRIPT)
assert _spec is not None and _spec.loader is not None
reference = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference)


def test_readme_matches_generated_reference() -> None:
    readme = reference.README.read_text(encoding="utf-8")
    assert reference.render(readme) == readme, "README is stale: run `.venv/bin/python scripts/reference.py`"


def test_every_setting_is_in_the_readme() -> None:
    readme = reference.README.read_text(encoding="utf-8")
    for variable, _default, help_text in config.describe():
        assert f"`{variable}`" in readme
        assert help_text, f"{variable} has no help in config.Settings"


def test_a_setting_whose_docstring_wraps_stays_one_row_of_the_table() -> None:
    rows = reference.settings_table().splitlines()
    assert len(rows) == 2 + len(config.describe())
    assert all(row.startswith("| `KHULASA_") and row.endswith(" |") for row in rows[2:])
    guard = next(row for row in rows if row.startswith("| `KHULASA_GUARD_DICTIONARY`"))
    assert "Names, places, numbers and dates are strict either way." in guard and "``" not in guard


def test_help_is_data_on_each_setting_and_no_test_hook_is_a_setting() -> None:
    for variable, _default, help_text in config.describe():
        assert help_text.strip(), variable
        assert "test only" not in help_text.lower(), f"{variable} is a test hook, not a user's setting"
    assert "KHULASA_JOB_TEST_DELAY" not in {variable for variable, _default, _help in config.describe()}
