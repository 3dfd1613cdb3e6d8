"""Offprints: one document of the book (a chapter, the toolkit) as a PDF of its own.

A team handing one chapter to a partner, or printing the templates for a workshop, needs that
part alone, with its own cover, contents and page numbers. The pdf builder renders each
document matched by ``pdf_offprints`` after the book, from the doctrees it already has.

In an offprint, a link to another part of the book has nowhere to go; it is kept as plain text,
so the reader sees the same words as in the book and no link leads to a missing page.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.util.console import darkgreen
from sphinx.util.nodes import inline_all_toctrees

OUTSIDE_CLASS = "outside-offprint"
# beside the offprints: which document each file prints
INDEX_NAME = "index.json"


def offprint_documents(order: list[str], patterns: list[str]) -> list[str]:
    """The documents to print on their own, in the book's reading order."""
    return [docname for docname in order
            if any(fnmatch.fnmatchcase(docname, pattern) for pattern in patterns)]


def assemble_offprint(builder: Any, docname: str) -> nodes.document:
    """One document, with what its own toctrees include, shaped like a part of the book."""
    tree = builder.env.get_doctree(docname)
    tree = inline_all_toctrees(builder, set(), docname, tree, darkgreen, [docname])
    children = list(tree.children)
    tree.clear()
    start = addnodes.start_of_file(docname=docname)
    start.extend(children)
    # an untitled section keeps the document's headings at the level they have in the book
    wrapper = nodes.section()
    wrapper += start
    tree += wrapper
    tree["docname"] = docname
    builder.env.resolve_references(tree, docname, builder)
    unlink_outside_references(tree)
    return tree


def unlink_outside_references(tree: nodes.document) -> int:
    """Turn internal links whose target is not in ``tree`` into plain text."""
    present = {identifier for node in tree.findall(nodes.Element)
               for identifier in node.get("ids", [])}
    unlinked = 0
    for reference in list(tree.findall(nodes.reference)):
        refuri = reference.get("refuri", "")
        target = reference.get("refid") or (refuri[1:] if refuri.startswith("#") else None)
        if target is None or target in present:
            continue
        text = nodes.inline("", "", *reference.children, classes=[OUTSIDE_CLASS])
        reference.replace_self(text)
        unlinked += 1
    return unlinked


def write_offprint_index(folder: Path, printed: dict[str, str]) -> None:
    """Record ``{docname: file name}`` for the offprints in ``folder``."""
    (folder / INDEX_NAME).write_text(json.dumps(printed, indent=1, sort_keys=True) + "\n",
                                     encoding="utf-8")


def read_offprint_index(folder: Path) -> dict[str, str]:
    """``{docname: file name}`` of the offprints in ``folder``; empty if it has none."""
    path = folder / INDEX_NAME
    if not path.is_file():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))
