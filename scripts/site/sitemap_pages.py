"""Every page in the sitemap, also those an incremental build kept from an earlier one.

sphinx-sitemap lists the pages as they are written; a build that writes only what changed
(:mod:`scripts.util.kept_pages`) would publish a sitemap of the changed pages alone.
The pages of the book that this build did not write are added just before the sitemap is
made, the way sphinx-sitemap adds a written one.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx_sitemap import add_html_link


def note_written(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                 doctree: Any) -> None:
    app.builder.sitemap_written = {*getattr(app.builder, "sitemap_written", ()), pagename}


def add_kept_pages(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or not hasattr(app, "sitemap_links"):
        return
    written = getattr(app.builder, "sitemap_written", set())
    for docname in sorted(app.env.found_docs - written):
        add_html_link(app, docname, None, {}, None)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_sitemap")
    app.connect("html-page-context", note_written)
    # before sphinx-sitemap writes the sitemap (default priority 500)
    app.connect("build-finished", add_kept_pages, priority=400)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
