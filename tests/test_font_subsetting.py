"""The PDF's fonts are subset to the same bytes as before, without reading the layout tables
the subset drops (most of an offprint's rendering time went there)."""

from __future__ import annotations

import io

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
