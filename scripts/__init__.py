"""Publishing machinery for a MyST book: Sphinx extensions and thin command-line tools.

Nothing in this package knows a particular book: titles, languages, colours and the front-matter
schema come from the book's ``conf.py``.
"""
