"""docs/themes.md lists every theme key with its unit, range and default, read from the code
that checks themes, so the page and the loader cannot disagree."""

from __future__ import annotations

import dataclasses

from lessonpress import themes
from lessonpress.theme_docs import reference

from .conftest import ROOT


def test_the_theme_reference_is_up_to_date() -> None:
    published = (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")
    assert published == reference(), "run: python -m lessonpress.theme_docs > docs/themes.md"


def test_every_key_a_theme_file_takes_is_in_the_reference() -> None:
    page = reference()
    for item in dataclasses.fields(themes.ThemeFile):
        assert f"| `{item.name}` |" in page or f"| `{item.name}." in page, item.name
    for group, key in themes._FIELDS:
        row = next(line for line in page.splitlines() if line.startswith(f"| `{group}.{key}` |"))
        assert row.count("|") == 6 and "|  |" not in row, row  # unit, range and default filled in


def test_the_readme_points_to_the_reference() -> None:
    assert "docs/themes.md" in (ROOT / "README.md").read_text(encoding="utf-8")
