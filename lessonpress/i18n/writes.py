"""Write the translator's files safely: several files as one change, and never over a stranger's.

An import changes several translation files and the translation record; either all of them
change or none does. Each new content goes first to a temporary file beside its target (so a
full disk or an unwritable folder fails before anything is replaced); then the files are
renamed into place in order, and if a rename fails the ones already replaced get their old
content back. A catalog written with `--out` never replaces a file lessonpress did not write
(unless forced), and never anything but a regular file: not a FIFO, a device or /dev/stdout.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from ..errors import LessonError, SourceLocation
from ..output import write_atomic
from ..project import read_input

# The largest file an import replaces (the translation record's limit): its old content is
# kept in memory to put it back, so a larger one is refused, never read.
MAX_REPLACED_BYTES = 16 * 1024 * 1024

# The first bytes of files lessonpress writes with --out (PO catalogs, label catalogs, CSV).
_OURS = (
    '"Project-Id-Version: lessonpress',
    '"X-Generator: lessonpress',
    "\ufeffcontext,source,translation,status,comment",
)


def safe_target(path: Path, shown: str, force: bool) -> LessonError | None:
    """Why `path` must not be replaced by a catalog, or None when it may be."""
    if path.is_symlink():  # /dev/stdout is one: where it points depends on who runs us
        return _problem(
            shown,
            "the output is a symbolic link; it is never replaced",
            "give --out the path of a file, or leave --out out to print the catalog",
        )
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return _problem(shown, f"cannot check the output file: {exc.strerror or exc}")
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a pipe, device or terminal)"
        return _problem(
            shown,
            f"the output is {kind}; it is never replaced",
            "give --out a file name, or leave --out out to print the catalog",
        )
    if force or _written_by_us(path):
        return None
    return _problem(
        shown,
        "the output file exists and was not written by lessonpress; it is not replaced",
        "choose another --out, or add --force to replace it",
    )


def _written_by_us(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            head = handle.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    # a catalog re-saved by a spreadsheet or Poedit keeps our header row or project id
    return head.removeprefix("\ufeff").startswith(_OURS[2][1:]) or any(
        line.startswith(_OURS[:2]) for line in head.splitlines()[:12]
    )


def _problem(shown: str, message: str, hint: str | None = None) -> LessonError:
    return LessonError(message, code="output.refused", location=SourceLocation(shown), hint=hint)


def write_together(writes: list[tuple[Path, str, bytes]]) -> list[str]:
    """Replace every file with its new bytes, or none of them (raises LessonError); the shown
    paths of the files that changed."""
    todo = [(path, shown, data) for path, shown, data in writes if not _same(path, shown, data)]
    old: dict[Path, bytes | None] = {}
    for path, shown, _ in todo:
        if path.is_symlink() or (path.exists() and not path.is_file()):
            raise _problem(shown, "not a regular file; it is never replaced")
        old[path] = _content(path, shown)
    staged: list[tuple[Path, str, str]] = []
    try:
        for path, shown, data in todo:
            staged.append((path, shown, _stage(path, shown, data)))
    except BaseException:
        _discard(staged)
        raise
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, shown, tmp in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _problem(
                    shown, f"could not write the file: {exc.strerror or exc}; nothing was changed"
                ) from None
            done.append((path, old[path]))
    except BaseException:
        _discard(staged)
        _undo(done)
        raise
    return [shown for _, shown, _ in staged]


def _same(path: Path, shown: str, data: bytes) -> bool:
    """True when `path` already holds `data` (never more than its length + 1 bytes read)."""
    try:
        return read_input(path, shown, len(data)) == data
    except LessonError:  # missing, larger, not a regular file: not the same
        return False


def _content(path: Path, shown: str) -> bytes | None:
    """The content of a file about to be replaced, to put back if a later write fails."""
    if not path.exists():
        return None
    try:
        return read_input(
            path, shown, MAX_REPLACED_BYTES, "lessonpress never writes a file this large: move it away"
        )
    except LessonError as problem:
        raise LessonError(
            f"{problem.message}; it is not replaced, and nothing was changed",
            code=problem.code,
            location=problem.location,
            hint=problem.hint,
        ) from None


def _stage(path: Path, shown: str, data: bytes) -> str:
    """The new content in a temporary file beside `path`, flushed to disk."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise _problem(
            shown, f"could not write the file: {exc.strerror or exc}; nothing was changed"
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _problem(
            shown, f"could not write the file: {exc.strerror or exc}; nothing was changed"
        ) from None
    return tmp


def _discard(staged: list[tuple[Path, str, str]]) -> None:
    for _, _, tmp in staged:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _undo(done: list[tuple[Path, bytes | None]]) -> None:
    """Put back what was replaced before a later write failed."""
    for path, old in reversed(done):
        with contextlib.suppress(OSError, LessonError):
            if old is None:
                os.unlink(path)
            else:
                write_atomic(path, old)
