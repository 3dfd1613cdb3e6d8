project = "Typography"
extensions = ["myst_parser", "scripts.i18n.typography"]
