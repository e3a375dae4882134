"""`lessonpress preview`: a saved edit reloads the page within a second, a broken lesson's error
shows in the page and goes away when it is fixed, and the server serves its folder and nothing
else, to this machine only."""

from __future__ import annotations

import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lessonpress.build import BuildSettings
from lessonpress.preview import preview, resolve
from lessonpress.report import Collector

from ..conftest import ROOT

PAGE = "en/teens-3-sextortion-html.html"
TITLE = "title: Sextortion — spot it and stop it"


@pytest.fixture
def server(project_copy: Path):  # noqa: ANN201
    """A preview of the project copy (HTML and handout), on a free port; stopped afterwards."""
    stop, ready, results = threading.Event(), [], []
    settings = BuildSettings(paths=("lessons",), out_dir=Path("build"), formats=("handout", "html"))
    thread = threading.Thread(
        target=preview,
        args=(settings, Collector(), results.append),
        kwargs={"on_ready": ready.append, "stop": stop},
        daemon=True,
    )
    thread.start()
    deadline = time.monotonic() + 120
    while not ready and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready, "the preview never became ready"
    yield ready[0], project_copy, results
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive(), "the preview did not stop"


def open_live(page, url: str) -> None:  # noqa: ANN001
    page.goto(url)
    page.wait_for_function("() => document.documentElement.dataset.live === 'on'", timeout=10_000)


def save(lesson: Path, text: str) -> float:
    lesson.write_text(text, encoding="utf-8")
    return time.monotonic()


def test_a_saved_edit_reloads_the_page_within_a_second(server, page) -> None:  # noqa: ANN001
    url, project, _ = server
    lesson = project / "lessons" / "teens-3-sextortion.yaml"
    original = lesson.read_text(encoding="utf-8")
    assert TITLE in original
    open_live(page, url + PAGE)
    times = []
    for n in range(5):
        started = save(lesson, original.replace(TITLE, f"title: Edit number {n}"))
        page.wait_for_function(
            f"() => document.querySelector('h1').textContent === 'Edit number {n}'",
            timeout=10_000,
            polling=10,
        )
        times.append(time.monotonic() - started)
        page.wait_for_function("() => document.documentElement.dataset.live === 'on'", timeout=10_000)
    print(
        f"preview reload after a save: median {statistics.median(times):.3f} s, "
        f"all {', '.join(f'{t:.3f}' for t in times)}"
    )
    # The promise is one second. On a machine running more than twice as many processes as it
    # has cores (a shared developer box), everything is slower; the budget doubles, and says so.
    busy = os.getloadavg()[0] > 2 * (os.cpu_count() or 1)
    budget = 2.0 if busy else 1.0
    assert statistics.median(times) < budget, (times, f"load {os.getloadavg()[0]:.1f}")


def test_a_broken_lesson_shows_its_error_in_the_page_then_recovers(server, page) -> None:  # noqa: ANN001
    url, project, _ = server
    lesson = project / "lessons" / "teens-3-sextortion.yaml"
    original = lesson.read_text(encoding="utf-8")
    open_live(page, url + PAGE)
    assert page.locator("#lp-live").is_hidden()
    save(lesson, original.replace(TITLE, "titel: Typo in the key"))
    panel = page.locator("#lp-live")
    panel.wait_for(state="visible", timeout=10_000)
    assert re.search(r"lessons/teens-3-sextortion\.yaml:\d+:\d+: error: .*titel", panel.inner_text())
    save(lesson, original.replace(TITLE, "title: Fixed again"))
    page.wait_for_function("() => document.querySelector('h1').textContent === 'Fixed again'", timeout=10_000)
    page.wait_for_function("() => document.getElementById('lp-live').hidden", timeout=10_000)


def test_the_catalog_opens_and_reloads_after_a_build(server, page) -> None:  # noqa: ANN001
    url, project, _ = server
    open_live(page, url)
    assert page.locator("a[href$='en/teens-3-sextortion-handout.pdf']").count() == 1
    page.evaluate("window.stale = true")
    lesson = project / "lessons" / "teens-3-sextortion.yaml"
    save(lesson, lesson.read_text(encoding="utf-8").replace(TITLE, "title: New catalog title"))
    page.wait_for_function(
        "() => !window.stale && document.body.textContent.includes('New catalog title')", timeout=10_000
    )


