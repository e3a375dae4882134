"""What each tagged format's structure holds: headings, lists, figures, links, artifacts, tables,
the pack's contents and parts, a section per slide; read as poppler reads them, in order."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pikepdf
import pytest

from lessonpress.labels import ENGLISH, labels_for
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.layout.slide_drawing import deck_for
from lessonpress.model import Lesson
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

from ..conftest import I18N_LESSONS, LESSONS, SHIPPED
from .tagged import TEENS_1, as_typed, elements, lessons_of, needs_poppler, pdf, roles, shipped_pack
from .ua_checker import problems, structure_text


@pytest.fixture(scope="module")
def teens1() -> dict[str, Lesson]:
    return lessons_of(TEENS_1)


@pytest.fixture(scope="module")
def handout(teens1: dict[str, Lesson]) -> bytes:
    return pdf(teens1["en"])


@needs_poppler
def test_headings_lists_and_no_page_furniture_in_the_reading_order(handout: bytes) -> None:
    read = structure_text(handout)
    assert read[0] == ("H1", "What is online exploitation?")
    headings = [text for role, text in read if role == "H2"]
    assert headings[:3] == ["What we will learn", "Words to know", "Let’s talk about it"]
    assert ("Lbl", "•") in read and ("Lbl", "1.") in read
    assert not any(text.startswith("Page ") for _, text in read)  # footers are artifacts
    assert "L" in roles(handout) and "LBody" in roles(handout)


def test_footers_are_pagination_artifacts(handout: bytes) -> None:
    with pikepdf.open(io.BytesIO(handout)) as doc:
        stream = doc.pages[0].obj.Contents.read_bytes()
    assert b"/Artifact <</Type /Pagination>> BDC" in stream


def test_qr_codes_are_figures_with_alt_and_links_have_contents(handout: bytes) -> None:
    with elements(handout) as found:
        figures = [e for r, e in found if r == "Figure"]
        alts = [str(f.Alt) for f in figures]
        assert "QR code for takeitdown.ncmec.org" in alts
        assert all("/BBox" in f.A for f in figures)
    with pikepdf.open(io.BytesIO(handout)) as doc:
        links = [a for p in doc.pages for a in p.obj.get("/Annots", []) if a.Subtype == "/Link"]
        assert links and all(str(a.Contents) and "/StructParent" in a for a in links)
        assert "takeitdown.ncmec.org" in {str(a.Contents) for a in links}


def test_write_in_lines_are_artifacts_that_name_their_question(handout: bytes, teens1: dict) -> None:
    first = teens1["en"].discussion_prompts[0].prompt.plain
    with pikepdf.open(io.BytesIO(handout)) as doc:
        found = [
            operands[1]
            for page in doc.pages
            for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "BDC" and str(operands[0]) == "/Artifact" and "/Contents" in operands[1]
        ]
    assert found and str(found[0].Contents) == first


def test_draft_notice_is_read_once_first(tmp_path: Path) -> None:
    spanish = lessons_of(LESSONS / "teens-7-ai-fake-nudes.yaml")["es"]
    assert spanish.translation is not None and spanish.translation.draft
    data = pdf(spanish)
    assert problems(data) == []
    notice = labels_for("es").draft_notice
    kinds = roles(data)
    with pikepdf.open(io.BytesIO(data)) as doc:
        first = doc.Root.StructTreeRoot.K.K[0]
        assert str(first.S) == "/P"
        assert len(doc.pages) > 1
    if shutil.which("pdfinfo"):
        read = structure_text(data)
        assert read[0] == ("P", notice) and [t for _, t in read].count(notice) == 1
    assert kinds[:2] == ["Document", "P"]


def test_bilingual_translation_blocks_carry_their_language() -> None:
    from lessonpress.layout.bilingual import BilingualHandout

    both = lessons_of(I18N_LESSONS / "safe-chat.yaml")
    source, arabic = both["en"], both["ar"]

    def context(lesson: Lesson) -> LayoutContext:
        return LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(lesson.language))

    data = render(BilingualHandout().layout(source, arabic, context(source), context(arabic)))
    assert problems(data) == []
    with elements(data) as found:
        divs = [e for r, e in found if r == "Div"]
        assert divs and all(str(d.Lang) == "ar" for d in divs)


@needs_poppler
def test_the_run_sheet_is_a_table_with_column_headers(teens1: dict[str, Lesson]) -> None:
    for language in ("en", "ar"):
        guide = pdf(teens1[language], "guide")
        assert problems(guide) == []
        with elements(guide) as found:
            table = next(e for r, e in found if r == "Table")
            heads = list(list(table.K)[0].K)
            assert [str(h.S) for h in heads] == ["/TH"] * 3 and all(h.A.Scope == "/Column" for h in heads)
        read = [as_typed(t) for r, t in structure_text(guide) if r in ("TH", "TD")]
        labels = labels_for(language)
        # reading order, also when the table is drawn mirrored (right to left)
        assert read[:4] == [labels.start, labels.segment, labels.minutes_label, "0:00"]


@needs_poppler
def test_a_pack_has_a_contents_with_links_parts_and_sections() -> None:
    """The cover's title is the H1 (read after the kind of pack above it); the contents a TOC
    with a TOCI per unit and a TOC of its lessons, each a Link; each unit a Part opening with
    its divider page (its title, an H2, and a TOC of its lessons), then a Sect per lesson."""
    pack = shipped_pack()
    assert problems(pack) == []
    with elements(pack) as found:
        kinds = [r for r, _ in found]
        assert kinds.count("Sect") == len(SHIPPED)
        parts = [e for r, e in found if r == "Part"]
        assert str(parts[0].T) == "For teens (13–17)"
        assert len(parts) == 4  # teens, pre-teens, parents, educators

        def entries(toc: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
            """The lesson entries (a TOCI holding a Link) anywhere under `toc`."""
            out = []
            for kid in toc.K if isinstance(toc.K, pikepdf.Array) else [toc.K]:
                if isinstance(kid, pikepdf.Dictionary) and str(kid.get("/S")) in ("/TOC", "/TOCI"):
                    links = [k for k in kid.K if str(k.get("/S")) == "/Link"] if str(kid.S) == "/TOCI" else []
                    out += [kid] if links else entries(kid)
            return out

        contents = next(e for r, e in found if r == "TOC")
        assert len(entries(contents)) == len(SHIPPED) + 2  # and the helpline directory and the sources
        for part in parts:
            roles_in = [str(k.S)[1:] for k in part.K if isinstance(k, pikepdf.Dictionary)]
            assert roles_in[0] == "H2" and "TOC" in roles_in and roles_in[-1] == "Sect"
            divider_toc = next(k for k in part.K if str(k.get("/S")) == "/TOC")
            assert len(entries(divider_toc)) == roles_in.count("Sect")
    read = structure_text(pack)
    headings = [(role, text) for role, text in read if role.startswith("H")]
    assert headings[:2] == [("H1", "Safe online"), ("H2", "Contents")]
    assert read[read.index(("H1", "Safe online")) - 1] == ("P", "Course pack")
    assert ("Link", "What is online exploitation?") in read
    assert ("H3", "What is online exploitation?") in read  # a lesson's title under its unit's


def test_notes_and_slides_have_a_section_per_slide_with_its_heading(teens1: dict[str, Lesson]) -> None:
    for fmt in ("slides", "notes", "slides-handout"):
        data = pdf(teens1["en"], fmt)
        assert problems(data) == [], fmt
        slides = len(deck_for(teens1["en"], LayoutContext("a4", DEFAULT_THEME, ENGLISH)))
        with elements(data) as found:
            sects = [e for r, e in found if r == "Sect"]
            assert len(sects) == slides, fmt
            first = [str(k.S) for k in sects[0].K if isinstance(k, pikepdf.Dictionary)]
            assert [k for k in first if k.startswith("/H")][0] == "/H1", fmt  # after its kicker
            assert all(
                any(str(k.S) in ("/H1", "/H2") for k in e.K if isinstance(k, pikepdf.Dictionary))
                for e in sects
            )


def test_notes_headings_sit_under_their_slide(teens1: dict[str, Lesson]) -> None:
    """A notes page reads the slide (its title H1 or H2), then its notes under a heading one
    level deeper: no level is skipped."""
    data = pdf(teens1["en"], "notes")
    assert problems(data) == []
    kinds = [k for k in roles(data) if k in ("H1", "H2", "H3")]
    assert kinds[:2] == ["H1", "H2"] and "H3" in kinds
