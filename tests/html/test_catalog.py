"""The build's catalog: every output listed by language and lesson, with thumbnails, page counts
and sizes, kept when a build makes only some outputs, rewritten only when something changed."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from lessonpress.build import BuildSettings, build

from .pages import tree

FORMATS = ("handout", "guide", "html", "pack")


def settings(**changes) -> BuildSettings:  # noqa: ANN003
    base = {
        "paths": ("lessons",),
        "out_dir": Path("out"),
        "formats": FORMATS,
        "jobs": 1,
        "today": "2026-11-28",
    }
    return BuildSettings(**(base | changes))


def listed(out: Path) -> dict[str, object]:
    page = tree((out / "index.html").read_text(encoding="utf-8"))
    return {a.attrs["href"]: a for a in page.iter("a") if not a.attrs["href"].startswith("#")}


@pytest.fixture
def built(i18n_project: Path) -> Path:  # noqa: ARG001
    result = build(settings())
    assert result.ok, [p.format() for p in result.problems]
    return Path("out")


def test_the_catalog_lists_every_output_with_a_link_that_works(built: Path) -> None:
    files = sorted(
        p.relative_to(built).as_posix()
        for p in built.rglob("*")
        if p.is_file() and ".lessonpress" not in p.parts and p.name != "index.html"
    )
    links = listed(built)
    assert sorted(links) == files and len(files) > 10


def test_each_pdf_has_its_first_page_thumbnail_and_page_count(built: Path) -> None:
    page = tree((built / "index.html").read_text(encoding="utf-8"))
    items = [li for li in page.iter("li") if any(True for _ in li.iter("img"))]
    assert items
    for li in items:
        href = next(li.iter("a")).attrs["href"]
        thumb = built / next(li.iter("img")).attrs["src"]
        assert thumb.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        pages = len(pdfium.PdfDocument(built / href))
        assert f"{pages} page" in li.text(), (href, li.text())


def test_the_language_filter_is_a_list_of_links_to_one_section_per_language(built: Path) -> None:
    page = tree((built / "index.html").read_text(encoding="utf-8"))
    nav = next(page.iter("nav"))
    targets = [a.attrs["href"] for a in nav.iter("a")]
    sections = {s.attrs["id"] for s in page.iter("section")}
    assert targets[0] == "#all" and {t[1:] for t in targets[1:]} == sections
    assert {"lang-en", "lang-ar"} <= sections


def test_draft_translations_are_marked(built: Path) -> None:
    page = tree((built / "index.html").read_text(encoding="utf-8"))
    sections = {s.attrs["id"]: s.text() for s in page.iter("section")}
    assert "draft" not in sections["lang-en"]
    assert any("draft" in text for lang, text in sections.items() if lang != "lang-en")


def test_a_one_lesson_build_keeps_the_others_listed(built: Path) -> None:
    before = listed(built)
    lesson = next(Path("lessons").glob("*.yaml"))
    result = build(settings(paths=(str(lesson),), formats=("handout",), force=True))
    assert result.written
    assert listed(built).keys() == before.keys()


def test_a_build_that_writes_nothing_leaves_the_catalog_alone(built: Path) -> None:
    catalog = built / "index.html"
    stamp = catalog.stat().st_mtime_ns
    assert build(settings()).written == ()
    assert catalog.stat().st_mtime_ns == stamp


def test_a_deleted_output_leaves_the_catalog_and_its_thumbnail(built: Path) -> None:
    victim = next(built.glob("en/*-handout.pdf"))
    thumbs = set((built / ".lessonpress" / "thumbs").iterdir())
    victim.unlink()
    assert build(settings()).written == (victim,)  # rebuilt: same bytes, same thumbnail
    victim.unlink()
    build(settings(formats=("guide",), force=True))
    assert victim.relative_to(built).as_posix() not in listed(built)
    assert len(set((built / ".lessonpress" / "thumbs").iterdir())) < len(thumbs)


def test_a_rebuilt_file_is_measured_again(built: Path) -> None:
    import json

    lesson = Path("lessons") / "safe-chat.yaml"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("objectives:", "objectives:\n  - One more objective to say.", 1))
    assert build(settings()).written
    listed_facts = json.loads((built / ".lessonpress" / "catalog.json").read_text(encoding="utf-8"))
    for name in ("en/safe-chat-handout.pdf", "en/safe-chat-html.html"):
        assert listed_facts[name]["size"] == (built / name).stat().st_size, name


def test_thumbnails_are_made_by_the_jobs_not_after_them(
    i18n_project: Path,  # noqa: ARG001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The catalog, written once every job is done, finds every thumbnail already made (a
    serial tail of one render and two fsyncs per PDF otherwise)."""
    import lessonpress.html.catalog as catalog

    made_by_catalog: list[int] = []
    real = catalog.update_catalog

    def update(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        monkeypatch.setattr(catalog, "_render_thumbnail", lambda *a: made_by_catalog.append(1))
        return real(*args, **kwargs)

    monkeypatch.setattr(catalog, "update_catalog", update)
    result = build(settings(formats=("handout", "guide")))
    assert result.ok and result.written
    assert made_by_catalog == []
    thumbs = list((Path("out") / ".lessonpress" / "thumbs").glob("*.png"))
    assert len(thumbs) == len(result.written)
