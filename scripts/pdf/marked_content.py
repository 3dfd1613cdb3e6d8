"""Mark what is not the text as /Artifact, and give hyphenated lines their real text.

WeasyPrint 70 marks every line of text it draws as content with an MCID, including what is
only page furniture, and writes a line's glyphs as they are printed. A screen reader, a search
or a copy then meets:

* the running header, page number and edition line (the ``@page`` margin boxes) in the middle
  of the text, as content that no structure element owns;
* the dots of a ``leader()`` in the contents, read out one by one;
* the header row of a table repeated on each page it runs onto, read again in the middle;
* the hyphen that ``hyphens: auto`` adds at a line end, as a real hyphen (U+2010) in the word.

Here the margin boxes' text becomes /Artifact of type /Pagination (/Header at the top,
/Footer at the bottom; with an empty /ActualText inside, for text extraction), a repeated
table header (or footer) /Pagination too, leaders /Artifact of type /Layout, all without MCID
and so outside the structure tree. A line that ends with an inserted hyphen keeps its MCID
and gains an /ActualText in which that hyphen is a soft hyphen (U+00AD): ISO 32000
represents a hyphen added at a line break that way in tagged PDF, so a reader joins the
word again.

Boxes are labelled before the PDF is written (:func:`label_document`); two private parts of
the pinned WeasyPrint are replaced (:func:`install`): ``Stream.marked``, which opens the marked
content of a text line, and ``tags._build_box_tree``, which must not look for the tags of boxes
drawn as artifacts. The tests check each point on a rendered PDF, so an upgrade that changes
either shows.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SOFT_HYPHEN = "\u00ad"
# Attributes set on WeasyPrint boxes: the artifact's properties, or a line's real text.
ARTIFACT = "pdf_artifact"
ACTUAL_TEXT = "pdf_actual_text"


def artifact_properties(margin_box: Any) -> dict[str, str]:
    """/Pagination, with /Header or /Footer for the boxes above and below the page area."""
    properties = {"Type": "/Pagination"}
    if margin_box.at_keyword.startswith("@top"):
        properties["Subtype"] = "/Header"
    elif margin_box.at_keyword.startswith("@bottom"):
        properties["Subtype"] = "/Footer"
    return properties


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def hyphenated_text(text_box: Any) -> str | None:
    """The line's text with its line-end hyphen as a soft hyphen, if hyphenation added one.

    WeasyPrint appends ``hyphenate-character`` to a line's text when it breaks a word there
    (``hyphens: auto``, or a soft hyphen in the source with ``manual``).
    """
    style = text_box.style
    hyphen = style["hyphenate_character"]
    if style["hyphens"] == "none" or not hyphen or not text_box.text.endswith(hyphen):
        return None
    return text_box.text[: -len(hyphen)] + SOFT_HYPHEN


def label_boxes(page_box: Any) -> None:
    """Label the text boxes of one laid-out page: artifacts, and lines with an inserted hyphen."""
    from weasyprint.formatting_structure import boxes

    for box in _descendants(page_box):
        if isinstance(box, boxes.MarginBox):
            properties = artifact_properties(box)
            for inner in _descendants(box):
                setattr(inner, ARTIFACT, properties)
        elif getattr(box, "is_leader", False):
            for inner in _descendants(box):
                setattr(inner, ARTIFACT, {"Type": "/Layout"})
        elif isinstance(box, boxes.TextBox) and not hasattr(box, ARTIFACT):
            actual_text = hyphenated_text(box)
            if actual_text is not None:
                setattr(box, ACTUAL_TEXT, actual_text)


def label_repeated_table_groups(page_boxes: list[Any]) -> None:
    """Label the header rows a table repeats after its first page, the footer rows before its last.

    WeasyPrint lays a ``thead`` (``tfoot``) out again on every page a table runs onto: the copies
    are page furniture, read once where the table starts (ends).
    """
    from weasyprint.formatting_structure import boxes

    fragments: dict[int, list[Any]] = {}
    for page_box in page_boxes:
        for box in _descendants(page_box):
            if isinstance(box, boxes.TableBox) and box.element is not None:
                fragments.setdefault(id(box.element), []).append(box)
    for table_fragments in fragments.values():
        for index, table in enumerate(table_fragments):
            for group in table.children:
                repeated = ((group.is_header and index > 0)
                            or (group.is_footer and index < len(table_fragments) - 1))
                if repeated:
                    for inner in _descendants(group):
                        setattr(inner, ARTIFACT, {"Type": "/Pagination"})


def label_document(document: Any) -> None:
    """Label every page of a rendered WeasyPrint document before it is written."""
    page_boxes = [page._page_box for page in document.pages]
    label_repeated_table_groups(page_boxes)
    for page_box in page_boxes:
        label_boxes(page_box)


def is_artifact(box: Any) -> bool:
    return hasattr(box, ARTIFACT)


def install() -> None:
    """Replace ``Stream.marked`` and wrap ``_build_box_tree`` once; later calls do nothing."""
    import pydyf
    from weasyprint.pdf import stream, tags

    if getattr(tags._build_box_tree, "skips_artifacts", False):
        return

    # A copy of WeasyPrint 70's Stream.marked (weasyprint/pdf/stream.py) that, for a labelled
    # box, opens an /Artifact instead of tagged content, or adds /ActualText to the MCID.
    @contextmanager
    def marked(self: Any, box: Any, tag: str) -> Iterator[None]:
        silent = False
        if self._tags is not None:
            if is_artifact(box):
                properties = pydyf.Dictionary(getattr(box, ARTIFACT))
                pydyf.Stream.begin_marked_content(self, "Artifact", properties)
                # text extraction (poppler's pdftotext, copy and paste) ignores /Artifact but
                # honours a Span's /ActualText: an empty one keeps running heads and page
                # numbers out of a paragraph that continues on the next page
                silent = "Subtype" in properties
                if silent:
                    pydyf.Stream.begin_marked_content(
                        self, "Span", pydyf.Dictionary({"ActualText": pydyf.String("")}))
            else:
                mcid = len(self._tags)
                assert box not in self._tags
                self._tags[box] = {"tag": tag, "mcid": mcid}
                properties = pydyf.Dictionary({"MCID": mcid})
                if hasattr(box, ACTUAL_TEXT):
                    properties["ActualText"] = pydyf.String(getattr(box, ACTUAL_TEXT))
                pydyf.Stream.begin_marked_content(self, tag, properties)
        try:
            yield
        finally:
            if self._tags is not None:
                if silent:
                    pydyf.Stream.end_marked_content(self)
                pydyf.Stream.end_marked_content(self)

    stream.Stream.marked = marked

    original = tags._build_box_tree

    # Artifacts have no MCID: the tree builder must not look for one, nor build elements that
    # no one could reach (WeasyPrint builds the margin boxes' tree only to consume their tags).
    # functools.wraps keeps the marks other wrappers leave to be installed once.
    @functools.wraps(original)
    def build_box_tree(box: Any, *rest: Any) -> Iterator[Any]:
        from weasyprint.formatting_structure import boxes

        if is_artifact(box):
            # the table code of the original gives IDs to the header cells of every row it
            # finds, skipped or not: the skipped cells get a stand-in that goes nowhere
            for inner in _descendants(box):
                if isinstance(inner, boxes.TableCellBox):
                    inner.mark = pydyf.Dictionary({"A": pydyf.Dictionary()})
            return
        yield from original(box, *rest)

    build_box_tree.skips_artifacts = True  # type: ignore[attr-defined]

    # the original calls itself through the module name, so children pass through here too
    tags._build_box_tree = build_box_tree
