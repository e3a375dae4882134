"""The course file: units, and short routes through the course, each checked against real lessons."""

from __future__ import annotations

import shutil
from pathlib import Path

from lessonpress.lessons import check, load_course

from .conftest import GOOD, LESSONS, SHIPPED


def course_folder(tmp_path: Path, curriculum: str) -> Path:
    folder = tmp_path / "lessons"
    folder.mkdir()
    for name in ("one", "two"):
        shutil.copy(GOOD / "minimal.yaml", folder / f"{name}.yaml")
    (folder / "curriculum.yaml").write_text(curriculum, encoding="utf-8")
    return folder


UNITS = "title: Course\nunits:\n  - title: U\n    lessons: [one, two]\n"


def test_a_route_names_lessons_in_teaching_order(tmp_path: Path) -> None:
    folder = course_folder(
        tmp_path,
        UNITS + "routes:\n  - title: Short\n    description: Two sessions.\n    lessons: [two, one]\n",
    )
    course, problems = load_course((str(folder),), {"one", "two"})
    assert problems == [] and course is not None
    (route,) = course.routes
    assert (route.title.plain, route.lessons, route.description.plain) == (
        "Short",
        ("two", "one"),
        "Two sessions.",
    )


def test_unknown_lesson_in_a_route_is_an_error_at_its_line_with_the_closest_id(tmp_path: Path) -> None:
    folder = course_folder(
        tmp_path, UNITS + "routes:\n  - title: Short\n    lessons:\n      - one\n      - twoo\n"
    )
    count, problems = check((str(folder),))
    (problem,) = problems
    assert problem.format().startswith(
        f"{folder}/curriculum.yaml:9:9: error: no lesson with id 'twoo' [course.unknown-lesson]"
    )
    assert problem.hint == "did you mean 'two'?"


def test_a_route_may_not_name_a_lesson_twice_but_may_reuse_a_units_lessons(tmp_path: Path) -> None:
    folder = course_folder(tmp_path, UNITS + "routes:\n  - title: Short\n    lessons: [one, two, one]\n")
    course, problems = load_course((str(folder),), {"one", "two"})
    assert course is None
    assert [p.code for p in problems] == ["course.duplicate-lesson"]
    assert "'one' is listed twice" in problems[0].message


def test_a_route_needs_a_title_and_lessons(tmp_path: Path) -> None:
    folder = course_folder(tmp_path, UNITS + "routes:\n  - lessons: [one]\n")
    course, problems = load_course((str(folder),), {"one", "two"})
    assert course is None and [p.code for p in problems] == ["schema.missing"]


def test_shipped_curriculum_has_a_two_session_core_route_of_shipped_lessons() -> None:
    course, problems = load_course((str(LESSONS),), {p.stem for p in SHIPPED})
    assert problems == [] and course is not None
    assert course.routes, "the shipped curriculum offers a short route"
    core = course.routes[0]
    assert len(core.lessons) == 2 and "two sessions" in (core.title.plain + core.description.plain)
    assert set(core.lessons) <= set(course.lesson_ids())


def test_shipped_curriculum_says_which_lesson_suits_a_13_year_old() -> None:
    course, _ = load_course((str(LESSONS),), {p.stem for p in SHIPPED})
    by_lesson = {lesson: unit for unit in course.units for lesson in unit.lessons}
    for lesson_id in ("teens-1-what-is-online-exploitation", "preteens-1-safe-online"):
        description = by_lesson[lesson_id].description
        assert description is not None and "13-year-old" in description.plain, lesson_id
