"""The output formats: the one place that knows what a format is called, what it is made from,
who reads it and what its file is named.

Everything else asks this registry: the command line offers its names, the planner decides the
outputs from its scope and inputs, the build state keys on its file names and options, and the
tests for learner outputs read its `learner` flag. Nothing here imports ReportLab; a format's
layout class is imported only when something of that format is built. Adding a format is one
module in `layout/` (a web page: `html/`) and one `FormatSpec` line below (or `register()` from a
plugin or a test).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from .layout.base import Format

Scope = Literal["lesson", "course"]
# What one output of a format is made from:
#   lesson       one lesson, in its own language (a source lesson or a translation);
#   lesson+source  the same, and for a translation its source lesson too (an HTML page marks
#                the texts that fell back to the source language with that language);
#   translation  a translation together with its source lesson (the bilingual handout);
#   course       every lesson of the course in one language, and the curriculum.
Inputs = Literal["lesson", "lesson+source", "translation", "course"]


@dataclass(frozen=True)
class Variant:
    """A setting that turns a format into another kind of document, e.g. `--pack-of guide`
    makes the pack a facilitator binder: a file name of its own, and not a learner output."""

    setting: str
    value: str
    stem_suffix: str
    learner: bool


@dataclass(frozen=True)
class FormatSpec:
    """One output format as the rest of lessonpress sees it."""

    name: str
    layout: str  # "module:Class" of its layout in layout/
    learner: bool  # read by learners: no facilitator-only text, always help
    scope: Scope = "lesson"  # one output per lesson, or one per language for a course
    inputs: Inputs = "lesson"
    stem: str = "{lesson}-{format}"  # the file name before presets and suffix
    suffix: str = ".pdf"
    options: tuple[str, ...] = ()  # build settings that change this format's bytes only
    selectable: bool = True  # offered by `--format` and built by default
    requested_by: str | None = None  # else built when this setting is given (`--bilingual`)
    variants: tuple[Variant, ...] = ()
    needs: str | None = None  # a field it is made from (of a lesson, or the course): none without it
    # Print presets that change nothing in this format (slides are large print already): its
    # file is the one built without them. tests/test_presets.py checks both ways.
    ignores_presets: tuple[str, ...] = ()

    def file_name(self, settings: Any, lesson_id: str = "") -> str:
        """`<stem>[-variant][.preset...]<suffix>`, e.g. `grooming-handout.large-print.pdf`."""
        stem = self.stem.format(lesson=lesson_id, format=self.name)
        stem += "".join(v.stem_suffix for v in self._variants_of(settings))
        presets = self.presets_of(getattr(settings, "theme", None))
        return stem + "".join(f".{p}" for p in presets) + self.suffix

    def presets_of(self, theme: Any) -> tuple[str, ...]:
        """The presets of a theme that change this format's output."""
        return tuple(p for p in getattr(theme, "presets", ()) or () if p not in self.ignores_presets)

    def is_learner(self, settings: Any = None) -> bool:
        """Whether this output, built with these settings, is read by learners."""
        chosen = self._variants_of(settings) if settings is not None else []
        return chosen[-1].learner if chosen else self.learner

    def _variants_of(self, settings: Any) -> list[Variant]:
        return [v for v in self.variants if getattr(settings, v.setting, None) == v.value]

    def layout_class(self) -> type[Format]:
        """The layout class, imported on first use."""
        module_name, _, class_name = self.layout.partition(":")
        return getattr(importlib.import_module(module_name), class_name)


FORMATS: dict[str, FormatSpec] = {}


def register(spec: FormatSpec) -> FormatSpec:
    """Add a format (or replace one of the same name); it is built, tracked and offered at once."""
    FORMATS[spec.name] = spec
    return spec


