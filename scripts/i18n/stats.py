"""How complete each translation is, page by page: ``make stats``.

    python -m scripts.i18n.stats --locales locales --json _build/stats.json

Counts translated, fuzzy and untranslated messages in every ``<lang>/LC_MESSAGES/*.po`` of the
languages listed in ``languages.toml``, prints a table per language, and writes the same
figures as JSON for the site's status page and the PDF colophon.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import logging
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from babel.messages.pofile import read_po

from scripts.i18n.languages import LanguageDataError, Languages, load_languages

logger = logging.getLogger("catalog_stats")


@dataclass(frozen=True)
class Counts:
    translated: int = 0
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        # an empty catalog has nothing left to translate
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.translated + other.translated, self.fuzzy + other.fuzzy,
                      self.untranslated + other.untranslated)


def catalog_counts(path: Path) -> Counts:
    with path.open("rb") as stream:
        catalog = read_po(stream)
    translated = fuzzy = untranslated = 0
    for message in catalog:
        if not message.id:
            continue  # the header
        if message.fuzzy:
            fuzzy += 1
        elif message.string if isinstance(message.string, str) else all(message.string):
            translated += 1
        else:
            untranslated += 1
    return Counts(translated, fuzzy, untranslated)


def language_counts(locales: Path, code: str) -> dict[str, Counts]:
    """Counts per page (catalog name without .po, e.g. ``chapters/01-intro``)."""
    folder = locales / code / "LC_MESSAGES"
    return {path.relative_to(folder).with_suffix("").as_posix(): catalog_counts(path)
            for path in sorted(folder.rglob("*.po"))}


def is_required(page: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(page, pattern) for pattern in patterns)


@dataclass(frozen=True)
class LanguageReport:
    code: str
    name: str
    pages: dict[str, Counts]
    required_percent: float
    released: bool

    def as_json(self) -> dict:
        total = sum(self.pages.values(), Counts())
        return {
            "code": self.code, "name": self.name, "released": self.released,
            "required_percent": round(self.required_percent, 1),
            "percent": round(total.percent, 1), **asdict(total),
            "pages": {page: {**asdict(counts), "percent": round(counts.percent, 1)}
                      for page, counts in self.pages.items()},
        }


def report(locales: Path, languages: Languages) -> list[LanguageReport]:
    reports = []
    for code in languages.translations:
        pages = language_counts(locales, code)
        required = [counts for page, counts in pages.items()
                    if is_required(page, languages.required_pages)]
        lowest = min((counts.percent for counts in required), default=0.0)
        reports.append(LanguageReport(code, languages.name(code), pages, lowest,
                                      bool(required) and lowest >= languages.release_threshold))
    return reports


def print_report(reports: list[LanguageReport]) -> None:
    for entry in reports:
        status = "released" if entry.released else "preview"
        total = sum(entry.pages.values(), Counts())
        logger.info("%s (%s): %.0f%% translated, %s; lowest required page %.0f%%", entry.name,
                    entry.code, total.percent, status, entry.required_percent)
        logger.info("  %-45s %10s %6s %12s %6s", "page", "translated", "fuzzy", "untranslated",
                    "%")
        for page, counts in entry.pages.items():
            logger.info("  %-45s %10d %6d %12d %5.0f%%", page, counts.translated, counts.fuzzy,
                        counts.untranslated, counts.percent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        languages = load_languages(arguments.locales)
    except LanguageDataError as exc:
        logger.error("%s", exc)
        return 1
    reports = report(arguments.locales, languages)
    print_report(reports)
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(json.dumps([entry.as_json() for entry in reports], indent=2,
                                             ensure_ascii=False), encoding="utf-8")
        logger.info("written: %s", arguments.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
