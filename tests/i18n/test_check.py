"""`check` reads a translation file as the build does: merged over its source, where an empty
field means "print the source" (issue 12), and a translation without a lesson is named."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from lessonpress.cli import main

ES = Path("lessons/translations/es/safe-chat.yaml")


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def test_checking_a_fresh_translation_file_reports_fallbacks_not_empty_fields(i18n_project: Path) -> None:
    assert run("i18n", "init", "--locale", "fr").exit_code == 0
    result = run("check", "lessons/translations/fr/safe-chat.yaml")
    assert result.exit_code == 0, result.output
    assert "is empty" not in result.output and "[schema.empty]" not in result.output
    assert "lessons/translations/fr/safe-chat.yaml:1:1: warning: 12 texts not translated" in result.output
    assert "1 lesson checked, 0 errors" in result.output


def test_checking_a_translation_file_finds_its_errors_at_their_lines(i18n_project: Path) -> None:
    ES.write_text(
        ES.read_text(encoding="utf-8").replace(
            "title: Chats seguros", "title: 'Chats [x](javascript:alert(1))'"
        ),
        encoding="utf-8",
    )
    result = run("check", str(ES))
    assert result.exit_code == 1
    assert result.output.startswith("lessons/translations/es/safe-chat.yaml:5:")


def test_a_translation_of_no_lesson_is_named(i18n_project: Path) -> None:
    ES.rename(ES.with_name("safe-chats.yaml"))
    result = run("check", "lessons")
    assert (
        "lessons/translations/es/safe-chats.yaml: warning: no lesson 'safe-chats' for this "
        "translation, so it is not built [i18n.no-source]"
    ) in result.output
    alone = run("check", "lessons/translations/es/safe-chats.yaml")
    assert alone.exit_code == 1 and "[i18n.no-source]" in alone.output
