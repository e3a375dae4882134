"""Complex scripts as a reader sees them: word order, shaping, line breaks, baselines, copying.

Word order is checked objectively, never by eye (I18N.md §1): by the order ReportLab draws
strings in (`drawn_strings`, left to right on a line) and by where coloured words land in a
rendered image. Each workaround is also shown failing without it, so the tests can fail.
"""

from __future__ import annotations

import ctypes
import io
import unicodedata

import pytest
import uharfbuzz
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Paragraph

from lessonpress.layout import complex_scripts
from lessonpress.layout.fonts import register_family
from lessonpress.layout.text import escape, paragraph
from lessonpress.lessons import check_lesson_and_translations
from lessonpress.project import LessonFile
from lessonpress.scripts import script_for

from ..conftest import FIXTURES, I18N_LESSONS, load
from ..tools import have
from .complex_text import (
    colour_columns,
    drawn_strings,
    logical,
    needs_poppler,
    pdf_of,
    pdftotext,
    similarity,
    spy_on_shaping,
    styles,
)

PAGE_COUNT = "1"  # the page-count forms every test PDF also draws


def words_drawn(text: str, language: str = "ar", width: float = 400) -> list[str]:
    with drawn_strings() as seen:
        pdf_of([paragraph(escape(text), styles(language).body)], language, width)
    return [s for s in seen if s != PAGE_COUNT]


# -- right to left ------------------------------------------------------------------------------


def test_arabic_words_are_drawn_right_to_left() -> None:
    drawn = words_drawn("كلمة مرور قوية جدا")
    assert [logical(w) for w in drawn] == ["جدا", "قوية", "مرور", "كلمة"]


def test_without_rtl_paragraph_the_words_run_left_to_right() -> None:
    with drawn_strings() as seen:
        pdf_of([Paragraph("كلمة مرور قوية جدا", styles("ar").body)], "ar")
    assert logical(seen[0]) == "جدا قوية مرور كلمة"  # one run, first word at the left


def test_english_and_numbers_inside_arabic_keep_reading_order() -> None:
    drawn = words_drawn("احفظ ملفاتك في Google Drive منذ 2024 ثم ١٥ صورة.")
    arabic = [any(unicodedata.bidirectional(c) == "AL" for c in w) for w in drawn]
    assert [logical(w) if a else w for w, a in zip(drawn, arabic, strict=True)] == [
        "صورة.",
        "١٥",
        "ثم",
        "2024",
        "منذ",
        "Google\u00a0Drive",
        "في",
        "ملفاتك",
        "احفظ",
    ]


def test_coloured_words_land_right_to_left_with_english_in_order() -> None:
    markup = (
        '<font color="#00aa00">كلمة</font> مرور <font color="#ff0000">Google</font> '
        '<font color="#0000ff">Drive</font>'
    )
    x = colour_columns(pdf_of([paragraph(markup, styles("ar").body)], "ar"))
    assert x["red"] < x["blue"] < x["green"]  # Google Drive, left of the first word
    stock = colour_columns(pdf_of([Paragraph(markup, styles("ar").body)], "ar"))
    assert stock["blue"] < stock["red"]  # ReportLab alone: "Drive Google"


def test_a_long_english_sentence_in_arabic_wraps_in_reading_order() -> None:
    text = "الموقع: For adults 18 and over whose intimate images are shared or threatened"
    p = paragraph(escape(text), styles("ar").body)
    p.wrap(150, 1000)
    assert len(p.blPara.lines) > 2  # it wraps: not glued into one word
    with drawn_strings() as seen:
        pdf_of([paragraph(escape(text), styles("ar").body)], "ar", width=150)
    english = [w for w in seen if w.isascii() and w != PAGE_COUNT]
    assert " ".join(english).split() == text.split()[1:]


def test_arabic_indic_digits_are_drawn_in_order() -> None:
    assert "١٥" in words_drawn("ثم ١٥ صورة")


def test_without_patch_2_arabic_indic_digits_are_reversed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ttfonts, "uharfbuzz", complex_scripts.UNPATCHED[complex_scripts.DIGIT_DIRECTION])
    assert "٥١" in words_drawn("ثم ١٥ صورة")


def test_numbered_items_show_their_dot_on_the_left_in_rtl() -> None:
    with drawn_strings() as seen:
        pdf_of([paragraph("سؤال", styles("ar").numbered, bullet="3.")], "ar")
    assert ".3" in seen


def test_patches_are_applied_once_and_named() -> None:
    assert set(complex_scripts.PATCHES) == set(complex_scripts.UNPATCHED)
    assert PDFTextObject.setRise is complex_scripts._set_rise
    complex_scripts.apply_patches()
    assert PDFTextObject.setRise is complex_scripts._set_rise


# -- patch 1: setRise ---------------------------------------------------------------------------


