"""ARIA that Sphinx's and docutils' HTML writers get wrong, put right where it is written.

Every edition written as HTML (the site, the EPUB) mixes :class:`AccessibleMarkup` into its
translator, before Sphinx's ``HTML5Translator``:

- a toctree's caption has ``role="heading"`` but no level, which a heading role needs;
- a citation carries ``doc-biblioentry``, deprecated in DPUB-ARIA 1.1 (EPUBCheck warns), inside
  a ``role="list"`` that needs list items (axe-core and DAISY Ace: critical).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes

CAPTION_LEVEL = 2  # captions head the parts of the contents, under the page's own h1


class AccessibleMarkup:
    body: list[str]

    def visit_title(self, node: nodes.title) -> None:
        super().visit_title(node)  # type: ignore[misc]
        if isinstance(node.parent, addnodes.compact_paragraph) and node.parent.get("toctree"):
            # the caption's tag comes just before the caption-text span Sphinx adds after it
            index = len(self.body) - 2
            self.body[index] = self.body[index].replace(
                'role="heading"', f'role="heading" aria-level="{CAPTION_LEVEL}"', 1)

    def visit_citation(self, node: Any) -> None:
        super().visit_citation(node)  # type: ignore[misc]
        self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"', 1)
