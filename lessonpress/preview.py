"""Preview in the browser: serve the output folder on 127.0.0.1, rebuild on every save, reload.

`watch` does the building (one warm process, only what changed); this module adds a small
`http.server` that serves the output folder and nothing else, and a live channel
(Server-Sent Events) on which each written file and each build's problems are announced. A page
the server sends gets a short script, allowed by its hash in the Content-Security-Policy, that
reloads the page when its own file was rewritten and shows a build's errors
(`path:line:col: error: ...`) in the page. The files on disk never contain the script.

Security: the server binds 127.0.0.1 only, answers only requests addressed to it by that name
(no DNS rebinding), serves only files inside the output folder (no `..`, no symlink that leads
out, no dot-folders but the catalog's thumbnails, no directory listings), GET and HEAD only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .report import Event, OutputWritten, Reporter

EVENTS = "/__lessonpress/events"
VIEW = "/__lessonpress/view/"  # a PDF in the browser's viewer, reloaded when rebuilt
ALLOWED_DOT = (".lessonpress/thumbs/",)
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
}

# Reloads the page when its file is rewritten (a PDF viewer page: its PDF); lists a build's
# problems in the page; in the catalog, opens PDFs in a viewer page that reloads them. Text only
# (textContent), never markup: a problem message quotes the lesson.
LIVE_SCRIPT = """(() => {
  const panel = document.getElementById("lp-live");
  const list = panel.querySelector("ul");
  const here = decodeURIComponent(location.pathname.replace(/\\/$/, "/index.html"));
  const frame = document.querySelector("iframe[data-file]");
  const watched = frame ? frame.dataset.file : here;
  let build = Number(panel.dataset.build);
  function show(problems) {
    list.replaceChildren(...problems.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
    panel.hidden = problems.length === 0;
  }
  for (const link of document.querySelectorAll("a[href$='.pdf']")) {
    const target = new URL(link.href);
    if (target.origin === location.origin) link.href = "/__lessonpress/view" + target.pathname;
  }
  const events = new EventSource("/__lessonpress/events");
  events.addEventListener("open", () => { document.documentElement.dataset.live = "on"; });
  events.addEventListener("written", (event) => {
    if (JSON.parse(event.data).path !== watched) return;
    if (frame) frame.src = watched + "?v=" + Date.now();
    else location.reload();
  });
  events.addEventListener("build", (event) => {
    const data = JSON.parse(event.data);
    show(data.problems);
    if (data.build > build && data.written.length && here.endsWith("/index.html")) location.reload();
    build = data.build;
  });
})();"""
PANEL_CSS = (
    "#lp-live{position:fixed;inset:auto 1rem 1rem 1rem;max-height:40vh;overflow:auto;"
    "padding:.8rem 1rem;background:#fff;color:#000;border:3px solid #b00020;z-index:10}"
    "#lp-live[hidden]{display:none}#lp-live ul{margin:0;padding-inline-start:1.2rem;"
    "font:.95rem/1.4 ui-monospace,monospace;white-space:pre-wrap}"
)


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


SCRIPT_HASH, PANEL_HASH = _hash(LIVE_SCRIPT), _hash(PANEL_CSS)
PAGE_POLICY = (
    f"default-src 'none'; script-src '{SCRIPT_HASH}'; connect-src 'self'; frame-src 'self'; "
    "style-src 'unsafe-inline'; img-src 'self' data:; font-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
FILE_POLICY = "default-src 'none'; object-src 'self'; img-src 'self'; frame-ancestors 'self'"
# The policy lessonpress writes into every page (html/base.py, html/catalog.py) starts so.
_META_POLICY = re.compile(
    r"(<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"
    r" style-src ')"
)


@dataclass
class LiveState:
    """What the browser is told: the latest build's number, problems and files, and each file
    as it is written. Thread-safe: the builder publishes, the server's threads wait."""

    build: int = 0
    problems: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    events: list[tuple[int, str, dict]] = field(default_factory=list)
    count: int = 0  # events ever published: the next one's number
    lock: threading.Condition = field(default_factory=threading.Condition)

    def publish(self, kind: str, data: dict) -> None:
        """Announce an event to every open page (the latest 500 are kept for slow readers)."""
        with self.lock:
            self.events.append((self.count, kind, data))
            self.count += 1
            del self.events[:-500]
            self.lock.notify_all()

    def file_written(self, url: str) -> None:
        """A file of the output folder was rewritten."""
        self.written.append(url)
        self.publish("written", {"path": url})

    def build_done(self, problems: list[str]) -> None:
        """A build finished (with these problems, formatted as in the terminal)."""
        with self.lock:
            self.build += 1
            self.problems = problems
            written, self.written = self.written, []
        self.publish("build", {"build": self.build, "problems": problems, "written": written})

    def wait(self, after: int, timeout: float) -> list[tuple[int, str, dict]]:
        """Events numbered `after` or later, waiting up to `timeout` seconds for one."""
        with self.lock:
            if not self._since(after):
                self.lock.wait(timeout)
            return self._since(after)

    def _since(self, after: int) -> list[tuple[int, str, dict]]:
        return [e for e in self.events if e[0] >= after]

    @property
    def next_event(self) -> int:
        """The number the next event will get."""
        with self.lock:
            return self.count


def resolve(root: Path, url_path: str) -> Path | None:
    """The file a URL path names inside `root`, or None when it must not be served."""
    path = unquote(urlsplit(url_path).path)
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p]
    if any(p in (".", "..") for p in parts):
        return None
    relative = "/".join(parts)
    if any(p.startswith(".") for p in parts) and not relative.startswith(ALLOWED_DOT):
        return None
    candidate = root.joinpath(*parts) if parts else root
    if candidate.is_dir():
        candidate = candidate / "index.html"
    real = Path(os.path.realpath(candidate))
    if real != root and root not in real.parents:  # a symlink that leads out
        return None
    return real if real.is_file() else None


