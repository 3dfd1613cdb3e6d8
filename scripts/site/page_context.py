"""What the site's templates show around a page: its languages, its front matter, typography.

Pages get in their template context:

- ``site_languages``: every language of the book (from :mod:`scripts.i18n.status`), each with
  its name in its own language, whether it is released or a preview and how far translated,
  ``page_href`` (this page in that language, relative) and ``href`` (the same, absolute when
  ``site_base_url`` is set, for ``<link rel="alternate" hreflang>``);
- ``current_language_name``, ``editions_page`` and ``edition_labels`` (format -> label);
- ``page_facts``: the fields of the page's front matter named in ``site_page_facts``, as
  translated label and value pairs;
- ``typeset``: the page language's typography rules, for labels built in templates;
- ``page_description``: the page's first paragraph, shortened, for the description and
  OpenGraph tags that search engines and link previews show. (sphinxext-opengraph does this
  too, but prints a notice about matplotlib on every build.)

With ``site_base_url`` (where the site's language folders are published), each language's build
also gets ``html_baseurl``, so pages declare their canonical address and sitemaps and social
previews use absolute addresses, and sphinx-notfound-page's ``notfound_urls_prefix``.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from typing import Any
from urllib.parse import urlparse

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _
from sphinx.util.i18n import format_date

from scripts.i18n.template_messages import add_messages
from scripts.i18n.typography import apply_rules, rules_for


def set_base_url(app: Sphinx, config: Config) -> None:
    if not config.site_base_url:
        return
    language = config.language or "en"
    if not config.html_baseurl:
        config.html_baseurl = f"{config.site_base_url.rstrip('/')}/{language}/"
    if "notfound_urls_prefix" in config:
        # the 404 page is served from any address: its links start at its language's folder
        folder = urlparse(config.site_base_url).path.rstrip("/")
        config.notfound_urls_prefix = f"{folder}/{language}/"


def fact_value(app: Sphinx, field: str, raw: str) -> str:
    """A front-matter value as a reader sees it: lists joined, dates and states in words."""
    if raw.startswith("["):
        try:
            return ", ".join(_(item) for item in json.loads(raw))
        except json.JSONDecodeError:
            pass
    if field in app.config.site_fact_values:
        return _(app.config.site_fact_values[field].get(raw, raw))
    try:
        date = dt.date.fromisoformat(raw)
    except ValueError:
        return _(raw)
    return format_date(app.config.today_fmt or "%Y-%m-%d",
                       date=dt.datetime(date.year, date.month, date.day),
                       language=app.config.language or "en")


def page_facts(app: Sphinx, pagename: str) -> list[dict[str, str]]:
    metadata = app.env.metadata.get(pagename, {})
    return [{"label": _(label), "value": fact_value(app, field, str(metadata[field]))}
            for field, label in app.config.site_page_facts.items()
            if str(metadata.get(field, "")).strip()]


DESCRIPTION_LENGTH = 200


def page_description(doctree: Any) -> str:
    for paragraph in doctree.findall(nodes.paragraph):
        text = " ".join(paragraph.astext().split())
        if len(text) > 40:
            if len(text) <= DESCRIPTION_LENGTH:
                return text
            return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0] + "…"
    return ""


def languages_of_page(app: Sphinx, pagename: str, context: dict[str, Any]) -> list[dict]:
    report = getattr(app.env, "translation_status", {}).get("translation_report", [])
    page = f"{pagename}{context.get('file_suffix', '.html')}"
    site_base_url = app.config.site_base_url.rstrip("/")
    languages = []
    for entry in report:
        relative = f"{context.get('content_root', '')}../{entry['code']}/{page}"
        languages.append({
            "code": entry["code"], "name": entry["name"], "released": entry["released"],
            "percent": entry["percent"], "page_href": relative,
            "href": f"{site_base_url}/{entry['code']}/{page}" if site_base_url else relative})
    return languages


def add_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    languages = languages_of_page(app, pagename, context)
    current = app.config.language or "en"
    rules = rules_for(current)
    context.update(
        site_languages=languages,
        current_language_name=next((entry["name"] for entry in languages
                                    if entry["code"] == current), current),
        # the page of editions exists when conf.py gives it a template
        editions_page=app.config.site_editions_page
        if app.config.site_editions_template else "",
        edition_labels={fmt: _(label) for fmt, label in app.config.site_edition_labels.items()},
        page_facts=page_facts(app, pagename) if doctree is not None else [],
        page_description=page_description(doctree) if doctree is not None else "",
        typeset=lambda text: apply_rules(str(text), rules),
    )


NOT_FOUND_TITLE = "Page not found"
NOT_FOUND_TEXT = ("There is no page at this address. It may have moved when the book was "
                  "revised, or the address may be mistyped. The menu leads to every page.")


def translate_not_found_page(app: Sphinx) -> None:
    """sphinx-notfound-page's page in the build's language, unless conf.py wrote its own."""
    config = app.config
    if "notfound_context" not in config or \
            config.notfound_context.get("title") != NOT_FOUND_TITLE:  # the extension's default
        return
    config.notfound_context = {
        "title": _(NOT_FOUND_TITLE),
        "body": f"<h1>{html.escape(_(NOT_FOUND_TITLE))}</h1>\n"
                f"<p>{html.escape(_(NOT_FOUND_TEXT))}</p>",
    }


def extract_labels(app: Sphinx) -> None:
    """Give translators the labels conf.py sets for the site."""
    if app.builder.name != "gettext":
        return
    config = app.config
    labels = [NOT_FOUND_TITLE, NOT_FOUND_TEXT,
              *config.site_page_facts.values(), *config.site_edition_labels.values(),
              *(label for values in config.site_fact_values.values()
                for label in values.values())]
    add_messages(app.builder, labels, __file__)


def extract_fact_values(app: Sphinx, env: Any) -> None:
    """Give translators the values pages set for the fields in ``site_translated_facts``
    (a country such as "Europe"), which the site shows under each title."""
    if app.builder.name != "gettext":
        return
    values = {str(metadata[field]).strip() for metadata in env.metadata.values()
              for field in app.config.site_translated_facts if metadata.get(field)}
    add_messages(app.builder, sorted(value for value in values if value), __file__)


def setup(app: Sphinx) -> dict[str, Any]:
    # where the language folders are published, e.g. "https://example.org/guidebook/html/"
    app.add_config_value("site_base_url", "", "html", types=frozenset({str}))
    # front-matter field -> label shown under a page's title
    app.add_config_value("site_page_facts", {}, "html", types=frozenset({dict}))
    # front-matter field -> {value: label}, for fields whose values are codes ("in-review")
    app.add_config_value("site_fact_values", {}, "html", types=frozenset({dict}))
    # front-matter fields whose values are words to translate (a country), not names or codes
    app.add_config_value("site_translated_facts", [], "html", types=frozenset({list}))
    # edition format -> label of its download link
    app.add_config_value("site_edition_labels", {}, "html", types=frozenset({dict}))
    app.add_config_value("site_editions_page", "editions", "html", types=frozenset({str}))
    app.add_config_value("site_editions_template", "", "html", types=frozenset({str}))
    app.connect("config-inited", set_base_url)
    app.connect("builder-inited", extract_labels)
    app.connect("builder-inited", translate_not_found_page)
    app.connect("env-updated", extract_fact_values)
    app.connect("html-page-context", add_page_context)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
