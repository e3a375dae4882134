"""Turn a build's outputs into its catalog, `OUT/index.html`: every file by language, unit, lesson
and format, with a first-page thumbnail, page count and size of each PDF, and draft status.

What the catalog lists is kept in `OUT/.lessonpress/catalog.json`, updated from each build's
planned outputs (so a one-lesson build keeps the others listed) and pruned of files that are
gone. Thumbnails are rendered with pypdfium2 and cached by the PDF's content hash in
`OUT/.lessonpress/thumbs/`. The page needs no script: a language filter is a list of links, and
the chosen language's section alone shows (CSS `:target`).
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..errors import LessonError, SourceLocation
from ..languages import language_name
from ..model import Course, Lesson
from ..output import write_atomic
from ..scripts import script_for
from ..theme import DEFAULT_THEME
from .style import palette
from .text import escape, lang_attributes
from .webfonts import Face, css_family, font_face_css

CATALOG = "index.html"
STATE = Path(".lessonpress") / "catalog.json"
THUMBS = Path(".lessonpress") / "thumbs"
THUMB_WIDTH = 120
COURSE_UNIT = "Course"
OTHER_UNIT = "More lessons"
CSP = (
    "default-src 'none'; style-src '{style}'; font-src data:; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'"
)


@dataclass(frozen=True)
class Entry:
    """One output as the catalog lists it."""

    path: str  # relative to the output folder, with '/'
    format: str
    language: str
    lesson_id: str  # '' for a course output (the pack)
    title: str
    unit: str
    order: int  # the lesson's place in the course
    draft: bool
    pages: int = 0
    size: int = 0
    thumb: str = ""  # relative path of the thumbnail
    stamp: str = ""  # the file's size and modification time when it was measured


def entries_of(
    outputs: Iterable, lessons: dict[str, Lesson], course: Course | None, out_dir: Path
) -> list[Entry]:
    """Catalog entries for a build's planned outputs (`outputs.Output` values); `lessons` are the
    checked lessons by the file they were read from."""
    from ..formats import FORMATS

    units = {
        lesson_id: unit.title.plain for unit in (course.units if course else ()) for lesson_id in unit.lessons
    }
    rank = {lesson_id: i for i, lesson_id in enumerate(course.lesson_ids() if course else ())}
    out = []
    for output in outputs:
        lesson = lessons.get(output.units[0].shown)
        if lesson is None:
            continue
        course_wide = FORMATS[output.format].scope == "course"
        lesson_id = "" if course_wide else lesson.lesson_id
        title = (course.title.plain if course else COURSE_UNIT) if course_wide else lesson.title.plain
        unit = COURSE_UNIT if course_wide else units.get(lesson_id, OTHER_UNIT)
        draft = lesson.translation is not None and lesson.translation.draft
        order = -1 if course_wide else rank.get(lesson_id, len(rank))
        out.append(
            Entry(
                _relative(output.path, out_dir),
                output.format,
                output.language,
                lesson_id,
                title,
                unit,
                order,
                draft,
            )
        )
    return out


def update_catalog(
    out_dir: Path,
    outputs: Iterable,
    lessons: dict[str, Lesson],
    course: Course | None,
    digests: Mapping[str, str] | None = None,
) -> list[LessonError]:
    """Merge the build's outputs into the catalog's list and write `OUT/index.html` atomically.
    `digests`: the SHA-256 of files the build just wrote (by path in the folder), which name
    their thumbnails, so those files need not be read and hashed again."""
    try:
        previous = _load(out_dir)
        known = dict(previous)
        for entry in entries_of(outputs, lessons, course, out_dir):
            known[entry.path] = entry
        entries = [
            _measured(out_dir, e, previous.get(e.path), (digests or {}).get(e.path, ""))
            for e in known.values()
            if (out_dir / e.path).is_file()
        ]
        _prune_thumbs(out_dir, {e.thumb for e in entries})
        state = {e.path: e.__dict__ for e in sorted(entries, key=lambda e: e.path)}
        write_atomic(out_dir / STATE, (json.dumps(state, ensure_ascii=False) + "\n").encode())
        write_atomic(out_dir / CATALOG, catalog_page(entries, course.title.plain if course else ""))
    except (LessonError, OSError, ValueError) as exc:
        message = exc.message if isinstance(exc, LessonError) else str(exc)
        return [
            LessonError(
                f"could not write the catalog: {message}",
                code="catalog.write",
                severity="warning",
                location=SourceLocation(str(out_dir / CATALOG)),
            )
        ]
    return []


def _relative(path: Path, out_dir: Path) -> str:
    return path.relative_to(out_dir).as_posix()


def _load(out_dir: Path) -> dict[str, Entry]:
    try:
        raw = json.loads((out_dir / STATE).read_text(encoding="utf-8"))
        return {path: Entry(**fields) for path, fields in raw.items()}
    except (OSError, ValueError, TypeError):
        return {}


def _measured(out_dir: Path, entry: Entry, before: Entry | None, sha256: str = "") -> Entry:
    """The entry with its file's size and, for a PDF, page count and thumbnail; a file unchanged
    since it was last measured (same size and time), or whose thumbnail is found by its known
    `sha256`, is not read again."""
    path = out_dir / entry.path
    info = path.stat()
    stamp = f"{info.st_size}:{info.st_mtime_ns}"
    if (
        before is not None
        and before.stamp == stamp
        and (not before.thumb or (out_dir / before.thumb).is_file())
    ):
        return dataclasses.replace(
            entry, size=before.size, pages=before.pages, thumb=before.thumb, stamp=stamp
        )
    made = _made_thumbnail(out_dir, sha256) if sha256 and entry.path.endswith(".pdf") else None
    if made is not None:
        pages, thumb = made
        return dataclasses.replace(entry, size=info.st_size, pages=pages, thumb=thumb, stamp=stamp)
    data = path.read_bytes()
    fields = dict(entry.__dict__, size=len(data), stamp=stamp)
    if entry.path.endswith(".pdf"):
        fields["pages"], fields["thumb"] = _thumbnail(out_dir, data)
    return Entry(**fields)


def prepare_thumbnail(out_dir: Path, data: bytes) -> None:
    """Render a PDF's thumbnail into the cache now. A build's jobs call it right after writing
    each PDF, so thumbnails are made in the worker processes, side by side, and the catalog
    (written by the main process once every job is done) finds them made: rendering them all
    there afterwards was a serial tail of 7 ms CPU and two fsyncs per PDF (9 s of a 2-worker
    build of the curriculum on a busy machine)."""
    _thumbnail(out_dir, data)


def _thumbnail(out_dir: Path, data: bytes) -> tuple[int, str]:
    """(page count, thumbnail path) of a PDF, rendered once per content hash."""
    digest = hashlib.sha256(data).hexdigest()
    made = _made_thumbnail(out_dir, digest)
    if made is not None:
        return made
    return _render_thumbnail(out_dir, data, *_thumbnail_files(out_dir, digest))


def _made_thumbnail(out_dir: Path, sha256: str) -> tuple[int, str] | None:
    """(page count, thumbnail path) of the PDF with this SHA-256, if its thumbnail is made."""
    name, meta = _thumbnail_files(out_dir, sha256)
    with contextlib.suppress(OSError, ValueError):
        if (out_dir / name).is_file():
            return int(meta.read_text()), name.as_posix()
    return None


def _thumbnail_files(out_dir: Path, sha256: str) -> tuple[Path, Path]:
    """A PDF's thumbnail (inside the output folder) and its page-count file, named by content."""
    return THUMBS / f"{sha256[:32]}.png", out_dir / THUMBS / f"{sha256[:32]}.pages"


