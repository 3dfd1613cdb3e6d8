"""The site's HTML writer: Sphinx's, with the markup that assistive technology reads wrongly
put right where it is written, so every page and the theme's navigation get it.

- A toctree's caption has ``role="heading"`` but no level, which a heading role needs.
- A citation carries ``doc-biblioentry``, deprecated in DPUB-ARIA 1.1, inside a ``role="list"``
  that needs list items (the EPUB's writer, scripts/epub/builder.py, drops the role instead).
- A table wrapped to scroll sideways (furo's ``table-wrapper``) must take the keyboard focus,
  or a reader without a mouse cannot scroll it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.writers.html5 import HTML5Translator

SCROLLING_CONTAINERS = ("table-wrapper",)


class SiteTranslator(HTML5Translator):
    def visit_title(self, node: nodes.title) -> None:
        super().visit_title(node)
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            # the caption's tag precedes the caption-text span Sphinx appends after it
            index = len(self.body) - 2
            self.body[index] = self.body[index].replace('role="heading"',
                                                        'role="heading" aria-level="2"', 1)

    def visit_citation(self, node: Any) -> None:
        super().visit_citation(node)
        self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"', 1)

    def dispatch_visit(self, node: nodes.Node) -> None:
        # not visit_container: MyST installs its own container visitor on each translator
        # instance, which would shadow a method of this class
        super().dispatch_visit(node)
        if isinstance(node, nodes.container) and any(
                name in node["classes"] for name in SCROLLING_CONTAINERS):
            self.body[-1] = self.body[-1].replace("<div ", '<div tabindex="0" ', 1)
