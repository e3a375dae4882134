"""Turn a theme file (`assets/themes/<name>.yaml`) and print presets into a Theme.

A theme changes only what it names: colours, fonts by family, sizes, spacing, margins, the
organisation, its logo and a licence line; `extends:` starts from another theme. Presets (large
print, dyslexia-friendly, high contrast, ink saver) are transformations applied on top of any
theme, so each is one flag for every format and language.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assets import load_logo
from .errors import LessonError, SourceLocation
from .fonts import known_families
from .model import Color, Number, doc
from .project import read_input
from .theme import DEFAULT_THEME, Theme
from .validate import Converter
from .yamlio import load_yaml

THEMES_DIR = Path("assets") / "themes"
MAX_EXTENDS = 10  # themes in one `extends:` chain
THEME_NAME = re.compile("[a-z0-9][a-z0-9-]{0,63}")
PRESETS = ("large-print", "dyslexia-friendly", "high-contrast", "ink-saver")


# The range of every number, chosen so that any mix of values (and any preset on top) still
# lays out on the smallest paper, A5, and on a slide; outside it a layout would fail or be
# unreadable (issue 13: a margin of 300 or a body size of 999 crashed the build).
_RANGES: dict[str, tuple[float, float, str]] = {
    "body_size": (11, 20, "pt"),
    "small_size": (7, 12, "pt"),
    "title_size": (14, 40, "pt"),
    "subtitle_size": (9, 28, "pt"),
    "heading_size": (11, 28, "pt"),
    "slide_title_size": (36, 60, "pt"),
    "slide_body_size": (24, 40, "pt"),
    "line_spacing": (1.0, 2.0, "times the type size"),
    "write_in_lines": (1, 8, "lines"),
    "write_in_spacing": (14, 36, "pt"),
    "rule_width": (0.2, 3, "pt"),
    "margin_mm": (12, 25, "mm"),
    "inner_margin_mm": (12, 25, "mm"),
    "slide_margin_mm": (12, 25, "mm"),
}


def _span(field: str) -> str:
    """How a theme reference states a value's range: '11 to 20 pt'."""
    low, high, unit = _RANGES[field]
    return f"{low:g} to {high:g} {unit}"


@dataclass(frozen=True)
class ThemeColors:
    """Colours as #rrggbb (`none` for no fill)."""

    text: Color | None = doc("Body text.")
    accent: Color | None = doc("Titles, headings and box outlines.")
    muted: Color | None = doc("Secondary text: subtitles, footers.")
    rule: Color | None = doc("Rules and write-in lines.")
    box: Color | None = doc("Fill of highlighted boxes (`none`: outline only).")
    link: Color | None = doc("Links.")
    page: Color | None = doc("Background of slides (printed pages stay white).")


@dataclass(frozen=True)
class ThemeFonts:
    """Font families by name (see `lessonpress themes`)."""

    body: str | None = doc("Body text.")
    heading: str | None = doc("Titles and headings.")
    mono: str | None = doc("Code.")


@dataclass(frozen=True)
class ThemeSizes:
    """Type sizes in points."""

    body: Number | None = doc(f"Body text, {_span('body_size')}.")
    small: Number | None = doc(f"Footers and notes, {_span('small_size')}.")
    title: Number | None = doc(f"Lesson title, {_span('title_size')}.")
    subtitle: Number | None = doc(f"Subtitle, {_span('subtitle_size')}.")
    heading: Number | None = doc(f"Section headings, {_span('heading_size')}.")
    slide_title: Number | None = doc(f"Slide titles, {_span('slide_title_size')}.")
    slide_body: Number | None = doc(f"Slide text, {_span('slide_body_size')}.")


@dataclass(frozen=True)
class ThemeSpacing:
    """Line spacing (a factor of the type size) and write-in lines."""

    line: Number | None = doc(f"Line height, {_span('line_spacing')} (e.g. 1.35).")
    write_in_lines: Number | None = doc(
        f"Lines to write on under each discussion prompt, {_span('write_in_lines')}."
    )
    write_in_gap: Number | None = doc(f"Distance between write-in lines, {_span('write_in_spacing')}.")
    rule_width: Number | None = doc(f"Width of rules and box outlines, {_span('rule_width')}.")


@dataclass(frozen=True)
class ThemeMargins:
    """Margins in millimetres."""

    page: Number | None = doc(f"Every edge of a portrait page, {_span('margin_mm')}.")
    inner: Number | None = doc(f"The binding edge of two-sided guides and packs, {_span('inner_margin_mm')}.")
    slide: Number | None = doc(f"Every edge of a slide, {_span('slide_margin_mm')}.")


@dataclass(frozen=True)
class ThemeFile:
    """A theme: only what differs from the theme it extends."""

    extends: str | None = doc("Name of the theme to start from (default: the built-in one).")
    organisation: str | None = doc("Organisation named on covers and in the page header.")
    logo: str | None = doc("PNG or JPEG in the project, shown in the page header (at most 8:1 or 1:8).")
    licence: str | None = doc("Licence line printed in every footer.")
    colors: ThemeColors | None = doc("Colours.")
    fonts: ThemeFonts | None = doc("Fonts.")
    sizes: ThemeSizes | None = doc("Type sizes.")
    spacing: ThemeSpacing | None = doc("Spacing.")
    margins: ThemeMargins | None = doc("Margins.")


