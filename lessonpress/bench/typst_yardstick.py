"""Typst as the benchmark's yardstick: the same lesson content written as a Typst document.

`handout_source` and `deck_source` turn a checked Lesson (and the slide plan lessonpress itself
makes, `deck.plan_deck`) into a Typst main file that imports `lesson.typ`, a template of similar
richness to lessonpress's handout and deck. Text goes in as Typst string literals, so nothing in
a lesson is read as Typst markup. QR codes are images: each web address is encoded once with the
same encoder lessonpress uses and written as an SVG file (one path of dark runs) beside the main
file; Typst embeds it as a vector image. Typst prints with the same font files (Atkinson
Hyperlegible, IBM Plex Mono) and no system fonts.

`Yardstick` keeps one `typst.Compiler` warm; `cold_command` is a fresh process that imports the
`typst` package and compiles one file. The PyPI package has no separate CLI binary, so that
process is Python starting plus Typst's cold compile; the benchmark prints `python -c pass`
beside it. `typst` is the `bench` extra (pip install -e ".[bench]"), never a runtime dependency.
"""

from __future__ import annotations

import hashlib
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from ..deck import SlideDeck
from ..fonts import family
from ..helplines import INTERNATIONAL, region_name
from ..labels import Labels
from ..markup import RichText, Run
from ..model import Helpline, Lesson, Resource
from ..regions import CHILD_LINE, RegionHelplines
from ..theme import Theme
from ..urls import phone_link

TEMPLATE = Path(__file__).with_name("lesson.typ")


def available() -> bool:
    """True when the `typst` package (the bench extra) is installed."""
    import importlib.util

    return importlib.util.find_spec("typst") is not None


def font_folders(theme: Theme) -> list[str]:
    """The folders of the font files lessonpress prints this theme with."""
    return sorted({str(family(name).regular.parent) for name in (theme.body_font, theme.mono_font)})


class Source:
    """A Typst main file being written, and the image files it refers to."""

    def __init__(self) -> None:
        self.lines: list[str] = ['#import "lesson.typ": *']
        self.files: dict[str, bytes] = {}

    def add(self, line: str) -> None:
        """One line of Typst."""
        self.lines.append(line)

    def qr(self, data: str) -> str:
        """A Typst string naming the QR image of `data` (written beside the main file)."""
        name = f"qr-{hashlib.sha256(data.encode()).hexdigest()[:16]}.svg"
        self.files.setdefault(name, qr_svg(data))
        return string(name)

    @property
    def text(self) -> str:
        """The main file."""
        return "\n".join(self.lines) + "\n"


