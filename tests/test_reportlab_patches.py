"""The named patches of ReportLab (lessonpress/layout/_reportlab.py) change speed, never bytes:
every document is rendered with the patch and with ReportLab's own functions, and compared."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lessonpress.formats import FORMATS, format_names, get_format
from lessonpress.labels import ENGLISH, labels_for
from lessonpress.layout import _reportlab
from lessonpress.layout.base import LayoutContext
from lessonpress.layout.fonts import fonts_for
from lessonpress.lessons import check_lesson, check_lesson_and_translations
from lessonpress.project import LessonFile
from lessonpress.render import render
from lessonpress.theme import DEFAULT_THEME

ROOT = Path(__file__).resolve().parent.parent
TYPICAL = ROOT / "lessonpress" / "data" / "typical-lesson.yaml"
I18N = ROOT / "tests" / "fixtures" / "i18n" / "lessons" / "safe-chat.yaml"
PATCH = _reportlab.PDF_SERIALISER


@pytest.fixture
def unpatched() -> Iterator[None]:
    _reportlab.unpatched(PATCH)
    try:
        yield
    finally:
        _reportlab.repatched(PATCH)


def _both(make, patch: str = PATCH) -> tuple[bytes, bytes]:  # noqa: ANN001
    patched = make()
    _reportlab.unpatched(patch)
    try:
        original = make()
    finally:
        _reportlab.repatched(patch)
    return patched, original


def test_the_serialiser_patch_is_in_force() -> None:
    from reportlab.pdfbase import pdfdoc

    assert pdfdoc.format is not _reportlab.SERIALISER_UNPATCHED[PATCH]["format"]
    assert pdfdoc.PDFDictionary.format is not _reportlab.SERIALISER_UNPATCHED[PATCH]["PDFDictionary.format"]


@pytest.mark.parametrize("patch", list(_reportlab.SPEED_PATCHES))
@pytest.mark.parametrize("name", [n for n in format_names() if FORMATS[n].inputs == "lesson"])
def test_every_format_has_the_same_bytes_with_and_without_the_patch(name: str, patch: str) -> None:
    lesson, problems = check_lesson(LessonFile(TYPICAL, str(TYPICAL), TYPICAL.stem))
    assert lesson is not None, problems
    fmt, context = get_format(name), LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    patched, original = _both(lambda: render(fmt.layout(lesson, context)), patch)
    assert patched == original


@pytest.mark.parametrize("patch", list(_reportlab.SPEED_PATCHES))
@pytest.mark.parametrize("language", ["es", "ar", "hi"])
def test_other_scripts_have_the_same_bytes_with_and_without_the_patch(language: str, patch: str) -> None:
    checked = check_lesson_and_translations(LessonFile(I18N, str(I18N), I18N.stem))
    lesson = {x.language: x for x in checked.lessons}[language]
    context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(language))
    handout = get_format("handout")
    patched, original = _both(lambda: render(handout.layout(lesson, context)), patch)
    assert patched == original


def test_text_gets_the_codes_reportlab_gives_it() -> None:
    """Texts in a random order, some with characters the font lacks, no-break spaces, and
    more than 256 different characters (a second subset): each is split into the same
    (subset, bytes) runs, and the document's codes end the same, with the patch and without."""
    import random

    from reportlab.pdfbase import pdfmetrics

    from lessonpress.layout.fonts import register_theme

    register_theme(DEFAULT_THEME)
    font = pdfmetrics.getFont(DEFAULT_THEME.body_font)
    has = sorted(font.face.charToGlyph)
    alphabet = "abc ABC.,\u00a0éàü–—\u2019\U0001f600\u4e00" + "".join(map(chr, has[:400]))
    rng = random.Random(7)
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(600)]
    texts += ["plain words", "\u00a0", "", "plain words again"]

    class Document:  # what ReportLab keys a font's codes by (weakly)
        pass

    def run() -> tuple[list, object]:
        doc = Document()
        runs = [font.splitString(text, doc) for text in texts]
        state = font.state.pop(doc)
        return runs, (state.assignments, state.subsets, state.nextCode)

    patched, original = _both(run, _reportlab.SPLIT_STRING)
    assert patched == original
    assert any(subset == 1 for runs in patched[0] for subset, _ in runs)  # a second subset was used