# Theme file group.key -> Theme field.
_FIELDS = {
    ("colors", "text"): "text_color",
    ("colors", "accent"): "accent_color",
    ("colors", "muted"): "muted_color",
    ("colors", "rule"): "rule_color",
    ("colors", "box"): "box_fill",
    ("colors", "link"): "link_color",
    ("colors", "page"): "page_color",
    ("fonts", "body"): "body_font",
    ("fonts", "heading"): "heading_font",
    ("fonts", "mono"): "mono_font",
    ("sizes", "body"): "body_size",
    ("sizes", "small"): "small_size",
    ("sizes", "title"): "title_size",
    ("sizes", "subtitle"): "subtitle_size",
    ("sizes", "heading"): "heading_size",
    ("sizes", "slide_title"): "slide_title_size",
    ("sizes", "slide_body"): "slide_body_size",
    ("spacing", "line"): "line_spacing",
    ("spacing", "write_in_lines"): "write_in_lines",
    ("spacing", "write_in_gap"): "write_in_spacing",
    ("spacing", "rule_width"): "rule_width",
    ("margins", "page"): "margin_mm",
    ("margins", "inner"): "inner_margin_mm",
    ("margins", "slide"): "slide_margin_mm",
}


def available_themes(root: Path = Path()) -> list[str]:
    """`default` and every theme file in the project."""
    folder = root / THEMES_DIR
    found = (
        sorted(p.stem for p in folder.glob("*.yaml") if THEME_NAME.fullmatch(p.stem))
        if folder.is_dir()
        else []
    )
    return ["default", *[n for n in found if n != "default"]]


def load_theme(
    name: str, root: Path = Path(), _seen: tuple[str, ...] = (), _via: SourceLocation | None = None
) -> tuple[Theme | None, list[LessonError]]:
    """The theme called `name` (following `extends:`), or None with the reasons.

    A name is a name, not a path (`[a-z0-9-]+`): `--theme ../../x` or `extends: /etc/x` once
    loaded YAML from anywhere (issue 13). It is looked up in the project's assets/themes/ only.
    """
    if name == "default":
        return DEFAULT_THEME, []
    if not THEME_NAME.fullmatch(name):
        return None, [
            LessonError(
                f"'{name}' is not a theme name",
                code="theme.name",
                location=_via,
                hint="a theme name is lower-case letters, digits and hyphens (e.g. ngo): "
                "the file name in assets/themes/ without .yaml",
            )
        ]
    chain = " -> ".join((*_seen, name))
    if name in _seen:
        return None, [
            LessonError(
                f"themes extend each other in a circle: {chain}",
                code="theme.cycle",
                location=_via,
                hint="one of them must extend another theme, or `default`",
            )
        ]
    if len(_seen) >= MAX_EXTENDS:
        return None, [
            LessonError(
                f"themes extend each other more than {MAX_EXTENDS} deep: {chain}",
                code="theme.too-deep",
                location=_via,
                hint="copy the values you need into a theme nearer the top",
            )
        ]
    path = root / THEMES_DIR / f"{name}.yaml"
    shown = str(THEMES_DIR / f"{name}.yaml")
    if not path.is_file():
        return None, [
            LessonError(
                f"no theme called '{name}'",
                code="theme.unknown",
                location=_via,
                hint="known themes: " + ", ".join(available_themes(root)),
            )
        ]
    try:
        document = load_yaml(read_input(path, shown), shown)
    except LessonError as problem:
        return None, [problem]
    converter = Converter(document)
    spec = converter.root(ThemeFile, "a theme file")
    problems = converter.problems
    if spec is None or any(p.is_error for p in problems):
        return None, problems
    base, found = load_theme(spec.extends or "default", root, (*_seen, name), document.where(("extends",)))
    if base is None:
        return None, problems + found
    theme, found = _apply(base, spec, name, document, root)
    return theme, problems + found


