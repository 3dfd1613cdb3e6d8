"""The site's HTML writer: the book's accessible markup (:mod:`scripts.book.aria_markup`),
and a table wrapped to scroll sideways (furo's ``table-wrapper``) takes the keyboard focus, or
a reader without a mouse could not scroll it."""

from __future__ import annotations

from docutils import nodes
from sphinx.writers.html5 import HTML5Translator

from scripts.book.aria_markup import AccessibleMarkup

SCROLLING_CONTAINERS = ("table-wrapper",)


class SiteTranslator(AccessibleMarkup, HTML5Translator):
    def dispatch_visit(self, node: nodes.Node) -> None:
        # not visit_container: MyST installs its own container visitor on each translator
        # instance, which would shadow a method of this class
        super().dispatch_visit(node)
        if isinstance(node, nodes.container) and any(
                name in node["classes"] for name in SCROLLING_CONTAINERS):
            self.body[-1] = self.body[-1].replace("<div ", '<div tabindex="0" ', 1)
