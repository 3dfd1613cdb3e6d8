"""The PDF's fonts, shipped by a Python package, write every EU language in Latin or Greek script."""

from __future__ import annotations

from fontTools.ttLib import TTFont
from fontpkg_noto_sans import ROOT as NOTO_SANS

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
PUNCTUATION = "«»„“”‘’‚–—…€\u00a0\u202f"


def test_every_eu_letter_and_mark_has_a_glyph():
    for font_file in sorted((NOTO_SANS / "files").glob("*.ttf")):
        covered = set(TTFont(font_file).getBestCmap())
        for language, letters in {**EU_LETTERS, "punctuation": PUNCTUATION}.items():
            missing = [char for char in letters if ord(char) not in covered]
            assert missing == [], (font_file.name, language, missing)
