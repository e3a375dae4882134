"""The translator's path: init, status (missing, stale), sync, PO and CSV round trips, import."""

from __future__ import annotations

import hashlib
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.yamlio import load_yaml


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_init_creates_a_file_ready_to_translate_and_never_overwrites(i18n_project: Path) -> None:
    result = run("i18n", "init", "--locale", "pt-BR")
    assert result.exit_code == 0, result.output
    path = i18n_project / "lessons" / "translations" / "pt-BR" / "safe-chat.yaml"
    text = path.read_text(encoding="utf-8")
    assert "# Explain who can see a message in a group chat." in text
    assert "language: pt-BR" in text and "status: draft" in text
    load_yaml(text.encode(), "x.yaml")  # the strict loader accepts it
    assert run("build", "lessons", "--format", "handout", "--locale", "pt-BR").exit_code == 0
    path.write_text(text.replace('title: ""\n', 'title: "Conversas seguras"\n'), encoding="utf-8")
    assert run("i18n", "init", "--locale", "pt-BR").exit_code == 0
    assert "Conversas seguras" in path.read_text(encoding="utf-8")


def test_status_reports_missing_and_fails_on_request(i18n_project: Path) -> None:
    run("i18n", "init", "--locale", "fr")
    result = run("i18n", "status", "--locale", "fr", "--fail-on", "missing")
    assert result.exit_code == 1
    assert "safe-chat: 0 translated, 12 missing, 0 stale" in result.output
    assert run("i18n", "status", "--locale", "es", "--fail-on", "missing,stale").exit_code == 0


def test_status_flags_exactly_the_field_whose_source_changed(i18n_project: Path) -> None:
    assert run("i18n", "sync", "--locale", "es").exit_code == 0
    source = i18n_project / "lessons" / "safe-chat.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "  - Name two ways to get help.", "  - Name two ways to get help today."
        ),
        encoding="utf-8",
    )
    result = run("i18n", "status", "--locale", "es", "--fail-on", "stale")
    assert result.exit_code == 1
    stale = [ln for ln in result.output.splitlines() if "stale:" in ln]
    assert stale == ["    stale: objectives[2]"]
    assert "old source: Name two ways to get help." in result.output
    assert "new source: Name two ways to get help today." in result.output


def test_po_round_trip_without_edits_changes_nothing(i18n_project: Path) -> None:
    run("i18n", "sync", "--locale", "es")
    before = digest(i18n_project / "lessons")
    assert run("i18n", "export", "--locale", "es", "--format", "po").exit_code == 0
    result = run("i18n", "import", "build/translations/es.po")
    assert result.exit_code == 0 and "no file changed" in result.output
    assert digest(i18n_project / "lessons") == before


def test_csv_round_trip_without_edits_changes_nothing(i18n_project: Path) -> None:
    run("i18n", "sync", "--locale", "uk")
    before = digest(i18n_project / "lessons")
    assert run("i18n", "export", "--locale", "uk", "--format", "csv").exit_code == 0
    assert run("i18n", "import", "build/translations/uk.csv").exit_code == 0
    assert digest(i18n_project / "lessons") == before


def test_po_export_carries_context_comment_and_stale_flag(i18n_project: Path) -> None:
    run("i18n", "sync", "--locale", "es")
    source = i18n_project / "lessons" / "safe-chat.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("title: Safe chats", "title: Safer chats"),
        encoding="utf-8",
    )
    run("i18n", "export", "--locale", "es", "--format", "po")
    po = polib.pofile("build/translations/es.po")
    assert po.metadata["Language"] == "es"
    title = next(e for e in po if e.msgctxt == "safe-chat:title")
    assert title.msgid == "Safer chats" and title.msgstr == "Chats seguros"
    assert "fuzzy" in title.flags and title.previous_msgid == "Safe chats"
    notes = next(e for e in po if e.msgctxt == "safe-chat:discussion_prompts[1].notes")
    assert "facilitator guide and notes pages only" in notes.comment


def test_an_edited_po_updates_one_value_and_keeps_comments(i18n_project: Path) -> None:
    path = i18n_project / "lessons" / "translations" / "es" / "safe-chat.yaml"
    path.write_text("# Reviewed by the Madrid team.\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    run("i18n", "export", "--locale", "es", "--format", "po")
    po = polib.pofile("build/translations/es.po")
    next(e for e in po if e.msgctxt == "safe-chat:title").msgstr = "Chats más seguros"
    po.save("edited.po")
    result = run("i18n", "import", "edited.po")
    assert result.exit_code == 0 and "1 string imported" in result.output
    text = path.read_text(encoding="utf-8")
    assert "title: Chats más seguros" in text and text.startswith("# Reviewed by the Madrid team.")
    assert "subtitle: Quién puede ver lo que compartes" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('msgctxt "safe-chat:title"\nmsgid "Safe chats"\nmsgstr "x\n', "line"),
        ('msgctxt "no-such-lesson:title"\nmsgid "x"\nmsgstr "y"\n', "no lesson with id 'no-such-lesson'"),
        ('msgctxt "safe-chat:nope"\nmsgid "x"\nmsgstr "y"\n', "has no text 'nope'"),
        ('msgctxt "safe-chat:title"\nmsgid "Safe chats"\nmsgstr "[x](javascript:1)"\n', "not allowed"),
    ],
)
def test_malformed_catalog_is_refused_with_line_numbers_and_nothing_written(
    i18n_project: Path, content: str, message: str
) -> None:
    before = digest(i18n_project / "lessons")
    Path("bad.po").write_text(
        'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'
        'msgctxt "safe-chat:subtitle"\nmsgid "Who"\nmsgstr "Cambiado"\n\n' + content,
        encoding="utf-8",
    )
    result = run("i18n", "import", "bad.po")
    assert result.exit_code == 1
    assert "bad.po:" in result.output and message in result.output
    assert "nothing was written" in result.output
    assert digest(i18n_project / "lessons") == before


def test_malformed_csv_is_refused(i18n_project: Path) -> None:
    Path("es.csv").write_text("wrong,header\nx,y\n", encoding="utf-8")
    result = run("i18n", "import", "es.csv")
    assert result.exit_code == 1 and "es.csv:1:1: error: the first row must be" in result.output


def test_language_names_print_in_their_own_script(i18n_project: Path) -> None:
    output = run("i18n", "status").output
    for name in ("Español", "العربية", "हिन्दी", "українська", "ไทย", "Tiếng Việt"):
        assert name.lower() in output.lower(), name


def test_init_refuses_the_sources_own_language_for_every_document(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    (tmp_path / "lessons").mkdir()
    (tmp_path / "lessons" / "one.yaml").write_text(
        "title: One\nobjectives: [O]\ndiscussion_prompts: [Q?]\nkey_takeaways: [K]\n", encoding="utf-8"
    )
    (tmp_path / "lessons" / "curriculum.yaml").write_text(
        "title: Course\nunits:\n  - title: U\n    lessons: [one]\n", encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    result = run("i18n", "init", "--locale", "en")
    assert result.exit_code == 1
    assert "lessons/one.yaml: error: this lesson is written in 'en' already" in result.output
    assert "lessons/curriculum.yaml: error: the curriculum file is written in 'en' already" in result.output
    assert not (tmp_path / "lessons" / "translations").exists()
