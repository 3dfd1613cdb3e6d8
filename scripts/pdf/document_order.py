"""Make the PDF's structure tree follow the document, not its pages.

WeasyPrint 70 builds the tag tree page by page: each page's fragment of an element becomes an
element of its own, so a paragraph that runs onto the next page is two paragraphs (and the
``<main>`` that holds the book one /Part per page), and the notes of each page sit between the
fragments, so a screen reader reads a footnote in the middle of a sentence.

After WeasyPrint has built the tree, this module

* puts each footnote where its call stands in the text, as in the HTML (the notes of a page
  are otherwise an element of their own after the page's text);
* merges the fragments of one HTML element that follow each other into one element, whose
  kids reach the marked content of each page (marked-content references with their /Pg), and
  points the ParentTree at the merged element.

It wraps ``weasyprint.pdf.tags._build_box_tree`` to remember which HTML element each structure
element comes from, and ``add_tags`` (called by ``weasyprint.pdf.generate_pdf``) to rework the
finished tree; both are private to the pinned WeasyPrint, and the tests read the result on a
rendered PDF, so an upgrade that changes them shows.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from scripts.pdf.pydyf_objects import referenced_object

# Attributes set on pydyf structure elements while the tree is built.
ORIGIN = "html_origin"
ROLE = "box_role"
NOTE_CALL = "note call"
NOTE_AREA = "note area"



def _is_element(pdf: Any, kid: Any) -> bool:
    # a kid is an MCID, a marked-content reference written inline (a dictionary, such as those
    # _absorb adds) or a reference to an object, which may be an element
    if isinstance(kid, (int, dict)):
        return False
    return referenced_object(pdf, kid).get("Type") == "/StructElem"


class TreeEditor:
    """Moves and merges structure elements, keeping /P and the ParentTree right."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf
        # reference of an element merged away -> reference of the element that absorbed it
        self.replaced: dict[bytes, bytes] = {}

    def element(self, reference: Any) -> Any:
        return referenced_object(self.pdf, reference)

    def elements_below(self, element: Any) -> Iterator[Any]:
        for kid in element["K"]:
            if _is_element(self.pdf, kid):
                child = self.element(kid)
                yield child
                yield from self.elements_below(child)

    def move_notes_to_their_calls(self, document: Any) -> None:
        """Put each note of a page's note area in place of (or after) its call."""
        calls = {id(getattr(element, ORIGIN)): element for element in self.elements_below(document)
                 if getattr(element, ROLE, None) == NOTE_CALL}
        kept = []
        for reference in document["K"]:
            area = self.element(reference)
            if getattr(area, ROLE, None) != NOTE_AREA:
                kept.append(reference)
                continue
            left = [kid for kid in area["K"] if not self._move_note(kid, calls)]
            area["K"][:] = left
            if left:
                kept.append(reference)
        document["K"][:] = kept

    def _move_note(self, kid: Any, calls: dict[int, Any]) -> bool:
        if not _is_element(self.pdf, kid):
            return False
        note = self.element(kid)
        call = calls.get(id(getattr(note, ORIGIN, None)))
        if call is None:
            return False
        holder = self.element(call["P"])
        position = list(holder["K"]).index(call.reference)
        # an empty call (``content: none``) holds nothing a reader needs: the note takes its place
        holder["K"][position:position + 1] = ([note.reference] if not call["K"]
                                              else [call.reference, note.reference])
        note["P"] = holder.reference
        return True

    def merge_fragments(self, parent: Any) -> None:
        """Merge consecutive kids drawn from one HTML element on different pages, depth first."""
        kept: list[Any] = []
        for kid in parent["K"]:
            previous = kept[-1] if kept else None
            if previous is not None and self._same_element(previous, kid):
                self._absorb(self.element(previous), self.element(kid))
                continue
            kept.append(kid)
        parent["K"][:] = kept
        for kid in kept:
            if _is_element(self.pdf, kid):
                self.merge_fragments(self.element(kid))

    def _same_element(self, first: Any, second: Any) -> bool:
        if not (_is_element(self.pdf, first) and _is_element(self.pdf, second)):
            return False
        first, second = self.element(first), self.element(second)
        if first["S"] != second["S"] or first.get("Pg") == second.get("Pg"):
            return False
        if not hasattr(first, ORIGIN) and first["S"] == "/LBody":
            # the list item bodies scripts.pdf.tagging adds have no box; within one item
            # (already merged) two bodies on consecutive pages are the halves of one
            return not hasattr(second, ORIGIN)
        origin = getattr(first, ORIGIN, None)
        return origin is not None and origin is getattr(second, ORIGIN, None)

    def _absorb(self, element: Any, fragment: Any) -> None:
        import pydyf

        if element["S"] == "/Table":
            self._point_cells_at_first_header(element, fragment)
        for kid in fragment["K"]:
            if isinstance(kid, int):
                # an MCID alone means "on the element's page": say which page it is on
                reference = pydyf.Dictionary({"Type": "/MCR", "Pg": fragment["Pg"], "MCID": kid})
                element["K"].append(reference)
                continue
            if _is_element(self.pdf, kid):
                self.element(kid)["P"] = element.reference
            element["K"].append(kid)
        for key in ("A", "Lang", "Alt", "ActualText", "ID"):
            if key in fragment and key not in element:
                element[key] = fragment[key]
        self.replaced[fragment.reference] = element.reference
        fragment["K"] = pydyf.Array()

    def _point_cells_at_first_header(self, table: Any, fragment: Any) -> None:
        """Refer a later page's cells to the header cells where the table starts.

        WeasyPrint names header cells ``<table object>-<row>-<column>`` per page; the header
        repeated on later pages is an artifact (:mod:`scripts.pdf.marked_content`), so its
        cells' names must become those of the first page's table.
        """
        import pydyf

        def names(element: Any) -> set[str]:
            return {str(cell["ID"].string) for cell in self.elements_below(element) if "ID" in cell}

        first, own = names(table), names(fragment)
        prefix = f"{fragment.number}-"
        for cell in self.elements_below(fragment):
            headers = cell.get("A", {}).get("Headers") if cell["S"] == "/TD" else None
            if not headers:
                continue
            for index, header in enumerate(headers):
                name = str(header.string)
                renamed = f"{table.number}-{name.removeprefix(prefix)}"
                # a row header drawn on this page keeps its own name
                if name not in own and name.startswith(prefix) and renamed in first:
                    headers[index] = pydyf.String(renamed)

    def update_parent_tree(self, parent_tree: Any) -> None:
        """Point the ParentTree's entries of merged fragments at the element that absorbed them."""
        def final(reference: bytes) -> bytes:
            while reference in self.replaced:
                reference = self.replaced[reference]
            return reference

        numbers = parent_tree["Nums"]
        for index in range(1, len(numbers), 2):
            entry = numbers[index]
            if isinstance(entry, list):
                entry[:] = [final(reference) for reference in entry]
            else:
                numbers[index] = final(entry)


