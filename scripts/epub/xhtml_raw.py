"""Close void elements in raw HTML so that pages stay well-formed XHTML for the EPUB.

MyST writes task-list tick boxes as raw ``<input ...>`` tags; HTML accepts them, but EPUB
content documents are XML, where an unclosed ``<input>`` is a fatal error. ``<input ... />`` is
valid in both.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

_UNCLOSED_VOID = re.compile(r"<(input|br|hr|img|meta|link|wbr)\b([^<>]*?)\s*(?<!/)>", re.I)


def close_void_elements(markup: str) -> str:
    return _UNCLOSED_VOID.sub(lambda match: f"<{match[1]}{match[2]} />", markup)


class CloseVoidElements(SphinxPostTransform):
    default_priority = 400

    def run(self, **kwargs: Any) -> None:
        for raw in self.document.findall(nodes.raw):
            if "html" in raw.get("format", "").split():
                closed = close_void_elements(raw.astext())
                if closed != raw.astext():
                    raw.replace(raw.children[0], nodes.Text(closed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(CloseVoidElements)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