def test_set_rise_on_an_empty_operator_list() -> None:
    original = complex_scripts.UNPATCHED[complex_scripts.SET_RISE]
    text = PDFTextObject.__new__(PDFTextObject)
    text._code, text._rise, text._y = [], 0, 100
    with pytest.raises(IndexError):
        original(text, 2)
    complex_scripts._set_rise(text, 2)
    assert text._code == ["2 Ts"] and text._y == 98


def _baselines(data: bytes, low: str, high: str) -> set[float]:
    import pypdfium2
    import pypdfium2.raw as raw

    page = pypdfium2.PdfDocument(data)[0].get_textpage()
    out = set()
    previous = ""
    for i in range(page.count_chars()):
        x, y = ctypes.c_double(), ctypes.c_double()
        raw.FPDFText_GetCharOrigin(page, i, x, y)
        char = chr(raw.FPDFText_GetUnicode(page, i))
        # A consonant after a coeng is a subscript: it sits lower by design.
        if low <= char <= high and previous != "\u17d2":
            out.add(round(y.value, 1))
        previous = char
    return out


def test_khmer_letters_after_subscripts_stay_on_the_baseline(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "អ្វីដែលអ្នកចែករំលែកនៅក្នុងការជជែក"  # one line, many subscripts
    consonants = ("\u1780", "\u17a2")
    # untagged: where each glyph sits, not the ActualText a viewer would read instead
    line = pdf_of([paragraph(text, styles("km").body)], "km", width=400, tagged=False)
    assert len(_baselines(line, *consonants)) == 1
    monkeypatch.setattr(PDFTextObject, "setRise", complex_scripts.UNPATCHED[complex_scripts.SET_RISE])
    drifting = pdf_of([paragraph(text, styles("km").body)], "km", width=400, tagged=False)
    assert len(_baselines(drifting, *consonants)) > 1


# -- shaping ------------------------------------------------------------------------------------


def _harfbuzz_glyphs(word: str, face: str) -> int:
    font = pdfmetrics.getFont(face)
    buffer = uharfbuzz.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    uharfbuzz.shape(uharfbuzz.Font(uharfbuzz.Face(font.face._ttf_data)), buffer, {})
    return len(buffer.glyph_infos)


@pytest.mark.parametrize("word", ["क्षमा", "श्रद्धा", "कार्य", "सुरक्षित", "हिन्दी"])
def test_devanagari_conjuncts_are_shaped(word: str) -> None:
    register_family("Hind")
    (drawn,) = words_drawn(word, "hi")
    assert "\u094d" not in drawn  # no visible virama: conjuncts formed
    assert len(drawn) == _harfbuzz_glyphs(word, "Hind") < len(word)
    with drawn_strings() as seen:
        pdf_of([Paragraph(word, styles("en").body.clone("x", fontName="Hind"))], "en")
    assert "\u094d" in seen[0]  # unshaped, as ReportLab draws by default


def test_latin_text_is_never_shaped() -> None:
    assert styles("en").body.shaping == 0 and styles("uk").body.shaping == 0
    assert all(styles(lang).body.shaping == 1 for lang in ("ar", "he", "hi", "th", "km"))


def test_bold_and_regular_faces_share_glyph_order() -> None:
    """ReportLab shapes a word that changes style with its first style's font: safe only when
    both faces number their glyphs alike."""
    from fontTools.ttLib import TTFont

    for language in ("ar", "he", "hi", "th", "km", "vi"):
        family = register_family(script_for(language).families[0])
        orders = [TTFont(path).getGlyphOrder() for path in (family.regular, family.bold)]
        assert orders[0] == orders[1], family.name


# -- words without spaces -----------------------------------------------------------------------

THAI = (
    "ทุกอย่างที่คุณแชร์ในแชทสามารถถูกบันทึกและส่งต่อได้ ถ้ามีอะไรผิดพลาด "
    "นั่นไม่ใช่ความผิดของคุณเลย และมีคนพร้อมช่วยเหลือเสมอ เป็นเพื่อนที่ดี"
)
KHMER = (
    "អ្វីដែលអ្នកចែករំលែកនៅក្នុងការជជែកអាចត្រូវបានរក្សាទុកនិងបញ្ជូនបន្ត។ ប្រសិនបើមានអ្វីខុស វាមិនមែនជាកំហុសរបស់អ្នកទេ ហើយមានជំនួយជានិច្ច។"
)


def _icu_boundaries(text: str, locale: str) -> set[int]:
    from icu4py.breakers import LineBreaker

    ends, at = set(), 0
    for piece in LineBreaker(text, locale):
        at += len(piece)
        ends.add(at)
        ends.add(at - (len(piece) - len(piece.rstrip(" "))))
    return ends


@pytest.mark.parametrize(("language", "text"), [("th", THAI), ("km", KHMER)])
def test_lines_break_only_between_words(language: str, text: str) -> None:
    p = paragraph(text, styles(language).body)
    pieces = [w[1][1] for w in p.frags]  # the segmented words, before shaping
    p.wrap(110, 1000)
    lines = p.blPara.lines
    assert len(lines) > 3 and p._splitLongWordCount == 0 and len(p.frags) == len(pieces)
    ends, at = _icu_boundaries(text, script_for(language).segmentation), 0
    starts = [line.sFW for line in lines[1:]]
    for i, piece in enumerate(pieces):
        at = text.index(piece, at) + len(piece)
        if i + 1 in starts:
            assert at in ends, f"line ends inside a word: {text[:at][-8:]}|{text[at:][:8]}"
    stock = Paragraph(text, styles(language).body)
    stock.wrap(110, 1000)
    assert stock._splitLongWordCount > 0  # ReportLab alone cuts words


@pytest.mark.parametrize(("language", "text"), [("th", THAI), ("km", KHMER)])
def test_no_tofu_or_dotted_circle_in_narrow_lines(
    language: str, text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    shaped = spy_on_shaping(monkeypatch)
    face = pdfmetrics.getFont(styles(language).body.fontName)
    hb_font = uharfbuzz.Font(uharfbuzz.Face(face.face._ttf_data))
    dotted_circle = hb_font.get_nominal_glyph(0x25CC)
    data = pdf_of([paragraph(text, styles(language).body)], language, width=110)
    assert shaped and 0 not in shaped and dotted_circle not in shaped
    if pdftotext_available():
        assert "\u25cc" not in pdftotext(data)


def pdftotext_available() -> bool:
    return have("pdftotext")


# -- copying text out ---------------------------------------------------------------------------

# Similarity of the copied text (poppler) to the source, after NFKC; measured values in comments.
EXTRACTION_FLOORS = {
    "en": 1.0,
    "uk": 1.0,
    "vi": 1.0,
    "ar": 0.97,  # measured 1.00 (Almarai: every shaped glyph has a character)
    "he": 0.97,  # measured 0.996
    "th": 0.95,  # measured 0.985 (a few marks become private-use characters)
    "hi": 0.88,  # measured 0.91 (Hind; conjuncts become private-use characters)
}


def _lesson_texts(language: str) -> list[str]:
    if language == "he":
        lesson = load(FIXTURES / "i18n" / "scripts" / "hebrew.yaml")
    else:
        path = I18N_LESSONS / "safe-chat.yaml"
        checked = check_lesson_and_translations(LessonFile(path, str(path), "safe-chat"))
        lesson = next(x for x in checked.lessons if x.language == language)
    return [
        t.plain
        for t in (
            lesson.title,
            lesson.subtitle,
            lesson.summary,
            *lesson.objectives,
            *(p.prompt for p in lesson.discussion_prompts),
            *lesson.key_takeaways,
        )
        if t
    ]


@needs_poppler
@pytest.mark.parametrize("language", sorted(EXTRACTION_FLOORS))
def test_copied_text_is_close_to_the_source(language: str) -> None:
    texts = _lesson_texts(language)
    body = styles(language).body
    data = pdf_of([paragraph(escape(t), body) for t in texts], language)
    assert similarity(pdftotext(data), "\n".join(texts)) >= EXTRACTION_FLOORS[language]


@needs_poppler
def test_khmer_copies_out() -> None:
    """Subscripts used to become private-use characters (0.64 for this paragraph, I18N.md §6).
    Each glyph now has a code of its own whose ToUnicode is its share of the cluster's text, and
    a tagged PDF carries the words as ActualText: measured 1.00 both ways."""
    assert similarity(pdftotext(pdf_of([paragraph(KHMER, styles("km").body)], "km")), KHMER) >= 0.9
    untagged = pdf_of([paragraph(KHMER, styles("km").body)], "km", tagged=False)
    assert similarity(pdftotext(untagged, raw=True), KHMER) >= 0.9


def test_shaped_latin_ligatures_copy_out() -> None:
    """HarfBuzz turns "fi" into one glyph, which ReportLab alone copies out as a private-use
    character; its own code now maps to "fi" (Latin stays unshaped anyway: three times faster,
    and ligatures would break hyphenation)."""
    from pypdf import PdfReader

    body = styles("vi").body  # Fira Sans has an fi ligature
    shaped = pdf_of([paragraph("find office", body.clone("shaped", shaping=1))], "vi", tagged=False)
    text = PdfReader(io.BytesIO(shaped)).pages[0].extract_text()
    assert "find office" in unicodedata.normalize("NFKC", text)
    plain = PdfReader(io.BytesIO(pdf_of([paragraph("find office", body)], "vi")))
    assert plain.pages[0].extract_text().startswith("find office")
