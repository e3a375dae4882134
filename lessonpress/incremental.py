"""Decide which outputs are current, from content hashes, without reading a lesson's YAML.

An output is current when the fingerprint of everything it was made from (the lesson file, its
translation, the helpline and curriculum files, the settings that shape it, and the tool itself:
its source, its catalogs, ReportLab and font package versions) equals the one recorded when it
was written, and the PDF on disk is still the one written then. The record lives in
`<out>/.lessonpress/state.json`; hashes rather than times, so it survives `git checkout`.

This module imports nothing heavy: a build with nothing to do never loads YAML or ReportLab.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import __version__
from .formats import FORMATS
from .project import TRANSLATIONS_DIR

STATE_DIR = ".lessonpress"
STATE_FILE = "state.json"
_PACKAGE = Path(__file__).parent
_VERSIONED = ("reportlab-", "uharfbuzz-", "fontpkg_", "icu4py-", "fonttools-", "pillow-")


def digest(*parts: bytes | str) -> str:
    """A hex SHA-256 over parts, each length-prefixed so concatenations cannot collide."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def file_digest(path: Path) -> str:
    """Hash of a file's content ('' when it does not exist)."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


@cache
def tool_fingerprint() -> str:
    """Changes whenever lessonpress's code, catalogs or data, ReportLab or a font package does."""
    parts = [__version__]
    for path in sorted(_PACKAGE.rglob("*")):
        if path.suffix in (".py", ".po", ".yaml", ".json") and "__pycache__" not in path.parts:
            parts += [str(path.relative_to(_PACKAGE)), file_digest(path)]
    parts += installed_versions()
    return digest(*parts)


def installed_versions() -> list[str]:
    """Installed `reportlab-5.1.0`, `fontpkg_*-x.y`... from dist-info folder names.

    Reading folder names costs microseconds, where `importlib.metadata` costs ~25 ms of imports
    on every build, a quarter of a no-op build's budget.
    """
    found = []
    for folder in sorted({Path(p) for p in sys.path if p.endswith("site-packages")}):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found += sorted(n for n in names if n.endswith(".dist-info") and n.lower().startswith(_VERSIONED))
    return found


@dataclass
class Record:
    """What one output was made from, and the hashes of the files written."""

    fingerprint: str
    outputs: dict[str, str]

    def current(self, fingerprint: str) -> bool:
        """True when nothing it depends on changed and its files are untouched on disk."""
        return self.fingerprint == fingerprint and all(
            file_digest(Path(p)) == sha for p, sha in self.outputs.items()
        )


@dataclass
class BuildState:
    """Every output's record, the language each lesson file was in, and warnings to replay."""

    path: Path
    records: dict[str, Record] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, out_dir: Path) -> BuildState:
        """The state of an output folder; an unreadable state is an empty one (rebuild all)."""
        path = out_dir / STATE_DIR / STATE_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            records = {
                k: Record(v["fingerprint"], dict(v["outputs"])) for k, v in raw.get("records", {}).items()
            }
            return cls(path, records, dict(raw.get("languages", {})), list(raw.get("warnings", [])))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls(path)

    def save(self) -> None:
        """Write the state atomically."""
        from .output import write_atomic

        data = {
            "records": {
                k: {"fingerprint": r.fingerprint, "outputs": r.outputs}
                for k, r in sorted(self.records.items())
            },
            "languages": dict(sorted(self.languages.items())),
            "warnings": self.warnings,
        }
        write_atomic(self.path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())

    def current(self, key: str, fingerprint: str) -> bool:
        """True when the output recorded under `key` is up to date."""
        record = self.records.get(key)
        return record is not None and record.current(fingerprint)

    def outputs(self, key: str) -> list[str]:
        """The files recorded for a key."""
        record = self.records.get(key)
        return list(record.outputs) if record else []


@dataclass(frozen=True)
class Inputs:
    """Fingerprints of what outputs depend on, computed from file contents alone."""

    units: dict[str, str]  # shown path of a lesson or translation file -> fingerprint
    shared: str  # the tool, and the helpline file every lesson may print
    course: str  # curriculum.yaml


def inputs_of(files: list, locales: tuple[str, ...] | None, paths: tuple[str, ...]) -> Inputs:
    """Fingerprint every lesson file and translation (a translation includes its source)."""
    from .project import find_course, find_helplines, find_translations

    units: dict[str, str] = {}
    for file in files:
        source = file_digest(file.path)
        units[file.shown] = digest(source)
        for translation in find_translations(file, locales):
            units[translation.shown] = digest(source, file_digest(translation.path))
    helplines = find_helplines(paths)
    course = find_course(paths)
    return Inputs(
        units,
        digest(tool_fingerprint(), file_digest(helplines[0]) if helplines else ""),
        file_digest(course[0]) if course else "",
    )


def settings_fingerprint(settings, fmt: str) -> str:  # noqa: ANN001 - BuildSettings
    """The settings that shape an output of format `fmt` (and only those)."""
    parts = [fmt, str(settings.paper), repr(settings.theme), str(settings.region)]
    parts.append(f"tagged={getattr(settings, 'tagged', True)}")
    parts += [f"{option}={getattr(settings, option)!r}" for option in FORMATS[fmt].options]
    return digest(*parts)


def lesson_key(fmt: str, unit: str) -> str:
    """State key of one lesson's output in one format."""
    return f"{fmt}|{unit}"


def course_key(fmt: str, language: str) -> str:
    """State key of a course output (the pack) in one language."""
    return f"{fmt}|@{language}"


def lesson_fingerprint(inputs: Inputs, unit: str, settings_fp: str) -> str:
    """Everything one lesson output depends on."""
    return digest(inputs.shared, settings_fp, inputs.units[unit])


def course_fingerprint(inputs: Inputs, units: list[str], settings_fp: str) -> str:
    """Everything a pack depends on: all lessons of its language and the curriculum."""
    return digest(inputs.shared, settings_fp, inputs.course, *sorted(f"{u}={inputs.units[u]}" for u in units))


def all_current(
    state: BuildState,
    inputs: Inputs,
    formats: list[str],
    settings,  # noqa: ANN001
) -> list[str] | None:
    """Every output file, when all of them are up to date; None when anything must be built."""
    if not inputs.units or any(unit not in state.languages for unit in inputs.units):
        return None
    outputs: list[str] = []
    for fmt in formats:
        spec = FORMATS[fmt]
        fp = settings_fingerprint(settings, fmt)
        if spec.scope == "course":
            keys = []
            for language in sorted(set(state.languages[u] for u in inputs.units)):
                units = [u for u in inputs.units if state.languages[u] == language]
                keys.append((course_key(fmt, language), course_fingerprint(inputs, units, fp)))
        else:
            paired = getattr(settings, spec.requested_by) if spec.inputs == "translation" else None
            units = [
                u
                for u in inputs.units
                if spec.inputs != "translation"
                or (state.languages[u] == paired and TRANSLATIONS_DIR in Path(u).parts)
            ]
            keys = [(lesson_key(fmt, u), lesson_fingerprint(inputs, u, fp)) for u in units]
        for key, fingerprint in keys:
            if not state.current(key, fingerprint):
                return None
            outputs += state.outputs(key)
    return outputs
