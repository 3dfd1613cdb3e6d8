"""Add the translatable strings of Jinja templates outside ``templates_path`` to ``sphinx.pot``.

Sphinx's gettext builder only scans the book's ``templates_path``; themes shipped by extensions
have interface labels too (``_('Contents')``), and translators must see them in their catalog.
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
