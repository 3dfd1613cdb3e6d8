"""Translations: the book's languages and release rule, catalog updates (``make update-po``),
checks (``make check-po``) and statistics (``make stats``), and the Sphinx extensions that
apply a language's typography and mark what is not yet translated."""
