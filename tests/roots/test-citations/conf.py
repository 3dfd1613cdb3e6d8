project = "Citations"
language = "en"
extensions = ["myst_parser", "scripts.book.citation_style", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["sources.bib"]
bibtex_default_style = "plain_by_name"
bibtex_reference_style = "author_year_round"
locale_dirs = ["locales"]