def _render_thumbnail(out_dir: Path, data: bytes, name: Path, meta: Path) -> tuple[int, str]:
    import io

    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf)
        page = pdf[0]
        image = page.render(scale=THUMB_WIDTH / page.get_size()[0], draw_annots=False).to_pil()
    finally:
        pdf.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    write_atomic(out_dir / name, buffer.getvalue())
    write_atomic(meta, str(count).encode())
    return count, name.as_posix()


def _prune_thumbs(out_dir: Path, keep: set[str]) -> None:
    folder = out_dir / THUMBS
    if not folder.is_dir():
        return
    wanted = {Path(k).stem for k in keep if k}
    for path in folder.iterdir():
        if path.stem not in wanted:
            with contextlib.suppress(OSError):
                path.unlink()


# -- the page -----------------------------------------------------------------------------------


def catalog_page(entries: list[Entry], course_title: str = "") -> bytes:
    """The catalog as a self-contained HTML page."""
    languages = sorted({e.language for e in entries}, key=lambda x: (x != "en", x))
    title = f"{course_title} — catalog" if course_title else "lessonpress catalog"
    filters = "".join(
        f'<li><a href="#lang-{escape(lang)}"><span {lang_attributes(lang)}>{escape(language_name(lang))}'
        f"</span> ({sum(e.language == lang for e in entries)})</a></li>"
        for lang in languages
    )
    sections = "".join(
        _language_section(lang, [e for e in entries if e.language == lang]) for lang in languages
    )
    body = (
        f"<header><h1>{escape(title)}</h1><p>{len(entries)} files in {len(languages)} "
        f"languages.</p>"
        f'<nav aria-label="Languages"><ul class="filter"><li><a href="#all">All languages</a></li>'
        f'{filters}</ul></nav></header><main id="all">{sections}</main>'
    )
    chars = "".join(sorted({c for e in entries for c in e.title + language_name(e.language)}))
    css = _stylesheet(languages, chars + title)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode("ascii")
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en" dir="ltr">\n<head>\n<meta charset="utf-8">\n',
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
            f'<meta http-equiv="Content-Security-Policy" content="{CSP.format(style="sha256-" + digest)}">\n',
            f"<title>{escape(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n",
        ]
    ).encode("utf-8")


