"""Make element ids unique: within a page, and across the pages a single-page build merges.

A translated page can repeat an id within itself: Sphinx parses each translated message on its
own, so citations in two messages may both be numbered ``id15``. Registered as an extension,
this module renames such repeats on every page, which XHTML (EPUB) requires.

Sphinx's single-page builder inlines every document into one HTML page, but ids are only unique
within each source document: every chapter has its own ``id1`` footnote and its own
``key-messages`` section. It also writes links to other documents as ``#document-<doc>#<id>``,
which no HTML renderer resolves (sphinx-doc/sphinx#14221). This module renames the ids that
repeat, and points every internal link at the id it now has, as a plain ``#<id>``; a link to a
whole document points at the id of its first section.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_DOCUMENT_URI = re.compile(r"^#document-(?P<doc>[^#]+)(?:#(?P<id>.+))?$")


def _walk(node: nodes.Node, docname: str):
    """Yield (element, docname) in document order, docname being the source it came from."""
    if isinstance(node, addnodes.start_of_file):
        docname = node["docname"]
    if isinstance(node, nodes.Element):
        yield node, docname
        for child in node.children:
            yield from _walk(child, docname)


def _new_id(docname: str, old: str, taken: set[str]) -> str:
    stem = f"{_UNSAFE.sub('-', docname).strip('-')}--{old}"
    candidate, counter = stem, 1
    while candidate in taken:
        counter += 1
        candidate = f"{stem}-{counter}"
    return candidate


def make_ids_unique(tree: nodes.document, root_docname: str) -> dict[tuple[str, str], str]:
    """Rename repeated ids in ``tree`` and rewrite internal links; return (doc, old) -> new."""
    elements = list(_walk(tree, root_docname))
    taken: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    first_section: dict[str, str] = {}
    for element, docname in elements:
        new_ids = []
        for old in element["ids"]:
            new = old if old not in taken else _new_id(docname, old, taken)
            renamed.setdefault((docname, old), new)
            taken.add(new)
            new_ids.append(new)
        element["ids"] = new_ids
        if isinstance(element, nodes.section) and new_ids:
            first_section.setdefault(docname, new_ids[0])

    def target(docname: str, old: str) -> str:
        return renamed.get((docname, old), old)

    # a page built from part of the book (an offprint) lacks some documents; a link into one of
    # them keeps its "#document-" form, which the caller can recognise, rather than borrowing an
    # id that happens to exist in the part
    present = {docname for _, docname in elements}
    for element, docname in elements:
        if "refid" in element:
            element["refid"] = target(docname, element["refid"])
        if element.get("backrefs"):
            element["backrefs"] = [target(docname, ref) for ref in element["backrefs"]]
        refuri = element.get("refuri", "")
        if isinstance(element, nodes.reference) and (match := _DOCUMENT_URI.match(refuri)):
            doc = match["doc"]
            if doc not in present:
                continue
            # a link to a whole document lands on its title, which a renderer can locate
            anchor = target(doc, match["id"]) if match["id"] else first_section.get(doc)
            if anchor:
                element["refuri"] = "#" + anchor
    return renamed


class UniqueIds(SphinxPostTransform):
    """Rename ids that a page repeats, after references are resolved."""

    default_priority = 900

    def run(self, **kwargs: Any) -> None:
        make_ids_unique(self.document, self.env.docname)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(UniqueIds)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
