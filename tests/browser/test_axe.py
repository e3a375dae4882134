"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA violation on the HTML handout and guide of every
shipped lesson in en, es, ar and hi, in every preset, nor on the catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from lessonpress.build import BuildSettings, build
from lessonpress.theme import DEFAULT_THEME
from lessonpress.themes import PRESETS, apply_presets, load_theme

from ..conftest import LESSONS, ROOT, SHIPPED
from .conftest import axe_violations

LANGUAGES = ("en", "es", "ar", "hi")
# The representative subset every run checks; the rest of the sweep is marked slow.
EVERYDAY = {"teens-3-sextortion", "parents-1-signs-and-talking"}


def pages() -> list:
    out = []
    for language in LANGUAGES:
        folder = LESSONS if language == "en" else LESSONS / "translations" / language
        for lesson in sorted(p.stem for p in SHIPPED if (folder / f"{p.stem}.yaml").is_file()):
            for fmt in ("html", "guide-html"):
                marks = () if lesson in EVERYDAY else (pytest.mark.slow,)
                out.append(
                    pytest.param(
                        f"{language}/{lesson}-{fmt}.html", marks=marks, id=f"{language}-{lesson}-{fmt}"
                    )
                )
    return out


@pytest.mark.parametrize("relative", pages())
def test_no_axe_violations_on_shipped_pages(shipped_site: Path, page, relative: str) -> None:  # noqa: ANN001
    page.goto((shipped_site / relative).as_uri())
    assert axe_violations(page) == []


def test_no_axe_violations_on_the_catalog(shipped_site: Path, page) -> None:  # noqa: ANN001
    page.goto((shipped_site / "index.html").as_uri())
    assert page.locator("img").count() > 10
    assert axe_violations(page) == []


def looks() -> list:
    ngo, _ = load_theme("ngo", ROOT)
    out = [pytest.param("ngo", ngo, id="ngo")]
    for preset in PRESETS:
        out.append(pytest.param(preset, apply_presets(DEFAULT_THEME, (preset,)), id=preset))
        out.append(
            pytest.param(
                f"ngo+{preset}", apply_presets(ngo, (preset,)), id=f"ngo+{preset}", marks=pytest.mark.slow
            )
        )
    return out


@pytest.mark.parametrize(("name", "theme"), looks())
@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_axe_violations_in_any_theme_or_preset(
    tmp_path: Path,
    page,
    name: str,
    theme,  # noqa: ANN001
    language: str,
) -> None:
    result = build(
        BuildSettings(
            paths=(str(LESSONS / "teens-3-sextortion.yaml"),),
            out_dir=tmp_path,
            formats=("html", "guide-html"),
            theme=theme,
            jobs=1,
            locales=(language,),
        )
    )
    assert result.ok
    pages = sorted(p for p in result.written if p.parent.name == language)
    assert len(pages) == 2, name
    for path in pages:
        page.goto(path.resolve().as_uri())
        assert axe_violations(page) == [], path.name


def test_the_axe_check_can_fail(tmp_path: Path, page) -> None:  # noqa: ANN001
    bad = tmp_path / "bad.html"
    bad.write_text('<html><body><p style="color:#bbb">faint</p><textarea></textarea></body></html>')
    page.goto(bad.as_uri())
    found = {line.split(":")[0] for line in axe_violations(page)}
    assert {"html-has-lang", "label", "color-contrast"} <= found


@pytest.mark.parametrize("language", ["ar", "hi"])
def test_no_axe_violations_on_a_bilingual_page(tmp_path: Path, page, language: str) -> None:  # noqa: ANN001
    result = build(
        BuildSettings(
            paths=(str(LESSONS / "teens-3-sextortion.yaml"),),
            out_dir=tmp_path,
            formats=("html",),
            bilingual=language,
            locales=(language,),
            jobs=1,
        )
    )
    assert result.ok
    page.goto((tmp_path / language / "teens-3-sextortion-html-bilingual.html").as_uri())
    assert page.locator(f"div.lang-block[lang={language}]").count() > 5
    assert axe_violations(page) == []
