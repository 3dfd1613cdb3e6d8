"""Give the cells of a table written inside a directive the source of their table.

MyST sets the source file on a table but not on its cells' paragraphs. At the top of a page
the paragraphs fall back on the page's source; inside a directive, such as the ``{table}``
that gives a table its caption, they have none, and Sphinx neither extracts nor translates
text without a source (sphinx-doc/sphinx#10959): the table would stay in English in every
language. This transform runs before translation (Sphinx's Locale transform, priority 20).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform


class TableCellSources(SphinxTransform):
    default_priority = 15

    def apply(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if not table.source:
                continue
            for text in table.findall(nodes.TextElement):
                if not text.source:
                    text.source = table.source
                    text.line = text.line or table.line


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(TableCellSources)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
