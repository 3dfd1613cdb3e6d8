"""Describe each language's downloadable editions, so the site can offer them with their sizes.

For every language the build keeps ``<build>/downloads/<lang>.json``, published with that
language's editions: for each format (``pdf``, ``epub``, ``pdf-print``) the file's address
from the build folder, its size in bytes and, for a PDF, its number of pages; under
``offprints`` the same for each document printed on its own, by docname. Before the sites are
built, the editions command joins this run's descriptions with the published ones of the
languages and formats it did not build into one file, which the site reads
(:mod:`scripts.site.downloads`).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from scripts.pdf.offprints import read_offprint_index

logger = logging.getLogger("editions")


def describe_file(built: Path, published: Path, build_root: Path) -> dict[str, Any]:
    """One download: where it will be published (from ``build_root``), its size and pages."""
    entry: dict[str, Any] = {"href": published.relative_to(build_root).as_posix(),
                             "bytes": built.stat().st_size}
    if built.suffix == ".pdf":
        try:
            entry["pages"] = len(PdfReader(built).pages)
        except PdfReadError as exc:
            logger.warning("%s: cannot count its pages (%s); the site shows its size only",
                           built, exc)
    return entry


def describe_products(fmt: str, pairs: list[tuple[Path, Path]],
                      build_root: Path) -> dict[str, Any]:
    """The description of one format's ``(built, published)`` pairs of a language."""
    description: dict[str, Any] = {}
    for built, published in pairs:
        if built.is_dir():
            printed = read_offprint_index(built)
            description["offprints"] = {
                docname: describe_file(built / name, published / name, build_root)
                for docname, name in printed.items()}
        else:
            description[fmt] = describe_file(built, published, build_root)
    return description


def read_description(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        logger.warning("%s is not valid JSON; its downloads are described again", path)
        return {}


def still_published(description: dict[str, Any], build_root: Path) -> dict[str, Any]:
    """Drop what a description lists but the published tree no longer holds."""
    kept = {fmt: entry for fmt, entry in description.items()
            if fmt != "offprints" and (build_root / entry["href"]).is_file()}
    offprints = {docname: entry for docname, entry in description.get("offprints", {}).items()
                 if (build_root / entry["href"]).is_file()}
    if offprints:
        kept["offprints"] = offprints
    return kept


def write_description(path: Path, description: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(description, indent=1, sort_keys=True) + "\n", encoding="utf-8")
