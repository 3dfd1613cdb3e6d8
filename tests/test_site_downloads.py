"""Downloads where readers are: each page links its own PDF, with the size a reader can expect,
and every link resolves in the published tree; the site's root leads to each language."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pypdf import PdfWriter

from scripts import editions
from scripts.edition_files import describe_products, still_published
from scripts.site.downloads import readable_size
from scripts.site.landing import SiteLanguage, write_landing_page

SITE_SETTINGS = """
extensions += ["scripts.site.theme", "scripts.site.page_context", "scripts.site.downloads"]
html_theme = "furo-book"
pdf_offprints = ["chapters/*"]
site_edition_labels = {"pdf": "PDF", "epub": "EPUB"}
site_page_facts = {"contributors": "Contributors", "last_reviewed": "Last reviewed"}
today_fmt = "%d %B %Y"
"""


@pytest.fixture
def book(rootdir, tmp_path):
    source = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", source)
    conf = source / "conf.py"
    conf.write_text(conf.read_text() + SITE_SETTINGS)
    return source


def run(book, *arguments):
    return editions.main([*arguments, "--source", str(book), "--confdir", str(book),
                          "--locales", str(book / "locales"),
                          "--build-dir", str(book.parent / "_build")])


def links_of(page: Path) -> list[str]:
    return re.findall(r'<a href="([^"]+\.(?:pdf|epub))"', page.read_text())


def test_a_chapter_page_links_its_own_pdf_with_size_and_pages(book):
    assert run(book, "html", "epub", "pdf") == 0
    build = book.parent / "_build"
    page = build / "html" / "en" / "chapters" / "one.html"
    html = page.read_text()
    offprints = [link for link in links_of(page) if "/offprints/" in link]
    assert len(offprints) == 1
    assert (page.parent / offprints[0]).resolve().is_file()
    assert re.search(r'class="download-details">\(\d+ kB, \d+ pages\)', html)
    # the front matter under the title, dates in words
    assert re.search(r"<dt>Last reviewed</dt><dd>\d+ \w+ \d{4}</dd>", html)
    home = build / "html" / "en" / "index.html"
    whole_book = links_of(home)
    assert any(link.endswith(".epub") for link in whole_book)
    for link in whole_book:
        assert (home.parent / link).resolve().is_file(), link
    described = json.loads((build / "downloads" / "en.json").read_text())
    assert set(described) == {"pdf", "epub", "offprints"}


def test_rebuilding_the_site_alone_keeps_its_download_links(book):
    assert run(book, "html", "pdf") == 0
    page = book.parent / "_build" / "html" / "en" / "chapters" / "two.html"
    before = links_of(page)
    assert before
    assert run(book, "html") == 0
    assert links_of(page) == before


def test_sizes_read_as_the_page_language_writes_them():
    assert readable_size(1_234_567, "en") == "1.2 MB"
    assert readable_size(1_234_567, "fr") == "1,2\u202fMo"  # CLDR's French, via Babel
    assert readable_size(340_400, "en") == "340 kB"
    assert readable_size(12, "en") == "1 kB"  # never "0 kB"


def test_a_description_drops_files_that_are_no_longer_published(tmp_path):
    work = tmp_path / "work"
    offprints = work / "offprints"
    offprints.mkdir(parents=True)
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=595, height=842)
    writer.write(work / "book.pdf")
    shutil.copyfile(work / "book.pdf", offprints / "book-one-en.pdf")
    (offprints / "index.json").write_text('{"chapters/one": "book-one-en.pdf"}')
    published = tmp_path / "pdf" / "en"
    described = describe_products("pdf", [(work / "book.pdf", published / "book-en.pdf"),
                                          (offprints, published / "offprints")], tmp_path)
    assert described["pdf"] == {"href": "pdf/en/book-en.pdf",
                                "bytes": (work / "book.pdf").stat().st_size, "pages": 3}
    assert described["offprints"]["chapters/one"]["href"] == \
        "pdf/en/offprints/book-one-en.pdf"
    assert still_published(described, tmp_path) == {}  # nothing was published yet


def test_the_site_root_lists_each_published_language_in_its_own_words(tmp_path):
    for code, title in [("en", "A Book"), ("fr", "Un livre")]:
        (tmp_path / code).mkdir()
        (tmp_path / code / "index.html").write_text(f"<html><title>{title}</title></html>")
    (tmp_path / "en" / "404.html").write_text("not found")
    page = write_landing_page(tmp_path, [SiteLanguage("en", "English"),
                                         SiteLanguage("fr", "Français"),
                                         SiteLanguage("de", "Deutsch")])
    html = page.read_text()
    assert '<a href="fr/index.html" hreflang="fr" lang="fr">' in html
    assert "Un livre" in html and "Français" in html
    assert "de/index.html" not in html  # not published, so not offered
    assert (tmp_path / "404.html").read_text() == "not found"
