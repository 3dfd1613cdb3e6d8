project = "A book of partner mistakes"
author = "Test editors"
copyright = "2026, test editors"
version = release = "1.0"
extensions = ["myst_parser", "scripts.book.advice", "scripts.book.confinement", "scripts.book.raw_html", "scripts.book.frontmatter", "scripts.pdf.builder", "scripts.book.components",
              "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["refs.bib"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
frontmatter_documents = ["chapters/*"]
frontmatter_fields = {"title": "text", "contributors": "text-list", "status": ["draft", "final"],
                      "last_reviewed": "date"}
pdf_basename = "broken-book"
