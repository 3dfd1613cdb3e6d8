"""Offprints: one document of the book (a chapter, the toolkit) as a PDF of its own.

A team handing one chapter to a partner, or printing the templates for a workshop, needs that
part alone, with its own cover, contents and colophon. The pdf builder writes each document
matched by ``pdf_offprints`` after the book, from the book's own laid-out pages of that part
(:mod:`scripts.pdf.offprint_pages`): an offprint's pages are those of the book, numbered as in
the book, and say so on its cover.

In an offprint, a link to another part of the book has nowhere to go; it is kept as plain text,
so the reader sees the same words as in the book and no link leads to a missing page.
"""

from __future__ import annotations

import fnmatch
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes

# beside the offprints: which document each file prints
INDEX_NAME = "index.json"


def offprint_documents(order: list[str], patterns: list[str]) -> list[str]:
    """The documents to print on their own, in the book's reading order."""
    return [docname for docname in order
            if any(fnmatch.fnmatchcase(docname, pattern) for pattern in patterns)]


@dataclass(frozen=True)
class BookPart:
    """Where one document, with the documents its toctrees include, lies in the book."""

    docname: str
    # the id of its first section, on the first page of the part
    anchor: str
    # the id that starts the book's next part, on the page after the part; None: the part
    # runs to the book's back matter
    following: str | None
    # the entries of the part's own printed contents
    outline: list[dict[str, Any]] = field(default_factory=list)


def _first_section_id(start: addnodes.start_of_file) -> str | None:
    section = start.next_node(nodes.section)
    return section["ids"][0] if section is not None and section["ids"] else None


def _inside(node: nodes.Node, ancestor: nodes.Node) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.parent
    return False


def book_parts(tree: nodes.document, docnames: list[str],
               outline: Callable[[addnodes.start_of_file], list[dict[str, Any]]]
               ) -> dict[str, BookPart]:
    """The parts of the assembled book ``tree`` that print ``docnames``, in that order.

    Every inlined document starts on a page of its own (the theme breaks before its first
    section), so a part's pages run from its first section to the next document that is not
    one of its own. ``outline`` gives a part's contents from its ``start_of_file`` node.
    """
    starts = list(tree.findall(addnodes.start_of_file))
    by_name = {start["docname"]: index for index, start in enumerate(starts)}
    parts: dict[str, BookPart] = {}
    for docname in docnames:
        index = by_name.get(docname)
        anchor = _first_section_id(starts[index]) if index is not None else None
        if anchor is None:
            continue
        following = next((later_anchor for later in starts[index + 1:]
                          if not _inside(later, starts[index])
                          and (later_anchor := _first_section_id(later))), None)
        parts[docname] = BookPart(docname, anchor, following, outline(starts[index]))
    return parts


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
