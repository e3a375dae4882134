"""Hostile catalogs and translation files (issue 13 items 4, 5, 6, 7, 11, 13): a located error or a
correct result, never an internal error, never silent loss, never a file changed by a refusal."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.i18n.catalog import defuse, read_catalog, restore

ES = Path("lessons/translations/es/safe-chat.yaml")
HEADER = 'msgid ""\nmsgstr ""\n"Language: es\\n"\n\n'


def run(*args: str):  # noqa: ANN201
    result = CliRunner().invoke(main, list(args))
    assert (
        "internal error" not in result.output
        and result.exception is None
        or isinstance(result.exception, SystemExit)
    ), result.output
    return result


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def po(*entries: str) -> str:
    return HEADER + "\n".join(entries)


def entry(context: str, source: str, translation: str, extra: str = "") -> str:
    return f'{extra}msgctxt "safe-chat:{context}"\nmsgid "{source}"\nmsgstr "{translation}"\n'


# -- CSV formula injection (item 4) ---------------------------------------------------------


@pytest.mark.parametrize(
    "cell",
    [
        '=HYPERLINK("http://x")',
        "+1",
        "-2",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "'=x",
        "''",
        "'",
        "'a",
        "plain",
        "",
        "=",
        "'\t",
    ],
)
def test_defuse_is_undone_exactly(cell: str) -> None:
    assert restore(defuse(cell)) == cell
    assert not defuse(cell).startswith(("=", "+", "-", "@", "\t", "\r"))


def test_csv_export_neutralises_formulas_and_import_restores_them(i18n_project: Path) -> None:
    text = ES.read_text(encoding="utf-8")
    ES.write_text(
        text.replace("title: Chats seguros", 'title: "=HYPERLINK(\\"http://evil\\",\\"x\\")"').replace(
            "  - Nunca es tu culpa.", '  - "-Nunca es tu culpa."'
        ),
        encoding="utf-8",
    )
    run("i18n", "sync", "--locale", "es")
    before = digest(i18n_project / "lessons")
    assert run("i18n", "export", "--locale", "es", "--format", "csv").exit_code == 0
    rows = list(csv.reader(io.StringIO(Path("build/translations/es.csv").read_text(encoding="utf-8-sig"))))
    cells = [cell for row in rows for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
    assert '\'=HYPERLINK("http://evil","x")' in cells and "'-Nunca es tu culpa." in cells
    result = run("i18n", "import", "build/translations/es.csv")
    assert result.exit_code == 0 and "no file changed" in result.output
    assert digest(i18n_project / "lessons") == before


# -- --out never replaces what it must not (item 5) -----------------------------------------


def test_export_refuses_a_file_it_did_not_write_unless_forced(i18n_project: Path) -> None:
    lesson = Path("lessons/safe-chat.yaml")
    before = lesson.read_bytes()
    result = run("i18n", "export", "--locale", "es", "--out", str(lesson))
    assert result.exit_code == 1 and lesson.read_bytes() == before
    assert "lessons/safe-chat.yaml: error: the output file exists and was not written by lessonpress" in (
        result.output
    )
    Path("notes.po").write_text("my own notes\n", encoding="utf-8")
    assert run("i18n", "export", "--locale", "es", "--out", "notes.po").exit_code == 1
    assert Path("notes.po").read_text(encoding="utf-8") == "my own notes\n"
    assert run("i18n", "export", "--locale", "es", "--out", "notes.po", "--force").exit_code == 0
    assert "msgctxt" in Path("notes.po").read_text(encoding="utf-8")
    # a catalog lessonpress wrote is replaced without --force, for PO, CSV and labels
    for args in (
        ("--out", "notes.po"),
        ("--format", "csv", "--out", "c.csv"),
        ("--format", "csv", "--out", "c.csv"),
    ):
        assert run("i18n", "export", "--locale", "es", *args).exit_code == 0
    assert run("i18n", "labels", "--locale", "es", "--out", "l.po").exit_code == 0
    assert run("i18n", "labels", "--locale", "es", "--out", "l.po").exit_code == 0
    assert run("i18n", "labels", "--locale", "es", "--out", str(lesson)).exit_code == 1
    assert lesson.read_bytes() == before


@pytest.mark.parametrize("command", [("export", "--locale", "es"), ("labels", "--locale", "es")])
def test_out_never_replaces_a_fifo_or_a_device_even_forced(i18n_project: Path, command: tuple) -> None:
    os.mkfifo("pipe")
    os.symlink("/proc/self/fd/1", "stdout")  # what /dev/stdout is, without touching it
    for target in ("pipe", "/dev/null", "stdout"):
        result = run("i18n", *command, "--out", target, "--force")
        assert result.exit_code == 1, target
        assert "it is never replaced" in result.output
    assert Path("pipe").is_fifo() and Path("/dev/null").is_char_device() and Path("stdout").is_symlink()


# -- import is all or nothing (item 6) ------------------------------------------------------


def two_lessons() -> None:
    Path("lessons/other.yaml").write_text(
        Path("lessons/safe-chat.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    Path("lessons/translations/es/other.yaml").write_text(ES.read_text(encoding="utf-8"), encoding="utf-8")


CHANGES = po(entry("title", "Safe chats", "Uno"), 'msgctxt "other:title"\nmsgid "Safe chats"\nmsgstr "Dos"\n')


def test_when_the_second_file_cannot_be_written_nothing_changes(
    i18n_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    two_lessons()
    run("i18n", "sync", "--locale", "es")
    before = digest(i18n_project / "lessons")
    Path("c.po").write_text(CHANGES, encoding="utf-8")
    real, calls = os.replace, []

    def failing_replace(src, dst):  # noqa: ANN001, ANN202
        calls.append(dst)
        if len(calls) == 2:
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    result = run("i18n", "import", "c.po")
    monkeypatch.setattr(os, "replace", real)
    assert result.exit_code == 1 and "nothing was changed" in result.output
    assert str(calls[0]).endswith("safe-chat.yaml")  # the first was replaced...
    assert digest(i18n_project / "lessons") == before  # ...and put back
    assert not [p for p in (i18n_project / "lessons").rglob(".*.tmp")]


def test_an_unwritable_second_file_is_found_before_anything_is_written(i18n_project: Path) -> None:
    two_lessons()
    Path("lessons/translations/es/other.yaml").unlink()
    Path("lessons/translations/es/other.yaml").mkdir()
    before = digest(i18n_project / "lessons")
    Path("c.po").write_text(CHANGES, encoding="utf-8")
    result = run("i18n", "import", "c.po")
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert "lessons/translations/es/other.yaml: error: the translation is not a regular file" in result.output
    assert digest(i18n_project / "lessons") == before


# -- untrusted translation state and translation files (item 7) -----------------------------


@pytest.mark.parametrize(
    "state",
    [
        "[]",
        '"x"',
        '{"lessons": []}',
        '{"lessons": {"safe-chat": []}}',
        '{"version": 2, "documents": {"safe-chat": {"title": "x"}}}',
        "\xff\xfe",
        "{",
        '{"version": 99}',
    ],
)
def test_a_state_file_lessonpress_did_not_write_is_reported_not_trusted(
    i18n_project: Path, state: str
) -> None:
    path = Path("lessons/translations/es/translation-state.json")
    path.write_bytes(state.encode("latin-1") if "\xff" in state else state.encode())
    status = run("i18n", "status", "--locale", "es")
    assert status.exit_code == 0 and "safe-chat: 12 translated" in status.output
    Path("c.po").write_text(po(entry("title", "Safe chats", "Chats muy seguros")), encoding="utf-8")
    assert run("i18n", "import", "c.po").exit_code == 0
    assert '"version": 2' in path.read_text(encoding="utf-8")
    build = run("build", "lessons", "--format", "handout", "--locale", "es", "--out", "out")
    assert build.exit_code == 0, build.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"title: a\ntitle: b\n", "duplicate key 'title'"),
        (b"title:\n\t- x\n", "tab character"),
        (b"title: caf\xe9\n", "not valid UTF-8"),
        ("title: x\n".encode("utf-16"), "UTF-16"),
        (b"- title\n- x\n", "must be a mapping"),
        (b"", "file is empty"),
        (b"   \n# only a comment\n", "file is empty"),
        (b"Chats seguros, en texto plano.\n", "must be a mapping"),
    ],
)
def test_an_unreadable_translation_stops_the_import_at_its_line(
    i18n_project: Path, content: bytes, message: str
) -> None:
    ES.write_bytes(content)
    before = digest(i18n_project / "lessons")
    Path("c.po").write_text(po(entry("title", "Safe chats", "Chats")), encoding="utf-8")
    result = run("i18n", "import", "c.po")
    assert result.exit_code == 1 and message in result.output, result.output
    assert result.output.startswith("lessons/translations/es/safe-chat.yaml:")
    assert digest(i18n_project / "lessons") == before


# -- catalogs: messages that mislead (items 11, 13) -----------------------------------------


@pytest.mark.parametrize(
    ("catalog", "expected"),
    [
        (
            po(entry("title", "Safe chats", "A"), entry("title", "Safe chats", "B")),
            "c.po:9:1: error: 'safe-chat:title' is here a second time (first on line 5)",
        ),
        (
            po('msgctxt "safe-chat:title"\nmsgid "x"\nmsgid_plural "xs"\nmsgstr[0] "a"\nmsgstr[1] "b"\n'),
            "c.po:5:1: error: plural entry 'safe-chat:title'",
        ),
        (po(entry("title", "Safe chats", "[x](javascript:alert(1))")), "c.po:5:1: error:"),
        (po(entry("title", "Safe chats", "x" * 10_001)), "c.po:5:1: error: 'title' is longer than"),
        (po(entry("title", "Safe chats", "bad \\u202e bidi")), None),
        (po(entry("objectives[9]", "x", "y")), "c.po:5:1: error: 'safe-chat' has no text 'objectives[9]'"),
        (po('msgctxt "nope:title"\nmsgid "x"\nmsgstr "y"\n'), "c.po:5:1: error: no lesson with id 'nope'"),
        (
            po('msgctxt "safe-chat:title"\nmsgid "x"\nmsgstr "y\n'),
            "c.po:7:1: error: this line is not valid PO",
        ),
        (po(entry("title", "Safe chats", "Chats \u0530")), "c.po:5:1: error: cannot print U+0530"),
    ],
    ids=[
        "duplicate",
        "plural",
        "javascript-link",
        "too-long",
        "bidi-control",
        "unknown-context",
        "unknown-lesson",
        "syntax",
        "unprintable",
    ],
)
def test_catalog_problems_are_reported_at_their_catalog_line(
    i18n_project: Path, catalog: str, expected: str | None
) -> None:
    before = digest(i18n_project / "lessons")
    Path("c.po").write_text(catalog.replace("\\u202e", "\u202e"), encoding="utf-8")
    result = run("i18n", "import", "c.po")
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert (expected or "c.po:5:1: error: character U+202E") in result.output, result.output
    assert digest(i18n_project / "lessons") == before


def test_fuzzy_entries_are_skipped_and_named_and_a_bom_is_accepted(i18n_project: Path) -> None:
    Path("c.po").write_text(
        "\ufeff"
        + po(
            entry("title", "Safe chats", "Borrador", "#, fuzzy\n"),
            entry("subtitle", "Who can see what you share", "Quién lo ve"),
        ),
        encoding="utf-8",
    )
    result = run("i18n", "import", "c.po")
    assert result.exit_code == 0, result.output
    assert "c.po:5:1: warning: 'safe-chat:title' is marked fuzzy, so it was not imported" in result.output
    text = ES.read_text(encoding="utf-8")
    assert "title: Chats seguros\n" in text and "subtitle: Quién lo ve\n" in text


def test_csv_problems_are_reported_at_their_row(i18n_project: Path) -> None:
    Path("es.csv").write_text(
        "context,source,translation\nsafe-chat:title,Safe chats,ok\n"
        "safe-chat:title,Safe chats,again\nsafe-chat:subtitle,x,[a](javascript:1)\n",
        encoding="utf-8",
    )
    result = run("i18n", "import", "es.csv")
    assert result.exit_code == 1
    assert "es.csv:3:1: error: 'safe-chat:title' is here a second time (first on line 2)" in result.output
    assert "es.csv:4:1: error:" in result.output


def test_a_hundred_thousand_entries_are_read_in_seconds_with_duplicates_at_their_line(tmp_path: Path) -> None:
    body = "".join(
        f'msgctxt "l:objectives[{i}]"\nmsgid "Source {i}"\nmsgstr "Traducción {i}"\n\n'
        for i in range(100_000)
    )
    path = tmp_path / "big.po"
    path.write_text(HEADER + body + 'msgctxt "l:objectives[7]"\nmsgid "x"\nmsgstr "y"\n', encoding="utf-8")
    start = time.perf_counter()
    language, entries, problems = read_catalog(path, "big.po")
    seconds = time.perf_counter() - start
    assert language == "es" and len(entries) == 100_000 and seconds < 30, seconds
    assert [p.format() for p in problems] == [
        "big.po:400005:1: error: 'l:objectives[7]' is here a second time (first on line 33) "
        "[catalog.duplicate]\n    hint: keep one entry per context"
    ]
