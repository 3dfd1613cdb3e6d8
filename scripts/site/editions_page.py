"""The site's page of editions and translations: every language's downloads with their sizes,
and how far each translation has come, page by page, with the pages named by their titles.

conf.py names the page and its template with ``site_editions_page`` (default ``editions``)
and ``site_editions_template`` (empty: no such page). Data come from
:mod:`scripts.site.downloads` and :mod:`scripts.i18n.status`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from scripts.i18n.template_messages import add_messages

INTERFACE_CATALOG_TITLE = "Interface labels and book details"


def page_title(app: Sphinx, catalog: str) -> str:
    """A catalog's page by its title; the interface's own catalog by what it holds."""
    if catalog in app.env.titles:
        return app.env.titles[catalog].astext()
    if catalog == "sphinx":
        return _(INTERFACE_CATALOG_TITLE)
    return catalog


def progress(app: Sphinx) -> list[dict[str, Any]]:
    report = getattr(app.env, "translation_status", {}).get("translation_report", [])
    return [{**entry, "pages": [
        {**page, "title": page_title(app, page["page"]),
         "link": page["page"] if page["page"] in app.env.titles else None}
        for page in entry["pages"]]} for entry in report]


def editions_page(app: Sphinx):
    if app.config.site_editions_template and app.builder.name == "html":
        yield (app.config.site_editions_page, {"translation_progress": progress(app)},
               app.config.site_editions_template)


def extract_labels(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        add_messages(app.builder, [INTERFACE_CATALOG_TITLE], __file__)


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scripts.site.page_context")
    app.connect("html-collect-pages", editions_page)
    app.connect("builder-inited", extract_labels)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
