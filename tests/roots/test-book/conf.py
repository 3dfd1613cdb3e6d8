from fontpkg_noto_sans import ROOT as NOTO_SANS

project = "Test Book"
author = "Test editors"
copyright = "2026, test editors"
version = release = "1.0"
language = "en"
extensions = ["myst_parser", "scripts.book.confinement", "scripts.book.raw_html",
              "scripts.book.source_encoding", "scripts.book.problem_documents",
              "scripts.util.kept_pages",
              "scripts.book.frontmatter", "scripts.pdf.builder", "scripts.epub.builder",
              "scripts.epub.xhtml_raw", "scripts.pdf.glyph_coverage"]
myst_enable_extensions = ["tasklist"]
nitpicky = True
html_static_path = ["_static"]
frontmatter_documents = ["chapters/*"]
frontmatter_fields = {"title": "text", "contributors": "text-list", "status": ["draft", "final"],
                      "last_reviewed": "date"}
epub_basename = "test-book"
epub_identifier = epub_uid = "test-book"
epub_scheme = "local"
epub_description = "A book for tests"
epub_contributor = "Test contributors"
epub_exclude_files = ["_static/print.css"]
pdf_basename = "test-book"
pdf_subtitle = "A book for tests"
pdf_subject = "Testing the pdf builder"
pdf_keywords = ["testing", "pdf"]
pdf_css_files = ["print.css"]
pdf_static_path = [str(NOTO_SANS / "files")]
epub_accessibility_conformance = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
epub_landmarks = {"bodymatter": "chapters/*"}
