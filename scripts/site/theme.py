"""The site's theme, ``furo-book``: furo, with what a multilingual book site needs.

Its page template (``theme/furo-book/page.html``) translates every label of the interface
through the book's catalogs, opens the phone menus from the keyboard, carries the language
switcher and the alternates in other languages, and shows under each page's title its front
matter and its own PDF. It also brings the page of editions, the search page (Pagefind) and
the HTML writer of :mod:`scripts.site.translator`.
Translators find the templates' labels in ``sphinx.pot``: the gettext builder reads only the
book's own ``templates_path``, so this module adds them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from scripts.i18n.template_messages import add_template_messages
from scripts.site.translator import SiteTranslator

THEME_DIR = Path(__file__).parent / "theme" / "furo-book"


def extract_template_labels(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        add_template_messages(app.builder, THEME_DIR.rglob("*.html"))


def setup(app: Sphinx) -> dict[str, Any]:
    # what the templates show comes from these
    for extension in ("page_context", "downloads", "editions_page", "search"):
        app.setup_extension(f"scripts.site.{extension}")
    app.add_html_theme("furo-book", str(THEME_DIR))
    app.set_translator("html", SiteTranslator)
    app.connect("builder-inited", extract_template_labels)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
