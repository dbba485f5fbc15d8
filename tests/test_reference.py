"""The README documents every setting and command: regenerate with `python -m khulasa.reference`."""

from __future__ import annotations

from khulasa import config, reference


def test_readme_matches_generated_reference() -> None:
    readme = reference.README.read_text(encoding="utf-8")
    assert reference.render(readme) == readme, "README is stale: run `.venv/bin/python -m khulasa.reference`"


def test_every_setting_is_in_the_readme() -> None:
    readme = reference.README.read_text(encoding="utf-8")
    for variable, _default, help_text in config.describe():
        assert f"`{variable}`" in readme
        assert help_text, f"{variable} has no docstring in config.Settings"


def test_a_setting_whose_docstring_wraps_stays_one_row_of_the_table() -> None:
    rows = reference.settings_table().splitlines()
    assert len(rows) == 2 + len(config.describe())
    assert all(row.startswith("| `KHULASA_") and row.endswith(" |") for row in rows[2:])
    guard = next(row for row in rows if row.startswith("| `KHULASA_GUARD_DICTIONARY`"))
    assert "Names, places, numbers and dates are strict either way." in guard and "``" not in guard
