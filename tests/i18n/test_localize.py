"""Translations merged over their source: fallbacks, list lengths, errors in the right file."""

from __future__ import annotations

from pathlib import Path

from lessonpress.build import BuildSettings, build
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.project import LessonFile

from ..conftest import I18N_LESSONS, pdf_text, squash


def check(folder: Path):  # noqa: ANN201
    path = folder / "safe-chat.yaml"
    return check_lesson_and_translations(LessonFile(path, "lessons/safe-chat.yaml", "safe-chat"))


def test_every_translation_becomes_a_lesson_in_its_language() -> None:
    checked = check(I18N_LESSONS)
    assert [lesson.language for lesson in checked.lessons] == ["en", "ar", "es", "hi", "th", "uk", "vi"]
    es = next(lesson for lesson in checked.lessons if lesson.language == "es")
    assert es.title.plain == "Chats seguros"
    assert es.duration_minutes == 30  # not translated: from the source
    assert es.resources[0].url == "https://takeitdown.ncmec.org"
    assert es.translation.status == "reviewed" and not es.translation.draft
    assert es.discussion_prompts[1].prompt.plain.startswith("¿Qué harías")


def test_a_field_left_out_falls_back_with_a_warning(i18n_project: Path) -> None:
    path = i18n_project / "lessons" / "translations" / "es" / "safe-chat.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("subtitle: Quién puede ver lo que compartes\n", ""),
        encoding="utf-8",
    )
    checked = check(i18n_project / "lessons")
    es = next(lesson for lesson in checked.lessons if lesson.language == "es")
    assert es.subtitle.plain == "Who can see what you share"
    (warning,) = [p for p in checked.problems if p.code == "i18n.fallback"]
    assert warning.severity == "warning" and "subtitle" in warning.message
    assert warning.path == "lessons/translations/es/safe-chat.yaml"


def test_a_list_of_another_length_is_an_error_at_its_line(i18n_project: Path) -> None:
    path = i18n_project / "lessons" / "translations" / "es" / "safe-chat.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("  - Nombrar dos formas de pedir ayuda.\n", ""),
        encoding="utf-8",
    )
    checked = check(i18n_project / "lessons")
    (error,) = [p for p in checked.problems if p.code == "i18n.list-length"]
    assert error.format().startswith(
        "lessons/translations/es/safe-chat.yaml:9:3: error: 'objectives' has 1 item but the source has 2"
    )
    assert "es" not in [lesson.language for lesson in checked.lessons]


def test_a_bad_link_in_a_translation_is_reported_in_the_translation(i18n_project: Path) -> None:
    path = i18n_project / "lessons" / "translations" / "es" / "safe-chat.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Chats seguros", "title: 'Chats [x](javascript:alert(1))'"
        ),
        encoding="utf-8",
    )
    (error,) = [p for p in check(i18n_project / "lessons").problems if p.is_error]
    assert error.path == "lessons/translations/es/safe-chat.yaml" and error.line == 5


def test_wrong_language_in_a_locale_folder_is_an_error(i18n_project: Path) -> None:
    path = i18n_project / "lessons" / "translations" / "es" / "safe-chat.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("language: es", "language: pt"), encoding="utf-8"
    )
    codes = [p.code for p in check(i18n_project / "lessons").problems]
    assert "i18n.language" in codes


def test_build_writes_every_locale_and_only_requested_ones(i18n_project: Path) -> None:
    result = build(BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1))
    assert sorted(p.parent.name for p in result.written) == ["ar", "en", "es", "hi", "th", "uk", "vi"]
    es = squash(pdf_text(Path("out/es/safe-chat-handout.pdf").read_bytes()))
    assert "Chatsseguros" in es and "Nuncaestuculpa." in es
    only = build(
        BuildSettings(paths=("lessons",), out_dir=Path("only"), formats=("handout",), jobs=1, locales=("uk",))
    )
    assert sorted(p.parent.name for p in only.written) == ["en", "uk"]


def test_bilingual_handouts_for_one_locale_and_a_second_build_writes_nothing(i18n_project: Path) -> None:
    settings = BuildSettings(
        paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1, bilingual="ar", locales=("ar",)
    )
    first = build(settings)
    bilingual = Path("out/ar/safe-chat-handout-bilingual.pdf")
    assert first.ok and bilingual in first.written
    text = squash(pdf_text(bilingual.read_bytes()))
    assert text.index("Safechats") < text.index(squash("Anything shared can be forwarded."))
    assert "English" in text
    again = build(settings)
    assert again.written == () and bilingual in again.up_to_date
