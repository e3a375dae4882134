"""The helplines and the curriculum are translated like lessons (issues 10 and 11).

translations/<locale>/helplines.yaml translates each entry's name, description and hours by its
id (never a number or address); translations/<locale>/curriculum.yaml translates the course
title, description, organisation and unit titles. The build prints them in the output's language,
and init, status, sync, export and import cover them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from lessonpress.build import BuildSettings, build
from lessonpress.cli import main

from ..conftest import I18N_LESSONS, pdf_text, squash

HELPLINES = """\
helplines:
  - id: gb-test-line
    region: GB
    kind: child-helpline
    name: Test Line
    phone: "0800 000 000"
    hours: 24/7
    description: Free and private help for anyone under 19.
    source: https://example.org/test-line
    verified: 2026-11-28
    confidence: HIGH
  - id: intl-test-report
    region: INTL
    kind: report
    name: Test Report
    url: https://example.org/report
    description: Helps remove nude images taken before you were 18.
    source: https://example.org/report
    verified: 2026-11-28
    confidence: HIGH
"""
CURRICULUM = """\
title: Safe chats course
description: One lesson about chats.
organisation: Test NGO
units:
  - title: For teens
    lessons: [safe-chat]
"""
ES_HELPLINES = """\
language: es
helplines:
  gb-test-line:
    name: Línea de Prueba
    description: Ayuda gratuita y privada para menores de 19 años.
  intl-test-report:
    description: Ayuda a eliminar imágenes de desnudos tomadas antes de cumplir 18 años.
"""
ES_CURRICULUM = """\
language: es
title: Curso de chats seguros
units:
  - title: Para adolescentes
"""


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The safe-chat lesson (printing helplines) in es and uk, a curriculum and a helpline file."""
    (tmp_path / "lessons" / "translations").mkdir(parents=True)
    shutil.copy(I18N_LESSONS / "safe-chat.yaml", tmp_path / "lessons")
    for locale in ("es", "uk"):
        shutil.copytree(
            I18N_LESSONS / "translations" / locale, tmp_path / "lessons" / "translations" / locale
        )
    lesson = tmp_path / "lessons" / "safe-chat.yaml"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "helplines: true\n", encoding="utf-8")
    (tmp_path / "lessons" / "curriculum.yaml").write_text(CURRICULUM, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "helplines.yaml").write_text(HELPLINES, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


ES = Path("lessons/translations/es")


def test_init_writes_helpline_and_curriculum_files_keyed_like_their_sources(project: Path) -> None:
    result = run("i18n", "init", "--locale", "es")
    assert result.exit_code == 0, result.output
    assert "created lessons/translations/es/helplines.yaml" in result.output
    assert "created lessons/translations/es/curriculum.yaml" in result.output
    helplines = (ES / "helplines.yaml").read_text(encoding="utf-8")
    assert (
        'helplines:\n  gb-test-line:\n    # Test Line\n    name: ""\n    # 24/7\n    hours: ""\n' in helplines
    )
    assert "0800" not in helplines and "example.org" not in helplines and "region" not in helplines
    curriculum = (ES / "curriculum.yaml").read_text(encoding="utf-8")
    assert '# Safe chats course\ntitle: ""\n' in curriculum
    assert 'units:\n  -\n    # For teens\n    title: ""\n' in curriculum and "lessons:" not in curriculum
    # an empty file prints the source: it builds, with a fallback warning
    built = build(
        BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1, locales=("es",))
    )
    assert built.ok, [p.format() for p in built.problems]


def test_helplines_print_in_the_outputs_language_with_the_sources_numbers(project: Path) -> None:
    (ES / "helplines.yaml").write_text(ES_HELPLINES, encoding="utf-8")
    result = build(
        BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1, region="GB")
    )
    assert result.ok, [p.format() for p in result.problems]
    es = squash(pdf_text(Path("out/es/safe-chat-handout.pdf").read_bytes()))
    assert squash("Línea de Prueba") in es and squash("Ayuda gratuita y privada") in es
    assert squash("0800 000 000") in es and squash("Test Line") not in es
    en = squash(pdf_text(Path("out/en/safe-chat-handout.pdf").read_bytes()))
    assert squash("Test Line") in en and squash("Línea de Prueba") not in en
    uk = squash(pdf_text(Path("out/uk/safe-chat-handout.pdf").read_bytes()))
    assert squash("Test Line") in uk  # no Ukrainian helplines: the source


def test_the_pack_cover_and_units_print_in_the_packs_language(project: Path) -> None:
    (ES / "curriculum.yaml").write_text(ES_CURRICULUM, encoding="utf-8")
    result = build(
        BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("pack",), jobs=1, today="2026-11-28")
    )
    assert result.ok, [p.format() for p in result.problems]
    es = squash(pdf_text(Path("out/es/course-pack.pdf").read_bytes()))
    assert squash("Curso de chats seguros") in es and squash("Para adolescentes") in es
    assert squash("One lesson about chats.") in es  # left out: printed from the source
    en = squash(pdf_text(Path("out/en/course-pack.pdf").read_bytes()))
    assert squash("Safe chats course") in en and squash("Curso de chats") not in en
    fallback = [
        p
        for p in result.problems
        if p.code == "i18n.fallback" and p.path == "lessons/translations/es/curriculum.yaml"
    ]
    assert fallback and "description" in fallback[0].message


