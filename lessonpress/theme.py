"""The look of every output: fonts, sizes, colours and margins, as one frozen value.

Layout modules take every colour and size from a Theme, never from a literal, so a school's
black-and-white theme or an NGO's colours change all formats at once. The default is chosen to
print well in black and white: dark text, one dark accent, a very light tint for boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import SourceLocation

MM = 72 / 25.4


@dataclass(frozen=True)
class Theme:
    """Fonts (by family name), sizes in points, colours as #rrggbb, margins in millimetres."""

    name: str = "default"
    body_font: str = "Atkinson"
    heading_font: str = "Atkinson"
    mono_font: str = "PlexMono"
    body_size: float = 11.5
    small_size: float = 9.0
    title_size: float = 24.0
    subtitle_size: float = 13.5
    heading_size: float = 15.0
    line_spacing: float = 1.35
    text_color: str = "#1a1a1a"
    accent_color: str = "#1d4e89"
    muted_color: str = "#4a4a4a"
    rule_color: str = "#8c8c8c"
    box_fill: str = "#e9eff6"
    link_color: str = "#1d4e89"
    margin_mm: float = 18.0
    write_in_lines: int = 3
    write_in_spacing: float = 22.0
    slide_title_size: float = 40.0  # slides: titles shrink to `slide_min_title_size`
    slide_min_title_size: float = 36.0
    slide_body_size: float = 28.0  # slides: body text shrinks to `slide_min_body_size`
    slide_min_body_size: float = 24.0
    slide_label_size: float = 16.0  # slides: the slide number
    slide_margin_mm: float = 16.0
    page_color: str = "#ffffff"  # slide background; `dyslexia-friendly` tints it
    rule_width: float = 0.6  # write-in lines and thin rules, in points
    inner_margin_mm: float | None = None  # binding edge of two-sided guides and packs
    italics: bool = True  # `dyslexia-friendly` prints emphasis upright
    organisation: str | None = None
    licence: str | None = None  # a licence line for every footer
    logo: bytes | None = None  # PNG bytes, already checked and cleaned (assets.py)
    presets: tuple[str, ...] = ()  # print presets applied (they name the output file)
    # Where a theme file set each field ((field, key as written, location), in file order), so
    # a layout that fails only with this theme is reported at the value, not at the lesson.
    origins: tuple[tuple[str, str, SourceLocation], ...] = field(default=(), compare=False, repr=False)

    @property
    def margin(self) -> float:
        """Page margin in points."""
        return self.margin_mm * MM

    @property
    def slide_margin(self) -> float:
        """Slide margin in points."""
        return self.slide_margin_mm * MM

    @property
    def box_color(self) -> str | None:
        """Fill of highlighted boxes; None when the theme (or ink saver) says `none`."""
        return None if self.box_fill == "none" else self.box_fill

    def line(self, weight: float = 1.0) -> float:
        """A rule's width: `weight` times the theme's thin rule (high contrast doubles them all)."""
        return round(self.rule_width * weight, 3)

    def leading(self, size: float) -> float:
        """Line height for a font size."""
        return round(size * self.line_spacing, 2)


DEFAULT_THEME = Theme()
