"""`i18n import` writes each value in place: every comment stays with its own item (issue 12).

Before, the file went through a round-trip YAML library; the source comments above empty list
items drifted below the wrong dashes, and a translator who went on in YAML wrote into the wrong
item.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import polib
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.i18n.documents import find_documents
from lessonpress.i18n.fields import text_fields, value_at
from lessonpress.yamlio import load_yaml

FR = Path("lessons/translations/fr/safe-chat.yaml")
ES = Path("lessons/translations/es/safe-chat.yaml")


def run(*args: str):  # noqa: ANN201
    return CliRunner().invoke(main, list(args))


def import_po(locale: str, values: dict[str, str], name: str = "edited.po") -> None:
    """Export the locale's catalog, set some translations, import it."""
    assert run("i18n", "export", "--locale", locale, "--out", f"build/{locale}.po").exit_code == 0
    po = polib.pofile(f"build/{locale}.po")
    for entry in po:
        if entry.msgctxt in values:
            entry.msgstr = values.pop(entry.msgctxt)
    assert not values, f"no such contexts: {values}"
    po.save(name)
    result = run("i18n", "import", name)
    assert result.exit_code == 0, result.output


def comments_above_fields(text: str) -> dict[str, str]:
    """Each field's context -> the comment line just above its line (its source text)."""
    (document,) = [d for d in find_documents(("lessons",))[0] if d.id == "safe-chat"]
    loaded = load_yaml(text.encode(), "t.yaml")
    lines = text.splitlines()
    out = {}
    for field in text_fields(document.data):
        mark = loaded.key_marks.get(field.path) or loaded.value_marks.get(field.path)
        if mark is None:  # `- ` item: its value mark is the dash line
            continue
        out[field.context] = lines[mark.line - 2].strip()
    return out


def test_a_partial_import_keeps_each_source_comment_above_its_own_item(i18n_project: Path) -> None:
    run("i18n", "init", "--locale", "fr")
    fresh = FR.read_text(encoding="utf-8")
    expected = comments_above_fields(fresh)
    assert expected["objectives[2]"] == "# Name two ways to get help."
    import_po(
        "fr",
        {
            "safe-chat:objectives[2]": "Nommer deux façons de demander de l’aide.",
            "safe-chat:discussion_prompts[2].prompt": "Que ferais-tu si on te demandait un secret ?",
            "safe-chat:key_takeaways[2]": "Ce n’est jamais ta faute.",
        },
    )
    text = FR.read_text(encoding="utf-8")
    assert comments_above_fields(text) == expected
    assert '  # Explain who can see a message in a group chat.\n  - ""\n' in text  # still empty
    assert "  # Name two ways to get help.\n  - Nommer deux façons de demander de l’aide.\n" in text
    # only the three value lines changed
    changed = [ln for ln in difflib.ndiff(fresh.splitlines(), text.splitlines()) if ln[:1] in "+-"]
    assert len(changed) == 6
    # a second partial import fills in the item left empty above, and nothing moves
    import_po("fr", {"safe-chat:objectives[1]": "Expliquer qui peut voir un message."}, "second.po")
    text = FR.read_text(encoding="utf-8")
    assert comments_above_fields(text) == expected
    assert (
        "  # Explain who can see a message in a group chat.\n  - Expliquer qui peut voir un message.\n"
        "  # Name two ways to get help.\n  - Nommer deux façons"
    ) in text


def test_a_key_the_file_lacks_goes_beside_its_neighbours_with_its_comment(i18n_project: Path) -> None:
    text = ES.read_text(encoding="utf-8")
    ES.write_text(text.replace("subtitle: Quién puede ver lo que compartes\n", ""), encoding="utf-8")
    import_po("es", {"safe-chat:subtitle": "Quién ve lo que compartes"})
    after = ES.read_text(encoding="utf-8")
    assert (
        "title: Chats seguros\n# Who can see what you share\nsubtitle: Quién ve lo que compartes\n" in after
    )
    assert after.replace("# Who can see what you share\nsubtitle: Quién ve lo que compartes\n", "") == (
        text.replace("subtitle: Quién puede ver lo que compartes\n", "")
    )


def test_notes_for_a_prompt_written_as_plain_text(i18n_project: Path) -> None:
    source = Path("lessons/safe-chat.yaml")
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "  - What would you do if someone asked you to keep a secret?\n",
            "  - prompt: What would you do if someone asked you to keep a secret?\n"
            "    notes: Say that a secret that makes you uneasy is one to share.\n",
        ),
        encoding="utf-8",
    )
    import_po("es", {"safe-chat:discussion_prompts[2].notes": "Di que un secreto que incomoda se cuenta."})
    after = ES.read_text(encoding="utf-8")
    assert (
        "  - prompt: ¿Qué harías si alguien te pidiera guardar un secreto?\n"
        "    # Say that a secret that makes you uneasy is one to share.\n"
        "    notes: Di que un secreto que incomoda se cuenta.\n"
    ) in after
    es = load_yaml(after.encode(), "t").data
    assert value_at(es, ("discussion_prompts", 1, "notes")) == "Di que un secreto que incomoda se cuenta."


def test_the_translators_own_comments_block_text_and_quotes_survive(i18n_project: Path) -> None:
    text = ES.read_text(encoding="utf-8")
    text = text.replace("title: Chats seguros\n", "# Título revisado por Ana.\ntitle: Chats seguros  # ok\n")
    text = text.replace("summary: Todo lo que", "summary: |\n  Todo lo que")
    text = text.replace("  - Nunca es tu culpa.\n", "  - 'Nunca es tu culpa.'\n")
    ES.write_text(text, encoding="utf-8")
    import_po(
        "es",
        {
            "safe-chat:title": "Chats más seguros: qué ven los demás",
            "safe-chat:key_takeaways[1]": "=Todo se puede reenviar.",
        },
    )
    after = ES.read_text(encoding="utf-8")
    assert '# Título revisado por Ana.\ntitle: "Chats más seguros: qué ven los demás"  # ok\n' in after
    assert "summary: |\n  Todo lo que" in after and "  - 'Nunca es tu culpa.'\n" in after
    assert "  - =Todo se puede reenviar.\n" in after
    data = load_yaml(after.encode(), "t").data
    assert data["title"] == "Chats más seguros: qué ven los demás"


def test_special_text_is_quoted_so_it_reads_back_exactly(i18n_project: Path) -> None:
    tricky = [
        "- a dash",
        "a: colon",
        "ends with #",
        "#hash",
        "it's",
        "null",
        "yes",
        '"quoted"',
        "@at",
        "*star",
        "&amp",
        "!bang",
        "% percent",
        "{brace}",
        "[list]",
        "tab\there",
        "back\\slash",
        "  spaced  ",
        "ü ñ “quoted” — done",
    ]
    values = {f"safe-chat:objectives[{i}]": t for i, t in enumerate(tricky[:2], 1)}
    import_po("es", dict(values))
    for i, t in enumerate(tricky[2:]):
        import_po("es", {"safe-chat:title": t}, f"t{i}.po")
        data = load_yaml(ES.read_bytes(), "t").data
        assert data["title"] == t.strip(), t
    data = load_yaml(ES.read_bytes(), "t").data
    assert data["objectives"] == tricky[:2]
