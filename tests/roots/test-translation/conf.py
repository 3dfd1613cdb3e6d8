project = "Translation"
extensions = ["myst_parser", "scripts.i18n.status"]
locale_dirs = ["locales"]
gettext_compact = False
