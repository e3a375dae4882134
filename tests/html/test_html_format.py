"""The HTML handout and guide: semantic, self-contained, escaped, in the lesson's language."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from lessonpress.build import BuildSettings, build
from lessonpress.html.handout import HANDOUT_PARTS
from lessonpress.html.timing import clock, run_sheet
from lessonpress.labels import ENGLISH, labels_for
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.project import LessonFile

from ..conftest import GOOD, ROOT, SHIPPED, load, load_text
from .pages import render, tree

FORMATS = ("html", "guide-html")


@pytest.fixture(scope="module")
def full():  # noqa: ANN201
    return load(GOOD / "full.yaml")


def headings(page) -> list[int]:  # noqa: ANN001
    return [int(n.tag[1]) for n in page.iter() if re.fullmatch(r"h[1-6]", n.tag)]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_one_h1_and_headings_never_skip_a_level(path: Path, fmt: str) -> None:
    levels = headings(tree(render(load(path), fmt)))
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_the_handout_is_lists_a_word_list_write_in_boxes_and_a_checklist(full) -> None:  # noqa: ANN001
    page = tree(render(full))
    html = page.text()
    assert [li.text() for li in next(page.iter("ul")).iter("li")][0] == (
        "Explain who can see a message in a group chat"
    )
    dl = next(page.iter("dl"))
    assert [n.text() for n in dl.iter("dt")] == ["Screenshot", "Block"]
    labels = {n.attrs["for"]: n.text() for n in page.iter("label")}
    boxes = list(page.iter("textarea"))
    assert len(boxes) == 3 and all(labels[b.attrs["id"]] for b in boxes)
    assert labels["prompt-1"] == "Who can see a photo you post in a group chat of thirty people?"
    ticks = [n for n in page.iter("input") if n.attrs.get("type") == "checkbox"]
    assert [labels[t.attrs["id"]] for t in ticks] == [
        "Someone you have never met asks to move to a private chat.",
        "You are asked to keep the chat a secret.",
    ]
    assert "It is never your fault if someone misuses what you shared." in html


def test_help_entries_are_phone_and_web_links(full) -> None:  # noqa: ANN001
    links = {a.attrs["href"]: a.text() for a in tree(render(full)).iter("a")}
    assert links["tel:0800000000"] == "0800 000 000"
    assert links["https://example.org/help"] == "example.org/help"


def test_shipped_helplines_are_tel_links_in_every_region() -> None:
    lesson = load(ROOT / "lessons" / "teens-3-sextortion.yaml")
    for region in ("US", "GB", "CA", "AU", "IN"):
        hrefs = [a.attrs["href"] for a in tree(render(lesson, region=region)).iter("a")]
        assert any(h.startswith("tel:") for h in hrefs), region


def test_lesson_text_is_text_never_markup(tmp_path: Path) -> None:
    lesson, problems = load_text(
        tmp_path,
        (
            'title: "<script>alert(1)</script> & <b>bold</b>"\n'
            "objectives: ['Say \"hi\" <img src=x onerror=alert(1)>']\n"
            "discussion_prompts: ['A [link](https://example.org/?a=1&b=%3Cx%3E) here']\n"
            "key_takeaways: ['`<code>`']\n"
        ),
    )
    assert lesson is not None, problems
    html = render(lesson)
    assert "<script" not in html and "<img src=x" not in html and "<b>bold" not in html
    page = tree(html)
    assert next(page.iter("h1")).text() == "<script>alert(1)</script> & <b>bold</b>"
    assert [a.attrs["href"] for a in page.iter("a")] == ["https://example.org/?a=1&b=%3Cx%3E"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_pages_need_no_script_and_no_network(full, fmt: str) -> None:  # noqa: ANN001
    html = render(full, fmt)
    page = tree(html)
    assert not list(page.iter("script")) and not list(page.iter("link"))
    for node in page.iter():
        for name, value in node.attrs.items():
            if name == "src":
                assert value.startswith("data:"), value
            assert not name.startswith("on"), name
    css = next(page.iter("style")).text()
    assert re.findall(r"url\((?!data:)", css) == []
    policy = next(n for n in page.iter("meta") if n.attrs.get("http-equiv"))
    assert "default-src 'none'" in policy.attrs["content"]


def test_the_page_is_in_the_lessons_language_and_direction() -> None:
    path = ROOT / "lessons" / "teens-3-sextortion.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
    pages = {lesson.language: tree(render(lesson)) for lesson in checked.lessons}
    assert next(pages["ar"].iter("html")).attrs == {"lang": "ar", "dir": "rtl"}
    assert next(pages["hi"].iter("html")).attrs == {"lang": "hi", "dir": "ltr"}
    assert next(pages["en"].iter("html")).attrs == {"lang": "en", "dir": "ltr"}


def test_a_draft_translation_says_so_in_a_landmark() -> None:
    path = ROOT / "lessons" / "teens-3-sextortion.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
    es = next(lesson for lesson in checked.lessons if lesson.language == "es")
    asides = list(tree(render(es)).iter("aside"))
    assert [a.text() for a in asides] == [labels_for("es").draft_notice] != [ENGLISH.draft_notice]
    assert asides[0].attrs["aria-label"] == asides[0].text()
    assert not list(tree(render(checked.lessons[0])).iter("aside"))


def test_text_that_fell_back_to_the_source_carries_the_source_language(i18n_project: Path) -> None:
    result = build(BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("html",), jobs=1))
    assert result.ok, [p.format() for p in result.problems]
    pages = {p.parent.name: tree(p.read_text(encoding="utf-8")) for p in result.written}
    fallbacks = {lang: [n for n in page.iter("span") if n.attrs.get("lang")] for lang, page in pages.items()}
    assert not fallbacks["en"]
    partial = [lang for lang, spans in fallbacks.items() if spans]
    assert partial, "some translation of the fixture leaves a text to the source"
    for lang in partial:
        assert all(s.attrs["lang"] == "en" and s.attrs["dir"] == "ltr" for s in fallbacks[lang])


def test_the_run_sheet_is_a_table_with_header_cells(full) -> None:  # noqa: ANN001
    table = next(tree(render(full, "guide-html")).iter("table"))
    assert [th.attrs["scope"] for th in next(table.iter("thead")).iter("th")] == ["col"] * 3
    rows = [[c.text() for c in tr.children if not isinstance(c, str)] for tr in table.iter("tr")]
    assert rows == [
        ["Start", "Segment", "Minutes"],
        ["0:00", "Chat check", "10"],
        ["0:10", "Discussion · Wrap-up and key takeaways", "35"],
        ["0:45", "Total", "45"],
    ]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_the_run_sheet_has_the_pdf_guides_rows(path: Path) -> None:
    from lessonpress.layout.guide import run_sheet_rows

    lesson = load(path)
    sheet = run_sheet(lesson, ENGLISH)
    ours = [(clock(r.start), r.segment.plain, str(r.minutes) if r.minutes else "–") for r in sheet.rows]
    theirs = [(s, m.replace("&amp;", "&"), n) for s, m, n in run_sheet_rows(lesson, ENGLISH)]
    assert ours + [(clock(sheet.total), "<b>Total</b>", str(sheet.total))] == theirs


def test_the_handout_page_has_the_pdf_handouts_sections_in_order() -> None:
    from lessonpress.layout.handout import HANDOUT_PARTS as PDF_PARTS

    assert HANDOUT_PARTS == PDF_PARTS


def test_the_html_package_never_imports_reportlab() -> None:
    code = (
        "import sys, lessonpress.html.handout, lessonpress.html.guide, lessonpress.html.catalog;"
        "from lessonpress.jobs import render_job;"
        "assert not [m for m in sys.modules if m.startswith('reportlab')], 'reportlab imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)


def test_the_same_lesson_gives_the_same_bytes(full) -> None:  # noqa: ANN001
    assert render(full) == render(full)
    assert render(full, "guide-html") == render(full, "guide-html")


def test_html_outputs_are_built_beside_the_pdfs(project: Path) -> None:
    result = build(
        BuildSettings(
            paths=("lessons",), out_dir=Path("out"), formats=("handout", "html", "guide-html"), jobs=1
        )
    )
    assert result.ok
    assert sorted(p.name for p in result.written) == [
        "full-guide-html.html",
        "full-handout.pdf",
        "full-html.html",
        "minimal-guide-html.html",
        "minimal-handout.pdf",
        "minimal-html.html",
    ]
    again = build(BuildSettings(paths=("lessons",), out_dir=Path("out"), formats=("html",), jobs=1))
    assert again.written == () and len(again.up_to_date) == 2


def test_facilitator_text_is_in_the_guide_page_only(full) -> None:  # noqa: ANN001
    hidden = [t.plain for t in full.facilitator_texts()]
    guide, handout = render(full, "guide-html"), render(full)
    assert all(t in guide for t in hidden)
    assert not [t for t in hidden if t in handout]


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bilingual")
    pages = {}
    for language in ("es", "ar"):
        result = build(
            BuildSettings(
                paths=(str(ROOT / "lessons" / "teens-3-sextortion.yaml"),),
                out_dir=out,
                formats=("html",),
                bilingual=language,
                locales=(language,),
                jobs=1,
            )
        )
        assert result.ok, [p.format() for p in result.problems]
        pages[language] = out / language / "teens-3-sextortion-html-bilingual.html"
    return pages


@pytest.mark.parametrize("language", ["es", "ar"])
def test_a_bilingual_page_gives_each_section_in_both_languages(bilingual, language: str) -> None:  # noqa: ANN001
    page = tree(bilingual[language].read_text(encoding="utf-8"))
    assert next(page.iter("html")).attrs == {"lang": "en", "dir": "ltr"}
    blocks = [n for n in page.iter("div") if "lang-block" in n.attrs.get("class", "")]
    rtl = "rtl" if language == "ar" else "ltr"
    assert [(b.attrs["lang"], b.attrs["dir"]) for b in blocks[:4]] == [
        ("en", "ltr"),
        (language, rtl),
        ("en", "ltr"),
        (language, rtl),
    ]
    levels = headings(page)
    assert levels.count(1) == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False))
    ids = [n.attrs["id"] for n in page.iter() if "id" in n.attrs]
    assert len(ids) == len(set(ids))
    labels = {n.attrs["for"] for n in page.iter("label")}
    assert all(t.attrs["id"] in labels for t in page.iter("textarea"))
    assert [a.text() for a in page.iter("aside")] == [ENGLISH.draft_notice]


def test_a_bilingual_page_has_no_facilitator_text(bilingual) -> None:  # noqa: ANN001
    path = ROOT / "lessons" / "teens-3-sextortion.yaml"
    checked = check_lesson_and_translations(LessonFile(path, str(path), path.stem))
    html = bilingual["es"].read_text(encoding="utf-8")
    for lesson in checked.lessons:
        if lesson.language in ("en", "es"):
            assert lesson.objectives[0].plain in html
            assert not [t.plain for t in lesson.facilitator_texts() if t.plain in html]
