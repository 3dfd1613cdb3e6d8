"""Complete the PDF/UA tag tree that WeasyPrint 70 writes.

WeasyPrint tags headings, lists, tables, figures and links, but leaves out things a screen
reader relies on, which this module adds while the tree is built:

* a table header cell's /Scope (column or row), read from the ``scope`` attribute;
* a /Lang on each element whose HTML has a ``lang`` attribute, so a passage in another language
  (an untranslated paragraph of a preview edition) is read with the right voice;
* a link annotation's /Contents: WeasyPrint writes the target (``#id3``, an address), which a
  screen reader announces as the link's purpose; the link's own text or label says it;
* a /Span, not a /Link, for a link whose annotation was left out (an offprint's link to a part
  of the book it does not hold: see :mod:`scripts.pdf.offprint_pages`);
* a link annotation directly under its /Link element: when a link's text sits in an inline
  element (``<a><span>…</span></a>``), WeasyPrint attaches the annotation to the inner Span,
  which PDF/UA forbids; it is moved up to the Link, and flagged to print like the page it is on.

It wraps ``weasyprint.pdf.tags._build_box_tree``, a private function of the pinned WeasyPrint
version; the tests check each point on a rendered PDF, so an upgrade that changes it shows.
Nothing here knows Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from scripts.pdf.pydyf_objects import referenced_object

SCOPES = {"row": "/Row", "col": "/Column", "column": "/Column", "both": "/Both"}
# Boxes WeasyPrint passes through without an element of their own: what they yield belongs to
# their children.
PASS_THROUGH_TAGS = {"html", "body"}
# Attribute set on the boxes of a link written without its annotation: text, not a link.
UNLINKED = "pdf_unlinked"


def accessible_name(element: Any) -> str:
    """What a link is called: its label if it has one, else its text."""
    for attribute in ("aria-label", "title"):
        if element.get(attribute):
            return " ".join(element.get(attribute).split())
    return " ".join("".join(element.itertext()).split())



def _is_element(pdf: Any, kid: Any, structure_type: str) -> bool:
    if isinstance(kid, int):
        return False
    kid_object = referenced_object(pdf, kid)
    return getattr(kid_object, "get", lambda _key: None)("S") == structure_type


def wrap_item_body(element: Any, pdf: Any) -> None:
    """LI holds its label and one LBody; everything else moves into that LBody."""
    import pydyf

    kids = list(element["K"])
    body_kids = [kid for kid in kids if not _is_element(pdf, kid, "/Lbl")
                 and not _is_element(pdf, kid, "/LBody")]
    if not body_kids or any(_is_element(pdf, kid, "/LBody") for kid in kids):
        return
    body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(body_kids),
                             "P": element.reference})
    if "Pg" in element:
        body["Pg"] = element["Pg"]
    pdf.add_object(body)
    for kid in body_kids:
        if not isinstance(kid, int):
            referenced_object(pdf, kid)["P"] = body.reference
    element["K"] = pydyf.Array([kid for kid in kids if kid not in body_kids] + [body.reference])


def nest_inner_lists(element: Any, pdf: Any) -> None:
    """Move an L that sits in an L into the body of the item before it."""
    import pydyf

    kept = pydyf.Array()
    for kid in element["K"]:
        previous = kept[-1] if kept else None
        if (_is_element(pdf, kid, "/L") and previous is not None
                and _is_element(pdf, previous, "/LI")):
            item = referenced_object(pdf, previous)
            bodies = [k for k in item["K"] if _is_element(pdf, k, "/LBody")]
            holder = referenced_object(pdf, bodies[-1]) if bodies else item
            holder["K"].append(kid)
            referenced_object(pdf, kid)["P"] = holder.reference
            continue
        kept.append(kid)
    element["K"] = kept


# Annotation flag "Print" (PDF 1.7, table 165): the annotation prints with its page.
PRINT_FLAG = 4


def _annotation_references(pdf: Any, element: Any) -> list[Any]:
    """The object references (OBJR) among an element's kids."""
    return [kid for kid in element["K"] if not isinstance(kid, int)
            and getattr(referenced_object(pdf, kid), "get", lambda _key: None)("Type") == "/OBJR"]


def _link_ancestor(pdf: Any, element: Any) -> Any | None:
    """The nearest /Link element above ``element``, if any, before the tree's root."""
    current = element
    while current.get("Type") == "/StructElem":
        if current["S"] == "/Link":
            return current
        current = referenced_object(pdf, current["P"])
    return None


def lift_link_annotation(element: Any, parent: Any, pdf: Any, annotations: list[Any]) -> None:
    """Move the link annotation of an element inside a Link up to that Link."""
    import pydyf

    link = _link_ancestor(pdf, parent)
    if link is None:
        return
    lifted = _annotation_references(pdf, element)
    element["K"] = pydyf.Array([kid for kid in element["K"] if kid not in lifted])
    link["K"].extend(lifted)
    moved = [referenced_object(pdf, referenced_object(pdf, reference)["Obj"])
             for reference in lifted]
    # WeasyPrint maps each annotation's StructParent to the element it is listed with
    for index, (_owner, annotation) in enumerate(annotations):
        if any(annotation is candidate for candidate in moved):
            annotations[index] = (link.reference, annotation)


def complete_element(element: Any, box: Any, pdf: Any) -> None:
    import pydyf

    if element["S"] == "/LI":
        wrap_item_body(element, pdf)
    elif element["S"] == "/L":
        nest_inner_lists(element, pdf)
    html = box.element
    if html is None:
        return
    if element["S"] == "/Link" and getattr(box, UNLINKED, False):
        element["S"] = "/Span"
    if html.get("lang"):
        element["Lang"] = pydyf.String(html.get("lang"))
    if element["S"] == "/TH":
        scope = SCOPES.get((html.get("scope") or "col").lower(), "/Column")
        element["A"]["Scope"] = scope
    if element["S"] == "/Link":
        # the link's own annotation and any lifted from the inline elements inside it
        name = accessible_name(html)
        for reference in _annotation_references(pdf, element):
            annotation = referenced_object(pdf, referenced_object(pdf, reference)["Obj"])
            annotation["F"] = PRINT_FLAG
            if name:
                annotation["Contents"] = pydyf.String(name)


def install() -> None:
    """Wrap WeasyPrint's tag-tree builder once; later calls do nothing."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "completes_tags", False):
        return
    original = tags._build_box_tree

    def build_box_tree(box: Any, parent: Any, pdf: Any, *rest: Any) -> Iterator[Any]:
        passes_through = (isinstance(box, (boxes.PageBox, boxes.MarginBox))
                          or getattr(box, "element_tag", None) in PASS_THROUGH_TAGS)
        annotations = rest[2]  # page_number, nums, annotations, tags
        for element in original(box, parent, pdf, *rest):
            if not passes_through:
                if element["S"] != "/Link" and getattr(box, "link_annotation", None):
                    lift_link_annotation(element, parent, pdf, annotations)
                complete_element(element, box, pdf)
            yield element

    build_box_tree.completes_tags = True  # type: ignore[attr-defined]
    # the original calls itself through the module name, so children pass through here too
    tags._build_box_tree = build_box_tree
