"""The pdf builder makes a book: cover, contents with true page numbers, notes, bookmarks."""

from __future__ import annotations

import re
import shutil

import pikepdf
import pytest
from pypdf import PdfReader
from sphinx.testing.util import SphinxTestApp

from tests.pdf_inspect import (
    chapter_starts_on,
    normalised,
    outline,
    page_texts,
    printed_contents,
    running_headers,
)


@pytest.fixture(scope="module")
def app(rootdir, tmp_path_factory):
    """The test book built once as PDF for all the tests of this module."""
    source = tmp_path_factory.mktemp("pdf") / "test-book"
    shutil.copytree(rootdir / "test-book", source)
    built = SphinxTestApp("pdf", srcdir=source, confoverrides={"pdf_offprints": ["chapters/*"]})
    try:
        built.build()
        yield built
    finally:
        built.cleanup()


def test_pdf_is_written_without_warnings(app):
    assert (app.outdir / "test-book.pdf").is_file()
    assert app.warning.getvalue() == ""


def test_contents_page_numbers_are_where_chapters_start(app):
    texts = page_texts(app.outdir / "test-book.pdf")
    headers = running_headers(app.outdir / "test-book.pdf")
    contents = printed_contents(texts, "Contents")
    chapters = [(title, page) for title, page in contents if title.startswith("Chapter")]
    assert [title for title, _ in chapters] == ["Chapter One", "Chapter Two"]
    for title, page in chapters:
        assert chapter_starts_on(texts, headers, title, page)
    # the first chapter is long enough that the second cannot start on the next page
    assert chapters[1][1] - chapters[0][1] > 3


def test_cross_reference_states_the_page_it_points_to(app):
    texts = page_texts(app.outdir / "test-book.pdf")
    contents = dict(printed_contents(texts, "Contents"))
    first_page = normalised(texts[contents["Chapter One"] - 1])
    assert f"Chapter Two (page {contents['Chapter Two']})" in first_page


def test_footnote_is_printed_on_the_page_of_its_call(app):
    texts = [normalised(text) for text in page_texts(app.outdir / "test-book.pdf")]

    def pages_with(words: str) -> list[int]:
        return [number for number, text in enumerate(texts, start=1) if words in text]

    assert pages_with("cites a source.") == pages_with("a note for the foot of the page") == [3]
    # both chapters number their note 1, and each call gets its own chapter's note
    assert pages_with("refers back to") == pages_with("own first note")


def test_bookmarks_follow_chapters_and_sections(app):
    bookmarks = outline(app.outdir / "test-book.pdf")
    assert [(title, level) for title, level, _ in bookmarks] == [
        ("Chapter One", 1), ("A first section", 2), ("Tasks", 2),
        ("Chapter Two", 1), ("Another section", 2), ("Colophon", 1),
    ]
    contents = dict(printed_contents(page_texts(app.outdir / "test-book.pdf"), "Contents"))
    assert {title: page for title, level, page in bookmarks if level == 1} == {
        title: contents[title] for title in ("Chapter One", "Chapter Two", "Colophon")}


def test_the_colophon_is_in_the_contents_on_the_last_page(app):
    texts = page_texts(app.outdir / "test-book.pdf")
    contents = printed_contents(texts, "Contents")
    assert contents[-1] == ("Colophon", len(texts))
    assert normalised(texts[-1]).startswith("Colophon")


def test_a_chapter_opening_page_has_no_running_head_the_next_pages_do(app):
    texts = page_texts(app.outdir / "test-book.pdf")
    headers = running_headers(app.outdir / "test-book.pdf")
    start = dict(printed_contents(texts, "Contents"))["Chapter One"]
    # the heading opens the page; a running head above it would repeat it
    assert headers[start - 1] == ""
    assert headers[start] == headers[start + 1] == "Chapter One"


def test_the_builder_corrects_weasyprint_line_and_page_breaking(app):
    """The corrections tested in test_pdf_lines are the ones the book is laid out with."""
    from weasyprint.layout import block, inline

    assert getattr(inline.split_first_line, "hanging_space_aware", False)
    assert getattr(block._linebox_layout, "whole_words_at_page_end", False)


def test_metadata_language_and_cover(app):
    pdf_path = app.outdir / "test-book.pdf"
    with pikepdf.open(pdf_path) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]) == "Test Book"
        assert str(info["/Author"]) == "Test editors"
        assert str(info["/Subject"]) == "Testing the pdf builder"
        assert str(info["/Keywords"]) == "testing, pdf"
        assert str(pdf.Root.Lang) == "en"
    cover = normalised(page_texts(pdf_path)[0])
    for expected in ("Test Book", "A book for tests", "Edition 1.0", "English"):
        assert expected in cover


