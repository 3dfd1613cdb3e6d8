project = "Components"
author = "Test editors"
copyright = "2026, test editors"
version = release = "1.0"
extensions = ["myst_parser", "scripts.book.components"]
myst_enable_extensions = ["colon_fence", "deflist"]
nitpicky = True
