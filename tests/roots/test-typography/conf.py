project = "Typography"
extensions = ["myst_parser", "scripts.typography"]
