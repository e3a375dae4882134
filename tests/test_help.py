"""Every command's --help ends with real examples: each one parses as the command it shows."""

from __future__ import annotations

import shlex
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from lessonpress.cli import main
from lessonpress.cli_examples import EXAMPLES


def commands(group: click.Group = main, prefix: str = "") -> list[tuple[str, click.Command]]:
    """Every command and group, by its path (`i18n status`), the top one as ''."""
    out: list[tuple[str, click.Command]] = [(prefix, group)]
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}".strip()
        if isinstance(command, click.Group):
            out += commands(command, path)
        else:
            out.append((path, command))
    return out


def parse(words: list[str]) -> str:
    """Parse a command line as lessonpress would, without running it; the command's path."""
    ctx = main.make_context("lessonpress", list(words))
    command: click.Command = main
    path = ""
    while isinstance(command, click.Group):
        protected = ctx._protected_args if hasattr(ctx, "_protected_args") else ctx.protected_args
        rest = [*protected, *ctx.args]
        if not rest:
            break
        name, found, args = command.resolve_command(ctx, rest)
        assert found is not None and name is not None
        command, path = found, f"{path} {name}".strip()
        ctx = command.make_context(name, list(args), parent=ctx)
    return path


@pytest.mark.parametrize(("path", "command"), commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_every_command_has_two_or_three_examples(path: str, command: click.Command) -> None:
    assert 2 <= len(EXAMPLES.get(path, ())) <= 3, f"add examples for `lessonpress {path}` in cli_examples.py"
    shown = CliRunner().invoke(main, [*path.split(), "--help"]).output
    assert "Examples:" in shown
    for line, what in EXAMPLES[path]:
        assert line in shown and what in shown


@pytest.mark.parametrize("path", sorted(EXAMPLES))
def test_every_example_is_a_command_line_lessonpress_accepts(
    path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "build" / "translations").mkdir(parents=True)
    for name in ("build/translations/fr.po", "fr.csv"):  # files the import examples read
        (tmp_path / name).write_text("")
    for line, _ in EXAMPLES[path]:
        words = shlex.split(line.split(" > ")[0].split(" | ")[0])
        assert words[0] == "lessonpress"
        if "--help" in words:
            continue
        parsed = parse(words[1:])
        is_group = isinstance(dict(commands()).get(path), click.Group)
        assert parsed.startswith(path) if is_group else parsed == path, line


README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.mark.parametrize(("path", "command"), commands(), ids=lambda x: x if isinstance(x, str) else "")
def test_the_readme_shows_every_command_and_flag(path: str, command: click.Command) -> None:
    readme = README.read_text(encoding="utf-8")
    assert f"lessonpress {path}".strip() in readme or f"make_pdfs.py {path}" in readme, path
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            longest = max(param.opts, key=len)
            assert longest in readme, f"README: `{path}` flag {longest}"


def test_the_readme_documents_shell_completion() -> None:
    assert "_LESSONPRESS_COMPLETE=bash_source lessonpress" in README.read_text(encoding="utf-8")


def test_shell_completion_offers_formats_after_a_comma(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMP_WORDS", "lessonpress build --format handout,sl")
    monkeypatch.setenv("COMP_CWORD", "3")
    monkeypatch.setenv("_LESSONPRESS_COMPLETE", "bash_complete")
    result = CliRunner().invoke(main, [], prog_name="lessonpress", env=None)
    assert result.output.split() == ["plain,handout,slides", "plain,handout,slides-handout"]


def test_the_readme_and_ci_install_every_tool_the_tests_run() -> None:
    from .tools import APT_LINE, PACKAGES

    readme = README.read_text(encoding="utf-8")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert APT_LINE in readme
    for command, package in PACKAGES.items():
        assert package in APT_LINE.split() and package in ci and f"`{command}`" in readme, command
    assert "LESSONPRESS_REQUIRE_TOOLS=1 pytest" in ci


def test_every_tool_a_test_runs_is_listed() -> None:
    import re

    from .tools import PACKAGES

    used = set()
    for path in (README.parent / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(
            re.findall(r"(?:subprocess\.(?:run|Popen|check_output)\(\s*\[|which\()\s*\"([\w-]+)\"", text)
        )
        used |= {
            w
            for call in re.findall(r"(?:needs|have)\(([^)]*)\)", text)
            for w in re.findall(r"\"([\w-]+)\"", call)
        }
    assert used and used <= set(PACKAGES), used - set(PACKAGES)
