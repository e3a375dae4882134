"""Fingerprints and the build state: what an output was made from, and whether it still is.

An output is current when the fingerprint of everything it was made from (the lesson file, its
translation, the helpline and curriculum files, the settings that shape it, and the tool itself:
its source, its catalogs, ReportLab and font package versions) equals the one recorded when it
was written, and the file on disk is still the one written then. Which outputs there are is
decided in `outputs.py`; the record lives in `<out>/.lessonpress/state.json`, keyed by output
path, with hashes rather than times, so it survives `git checkout`.

This module imports nothing heavy: a build with nothing to do never loads YAML or ReportLab.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TypeVar

from . import __version__
from .errors import LessonError, SourceLocation

MAX_HASHED_BYTES = 256 * 1024 * 1024  # inputs are far smaller; larger is named by size and time
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
    """Hash of a file's content ('' when it does not exist).

    Read in chunks, and only for regular files of a sane size: a 6 GiB sparse "lesson" (issue
    13) is fingerprinted by its size and time, and refused with its size when it is checked.
    """
    try:
        with open(path, "rb", opener=_nonblocking) as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return f"not-a-file:{stat.S_IFMT(info.st_mode)}"
            if info.st_size > MAX_HASHED_BYTES:
                return f"large:{info.st_size}:{info.st_mtime_ns}"
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return ""


def _nonblocking(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block


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


def shared_fingerprint(helplines: Path | None) -> str:
    """What every output depends on: the tool, and the helpline file any lesson may print."""
    return digest(tool_fingerprint(), file_digest(helplines) if helplines else "")


@dataclass(frozen=True)
class Record:
    """What one output was made from, and the hash of the file written."""

    fingerprint: str
    sha256: str
    stat: str = ""  # the file's size, mtime, inode and device when it was written


class StateError(ValueError):
    """The state file is valid JSON but not a build state (damaged, or written by hand)."""


@dataclass
class BuildState:
    """What the last builds into an output folder recorded, for the next one to compare.

    - `outputs`: each file written (by its path inside the output folder): the fingerprint of
      what it was made from and the hash of its bytes;
    - `languages`: a lesson file's content hash -> the language it is written in,
      `filled`: the same hash -> the fields some format needs that the lesson fills (a quiz is
      made only from a lesson with questions), and `courses`: a curriculum's content hash ->
      its lessons in order; the facts the outputs depend on that only reading YAML would
      otherwise tell;
    - `warnings`: the warnings of the last full build of each plan, to repeat when nothing is
      rebuilt.
    """

    out_dir: Path
    outputs: dict[str, Record] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)
    filled: dict[str, list[str]] = field(default_factory=dict)
    courses: dict[str, list[str]] = field(default_factory=dict)
    warnings: dict[str, list[dict]] = field(default_factory=dict)
    damaged: str | None = None  # why the state on disk could not be used

    @property
    def path(self) -> Path:
        """`<out>/.lessonpress/state.json`."""
        return self.out_dir / STATE_DIR / STATE_FILE

    @classmethod
    def load(cls, out_dir: Path) -> BuildState:
        """The state of an output folder. None on disk is an empty state; one that cannot be
        read or is not a state is an empty one too, with `damaged` saying why (everything is
        rebuilt, and the next save replaces it)."""
        state = cls(out_dir)
        try:
            with open(state.path, "rb") as handle:
                raw = json.loads(handle.read(MAX_STATE_BYTES + 1))
            state._read(raw)
        except FileNotFoundError:
            return cls(out_dir)
        except (OSError, ValueError, UnicodeDecodeError) as exc:  # StateError, JSON errors
            return cls(out_dir, damaged=str(exc) or type(exc).__name__)
        return state

    def _read(self, raw: object) -> None:
        raw = _typed(raw, dict, "the state")
        if raw.get("version") != STATE_VERSION:
            raise StateError("it was written by another version of lessonpress")
        for key, value in _typed(raw.get("outputs", {}), dict, "outputs").items():
            record = _typed(value, dict, "an output record")
            fingerprint, sha = record.get("fingerprint"), record.get("sha256")
            if not (isinstance(fingerprint, str) and isinstance(sha, str) and _hexes(fingerprint, sha)):
                raise StateError(f"output record {key!r} is not valid")
            if not _inside(key):
                raise StateError(f"output {key!r} is outside the output folder")
            signature = record.get("stat", "")
            self.outputs[key] = Record(fingerprint, sha, signature if isinstance(signature, str) else "")
        for key, value in _typed(raw.get("languages", {}), dict, "languages").items():
            self.languages[key] = _typed(value, str, "a language")
        for key, value in _typed(raw.get("filled", {}), dict, "filled").items():
            self.filled[key] = [_typed(i, str, "a field name") for i in _typed(value, list, "fields")]
        for key, value in _typed(raw.get("courses", {}), dict, "courses").items():
            ids = _typed(value, list, "a course")
            self.courses[key] = [_typed(i, str, "a lesson id") for i in ids]
        for key, value in _typed(raw.get("warnings", {}), dict, "warnings").items():
            self.warnings[key] = [_warning(w) for w in _typed(value, list, "warnings")]

    def save(self) -> None:
        """Write the state atomically (keeping only the most recent facts and warnings)."""
        from .output import write_atomic

        data = {
            "version": STATE_VERSION,
            "outputs": {
                k: {"fingerprint": r.fingerprint, "sha256": r.sha256, "stat": r.stat}
                for k, r in sorted(self.outputs.items())
            },
            "languages": dict(list(self.languages.items())[-MAX_FACTS:]),
            "filled": dict(list(self.filled.items())[-MAX_FACTS:]),
            "courses": dict(list(self.courses.items())[-MAX_FACTS:]),
            "warnings": dict(list(self.warnings.items())[-MAX_PLANS:]),
        }
        # Compact: with `indent`, json encodes in Python, ~7 ms a save of a 366-output state
        # (saved every half second while a build writes); without, in C.
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        write_atomic(self.path, (text + "\n").encode())

    def key(self, path: Path) -> str:
        """An output's key: its path inside the output folder, with forward slashes."""
        return path.relative_to(self.out_dir).as_posix()

    def current(self, path: Path, fingerprint: str) -> bool:
        """True when the output at `path` was made from exactly this and is untouched since.

        A file whose size, mtime, inode and device are those recorded when it was written is
        taken as untouched; any other is hashed and compared (hashing all 366 outputs of a
        41-lesson project was a sixth of a no-op build)."""
        record = self.outputs.get(self.key(path))
        if record is None or record.fingerprint != fingerprint:
            return False
        if record.stat and output_stat(path) == record.stat:
            return True
        return output_digest(path) == record.sha256

    def record(self, path: Path, fingerprint: str, sha256: str) -> None:
        """Remember a file just written."""
        self.outputs[self.key(path)] = Record(fingerprint, sha256, output_stat(path))

    def keep_warnings(self, plan: str, problems: list[LessonError]) -> None:
        """Remember the warnings a full build of `plan` found, to repeat when nothing changes."""
        self.remember(plan, self.warnings, [_warning_record(p) for p in problems if not p.is_error])

    def replayed(self, plan: str) -> list[LessonError] | None:
        """The warnings remembered for `plan`, or None when it was never built in full."""
        records = self.warnings.get(plan)
        if records is None:
            return None
        return [
            LessonError(
                r["message"],
                code=r["code"],
                hint=r.get("hint"),
                location=SourceLocation(r["path"], r["line"], r["column"]) if r.get("path") else None,
                severity="warning",
            )
            for r in records
        ]

    def remember(self, key: str, table: dict, value: object) -> None:
        """Set a fact, moving it to the end (the most recent are kept on save)."""
        table.pop(key, None)
        table[key] = value


