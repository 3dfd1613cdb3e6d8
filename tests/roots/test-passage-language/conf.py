from fontpkg_noto_sans import ROOT as NOTO_SANS

project = "Passages"
author = "Test editors"
copyright = "2026, test editors"
version = release = "1.0"
language = "fr"
extensions = ["myst_parser", "scripts.pdf.builder", "scripts.epub.builder",
              "scripts.epub.xhtml_raw", "scripts.i18n.passage_language",
              "scripts.i18n.typography"]
# the test passes the guidebook's own myst_enable_extensions
html_static_path = ["_static"]
epub_basename = "passages"
epub_identifier = epub_uid = "passages"
epub_scheme = "local"
epub_description = "Un livre pour les essais"
epub_contributor = "Test contributors"
epub_exclude_files = ["_static/print.css"]
epub_accessibility_conformance = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
pdf_basename = "passages"
pdf_subtitle = "Un livre pour les essais"
pdf_subject = "Passages dans une autre langue"
pdf_keywords = ["essais"]
pdf_css_files = ["print.css"]
pdf_static_path = [str(NOTO_SANS / "files")]
