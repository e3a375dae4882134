"""A project's own interface labels: lessons/translations/<locale>/labels.po overrides the
package's catalog, label by label; `i18n labels` writes it, and status, export, import and sync
treat it like the other files a translator translates."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.labels import ENGLISH, catalog_for

from ..conftest import GOOD, pdf_text


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def german(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with one lesson written in German (lessonpress has no German labels)."""
    (tmp_path / "lessons").mkdir()
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    (tmp_path / "lessons" / "kurz.yaml").write_text(text + "language: de\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def translate(path: Path, translations: dict[str, str]) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgctxt in translations:
            entry.msgstr = translations[entry.msgctxt]
    po.save(str(path))


def test_i18n_labels_writes_the_projects_file_with_every_label_and_a_note(german: Path) -> None:
    result = run("i18n", "labels", "--locale", "de")
    assert result.exit_code == 0, result.output
    path = german / "lessons" / "translations" / "de" / "labels.po"
    assert f"wrote lessons/translations/de/labels.po: {len(vars(ENGLISH))} labels" in result.output
    po = polib.pofile(str(path))
    assert {e.msgctxt for e in po} == set(vars(ENGLISH))
    assert all(e.comment for e in po)  # where it prints, for the translator
    assert "Keep every {placeholder}" in po.find("Page {n} of", msgctxt="page_of").comment
    translate(path, {"objectives": "Was wir lernen"})
    assert run("i18n", "labels", "--locale", "de").exit_code == 0  # again: translations are kept
    assert polib.pofile(str(path)).find("What we will learn", msgctxt="objectives").msgstr == "Was wir lernen"
    printed = run("i18n", "labels", "--locale", "de", "--out", "-")
    assert 'msgstr "Was wir lernen"' in printed.output


def test_the_build_prints_the_projects_labels_and_rebuilds_when_they_change(german: Path) -> None:
    assert run("i18n", "labels", "--locale", "de").exit_code == 0
    path = german / "lessons" / "translations" / "de" / "labels.po"
    translate(path, {"objectives": "Was wir lernen", "key_takeaways": "Das Wichtigste"})
    result = run("build", "--format", "handout", "-j", "1")
    assert result.exit_code == 0, result.output
    handout = german / "build" / "de" / "kurz-handout.pdf"
    text = pdf_text(handout.read_bytes())
    assert "Was wir lernen" in text and "Das Wichtigste" in text and ENGLISH.objectives not in text
    assert "interface labels for 'de' print in English" in result.output  # the rest
    assert "0 PDFs written, 1 up to date" in run("build", "--format", "handout").output
    translate(path, {"objectives": "Was wir heute lernen"})
    again = run("build", "--format", "handout")
    assert "1 PDF written" in again.output
    assert "Was wir heute lernen" in pdf_text(handout.read_bytes())


def test_the_projects_labels_override_the_packages(german: Path) -> None:
    lesson = german / "lessons" / "kurz.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("language: de", "language: es"))
    assert "Lo que vamos a aprender" in pdf_text_of(german, "es")
    assert run("i18n", "labels", "--locale", "es").exit_code == 0
    path = german / "lessons" / "translations" / "es" / "labels.po"
    assert polib.pofile(str(path)).find("What we will learn", msgctxt="objectives").msgstr  # the package's
    translate(path, {"objectives": "Qué aprenderemos"})
    text = pdf_text_of(german, "es")
    assert "Qué aprenderemos" in text and "Lo que vamos a aprender" not in text
    assert catalog_for("es").labels.discussion in text  # the rest: the package's


def pdf_text_of(project: Path, language: str) -> str:
    result = run("build", "--format", "handout", "-j", "1")
    assert result.exit_code == 0, result.output
    return pdf_text((project / "build" / language / "kurz-handout.pdf").read_bytes())


def test_entries_that_cannot_be_used_are_warnings_at_their_line(german: Path) -> None:
    assert run("i18n", "labels", "--locale", "de").exit_code == 0
    path = german / "lessons" / "translations" / "de" / "labels.po"
    translate(path, {"page_of": "Seite von", "objectives": "Was wir lernen"})
    text = path.read_text(encoding="utf-8")
    path.write_text(text + '\nmsgctxt "objectivs"\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    result = run("build", "--format", "handout", "-j", "1")
    assert result.exit_code == 0
    lines = [ln for ln in result.output.splitlines() if "labels.po:" in ln]
    page_line = next(i + 1 for i, ln in enumerate(text.splitlines()) if ln == 'msgstr "Seite von"')
    assert (
        f"lessons/translations/de/labels.po:{page_line}: warning: the translation of 'page_of' must keep "
        "{n}; it is not used [i18n.labels]" in lines
    )
    assert any("no label called 'objectivs'" in ln for ln in lines)
    assert "did you mean 'objectives'?" in result.output
    assert "Was wir lernen" in pdf_text((german / "build" / "de" / "kurz-handout.pdf").read_bytes())


def test_status_export_import_and_sync_cover_the_labels(german: Path) -> None:
    status = run("i18n", "status", "--locale", "de")
    assert (
        f"  labels: 0 translated, {len(vars(ENGLISH))} missing, 0 stale (no translation file)"
        in status.output
    )
    exported = run("i18n", "export", "--locale", "de")
    assert exported.exit_code == 0, exported.output
    catalog = german / "build" / "translations" / "de.po"
    po = polib.pofile(str(catalog))
    entry = po.find("What we will learn", msgctxt="labels:objectives")
    assert entry is not None and entry.comment.startswith("Interface label: Handout heading")
    entry.msgstr = "Was wir lernen"
    po.find("{n} minutes", msgctxt="labels:minutes").msgstr = "{n} Minuten"
    po.save(str(catalog))
    imported = run("i18n", "import", str(catalog))
    assert imported.exit_code == 0, imported.output
    assert "updated lessons/translations/de/labels.po" in imported.output
    own = polib.pofile(str(german / "lessons" / "translations" / "de" / "labels.po"))
    assert own.find("What we will learn", msgctxt="objectives").msgstr == "Was wir lernen"
    assert "labels: 2 translated" in run("i18n", "status", "--locale", "de").output
    # the English of a label changed since it was translated: stale, until sync
    path = german / "lessons" / "translations" / "de" / "labels.po"
    path.write_text(path.read_text(encoding="utf-8").replace('msgid "What we will learn"', 'msgid "Goals"'))
    missing = len(vars(ENGLISH)) - 2
    assert (
        f"labels: 1 translated, {missing} missing, 1 stale" in run("i18n", "status", "--locale", "de").output
    )
    synced = run("i18n", "sync", "--locale", "de")
    assert synced.exit_code == 0, synced.output
    assert "labels: 2 translated" in run("i18n", "status", "--locale", "de").output


def test_an_import_with_a_bad_label_changes_nothing(german: Path) -> None:
    assert run("i18n", "export", "--locale", "de").exit_code == 0
    catalog = german / "build" / "translations" / "de.po"
    po = polib.pofile(str(catalog))
    po.find("Page {n} of", msgctxt="labels:page_of").msgstr = "Seite von"
    po.find("What we will learn", msgctxt="labels:objectives").msgstr = "Was wir lernen"
    po.save(str(catalog))
    result = run("i18n", "import", str(catalog))
    assert result.exit_code == 1
    assert (
        "error: the translation of the label 'page_of' must keep {n} [catalog.placeholder]" in result.output
    )
    assert not (german / "lessons" / "translations" / "de").exists()


def test_pt_underscore_br_is_pt_hyphen_br(german: Path) -> None:
    result = run("i18n", "labels", "--locale", "pt_BR")
    assert result.exit_code == 0 and (german / "lessons" / "translations" / "pt-BR" / "labels.po").is_file()
    shutil.move(german / "lessons" / "translations" / "pt-BR", german / "lessons" / "translations" / "pt_BR")
    checked = run("check")
    assert checked.exit_code == 1
    assert (
        "lessons/translations/pt_BR: error: the locale folder 'pt_BR' is not written as a language tag, "
        "so its translations are not read: did you mean 'pt-BR'? [i18n.locale-folder]"
    ) in checked.output


def test_a_label_pattern_puts_the_value_where_the_translation_says(german: Path) -> None:
    lesson = german / "lessons" / "kurz.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "audience: Jugendliche\n", encoding="utf-8")
    assert run("i18n", "labels", "--locale", "de").exit_code == 0
    translate(
        german / "lessons" / "translations" / "de" / "labels.po", {"audience": "{audience} als Zielgruppe"}
    )
    result = run("build", "--format", "handout,slides", "-j", "1")
    assert result.exit_code == 0, result.output
    handout, slides = (
        pdf_text((german / "build" / "de" / f"kurz-{f}.pdf").read_bytes()) for f in ("handout", "slides")
    )
    assert "Jugendliche als Zielgruppe" in handout and "For:" not in handout
    # The title slide names the audience alone, in its band: no label to translate there.
    assert "Jugendliche" in slides and "For:" not in slides
