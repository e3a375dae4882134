"""The course pack: cover, contents with the real page numbers, every lesson, bookmarks."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pdfplumber
import pytest
from pypdf import PdfReader, PdfWriter

from lessonpress.build import BuildSettings, build

from ..conftest import GOOD, LESSONS, SHIPPED, load, squash


@pytest.fixture(scope="module")
def shipped_pack(tmp_path_factory: pytest.TempPathFactory) -> PdfReader:
    out = tmp_path_factory.mktemp("pack")
    result = build(
        BuildSettings(paths=(str(LESSONS),), out_dir=out, formats=("pack",), jobs=1, today="2026-01-02")
    )
    assert result.ok, [p.format() for p in result.problems]
    return PdfReader(out / "en" / "course-pack.pdf")


def page_texts(reader: PdfReader) -> list[str]:
    return [squash(page.extract_text() or "") for page in reader.pages]


def contents_lines(reader: PdfReader) -> list[str]:
    """Lines of the contents page as laid out (title and page number on one line)."""
    buffer = io.BytesIO()
    writer = PdfWriter()
    writer.add_page(reader.pages[1])
    writer.write(buffer)
    with pdfplumber.open(buffer) as pdf:
        lines: dict[int, list[dict]] = {}
        for word in pdf.pages[0].extract_words(use_text_flow=False):
            lines.setdefault(round(word["bottom"]), []).append(word)
    return [" ".join(w["text"] for w in sorted(ws, key=lambda w: w["x0"])) for _, ws in sorted(lines.items())]


def test_contents_numbers_are_the_real_page_numbers(shipped_pack: PdfReader) -> None:
    texts = page_texts(shipped_pack)
    lines = [
        ln for ln in contents_lines(shipped_pack) if re.search(r"\D \d+$", ln) and not ln.startswith("Page")
    ]
    assert len(lines) == len(SHIPPED) + 2  # and the helpline directory and sources
    assert lines[-2].startswith("Get help") and lines[-1].startswith("Sources")
    for line in lines:
        title, number = re.match(r"(.*?)\s*(\d+)$", line).groups()
        page = int(number)
        assert texts[page - 1].startswith(squash(title)) or squash(title) in texts[page - 1][:200], (
            f"{title!r} is not on page {page}"
        )
        assert f"Page{page}of" in texts[page - 1]


def test_lessons_follow_the_curriculum_order(shipped_pack: PdfReader) -> None:
    contents = shipped_pack.pages[1].extract_text() or ""
    for unit in ("For teens (13–17)", "For parents and carers", "For educators"):
        assert unit in contents
    first = [
        load(LESSONS / f"{i}.yaml").title.plain
        for i in ("teens-1-what-is-online-exploitation", "teens-2-grooming")
    ]
    assert contents.index(first[0]) < contents.index(first[1])


def test_every_bookmark_lands_on_its_lesson(shipped_pack: PdfReader) -> None:
    texts = page_texts(shipped_pack)

    def walk(items, out):  # noqa: ANN001, ANN202
        for item in items:
            if isinstance(item, list):
                walk(item, out)
            else:
                out.append(item)
        return out

    entries = walk(shipped_pack.outline, [])
    titles = {load(p).title.plain for p in SHIPPED}
    lesson_marks = [e for e in entries if e.title in titles]
    assert len(lesson_marks) == len(SHIPPED)
    for entry in lesson_marks:
        page = shipped_pack.get_destination_page_number(entry)
        assert squash(entry.title) in texts[page], entry.title
    assert any(e.title == "For educators" for e in entries)


def test_cover_has_course_title_version_and_date(shipped_pack: PdfReader) -> None:
    cover = shipped_pack.pages[0].extract_text()
    assert "Safe online" in cover and "Course pack" in cover
    assert "Version 1.0" in cover and "January 2, 2026" in cover


def test_contents_entries_link_to_their_pages(shipped_pack: PdfReader) -> None:
    annots = shipped_pack.pages[1].get("/Annots") or []
    assert len(annots) == len(SHIPPED) + 2


def test_without_curriculum_lessons_are_ordered_by_file_name(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(GOOD / "minimal.yaml", folder / "b-second.yaml")
    shutil.copy(GOOD / "full.yaml", folder / "a-first.yaml")
    result = build(BuildSettings(paths=(str(folder),), out_dir=tmp_path / "out", formats=("pack",), jobs=1))
    reader = PdfReader(tmp_path / "out" / "en" / "course-pack.pdf")
    contents = reader.pages[1].extract_text()
    assert result.ok
    assert contents.index("Staying safe in group chats") < contents.index("A minimal lesson")


def test_unknown_lesson_in_curriculum_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(GOOD / "minimal.yaml", folder / "one.yaml")
    (folder / "curriculum.yaml").write_text(
        "title: Course\nunits:\n  - title: U\n    lessons:\n      - one\n      - onee\n"
    )
    result = build(BuildSettings(paths=(str(folder),), out_dir=tmp_path / "out", formats=("pack",), jobs=1))
    assert not result.ok
    (problem,) = result.problems
    assert problem.format().startswith(
        f"{folder}/curriculum.yaml:6:9: error: no lesson with id 'onee' [course.unknown-lesson]"
    )
    assert problem.hint == "did you mean 'one'?"


def test_facilitator_binder_is_a_pack_of_guides(tmp_path: Path) -> None:
    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(GOOD / "full.yaml", folder)
    out = tmp_path / "out"
    result = build(
        BuildSettings(
            paths=(str(folder / "full.yaml"),), out_dir=out, formats=("pack",), jobs=1, pack_of="guide"
        )
    )
    assert result.written == (out / "en" / "course-pack-guides.pdf",)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(result.written[0].read_bytes())).pages)
    assert "Facilitator binder" in text and "FACILITATOR-NOTE-ALPHA" in text