def test_fonts_are_embedded_and_subset(app):
    fonts = {}
    with pikepdf.open(app.outdir / "test-book.pdf") as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
                descriptor = descendant.FontDescriptor
                fonts[str(font.BaseFont)] = any(
                    key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    assert fonts, "no fonts found"
    assert all(fonts.values()), f"not embedded: {fonts}"
    # a subset font's name carries a six-letter tag: ABCDEF+Name
    assert all(name[7] == "+" for name in fonts), fonts
    assert all("Noto" in name for name in fonts), fonts


def named_destinations(document: pikepdf.Pdf) -> set[str]:
    names = document.Root.Names.Dests.Names
    return {str(names[index]) for index in range(0, len(names), 2)}


def test_each_chapter_is_also_an_offprint_of_its_own(app):
    offprint = app.outdir / "offprints" / "test-book-one-en.pdf"
    assert sorted(path.name for path in offprint.parent.glob("*.pdf")) == [
        "test-book-one-en.pdf", "test-book-two-en.pdf"]
    texts = [normalised(text) for text in page_texts(offprint)]
    assert texts[0].startswith("Chapter One From Test Book")
    # the chapter's pages are the book's, numbered as in the book, which the cover says
    book = dict(printed_contents(page_texts(app.outdir / "test-book.pdf"), "Contents"))
    first, last = book["Chapter One"], book["Chapter Two"] - 1
    assert f"Pages {first}\N{EN DASH}{last} of the book" in texts[0]
    labels = PdfReader(offprint).page_labels
    assert labels == ["i", "ii", *map(str, range(first, last + 1)), "iii"]
    contents = dict(printed_contents(page_texts(offprint), "Contents"))
    assert list(contents) == ["A first section", "Tasks"]
    assert all(title in texts[labels.index(str(page))] for title, page in contents.items())
    # the colophon, the offprint's own, is listed with its own number
    assert re.search(r"Colophon \.{3,} iii ", texts[1])
    assert texts[-1].startswith("Colophon")
    # the other chapter is not in the offprint: its name stays, as text, with its book page
    assert f"It points to Chapter Two (page {book['Chapter Two']}) for more" in texts[2]
    with pikepdf.open(offprint) as document:
        targets = {str(annotation.Dest) for page in document.pages
                   for annotation in page.get("/Annots", []) if "/Dest" in annotation}
        assert targets and targets <= named_destinations(document)
        # a link left without its annotation is tagged as text, not as a link
        assert all(any(is_object_reference(kid) for kid in kids(link))
                   for link in structure_elements(document.Root.StructTreeRoot, "/Link"))


def test_an_offprint_prints_the_book_pages_of_its_chapter(app):
    """Its chapter pages read and fill in like the same pages of the book."""
    offprint = app.outdir / "offprints" / "test-book-one-en.pdf"
    book = app.outdir / "test-book.pdf"
    contents = dict(printed_contents(page_texts(book), "Contents"))
    chapter = range(contents["Chapter One"] - 1, contents["Chapter Two"] - 1)
    # the offprint's cover and contents come first, its colophon last
    assert page_texts(offprint)[2:-1] == [page_texts(book)[index] for index in chapter]
    assert page_fields(offprint)[2:-1] == [page_fields(book)[index] for index in chapter]
    assert any(page_fields(offprint))


def page_fields(pdf) -> list[list[tuple[str, str, tuple[float, ...]]]]:
    """(type, tooltip, rectangle) of the form fields on each page.

    Not their names: a field the HTML leaves unnamed is named after its PDF object.
    """
    with pikepdf.open(pdf) as document:
        return [[(str(annotation.get("/FT", "")), str(annotation.get("/TU", "")),
                  tuple(round(float(value), 2) for value in annotation.Rect))
                 for annotation in page.get("/Annots", []) if annotation.Subtype == "/Widget"]
                for page in document.pages]


def kids(element) -> list:
    found = element.get("/K", [])
    return list(found) if isinstance(found, pikepdf.Array) else [found]


def is_object_reference(kid) -> bool:
    return isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"


def structure_elements(root, structure_type: str) -> list:
    found, stack = [], kids(root)
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary):
            continue
        if element.get("/S") == structure_type:
            found.append(element)
        stack.extend(kids(element))
    return found
