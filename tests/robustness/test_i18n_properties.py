"""Property tests over what translators send back (issue 13, "Keep it so"): translation files, PO
and CSV catalogs, and the translation record. Whatever comes in, the outcome is the tool's own
located error or a correct result; never an internal error, and never a changed file outside the
translation being imported.

Bounded for CI; LESSONPRESS_FUZZ=1 runs many more examples.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonpress.errors import LessonError
from lessonpress.i18n import workflow
from lessonpress.i18n.catalog import CSV_COLUMNS, defuse
from lessonpress.i18n.documents import find_documents
from lessonpress.i18n.state import LocaleState
from lessonpress.i18n.status import document_status
from lessonpress.lessons import check_translation_file
from lessonpress.yamlio import load_yaml

from ..conftest import I18N_LESSONS

FEW = 400 if os.environ.get("LESSONPRESS_FUZZ") else 25
SOME = 1000 if os.environ.get("LESSONPRESS_FUZZ") else 60
SLOW = settings(
    max_examples=FEW,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FAST = settings(
    max_examples=SOME,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

SOURCE_LINES = (
    (I18N_LESSONS / "translations" / "es" / "safe-chat.yaml").read_text(encoding="utf-8").splitlines()
)
CONTEXTS = [
    "title",
    "subtitle",
    "summary",
    "objectives[1]",
    "objectives[2]",
    "discussion_prompts[1].prompt",
    "discussion_prompts[1].notes",
    "discussion_prompts[2].prompt",
    "key_takeaways[1]",
    "key_takeaways[2]",
    "resources[1].name",
    "resources[1].description",
]
# Text a translator (or an attacker) might put in a value: scripts, markup, quotes, controls.
NASTY = st.lists(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(
        [
            '"',
            "'",
            "\\",
            "\n",
            "\t",
            "\r",
            "#",
            ":",
            "- ",
            "=",
            "@",
            "+",
            "*",
            "[x](javascript:1)",
            "**",
            "\u202e",
            "\u2028",
            "\x00",
            "\ufeff",
            "{",
            "}",
            "&a",
            "!!python/object",
            "ب",
            "क्ष",
        ]
    ),
    max_size=12,
).map("".join)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith(".tmp")
    }


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fresh(root: Path) -> None:
    """The safe-chat lesson with its Spanish translation and a recorded state, as new."""
    shutil.rmtree(root / "lessons", ignore_errors=True)
    (root / "lessons" / "translations").mkdir(parents=True)
    shutil.copy(I18N_LESSONS / "safe-chat.yaml", root / "lessons")
    shutil.copytree(I18N_LESSONS / "translations" / "es", root / "lessons" / "translations" / "es")
    workflow.sync(("lessons",), "es")


def located(problem: LessonError, allowed: set[str]) -> bool:
    return problem.path in allowed and problem.line >= 1


# -- the translation record -----------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@FAST
@given(
    st.one_of(
        JSON,
        st.fixed_dictionaries(
            {"version": st.sampled_from([1, 2, "2"]), "lessons": JSON, "documents": JSON, "legacy": JSON}
        ),
    )
)
def test_any_state_file_is_read_or_reported(project: Path, raw: object) -> None:
    if not (project / "lessons").exists():
        fresh(project)
    folder = project / "lessons" / "translations" / "es"
    (folder / "translation-state.json").write_text(json.dumps(raw), encoding="utf-8")
    state = LocaleState.load(folder)
    assert all(p.severity == "warning" and p.path.endswith("translation-state.json") for p in state.problems)
    (document,) = find_documents(("lessons",))[0]
    status, problems = document_status(document, "es", state)
    assert status is not None and not problems
    assert {s.state for s in status.strings} <= {"translated", "stale"}
    assert state.text().startswith("{")


# -- translation files ----------------------------------------------------------------------

EDITS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "indent", "dedent", "insert", "replace"]),
        st.integers(0, len(SOURCE_LINES) - 1),
        NASTY,
    ),
    max_size=4,
)


def mutated(edits: list[tuple[str, int, str]]) -> str:
    lines = list(SOURCE_LINES)
    for kind, at, text in edits:
        at = min(at, len(lines) - 1) if lines else 0
        if not lines:
            lines = [text]
        elif kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "indent":
            lines[at] = "  " + lines[at]
        elif kind == "dedent":
            lines[at] = lines[at][2:]
        elif kind == "insert":
            lines.insert(at, text)
        else:
            key = lines[at].split(":")[0]
            lines[at] = f"{key}: {text}"
    return "\n".join(lines) + "\n"


@FAST
@given(st.one_of(EDITS.map(mutated), NASTY))
def test_any_translation_file_is_checked_with_located_problems(project: Path, text: str) -> None:
    if not (project / "lessons").exists():
        fresh(project)
    path = project / "lessons" / "translations" / "es" / "safe-chat.yaml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    problems = check_translation_file("lessons/translations/es/safe-chat.yaml")
    allowed = {"lessons/translations/es/safe-chat.yaml", "lessons/safe-chat.yaml"}
    assert all(located(p, allowed) for p in problems), [p.format() for p in problems]


# -- PO and CSV imports ---------------------------------------------------------------------


def po_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


ENTRY = st.tuples(
    st.sampled_from(CONTEXTS) | st.text(max_size=12),
    NASTY,
    st.sampled_from(["", "#, fuzzy\n", "# note\n", 'msgid_plural "x"\n']),
)
GARBAGE = st.sampled_from(
    [
        "",
        'msgstr "dangling"\n',
        '"loose"\n',
        "msgid\n",
        "#~ obsolete\n",
        "\x00\n",
        'msgctxt "safe-chat:title"\n',
    ]
)


def po_text(entries: list[tuple[str, str, str]], garbage: list[str]) -> str:
    out = ['msgid ""\nmsgstr ""\n"Language: es\\n"\n']
    for i, (context, translation, extra) in enumerate(entries):
        plural = extra.startswith("msgid_plural")
        body = f'{"" if plural else extra}msgctxt {po_quote("safe-chat:" + context)}\nmsgid "x"\n' + (
            f"{extra}msgstr[0] {po_quote(translation)}\n" if plural else f"msgstr {po_quote(translation)}\n"
        )
        out.append(body + (garbage[i] if i < len(garbage) else ""))
    return "\n".join(out)


def check_import(root: Path, catalog: Path, shown: str) -> None:
    """Import, then: a located error and nothing changed, or only the translation changed."""
    before = digest(root / "lessons")
    try:
        outcome = workflow.import_catalog(("lessons",), catalog, shown, None)
    except LessonError as problem:  # a write that failed: reported, rolled back
        assert digest(root / "lessons") == before, problem.format()
        return
    changed = {
        k
        for k in before.keys() | digest(root / "lessons").keys()
        if before.get(k) != digest(root / "lessons").get(k)
    }
    allowed = {shown, "lessons/translations/es/safe-chat.yaml", "lessons/safe-chat.yaml"}
    assert all(located(p, allowed) for p in outcome.problems), [p.format() for p in outcome.problems]
    if any(p.is_error for p in outcome.problems):
        assert not changed
    else:
        assert changed <= {"translations/es/safe-chat.yaml", "translations/es/translation-state.json"}
        if changed:  # what was written reads back as a valid translation
            assert not [
                p for p in check_translation_file("lessons/translations/es/safe-chat.yaml") if p.is_error
            ]


@pytest.mark.slow
@SLOW
@given(st.lists(ENTRY, max_size=6), st.lists(GARBAGE, max_size=6), st.booleans())
def test_any_po_import_is_all_or_nothing_with_located_errors(
    project: Path, entries: list, garbage: list, bom: bool
) -> None:
    fresh(project)
    catalog = project / "c.po"
    catalog.write_bytes(
        (("\ufeff" if bom else "") + po_text(entries, garbage)).encode("utf-8", "surrogatepass")
    )
    check_import(project, catalog, "c.po")


@pytest.mark.slow
@SLOW
@given(st.lists(st.lists(NASTY, max_size=5), max_size=6))
def test_any_csv_import_is_all_or_nothing_with_located_errors(project: Path, rows: list[list[str]]) -> None:
    fresh(project)
    catalog = project / "es.csv"
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for i, row in enumerate(rows):
        writer.writerow(
            [f"safe-chat:{CONTEXTS[i % len(CONTEXTS)]}" if i % 3 else (row[:1] or [""])[0], *row[1:]]
        )
    catalog.write_bytes(buffer.getvalue().encode("utf-8", "surrogatepass"))
    check_import(project, catalog, "es.csv")


@SLOW
@given(
    st.lists(
        st.tuples(st.sampled_from(CONTEXTS), NASTY.filter(str.strip)), max_size=5, unique_by=lambda e: e[0]
    )
)
def test_a_csv_round_trip_carries_any_text_exactly(project: Path, values: list[tuple[str, str]]) -> None:
    """Texts that read back as themselves are imported exactly, formula characters included."""
    fresh(project)
    assert workflow.export(("lessons",), "es", "csv", project / "es.csv", "es.csv").problems == ()
    import csv
    import io

    rows = list(csv.reader(io.StringIO((project / "es.csv").read_text(encoding="utf-8-sig"))))
    wanted = dict(values)
    for row in rows[1:]:
        context = row[0].partition(":")[2]
        if context in wanted:
            row[2] = defuse(wanted[context])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    (project / "es.csv").write_text(buffer.getvalue(), encoding="utf-8")
    outcome = workflow.import_catalog(("lessons",), project / "es.csv", "es.csv", None)
    if any(p.is_error for p in outcome.problems):
        assert all(p.path == "es.csv" for p in outcome.problems if p.is_error)
        return
    data = load_yaml((project / "lessons/translations/es/safe-chat.yaml").read_bytes(), "t").data
    (document,) = find_documents(("lessons",))[0]
    for field in document_status(document, "es", LocaleState.load(project / "lessons/translations/es"))[
        0
    ].strings:
        if field.field.context in wanted:
            from lessonpress.i18n.fields import value_at

            assert value_at(data, field.field.path).strip() == wanted[field.field.context].strip()
