"""The book's languages as data: ``<locales>/languages.toml`` lists them, in reading order.

    source = "en"
    release_threshold = 100           # percent of each required page's messages
    required_pages = ["chapters/*"]   # catalog names (glob patterns) a release must complete
    [[languages]]
    code = "fr"
    name = "Français"                 # the language's name in that language
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DATA_FILE = "languages.toml"


class LanguageDataError(ValueError):
    """The languages file is missing a value or names a language twice."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str


@dataclass(frozen=True)
class Languages:
    source: str
    languages: list[Language]
    release_threshold: float = 100.0
    required_pages: list[str] = field(default_factory=lambda: ["*"])

    @property
    def codes(self) -> list[str]:
        return [language.code for language in self.languages]

    @property
    def translations(self) -> list[str]:
        return [code for code in self.codes if code != self.source]

    def name(self, code: str) -> str:
        return next(language.name for language in self.languages if language.code == code)


def load_languages(locales: Path) -> Languages:
    """Read ``languages.toml`` under ``locales``; say which file and what is wrong if invalid."""
    path = locales / DATA_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        msg = f"{path}: missing; list the book's languages there (see scripts/i18n/languages.py)"
        raise LanguageDataError(msg) from None
    except tomllib.TOMLDecodeError as exc:
        raise LanguageDataError(f"{path}: {exc}") from None
    try:
        languages = [Language(entry["code"], entry["name"]) for entry in data["languages"]]
        result = Languages(
            source=data["source"],
            languages=languages,
            release_threshold=float(data.get("release_threshold", 100)),
            required_pages=list(data.get("required_pages", ["*"])),
        )
    except KeyError as exc:
        raise LanguageDataError(f"{path}: missing value {exc}") from None
    if len(set(result.codes)) != len(result.codes):
        raise LanguageDataError(f"{path}: a language is listed twice")
    if result.source not in result.codes:
        raise LanguageDataError(f"{path}: the source language {result.source!r} is not listed")
    return result
