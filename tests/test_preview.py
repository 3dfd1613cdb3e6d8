"""``make preview`` serves the page being written on this machine and rebuilds it on save."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def page_text(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, needle: str, seconds: float = 90) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = page_text(url)
        if text and needle in text:
            return text
        time.sleep(0.5)
    pytest.fail(f"{url} did not show {needle!r} within {seconds} s")


@pytest.fixture
def book(rootdir, tmp_path):
    shutil.copytree(rootdir / "test-book", tmp_path / "book")
    return tmp_path / "book"


def test_the_preview_reloads_the_page_when_it_is_saved(book, tmp_path):
    port = free_port()
    chapter = sorted((book / "chapters").glob("*.md"))[0]
    page = chapter.relative_to(book).with_suffix("").as_posix()
    preview = subprocess.Popen(
        [sys.executable, "-m", "scripts.site.preview", "--source", str(book),
         "--confdir", str(book), "--locales", str(book / "locales"),
         "--build-dir", str(tmp_path / "_build"), "--port", str(port), "--page", page],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        url = f"http://127.0.0.1:{port}/{page}.html"
        first = wait_for(url, "</html>")
        # sphinx-autobuild's script reconnects the page to the server, which reloads it
        assert "websocket" in first.lower()
        chapter.write_text(chapter.read_text(encoding="utf-8")
                           + "\nA sentence saved a moment ago.\n", encoding="utf-8")
        wait_for(url, "A sentence saved a moment ago.")
    finally:
        preview.terminate()
        output = preview.communicate(timeout=30)[0]
    assert f"http://127.0.0.1:{port}/{page}.html" in output
