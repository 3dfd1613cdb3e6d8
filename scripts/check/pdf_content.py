"""Find marked content that the structure tree does not reach.

A sequence of page content with an /MCID is real content: a screen reader finds it only through
the structure element that owns it. A sequence whose MCID no element reaches (a running header
tagged as content and then left out of the tree) is read by no one in order, or read anywhere;
page furniture must be an /Artifact instead. Nothing here knows a particular producer.
"""

from __future__ import annotations

from collections.abc import Iterator

import pikepdf

from scripts.check.pdf_structure import kid_items, page_numbers

# Operators whose operands a content scan needs: marked content and drawing forms.
OPERATORS = "BDC EMC BMC Do"


def reached_mcids(pdf: pikepdf.Pdf) -> set[tuple[int, int]]:
    """(1-based page, MCID) of every marked-content kid of a structure element."""
    root = pdf.Root.get("/StructTreeRoot")
    if not isinstance(root, pikepdf.Dictionary):
        return set()
    pages = page_numbers(pdf)
    reached: set[tuple[int, int]] = set()
    seen: set[tuple[int, int]] = set()

    def page_of(item: pikepdf.Dictionary, inherited: int | None) -> int | None:
        page = item.get("/Pg")
        if isinstance(page, pikepdf.Dictionary):
            return pages.get(page.objgen, inherited)
        return inherited

    stack: list[tuple[object, int | None]] = [(kid, None) for kid in kid_items(root)]
    while stack:
        item, page = stack.pop()
        if isinstance(item, int):
            if page is not None:
                reached.add((page, int(item)))
            continue
        if not isinstance(item, pikepdf.Dictionary):
            continue
        if item.get("/Type") == pikepdf.Name.MCR:
            marked_page = page_of(item, page)
            if marked_page is not None and "/MCID" in item:
                reached.add((marked_page, int(item.MCID)))
            continue
        if item.objgen != (0, 0):
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        own_page = page_of(item, page)
        stack.extend((kid, own_page) for kid in kid_items(item))
    return reached


def _mcid(operands: list[pikepdf.Object], resources: object) -> int | None:
    properties = operands[1] if len(operands) > 1 else None
    if isinstance(properties, pikepdf.Name) and isinstance(resources, pikepdf.Dictionary):
        properties = resources.get("/Properties", {}).get(properties)
    if isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties:
        return int(properties.MCID)
    return None


def drawn_mcids(page: pikepdf.Page) -> Iterator[int]:
    """The MCID of every tagged sequence on a page, its Form XObjects' included."""
    open_forms: set[tuple[int, int]] = set()

    def scan(stream: pikepdf.Object, resources: object) -> Iterator[int]:
        for instruction in pikepdf.parse_content_stream(stream, OPERATORS):
            operator = str(instruction.operator)
            if operator == "BDC":
                mcid = _mcid(list(instruction.operands), resources)
                if mcid is not None:
                    yield mcid
            elif operator == "Do" and isinstance(resources, pikepdf.Dictionary):
                form = resources.get("/XObject", {}).get(instruction.operands[0])
                if (isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form"
                        and form.objgen not in open_forms):
                    open_forms.add(form.objgen)
                    yield from scan(form, form.get("/Resources", resources))

    if "/Contents" in page.obj:
        yield from scan(page, page.obj.get("/Resources"))


def unreached_content(pdf: pikepdf.Pdf) -> dict[int, int]:
    """Per 1-based page, how many tagged sequences no structure element reaches."""
    reached = reached_mcids(pdf)
    counts: dict[int, int] = {}
    for number, page in enumerate(pdf.pages, start=1):
        missing = sum(1 for mcid in drawn_mcids(page) if (number, mcid) not in reached)
        if missing:
            counts[number] = missing
    return counts
