project = "Translation"
extensions = ["myst_parser", "scripts.translation_status"]
locale_dirs = ["locales"]
gettext_compact = False
