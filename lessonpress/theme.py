"""The look of every output: fonts, sizes, colours and margins, as one frozen value.

Layout modules take every colour and size from a Theme, never from a literal, so a school's
black-and-white theme or an NGO's colours change all formats at once. The default is chosen to
print well in black and white: dark text, one dark accent, a very light tint for boxes.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field

from .errors import SourceLocation

MM = 72 / 25.4
_SECTION_TURNS = (0, 150, 250, 100)  # hue turns, in degrees, of the section colours


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
    # Audiences (the first word of a lesson id: teens-3-sextortion -> teens) whose slides and
    # pack dividers get a colour of their own, made from the accent by turning its hue.
    sections: tuple[str, ...] = ("teens", "preteens", "parents", "educators")
    presets: tuple[str, ...] = ()  # print presets applied (they name the output file)
    min_text_size: float = 0.0  # large print: no text smaller (footers: small_size)
    density: float = 1.0  # vertical space factor; layout tightens it (< 1) when a
    # document would end on an almost empty page
    # The theme before its presets (a format that a preset does not change is built from it).
    before_presets: Theme | None = field(default=None, compare=False, repr=False)
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

    @property
    def detail_size(self) -> float:
        """Type size of secondary text (help cards, sources): a little above the small size,
        never under the theme's smallest text size."""
        return self.least(self.small_size + 1.5)

    def least(self, size: float) -> float:
        """`size`, or the theme's smallest text size when that is larger (large print)."""
        return max(size, self.min_text_size)

    def section_color(self, key: str) -> str:
        """The colour of an audience's section: the accent for the first, then the accent's
        hue turned (same saturation, dark enough for white text) for the others. A grey or
        black accent (ink saver, high contrast) stays as it is."""
        if key not in self.sections:
            return self.accent_color
        r, g, b = (int(self.accent_color[i : i + 2], 16) / 255 for i in (1, 3, 5))
        hue, light, saturation = colorsys.rgb_to_hls(r, g, b)
        if saturation < 0.05 or max(r, g, b) - min(r, g, b) < 0.05:
            return self.accent_color
        turn = _SECTION_TURNS[self.sections.index(key) % len(_SECTION_TURNS)]
        if turn == 0 and light <= 0.33:
            return self.accent_color
        light = min(light, 0.32)
        while True:  # dark enough for white text (contrast at least 7:1)
            rgb = colorsys.hls_to_rgb((hue + turn / 360) % 1, light, saturation)
            if _luminance(rgb) <= 0.1 or light < 0.05:
                return "#" + "".join(f"{round(v * 255):02x}" for v in rgb)
            light -= 0.02

    def space(self, points: float) -> float:
        """Vertical space between blocks, scaled by the theme's density."""
        return round(points * self.density, 2)

    def leading(self, size: float) -> float:
        """Line height for a font size."""
        return round(size * self.line_spacing, 2)


def _luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an sRGB colour (0 black to 1 white)."""

    def linear(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


DEFAULT_THEME = Theme()
