"""The editions command: progress per step, and a failed build never replaces a good edition."""

from __future__ import annotations

import builtins
import logging
import re
import shutil
import zipfile

import pytest

from scripts import editions
from scripts.pdf import render as pdf_render
from scripts.publish import publish_together
from tests import epub_tools


@pytest.fixture
def book(rootdir, tmp_path):
    source = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", source)
    return source


def run(book, *arguments):
    return editions.main([*arguments, "--source", str(book), "--confdir", str(book),
                          "--locales", str(book / "locales"),
                          "--build-dir", str(book.parent / "_build")])


def test_a_failed_build_leaves_the_last_good_edition_in_place(book, caplog):
    caplog.set_level(logging.INFO, logger="editions")
    assert run(book, "html", "pdf") == 0
    published_pdf = book.parent / "_build/pdf/en/test-book-en.pdf"
    published_page = book.parent / "_build/html/en/chapters/two.html"
    good_pdf, good_page = published_pdf.read_bytes(), published_page.read_text()
    assert "[1/2] en pdf done" in caplog.text
    assert "[2/2] en html done" in caplog.text

    chapter = book / "chapters/two.md"
    chapter.write_text(chapter.read_text().replace("{ref}`one`", "{ref}`gone`"))
    caplog.clear()
    assert run(book, "html", "pdf") == 1
    assert "en pdf edition failed" in caplog.text
    assert "the previous ones stay in place" in caplog.text
    assert published_pdf.read_bytes() == good_pdf
    assert published_page.read_text() == good_page
    assert not list(published_page.parents[2].glob(".*"))  # no half-copied edition beside it


def test_a_format_that_fails_late_keeps_the_formats_built_before_it_unpublished(book):
    assert run(book, "html", "epub", "pdf") == 0
    published_pdf = book.parent / "_build/pdf/en/test-book-en.pdf"
    good_pdf = published_pdf.read_bytes()
    # the PDF is built first (the EPUB follows its pages) and builds; then the EPUB fails
    chapter = book / "chapters/two.md"
    chapter.write_text(chapter.read_text().replace("Short text.", "Short text, changed."))
    conf = book / "conf.py"
    conf.write_text(conf.read_text() + '\nepub_landmarks = {"glossary": "no-such-page"}\n')
    assert run(book, "html", "epub", "pdf") == 1
    assert (book.parent / "_build/work/en/pdf/test-book.pdf").read_bytes() != good_pdf
    assert published_pdf.read_bytes() == good_pdf


def test_an_unknown_language_is_refused_with_the_known_ones(book, caplog):
    assert run(book, "html", "--language", "de") == 1
    assert "de not listed in" in caplog.text
    assert "known languages: en" in caplog.text


