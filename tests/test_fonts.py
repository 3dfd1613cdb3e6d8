"""The PDF fonts, shipped by a Python package, write every EU language in Latin or Greek."""

from __future__ import annotations

from fontpkg_noto_sans import ROOT as NOTO_SANS
from fontTools.ttLib import TTFont

# Letters beyond ASCII that each EU language written in Latin or Greek script needs, plus the
# punctuation the book's languages use (quotation marks, dashes, euro, no-break spaces).
EU_LETTERS = {
    "Croatian": "čćđšžČĆĐŠŽ", "Czech": "áčďéěíňóřšťúůýžŘŮ", "Danish": "æøåÆØÅ",
    "Dutch": "ĳëïé", "Estonian": "äöõüšžÕ", "Finnish": "äöåÄÖ", "French": "àâæçéèêëîïôœùûüÿŸŒ",
    "German": "äöüßẞÄÖÜ", "Greek": "αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώϊϋΐΰΑΒΓΔΩΆΈΉΊΌΎΏ",
    "Hungarian": "áéíóöőúüűŐŰ", "Irish": "áéíóúÁÉÍÓÚ", "Italian": "àèéìòù",
    "Latvian": "āčēģīķļņšūžĀŅ", "Lithuanian": "ąčęėįšųūžĄĖĮ", "Maltese": "ċġħżĊĠĦŻ",
    "Polish": "ąćęłńóśźżĄĆĘŁŃŚŹŻ", "Portuguese": "ãõâêôáéíóúçÃÕ", "Romanian": "ăâîșțĂÂÎȘȚ",
    "Slovak": "áäčďéíĺľňóôŕšťúýžĽ", "Slovenian": "čšžČŠŽ", "Spanish": "áéíñóúü¿¡Ñ",
    "Swedish": "åäöÅÄÖ",
}
# quotation marks, dashes, ellipsis, euro, no-break and narrow no-break spaces
PUNCTUATION = "«»\u201e\u201c\u201d\u2018\u2019\u201a\u2013\u2014\u2026€\u00a0\u202f"


def test_every_eu_letter_and_mark_has_a_glyph():
    for font_file in sorted((NOTO_SANS / "files").glob("*.ttf")):
        covered = set(TTFont(font_file).getBestCmap())
        for language, letters in {**EU_LETTERS, "punctuation": PUNCTUATION}.items():
            missing = [char for char in letters if ord(char) not in covered]
            assert missing == [], (font_file.name, language, missing)
