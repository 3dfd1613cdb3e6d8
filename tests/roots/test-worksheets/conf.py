from fontpkg_noto_sans import ROOT as NOTO_SANS

project = "Worksheets"
author = "Test editors"
copyright = "2026, test editors"
version = release = "1.0"
language = "en"
extensions = ["myst_parser", "scripts.book.components", "scripts.pdf.builder"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
html_static_path = ["_static"]
pdf_basename = "worksheets"
pdf_css_files = ["print.css"]
# served as static faces made once per machine: the fields' font is one of them
pdf_font_faces = [
    {"family": "Noto Sans", "file": str(NOTO_SANS / "files" / "NotoSans[wdth,wght].ttf"),
     "weights": [400, 700]},
    {"family": "Noto Sans", "file": str(NOTO_SANS / "files" / "NotoSans-Italic[wdth,wght].ttf"),
     "style": "italic", "weights": [400]},
]
