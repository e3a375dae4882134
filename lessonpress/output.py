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
import tempfile
from pathlib import Path

from .errors import LessonError, SourceLocation


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` in one step, or raise LessonError and leave it untouched."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
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
