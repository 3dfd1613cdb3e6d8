"""The site's theme, ``furo-book``: furo, with what a multilingual book site needs.

Its page template (``theme/furo-book/page.html``) translates every label of the interface
through the book's catalogs, opens the phone menus from the keyboard, carries the language
switcher and the alternates in other languages, and shows under each page's title its front
matter and its own PDF. It also brings the page of editions, the search page (Pagefind) and
the HTML writer of :mod:`scripts.site.translator`.
Translators find the templates' labels in ``sphinx.pot``: the gettext builder reads only the
book's own ``templates_path``, so this module adds them. furo draws its icons from SVG symbols
whose titles ("Light mode", "Menu") are English text in its ``partials/icons.html``; the
``svg_titles_translated`` filter gives them in the page's language.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.locale import _

from scripts.i18n.template_messages import add_messages, add_template_messages
from scripts.site.translator import SiteTranslator

THEME_DIR = Path(__file__).parent / "theme" / "furo-book"


# the titles of furo's icons (furo/partials/icons.html)
ICON_TITLES = ["Contents", "Menu", "Expand", "Light mode", "Dark mode",
               "Auto light/dark, in light mode", "Auto light/dark, in dark mode"]
SVG_TITLE = re.compile(r"<title>([^<]+)</title>")


def svg_titles_translated(markup: str) -> str:
    return SVG_TITLE.sub(lambda title: f"<title>{html.escape(_(title.group(1)))}</title>",
                         str(markup))


def extract_template_labels(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        add_template_messages(app.builder, THEME_DIR.rglob("*.html"))
        add_messages(app.builder, ICON_TITLES, __file__)


def add_template_filters(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None and hasattr(templates, "environment"):
        templates.environment.filters["svg_titles_translated"] = svg_titles_translated


def setup(app: Sphinx) -> dict[str, Any]:
    # what the templates show comes from these
    for extension in ("page_context", "downloads", "editions_page", "search"):
        app.setup_extension(f"scripts.site.{extension}")
    app.add_html_theme("furo-book", str(THEME_DIR))
    app.set_translator("html", SiteTranslator)
    app.connect("builder-inited", extract_template_labels)
    app.connect("builder-inited", add_template_filters)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
