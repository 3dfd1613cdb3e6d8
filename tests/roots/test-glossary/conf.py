project = "Glossary"
extensions = ["myst_parser", "scripts.glossary_order"]
locale_dirs = ["locales"]
gettext_compact = False
