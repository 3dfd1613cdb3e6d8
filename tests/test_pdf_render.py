"""The renderer alone: a passage in another language is tagged with it, and what WeasyPrint
lays out wrong without a word (text past the margin, a glyph from a stand-in font) is reported
with its page."""

from __future__ import annotations

import pikepdf

from scripts import pdf_render

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
