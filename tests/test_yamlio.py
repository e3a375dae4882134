"""The strict YAML loader: text stays text, positions are exact, traps fail fast."""

from __future__ import annotations

import time
import tracemalloc

import pytest
import yaml

from lessonpress.errors import LessonError
from lessonpress.yamlio import MAX_FILE_BYTES, load_yaml


def test_every_scalar_stays_text() -> None:
    doc = load_yaml(b"language: no\nversion: 1.10\nzip: 01234\nduration: 1:30\non: yes\n", "x.yaml")
    assert doc.data == {"language": "no", "version": "1.10", "zip": "01234", "duration": "1:30", "on": "yes"}


def test_empty_values_are_none() -> None:
    doc = load_yaml(b"a:\nb: ~\nc: ''\nd: null\n", "x.yaml")
    assert doc.data == {"a": None, "b": None, "c": "", "d": None}


def test_positions_of_keys_and_values() -> None:
    doc = load_yaml(b"title: Hi\nlist:\n  - one\n  - two\n", "x.yaml")
    assert str(doc.where(("list", 1))) == "x.yaml:4:5"
    assert str(doc.where(("list",), key=True)) == "x.yaml:2:1"
    assert str(doc.where(("title",))) == "x.yaml:1:8"


def test_bom_is_accepted() -> None:
    assert load_yaml(b"\xef\xbb\xbftitle: x\n", "x.yaml").data == {"title": "x"}


def test_oversized_file_is_refused_before_parsing() -> None:
    raw = b"title: " + b"a" * (MAX_FILE_BYTES + 10)
    with pytest.raises(LessonError, match="larger than 512 KiB"):
        load_yaml(raw, "big.yaml")


def test_alias_bomb_fails_at_once_with_flat_memory() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    raw = "\n".join(lines).encode()
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(LessonError) as info:
        load_yaml(raw, "bomb.yaml")
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert info.value.code == "yaml.anchor"
    assert elapsed < 1.0 and peak < 5_000_000


@pytest.mark.parametrize("depth", [200, 100_000])
def test_deep_nesting_is_an_error_not_a_recursion_error(depth: int) -> None:
    with pytest.raises(LessonError, match="nested deeper than 32 levels"):
        load_yaml(b"a: " + b"[" * depth, "deep.yaml")


def test_a_python_tag_never_runs(tmp_path) -> None:  # noqa: ANN001
    marker = tmp_path / "ran"
    raw = f'title: !!python/object/apply:os.system ["touch {marker}"]\n'.encode()
    with pytest.raises(LessonError, match="explicit YAML tag"):
        load_yaml(raw, "x.yaml")
    assert not marker.exists()


def test_too_many_values() -> None:
    raw = ("items:\n" + "  - a\n" * 60_000).encode()
    with pytest.raises(LessonError, match="more than 50000 values"):
        load_yaml(raw, "x.yaml")


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML's own parser refuses '?' in [ ]")
def test_a_question_mark_inside_brackets_is_text() -> None:
    assert load_yaml(b"discussion_prompts: [Why?, How?]\n", "x.yaml").data == {
        "discussion_prompts": ["Why?", "How?"]
    }


def test_libyaml_and_pyyaml_report_the_same_syntax_error() -> None:
    with pytest.raises(LessonError) as info:
        load_yaml(b'title: "Never closed\nobjectives: [a]\n', "x.yaml")
    assert info.value.message == "the quote opened here is not closed on this line"