def test_editing_a_translation_rebuilds_only_what_it_changes_nothing_else_is_lost(project: Path) -> None:
    settings = BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1)
    build(settings)
    assert build(settings).written == ()
    (ES / "helplines.yaml").write_text(ES_HELPLINES, encoding="utf-8")
    assert Path("out/es/safe-chat-handout.pdf") in build(settings).written


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        (
            ES_HELPLINES.replace(
                "    name: Línea de Prueba\n", '    name: Línea\n    phone: "0800 999 999"\n'
            ),
            "i18n.not-translatable",
            5,
        ),
        (ES_HELPLINES.replace("  intl-test-report:", "  intl-test-reports:"), "i18n.unknown-id", 6),
        ("language: es\nhelplines:\n  - name: Línea\n", "i18n.by-id", 3),
        (ES_CURRICULUM + "    lessons: [other]\n", "i18n.not-translatable", 5),
    ],
)
def test_a_translation_cannot_change_numbers_or_lesson_lists(
    project: Path, text: str, code: str, line: int
) -> None:
    name = "curriculum.yaml" if "units" in text else "helplines.yaml"
    (ES / name).write_text(text, encoding="utf-8")
    result = run("check", "lessons")
    found = [ln for ln in result.output.splitlines() if f"[{code}]" in ln]
    assert found and found[0].startswith(f"lessons/translations/es/{name}:{line}:"), result.output
    if code == "i18n.unknown-id":
        assert "did you mean 'intl-test-report'?" in result.output and result.exit_code == 0
    else:
        assert result.exit_code == 1


def test_status_sync_and_stale_strings_cover_helplines_and_curriculum(project: Path) -> None:
    (ES / "helplines.yaml").write_text(ES_HELPLINES, encoding="utf-8")
    (ES / "curriculum.yaml").write_text(ES_CURRICULUM, encoding="utf-8")
    status = run("i18n", "status", "--locale", "es")
    assert "  helplines: 3 translated, 2 missing, 0 stale" in status.output
    assert "  curriculum: 2 translated, 2 missing, 0 stale" in status.output
    assert run("i18n", "sync", "--locale", "es").exit_code == 0
    source = Path("assets/helplines.yaml")
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "anyone under 19.", "anyone under 19, by phone or online chat."
        ),
        encoding="utf-8",
    )
    result = run("i18n", "status", "--locale", "es", "--fail-on", "stale")
    assert result.exit_code == 1
    assert "    stale: helplines[gb-test-line].description" in result.output
    assert "new source: Free and private help for anyone under 19, by phone or online chat." in result.output
    built = build(BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("handout",), jobs=1))
    assert any(p.code == "i18n.stale" and "'es'" in p.message for p in built.problems)


def test_po_round_trip_carries_helplines_and_curriculum(project: Path) -> None:
    (ES / "helplines.yaml").write_text(
        "# Revisado por el equipo de Madrid.\n" + ES_HELPLINES, encoding="utf-8"
    )
    assert run("i18n", "export", "--locale", "es", "--format", "po").exit_code == 0
    po = polib.pofile("build/translations/es.po")
    hours = next(e for e in po if e.msgctxt == "helplines:helplines[gb-test-line].hours")
    assert hours.msgid == "24/7" and "help section" in hours.comment
    numbers = [e for e in po if not e.msgctxt.startswith("labels:")]  # labels: the word "Call"
    assert not [e for e in numbers if "phone" in e.msgctxt or "url" in e.msgctxt]
    hours.msgstr = "Las 24 horas"
    next(e for e in po if e.msgctxt == "curriculum:units[1].title").msgstr = "Para adolescentes"
    po.save("edited.po")
    result = run("i18n", "import", "edited.po")
    assert result.exit_code == 0, result.output
    helplines = (ES / "helplines.yaml").read_text(encoding="utf-8")
    assert helplines.startswith("# Revisado por el equipo de Madrid.\n")
    assert "  gb-test-line:\n    name: Línea de Prueba\n" in helplines
    assert "    # 24/7\n    hours: Las 24 horas\n    description: Ayuda gratuita" in helplines
    assert "units:\n  -\n    # For teens\n    title: Para adolescentes\n" in (
        ES / "curriculum.yaml"
    ).read_text(encoding="utf-8")


def test_helplines_curriculum_and_labels_are_not_lesson_ids(project: Path) -> None:
    shutil.copy(Path("lessons/safe-chat.yaml"), Path("lessons/helplines.yaml"))
    shutil.copy(Path("lessons/safe-chat.yaml"), Path("lessons/labels.yml"))
    result = run("check", "lessons")
    assert "lessons/helplines.yaml: warning: 'helplines' is not a lesson id" in result.output
    assert "lessons/labels.yml: warning: 'labels' is not a lesson id" in result.output
    assert run("check", "lessons/helplines.yaml").exit_code == 1


def test_the_shipped_curriculum_is_translated_into_every_shipped_language() -> None:
    from lessonpress.lessons import load_courses
    from lessonpress.project import find_lessons

    from ..conftest import LESSONS

    ids = {f.lesson_id for f in find_lessons((str(LESSONS),))[0]}
    course, problems = load_courses((str(LESSONS),), ids)
    assert course is not None and not [p for p in problems if p.is_error]
    assert {locale for locale, _ in course.translations} >= {"es", "ar", "hi"}
    assert course.for_language("es").title.plain == "Seguros en línea"
    assert course.for_language("es").units[0].lessons == course.source.units[0].lessons
    assert course.for_language("en").title.plain == "Safe online"