def _apply(
    base: Theme,
    spec: ThemeFile,
    name: str,
    document,
    root: Path,  # noqa: ANN001
) -> tuple[Theme | None, list[LessonError]]:
    changes: dict = {"name": name}
    problems: list[LessonError] = []
    origins = list(base.origins)
    for (group, key), field in _FIELDS.items():
        section = getattr(spec, group)
        value = getattr(section, key) if section is not None else None
        if value is None:
            continue
        where = document.where((group, key))
        origins.append((field, f"{group}.{key}", where))
        if group == "fonts" and value not in known_families():
            problems.append(
                LessonError(
                    f"unknown font family '{value}'",
                    code="theme.font",
                    location=where,
                    hint="known: " + ", ".join(known_families()),
                )
            )
        elif group == "colors" and value == "none" and key != "box":
            problems.append(
                LessonError(
                    f"'colors.{key}' cannot be none: only the box fill may be left out",
                    code="theme.color",
                    location=where,
                    hint="write a colour as #rrggbb, e.g. #1a1a1a",
                )
            )
        elif field in _RANGES:
            problems += _out_of_range(field, f"{group}.{key}", value, where)
        changes[field] = int(value) if field == "write_in_lines" else value
    for key in ("organisation", "licence"):
        if getattr(spec, key):
            changes[key] = getattr(spec, key)
            origins.append((key, key, document.where((key,))))
    if spec.logo:
        logo, found = load_logo(spec.logo, root, document.where(("logo",)))
        problems += found
        changes["logo"] = logo
        origins.append(("logo", "logo", document.where(("logo",))))
    if any(p.is_error for p in problems):
        return None, problems
    latest = {o[0]: o for o in origins}  # a value set again overrides its base's
    origins = sorted(latest.values(), key=lambda o: (o[2].path, o[2].line, o[2].column))
    return dataclasses.replace(base, **changes, origins=tuple(origins)), problems


def _out_of_range(field: str, key: str, value: float, where: SourceLocation) -> list[LessonError]:
    low, high, unit = _RANGES[field]
    if field == "write_in_lines" and value != int(value):
        return [
            LessonError(
                f"'{key}' must be a whole number of lines, not {value:g}", code="theme.size", location=where
            )
        ]
    if low <= value <= high:
        return []
    if value < low:
        message = f"'{key}' must be at least {low:g} {unit}"
        hint = "smaller does not print or project well"
    else:
        message = f"'{key}' must be at most {high:g} {unit}"
        hint = "larger leaves no room on A5 paper or a slide"
    return [
        LessonError(
            f"{message}, not {value:g}",
            code="theme.size",
            location=where,
            hint=f"{hint}; use {low:g} to {high:g}",
        )
    ]


def apply_presets(theme: Theme, presets: tuple[str, ...]) -> Theme:
    """The theme with each preset applied, in a fixed order whatever order they were asked in."""
    for preset in PRESETS:
        if preset in presets:
            theme = _PRESETS[preset](theme)
    return dataclasses.replace(theme, presets=tuple(p for p in PRESETS if p in presets))


def preset_suffix(presets: tuple[str, ...]) -> str:
    """File-name suffix of a preset build, e.g. `large-print.ink-saver` ('' for none)."""
    return ".".join(p for p in PRESETS if p in presets)


def _large_print(t: Theme) -> Theme:
    scale = max(1.0, 18.0 / t.body_size)
    return dataclasses.replace(
        t,
        body_size=max(18.0, t.body_size),
        small_size=max(13.0, t.small_size * scale),
        title_size=t.title_size * scale,
        subtitle_size=t.subtitle_size * scale,
        heading_size=t.heading_size * scale,
        margin_mm=max(t.margin_mm, 22.0),
        write_in_spacing=t.write_in_spacing * 1.4,
        line_spacing=max(t.line_spacing, 1.4),
    )


def _dyslexia_friendly(t: Theme) -> Theme:
    return dataclasses.replace(
        t,
        body_font="Lexend",
        heading_font="Lexend",
        body_size=max(t.body_size, 12.5),
        line_spacing=max(t.line_spacing, 1.65),
        italics=False,
        page_color="#fbf8ef",
    )


def _high_contrast(t: Theme) -> Theme:
    return dataclasses.replace(
        t,
        text_color="#000000",
        accent_color="#000000",
        muted_color="#000000",
        rule_color="#000000",
        link_color="#000000",
        box_fill="none",
        page_color="#ffffff",
        rule_width=t.rule_width * 2,
    )


def _ink_saver(t: Theme) -> Theme:
    grey: dict[str, Any] = {
        f: _grey(getattr(t, f))
        for f in ("text_color", "accent_color", "muted_color", "rule_color", "link_color")
    }
    return dataclasses.replace(t, **grey, box_fill="none", page_color="#ffffff")


def _grey(color: str) -> str:
    if color == "none":
        return color
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    level = round(0.299 * r + 0.587 * g + 0.114 * b)
    return f"#{level:02x}{level:02x}{level:02x}"


_PRESETS = {
    "large-print": _large_print,
    "dyslexia-friendly": _dyslexia_friendly,
    "high-contrast": _high_contrast,
    "ink-saver": _ink_saver,
}


SPECIMEN = Path(__file__).parent / "data" / "specimen.yaml"


def preview(theme: Theme, paper: str, path: Path) -> None:
    """Write a one-page specimen of a theme: every element of a handout, briefly."""
    from .jobs import Job, render_job
    from .lessons import check_lesson
    from .output import write_atomic
    from .project import LessonFile
    from .settings import BuildSettings

    lesson, problems = check_lesson(LessonFile(SPECIMEN, str(SPECIMEN), "specimen"), theme)
    if lesson is None:
        raise problems[0]
    job = Job((lesson,), "handout", path, BuildSettings(paper=paper, theme=theme), "")
    write_atomic(path, render_job(job))
