"""Keep code points PDF/UA forbids out of the fonts' ToUnicode maps.

A font used by form fields is embedded whole, and WeasyPrint 70 then writes its ToUnicode map
from the font's whole character map. Noto Sans maps U+0000 (its NULL glyph) and U+FEFF (the
byte order mark, a zero-width glyph) there, and PDF/UA-1 forbids both, and U+FFFE, as the
Unicode value of a glyph (ISO 14289-1, 7.21.7): a checker fails the file, and a screen reader
could read them. Neither is ever drawn as text, so the map simply leaves them out.

It replaces the ``TTFont`` name that ``weasyprint.pdf.fonts`` of the pinned WeasyPrint version
reads the character map through; the tests check the ToUnicode maps of a rendered PDF with form
fields, so an upgrade that changes this shows.
"""

from __future__ import annotations

from typing import Any

FORBIDDEN_VALUES = frozenset({0x0000, 0xFEFF, 0xFFFE})


def install() -> None:
    """Filter the character map WeasyPrint writes ToUnicode maps from; later calls do nothing."""
    from fontTools.ttLib import TTFont
    from weasyprint.pdf import fonts

    if getattr(fonts.TTFont, "filters_forbidden_unicode", False):
        return

    class UnicodeSafeFont(TTFont):
        filters_forbidden_unicode = True

        def getBestCmap(self, *args: Any, **kwargs: Any) -> dict[int, str]:
            mapping = super().getBestCmap(*args, **kwargs) or {}
            return {code: glyph for code, glyph in mapping.items()
                    if code not in FORBIDDEN_VALUES}

    fonts.TTFont = UnicodeSafeFont
