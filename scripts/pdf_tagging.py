"""Complete the PDF/UA tag tree that WeasyPrint 70 writes.

WeasyPrint tags headings, lists, tables, figures and links, but leaves out three things a screen
reader relies on, which this module adds while the tree is built:

* a table header cell's /Scope (column or row), read from the ``scope`` attribute;
* a /Lang on each element whose HTML has a ``lang`` attribute, so a passage in another language
  (an untranslated paragraph of a preview edition) is read with the right voice;
* a link annotation's /Contents: WeasyPrint writes the target (``#id3``, an address), which a
  screen reader announces as the link's purpose; the link's own text or label says it.

It wraps ``weasyprint.pdf.tags._build_box_tree``, a private function of the pinned WeasyPrint
version; the tests check each point on a rendered PDF, so an upgrade that changes it shows.
Nothing here knows Sphinx.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SCOPES = {"row": "/Row", "col": "/Column", "column": "/Column", "both": "/Both"}
# Boxes WeasyPrint passes through without an element of their own: what they yield belongs to
# their children.
PASS_THROUGH_TAGS = {"html", "body"}


def accessible_name(element: Any) -> str:
    """What a link is called: its label if it has one, else its text."""
    for attribute in ("aria-label", "title"):
        if element.get(attribute):
            return " ".join(element.get(attribute).split())
    return " ".join("".join(element.itertext()).split())


def complete_element(element: Any, box: Any) -> None:
    import pydyf

    html = box.element
    if html is None:
        return
    if html.get("lang"):
        element["Lang"] = pydyf.String(html.get("lang"))
    if element["S"] == "/TH":
        scope = SCOPES.get((html.get("scope") or "col").lower(), "/Column")
        element["A"]["Scope"] = scope
    annotation = getattr(box, "link_annotation", None)
    if annotation is not None and element["S"] == "/Link":
        name = accessible_name(html)
        if name:
            annotation["Contents"] = pydyf.String(name)


def install() -> None:
    """Wrap WeasyPrint's tag-tree builder once; later calls do nothing."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.pdf import tags

    if getattr(tags._build_box_tree, "completes_tags", False):
        return
    original = tags._build_box_tree

    def build_box_tree(box: Any, parent: Any, *rest: Any) -> Iterator[Any]:
        passes_through = (isinstance(box, (boxes.PageBox, boxes.MarginBox))
                          or getattr(box, "element_tag", None) in PASS_THROUGH_TAGS)
        for element in original(box, parent, *rest):
            if not passes_through:
                complete_element(element, box)
            yield element

    build_box_tree.completes_tags = True  # type: ignore[attr-defined]
    # the original calls itself through the module name, so children pass through here too
    tags._build_box_tree = build_box_tree
