"""Offer the downloadable editions where readers are: each page its own PDF, the site all of them.

The editions command describes every language's downloads (address, size, pages) in one file
and names it in the environment variable ``SITE_DOWNLOADS`` (or conf.py's ``site_downloads``);
see :mod:`scripts.edition_files`. Pages get in their template context:

- ``page_download``: the PDF of this page printed on its own (an offprint), if there is one;
- ``language_downloads``: this language's whole-book editions;
- ``edition_downloads``: every language's, for a page listing them all.

Each download carries ``href`` (relative to the page), ``size`` (in the page's language,
"1.2 MB", "1,2 Mo") and ``pages``. Addresses are relative: ``site_build_root`` says where the
build folder is seen from a language's site root, which is ``../..`` when the site is
published as ``<build>/html/<lang>/`` beside ``<build>/pdf/<lang>/``.
"""

from __future__ import annotations

import json
import os
import posixpath
from pathlib import Path
from typing import Any

from babel.units import format_unit
from sphinx.application import Sphinx
from sphinx.util import logging

from scripts.util.kept_pages import EVENT as PAGE_INPUTS

logger = logging.getLogger(__name__)

DOWNLOADS_VARIABLE = "SITE_DOWNLOADS"
WHOLE_BOOK_FORMATS = ("pdf", "epub", "pdf-print")


def readable_size(size: int, language: str) -> str:
    """A file size as a reader of ``language`` writes it: "1.2 MB", "1,2 Mo", "340 kB"."""
    if size >= 1_000_000:
        return format_unit(round(size / 1_000_000, 1), "digital-megabyte", length="short",
                           locale=language)
    return format_unit(max(1, round(size / 1_000)), "digital-kilobyte", length="short",
                       locale=language)


def load_downloads(app: Sphinx) -> None:
    app.env.site_downloads = {}
    if not app.config.site_downloads:
        return
    path = Path(app.confdir, app.config.site_downloads)
    if not path.is_file():
        logger.warning("site_downloads: %s does not exist; pages link no downloads", path,
                       type="site", subtype="downloads")
        return
    described = json.loads(path.read_text(encoding="utf-8"))
    # sizes are written once per build, not once per page
    language = app.config.language or "en"
    for files in described.values():
        for entry in [*files.get("offprints", {}).values(),
                      *(entry for fmt, entry in files.items() if fmt != "offprints")]:
            entry["size"] = readable_size(entry["bytes"], language)
    app.env.site_downloads = described


def offered(entry: dict[str, Any], fmt: str, root: str) -> dict[str, Any]:
    return {"format": fmt, "href": posixpath.join(root, entry["href"]), "size": entry["size"],
            "pages": entry.get("pages")}


def add_downloads(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                  doctree: Any) -> None:
    language = app.config.language or "en"
    root = context.get("content_root", "") + app.config.site_build_root
    described = app.env.site_downloads
    own = described.get(language, {})
    offprint = own.get("offprints", {}).get(pagename)
    context["page_download"] = offered(offprint, "pdf", root) if offprint else None
    context["edition_downloads"] = {
        code: [offered(files[fmt], fmt, root)
               for fmt in WHOLE_BOOK_FORMATS if fmt in files]
        for code, files in described.items()}
    context["language_downloads"] = context["edition_downloads"].get(language, [])


def downloads_shown(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """What a page of the site shows of the downloads, so that a page kept from an earlier
    build is written again when its PDF or the language's editions changed (the page of every
    language's editions is an additional page, written at every build). The EPUB's pages
    show none."""
    if app.builder.name != "html":
        return None
    own = app.env.site_downloads.get(app.config.language or "en", {})
    shown: dict[str, Any] = {"page": own.get("offprints", {}).get(pagename)}
    if pagename == app.config.root_doc:
        shown["language"] = {fmt: entry for fmt, entry in own.items() if fmt != "offprints"}
    return shown


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("site_downloads", os.environ.get(DOWNLOADS_VARIABLE, ""), "",
                         types=frozenset({str}))
    app.add_config_value("site_build_root", "../..", "html", types=frozenset({str}))
    app.setup_extension("scripts.util.kept_pages")
    app.connect("builder-inited", load_downloads)
    app.connect("html-page-context", add_downloads)
    app.connect(PAGE_INPUTS, downloads_shown)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