STATE_VERSION = 2
MAX_STATE_BYTES = 64 * 1024 * 1024
MAX_FACTS = 4000  # lesson files and curricula remembered (older edits are forgotten)
MAX_PLANS = 16  # builds (sets of paths and settings) whose warnings are remembered
T = TypeVar("T")
_HEX = frozenset("0123456789abcdef")
_WARNING_KEYS: dict[str, type | tuple[type, ...]] = {
    "message": str,
    "code": str,
    "hint": (str, type(None)),
    "path": (str, type(None)),
    "line": (int, type(None)),
    "column": (int, type(None)),
}


def _typed(value: object, kind: type[T], what: str) -> T:
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise StateError(f"{what} is a {type(value).__name__}")
    return value


def _hexes(*values: object) -> bool:
    return all(isinstance(v, str) and len(v) == 64 and set(v) <= _HEX for v in values)


def _inside(key: str) -> bool:
    """A recorded output path is relative and stays inside the output folder."""
    parts = key.split("/")
    return bool(key) and not key.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def _warning(value: object) -> dict:
    record = _typed(value, dict, "a warning")
    for key, kinds in _WARNING_KEYS.items():
        if not isinstance(record.get(key), kinds) or isinstance(record.get(key), bool):
            raise StateError(f"a warning's {key} is a {type(record.get(key)).__name__}")
    return record


def _warning_record(problem: LessonError) -> dict:
    return {
        "message": problem.message,
        "code": problem.code,
        "hint": problem.hint,
        "path": problem.path,
        "line": problem.line,
        "column": problem.column,
    }


def output_stat(path: Path) -> str:
    """A regular file's size, mtime (ns), inode and device, or '' for anything else."""
    try:
        info = os.lstat(path)
    except OSError:
        return ""
    if not stat.S_ISREG(info.st_mode):
        return ""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{info.st_dev}"


def output_digest(path: Path) -> str:
    """Hash of a built file, or '' unless it is a regular file (never a device, FIFO, link)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return ""
        with open(path, "rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (OSError, ValueError):
        return ""
