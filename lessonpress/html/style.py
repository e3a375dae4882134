"""Turn a Theme into the page's stylesheet: colours, fonts, sizes, spacing and a print sheet.

Every colour is checked against the background it sits on and darkened, if it must be, until it
meets WCAG 2.2 AA (4.5:1 for text, 3:1 for the borders of form fields), so any theme and every
preset stays readable on screen. Sizes follow the theme's points: large print is large here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..theme import Theme

TEXT_RATIO = 4.5  # WCAG 1.4.3, normal text
UI_RATIO = 3.0  # WCAG 1.4.11, form field borders and rules that carry meaning
WHITE = "#ffffff"


def luminance(color: str) -> float:
    """Relative luminance of #rrggbb (WCAG 2.2 definition)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(color: str, backgrounds: tuple[str, ...], ratio: float = TEXT_RATIO) -> str:
    """`color`, darkened in small steps until it reaches `ratio` on every background."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(0, 21):
        keep = 1 - step / 20
        candidate = f"#{round(r * keep):02x}{round(g * keep):02x}{round(b * keep):02x}"
        if all(contrast(candidate, bg) >= ratio for bg in backgrounds):
            return candidate
    return "#000000"


@dataclass(frozen=True)
class Palette:
    """The page's colours after the contrast check."""

    page: str
    box: str
    text: str
    accent: str
    muted: str
    link: str
    rule: str


def palette(theme: Theme) -> Palette:
    """The theme's colours, each readable on the page and inside tinted boxes."""
    page = theme.page_color if theme.page_color.startswith("#") else WHITE
    box = theme.box_color or page
    grounds = (page, box)
    return Palette(
        page,
        box,
        readable(theme.text_color, grounds),
        readable(theme.accent_color, grounds),
        readable(theme.muted_color, grounds),
        readable(theme.link_color, grounds),
        readable(theme.rule_color, grounds, UI_RATIO),
    )


def _rem(points: float, theme: Theme) -> str:
    """A theme size in points as rem: the default body size reads at 1.125rem (18 px)."""
    return f"{points / 11.5 * 1.125:.3f}rem"


