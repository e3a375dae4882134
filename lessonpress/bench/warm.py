"""Warm figures: documents laid out and rendered in this process, after a warm-up.

- a typical two-page handout, and the same lesson in every format (a ~13-slide deck among them);
- per language: the same fixture lesson's handout in en, ar, hi and th, and what HarfBuzz
  shaping, right-to-left ordering and ICU word segmentation cost on its texts.
"""

from __future__ import annotations

import functools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

TYPICAL = Path(__file__).parent.parent / "data" / "typical-lesson.yaml"
I18N_LESSON = (
    Path(__file__).parent.parent.parent / "tests" / "fixtures" / "i18n" / "lessons" / "safe-chat.yaml"
)
LOCALES = ("en", "ar", "hi", "th")


@dataclass(frozen=True)
class Figure:
    """One measured quantity: its samples, unit, and the target it should meet (if any)."""

    name: str
    samples: tuple[float, ...]
    unit: str
    target: float | None = None

    @property
    def median(self) -> float:
        """The median sample."""
        return statistics.median(self.samples)

    def line(self) -> str:
        """`name  median unit  (min, max, n runs)  target: met/missed`."""
        lo, hi = min(self.samples), max(self.samples)
        verdict = ""
        if self.target is not None:
            met = "met" if self.median <= self.target else "MISSED"
            verdict = f"  target ≤ {self.target:g} {self.unit}: {met}"
        return (
            f"{self.name:<46} {self.median:9.1f} {self.unit}  "
            f"(min {lo:.1f}, max {hi:.1f}, {len(self.samples)} runs){verdict}"
        )


def time_warm(action: Callable[[], object], runs: int) -> tuple[float, ...]:
    """Milliseconds per call, after one warm-up call."""
    action()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return tuple(samples)


def warm_handout(runs: int) -> Figure:
    """A typical handout, laid out and rendered in-process."""
    from ..formats import get_format
    from ..labels import ENGLISH
    from ..layout.base import LayoutContext
    from ..lessons import check_lesson
    from ..project import LessonFile
    from ..render import render
    from ..theme import DEFAULT_THEME

    lesson, problems = check_lesson(LessonFile(TYPICAL, str(TYPICAL), "typical"))
    if lesson is None:
        raise SystemExit("\n".join(p.format() for p in problems))
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    handout = get_format("handout")
    samples = time_warm(lambda: render(handout.layout(lesson, context)), runs)
    return Figure("warm handout, typical 2-page lesson", samples, "ms", 15)


def warm_formats(runs: int) -> list[Figure]:
    """The typical lesson in every per-lesson format, warm (the slide deck has its target)."""
    from ..formats import FORMATS, format_names, get_format
    from ..labels import ENGLISH
    from ..layout.base import LayoutContext
    from ..lessons import check_lesson
    from ..project import LessonFile
    from ..theme import DEFAULT_THEME

    lesson, _ = check_lesson(LessonFile(TYPICAL, str(TYPICAL), "typical"))
    context = LayoutContext("a4", DEFAULT_THEME, ENGLISH)
    figures = []
    for name in format_names():
        if FORMATS[name].inputs != "lesson":
            continue
        fmt = get_format(name)
        samples = time_warm(functools.partial(_render, fmt, lesson, context), runs)
        label = f"warm {name}" + (f", {slide_count(lesson)} slides" if name == "slides" else "")
        figures.append(Figure(label, samples, "ms", 25 if name == "slides" else None))
    return figures


def slide_count(lesson) -> int:  # noqa: ANN001
    """How many slides the lesson's deck has."""
    from ..deck import plan_deck
    from ..labels import ENGLISH
    from ..layout.slide_drawing import fit_deck
    from ..theme import DEFAULT_THEME

    return len(fit_deck(plan_deck(lesson, ENGLISH), DEFAULT_THEME, ENGLISH))


def warm_locales(runs: int, source: Path = I18N_LESSON) -> list[Figure]:
    """The same lesson's handout per language (fonts, labels and script of each), warm."""
    import dataclasses

    from ..formats import get_format
    from ..labels import labels_for
    from ..layout.base import LayoutContext
    from ..layout.fonts import fonts_for
    from ..layout.text import plain_markup, styles_for
    from ..lessons import check_lesson_and_translations
    from ..project import LessonFile
    from ..scripts import script_for
    from ..theme import DEFAULT_THEME

    checked = check_lesson_and_translations(LessonFile(source, str(source), source.stem))
    lessons = {lesson.language: lesson for lesson in checked.lessons}
    handout = get_format("handout")
    figures = []
    for language in LOCALES:
        lesson = lessons[language]
        context = LayoutContext("a4", fonts_for([lesson], DEFAULT_THEME), labels_for(language))
        samples = time_warm(functools.partial(_render, handout, lesson, context), runs)
        figures.append(Figure(f"warm handout, {language} ({script_for(language).name})", samples, "ms"))
    # The texts alone, laid out 400 pt wide as printed and with each complex-script step off.
    for language in LOCALES[1:]:
        lesson, script = lessons[language], script_for(language)
        theme = fonts_for([lesson], DEFAULT_THEME)
        texts = [plain_markup(t.plain) for t in lesson.learner_texts()] * 5
        variants = {"as printed": script, "no shaping": dataclasses.replace(script, shaping=False)}
        if script.rtl:
            variants["no RTL order"] = dataclasses.replace(script, rtl=False)
        if script.segmentation:
            variants["no segmentation"] = dataclasses.replace(script, segmentation="")
        for name, variant in variants.items():
            body = styles_for(theme, variant).body
            samples = time_warm(functools.partial(_wrap_all, texts, body), runs)
            figures.append(Figure(f"  {len(texts)} {language} paragraphs, {name}", samples, "ms"))
    return figures


def _render(fmt, lesson, context) -> bytes:  # noqa: ANN001
    """One warm layout and render (for `time_warm` and the deck ratio), with the collector
    paused as a build's job runs it (`jobs.run_job`)."""
    from ..memory import collector_paused
    from ..render import render

    with collector_paused():
        return render(fmt.layout(lesson, context))


def _wrap_all(texts: list[str], style) -> None:  # noqa: ANN001
    """Break every text into lines 400 pt wide (for `time_warm`)."""
    from ..layout.text import paragraph

    for text in texts:
        paragraph(text, style).wrap(400, 1e6)
