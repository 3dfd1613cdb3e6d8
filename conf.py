"""Sphinx configuration of the guidebook: everything specific to this book lives here.

Built with ``sphinx-build -c . guidebook <outdir>``; ``make`` runs every build. Paths are relative
to this file unless a comment says otherwise.
"""

from pathlib import Path

from fontpkg_noto_sans import ROOT as NOTO_SANS

HERE = Path(__file__).parent

# -- The book ----------------------------------------------------------------------------------

project = "Local Prevention of Violent Extremism"
subtitle = "A practical guidebook for cities and local authorities"
author = "The guidebook editorial team"
copyright = "2026, the guidebook editorial team and contributors, CC BY 4.0"
version = "0.1"
release = "0.1"
language = "en"
root_doc = "index"
today_fmt = "%d %B %Y"

# -- Sources -----------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    # A chapter is untrusted input: it may use only files inside guidebook/, raw HTML that
    # formats text, and UTF-8; a page that warned is read again until it is fixed.
    "scripts.book.confinement",
    "scripts.book.raw_html",
    "scripts.book.source_encoding",
    "scripts.book.problem_documents",
    # builds keep their pages and write again only those a change shows on
    "scripts.util.kept_pages",
    # the warnings partners meet most say how to fix them
    "scripts.book.advice",
    # A translation's catalogs pass make check-po's checks before the build uses them.
    "scripts.i18n.checked_catalogs",
    "scripts.i18n.translated_config",
    "scripts.book.frontmatter",
    "scripts.book.page_template",
    "scripts.pdf.builder",
    # a character the PDF's font lacks is refused at its line, not pages into the PDF
    "scripts.pdf.glyph_coverage",
    "scripts.epub.builder",
    "scripts.epub.xhtml_raw",
    "scripts.book.components",
    # cells of a captioned table ({table} directive) are translated like any other text
    "scripts.book.table_sources",
    "scripts.book.practice_register",
    "scripts.book.single_document_ids",
    "scripts.book.citation_style",
    # a passage in another language ({.language-en}) names a real language
    "scripts.i18n.passage_language",
    "scripts.i18n.typography",
    "scripts.book.glossary_order",
    "scripts.i18n.status",
    "sphinxcontrib.bibtex",
    # pybtex scans every installed package for its plugins at each citation: once is enough.
    "scripts.book.bibtex_lookup_cache",
    # The site: downloads beside the pages, languages, search, and the web's conventions.
    "scripts.site.theme",
    "scripts.site.page_context",
    "scripts.site.downloads",
    "scripts.site.editions_page",
    "scripts.site.search",
    "sphinx_sitemap",
    # builds keep their pages: the sitemap lists those not written again too
    "scripts.site.sitemap_pages",
    "notfound.extension",
]
source_suffix = {".md": "markdown"}
# how refusals name the book's folder to partners
confinement_source_label = "guidebook"
exclude_patterns = ["_build", "_static", "_templates"]
# MyST: ::: blocks for the guidebook's components (practice, checklist...), definition lists
# for their fields, and spans that mark a passage's language ([a title]{.language-en}).
# Typographic quotes come from Sphinx (smartquotes), which sets each language's own marks
# („…“ in German, ”…” in Swedish, «…» in Italian and Spanish); MyST's would put English marks
# into every language first.
myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3
# One list of sources for the whole book; a citation key that does not exist is a warning, so
# -W stops the build. Author-year references read well in all three editions.
bibtex_bibfiles = ["guidebook/references.bib"]
bibtex_default_style = "plain_by_name"
bibtex_reference_style = "author_year_round"
# Every contributed page must say who wrote it, under which licence and how current it is.
frontmatter_documents = ["about", "how-to-use", "glossary", "references", "checklists", "toolkit",
                         "chapters/*"]
frontmatter_fields = {
    "title": "text",
    "contributors": "text-list",
    "organisation": "text",
    "country": "text",
    "licence": ["CC-BY-4.0", "CC-BY-SA-4.0"],
    "status": ["draft", "in-review", "final"],
    "last_reviewed": "date",
}

# Every chapter keeps the template's sections, in its order, with their components; the same
# file starts a new chapter (make new-chapter). _templates/ is not part of the book.
page_templates = {"chapters/*": "_templates/chapter.md"}
# A practice is told as a box once; other chapters refer to the chapter that tells it.
practice_titles_unique = True
# make new-chapter and make new-appendix: the template a page starts from, where it goes and
# which contents of the root page list it.
new_page_kinds = {
    "chapter": {"template": "_templates/chapter.md", "folder": "chapters", "numbered": True,
                "label_prefix": "ch-", "contents": "Chapters"},
    "appendix": {"template": "_templates/appendix.md", "folder": "", "contents": "Back matter",
                 "before": "glossary"},
}

# -- Warnings are errors -----------------------------------------------------------------------

# The Makefile passes -W --keep-going: a broken reference stops the build with file and line.
nitpicky = True

# -- Translations ------------------------------------------------------------------------------

