"""Interface labels come from a gettext catalog per language, with English as the fallback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import polib
import pytest

from lessonpress import labels
from lessonpress.build import label_warnings
from lessonpress.i18n.label_catalog import label_status, labels_po
from lessonpress.labels import ENGLISH, catalog_for, package_catalog

SHIPPED_LOCALES = ("es", "ar", "hi", "fr", "pt-BR", "sw")


@pytest.fixture
def catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(labels, "CATALOGS", tmp_path)
    package_catalog.cache_clear()
    yield tmp_path
    package_catalog.cache_clear()


def write_catalog(folder: Path, language: str, translations: dict[str, str]) -> None:
    po = polib.pofile(labels_po(label_status(folder / "none", "none", language)[0], language))
    for entry in po:
        entry.msgstr = translations.get(entry.msgctxt, "")
    po.save(str(folder / f"{language}.po"))
    package_catalog.cache_clear()


def test_a_translated_label_is_used_and_a_missing_one_falls_back_with_a_warning(catalogs: Path) -> None:
    write_catalog(catalogs, "xx", {"objectives": "Lo que aprenderemos", "page_of": "Página {n} de"})
    result = catalog_for("xx")
    assert result.labels.objectives == "Lo que aprenderemos"
    assert result.labels.page_of == "Página {n} de"
    assert result.labels.key_takeaways == ENGLISH.key_takeaways
    (warning,) = label_warnings([("xx", None)])
    expected = len(dataclasses.fields(ENGLISH)) - 2
    assert warning.severity == "warning" and f"{expected} interface labels for 'xx'" in warning.message
    assert warning.path.endswith("xx.po")


def test_a_label_with_wrong_placeholders_is_not_used(catalogs: Path) -> None:
    write_catalog(catalogs, "xx", {"page_of": "Página de"})
    assert catalog_for("xx").labels.page_of == ENGLISH.page_of
    assert "page_of" in catalog_for("xx").missing


def test_region_variant_falls_back_to_the_language(catalogs: Path) -> None:
    write_catalog(catalogs, "pt", {"objectives": "O que vamos aprender"})
    assert catalog_for("pt-BR").labels.objectives == "O que vamos aprender"


def test_no_catalog_at_all_is_one_warning(catalogs: Path) -> None:
    assert catalog_for("zz").labels == ENGLISH
    (warning,) = label_warnings([("zz", None)])
    assert "no interface translation for 'zz'" in warning.message


@pytest.mark.parametrize("language", SHIPPED_LOCALES)
def test_every_shipped_curriculum_locale_has_a_complete_catalog(language: str) -> None:
    result = catalog_for(language)
    assert result.missing == (), f"{language}: {result.missing}"
    assert result.labels.objectives != ENGLISH.objectives


def test_the_swahili_catalog_is_a_draft_and_the_build_says_so() -> None:
    assert package_catalog("sw").draft and not package_catalog("fr").draft
    (warning,) = [w for w in label_warnings([("sw", None)]) if w.code == "i18n.labels-draft"]
    assert "labels for 'sw' are a draft, not yet reviewed by a native speaker" in warning.message
    assert label_warnings([("fr", None)]) == [] and label_warnings([("pt-BR", None)]) == []


def test_french_puts_its_own_punctuation_around_labels() -> None:
    french = catalog_for("fr").labels
    assert french.audience == "Pour\u00a0: {audience}"  # a no-break space before the colon
    assert french.page_of == "Page {n} sur"
