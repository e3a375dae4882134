"""Turn the theme file's definition into its reference page, docs/themes.md.

Every key, its unit, the range the loader enforces and the built-in default are read from the
code that checks and applies them (`themes.py`, `theme.py`), so the page cannot drift from
what a build accepts: tests/test_theme_docs.py compares the file with `reference()`.
"""

from __future__ import annotations

import dataclasses

from .fonts import known_families
from .theme import DEFAULT_THEME
from .themes import _FIELDS, _RANGES, PRESETS, ThemeFile, _span

# The unit of a value that is not a number (numbers have theirs in themes._RANGES).
_UNITS = {"colors": "#rrggbb", "fonts": "family"}

HEADER = """\
# Theme reference

A theme is a YAML file in the project's `assets/themes/`, named by its file name:
`assets/themes/school.yaml` is the theme `school`. Use it with `lessonpress build --theme school`,
or for every build with `theme = "school"` in `lessonpress.toml`; see it with
`lessonpress themes preview school`. A theme changes only the keys it names; the rest come from
the theme it `extends:` (by default the built-in one). A value outside its range is an error at
its line, with the range and its unit. Print presets ({presets}) are applied on top of any theme.

This page is generated from the code that checks themes (`python -m lessonpress.theme_docs`).

```yaml
extends: default
organisation: "Our school"
license: "Printed by Our school"
colors:
  accent: "#1d4e89"
sizes:
  body: 12
margins:
  page: 18
```

| key | what it sets | unit | range | default |
|---|---|---|---|---|
"""


def reference() -> str:
    """docs/themes.md: every key of a theme file with its unit, range and default."""
    rows = []
    for item in dataclasses.fields(ThemeFile):
        group_type = _group(item.type)
        if group_type is None:
            rows.append(_top_row(item))
            continue
        for sub in dataclasses.fields(group_type):
            rows.append(_row(item.name, sub.name, sub.metadata.get("doc", "")))
    presets = ", ".join(f"`--{p}`" for p in PRESETS)
    return HEADER.format(presets=presets) + "\n".join(rows) + "\n"


def _group(annotation: object) -> type | None:
    """The dataclass of a group key (`colors: ThemeColors | None`), or None for a plain key."""
    name = str(annotation).split("|")[0].strip()
    found = {c.__name__: c for c in _group_classes()}
    return found.get(name)


def _group_classes() -> list[type]:
    from . import themes

    return [
        getattr(themes, n)
        for n in ("ThemeColors", "ThemeFonts", "ThemeSizes", "ThemeSpacing", "ThemeMargins")
    ]


def _top_row(item: dataclasses.Field) -> str:
    text = item.metadata.get("doc", "")
    if item.name == "extends":
        return f"| `extends` | {text} | theme name | a theme in assets/themes/, or `default` | `default` |"
    if item.name == "logo":
        return f"| `logo` | {text} | path | a PNG or JPEG inside the project | none |"
    return f"| `{item.name}` | {text} | text | | none |"


def _row(group: str, key: str, text: str) -> str:
    field = _FIELDS[(group, key)]
    default = getattr(DEFAULT_THEME, field)
    if group == "fonts":
        unit, span = _UNITS[group], ", ".join(known_families())
    elif group == "colors":
        unit, span = _UNITS[group], "`#000000` to `#ffffff`" + (", or `none`" if key == "box" else "")
    else:
        low, high, unit = _RANGES[field]
        span = f"{low:g} to {high:g}"
        text = text.replace(f", {_span(field)}", "")  # the range has its own column
    shown = (
        "same as `page`"
        if default is None
        else f"`{default:g}`"
        if isinstance(default, float)
        else f"`{default}`"
    )
    return f"| `{group}.{key}` | {text} | {unit} | {span} | {shown} |"


if __name__ == "__main__":
    print(reference(), end="")