# The shipped formats, in build order.
register(FormatSpec("handout", "lessonpress.layout.handout:Handout", learner=True))
register(
    FormatSpec("slides", "lessonpress.layout.slides:Slides", learner=True, ignores_presets=("large-print",))
)
register(FormatSpec("notes", "lessonpress.layout.notes:NotesPages", learner=False))
register(
    FormatSpec(
        "slides-handout",
        "lessonpress.layout.slides_handout:SlidesHandout",
        learner=True,
        options=("per_page",),
    )
)
register(FormatSpec("guide", "lessonpress.layout.guide:Guide", learner=False))
register(FormatSpec("exit-ticket", "lessonpress.layout.exit_ticket:ExitTicket", learner=True, needs="check"))
register(FormatSpec("quiz", "lessonpress.layout.quiz:Quiz", learner=True, needs="check"))
register(FormatSpec("answer-key", "lessonpress.layout.answer_key:AnswerKey", learner=False, needs="check"))
register(
    FormatSpec(
        "pack",
        "lessonpress.layout.pack:Pack",
        learner=True,
        scope="course",
        inputs="course",
        stem="course-pack",
        options=("pack_of", "today"),
        variants=(Variant("pack_of", "guide", "-guides", learner=False),),
    )
)
register(
    FormatSpec(
        "html", "lessonpress.html.handout:HtmlHandout", learner=True, inputs="lesson+source", suffix=".html"
    )
)
register(
    FormatSpec(
        "guide-html",
        "lessonpress.html.guide:HtmlGuide",
        learner=False,
        inputs="lesson+source",
        suffix=".html",
    )
)
register(
    FormatSpec(
        "html-bilingual",
        "lessonpress.html.bilingual:HtmlBilingual",
        learner=True,
        inputs="translation",
        suffix=".html",
        options=("bilingual",),
        selectable=False,
        requested_by="bilingual",
    )
)
register(
    FormatSpec(
        "survey",
        "lessonpress.layout.survey:SurveyForm",
        learner=True,
        scope="course",
        inputs="course",
        stem="course-survey",
        needs="survey",
    )
)
register(
    FormatSpec(
        "handout-bilingual",
        "lessonpress.layout.bilingual:BilingualHandout",
        learner=True,
        inputs="translation",
        options=("bilingual",),
        selectable=False,
        requested_by="bilingual",
    )
)


def format_names() -> tuple[str, ...]:
    """Names `--format` accepts (every selectable format), in build order."""
    return tuple(name for name, spec in FORMATS.items() if spec.selectable)


def wanted_formats(settings: Any) -> list[str]:
    """The formats a build makes, in build order: those asked for with `--format`, and those a
    setting asks for (`--bilingual`)."""
    return [
        name
        for name, s in FORMATS.items()
        if (s.selectable and name in settings.formats)
        or (s.requested_by is not None and getattr(settings, s.requested_by, None))
    ]


def spec(name: str) -> FormatSpec:
    """The registered format called `name` (KeyError when there is none)."""
    return FORMATS[name]


def learner_formats() -> tuple[str, ...]:
    """Names of every learner output (the learner-safety and help tests read this)."""
    return tuple(name for name, s in FORMATS.items() if s.learner)


def filled_fields(document: Any) -> tuple[str, ...]:
    """The fields some format needs (`needs`) that a lesson or course fills: a fact the build
    records, so that it knows which lessons get a quiz (and whether the course has a survey)
    without reading them again."""
    needed = sorted({s.needs for s in FORMATS.values() if s.needs})
    return tuple(name for name in needed if getattr(document, name, None))


def format_options() -> frozenset[str]:
    """Settings that change the bytes of some formats only (each format's `options`)."""
    return frozenset(option for s in FORMATS.values() for option in s.options)


def get_format(name: str) -> Format:
    """An instance of the format registered under `name`, imported on first use."""
    return FORMATS[name].layout_class()()


# The handout's sections in teaching order (names of the `Sections` methods of layout/ and html/),
# one list for the PDF handout and the web page. The "Get help" panel comes last, so it can be
# torn off as the back page.
HANDOUT_PARTS = (
    "header",
    "objectives",
    "vocabulary",
    "prompts",
    "activities",
    "warning_signs",
    "takeaways",
    "resources",
    "compact_sources",
    "helplines",
)
