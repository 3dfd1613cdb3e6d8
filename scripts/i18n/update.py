"""Bring every translation's catalogs up to date with the extracted templates, losing nothing.

    python -m scripts.i18n.update --pot-dir _build/gettext --locales locales

For each language listed in ``languages.toml`` and each ``.pot`` file: a missing catalog is
created; an existing one is merged with GNU ``msgmerge --previous``, so that a changed English
message keeps its translation, marked fuzzy with the previous English beside it (``#|``), and
a removed message stays in the catalog as obsolete (``#~``) rather than being deleted.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from scripts.i18n.languages import LanguageDataError, load_languages

logger = logging.getLogger("update_catalogs")


def create_catalog(pot: Path, po: Path, language: str) -> None:
    with pot.open("rb") as stream:
        catalog = read_po(stream, locale=language)
    catalog.fuzzy = False
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as stream:
        write_po(stream, catalog, width=76)


def merge_catalog(pot: Path, po: Path, msgmerge: str) -> None:
    subprocess.run([msgmerge, "--quiet", "--previous", "--update", "--backup=none",
                    str(po), str(pot)], check=True, capture_output=True, text=True)


def update(pot_dir: Path, locales: Path, languages: list[str], msgmerge: str) -> dict[str, int]:
    counts = {"created": 0, "merged": 0}
    for language in languages:
        folder = locales / language / "LC_MESSAGES"
        for pot in sorted(pot_dir.rglob("*.pot")):
            po = folder / pot.relative_to(pot_dir).with_suffix(".po")
            if po.exists():
                merge_catalog(pot, po, msgmerge)
                counts["merged"] += 1
            else:
                create_catalog(pot, po, language)
                counts["created"] += 1
                logger.info("created %s", po)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pot-dir", type=Path, default=Path("_build/gettext"))
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        logger.error("msgmerge not found: install GNU gettext (Debian package gettext)")
        return 1
    try:
        languages = load_languages(arguments.locales).translations
    except LanguageDataError as exc:
        logger.error("%s", exc)
        return 1
    try:
        counts = update(arguments.pot_dir, arguments.locales, languages, msgmerge)
    except subprocess.CalledProcessError as exc:
        logger.error("msgmerge failed on %s: %s", exc.cmd[-2], exc.stderr.strip())
        return 1
    logger.info("%d catalogs merged, %d created, for %s", counts["merged"], counts["created"],
                ", ".join(languages))
    return 0


if __name__ == "__main__":
    sys.exit(main())
