"""The renderer alone: a passage in another language is tagged with it, and what WeasyPrint
lays out wrong without a word (text past the margin, a glyph from a stand-in font) is reported
with its page."""

from __future__ import annotations

import pikepdf
import pytest

from scripts.pdf import render as pdf_render

PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Essai</title>
<style>@page {{ size: A6; margin: 10mm }} body {{ font-family: "DejaVu Sans" }}</style></head>
<body><h1>Essai</h1>{body}</body></html>"""


def render(tmp_path, body: str):
    page = tmp_path / "page.html"
    page.write_text(PAGE.format(body=body), encoding="utf-8")
    return pdf_render.render_pdf(page, tmp_path / "page.pdf", tmp_path, variant="pdf/ua-1")


def test_a_passage_in_another_language_carries_its_language(tmp_path):
    result = render(tmp_path, '<p>Un paragraphe traduit.</p><p lang="en">A paragraph left in '
                              "English.</p>")
    assert result.problems == ()
    with pikepdf.open(result.path) as document:
        assert document.Root.Lang == "fr"
        languages = [str(element.Lang) for element in document.objects
                     if isinstance(element, pikepdf.Dictionary)
                     and element.get("/Type") == "/StructElem" and "/Lang" in element]
    assert languages == ["en"]


def test_text_past_the_margin_is_reported_with_its_page(tmp_path):
    result = render(tmp_path, "<p>Voir https://example.org/" + "a" * 80 + "</p>")
    assert len(result.problems) == 1
    assert result.problems[0].startswith("page 1: <p> 'Voir https://example.org/")
    assert "outside the text area" in result.problems[0]


def test_a_character_missing_from_the_chosen_font_is_reported(tmp_path):
    result = render(tmp_path, "<p>Un signe 中 sans glyphe.</p>")
    assert result.problems == (
        "page 1: '中' U+4E2D in 'Un signe 中 sans glyphe.' is not in the font 'DejaVu Sans' and "
        "was drawn from another one; use a font that has it or another character",)


def png(width: int, height: int) -> bytes:
    """A grey PNG of the given size, written by hand (no imaging library needed)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    rows = b"".join(b"\x00" + bytes((index * 7 + row) % 256 for index in range(width))
                    for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def test_images_are_downsampled_to_print_resolution(tmp_path):
    (tmp_path / "photo.png").write_bytes(png(2400, 2400))
    # printed 20 mm wide: at 300 dpi that needs about 236 pixels, not 2400
    result = render(tmp_path, '<img src="photo.png" alt="A grey test square" '
                              'style="width: 20mm; height: 20mm">')
    with pikepdf.open(result.path) as document:
        images = [image for page in document.pages for image in page.get_images().values()]
        assert [int(image.Width) for image in images] == [pytest.approx(236, abs=2)]


def test_fonts_are_subset_alike_with_and_without_harfbuzz_subset(tmp_path, monkeypatch):
    """The same page gives the same bytes whether or not the machine has libharfbuzz-subset."""
    from weasyprint.pdf import fonts
    from weasyprint.text import ffi

    if ffi.harfbuzz_subset is None:
        pytest.skip("this machine has no libharfbuzz-subset to compare with (CI installs it)")
    # as in every build of the editions: fontTools stamps a subset font with this moment
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    monkeypatch.setattr(fonts, "harfbuzz_subset", ffi.harfbuzz_subset)
    with_library = render(tmp_path, "<p>Prévention locale, égalité, Ærø.</p>").path.read_bytes()
    # a machine without the library: WeasyPrint finds no HarfBuzz subsetter at all
    monkeypatch.setattr(fonts, "harfbuzz_subset", None)
    without_library = render(tmp_path, "<p>Prévention locale, égalité, Ærø.</p>")
    assert without_library.path.read_bytes() == with_library


def test_each_page_start_names_its_document_and_its_first_words_only(tmp_path):
    page = tmp_path / "book.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Book</title><style>'
        '@page { size: A6; margin: 15mm; @top-center { content: "Running head" } }'
        'body { font-family: "DejaVu Sans" } section { break-before: page }'
        'p.box::before { content: "LABEL " }</style></head><body>'
        '<div class="cover"><p>Cover words</p></div>'
        '<span id="document-one"></span><section><h1>Chapter one</h1><p>First words.</p>'
        '</section><span id="document-two"></span><section><p class="box">Boxed words, '
        "then more.</p></section></body></html>", encoding="utf-8")
    result = pdf_render.render_pdf(page, tmp_path / "book.pdf", tmp_path,
                                   record_page_starts=True)
    starts = [(start["page"], start["document"], " ".join(start["texts"]))
              for start in result.page_starts]
    # no running head, no generated label: only words the other editions share
    assert starts == [(1, None, "Cover words"), (2, "one", "Chapter one First words."),
                      (3, "two", "Boxed words, then more.")]