def _language_section(language: str, entries: list[Entry]) -> str:
    ident = f"lang-{escape(language)}"
    drafts = any(e.draft for e in entries)
    out = (
        f'<section class="lang" id="{ident}" aria-labelledby="{ident}-h">'
        f'<h2 id="{ident}-h"><span {lang_attributes(language)}>{escape(language_name(language))}</span>'
        f' <span class="tag">{escape(language)}</span>'
        + (' <span class="draft">draft translation, not yet reviewed</span>' if drafts else "")
        + "</h2>"
    )
    from ..formats import format_names

    order = {name: i for i, name in enumerate(format_names())}
    units: dict[str, list[Entry]] = {}
    for entry in sorted(
        entries, key=lambda e: (e.order, e.lesson_id, order.get(e.format, len(order)), e.path)
    ):
        units.setdefault(entry.unit, []).append(entry)
    for unit, group in units.items():
        out += f"<h3>{escape(unit)}</h3>"
        lessons: dict[str, list[Entry]] = {}
        for entry in group:
            lessons.setdefault(entry.lesson_id or entry.path, []).append(entry)
        for files in lessons.values():
            first = files[0]
            badge = ' <span class="draft">draft</span>' if first.draft else ""
            out += (
                f"<article><h4><span {lang_attributes(language)}>{escape(first.title)}</span>{badge}</h4>"
                f'<ul class="files">{"".join(_file(e) for e in files)}</ul></article>'
            )
    return out + "</section>"


def _file(entry: Entry) -> str:
    kind = "PDF" if entry.path.endswith(".pdf") else "HTML"
    name = Path(entry.path).name
    facts = [kind]
    if entry.pages:
        facts.append(f"{entry.pages} page{'s' * (entry.pages != 1)}")
    facts.append(_size(entry.size))
    thumb = (
        f'<img src="{escape(entry.thumb)}" alt="" width="{THUMB_WIDTH}">'
        if entry.thumb
        else ('<span class="page" aria-hidden="true"></span>')
    )
    return (
        f'<li><a href="{escape(entry.path)}">{thumb}<span class="fmt">{escape(entry.format)}</span>'
        f'<span class="name">{escape(name)}</span></a>'
        f'<span class="facts">{" · ".join(facts)}</span></li>'
    )


def _size(size: int) -> str:
    return f"{size / 1024:.0f} kB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MB"


def _stylesheet(languages: list[str], chars: str) -> str:
    c = palette(DEFAULT_THEME)
    from ..fonts import family

    families = dict.fromkeys(["Atkinson", *(script_for(lang).families[0] for lang in languages)])
    faces = [
        Face(css_family(f), w, False, family(f).bold if w == 700 else family(f).regular)
        for f in families
        for w in (400, 700)
    ]
    stack = ",".join(css_family(f) for f in families)
    return "".join(
        [
            font_face_css(faces, chars),
            f"html{{font-family:{stack},system-ui,sans-serif;color:{c.text};background:#fff;line-height:1.4}}",
            "body{margin:0 auto;max-width:70rem;padding:1rem 1.25rem 3rem}",
            f"h1,h2,h3{{color:{c.accent}}}h2{{border-bottom:2px solid {c.accent};padding-bottom:.2em}}",
            "h4{margin:.2em 0 .4em;font-size:1.05rem}",
            f"a{{color:{c.link}}}a:focus-visible{{outline:3px solid {c.accent};outline-offset:2px}}",
            "ul.filter{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4em 1.2em}",
            "main:has(section:target) section.lang:not(:target){display:none}",
            f"article{{border-top:1px solid {c.rule};padding:.6em 0}}",
            "ul.files{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start}",
            "ul.files li{width:8.5rem;font-size:.9rem}",
            "ul.files a{display:flex;flex-direction:column;gap:.2em}",
            f"ul.files img,.page{{display:block;width:{THUMB_WIDTH}px;border:1px solid {c.rule};"
            "background:#fff}.page{height:60px}",
            ".fmt{font-weight:700}.name{overflow-wrap:anywhere;font-size:.8rem}",
            f".facts{{color:{c.muted};display:block}}",
            f".draft{{border:1px solid {c.text};font-size:.8rem;padding:0 .3em;font-weight:400;"
            f"color:{c.text}}}",
            f".tag{{color:{c.muted};font-size:.9rem;font-weight:400}}",
        ]
    )
