"""Subset the PDF's fonts without first reading the layout tables the subset drops.

WeasyPrint subsets each embedded font with fontTools and drops its GSUB and GPOS tables (a PDF
draws positioned glyphs, so it needs neither). fontTools 4.68 decompiles GSUB, GPOS and GDEF in
full before it drops anything; for Noto Sans, whose GPOS holds the kerning of thousands of
glyphs, that was about half of an offprint's rendering time, spent on tables then thrown away.
Deleting the dropped tables before fontTools subsets gives the same font, without the reading.

It replaces the ``subset`` name that ``weasyprint.pdf.fonts`` of the pinned WeasyPrint version
subsets through; the tests compare the fonts it embeds with those of fontTools' own subsetter.
"""

from __future__ import annotations

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


def install() -> None:
    """Make WeasyPrint's fontTools subsetting skip the dropped tables; later calls do nothing."""
    from fontTools import subset
    from weasyprint.pdf import fonts

    if getattr(fonts.subset, "drops_unread_tables", False):
        return

    class Subsetter(subset.Subsetter):
        def subset(self, font: Any) -> None:
            drop_unread(font, self.options)
            super().subset(font)

    fonts.subset = SimpleNamespace(
        Options=subset.Options, Subsetter=Subsetter, drops_unread_tables=True
    )
