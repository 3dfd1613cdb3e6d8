"""The PDF's fonts are subset to the same bytes as before, without reading the layout tables
the subset drops (most of an offprint's rendering time went there)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest
from fontpkg_noto_sans import ROOT as NOTO_SANS
from fontTools import subset
from fontTools.ttLib import TTFont, getTableClass

from scripts.pdf import font_subsetting


@pytest.fixture(scope="module")
def font_file(tmp_path_factory):
    """Noto Sans cut down to a few letters, still with its kerning (GPOS) and GSUB."""
    path = tmp_path_factory.mktemp("fonts") / "Small.ttf"
    font = TTFont(NOTO_SANS / "files" / "NotoSans[wdth,wght].ttf")
    subsetter = subset.Subsetter(subset.Options(layout_features=["*"]))
    subsetter.populate(text="AVATAR Łódź Αθήνα")
    subsetter.subset(font)
    font.save(path)
    assert {"GSUB", "GPOS"} <= set(TTFont(path).keys())
    return path


def subset_as_weasyprint(subsetter_class, font_file) -> bytes:
    """What WeasyPrint 70 does to a font it embeds (``Font._fonttools_subset``)."""
    options = subset.Options(
        retain_gids=True,
        passthrough_tables=True,
        ignore_missing_glyphs=True,
        hinting=False,
        desubroutinize=True,
        notdef_outline=False,
    )
    options.drop_tables += ["GSUB", "GPOS", "SVG"]
    subsetter = subsetter_class(options)
    subsetter.populate(gids=[3, 4, 5, 6])
    font = TTFont(font_file, recalcTimestamp=False)
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


@pytest.fixture
def installed():
    from weasyprint.pdf import fonts

    before = fonts.subset
    font_subsetting.install()
    yield fonts.subset.Subsetter
    fonts.subset = before


def test_the_subset_font_is_the_same_bytes(font_file, installed):
    assert subset_as_weasyprint(installed, font_file) == subset_as_weasyprint(
        subset.Subsetter, font_file
    )


def test_the_dropped_layout_tables_are_never_read(font_file, installed, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("GPOS was read, then dropped")

    monkeypatch.setattr(getTableClass("GPOS"), "decompile", refuse)
    subset_as_weasyprint(installed, font_file)


def test_a_later_pdf_reuses_a_subset_that_holds_its_glyphs(font_file, monkeypatch):
    """An offprint draws glyphs of the book's pages: it embeds the book's subset, made once."""
    monkeypatch.setattr(font_subsetting, "_subsets", {})
    made = []

    def subset_font(font, to_unicode, hinting):
        made.append(sorted(to_unicode))
        font.file_content = b"subset of " + bytes(sorted(to_unicode))

    subset_once = font_subsetting.reuse_subsets(subset_font)
    whole = font_file.read_bytes()

    def embed(glyphs: dict[int, str]) -> bytes:
        font = SimpleNamespace(file_content=whole, index=0, missing={})
        subset_once(font, glyphs, False)
        return font.file_content

    book = embed({3: "A", 4: "V", 5: "T", 6: "R"})
    assert embed({3: "A", 5: "T"}) == book
    assert made == [[3, 4, 5, 6]]
    # a glyph the earlier subset lacks: subset again, with the glyphs of both for the next PDFs
    both = embed({3: "A", 7: "Ł"})
    assert both != book
    assert embed({4: "V", 7: "Ł"}) == both
    assert made == [[3, 4, 5, 6], [3, 4, 5, 6, 7]]
