"""An offprint made of pages the book has already laid out, between pages of its own.

Laying a chapter out again for its offprint costs as much as it did in the book, and gives the
same lines and pages. So an offprint takes the book's pages of its part as they are, and only
its own front matter (cover, contents) and back matter (colophon) are laid out: the PDF is
written from the three runs of pages. Its part's pages keep the book's page numbers, which a
reference such as "(page 45)" in the text also uses.

In an offprint, a link to a part of the book it does not hold has nowhere to go: its annotation
is left out and its tag is a /Span, so the reader sees the book's words and no link leads to a
missing page.

It builds a ``weasyprint.Document`` from the pages of two, and resets the annotations
WeasyPrint stores on the boxes while writing (``link_annotation``, ``widget_annotation``), which
belong to the PDF written before. Nothing here knows Sphinx.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from scripts.pdf.tagging import UNLINKED


def first_pages(document: Any) -> dict[str, int]:
    """The index of the page each anchor of ``document`` is on (its first, if repeated)."""
    pages: dict[str, int] = {}
    for index, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, index)
    return pages


def _boxes(page: Any) -> Iterator[Any]:
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    stack = [page._page_box]
    while stack:
        box = stack.pop()
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        yield box
        if isinstance(box, boxes.ParentBox):
            stack.extend(box.children)


class Offprint:
    """The pages of one offprint: ``front`` up to ``insert_at``, ``body``, the rest of ``front``.

    ``front`` and ``body`` come from two laid-out documents; use :meth:`document` while the
    object lives, since the front's document keeps its fonts alive.
    """

    def __init__(self, front: Any, body: Any, pages: range, insert_at: int) -> None:
        self.front = front
        self.body = body
        self.insert_at = insert_at
        body_pages = body.pages[pages.start:pages.stop]
        present = {anchor for page in [*front.pages, *body_pages] for anchor in page.anchors}
        self.unlinked: list[Any] = []
        self.body_pages = [self._keep_links(page, present) for page in body_pages]

    def _keep_links(self, page: Any, present: set[str]) -> Any:
        kept = [link for link in page.links if link[0] != "internal" or link[1] in present]
        if len(kept) == len(page.links):
            return page
        dropped = {id(box.element) for kind, target, _, box in page.links
                   if kind == "internal" and target not in present}
        # every box of a dropped link's element, the inline boxes inside it too, which is
        # where the tag of the link may come from
        self.unlinked.extend(box for box in _boxes(page) if id(box.element) in dropped)
        shallow = copy.copy(page)
        shallow.links = kept
        return shallow

    def document(self) -> Any:
        """A WeasyPrint document of the offprint's pages, with the front's metadata."""
        from weasyprint.document import Document

        pages = (self.front.pages[:self.insert_at] + self.body_pages
                 + self.front.pages[self.insert_at:])
        # the form fields are on the body's pages: their fonts come from its configuration
        return Document(pages, self.front.metadata, self.front.url_fetcher,
                        self.body.font_config, self.front.color_profiles,
                        self.front.output_intent)

    def __enter__(self) -> Offprint:
        for page in self.body_pages:
            for box in _boxes(page):
                # written into the book's PDF: objects of another file
                box.__dict__.pop("link_annotation", None)
                box.__dict__.pop("widget_annotation", None)
        for box in self.unlinked:
            setattr(box, UNLINKED, True)
        return self

    def __exit__(self, *exc: Any) -> None:
        for box in self.unlinked:
            box.__dict__.pop(UNLINKED, None)


def page_labels(ranges: list[tuple[int, str, int]]):
    """A finisher giving the PDF page labels: ``(first page index, style, first number)``.

    ``style`` is a PDF numbering style: ``D`` (decimal), ``r`` (lower-case roman)... A reader
    then shows and finds each page by the number printed on it.
    """
    def add_page_labels(_document: Any, pdf: Any) -> None:
        import pydyf

        numbers = pydyf.Array()
        for index, style, start in ranges:
            numbers.extend([index, pydyf.Dictionary({"S": f"/{style}", "St": start})])
        pdf.catalog["PageLabels"] = pydyf.Dictionary({"Nums": numbers})

    return add_page_labels
