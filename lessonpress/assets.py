"""Turn an image path from a theme or lesson into safe PNG bytes, or say exactly why not.

Images are untrusted (RELIABILITY.md §Assets): a path may point outside the project (`../`,
absolute, a symlink), at a device or FIFO that hangs a reader, or at a file that is not an image,
is truncated, or decodes to a billion pixels. Each is refused with its line. An accepted image is
decoded here and re-encoded, which drops EXIF data such as a phone's GPS position, so ReportLab
only ever sees clean bytes in memory.
"""

from __future__ import annotations

import io
import os
import re
import stat
import warnings
from pathlib import Path

from .errors import LessonError, SourceLocation

MAX_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 40_000_000
MAX_SIDE = 1600  # a logo never needs more; larger ones are scaled down
MAX_ASPECT = 8  # a logo sits in the page header: at most 8:1 or 1:8
_FORMATS = ("PNG", "JPEG")


def load_logo(value: str, root: Path, where: SourceLocation) -> tuple[bytes | None, list[LessonError]]:
    """PNG bytes of an image inside `root`, or None and the problem."""
    try:
        path = _inside(value, root)
        data = _read_regular(path)
        png = _clean(data)
        _check_aspect(data)  # the image as saved (its header only; already checked)
        return png, []
    except _Refused as refused:
        return None, [LessonError(refused.message, code="asset.refused", location=where, hint=refused.hint)]


class _Refused(Exception):
    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def _inside(value: str, root: Path) -> Path:
    if "\x00" in value or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value) or value.startswith(("/", "\\")):
        raise _Refused(
            f"image '{value}' must be a relative path inside the project (no URLs)",
            "put the image in assets/ and write e.g. assets/logo.png",
        )
    if "\\" in value:
        raise _Refused(f"image '{value}' uses backslashes", "write the path with / separators")
    base = root.resolve()
    if not (base / value).resolve().is_relative_to(base):
        raise _Refused(
            f"image '{value}' leads outside the project folder",
            "copy the image into the project, e.g. into assets/",
        )
    try:
        path = (base / value).resolve(strict=True)
    except (OSError, RuntimeError):
        raise _Refused(f"image '{value}' does not exist") from None
    if not path.is_relative_to(base):
        raise _Refused(
            f"image '{value}' leads outside the project folder",
            "copy the image into the project, e.g. into assets/",
        )
    return path


def _read_regular(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise _Refused(f"cannot open the image: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Refused(f"'{path.name}' is not a regular file")
        if info.st_size > MAX_BYTES:
            raise _Refused(
                f"image is larger than {MAX_BYTES // (1024 * 1024)} MiB", "export a smaller PNG or JPEG"
            )
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            return handle.read(MAX_BYTES + 1)
    finally:
        if fd >= 0:
            os.close(fd)


def _check_aspect(data: bytes) -> None:
    """Refuse a logo too long or too narrow for the header line (a 100000x1 image left no room
    for the organisation's name and crashed the layout)."""
    from PIL import Image

    width, height = Image.open(io.BytesIO(data), formats=_FORMATS).size
    if max(width, height) > MAX_ASPECT * min(width, height):
        raise _Refused(
            f"logo is {width} x {height} pixels: it may be at most {MAX_ASPECT} times "
            "as wide as it is tall, or as tall as it is wide",
            "crop the image around the logo",
        )


def _clean(data: bytes) -> bytes:
    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        saved, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, MAX_PIXELS
        try:
            image = Image.open(io.BytesIO(data), formats=_FORMATS)
            if image.width * image.height > MAX_PIXELS:
                raise _Refused(f"image has too many pixels (limit {MAX_PIXELS:,})")
            image.load()
        except _Refused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _Refused(f"image has too many pixels (limit {MAX_PIXELS:,})") from None
        except Exception:  # Pillow raises many kinds for bad files: all mean "not an image"
            raise _Refused(
                "not a PNG or JPEG image, or the file is damaged", "save it again as PNG or JPEG"
            ) from None
        finally:
            Image.MAX_IMAGE_PIXELS = saved
    image = image.convert("RGBA" if "A" in image.getbands() else "RGB")  # type: ignore[assignment]
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=False)  # re-encoded: no EXIF, no metadata
    return out.getvalue()
