"""The inline syntax: four kinds of styling, everything else literal, always fast."""

from __future__ import annotations

import gc
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonpress.errors import LessonError
from lessonpress.markup import Run, parse


def runs(text: str) -> list[tuple]:
    """Runs as (text, flags) tuples, for readable expectations."""
    out = []
    for r in parse(text).runs:
        flags = "".join(f for f, on in (("b", r.bold), ("i", r.italic), ("c", r.code)) if on)
        out.append((r.text, flags, r.href) if r.href else (r.text, flags))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", [("plain text", "")]),
        ("**bold** and *it*", [("bold", "b"), (" and ", ""), ("it", "i")]),
        ("***both***", [("both", "bi")]),
        ("`rm *.txt` now", [("rm *.txt", "c"), (" now", "")]),
        ("`*` matches, `?` too", [("*", "c"), (" matches, ", ""), ("?", "c"), (" too", "")]),
        ("a * b * c", [("a * b * c", "")]),
        ("\\*\\*not bold\\*\\*", [("**not bold**", "")]),
        ("**never closed", [("**never closed", "")]),
        ("2 * 3 = 6", [("2 * 3 = 6", "")]),
        ("[site](https://example.org)", [("site", "", "https://example.org")]),
        ("[**bold** link](https://e.org)", [("bold", "b", "https://e.org"), (" link", "", "https://e.org")]),
        ("[](https://e.org)", [("https://e.org", "", "https://e.org")]),
        ("[not a link] (x)", [("[not a link] (x)", "")]),
        ("[a](java\tscript:x)", [("[a](java\tscript:x)", "")]),
        ("`` a ` b ``", [("a ` b", "c")]),
        ("back\\slash \\n", [("back\\slash \\n", "")]),
    ],
)
def test_inline_syntax(text: str, expected: list[tuple]) -> None:
    assert runs(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "If x<y then z",
        "Salt & pepper",
        "&amp; &eacute; &bogus; &#x110000;",
        "<b>bold</b>",
        "<script>alert(1)</script>",
        "<font color=\"[[[x]]] and 'red'\">x</font>",
        '<img src="/etc/passwd"/>',
        "<onDraw name=x/>",
        "5 < 6",
    ],
)
def test_markup_lookalikes_stay_literal(text: str) -> None:
    assert parse(text).runs == (Run(text),)


def test_unbalanced_emphasis_is_balanced_or_literal() -> None:
    text = "**a *b** c*"
    result = parse(text)
    assert "".join(r.text for r in result.runs).replace("*", "") == "a b c"


@pytest.mark.parametrize("text", ["javascript:alert(1)", "file:///etc/passwd", "#top", "x.exe"])
def test_bad_link_targets_are_errors(text: str) -> None:
    with pytest.raises(LessonError) as info:
        parse(f"[x]({text})")
    assert info.value.code == "markup.link"


def test_idn_link_is_ascii() -> None:
    (run,) = parse("[x](https://bücher.example/ä?q=ü)").runs
    assert run.href == "https://xn--bcher-kva.example/%C3%A4?q=%C3%BC"


@pytest.mark.parametrize(
    ("unit", "count"),
    [("*", 12_000), ("[", 6_000), ("[a](", 2_500), ("*a ", 4_000), ("`", 6_000), ("**a|b**", 4_000)],
    ids=["stars", "brackets", "link-openers", "emphasis", "backticks", "nested-strong"],
)
def test_pathological_input_takes_linear_time(unit: str, count: int) -> None:
    """Four times the text may take about four times as long (under twelve), never sixteen (quadratic).

    A ratio of two runs measured side by side, in CPU time of this process, holds on a busy or
    slow machine, where an absolute limit in seconds (or wall-clock time) does not."""

    def text(n: int) -> str:
        left, _, right = unit.partition("|")
        return left * n + right * n

    def seconds(n: int) -> float:
        # The garbage collector's full passes cost in proportion to everything the test worker
        # holds, not to this text: measured without them, as the parser's own work.
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            parse(text(n))
            return time.process_time() - start
        finally:
            gc.enable()

    # Interleaved, best of four each.
    runs = [(seconds(count), seconds(4 * count)) for _ in range(4)]
    small, large = min(r[0] for r in runs), min(r[1] for r in runs)
    assert large < 12 * max(small, 0.01), f"{small:.3f} s -> {large:.3f} s for 4x the text"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab *`[]\\<>&_:/.#\n"), max_size=60))
def test_parse_never_loses_a_character(text: str) -> None:
    """Without link targets, every character that is not markup is printed, in order."""
    result = parse(text)
    kept = [c for c in text if c in "ab<>&_:/.#[]"]
    assert [c for c in result.plain if c in "ab<>&_:/.#[]"] == kept


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_links_only_ever_have_allowed_schemes(text: str) -> None:
    try:
        result = parse(text)
    except LessonError:
        return
    for href in result.links:
        assert href.split(":", 1)[0] in ("http", "https", "mailto", "tel")
        assert href.isascii()