def string(text: str) -> str:
    """A Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def content(text: RichText | str | None) -> str:
    """A Typst content expression of lesson text (or of lessonpress's own words)."""
    if text is None:
        return "none"
    runs = text.runs if isinstance(text, RichText) else (Run(text),)
    return "[" + "".join(_run(r) for r in runs) + "]"


def _run(run: Run) -> str:
    pieces = [string(p) for p in run.text.split("\n")]
    expr = "[" + "#linebreak()".join(f"#{p}" for p in pieces) + "]"
    if run.code:
        expr = f"raw({string(run.text)})"
    if run.italic:
        expr = f"emph({expr})"
    if run.bold:
        expr = f"strong({expr})"
    if run.href:
        expr = f"link({string(run.href)}, {expr})"
    return f"#{expr}"


def theme_dict(theme: Theme) -> str:
    """The theme as the template's `t` dictionary."""
    values: dict[str, str | float] = {
        "body-font": family(theme.body_font).label,
        "mono-font": family(theme.mono_font).label,
        "body": theme.body_size,
        "small": theme.small_size,
        "heading": theme.heading_size,
        "title": theme.title_size,
        "subtitle": theme.subtitle_size,
        "spacing": theme.line_spacing,
        "margin": theme.margin,
        "footer": theme.small_size * 3.6,
        "rule-width": theme.rule_width,
        "write-in-spacing": theme.write_in_spacing,
        "text": theme.text_color,
        "accent": theme.accent_color,
        "muted": theme.muted_color,
        "rule": theme.rule_color,
        "box": theme.box_color or theme.page_color,
        "link": theme.link_color,
        "page": theme.page_color,
        "slide-margin": theme.slide_margin,
        "slide-title": theme.slide_title_size,
        "slide-body": theme.slide_body_size,
        "slide-label": theme.slide_label_size,
    }
    items = ", ".join(
        f"{k}: {string(v) if isinstance(v, str) else round(float(v), 3)}" for k, v in values.items()
    )
    return f"#let t = ({items})"


def handout_source(
    lesson: Lesson, labels: Labels, theme: Theme, helplines: RegionHelplines | None = None
) -> Source:
    """The learner handout of a lesson as a Typst document (the sections lessonpress prints)."""
    src = Source()
    src.add(theme_dict(theme))
    right = lesson.title.plain + (f" · {lesson.license.plain}" if lesson.license else "")
    page_label = labels.page_of.format(n="").strip()
    label, _, of = page_label.rpartition(" ")
    from ..layout.help import help_footer  # (ReportLab: imported only where a handout is written)

    lines = help_footer(helplines, labels)
    footer = string(lines[0]) if lines else "none"
    src.add(
        f"#show: handout.with(t, title: {string(lesson.title.plain)}, page-label: {string(label)}, "
        f"of: {string(of)}, end: {string(right)}, help: {footer}, lang: {string(lesson.language)})"
    )
    facts = []
    if lesson.audience:
        facts.append(f"#strong({string(labels.audience + ':')}) #{content(lesson.audience)}")
    if lesson.age_range:
        facts.append(f"#strong({string(labels.ages + ':')}) #{content(lesson.age_range)}")
    if lesson.duration_minutes:
        facts.append(f"#{string(labels.minutes.format(n=lesson.duration_minutes))}")
    src.add(
        f"#lesson-title(t, {content(lesson.title)}, subtitle: {content(lesson.subtitle)}, "
        f"facts: [{' · '.join(facts)}], summary: {content(lesson.summary)})"
    )
    _heading(src, labels.objectives)
    _list(src, lesson.objectives)
    if lesson.vocabulary:
        _heading(src, labels.vocabulary)
        src.add(
            "#list("
            + ", ".join(f"[#strong({content(v.term)}) — #{content(v.definition)}]" for v in lesson.vocabulary)
            + ")"
        )
    _heading(src, labels.discussion)
    for n, prompt in enumerate(lesson.discussion_prompts, 1):
        src.add(f"#prompt(t, {n}, {content(prompt.prompt)}, {theme.write_in_lines})")
    if lesson.activities:
        _heading(src, labels.activities)
        for activity in lesson.activities:
            title = content(activity.title)
            if activity.minutes:
                title = f"[#{title} #{string('(' + labels.minutes_short.format(n=activity.minutes) + ')')}]"
            src.add(f"#subheading(t, {title})")
            src.add("#enum(" + ", ".join(content(s) for s in activity.steps) + ")")
    if lesson.warning_signs:
        _heading(src, labels.warning_signs)
        src.add(f"#text(fill: rgb(t.muted), {content(labels.warning_signs_intro)})")
        src.add("#checklist(t, (" + "".join(content(w) + ", " for w in lesson.warning_signs) + "))")
    src.add(
        f"#tinted(t, {content(labels.key_takeaways)}, ("
        + "".join(content(k) + ", " for k in lesson.key_takeaways)
        + "))"
    )
    shown_helplines = helplines if lesson.helplines else None
    resources = shown_helplines.resources(lesson.resources) if shown_helplines else lesson.resources
    if resources:
        _heading(src, labels.resources)
        _cards(src, resources, labels)
    if lesson.sources:
        _heading(src, labels.sources)
        items = []
        for source in lesson.sources:
            link = f" — #link({string(source.url)})" if source.url else ""
            items.append(f"[#{content(source.title)}{link}]")
        src.add("#list(" + ", ".join(items) + ")")
    if shown_helplines is not None:
        _help_panel(src, shown_helplines, labels, lesson.language)
    return src


def _help_panel(src: Source, found: RegionHelplines, labels: Labels, language: str) -> None:
    """The "Get help" panel, as lessonpress prints it last: a write-in box when the region is
    not known (labelled lines when one of its numbers is not), then the region's services and
    those that work anywhere, as cards, the whole panel kept on one page."""
    src.add("#block(breakable: false)[")
    _heading(src, labels.get_help)

    def slots(names: tuple[str, ...]) -> str:
        fields = [labels.child_helpline if n == CHILD_LINE else labels.emergency_number for n in names]
        return "".join(f"#write-in-field(t, {string(f)})" for f in fields)

    if not found.known:
        src.add(
            f"#help-box(t, {string(labels.local_helpline)}, {string(labels.local_intro)}, "
            f"[{slots(found.write_in)}], {string(labels.number_116111)})"
        )
    elif found.write_in:
        src.add(slots(found.write_in))
    for region, entries in ((found.region, found.entries), (INTERNATIONAL, found.international)):
        if entries:
            name = region_name(region, language, labels)
            src.add(f"#subheading(t, {string(labels.helplines_for.format(region=name))})")
            _cards(src, entries, labels)
    src.add("]")


def _heading(src: Source, label: str) -> None:
    src.add(f"#heading(level: 2, {content(label)})")


def _list(src: Source, texts: Iterable[RichText]) -> None:
    src.add("#list(" + ", ".join(content(t) for t in texts) + ")")


def _cards(src: Source, items: Iterable[Resource | Helpline], labels: Labels) -> None:
    cards = []
    for item in items:
        lines = [f"strong({content(item.name)})"]
        if item.description:
            lines.append(content(item.description))
        hours = getattr(item, "hours", None)
        if hours:
            lines.append(f"[#{string(labels.hours + ': ')}#{content(hours)}]")
        if item.phone:
            phone = item.phone.plain
            href = phone_link(phone)
            shown = f"link({string(href)}, {string(phone)})" if href else string(phone)
            lines.append(f"[#{string(labels.phone + ': ')}#{shown}]")
        if item.text:
            lines.append(f"[#{string(labels.text + ': ')}#{content(item.text)}]")
        if item.url:
            shown = string(_display(item.url))
            lines.append(f"[#{string(labels.web + ': ')}#link({string(item.url)}, {shown})]")
        qr = src.qr(item.url) if item.url else "none"
        cards.append(f"card(t, ({', '.join(lines)},), qr: {qr})")
    src.add("#cards(t, (" + "".join(c + ", " for c in cards) + "))")


def _display(url: str) -> str:
    from ..urls import display_url

    return display_url(url)


def deck_source(deck: SlideDeck, theme: Theme) -> Source:
    """A planned deck (`deck.plan_deck`) as Typst slides: one page per slide."""
    src = Source()
    src.add(theme_dict(theme))
    lesson = deck.lesson
    src.add(f"#show: deck.with(t, title: {string(lesson.title.plain)}, lang: {string(lesson.language)})")
    for slide in deck.slides:
        items = []
        for item in slide.items:
            qr = src.qr(item.qr) if item.qr else "none"
            items.append(f"({string(item.marker)}, {content(item.text)}, {qr})")
        kicker = string(slide.kicker) if slide.kicker else "none"
        src.add(
            f"#slide(t, {string(slide.kind)}, {content(slide.title)}, kicker: {kicker}, items: ("
            + "".join(i + ", " for i in items)
            + "))"
        )
    return src


def qr_svg(data: str) -> bytes:
    """A QR code (error level M, the quiet zone lessonpress prints) as an SVG path of dark runs."""
    from ..layout.flowables import QUIET_ZONE, qr_runs

    count, runs = qr_runs(data)
    side = count + 2 * QUIET_ZONE
    path = "".join(f"M{c + QUIET_ZONE} {r + QUIET_ZONE}h{n}v1h-{n}z" for r, c, n in runs)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges">'
        f'<rect width="{side}" height="{side}" fill="#fff"/><path d="{path}" fill="#000"/></svg>'
    ).encode()


