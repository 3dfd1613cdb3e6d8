"""The print-shop version: bleed around every page, nothing to fill in, chapters on the right."""

from __future__ import annotations

import pikepdf
import pytest

from tests.pdf_inspect import chapter_starts_on, page_texts, printed_contents, running_headers


@pytest.mark.sphinx("pdf-print", testroot="book", freshenv=True)
def test_print_shop_version_has_bleed_and_chapters_on_right_hand_pages(app):
    app.build()
    assert app.warning.getvalue() == ""
    pdf = app.outdir / "test-book-print.pdf"
    with pikepdf.open(pdf) as document:
        page = document.pages[0]
        media = [float(value) for value in page.MediaBox]
        trim = [float(value) for value in page.TrimBox]
        assert media[0] < trim[0] and media[2] > trim[2]  # bleed around the A4 page
        assert "/AcroForm" not in document.Root  # nothing to fill in on paper
    texts, headers = page_texts(pdf), running_headers(pdf)
    contents = dict(printed_contents(texts, "Contents"))
    for title in ("Chapter One", "Chapter Two"):
        assert contents[title] % 2 == 1, f"{title} opens on a left-hand page"
        assert chapter_starts_on(texts, headers, title, contents[title])
