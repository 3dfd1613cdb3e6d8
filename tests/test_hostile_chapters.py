"""A chapter is untrusted input: what it asks for outside the book is refused, on every run.

The test book is built and published once; then the chapters of ``tests/roots/test-hostile``
(each a careless or hostile contributor's attempt) are added to it, and the same build is run
twice. Each run must fail, name each chapter's file and line, leave the published editions
byte for byte as they were, put no byte of a file outside the book anywhere in the build tree,
and open no network connection (the Sphinx processes run with a socket guard).
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import textwrap

import pytest

from scripts import editions

SECRET = "SECRET-OUTSIDE-THE-BOOK-7f3a"

# chapter file and line -> what the partner reads there
EXPECTED = {
    "chapters/literal-include.md:11": "refers to ../../outside-secret.txt, outside the book",
    "chapters/include.md:11": "refers to ../../outside-secret.txt, outside the book",
    "chapters/symlink.md:11": "refers to link-to-secret.txt, outside the book",
    "chapters/images.md:11": "refers to ../../outside-image.png, outside the book",
    "chapters/images.md:13": "refers to https://example.org/tracker.png, outside the book",
    "chapters/images.md:15": "the SVG image images/entity.svg contains a document type or "
                             "entity declaration",
    "chapters/download.md:11": "refers to ../../outside-secret.txt, outside the book",
    "chapters/raw-html.md:11": "raw HTML with <script> is not allowed",
    "chapters/raw-html.md:13": "raw HTML with the event handler onclick is not allowed",
    "chapters/raw-html.md:15": "refers to ../../outside-secret.txt, outside the book",
    "chapters/tables-links.md:11": "refers to https://example.org/data.csv, outside the book",
    "chapters/legacy.md:11": "the page is not UTF-8 (byte 0xe9; it looks like Windows-1252",
    "chapters/bad-frontmatter.md:5": "field 'status' is 'published'",
}
ADVICE = "put the file under the source folder/ and refer to it relatively"

SOCKET_GUARD = textwrap.dedent("""\
    # Loaded by every Python process of the test build: any network connection is recorded
    # and refused.
    import os, socket

    def _refuse(self, address, *args, **kwargs):
        with open(os.environ["NETWORK_ATTEMPTS"], "a") as log:
            log.write(repr(address) + "\\n")
        raise OSError("network access refused by the test")

    socket.socket.connect = _refuse
    socket.socket.connect_ex = _refuse
""")


@pytest.fixture
def book(rootdir, tmp_path, monkeypatch):
    source = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", source)
    (tmp_path / "outside-secret.txt").write_text(SECRET + "\n")
    (tmp_path / "outside-image.png").write_bytes(
        (rootdir / "test-book" / "_static" / "print.css").read_bytes() + SECRET.encode())
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(SOCKET_GUARD)
    monkeypatch.setenv("PYTHONPATH", str(guard))
    monkeypatch.setenv("NETWORK_ATTEMPTS", str(tmp_path / "network-attempts.log"))
    return source


def run(book, *formats):
    return editions.main([*formats, "--source", str(book), "--confdir", str(book),
                          "--locales", str(book / "locales"),
                          "--build-dir", str(book.parent / "_build")])


def add_hostile_chapters(book, rootdir):
    shutil.copytree(rootdir / "test-hostile", book, dirs_exist_ok=True)
    (book / "chapters" / "link-to-secret.txt").symlink_to(book.parent / "outside-secret.txt")
    legacy = ("---\ntitle: Legacy\ncontributors:\n  - Test editors\nstatus: draft\n"
              "last_reviewed: 2026-11-23\n---\n\n# Legacy\n\nCaf\u00e9 in Windows-1252.\n")
    (book / "chapters" / "legacy.md").write_bytes(legacy.encode("cp1252"))
    index = book / "index.md"
    index.write_text(index.read_text().replace("chapters/bad-frontmatter\n",
                                               "chapters/bad-frontmatter\nchapters/legacy\n"))


def published(build):
    return {path.relative_to(build).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in ("html", "epub", "pdf") for path in (build / folder).rglob("*")
            if path.is_file()}


def test_hostile_chapters_are_refused_on_every_run(book, rootdir, capfd, caplog):
    caplog.set_level(logging.INFO, logger="editions")
    assert run(book, "html", "epub", "pdf") == 0
    build = book.parent / "_build"
    before = published(build)
    assert any(name.endswith(".pdf") for name in before)

    add_hostile_chapters(book, rootdir)
    for attempt in (1, 2):
        capfd.readouterr()
        assert run(book, "html", "epub", "pdf") == 1, f"run {attempt} was not refused"
        output = re.sub(r"\x1b\[[0-9;]*m", "", "".join(capfd.readouterr()))
        for where, message in EXPECTED.items():
            lines = [line for line in output.splitlines() if f"{where}:" in line]
            assert any(message in line for line in lines), (attempt, where, message, output)
        assert ADVICE in output
        assert "Traceback" not in output and "please open an issue" not in output
        assert "toctree contains reference to non-existing document 'chapters/legacy'" \
            not in output
        assert published(build) == before, f"run {attempt} changed the published editions"

    # the EPUB builder alone would fetch the remote image: it is refused before it can
    assert run(book, "epub") == 1
    assert published(build) == before

    leaked = [path for path in build.rglob("*") if path.is_file()
              and SECRET.encode() in path.read_bytes()]
    assert leaked == []
    # Markdown leaves file: and javascript: links as plain text
    assert not [path for path in build.rglob("*.html")
                if re.search(r'href="(file|javascript):', path.read_text(encoding="utf-8"))]
    attempts = book.parent / "network-attempts.log"
    assert not attempts.exists(), attempts.read_text()


def test_the_socket_guard_would_see_a_connection(book, tmp_path):
    """The guard above is real: a child process that connects is recorded."""
    import subprocess
    import sys

    probe = "import socket; socket.create_connection(('127.0.0.1', 9), timeout=1)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode != 0
    assert "('127.0.0.1', 9)" in (tmp_path / "network-attempts.log").read_text()
