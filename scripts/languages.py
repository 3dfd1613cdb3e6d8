"""Which languages a book is built in: its source language, then each one that has catalogs."""

from __future__ import annotations

from pathlib import Path


def catalog_languages(locales: Path) -> list[str]:
    """Languages with a ``<lang>/LC_MESSAGES`` folder under ``locales``, sorted by code."""
    if not locales.is_dir():
        return []
    return sorted(entry.name for entry in locales.iterdir()
                  if (entry / "LC_MESSAGES").is_dir())


def book_languages(source_language: str, locales: Path) -> list[str]:
    """The source language first, then every translation."""
    return [source_language] + [lang for lang in catalog_languages(locales)
                                if lang != source_language]
