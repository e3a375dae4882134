"""Turn a theme file (`assets/themes/<name>.yaml`) and print presets into a Theme.

A theme changes only what it names: colours, fonts by family, sizes, spacing, margins, the
organisation, its logo and a license line; `extends:` starts from another theme. Presets (large
print, dyslexia-friendly, high contrast, ink saver) are transformations applied on top of any
theme, so each is one flag for every format and language.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .assets import load_logo
from .errors import LessonError, SourceLocation
from .fonts import known_families
from .model import Color, Number, doc
from .theme import DEFAULT_THEME, Theme
from .validate import Converter
from .yamlio import load_yaml

THEMES_DIR = Path("assets") / "themes"
MAX_EXTENDS = 5
PRESETS = ("large-print", "dyslexia-friendly", "high-contrast", "ink-saver")


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

    body: Number | None = doc("Body text (at least 11 on handouts).")
    small: Number | None = doc("Footers and notes.")
    title: Number | None = doc("Lesson title.")
    subtitle: Number | None = doc("Subtitle.")
    heading: Number | None = doc("Section headings.")
    slide_title: Number | None = doc("Slide titles (at least 36).")
    slide_body: Number | None = doc("Slide text (at least 24).")


@dataclass(frozen=True)
class ThemeSpacing:
    """Line spacing (a factor of the type size) and write-in lines."""

    line: Number | None = doc("Line height as a multiple of the type size, e.g. 1.35.")
    write_in_lines: Number | None = doc("Lines to write on under each discussion prompt.")
    write_in_gap: Number | None = doc("Distance between write-in lines, in points.")
    rule_width: Number | None = doc("Width of rules and box outlines, in points.")


@dataclass(frozen=True)
class ThemeMargins:
    """Margins in millimetres."""

    page: Number | None = doc("Every edge of a portrait page (at least 12).")
    inner: Number | None = doc("The binding edge in guides and packs printed on both sides.")
    slide: Number | None = doc("Every edge of a slide.")


@dataclass(frozen=True)
class ThemeFile:
    """A theme: only what differs from the theme it extends."""

    extends: str | None = doc("Theme to start from (default: the built-in one).")
    organisation: str | None = doc("Organisation named on covers and in the page header.")
    logo: str | None = doc("PNG or JPEG in the project, shown in the page header.")
    license: str | None = doc("License line printed in every footer (as in a lesson).")
    licence: str | None = doc("The same as `license` (British spelling).")
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
_MINIMUMS = {
    "body_size": 11.0,
    "slide_title_size": 36.0,
    "slide_body_size": 24.0,
    "margin_mm": 12.0,
    "inner_margin_mm": 12.0,
    "slide_margin_mm": 12.0,
}


def available_themes(root: Path = Path()) -> list[str]:
    """`default` and every theme file in the project."""
    folder = root / THEMES_DIR
    found = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    return ["default", *[n for n in found if n != "default"]]


def load_theme(
    name: str, root: Path = Path(), _seen: tuple[str, ...] = ()
) -> tuple[Theme | None, list[LessonError]]:
    """The theme called `name` (following `extends:`), or None with the reasons."""
    if name == "default":
        return DEFAULT_THEME, []
    path = root / THEMES_DIR / f"{name}.yaml"
    shown = str(THEMES_DIR / f"{name}.yaml")
    if name in _seen or len(_seen) > MAX_EXTENDS:
        return None, [
            LessonError(
                f"theme '{name}' extends itself (through {' -> '.join(_seen)})",
                code="theme.cycle",
                location=SourceLocation(shown, 1, 1),
            )
        ]
    if not path.is_file():
        return None, [
            LessonError(
                f"no theme called '{name}'",
                code="theme.unknown",
                hint="known themes: " + ", ".join(available_themes(root)),
            )
        ]
    try:
        document = load_yaml(path.read_bytes(), shown)
    except LessonError as problem:
        return None, [problem]
    converter = Converter(document)
    spec = converter.root(ThemeFile, "a theme file")
    problems = converter.problems
    if spec is None or any(p.is_error for p in problems):
        return None, problems
    base, found = load_theme(spec.extends or "default", root, (*_seen, name))
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
    for (group, key), field in _FIELDS.items():
        section = getattr(spec, group)
        value = getattr(section, key) if section is not None else None
        if value is None:
            continue
        where = document.where((group, key))
        if group == "fonts" and value not in known_families():
            problems.append(
                LessonError(
                    f"unknown font family '{value}'",
                    code="theme.font",
                    location=where,
                    hint="known: " + ", ".join(known_families()),
                )
            )
        elif field in _MINIMUMS and value < _MINIMUMS[field]:
            problems.append(
                LessonError(
                    f"'{key}' must be at least {_MINIMUMS[field]:g}",
                    code="theme.size",
                    location=where,
                    hint="smaller does not print or project well",
                )
            )
        changes[field] = int(value) if field == "write_in_lines" else value
    if spec.organisation:
        changes["organisation"] = spec.organisation
    if spec.license and spec.licence:
        problems.append(
            LessonError(
                "'license' and 'licence' are the same setting",
                code="theme.duplicate",
                location=document.where(("licence",), key=True),
                hint="keep one of them (lessons write `license`)",
            )
        )
    if spec.license or spec.licence:
        changes["licence"] = spec.license or spec.licence
    if spec.logo:
        logo, found = load_logo(spec.logo, root, document.where(("logo",)))
        problems += found
        changes["logo"] = logo
    if any(p.is_error for p in problems):
        return None, problems
    return dataclasses.replace(base, **changes), problems


def apply_presets(theme: Theme, presets: tuple[str, ...]) -> Theme:
    """The theme with each preset applied, in a fixed order whatever order they were asked in."""
    if not presets:
        return theme
    original = theme
    for preset in PRESETS:
        if preset in presets:
            theme = _PRESETS[preset](theme)
    chosen = tuple(p for p in PRESETS if p in presets)
    return dataclasses.replace(theme, presets=chosen, before_presets=original)


def theme_for_format(theme: Theme, presets: tuple[str, ...]) -> Theme:
    """The theme with only `presets` of its presets (those that change a format) applied."""
    if presets == theme.presets or theme.before_presets is None:
        return theme
    return apply_presets(theme.before_presets, presets)


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