def one_thread() -> None:
    """Typst works on one thread here and in the processes the benchmark starts, as lessonpress
    does. The verdicts use CPU time, and Typst's pool of worker threads (one per CPU) spins while
    it waits: its CPU time then depends on how busy the machine is (under load, 10-15% more on 2
    CPUs), not only on the work, and a ratio stored on one machine would not hold on another."""
    os.environ["RAYON_NUM_THREADS"] = "1"


class Yardstick:
    """A folder of Typst main files and one warm compiler over it (fonts loaded once)."""

    def __init__(self, folder: Path, theme: Theme) -> None:
        one_thread()
        import typst

        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        (folder / TEMPLATE.name).write_bytes(TEMPLATE.read_bytes())
        self.fonts = font_folders(theme)
        self.compiler = typst.Compiler(root=str(folder), font_paths=self.fonts, ignore_system_fonts=True)

    def write(self, name: str, source: Source) -> Path:
        """Write a main file and its images; returns the main file's path."""
        for file, data in source.files.items():
            (self.folder / file).write_bytes(data)
        path = self.folder / f"{name}.typ"
        path.write_text(source.text, encoding="utf-8")
        return path

    def compile(self, main: Path) -> bytes:
        """Compile one main file to PDF bytes with the warm compiler."""
        data = self.compiler.compile(input=str(main), format="pdf", timestamp=0)
        assert isinstance(data, bytes)
        return data

    def compile_to(self, main: Path, output: Path) -> None:
        """Compile one main file and write the PDF file, with the warm compiler."""
        self.compiler.compile(input=str(main), output=str(output), format="pdf", timestamp=0)

    def cold_command(self, main: Path, output: Path) -> list[str]:
        """A fresh process that imports Typst and compiles `main` to `output`."""
        code = (
            "import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3], "
            "font_paths=sys.argv[4:], ignore_system_fonts=True, timestamp=0)"
        )
        return [sys.executable, "-c", code, str(main), str(output), str(self.folder), *self.fonts]