def test_text_is_encoded_as_reportlab_encodes_it() -> None:
    from reportlab.pdfbase import pdfdoc

    original = _reportlab.SERIALISER_UNPATCHED[PATCH]["pdfdocEnc"]
    samples = [chr(c) for c in range(0x300)] + ["plain ASCII", "tab\tand\x18breve", "café", "/Name#20"]
    for text in samples:
        try:
            expected: object = original(text)  # type: ignore[operator]
        except UnicodeEncodeError:
            expected = UnicodeEncodeError
        try:
            got: object = pdfdoc.pdfdocEnc(text)
        except UnicodeEncodeError:
            got = UnicodeEncodeError
        assert got == expected, repr(text)
    for value in (0, 1, -3, 2.5, 1e-7, True, None, b"raw", [1, 2]):
        document = pdfdoc.PDFDocument()
        original = _reportlab.SERIALISER_UNPATCHED[PATCH]["format"]
        assert pdfdoc.format(value, document) == original(value, document)  # type: ignore[operator]


def test_dictionaries_with_unusual_keys_format_as_before(unpatched: None) -> None:
    from reportlab.pdfbase import pdfdoc

    entries = {"Type": "/Page", "A B": 1, "x#y": 2.5, "é": "(t)", "Kids": pdfdoc.PDFArray([1, 2])}
    document = pdfdoc.PDFDocument()
    expected = {
        multiline: pdfdoc.PDFDictionary.format(_dictionary(entries, multiline), document)
        for multiline in (True, False, "forced")
    }
    _reportlab.repatched(PATCH)
    for multiline, want in expected.items():
        assert pdfdoc.PDFDictionary.format(_dictionary(entries, multiline), document) == want
    _reportlab.unpatched(PATCH)


def _dictionary(entries: dict, multiline: object):  # noqa: ANN202
    from reportlab.pdfbase import pdfdoc

    d = pdfdoc.PDFDictionary(entries)
    d.multiline = multiline
    return d


def test_style_runs_compare_as_reportlab_compares_them() -> None:
    """Pairs of runs with random sets of the compared attributes (missing, None, equal,
    unequal, the same object, NaN), with and without a callback or a line break, and runs of
    another class: the patched comparison agrees with ReportLab's C function on each pair."""
    import random

    from reportlab.platypus import paragraph
    from reportlab.platypus.paraparser import ParaFrag

    original = _reportlab.SERIALISER_UNPATCHED[_reportlab.SAME_FRAG]["sameFrag"]
    nan, colour = float("nan"), object()
    values = [None, 0, 0.0, 1, 11.0, "Atkinson", "Atkinson-Bold", nan, colour, (0, 0, 0), [], "x"]
    names = ["fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr"]
    rng = random.Random(11)

    class Other(ParaFrag):
        pass

    def run(base: dict) -> ParaFrag:
        attrs = {k: v for k, v in base.items() if rng.random() > 0.15}  # sometimes one is missing
        for k in names:
            if rng.random() < 0.1:
                attrs[k] = rng.choice(values)
        for extra in ("cbDefn", "lineBreak"):
            if rng.random() < 0.05:
                attrs[extra] = rng.choice(values)
        return (Other if rng.random() < 0.05 else ParaFrag)(text="t", **attrs)

    answers = set()
    for _ in range(5000):
        base = {k: rng.choice(values) for k in names if rng.random() < 0.7}
        f, g = run(base), run(base)
        got, expected = paragraph.sameFrag(f, g), original(f, g)
        assert got == expected, (f, g)
        answers.add(bool(expected))
    assert answers == {True, False}
    assert paragraph.sameFrag is not original