def test_missing_pango_is_one_clear_line(book, caplog, monkeypatch):
    real_import = builtins.__import__

    def import_without_pango(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", import_without_pango)
    assert pdf_render.weasyprint_problem() == pdf_render.PANGO_HINT
    assert run(book, "pdf") == 1
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert errors == [pdf_render.PANGO_HINT]
    assert "apt-get install libpango-1.0-0 libpangoft2-1.0-0" in errors[0]


def test_a_published_folder_is_replaced_whole(tmp_path):
    old, new, site = tmp_path / "old", tmp_path / "new", tmp_path / "site"
    old.mkdir()
    (old / "gone.html").write_text("old page")
    new.mkdir()
    (new / "index.html").write_text("new page")
    publish_together([(old, site)])
    publish_together([(new, site)])
    assert sorted(path.name for path in site.iterdir()) == ["index.html"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["new", "old", "site"]


def test_a_failed_copy_publishes_nothing_of_the_set(tmp_path):
    site, pdf = tmp_path / "site", tmp_path / "book.pdf"
    site.mkdir()
    (site / "index.html").write_text("last good page")
    pdf.write_bytes(b"last good pdf")
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    (fresh / "index.html").write_text("new page")
    with pytest.raises(FileNotFoundError):
        publish_together([(fresh, site), (tmp_path / "never-built.pdf", pdf)])
    assert (site / "index.html").read_text() == "last good page"
    assert pdf.read_bytes() == b"last good pdf"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["book.pdf", "fresh", "site"]


def test_a_published_file_leaves_no_partial_file(tmp_path):
    source = tmp_path / "book.pdf"
    source.write_bytes(b"%PDF-1.7 complete")
    [target] = publish_together([(source, tmp_path / "out/book-en.pdf")])
    assert target.read_bytes() == b"%PDF-1.7 complete"
    assert [path.name for path in target.parent.iterdir()] == ["book-en.pdf"]


def test_each_language_is_read_once_for_all_its_formats(book, capfd):
    assert run(book, "html", "epub", "pdf", "--verbose") == 0
    # Sphinx colours its log when CI gives it a terminal or FORCE_COLOR; compare plain text
    output = re.sub(r"\x1b\[[0-9;]*m", "", capfd.readouterr().out)
    # the first build reads the two chapters and the index; the next two reuse what it read
    assert output.count("updating environment: [new config] 3 added") == 1
    assert output.count("updating environment: 0 added, 0 changed, 0 removed") == 2


def test_a_removed_chapter_disappears_from_the_published_site(book):
    assert run(book, "html") == 0
    site = book.parent / "_build/html/en"
    assert (site / "chapters/two.html").is_file()
    (book / "chapters/two.md").unlink()
    (book / "chapters/one.md").write_text(
        (book / "chapters/one.md").read_text().replace("It points to {ref}`two` for more.", ""))
    (book / "index.md").write_text((book / "index.md").read_text().replace("chapters/two\n", ""))
    assert run(book, "html") == 0
    assert not (site / "chapters/two.html").exists()
    # nothing of the removed page stays in the build tree, its cached doctree included
    assert not list((book.parent / "_build/work").rglob("two.doctree"))


def test_languages_build_side_by_side_with_their_lines_prefixed(book, capfd, caplog):
    caplog.set_level(logging.INFO, logger="editions")
    with (book / "locales" / "languages.toml").open("a", encoding="utf-8") as listing:
        listing.write('\n[[languages]]\ncode = "fr"\nname = "Français"\n')
    (book / "chapters" / "two.md").write_text(
        (book / "chapters" / "two.md").read_text(encoding="utf-8") + "\n{ref}`nowhere`\n",
        encoding="utf-8")

    assert run(book, "epub", "--jobs", "2") == 1

    errors = capfd.readouterr().err
    # each language's build reports the broken reference, each line saying whose it is
    for language in ("en", "fr"):
        assert re.search(rf"^\[{language} epub\] .*two\.md:\d+: WARNING", errors, re.M), errors
    assert not (book.parent / "_build" / "epub").exists()


def test_languages_built_side_by_side_are_all_published(book, caplog):
    caplog.set_level(logging.INFO, logger="editions")
    with (book / "locales" / "languages.toml").open("a", encoding="utf-8") as listing:
        listing.write('\n[[languages]]\ncode = "fr"\nname = "Français"\n')

    assert run(book, "html", "epub", "--jobs", "2") == 0

    build = book.parent / "_build"
    assert (build / "epub" / "en" / "test-book-en.epub").is_file()
    assert (build / "epub" / "fr" / "test-book-fr.epub").is_file()
    assert (build / "html" / "fr" / "index.html").is_file()
    # four builds started, each counted once, whichever language got there first
    assert sorted(re.findall(r"\[(\d)/4\] \w+ \w+ \.\.\.", caplog.text)) == ["1", "2", "3", "4"]


def test_the_epub_marks_where_each_page_of_the_pdf_starts(book):
    assert run(book, "epub", "pdf") == 0
    epub = book.parent / "_build/epub/en/test-book-en.epub"
    pdf_pages = epub_tools.pdf_page_letters(book.parent / "_build/pdf/en/test-book-en.pdf")
    listed = epub_tools.page_list(epub)
    # every page with words from a chapter, checked against poppler's reading of the PDF
    chapter_pages = [number for number, words in enumerate(pdf_pages, 1)
                     if "localpreventionworks" in words or "shorttext" in words]
    assert chapter_pages and set(chapter_pages) <= set(listed)
    for number, following in listed.items():
        assert following.startswith(pdf_pages[number - 1][:20]), number
    with zipfile.ZipFile(epub) as archive:
        package = archive.read("content.opf").decode("utf-8")
    assert re.search(r'<meta property="pageBreakSource">[^<]*test-book-en\.pdf', package)
    assert "pageNavigation" in package
    assert epub_tools.epubcheck_findings(epub, usage=True) == []

    # built alone later, the EPUB follows the PDF that is published
    assert run(book, "epub") == 0
    assert epub_tools.page_list(epub) == listed
    # and when the PDF is kept from its last render, so are the page starts that go with it
    assert run(book, "epub", "pdf") == 0
    assert epub_tools.page_list(epub) == listed