def live_page(html: bytes, state: LiveState) -> bytes:
    """A page as served in preview: the reload script and the problems panel added."""
    text = html.decode("utf-8")
    policy = (
        f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src '
        f"'{SCRIPT_HASH}'; connect-src 'self'; style-src '{PANEL_HASH}' '"
    )
    text = _META_POLICY.sub(lambda _: policy, text, count=1)
    from .html.text import escape

    items = "".join(f"<li>{escape(p)}</li>" for p in state.problems)
    hidden = "" if state.problems else " hidden"
    panel = (
        f"<style>{PANEL_CSS}</style>"
        f'<section id="lp-live" role="alert" aria-label="Build problems" data-build="{state.build}"'
        f"{hidden}><ul>{items}</ul></section><script>{LIVE_SCRIPT}</script>"
    )
    head, sep, tail = text.rpartition("</body>")
    return (head + panel + sep + tail if sep else text + panel).encode("utf-8")


def viewer_page(root: Path, pdf: Path) -> bytes:
    """A page that shows one PDF in the browser's viewer (the live script reloads it)."""
    from .html.text import escape

    url = "/" + pdf.relative_to(root).as_posix()
    return (
        '<!DOCTYPE html>\n<html lang="en" dir="ltr"><head><meta charset="utf-8">'
        f"<title>{escape(pdf.name)}</title><style>html,body{{margin:0;height:100%}}"
        "iframe{border:0;width:100%;height:100%;display:block}</style></head><body>"
        f'<iframe src="{escape(url)}" data-file="{escape(url)}" title="{escape(pdf.name)}"></iframe>'
        "</body></html>\n"
    ).encode()


