"""How complete each translation is, page by page: ``make stats``.

    python -m scripts.i18n.stats --locales locales --pot-dir _build/gettext --json _build/stats.json

Counts translated, fuzzy and untranslated messages of every page for the languages listed in
``languages.toml``, prints a table per language, and writes the same figures as JSON for the
site's status page and the PDF colophon. With ``--pot-dir`` (the messages ``make gettext``
extracts from the current sources) every message of the current English counts, whether or not
the catalogs have caught up: a page added or changed in English is untranslated at once, and a
catalog of a removed page counts for nothing. Without it, the catalogs are counted as they are.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import logging
import math
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from scripts.i18n.languages import LanguageDataError, Languages, load_languages

logger = logging.getLogger("catalog_stats")


def shown(percent: float, digits: int = 0) -> float:
    """A percentage as readers see it, rounded down: 100 only when nothing is missing."""
    scale = 10 ** digits
    return math.floor(percent * scale) / scale


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


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream)


def _is_translated(message: Message) -> bool:
    return bool(message.string if isinstance(message.string, str) else all(message.string))


def catalog_counts(path: Path | None, source: Catalog | None = None) -> Counts:
    """Count the messages of ``source`` (default: the catalog's own) that ``path`` translates."""
    catalog = read_catalog(path) if path is not None and path.is_file() else Catalog()
    translated = fuzzy = untranslated = 0
    for wanted in source if source is not None else catalog:
        if not wanted.id:
            continue  # the header
        message = catalog.get(wanted.id, context=wanted.context)
        if message is not None and message.fuzzy:
            fuzzy += 1
        elif message is not None and _is_translated(message):
            translated += 1
        else:
            untranslated += 1
    return Counts(translated, fuzzy, untranslated)


def source_catalogs(pot_dir: Path) -> dict[str, Catalog]:
    """The current source messages per page, from the ``.pot`` files of ``make gettext``."""
    return {path.relative_to(pot_dir).with_suffix("").as_posix(): read_catalog(path)
            for path in sorted(pot_dir.rglob("*.pot"))}


def language_counts(locales: Path, code: str,
                    sources: dict[str, Catalog] | None = None) -> dict[str, Counts]:
    """Counts per page (catalog name without .po, e.g. ``chapters/01-intro``)."""
    folder = locales / code / "LC_MESSAGES"
    if sources is None:
        return {path.relative_to(folder).with_suffix("").as_posix(): catalog_counts(path)
                for path in sorted(folder.rglob("*.po"))}
    return {page: catalog_counts(folder / f"{page}.po", source)
            for page, source in sources.items()}


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
            "required_percent": shown(self.required_percent, 1),
            "percent": shown(total.percent, 1), **asdict(total),
            "pages": {page: {**asdict(counts), "percent": shown(counts.percent, 1)}
                      for page, counts in self.pages.items()},
        }


def report(locales: Path, languages: Languages,
           pot_dir: Path | None = None) -> list[LanguageReport]:
    sources = source_catalogs(pot_dir) if pot_dir is not None else None
    reports = []
    for code in languages.translations:
        pages = language_counts(locales, code, sources)
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
                    entry.code, shown(total.percent), status, shown(entry.required_percent))
        logger.info("  %-45s %10s %6s %12s %6s", "page", "translated", "fuzzy", "untranslated",
                    "%")
        for page, counts in entry.pages.items():
            logger.info("  %-45s %10d %6d %12d %5.0f%%", page, counts.translated, counts.fuzzy,
                        counts.untranslated, shown(counts.percent))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--pot-dir", type=Path,
                        help="count against the messages extracted here (make gettext)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        languages = load_languages(arguments.locales)
    except LanguageDataError as exc:
        logger.error("%s", exc)
        return 1
    if arguments.pot_dir is not None and not arguments.pot_dir.is_dir():
        logger.error("%s: no extracted messages; run make gettext first", arguments.pot_dir)
        return 1
    reports = report(arguments.locales, languages, arguments.pot_dir)
    print_report(reports)
    if arguments.json:
        arguments.json.parent.mkdir(parents=True, exist_ok=True)
        arguments.json.write_text(json.dumps([entry.as_json() for entry in reports], indent=2,
                                             ensure_ascii=False), encoding="utf-8")
        logger.info("written: %s", arguments.json)
    return 0


if __name__ == "__main__":
    sys.exit(main())
