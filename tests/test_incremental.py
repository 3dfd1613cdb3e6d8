"""Builds after the first do only what a change asks for, and publish nothing stale."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import zipfile

import pytest

from scripts import editions


@pytest.fixture
def book(rootdir, tmp_path):
    source = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", source)
    with (source / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('pdf_offprints = ["chapters/*"]\n')
    return source


def run(book, *arguments):
    return editions.main([*arguments, "--verbose", "--source", str(book), "--confdir", str(book),
                          "--locales", str(book / "locales"),
                          "--build-dir", str(book.parent / "_build")])


def page_times(book, fmt):
    """When each page of the book in ``fmt``'s work folder was last written."""
    work = book.parent / "_build/work/en" / fmt
    suffix = ".xhtml" if fmt == "epub" else ".html"
    return {path.relative_to(work).as_posix(): path.stat().st_mtime_ns
            for path in work.rglob(f"*{suffix}")
            if path.stem in {"index", "one", "two", "three"}}


def rewritten(before, after):
    return sorted(page for page, written in after.items() if before.get(page) != written)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_second_build_writes_no_page_again(book):
    assert run(book, "html", "epub") == 0
    site, epub = page_times(book, "html"), page_times(book, "epub")
    assert sorted(site) == ["chapters/one.html", "chapters/two.html", "index.html"]
    assert run(book, "html", "epub") == 0
    assert rewritten(site, page_times(book, "html")) == []
    assert rewritten(epub, page_times(book, "epub")) == []


def test_an_edited_chapter_is_the_only_page_written_again(book):
    assert run(book, "html", "epub") == 0
    site, epub = page_times(book, "html"), page_times(book, "epub")
    edit(book / "chapters/two.md", "Short text.", "Short text, edited.")
    assert run(book, "html", "epub") == 0
    # the index holds the toctree that lists the chapter
    assert rewritten(site, page_times(book, "html")) == ["chapters/two.html", "index.html"]
    assert rewritten(epub, page_times(book, "epub")) == ["chapters/two.xhtml", "index.xhtml"]
    published = book.parent / "_build/html/en/chapters/two.html"
    assert "Short text, edited." in published.read_text(encoding="utf-8")
    with zipfile.ZipFile(book.parent / "_build/epub/en/test-book-en.epub") as packed:
        assert "Short text, edited." in packed.read("chapters/two.xhtml").decode()


def test_a_new_title_is_written_into_every_page_that_shows_it(book):
    assert run(book, "html") == 0
    site = page_times(book, "html")
    edit(book / "chapters/two.md", "# Chapter Two", "# Chapter Two, renamed")
    assert run(book, "html") == 0
    # every page's navigation names the chapters
    assert rewritten(site, page_times(book, "html")) == sorted(site)
    one = (book.parent / "_build/html/en/chapters/one.html").read_text(encoding="utf-8")
    assert "Chapter Two, renamed" in one


def test_a_removed_chapter_leaves_neither_the_site_nor_the_epub(book):
    assert run(book, "html", "epub") == 0
    (book / "chapters/two.md").unlink()
    edit(book / "chapters/one.md", "It points to {ref}`two` for more.", "")
    edit(book / "index.md", "chapters/two\n", "")
    assert run(book, "html", "epub") == 0
    assert not (book.parent / "_build/html/en/chapters/two.html").exists()
    assert not list((book.parent / "_build/html/en/_sources").rglob("two.*"))
    with zipfile.ZipFile(book.parent / "_build/epub/en/test-book-en.epub") as packed:
        assert not [name for name in packed.namelist() if "two" in name]


def pdf_text(pdf) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


def rendered(capfd):
    """The PDFs the last build rendered, as Sphinx reports them."""
    output = re.sub(r"\x1b\[[0-9;]*m", "", capfd.readouterr().out)
    return sorted(re.findall(r"^rendered (\S+): \d+ pages", output, flags=re.MULTILINE))


def test_a_pdf_is_rendered_again_only_when_what_it_prints_changed(book, capfd):
    assert run(book, "pdf") == 0
    assert rendered(capfd) == ["test-book-one-en.pdf", "test-book-two-en.pdf",
                                "test-book.pdf"]
    published = book.parent / "_build/pdf/en"
    offprint = published / "offprints/test-book-one-en.pdf"
    first = offprint.read_bytes()

    assert run(book, "pdf") == 0
    assert rendered(capfd) == []
    assert offprint.read_bytes() == first
    # the offprints are kept with the book they are made from
    kept = book.parent / "_build/work/en/pdf/offprints"
    assert (kept / "test-book-one-en.pdf").read_bytes() == first
    assert (kept / "index.json").is_file()
    assert (published / "test-book-en.pdf").is_file()

    edit(book / "chapters/two.md", "Short text.", "Short text, edited.")
    assert run(book, "pdf") == 0
    # offprints are made of the book's laid-out pages: with the book, they are made again
    # (each laying out only its cover, contents and colophon)
    assert rendered(capfd) == ["test-book-one-en.pdf", "test-book-two-en.pdf",
                                "test-book.pdf"]
    assert "Short text, edited." in pdf_text(published / "offprints/test-book-two-en.pdf")

    stylesheet = book / "_static/print.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "p { orphans: 3; }\n",
                          encoding="utf-8")
    assert run(book, "pdf") == 0
    assert len(rendered(capfd)) == 3


def test_messages_are_extracted_again_only_after_a_source_changed(book, caplog):
    caplog.set_level(logging.INFO, logger="editions")
    assert run(book, "html") == 0
    assert "extracting message catalogs" in caplog.text
    caplog.clear()
    assert run(book, "html") == 0
    assert "extracting message catalogs" not in caplog.text
    assert "are up to date" in caplog.text
    caplog.clear()
    edit(book / "chapters/two.md", "Short text.", "Short text, edited.")
    assert run(book, "html") == 0
    assert "extracting message catalogs" in caplog.text
    pot = book.parent / "_build/gettext/chapters.pot"
    assert "Short text, edited." in pot.read_text(encoding="utf-8")


def test_the_sitemap_lists_the_pages_kept_from_an_earlier_build(book):
    with (book / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('extensions.append("scripts.site.sitemap_pages")\n'
                   'html_baseurl = "https://example.org/book/"\n'
                   'sitemap_url_scheme = "{link}"\n')
    assert run(book, "html") == 0
    sitemap = book.parent / "_build/html/en/sitemap.xml"
    listed = set(re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8")))
    assert "https://example.org/book/chapters/one.html" in listed
    edit(book / "chapters/two.md", "Short text.", "Short text, edited.")
    assert run(book, "html") == 0
    assert set(re.findall(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))) == listed


def test_a_page_that_warned_while_written_warns_again_at_the_next_build(book):
    assert run(book, "html") == 0
    edit(book / "chapters/two.md", "{ref}`one`", "{ref}`gone`")
    assert run(book, "html") == 1
    # nothing changed since: the page is written again and refused again
    assert run(book, "html") == 1
    edit(book / "chapters/two.md", "{ref}`gone`", "{ref}`one`")
    assert run(book, "html") == 0
