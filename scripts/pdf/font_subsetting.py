"""Subset the PDF's fonts without first reading the layout tables the subset drops.

WeasyPrint subsets each embedded font with fontTools and drops its GSUB and GPOS tables (a PDF
draws positioned glyphs, so it needs neither). fontTools 4.68 decompiles GSUB, GPOS and GDEF in
full before it drops anything; for Noto Sans, whose GPOS holds the kerning of thousands of
glyphs, that was about half of an offprint's rendering time, spent on tables then thrown away.
Deleting the dropped tables before fontTools subsets gives the same font, without the reading.

A subset keeps every glyph at its index (``retain_gids``), so a subset made for one PDF serves
any later PDF of the same process that draws only glyphs it holds: an offprint, made of the
book's pages, embeds the book's subsets instead of subsetting each face again. A PDF that needs
a glyph the last subset lacks gets a subset of both, which the next ones reuse. An offprint's
fonts then hold glyphs it does not draw, as the book's do.

It replaces the ``subset`` name that ``weasyprint.pdf.fonts`` of the pinned WeasyPrint version
subsets through, and its ``Font._fonttools_subset``; the tests compare the fonts it embeds with
those of fontTools' own subsetter.
"""

from __future__ import annotations

import hashlib
from types import SimpleNamespace
from typing import Any

# the tables fontTools decompiles before it drops what it was asked to drop
LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF")


def drop_unread(font: Any, options: Any) -> None:
    """Delete the layout tables ``options`` drops, as fontTools would, before they are read."""
    dropped = {tag for tag in LAYOUT_TABLES if tag in options.drop_tables and tag in font}
    # fontTools drops 'kern' when the font has GPOS: decided here, while GPOS is still there
    if "GPOS" in dropped and "kern" in font and not options.legacy_kern:
        dropped.add("kern")
    for tag in dropped:
        del font[tag]


# (digest of the whole font, face index, hinting, outlined .notdef) -> (glyph ids, subset)
_subsets: dict[tuple[bytes, int, bool, bool], tuple[frozenset[int], bytes]] = {}


def reuse_subsets(subset_font: Any) -> Any:
    """Wrap ``Font._fonttools_subset`` to reuse an earlier subset holding every glyph asked for."""
    def subset_once(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
        key = (hashlib.sha256(font.file_content).digest(), font.index, bool(hinting),
               bool(font.missing))
        wanted = frozenset(to_unicode)
        known = _subsets.get(key)
        if known is not None and wanted <= known[0]:
            font.file_content = known[1]
            return
        if known is not None:
            # the glyphs of both, so that the PDFs after this one find theirs in it too (a
            # heading weight the book uses for one word, the offprints' covers for more)
            wanted |= known[0]
            to_unicode = dict.fromkeys(wanted, "")
        subset_font(font, to_unicode, hinting)
        _subsets[key] = (wanted, font.file_content)

    subset_once.reuses_subsets = True  # type: ignore[attr-defined]
    return subset_once


def install() -> None:
    """Make WeasyPrint's fontTools subsetting skip the dropped tables and reuse subsets; later
    calls do nothing."""
    from fontTools import subset
    from weasyprint.pdf import fonts

    if not getattr(fonts.Font._fonttools_subset, "reuses_subsets", False):
        fonts.Font._fonttools_subset = reuse_subsets(fonts.Font._fonttools_subset)
    if getattr(fonts.subset, "drops_unread_tables", False):
        return

    class Subsetter(subset.Subsetter):
        def subset(self, font: Any) -> None:
            drop_unread(font, self.options)
            super().subset(font)

    fonts.subset = SimpleNamespace(
        Options=subset.Options, Subsetter=Subsetter, drops_unread_tables=True
    )