def follow_document(pdf: Any) -> None:
    """Rework the finished tag tree of ``pdf`` (a pydyf PDF) into the document's order."""
    root = referenced_object(pdf, pdf.catalog["StructTreeRoot"])
    editor = TreeEditor(pdf)
    for reference in root["K"]:
        document = editor.element(reference)
        editor.move_notes_to_their_calls(document)
        editor.merge_fragments(document)
    editor.update_parent_tree(referenced_object(pdf, root["ParentTree"]))


def role(box: Any) -> str | None:
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.FootnoteAreaBox):
        return NOTE_AREA
    if (getattr(box, "element_tag", None) or "").endswith("::footnote-call"):
        return NOTE_CALL
    return None


def install() -> None:
    """Wrap WeasyPrint's tree builder and ``add_tags`` once; later calls do nothing."""
    from weasyprint import pdf as weasyprint_pdf
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "records_origins", False):
        return
    build = tags._build_box_tree

    # Remember the HTML element behind each structure element: the innermost call yields an
    # element first, so an element passed up through html and body keeps its own box's.
    # functools.wraps keeps the marks other wrappers leave to be installed once.
    @functools.wraps(build)
    def build_box_tree(box: Any, *rest: Any) -> Iterator[Any]:
        for element in build(box, *rest):
            if not hasattr(element, ORIGIN):
                setattr(element, ORIGIN, box.element)
                setattr(element, ROLE, role(box))
            yield element

    build_box_tree.records_origins = True  # type: ignore[attr-defined]
    # the original calls itself through the module name, so children pass through here too
    tags._build_box_tree = build_box_tree

    add_tags = weasyprint_pdf.add_tags

    def add_tags_in_document_order(pdf: Any, *rest: Any) -> None:
        add_tags(pdf, *rest)
        follow_document(pdf)

    # generate_pdf calls add_tags by the name it imported into weasyprint.pdf
    weasyprint_pdf.add_tags = add_tags_in_document_order
