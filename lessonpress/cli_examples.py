"""The examples at the end of every command's `--help`, kept in one table.

Each is a real command line (tests/test_help.py parses every one against the command it belongs
to, and fails for a command without examples), followed by what it does.
"""

from __future__ import annotations

import click

EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("lessonpress init my-course", "start a project with an example lesson"),
        ("lessonpress", "build every lesson in lessons/ into build/"),
        ("lessonpress build --help", "every build flag"),
    ),
    "build": (
        ("lessonpress build", "every lesson, every format, into build/"),
        ("lessonpress build lessons/recycling.yaml --format handout", "one lesson's handout"),
        ("lessonpress build --paper letter --large-print --locale fr", "US paper, large print, French"),
    ),
    "check": (
        ("lessonpress check", "every lesson and translation, nothing written"),
        ("lessonpress check lessons/recycling.yaml", "one lesson"),
    ),
    "watch": (
        ("lessonpress watch", "rebuild what changed on every save"),
        ("lessonpress watch --format handout --locale fr", "only French handouts, while translating"),
    ),
    "preview": (
        ("lessonpress preview", "build, open the lessons in a browser, reload on every save"),
        ("lessonpress preview --format html --port 8000 --no-open", "web pages only, on a fixed port"),
    ),
    "serve": (
        ("lessonpress serve", "the same as preview"),
        ("lessonpress serve lessons/recycling.yaml --format html", "one lesson's web page"),
    ),
    "new": (
        ("lessonpress new recycling", "lessons/recycling.yaml, to fill in"),
        ("lessonpress new week-2 --dir lessons/term-1", "in another folder"),
    ),
    "init": (
        ("lessonpress init my-course", "a project with a lesson for teens"),
        ("lessonpress init my-course --audience children", "... for children (or adults)"),
        ("lessonpress init safe --example safe-online", "a copy of the Safe online curriculum"),
    ),
    "schema": (
        ("lessonpress schema > lesson.schema.json", "the schema, for an editor that checks as you type"),
        ("lessonpress schema | python -m json.tool", "read it"),
    ),
    "helplines": (
        ("lessonpress helplines", "every helpline, with the date it was checked"),
        ("lessonpress helplines --region GB", "one country's"),
    ),
    "survey": (
        ("lessonpress survey template", "build/<language>/survey-responses.csv and its codebook"),
        ("lessonpress survey template --out forms", "the same, into forms/"),
    ),
    "survey template": (
        ("lessonpress survey template", "the data-entry CSV and codebook of the course's survey"),
        ("lessonpress survey template --locale es --out forms", "in Spanish, into forms/"),
    ),
    "report": (
        ("lessonpress report responses.csv", "build/<language>/survey-report.pdf and .json"),
        ("lessonpress report responses.csv --locale es --paper letter", "in Spanish, on Letter"),
    ),
    "themes": (
        ("lessonpress themes", "the project's themes and the presets"),
        ("lessonpress themes preview school", "a one-page specimen of a theme"),
    ),
    "themes preview": (
        ("lessonpress themes preview default", "build/themes/default-specimen.pdf"),
        ("lessonpress themes preview school --large-print --paper letter", "with a preset, on Letter"),
    ),
    "i18n": (
        ("lessonpress i18n init --locale fr", "French files to translate"),
        ("lessonpress i18n status", "what is missing or stale, per language"),
        ("lessonpress i18n labels --locale fr", "the French of headings and footers"),
    ),
    "i18n init": (
        ("lessonpress i18n init --locale fr", "lessons/translations/fr/, one file per lesson"),
        ("lessonpress i18n init lessons/recycling.yaml --locale pt-BR", "one lesson"),
    ),
    "i18n status": (
        ("lessonpress i18n status", "every language"),
        ("lessonpress i18n status --locale fr --fail-on missing,stale", "for CI: fail when not done"),
    ),
    "i18n sync": (
        ("lessonpress i18n sync --locale fr", "after updating stale strings"),
        ("lessonpress i18n sync lessons/recycling.yaml --locale fr", "one lesson"),
    ),
    "i18n export": (
        ("lessonpress i18n export --locale fr", "build/translations/fr.po for Weblate or Poedit"),
        ("lessonpress i18n export --locale fr --format csv", "a spreadsheet"),
    ),
    "i18n import": (
        ("lessonpress i18n import build/translations/fr.po", "the translations back into the files"),
        ("lessonpress i18n import fr.csv --locale fr", "from a spreadsheet"),
    ),
    "i18n labels": (
        ("lessonpress i18n labels --locale fr", "the catalog of headings and footers"),
        ("lessonpress i18n labels --locale sw --out sw.po", "into a file"),
    ),
}


def epilog(examples: tuple[tuple[str, str], ...]) -> str:
    """The examples as help text that click prints as written (`\\b`: no re-wrapping)."""
    width = max(len(line) for line, _ in examples)
    lines = [f"{line.ljust(width)}  # {what}" for line, what in examples]
    return "Examples:\n\n\b\n" + "\n".join(lines)


def add_examples(group: click.Group, prefix: str = "") -> None:
    """Set every command's help epilog from EXAMPLES (commands without examples keep none)."""
    if prefix in EXAMPLES:
        group.epilog = epilog(EXAMPLES[prefix])
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            add_examples(command, path)
        elif path in EXAMPLES:
            command.epilog = epilog(EXAMPLES[path])
