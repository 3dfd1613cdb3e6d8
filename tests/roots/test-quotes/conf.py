project = "Quotes"
extensions = ["myst_parser", "scripts.i18n.typography"]
