"""Add interface labels that Sphinx's gettext builder does not find to ``sphinx.pot``.

The builder only scans the book's ``templates_path``; themes and directives shipped by
extensions have interface labels too (``_('Contents')``, "Evaluated"), and translators must see
them in their catalog.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sphinx.builders.gettext import MessageCatalogBuilder, MsgOrigin


def add_template_messages(builder: MessageCatalogBuilder, templates: Iterable[Path]) -> int:
    """Add every ``_()`` string of ``templates`` to the builder's ``sphinx`` catalog."""
    extract = builder.templates.environment.extract_translations
    added = 0
    for template in sorted(templates):
        for line, _function, message in extract(template.read_text(encoding="utf-8")):
            builder.catalogs["sphinx"].add(message, MsgOrigin(source=str(template), line=line))
            added += 1
    return added


def add_messages(builder: MessageCatalogBuilder, messages: Iterable[str], source: str) -> None:
    """Add interface labels that code (not a template) shows readers to ``sphinx.pot``."""
    for message in messages:
        builder.catalogs["sphinx"].add(message, MsgOrigin(source=source, line=0))
