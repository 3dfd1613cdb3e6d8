project = "Glossary"
extensions = ["myst_parser", "scripts.book.glossary_order"]
locale_dirs = ["locales"]
gettext_compact = False