def raw_get(url: str, path: str, host: str | None = None) -> int:
    """The status of a GET sent exactly as written (no client-side normalising of `..`)."""
    address = re.match(r"http://([\d.]+):(\d+)/", url)
    connection = http.client.HTTPConnection(address.group(1), int(address.group(2)), timeout=5)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"{address.group(1)}:{address.group(2)}")
    connection.endheaders()
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status


def test_the_server_serves_its_folder_and_nothing_else(server) -> None:  # noqa: ANN001
    url, project, _ = server
    (project / "secret.txt").write_text("not for the browser")
    os.symlink(project / "secret.txt", project / "build" / "link.txt")
    os.symlink(project, project / "build" / "up")
    assert raw_get(url, "/" + PAGE) == 200
    assert raw_get(url, "/") == 200
    for path in (
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/en/%2e%2e%2f..%2fsecret.txt",
        "/link.txt",
        "/up/secret.txt",
        "/.lessonpress/state.json",
        "/en/",
        "//etc/passwd",
        "/en\\..\\..\\secret.txt",
    ):
        assert raw_get(url, path) == 404, path
    assert raw_get(url, "/", host="attacker.example:80") == 421  # DNS rebinding
    assert url.startswith("http://127.0.0.1:")


def test_pages_are_served_with_a_restrictive_policy(server) -> None:  # noqa: ANN001
    url, _, _ = server
    address = re.match(r"http://([\d.]+):(\d+)/", url)
    connection = http.client.HTTPConnection(address.group(1), int(address.group(2)), timeout=5)
    connection.request("GET", "/" + PAGE)
    response = connection.getresponse()
    body = response.read().decode()
    policy = response.getheader("Content-Security-Policy")
    assert "default-src 'none'" in policy and "'unsafe-eval'" not in policy
    assert re.search(r"script-src 'sha256-[^']+';", policy)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert body.count("<script>") == 1
    on_disk = (Path("build") / PAGE).read_text(encoding="utf-8")
    assert "<script" not in on_disk  # the file itself has none


def test_resolve_refuses_what_leads_out(tmp_path: Path) -> None:
    root = tmp_path / "out"
    (root / "en").mkdir(parents=True)
    (root / "en" / "a.html").write_text("x")
    assert resolve(root, "/en/a.html") == root / "en" / "a.html"
    assert resolve(root, "/en/a.html?x=1#y") == root / "en" / "a.html"
    assert resolve(root, "/en/%00a.html") is None
    assert resolve(root, "/en/../en/a.html") is None


def test_ctrl_c_stops_the_preview_cleanly(project_copy: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    process = subprocess.Popen(
        [sys.executable, "-m", "lessonpress", "preview", "--no-open", "--format", "html"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=project_copy,
    )
    lines = []
    for line in process.stdout:
        lines.append(line)
        if line.startswith("serving "):
            break
    assert re.match(r"serving build at http://127\.0\.0\.1:\d+/", lines[-1]), lines
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=10)[0]
    assert process.returncode == 0, rest
    assert "stopped" in rest and "Traceback" not in rest


def test_the_live_channel_numbers_events_for_ever() -> None:
    from lessonpress.preview import LiveState

    state = LiveState()
    for n in range(1200):
        state.file_written(f"/en/{n}.html")
    after = state.next_event
    state.file_written("/en/latest.html")
    assert [data["path"] for _, _, data in state.wait(after, 0.1)] == ["/en/latest.html"]


def test_pdfs_open_in_a_viewer_page_that_reloads_them(server, page) -> None:  # noqa: ANN001
    url, project, _ = server
    open_live(page, url)
    link = page.locator("a[href$='teens-3-sextortion-handout.pdf']")
    assert link.get_attribute("href") == "/__lessonpress/view/en/teens-3-sextortion-handout.pdf"
    page.goto(url + "__lessonpress/view/en/teens-3-sextortion-handout.pdf")
    page.wait_for_function("() => document.documentElement.dataset.live === 'on'", timeout=10_000)
    frame = page.locator("iframe")
    assert frame.get_attribute("src") == "/en/teens-3-sextortion-handout.pdf"
    lesson = project / "lessons" / "teens-3-sextortion.yaml"
    save(lesson, lesson.read_text(encoding="utf-8").replace(TITLE, "title: A new handout title"))
    page.wait_for_function(
        "() => document.querySelector('iframe').getAttribute('src').includes('?v=')", timeout=10_000
    )
    assert raw_get(url, "/__lessonpress/view/en/teens-3-sextortion-html.html") == 404
    assert raw_get(url, "/__lessonpress/view/../secret.pdf") == 404