def stylesheet(theme: Theme, fonts: dict[str, str], font_faces: str) -> str:
    """The whole CSS of a page; `fonts` maps body/heading/mono to CSS font-family lists."""
    c = palette(theme)
    body, heading, mono = fonts["body"], fonts["heading"], fonts["mono"]
    line = theme.line_spacing
    box = "none" if theme.box_color is None else c.box
    emphasis = "" if theme.italics else "em{font-style:normal;text-decoration:underline}"
    rule = max(1.0, theme.rule_width * 1.6)
    write_in = theme.write_in_lines * theme.write_in_spacing
    return "".join(
        [
            font_faces,
            f":root{{color-scheme:light;--text:{c.text};--accent:{c.accent};--muted:{c.muted};"
            f"--link:{c.link};--rule:{c.rule};--page:{c.page};--box:{box}}}",
            "*,*::before,*::after{box-sizing:border-box}",
            f"html{{background:var(--page);color:var(--text);font-family:{body};"
            f"font-size:100%;line-height:{line}}}",
            "body{margin:0 auto;max-width:46rem;padding:1.5rem 1.25rem 3rem;"
            f"font-size:{_rem(theme.body_size, theme)}}}",
            f"h1,h2,h3{{font-family:{heading};color:var(--accent);line-height:1.2;"
            "margin:1.6em 0 .5em;break-after:avoid}",
            f"h1{{font-size:{_rem(theme.title_size, theme)};margin-top:.5em}}",
            f"h2{{font-size:{_rem(theme.heading_size, theme)}}}",
            f"h3{{font-size:{_rem((theme.heading_size + theme.body_size) / 2, theme)};color:var(--text)}}",
            f".subtitle{{font-size:{_rem(theme.subtitle_size, theme)};color:var(--muted);margin:0 0 .4em}}",
            ".facts,.intro,.kind{color:var(--muted)}",
            f".facts{{border-bottom:{rule * 1.5:.1f}px solid var(--accent);padding-bottom:.6em}}",
            f"code{{font-family:{mono};font-size:.92em}}",
            "a{color:var(--link);text-decoration:underline;overflow-wrap:anywhere}",
            "a:focus-visible,textarea:focus-visible,input:focus-visible,.skip:focus{"
            "outline:3px solid var(--accent);outline-offset:2px}",
            "li{margin:.25em 0}",
            f".box{{background:var(--box);border:{rule:.1f}px solid var(--accent);border-radius:4px;"
            "padding:.2em 1.1em .8em;margin:1.4em 0}",
            ".box>h2:first-child{margin-top:.6em}",
            "dl{margin:0}dt{font-weight:700;margin-top:.5em}dd{margin:0 0 .3em;margin-inline-start:1.25em}",
            "ol.prompts{padding-inline-start:1.6em}ol.prompts>li{margin:0 0 1.1em}",
            "label.prompt{display:block;margin-bottom:.35em}",
            f"textarea{{display:block;width:100%;min-height:{_rem(write_in, theme)};"
            f"font:inherit;color:var(--text);background:{c.page};border:{rule:.1f}px solid var(--rule);"
            "border-radius:3px;padding:.4em .5em;resize:vertical}",
            "fieldset{border:0;padding:0;margin:0}legend{color:var(--muted);padding:0;margin-bottom:.3em}",
            "ul.checklist{list-style:none;padding:0}"
            "ul.checklist li{display:flex;gap:.6em;align-items:flex-start}",
            "ul.checklist input{width:1.15em;height:1.15em;margin:.2em 0 0;flex:none;"
            f"accent-color:{c.accent}}}",
            "ul.cards{list-style:none;padding:0;display:grid;gap:.8em 1.4em;"
            "grid-template-columns:repeat(auto-fill,minmax(16rem,1fr))}",
            f"ul.cards>li{{border-inline-start:{rule * 2:.1f}px solid var(--rule);"
            "padding-inline-start:.8em}",
            "ul.cards p{margin:.1em 0}",
            "p.write-in{display:flex;gap:.6em;align-items:baseline;flex-wrap:wrap}"
            "p.write-in label{font-weight:bold}p.write-in input{flex:1;min-width:10em;font:inherit}",
            f"p.help-now{{border:{rule * 1.5:.1f}px solid var(--accent);"
            "border-radius:4px;padding:.4em .8em}a.to-help{white-space:nowrap}",
            "table{border-collapse:collapse;width:100%;margin:.5em 0}",
            f"th,td{{text-align:start;vertical-align:top;padding:.35em .5em;"
            f"border-bottom:{rule:.1f}px solid var(--rule)}}",
            f"thead th{{border-bottom:{rule * 2:.1f}px solid var(--accent)}}",
            f"tfoot th,tfoot td{{border-top:{rule * 2:.1f}px solid var(--accent);font-weight:700}}",
            "td.n,th.n{text-align:end}td.n,td.t{font-variant-numeric:tabular-nums;white-space:nowrap}",
            "tbody th{font-weight:400}",
            ".draft{border:2px solid var(--text);padding:.4em .8em;margin:0 0 1em;font-weight:700}",
            ".draft p{margin:0}",
            ".note{color:var(--muted)}",
            ".lang-block{border-inline-start:3px solid var(--rule);padding-inline-start:1em;margin:1.2em 0}",
            ".lang-name{color:var(--muted);font-size:.85em;margin:0}",
            ".lang-block>section>h2,.lang-block>h1,.lang-block>h2{margin-top:.3em}",
            ".org{display:flex;align-items:center;gap:.6em;color:var(--muted);margin-bottom:.5em}",
            ".org img{height:2.2rem;width:auto}",
            "footer{margin-top:3em;border-top:1px solid var(--rule);padding-top:.6em;color:var(--muted);"
            f"font-size:{_rem(max(theme.small_size, theme.body_size * 0.8), theme)}}}",
            ".skip{position:absolute;left:-999rem}.skip:focus{position:static;display:inline-block}",
            emphasis,
            print_stylesheet(theme),
        ]
    )


def print_stylesheet(theme: Theme) -> str:
    """Paper: the theme's margins, point sizes, no background tints unless the printer keeps them,
    form fields as boxes to write in, nothing split that should stay together."""
    write_in = theme.write_in_lines * theme.write_in_spacing
    return "".join(
        [
            "@media print{",
            f"@page{{margin:{theme.margin_mm:.1f}mm}}",
            f"html{{font-size:{theme.body_size:.2f}pt;background:#fff}}",
            "body{max-width:none;padding:0;font-size:1rem}",
            f"h1{{font-size:{theme.title_size:.2f}pt}}h2{{font-size:{theme.heading_size:.2f}pt}}",
            f"h3{{font-size:{(theme.heading_size + theme.body_size) / 2:.2f}pt}}",
            f".subtitle{{font-size:{theme.subtitle_size:.2f}pt}}",
            f"footer{{font-size:{max(theme.small_size, 9.0):.2f}pt}}",
            f"textarea{{min-height:{write_in:.1f}pt;resize:none;background:#fff}}",
            "ol.prompts>li,ul.cards>li,ul.checklist li,tr,.draft{break-inside:avoid}",
            "h2,h3{break-after:avoid}",
            ".skip{display:none}",
            "}",
        ]
    )
