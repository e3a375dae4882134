"""The HTML pages in a browser: keyboard order, right to left, and printing to A4 and Letter."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest

from lessonpress.build import BuildSettings, build
from lessonpress.theme import MM

from ..conftest import holdout_text, squash

LIVE = 12 * MM
FOCUSABLE = "a[href], input, textarea, select, button, [tabindex]"


@pytest.mark.parametrize("fmt", ["html", "guide-html"])
def test_the_keyboard_reaches_every_link_and_field_in_order(shipped_site: Path, page, fmt: str) -> None:  # noqa: ANN001
    page.goto((shipped_site / "en" / f"teens-3-sextortion-{fmt}.html").as_uri())
    count = page.evaluate(f"""() => {{
        const all = [...document.querySelectorAll({FOCUSABLE!r})];
        all.forEach((el, i) => el.dataset.order = i);
        return all.length; }}""")
    assert count > 10
    reached = []
    for _ in range(count):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("() => document.activeElement.dataset.order"))
    assert reached == [str(i) for i in range(count)]


def test_the_arabic_page_reads_right_to_left(shipped_site: Path, page) -> None:  # noqa: ANN001
    page.goto((shipped_site / "ar" / "teens-3-sextortion-html.html").as_uri())
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    main = page.locator("main").bounding_box()
    for selector in ("h1", "main h2 >> nth=0", "label.prompt >> nth=0"):
        box = page.locator(selector).evaluate(
            "el => { const r = document.createRange(); r.selectNodeContents(el);"
            " const b = r.getBoundingClientRect(); return {left: b.left, right: b.right}; }"
        )
        right_gap = main["x"] + main["width"] - box["right"]
        left_gap = box["left"] - main["x"]
        assert right_gap < left_gap, (selector, box, main)  # text hugs the right edge
    first, second = page.locator("ol.prompts > li").first, page.locator("ul.checklist li").first
    tick = second.locator("input").bounding_box()
    label = second.locator("label").bounding_box()
    assert tick["x"] > label["x"]  # tick box on the right
    assert first.is_visible()


@pytest.fixture(scope="module")
def holdout_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("holdout")
    (folder / "holdout.yaml").write_text(holdout_text(), encoding="utf-8")
    result = build(
        BuildSettings(
            paths=(str(folder / "holdout.yaml"),),
            out_dir=folder / "out",
            formats=("html", "guide-html"),
            jobs=1,
        )
    )
    assert result.ok
    return folder / "out" / "en"


@pytest.mark.parametrize("fmt", ["html", "guide-html"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printing_keeps_every_character_inside_the_live_area(
    holdout_page: Path,
    page,
    fmt: str,  # noqa: ANN001
    paper: str,
) -> None:
    page.goto((holdout_page / f"holdout-{fmt}.html").as_uri())
    data = page.pdf(format=paper, print_background=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        width = {"A4": 595.3, "Letter": 612.0}[paper]
        assert abs(pdf.pages[0].width - width) < 1 and len(pdf.pages) > 3
        text = ""
        for number, sheet in enumerate(pdf.pages, 1):
            for c in sheet.chars:
                inside = (
                    c["x0"] >= LIVE - 0.5
                    and c["x1"] <= sheet.width - LIVE + 0.5
                    and c["top"] >= LIVE - 0.5
                    and c["bottom"] <= sheet.height - LIVE + 0.5
                )
                assert inside, f"page {number}: {c['text']!r} at ({c['x0']:.0f}, {c['top']:.0f})"
            text += "".join(c["text"] for c in sheet.chars)
    assert squash("Objective 39 of many.") in squash(text)
    assert "example.org/" + "a" * 40 in squash(text).replace("-", "")  # the long URL wraps, whole
