"""Visual regression: a fixed set of pages per format and locale, rendered to images
(pypdfium2) and compared with reference PNGs in tests/references/ within a tolerance.

The PDFs are byte-identical for the same input, so the images only move when the layout
does. A change that moves them must update the references on purpose:

    LESSONPRESS_UPDATE_REFERENCES=1 python -m pytest -p no:cacheprovider tests/layout/test_visual.py

then look at the new PNGs (git diff shows which changed) and commit them with the change.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops, ImageStat

from ..conftest import LESSONS, ROOT, load, make_pdf
from .test_rtl_pages import localized_pdf, translated

REFERENCES = ROOT / "tests" / "references"
UPDATE = os.environ.get("LESSONPRESS_UPDATE_REFERENCES") == "1"
SCALE = 0.5  # 36 dpi: enough to see a block move, small enough to keep in the repository
TOLERANCE = 2.0  # mean difference per pixel (0-255 grey) that rasterisers may differ by
TEENS = LESSONS / "teens-3-sextortion.yaml"

# name -> (how to make the PDF, which page, 0-based)
PAGES: dict[str, tuple[Callable[[], bytes], int]] = {
    "en-handout-letter-1": (lambda: make_pdf(load(TEENS), "handout", "letter"), 0),
    "en-handout-letter-last": (lambda: make_pdf(load(TEENS), "handout", "letter"), -1),
    "en-guide-a4-1": (lambda: make_pdf(load(TEENS), "guide"), 0),
    "en-slides-1": (lambda: make_pdf(load(TEENS), "slides"), 0),
    "en-slides-2": (lambda: make_pdf(load(TEENS), "slides"), 1),
    "en-notes-1": (lambda: make_pdf(load(TEENS), "notes"), 0),
    "en-slides-handout-1": (lambda: make_pdf(load(TEENS), "slides-handout"), 0),
    "ar-handout-1": (lambda: localized_pdf(translated("ar"), "handout"), 0),
    "ar-slides-1": (lambda: localized_pdf(translated("ar"), "slides"), 0),
    "ar-pack-cover": (lambda: localized_pdf(translated("ar"), "pack"), 0),
    "hi-handout-1": (lambda: localized_pdf(translated("hi"), "handout"), 0),
    "es-guide-1": (lambda: localized_pdf(translated("es"), "guide"), 0),
}


def page_image(data: bytes, index: int) -> Image.Image:
    pdf = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        return pdf[index % len(pdf)].render(scale=SCALE).to_pil().convert("L")
    finally:
        pdf.close()


@pytest.mark.parametrize("name", sorted(PAGES))
def test_pages_look_as_their_references(name: str) -> None:
    make, index = PAGES[name]
    image = page_image(make(), index)
    reference = REFERENCES / f"{name}.png"
    if UPDATE:
        REFERENCES.mkdir(exist_ok=True)
        image.save(reference, optimize=True)
        return
    assert reference.is_file(), f"no reference {reference.name}: see this module's docstring"
    expected = Image.open(reference).convert("L")
    assert image.size == expected.size, f"{name}: page size {image.size}, reference {expected.size}"
    difference = ImageStat.Stat(ImageChops.difference(image, expected)).mean[0]
    assert difference <= TOLERANCE, (
        f"{name} moved (mean difference {difference:.2f}); if on purpose, update the references"
    )


def test_the_comparison_sees_a_block_move() -> None:
    """The tolerance is tight enough that the Name line's 2 cm shift of page 1 fails."""
    image = page_image(make_pdf(load(TEENS), "handout", "letter"), 0)
    moved = Image.new("L", image.size, 255)
    moved.paste(image.crop((0, 0, image.width, image.height - 28)), (0, 28))
    difference = ImageStat.Stat(ImageChops.difference(image, moved)).mean[0]
    assert difference > TOLERANCE * 3


def test_reference_images_exist_for_every_page_and_no_others() -> None:
    found = {p.stem for p in Path(REFERENCES).glob("*.png")}
    assert found == set(PAGES)
