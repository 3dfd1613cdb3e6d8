"""Search in every language with Pagefind, indexed from the finished HTML.

Sphinx's own search needs a stemmer and interface strings per language; for several languages
its bundled translations break the search script, and it does not match "prevention" with
"prévention". Pagefind indexes the built pages by their ``lang``, stems the languages it
knows, matches words with and without diacritics, and brings its search box translated.

Only the part of each page marked ``data-pagefind-body`` (the article, in the furo-book
theme) is indexed, without what is marked ``data-pagefind-ignore`` (a page's front matter and
downloads) or Sphinx's permalink marks, so results quote the text itself. The index goes
into ``<outdir>/pagefind/``; pages load it only on the search page.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE = "pagefind"


def index_site(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html" or not app.config.site_search:
        return
    command = [sys.executable, "-m", "pagefind", "--site", str(app.outdir),
               "--output-subdir", BUNDLE,
               # Sphinx's permalink marks are not words of the text
               "--exclude-selectors", ".headerlink",
               # pages are files; a link to a folder would not open from disk or every server
               "--keep-index-url", "--quiet"]
    # Pagefind names its fragments by their content and deletes none: the site's pages are
    # kept between builds, so the last index is removed first, or the fragments of changed and
    # removed pages would stay published beside the new ones
    shutil.rmtree(app.outdir / BUNDLE, ignore_errors=True)
    logger.info("indexing the site for search (Pagefind) ...")
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (app.outdir / BUNDLE / "pagefind.js").is_file():
        message = (result.stderr or result.stdout).strip().splitlines()
        logger.warning("the search index was not built: %s", message[-1] if message else
                       f"pagefind exited with {result.returncode}", type="site",
                       subtype="search")


def add_search_context(app: Sphinx, pagename: str, templatename: str,
                       context: dict[str, Any], doctree: Any) -> None:
    context["site_search_bundle"] = BUNDLE if app.config.site_search else ""


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("site_search", True, "html", types=frozenset({bool}))
    app.connect("build-finished", index_site)
    app.connect("html-page-context", add_search_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
