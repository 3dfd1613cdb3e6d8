"""Read a tagged PDF's structure tree into plain Python objects, in reading order.

The tree is read once, depth first, so that each accessibility check can look at elements,
their children and the annotations they own without walking pikepdf objects again. Standard
structure types are resolved through the tree's /RoleMap. An element reached a second time (a
cycle, or an element shared by two parents) is read only the first time. Nothing here knows a
particular document or a particular producer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

DIRECT = (0, 0)
# Role maps are short chains of custom names; anything longer is a loop.
MAX_ROLE_CHAIN = 16


@dataclass(eq=False, slots=True)
class StructElement:
    """One structure element: its standard type (``"H1"``, ``"Link"``) and where it sits."""

    obj: pikepdf.Dictionary
    tag: str
    page: int | None
    parent: StructElement | None
    children: list[StructElement] = field(default_factory=list)
    # The objects its OBJR kids point at: annotations, XObjects.
    referenced: list[pikepdf.Object] = field(default_factory=list)

    def ancestors(self) -> Iterator[StructElement]:
        current = self.parent
        while current is not None:
            yield current
            current = current.parent


@dataclass(eq=False, slots=True)
class StructTree:
    elements: list[StructElement]
    has_root: bool
    has_parent_tree: bool


def page_numbers(pdf: pikepdf.Pdf) -> dict[tuple[int, int], int]:
    """1-based page number of each page object, by its object number and generation."""
    return {page.obj.objgen: number for number, page in enumerate(pdf.pages, start=1)}


def name_text(value: object) -> str:
    """``/H1`` as ``"H1"``; anything that is not a name as ``""``."""
    return str(value)[1:] if isinstance(value, pikepdf.Name) else ""


def text_of(value: object) -> str:
    """A PDF text string as Python text, stripped; anything else as ``""``."""
    return str(value).strip() if isinstance(value, pikepdf.String) else ""


def role_map(root: pikepdf.Dictionary) -> dict[str, str]:
    mapping = root.get("/RoleMap")
    if not isinstance(mapping, pikepdf.Dictionary):
        return {}
    return {key[1:]: name_text(value) for key, value in mapping.items() if name_text(value)}


def standard_type(tag: str, roles: dict[str, str]) -> str:
    seen = 0
    while tag in roles and seen < MAX_ROLE_CHAIN:
        tag = roles[tag]
        seen += 1
    return tag


def kid_items(obj: pikepdf.Dictionary) -> list[pikepdf.Object]:
    """An element's /K as a list: it may be absent, a single item or an array."""
    kids = obj.get("/K")
    if kids is None:
        return []
    if isinstance(kids, pikepdf.Array):
        return list(kids)
    return [kids]


def is_struct_element(item: object) -> bool:
    # /Type is optional on structure elements; MCR and OBJR dictionaries always carry it.
    return (
        isinstance(item, pikepdf.Dictionary)
        and "/S" in item
        and item.get("/Type") not in (pikepdf.Name.MCR, pikepdf.Name.OBJR)
    )


def referenced_object(item: object) -> pikepdf.Object | None:
    """What an OBJR kid points at; None for MCIDs, MCRs and structure elements."""
    if isinstance(item, pikepdf.Dictionary) and item.get("/Type") == pikepdf.Name.OBJR:
        return item.get("/Obj")
    return None


def element_page(
    obj: pikepdf.Dictionary, parent: StructElement | None, pages: dict[tuple[int, int], int]
) -> int | None:
    page = obj.get("/Pg")
    if isinstance(page, pikepdf.Dictionary) and page.objgen in pages:
        return pages[page.objgen]
    # An element without /Pg draws on its ancestors' page, as its MCIDs do.
    return parent.page if parent is not None else None


def read_structure(pdf: pikepdf.Pdf) -> StructTree:
    """Every structure element below /StructTreeRoot, in depth-first (reading) order."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return StructTree(elements=[], has_root=False, has_parent_tree=False)
    roles = role_map(root)
    pages = page_numbers(pdf)
    elements: list[StructElement] = []
    visited: set[tuple[int, int]] = set()
    stack: list[tuple[pikepdf.Object, StructElement | None]] = [
        (item, None) for item in reversed(kid_items(root))
    ]
    while stack:
        item, parent = stack.pop()
        if parent is not None and (target := referenced_object(item)) is not None:
            parent.referenced.append(target)
            continue
        if not is_struct_element(item):
            continue
        if item.objgen != DIRECT:
            if item.objgen in visited:
                continue
            visited.add(item.objgen)
        element = StructElement(
            obj=item,
            tag=standard_type(name_text(item.get("/S")), roles),
            page=element_page(item, parent, pages),
            parent=parent,
        )
        elements.append(element)
        if parent is not None:
            parent.children.append(element)
        stack.extend((kid, element) for kid in reversed(kid_items(item)))
    return StructTree(elements=elements, has_root=True, has_parent_tree="/ParentTree" in root)


def attribute_dicts(obj: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """An element's attribute dictionaries: /A is one, or an array mixing them with revisions."""
    attributes = obj.get("/A")
    if isinstance(attributes, pikepdf.Dictionary):
        return [attributes]
    if isinstance(attributes, pikepdf.Array):
        return [item for item in attributes if isinstance(item, pikepdf.Dictionary)]
    return []


def accessible_text(obj: pikepdf.Dictionary) -> str:
    """The text an element states about itself: /ActualText, /Alt or /T, the first not empty."""
    for key in ("/ActualText", "/Alt", "/T"):
        if text := text_of(obj.get(key)):
            return text
    return ""