def test_frames_copy_as_deepcopy_copies_them() -> None:
    """The frame a KeepTogether is measured in: the quick copy has deepcopy's values, its own
    lists, and leaves the frame untouched; a frame with anything else (a dictionary, one list
    under two names) is deep-copied as before."""
    import copy

    from reportlab.platypus import flowables
    from reportlab.platypus.frames import Frame

    frame = Frame(10, 20, 300, 400, id="body")
    frame._frameBGs = [1, "x"]
    made = flowables.deepcopy(frame)
    expected = copy.deepcopy(frame)
    assert type(made) is Frame and vars(made) == vars(expected)
    assert made._frameBGs is not frame._frameBGs
    made._frameBGs.append(2)
    assert frame._frameBGs == [1, "x"]

    odd = Frame(0, 0, 100, 100)
    odd.extra = {"nested": [1]}
    shared = Frame(0, 0, 100, 100)
    shared.a = shared.b = [1]
    odd_copy, shared_copy = flowables.deepcopy(odd), flowables.deepcopy(shared)
    assert vars(odd_copy).keys() == vars(odd).keys()
    assert vars(shared_copy).keys() == vars(shared).keys()
    assert shared_copy.a is shared_copy.b  # deepcopy kept the two names on one list
    assert odd.extra is not flowables.deepcopy(odd).extra


def test_plain_text_parses_as_reportlab_parses_it() -> None:
    """Text without tags or entities (spaces, tabs, line breaks, '>' and quotes, other
    scripts, nothing at all) in several styles gives the same runs as ReportLab's HTML parse;
    text with a tag or an entity still takes that parse."""
    import random

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus.paraparser import ParaParser

    original = _reportlab.SERIALISER_UNPATCHED[_reportlab.PLAIN_PARSE]["ParaParser.parse"]
    styles = [
        ParagraphStyle("a"),
        ParagraphStyle("b", fontName="Helvetica-Bold", fontSize=14, textColor="#1d4e89"),
        ParagraphStyle("c", fontName="Times-Roman", rise=2, underlineWidth=1),
    ]
    pieces = ["word", " ", "  ", "\t", "\n", ">", '"', "'", "café", "مرحبا", "—", "1.5", "\u00a0", "x/y"]
    rng = random.Random(5)
    texts = [
        "",
        " ",
        "plain",
        *("".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(300)),
    ]
    texts += ["with <b>bold</b>", "Tom &amp; Jerry", "a < b"]

    def runs(parse, text: str, style: ParagraphStyle) -> object:
        got_style, frags, bullets = parse(ParaParser(), text, style)
        return got_style, [vars(f) for f in frags or []], bullets

    for text in texts:
        for style in styles:
            assert runs(ParaParser.parse, text, style) == runs(original, text, style), repr(text)


def test_widths_are_the_widths_reportlab_gives() -> None:
    """Texts in a random order, repeated, in two fonts, at several sizes (whole and not) and in
    two encodings: each width is ReportLab's own, including after the memory has been full."""
    import random

    from reportlab.pdfbase import pdfmetrics

    from lessonpress.layout.fonts import register_theme

    register_theme(DEFAULT_THEME)
    body = DEFAULT_THEME.body_font
    fonts = [pdfmetrics.getFont(body), pdfmetrics.getFont(body + "-Bold")]
    original = _reportlab.SERIALISER_UNPATCHED[_reportlab.WIDTHS]["TTFont.stringWidth"]
    rng = random.Random(11)
    letters = "abcdefghij ABC.,éü–\u00a0"
    words = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 12))) for _ in range(300)]
    sizes = (9, 10, 10.5, 11.25, 24)
    calls = [(rng.choice(fonts), rng.choice(words), rng.choice(sizes)) for _ in range(3000)]
    kept = _reportlab.WIDTHS_KEPT
    try:
        _reportlab.WIDTHS_KEPT = 500  # the memory fills and is forgotten several times
        for font, text, size in calls:
            assert font.stringWidth(text, size) == original(font, text, size), (font.fontName, text, size)
            raw = text.encode("utf8")  # the same bytes read in two encodings: two widths
            for encoding in ("utf8", "latin-1"):
                assert font.stringWidth(raw, size, encoding) == original(font, raw, size, encoding)
    finally:
        _reportlab.WIDTHS_KEPT = kept
    assert fonts[0].stringWidth("Get help", 10) != fonts[0].stringWidth("Get help", 11)
    assert fonts[0].stringWidth("Get help", 10) != fonts[1].stringWidth("Get help", 10)
