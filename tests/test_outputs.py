"""One function decides the outputs: course outputs come from the course, collisions are errors
before anything is written, and the build state is keyed by output path."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from click.testing import CliRunner
from pypdf import PdfReader

from lessonpress.build import BuildSettings, build
from lessonpress.cli import main
from lessonpress.theme import DEFAULT_THEME

from .conftest import GOOD, pdf_text

CURRICULUM = "title: Course\nunits:\n  - title: Unit\n    lessons:\n      - full\n"


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def settings(**kw) -> BuildSettings:  # noqa: ANN003
    base = {"paths": ("lessons",), "out_dir": Path("build"), "jobs": 1, "today": "2026-11-28"}
    return BuildSettings(**{**base, **kw})


def pack_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in PdfReader(path).pages)


def test_a_one_lesson_build_leaves_the_course_pack_alone(project: Path) -> None:
    assert run("build", "--jobs", "1").exit_code == 0
    pack = project / "build" / "en" / "course-pack.pdf"
    before = pack.read_bytes()
    assert "A minimal lesson" in pack_text(pack) and "Staying safe in group chats" in pack_text(pack)
    (project / "lessons" / "full.yaml").write_text(
        (project / "lessons" / "full.yaml").read_text().replace("Staying safe", "Keeping safe")
    )
    result = run("build", "lessons/full.yaml", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "course-pack" not in result.output
    assert pack.read_bytes() == before


def test_the_pack_holds_the_curriculums_lessons_and_names_the_others_once(project: Path) -> None:
    (project / "lessons" / "curriculum.yaml").write_text(CURRICULUM)
    result = build(settings(formats=("handout", "pack")))
    assert result.ok, [p.format() for p in result.problems]
    text = pack_text(project / "build" / "en" / "course-pack.pdf")
    assert "Staying safe in group chats" in text and "A minimal lesson" not in text
    outside = [p for p in result.problems if p.code == "course.not-in-pack"]
    assert [p.format().splitlines()[0] for p in outside] == [
        "lessons/curriculum.yaml: warning: 1 lesson is in no course pack "
        "(not listed in lessons/curriculum.yaml): lessons/minimal.yaml [course.not-in-pack]"
    ]
    assert (project / "build" / "en" / "minimal-handout.pdf").exists()  # its own outputs are built
    again = build(settings(formats=("handout", "pack")))
    assert again.written == () and [p.code for p in again.problems] == ["course.not-in-pack"]


def test_a_pack_asked_for_with_one_file_is_the_whole_course(project: Path) -> None:
    result = build(settings(paths=("lessons/minimal.yaml",), formats=("pack",)))
    assert result.ok and result.written == (Path("build/en/course-pack.pdf"),)
    text = pack_text(project / "build" / "en" / "course-pack.pdf")
    assert "A minimal lesson" in text and "Staying safe in group chats" in text


def test_two_sources_with_one_output_are_an_error_naming_both(project: Path) -> None:
    lessons = project / "lessons"
    shutil.copy(lessons / "minimal.yaml", lessons / "minimal.yml")
    shutil.copy(GOOD / "minimal.yaml", lessons / "my lesson.yaml")
    shutil.copy(GOOD / "full.yaml", lessons / "my-lesson.yaml")
    result = build(settings(formats=("handout",)))
    errors = sorted(p.format().splitlines()[0] for p in result.problems if p.is_error)
    assert errors == [
        "lessons/minimal.yml: error: lessons/minimal.yaml and lessons/minimal.yml would both be written "
        "to build/en/minimal-handout.pdf, so neither is built [build.collision]",
        "lessons/my-lesson.yaml: error: lessons/my lesson.yaml and lessons/my-lesson.yaml would both be "
        "written to build/en/my-lesson-handout.pdf, so neither is built [build.collision]",
    ]
    assert [p.name for p in result.written] == ["full-handout.pdf"]
    assert sorted(p.name for p in (project / "build" / "en").iterdir()) == ["full-handout.pdf"]


def test_a_translation_in_the_lessons_own_language_is_refused(project: Path) -> None:
    folder = project / "lessons" / "translations" / "en"
    folder.mkdir(parents=True)
    (folder / "minimal.yaml").write_text("translation:\n  status: draft\ntitle: Overwritten\n")
    result = build(settings(formats=("handout",)))
    (problem,) = [p for p in result.problems if p.is_error]
    assert problem.code == "i18n.same-language" and problem.path == "lessons/translations/en/minimal.yaml"
    text = pdf_text((project / "build" / "en" / "minimal-handout.pdf").read_bytes())
    assert "A minimal lesson" in text and "Overwritten" not in text and "Draft" not in text


def test_presets_and_pack_of_are_outputs_of_their_own(project: Path) -> None:
    large = dataclasses.replace(DEFAULT_THEME, presets=("large-print",))
    plain = settings(formats=("handout", "pack"))
    assert len(build(plain).written) == 3
    assert len(build(dataclasses.replace(plain, theme=large)).written) == 3
    assert len(build(dataclasses.replace(plain, pack_of="guide")).written) == 1
    assert build(plain).written == ()
    assert build(dataclasses.replace(plain, theme=large)).written == ()
    assert build(dataclasses.replace(plain, pack_of="guide")).written == ()


def test_every_setting_that_changes_the_bytes_is_in_the_key() -> None:
    base = BuildSettings()
    for field, value in [
        ("paper", "letter"),
        ("region", "GB"),
        ("today", "2030-01-01"),
        ("pack_of", "guide"),
    ]:
        changed = dataclasses.replace(base, **{field: value})
        assert changed.output_key("pack") != base.output_key("pack"), field
    assert BuildSettings(per_page=6).output_key("handout") == base.output_key("handout")
    assert BuildSettings(per_page=6).output_key("slides-handout") != base.output_key("slides-handout")
    assert BuildSettings(jobs=4, force=True).output_key("handout") == base.output_key("handout")


def test_i18n_init_refuses_the_lessons_own_language(project: Path) -> None:
    result = run("i18n", "init", "--locale", "en")
    assert result.exit_code == 1
    assert "lessons/minimal.yaml: error: this lesson is written in 'en' already" in result.output
    assert not (project / "lessons" / "translations").exists()
    assert run("build", "--format", "handout", "--jobs", "1").exit_code == 0
    assert "Draft" not in pdf_text((project / "build" / "en" / "minimal-handout.pdf").read_bytes())


def test_one_lesson_of_a_course_builds_and_checks_without_course_errors(project: Path) -> None:
    (project / "lessons" / "curriculum.yaml").write_text(
        CURRICULUM.replace("- full\n", "- full\n      - minimal\n")
    )
    for command in ("build", "check"):
        result = run(command, "lessons/full.yaml")
        assert result.exit_code == 0 and "error:" not in result.output, result.output
