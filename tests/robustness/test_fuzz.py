"""A bounded fuzz run over the YAML loader (with its trap rules), inline markup and the URL checker.

Each target must answer anything with a result or its own error, quickly. By default each is a
property test of a few hundred examples (seconds). With LESSONPRESS_FUZZ=1 (CI's fuzz job) each
target is also fed random inputs for 17 seconds, so the run is bounded: under 60 s in all.
Hypothesis cannot be told to stop at a time, hence the plain seeded loop for the timed part.
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonpress.errors import LessonError
from lessonpress.markup import parse
from lessonpress.urls import ALLOWED_SCHEMES, UrlProblem, check_url
from lessonpress.validate import validate_lesson
from lessonpress.yamlio import load_yaml

from ..conftest import GOOD
from .conftest import deadline

FUZZ = bool(os.environ.get("LESSONPRESS_FUZZ"))
SECONDS_PER_TARGET = 17.0
pytestmark = pytest.mark.slow


def fuzz(examples: int):  # noqa: ANN201 - a settings decorator
    return settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )


def timed(check: Callable[[str], None], pieces: list[str], max_size: int, seed: int) -> int:
    """Call `check` on random texts made of `pieces` for SECONDS_PER_TARGET; the count run."""
    rng, end, count = random.Random(seed), time.monotonic() + SECONDS_PER_TARGET, 0
    while time.monotonic() < end:
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(max_size + 1)))
        try:
            check(text)
        except AssertionError as failure:
            raise AssertionError(f"input {text!r}: {failure}") from None
        count += 1
    return count


def tokens(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    """Text made of characters and longer pieces (hypothesis's text() takes single characters)."""
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


YAML_PIECES = list("ab: -[]{}'\"!&*#|>?,\n \t%@`\\“”•ßé²١") + ["- ", ": ", "\n  "]
LESSON = (GOOD / "minimal.yaml").read_text(encoding="utf-8")


@fuzz(100)
@given(tokens(YAML_PIECES, 120), st.integers(0, len(LESSON)))
def test_the_loader_and_its_trap_rules_never_crash(noise: str, at: int) -> None:
    load_noisy(LESSON[:at] + noise + LESSON[at:])


def load_noisy(text: str) -> None:
    """Load and validate `text`: a lesson or its own located errors."""
    with deadline(10):
        try:
            document = load_yaml(text.encode("utf-8", "surrogatepass"), "fuzz.yaml")
        except LessonError as problem:
            assert problem.line >= 1 and problem.column >= 1, problem.format()
            assert problem.code != "yaml.syntax" or "\n" not in problem.message
            return
        _, problems = validate_lesson(document, "fuzz")
    for problem in problems:
        assert problem.line >= 1 and problem.code != "internal.error", problem.format()


MARKUP_PIECES = list("ab *_`[]()\\<>&:/.#\n!") + ["https://", "](", "**", "mailto:x@y"]


@fuzz(100)
@given(tokens(MARKUP_PIECES, 200))
def test_inline_markup_never_crashes(text: str) -> None:
    parse_markup(text)


def parse_markup(text: str) -> None:
    """Parse inline markup: runs, or a refused link."""
    with deadline(5):
        try:
            rich = parse(text)
        except LessonError as problem:
            assert problem.code == "markup.link", problem.format()
            return
    assert all(run.href is None or run.href.isascii() for run in rich.runs)


SCHEMES = ["https://", "http://", "HTTPS://", "mailto:", "tel:", "javascript:", "", "//"]
HOST_PIECES = list("ab-.:[]@%＠ßé0129_") + ["xn--", "::1", "例", "١", "\u200d", "。"]
TAIL_PIECES = list("/?#=&a%ä ") + ["%zz"]
URL = st.builds(
    lambda scheme, host, rest: scheme + host + rest,
    st.sampled_from(SCHEMES),
    tokens(HOST_PIECES, 30),
    tokens(TAIL_PIECES, 20),
)


@fuzz(200)
@given(URL)
def test_the_url_checker_gives_a_safe_ascii_link_or_a_reason(raw: str) -> None:
    check_link(raw)


def check_link(raw: str) -> None:
    """A link: a safe, ASCII, idempotent URL, or the reason it is refused."""
    try:
        link = check_url(raw)
    except UrlProblem as problem:
        assert problem.message
        return
    assert link.isascii() and not any(c.isspace() or ord(c) < 0x20 for c in link), link
    assert link.split(":", 1)[0] in ALLOWED_SCHEMES
    assert check_url(link) == link  # normalising twice changes nothing


@pytest.mark.skipif(not FUZZ, reason="the timed fuzz run is CI's fuzz job (LESSONPRESS_FUZZ=1)")
@pytest.mark.parametrize("target", ["loader", "markup", "urls"])
def test_timed_fuzz(target: str) -> None:
    """17 seconds of random input per target (bounded: the three stay under 60 s)."""
    if target == "loader":
        count = timed(lambda t: load_noisy(LESSON + t), YAML_PIECES, 120, seed=13)
    elif target == "markup":
        count = timed(parse_markup, MARKUP_PIECES, 200, seed=14)
    else:
        count = timed(
            lambda t: check_link(SCHEMES[len(t) % len(SCHEMES)] + t), HOST_PIECES + TAIL_PIECES, 40, seed=15
        )
    assert count > 100, f"only {count} inputs in {SECONDS_PER_TARGET} s"