def make_handler(root: Path, state: LiveState, hosts: set[str]) -> type[BaseHTTPRequestHandler]:
    """A request handler class serving `root` with the live channel."""

    class Handler(BaseHTTPRequestHandler):
        server_version = "lessonpress-preview"
        sys_version = ""

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
            pass  # quiet: the terminal shows the builds

        def do_HEAD(self) -> None:  # noqa: N802 - http.server's name
            self._serve(body=False)

        def do_GET(self) -> None:  # noqa: N802
            self._serve(body=True)

        def _serve(self, body: bool) -> None:
            if self.headers.get("Host", "") not in hosts:
                return self._refuse(HTTPStatus.MISDIRECTED_REQUEST)
            if urlsplit(self.path).path == EVENTS:
                return self._events() if body else self._refuse(HTTPStatus.METHOD_NOT_ALLOWED)
            viewer = urlsplit(self.path).path.startswith(VIEW)
            path = resolve(root, self.path[len(VIEW) - 1 :] if viewer else self.path)
            if path is None or (viewer and path.suffix.lower() != ".pdf"):
                return self._refuse(HTTPStatus.NOT_FOUND)
            try:
                data = viewer_page(root, path) if viewer else path.read_bytes()
            except OSError:
                return self._refuse(HTTPStatus.NOT_FOUND)
            if viewer:
                path = path.with_suffix(".html")
            kind = TYPES.get(path.suffix.lower(), "application/octet-stream")
            if path.suffix.lower() == ".html":
                data = live_page(data, state)
            self.send_response(HTTPStatus.OK)
            self._headers(kind, PAGE_POLICY if path.suffix.lower() == ".html" else FILE_POLICY)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if body:
                self.wfile.write(data)
            return None

        def _headers(self, kind: str, policy: str) -> None:
            self.send_header("Content-Type", kind)
            self.send_header("Content-Security-Policy", policy)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("Cache-Control", "no-store")

        def _refuse(self, status: HTTPStatus) -> None:
            message = f"{status.value} {status.phrase}\n".encode()
            self.send_response(status)
            self._headers("text/plain; charset=utf-8", "default-src 'none'")
            self.send_header("Content-Length", str(len(message)))
            self.end_headers()
            self.wfile.write(message)

        def _events(self) -> None:
            """Server-Sent Events: the latest build at once, then every event as it comes."""
            self.send_response(HTTPStatus.OK)
            self._headers("text/event-stream; charset=utf-8", "default-src 'none'")
            self.end_headers()
            after = state.next_event
            try:
                self._send("build", {"build": state.build, "problems": state.problems, "written": []})
                while not getattr(self.server, "stopping", False):
                    events = state.wait(after, 10.0)
                    if not events:
                        self.wfile.write(b": keep-alive\n\n")
                        self.wfile.flush()
                    for number, kind, data in events:
                        self._send(kind, data)
                        after = number + 1
            except OSError:
                pass  # the page was closed or reloaded

        def _send(self, kind: str, data: dict) -> None:
            payload = json.dumps(data, ensure_ascii=False)
            self.wfile.write(f"event: {kind}\ndata: {payload}\n\n".encode())
            self.wfile.flush()

    return Handler


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server, on 127.0.0.1 and a free port unless one is given."""

    daemon_threads = True
    stopping = False

    def __init__(self, root: Path, state: LiveState, port: int = 0) -> None:
        self.root = Path(os.path.realpath(root))
        super().__init__(("127.0.0.1", port), make_handler(self.root, state, set()))
        port = self.server_address[1]
        self.RequestHandlerClass = make_handler(self.root, state, {f"127.0.0.1:{port}", f"localhost:{port}"})

    @property
    def url(self) -> str:
        """The address of the catalog."""
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def stop(self) -> None:
        """Stop serving and close every open live channel."""
        self.stopping = True
        self.shutdown()
        self.server_close()


class LiveReporter:
    """Passes build events on, and tells the browser about every file written."""

    def __init__(self, inner: Reporter, state: LiveState, root: Path) -> None:
        self.inner = inner
        self.state = state
        self.root = Path(os.path.realpath(root))

    def emit(self, event: Event) -> None:
        """Forward the event; announce a written file by its URL path."""
        self.inner.emit(event)
        if isinstance(event, OutputWritten):
            real = Path(os.path.realpath(event.path))
            if self.root in real.parents:
                self.state.file_written("/" + real.relative_to(self.root).as_posix())


def web_formats() -> tuple[str, ...]:
    """The formats whose files are web pages (the registry's `.html` suffix)."""
    from .formats import FORMATS

    return tuple(name for name, spec in FORMATS.items() if spec.suffix == ".html")


def preview(
    settings,
    reporter: Reporter,
    on_build: Callable,
    *,
    port: int = 0,  # noqa: ANN001
    on_ready: Callable[[str], None] | None = None,
    stop: threading.Event | None = None,
) -> None:
    """Serve `settings.out_dir`, build now and after every save, until `stop` is set or Ctrl-C."""
    from dataclasses import replace

    from .build import build
    from .html.catalog import CATALOG
    from .watch import watch

    settings.out_dir.mkdir(parents=True, exist_ok=True)
    state = LiveState()
    server = PreviewServer(settings.out_dir, state, port)
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    live = LiveReporter(reporter, state, settings.out_dir)
    first = [True]

    def built(result) -> None:  # noqa: ANN001 - build.BuildResult
        if first[0] and not (settings.out_dir / CATALOG).is_file():
            result = build(replace(settings, force=True, jobs=1), live)  # an old folder: no catalog yet
        state.build_done([p.format() for p in result.problems if p.is_error])
        on_build(result)
        if first[0]:
            first[0] = False
            if on_ready is not None:
                on_ready(server.url)

    try:
        watch(settings, live, built, stop, first=web_formats())
    except KeyboardInterrupt:
        pass  # Ctrl-C between two builds: stop as watchfiles would
    finally:
        server.stop()
        thread.join(timeout=2)
