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