locale_dirs = ["../locales"]  # relative to the sources (guidebook/)
# One catalog per page, so translators work chapter by chapter and progress shows per chapter.
gettext_compact = False
# Which languages exist and when a translation is complete enough to release (make stats).
translation_languages_file = "locales/languages.toml"
gettext_uuid = False
# Book strings that live here rather than in a page, translated through sphinx.po.
# The date's form too: "30. November 2026" in German, "30 de noviembre de 2026" in Spanish.
translated_config_values = ["project", "author", "copyright", "html_title", "pdf_subtitle",
                            "pdf_subject", "epub_copyright", "epub_description",
                            "epub_contributor", "epub_accessibility_summary", "today_fmt",
                            "html_last_updated_fmt"]

# -- HTML site ---------------------------------------------------------------------------------

html_title = project
# furo (a skip link, a menu drawer on phones, light and dark schemes, "on this page" contents)
# with the language switcher, downloads and search of scripts/site/theme.py.
html_theme = "furo-book"
html_static_path = ["guidebook/_static"]
html_css_files = ["components.css", "screen.css"]
html_favicon = "guidebook/_static/favicon.svg"
html_theme_options = {
    "light_css_variables": {
        "color-brand-primary": "#1f5c7a",
        "color-brand-content": "#1b5573",
        "color-brand-visited": "#5b3a85",
        "font-stack": "'Noto Sans', 'DejaVu Sans', Arial, sans-serif",
    },
    "dark_css_variables": {
        "color-brand-primary": "#8cc8e8",
        "color-brand-content": "#8cc8e8",
        "color-brand-visited": "#c9a8f0",
    },
}
html_last_updated_fmt = today_fmt
# The book has no index entries: an empty index page would only be noise.
html_use_index = False
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False

# Where the site's language folders are published (canonical links, sitemaps and the 404 page
# need the full address); a placeholder until the book has a real one. See README, Deploying.
site_base_url = "https://guidebook.example.org/html/"
# Under each page's title: its front matter, then its own PDF (the offprint).
site_page_facts = {"contributors": "Contributors", "organisation": "Organisation",
                   "country": "Country", "status": "Status", "last_reviewed": "Last reviewed"}
site_fact_values = {"status": {"draft": "Draft", "in-review": "In review", "final": "Final"}}
# a page's country is translated through sphinx.po ("Europe", "Europa")
site_translated_facts = ["country"]
site_edition_labels = {"pdf": "PDF", "epub": "EPUB", "pdf-print": "PDF for print shops"}
# The page listing every language's editions and each translation's progress.
site_editions_template = "editions.html"
# One sitemap per language; pages name their other languages themselves (hreflang).
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
sitemap_show_lastmod = False

# -- EPUB --------------------------------------------------------------------------------------

epub_basename = "prevention-guidebook"
epub_description = subtitle
# epub_author and epub_publisher are the author, translated
epub_contributor = "Partner organisations of the guidebook"
# The book's name from which each language's edition takes its own identifier (a urn:uuid:),
# and the XML id of that identifier in the package document.
epub_identifier = "local-prevention-of-violent-extremism"
epub_scheme = "local"
epub_uid = epub_identifier
epub_copyright = copyright
epub_show_urls = "no"
epub_css_files = ["components.css"]
epub_use_index = False
# The print stylesheet refers to fonts that only the PDF build ships.
epub_exclude_files = ["_static/print.css"]
epub_accessibility_summary = (
    "Text with headings, a table of contents and reading order; no images carry information."
)
# The editorial team, as publisher, evaluated the EPUB itself (DAISY Ace and EPUBCheck in the
# tests, and its own review); no outside body has certified it.
epub_accessibility_conformance = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"
# Where reading systems' shortcuts lead: the first chapter, the glossary, the references.
epub_landmarks = {"bodymatter": "chapters/*", "glossary": "glossary",
                  "bibliography": "references"}

# -- PDF ---------------------------------------------------------------------------------------

pdf_basename = "prevention-guidebook"
pdf_subtitle = subtitle
pdf_subject = "Preventing radicalisation leading to violent extremism at local level"
pdf_keywords = ["prevention", "violent extremism", "radicalisation", "local authorities",
                "multi-agency", "fundamental rights"]
pdf_css_files = ["components.css", "print.css"]
# Noto Sans covers every EU language in Latin or Greek script, under the SIL Open Font Licence.
# Its variable fonts are served as static faces, one per weight and style the stylesheets and
# the text use (semi-bold only on the cover), made once per machine.
pdf_font_faces = [
    {"family": "Noto Sans", "file": str(NOTO_SANS / "files" / "NotoSans[wdth,wght].ttf"),
     "weights": [400, 600, 700]},
    {"family": "Noto Sans", "file": str(NOTO_SANS / "files" / "NotoSans-Italic[wdth,wght].ttf"),
     "style": "italic", "weights": [400, 700]},
]
pdf_toc_depth = 1
# Each chapter and the toolkit also as a PDF of its own, for every language.
pdf_offprints = ["chapters/*", "toolkit"]
# The colophon credits whoever the chapters' front matter names, each once.
pdf_credit_fields = {"contributors": "contributors", "organisations": "organisation"}
