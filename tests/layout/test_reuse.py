"""Service cards laid out once per build (`layout.reuse`): each document still gets its own
cards, read and printed exactly as if they had been laid out for it alone."""

from __future__ import annotations

import pytest

from lessonpress.labels import labels_for
from lessonpress.layout import help as help_module
from lessonpress.layout import reuse
from lessonpress.layout.help import Cards
from lessonpress.regions import select

from .complex_text import pdf_of, pdftotext, styles, theme_for
from .tagged import elements
from .test_help_panel import BOOK

WITH_QR = next(e for e in select(BOOK, "en", "GB").international if e.url)


def cards(language: str = "en") -> Cards:
    return Cards(theme_for(language), labels_for(language), styles(language))


def leaves(data: bytes, role: str) -> list[str]:
    """The /Alt of each element of `role` ("" when it has none): one entry per element, enough
    to tell two elements from one element drawn twice."""
    with elements(data) as found:
        return [str(e.get("/Alt", "")) for r, e in found if r == role]


def test_a_service_printed_twice_in_one_document_is_read_twice() -> None:
    """A lesson resource that is also a helpline: two cards of one service on one page. The
    tagger reads a flowable drawn a second time as decoration, so if both were one laid-out
    object, the second card (its name, its QR code) would be silent to a screen reader."""
    reuse._LAYOUTS.clear()
    once = pdf_of([cards().card(WITH_QR)])
    twice = pdf_of([cards().card(WITH_QR), cards().card(WITH_QR)])
    assert len(leaves(twice, "Figure")) == 2 * len(leaves(once, "Figure")) == 2
    assert len(leaves(twice, "P")) == 2 * len(leaves(once, "P")) > 0


@pytest.mark.parametrize("language", ["en", "ar"])
def test_cards_print_the_same_after_other_documents_used_them(language: str) -> None:
    """The first document to lay a card out and the ones after it print the same bytes (a
    right-to-left card, which reorders its words as it is drawn, is never shared)."""
    entries = select(BOOK, language, None).international
    reuse._LAYOUTS.clear()
    first = pdf_of([cards(language).card(e) for e in entries], language)
    assert pdf_of([cards(language).card(e) for e in entries], language) == first
    pdf_of([cards(language).card(e) for e in reversed(entries)], language)
    assert pdf_of([cards(language).card(e) for e in entries], language) == first


def test_a_card_is_built_once_per_width_for_many_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    original = help_module.Cards._card

    def counted(self: Cards, item):  # noqa: ANN001, ANN202
        built.append(item.name.plain)
        return original(self, item)

    monkeypatch.setattr(help_module.Cards, "_card", counted)
    reuse._LAYOUTS.clear()
    for _ in range(3):
        pdf_of([cards().card(WITH_QR)])
    assert built == [WITH_QR.name.plain]
    pdf_of([cards().card(WITH_QR)], width=300)  # another width: laid out again
    assert len(built) == 2


def test_the_write_in_box_is_laid_out_once_and_prints_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """A region without known numbers: every learner page has the same "Your local helpline"
    box, built once and printed the same each time, its lines to write on included."""
    built: list[int] = []
    original = help_module.HelpPanel._write_in_box

    def counted(self: help_module.HelpPanel):  # noqa: ANN202
        built.append(1)
        return original(self)

    monkeypatch.setattr(help_module.HelpPanel, "_write_in_box", counted)
    reuse._LAYOUTS.clear()
    unknown = select(BOOK, "en", None)
    assert not unknown.known

    def panel() -> bytes:
        return pdf_of(
            help_module.HelpPanel(unknown, theme_for("en"), labels_for("en"), styles("en"), "en").story()
        )

    first = panel()
    assert panel() == first
    assert built == [1]
    assert labels_for("en").local_helpline in pdftotext(first)


def test_a_twin_copies_as_copy_copy_does() -> None:
    """The quick copy gives what `copy.copy` gives (same attributes, a new object); a class
    that says how to copy itself is copied its own way."""
    import copy

    from reportlab.platypus import Flowable

    card = cards()._card(WITH_QR)
    cells = [c for row in card._cellvalues for c in row]
    for flowable in (card, *[f for c in cells for f in (c if isinstance(c, list) else [c])]):
        made = reuse._copy(flowable)
        assert made is not flowable and type(made) is type(flowable)
        assert vars(made) == vars(copy.copy(flowable))

    class Counted(Flowable):
        copies = 0

        def __copy__(self) -> Counted:
            Counted.copies += 1
            return Counted()

    reuse._copy(Counted())
    assert Counted.copies == 1
