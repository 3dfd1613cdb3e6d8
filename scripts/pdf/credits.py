"""Who wrote the book, read from the pages' front matter, for the PDF colophon.

``pdf_credit_fields`` maps each credit the colophon prints (``contributors``,
``organisations``) to the front-matter field that holds it. Values are gathered from every page
in reading order, each named once. A team's name ("Editorial team") is translatable: the values
are added to ``sphinx.pot`` and looked up in the language's catalog; a person's name simply has
no translation.
"""

from __future__ import annotations

import json
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation

from scripts.i18n.template_messages import add_messages

translate = get_translation("sphinx")


def field_values(raw: Any) -> list[str]:
    """Front-matter values as a list: MyST keeps a YAML list as its JSON text."""
    if isinstance(raw, list):
        return [str(value) for value in raw]
    if isinstance(raw, str) and raw.startswith("["):
        try:
            return [str(value) for value in json.loads(raw)]
        except json.JSONDecodeError:
            return [raw]
    return [str(raw)] if raw else []


def metadata_names(field: str, language: str) -> tuple[str, ...]:
    """The keys a front-matter field may have in Sphinx's metadata.

    docutils reads some field names as bibliographic fields of the document's language and
    stores them under their canonical English name: in a French or German build,
    ``organisation`` becomes ``organization``.
    """
    from docutils.languages import get_language

    canonical = get_language(language, None).bibliographic_fields.get(field.lower())
    return (field, canonical) if canonical and canonical != field else (field,)


def collect_credits(metadata: dict[str, dict[str, Any]], docnames: list[str],
                    fields: dict[str, str], language: str = "en") -> dict[str, list[str]]:
    credits: dict[str, list[str]] = {credit: [] for credit in fields}
    for docname in docnames:
        page = metadata.get(docname, {})
        for credit, field in fields.items():
            raw = next((page[name] for name in metadata_names(field, language) if name in page),
                       None)
            for value in field_values(raw):
                if value not in credits[credit]:
                    credits[credit].append(value)
    return credits


def reading_order(env: BuildEnvironment, root: str) -> list[str]:
    """The documents in the order the book prints them: the root, then its toctrees, depth first."""
    order: list[str] = []
    pending = [root]
    while pending:
        docname = pending.pop(0)
        if docname in order:
            continue
        order.append(docname)
        pending[0:0] = env.toctree_includes.get(docname, [])
    return order


def translated_credits(env: BuildEnvironment, docnames: list[str],
                       fields: dict[str, str]) -> dict[str, list[str]]:
    credits = collect_credits(env.metadata, docnames, fields, env.config.language or "en")
    return {credit: [str(translate(value)) for value in values]
            for credit, values in credits.items()}


def extract_credits(app: Sphinx, env: BuildEnvironment) -> None:
    """Put the credits in sphinx.pot, once every page's front matter has been read."""
    if app.builder.name != "gettext":
        return
    credits = collect_credits(env.metadata, sorted(env.found_docs), app.config.pdf_credit_fields,
                              app.config.language or "en")
    add_messages(app.builder, [value for values in credits.values() for value in values],
                 "front matter")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("pdf_credit_fields", {}, "env", types=frozenset({dict}))
    app.connect("env-updated", extract_credits)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
