"""Write built PDFs so that a reader never sees half a file and a failure never costs the old one.

ReportLab opens its output with "wb" before producing a byte, so a crash at save time leaves an
empty file where the last good handout was (RELIABILITY.md §0, item 3). Here the bytes are
complete before the file is touched; they go to a temporary file in the same folder, are flushed
to disk, and replace the old file in one rename. A symlink at the output path is replaced, never
followed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from pathlib import Path

from .errors import LessonError, SourceLocation


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step, or raise LessonError and leave it untouched."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.{os.getpid()}.", suffix=TEMP_SUFFIX)
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _write_error(path, exc) from None
        raise


def remove_stale_temp_files(out_dir: Path) -> list[Path]:
    """Remove the temporary files a killed build left in an output folder and its subfolders.

    A temporary file names the process that wrote it; it is stale when that process is gone
    (a build still running into the same folder keeps its own).
    """
    removed = []
    for folder in [out_dir, *_subfolders(out_dir)]:
        for entry in _entries(folder):
            match = _TEMP.fullmatch(entry.name)
            if match and entry.is_file(follow_symlinks=False) and not _alive(int(match["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


TEMP_SUFFIX = ".tmp"
_TEMP = re.compile(r"\..+\.(?P<pid>[0-9]{1,10})\.[A-Za-z0-9_]{8}" + re.escape(TEMP_SUFFIX))


def _subfolders(folder: Path) -> list[Path]:
    return [Path(e.path) for e in _entries(folder) if e.is_dir(follow_symlinks=False)]


def _entries(folder: Path) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except PermissionError:  # another user's process
        return True
    except (OSError, OverflowError):  # gone, or not a process number at all
        return False
    return True


def _write_error(path: Path, exc: OSError) -> LessonError:
    hint = None
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        hint = "free some disk space and build again; the previous file was kept"
    elif isinstance(exc, PermissionError):
        hint = "close the PDF if a viewer has it open, check the folder's permissions, and retry"
    return LessonError(
        f"could not write the file: {exc.strerror or exc}",
        code="output.write",
        location=SourceLocation(str(path)),
        hint=hint,
    )
