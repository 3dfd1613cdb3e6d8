"""Check a PDF's accessibility: an independent PDF/UA-1 validator, and what it cannot judge.

    python -m scripts.check.pdf FILE [FILE ...]

Reports each problem as ``FILE: page N: CHECK: DETAIL``, then a summary line per file; exits 1
if anything was found. First the ``page-validation`` package validates the file against
PDF/UA-1 (:mod:`scripts.check.pdfua_validator`); each failed rule is a finding named by the
rule's id (``PDFUA1-LINK-LINK-TAG-001``). Then the checks a validator cannot make, because they
need to know what a reader hears, by the name each finding carries:

* ``language``: the catalog's /Lang and every structure element's /Lang are BCP 47 tags with a
  two- or three-letter language (a validator accepts "english", which no screen reader knows);
* ``tables``: every TH has a Table attribute with /Scope Row, Column or Both, so a cell is read
  with its header (PDF/UA-1 asks for it only where the header is ambiguous);
* ``links``: every Link element owns a Link annotation whose /Contents describes the link, not
  its target (``#section-2``, or the destination's own name as WeasyPrint writes it); no Link
  sits inside another Link;
* ``forms``: no two form fields share a /TU, so each announces what to write in it;
* ``bookmarks``: a document with headings has at least one outline item;
* ``unreached-content``: every marked-content sequence with an /MCID is reached by a structure
  element, so a screen reader reads it in its place (page furniture left out of the tree must
  be an /Artifact instead); a validator checks that content is tagged, not that its tag is in
  the tree.

Nothing here knows a particular book or producer.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf

from scripts.check.pdf_content import unreached_content
from scripts.check.pdf_structure import (
    StructElement,
    StructTree,
    accessible_text,
    attribute_dicts,
    page_numbers,
    read_structure,
    text_of,
)
from scripts.check.pdfua_validator import failed_rules
from scripts.util.language_tags import is_language_tag

logger = logging.getLogger("check_pdf")

HEADING_TAGS = {"H", *(f"H{level}" for level in range(1, 7))}
HEADER_SCOPES = {"/Row", "/Column", "/Both"}


@dataclass(frozen=True)
class Finding:
    check: str
    detail: str
    page: int | None = None


class UnreadablePdfError(Exception):
    """The file is missing or is not a PDF pikepdf can open."""


# --- language --------------------------------------------------------------------------------


def check_language(pdf: pikepdf.Pdf, tree: StructTree) -> Iterator[Finding]:
    lang = pdf.Root.get("/Lang")
    if not text_of(lang):
        yield Finding("language", "the catalog has no /Lang; set the document's language (e.g. en)")
    elif not is_language_tag(text_of(lang)):
        yield Finding(
            "language",
            f"the catalog's /Lang {text_of(lang)!r} is not a BCP 47 tag; use e.g. en or de-AT",
        )
    for element in tree.elements:
        lang = element.obj.get("/Lang")
        if lang is not None and not is_language_tag(text_of(lang)):
            yield Finding(
                "language",
                f"{element.tag} element has /Lang {text_of(lang)!r}, not a BCP 47 tag; "
                "use e.g. fr or pt-BR",
                element.page,
            )


# --- structure elements ----------------------------------------------------------------------


def describe(element: StructElement) -> str:
    text = accessible_text(element.obj)
    return f"{element.tag} {text!r}" if text else element.tag


def has_header_scope(element: StructElement) -> bool:
    return any(
        attributes.get("/O") == pikepdf.Name.Table and attributes.get("/Scope") in HEADER_SCOPES
        for attributes in attribute_dicts(element.obj)
    )


def check_tables(tree: StructTree) -> Iterator[Finding]:
    for element in tree.elements:
        if element.tag == "TH" and not has_header_scope(element):
            yield Finding(
                "tables",
                f"{describe(element)} has no Table attribute /Scope; "
                "give header cells /Scope /Column, /Row or /Both",
                element.page,
            )


def is_link_annotation(obj: object) -> bool:
    return isinstance(obj, pikepdf.Dictionary) and obj.get("/Subtype") == pikepdf.Name.Link


def link_destination(annotation: pikepdf.Dictionary) -> str:
    """The name an internal link jumps to (its /Dest, or a GoTo action's /D), if it has one."""
    destination = annotation.get("/Dest")
    action = annotation.get("/A")
    if destination is None and isinstance(action, pikepdf.Dictionary):
        destination = action.get("/D")
    return text_of(destination) if isinstance(destination, pikepdf.String) else ""


def is_bare_target(text: str, destination: str = "") -> bool:
    """Whether a link's description is its target (``#intro``, the destination's own name)
    rather than words. An address may describe an external link: it is often its visible text.
    Comparing with the destination, not guessing from the shape, keeps "far-right" a description.
    """
    return text.startswith("#") or (bool(destination) and text == destination)


def link_description_problem(annotation: pikepdf.Dictionary) -> str | None:
    contents = text_of(annotation.get("/Contents"))
    if not contents:
        return "its annotation has no /Contents"
    if is_bare_target(contents, link_destination(annotation)):
        return f"its annotation's /Contents {contents!r} is a target, not a description"
    return None


def check_links(tree: StructTree) -> Iterator[Finding]:
    for element in tree.elements:
        if element.tag != "Link":
            continue
        if any(ancestor.tag == "Link" for ancestor in element.ancestors()):
            yield Finding(
                "links",
                "Link inside another Link; tag the link once (generated text such as ::after "
                "content belongs to the outer Link)",
                element.page,
            )
        annotations = [obj for obj in element.referenced if is_link_annotation(obj)]
        if not annotations:
            yield Finding(
                "links", "Link element has no OBJR to a Link annotation; add one", element.page
            )
        for annotation in annotations:
            if problem := link_description_problem(annotation):
                yield Finding(
                    "links",
                    f"Link: {problem}; set /Contents to the link's text or purpose",
                    element.page,
                )


# --- pages: annotations, forms, fonts, outlines ----------------------------------------------


def form_fields(fields: Iterable[pikepdf.Object]) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """(fully qualified name, field) of every field below /AcroForm /Fields."""
    visited: set[tuple[int, int]] = set()
    stack = [("", form_field) for form_field in reversed(list(fields))]
    while stack:
        parent_name, form_field = stack.pop()
        if not isinstance(form_field, pikepdf.Dictionary) or form_field.objgen in visited:
            continue
        if form_field.objgen != (0, 0):
            visited.add(form_field.objgen)
        partial = text_of(form_field.get("/T"))
        name = ".".join(part for part in (parent_name, partial) if part)
        # A kid without /T is a widget of this field, not a field of its own.
        if "/T" in form_field or not parent_name:
            yield name, form_field
        kids = form_field.get("/Kids")
        if isinstance(kids, pikepdf.Array):
            stack.extend((name, kid) for kid in reversed(list(kids)))


def field_widgets(form_field: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    widgets = [form_field] if form_field.get("/Subtype") == pikepdf.Name.Widget else []
    kids = form_field.get("/Kids")
    if isinstance(kids, pikepdf.Array):
        widgets.extend(
            kid
            for kid in kids
            if isinstance(kid, pikepdf.Dictionary)
            and "/T" not in kid
            and kid.get("/Subtype") == pikepdf.Name.Widget
        )
    return widgets


def check_forms(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    acroform = pdf.Root.get("/AcroForm")
    fields = acroform.get("/Fields") if isinstance(acroform, pikepdf.Dictionary) else None
    if not isinstance(fields, pikepdf.Array):
        return
    pages = page_numbers(pdf)
    first_named: dict[str, str] = {}
    for name, form_field in form_fields(fields):
        widgets = field_widgets(form_field)
        tooltip = " ".join(text_of(form_field.get("/TU")).split())
        if not widgets or not tooltip:
            continue  # a field without a name is the validator's finding
        if tooltip not in first_named:
            first_named[tooltip] = name
            continue
        page = widgets[0].get("/P")
        yield Finding(
            "forms",
            f"form field {name or '(unnamed)'!r} has the tooltip {tooltip!r} of field "
            f"{first_named[tooltip]!r}; say what to write in each field",
            pages.get(page.objgen) if isinstance(page, pikepdf.Dictionary) else None,
        )


def has_outline_items(pdf: pikepdf.Pdf) -> bool:
    outlines = pdf.Root.get("/Outlines")
    return isinstance(outlines, pikepdf.Dictionary) and isinstance(
        outlines.get("/First"), pikepdf.Dictionary
    )


def check_bookmarks(pdf: pikepdf.Pdf, tree: StructTree) -> Iterator[Finding]:
    if any(element.tag in HEADING_TAGS for element in tree.elements) and not has_outline_items(pdf):
        yield Finding(
            "bookmarks", "the document has headings but no outline; add bookmarks for them"
        )


# --- page content ----------------------------------------------------------------------------


def check_unreached_content(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    if "/StructTreeRoot" not in pdf.Root:
        return
    for number, count in unreached_content(pdf).items():
        yield Finding(
            "unreached-content",
            f"{count} tagged sequence(s) whose MCID no structure element reaches; put them "
            "in the tree or mark them as /Artifact",
            number,
        )


# --- whole document --------------------------------------------------------------------------


def check_document(pdf: pikepdf.Pdf) -> list[Finding]:
    """The checks a PDF/UA validator cannot make."""
    tree = read_structure(pdf)
    return [
        *check_language(pdf, tree),
        *check_tables(tree),
        *check_links(tree),
        *check_forms(pdf),
        *check_bookmarks(pdf, tree),
        *check_unreached_content(pdf),
    ]


def validator_findings(path: Path) -> list[Finding]:
    return [Finding(failure.rule, failure.message) for failure in failed_rules(path)]


def open_pdf(path: Path) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except FileNotFoundError as error:
        raise UnreadablePdfError("file not found") from error
    except (OSError, pikepdf.PdfError) as error:
        raise UnreadablePdfError(f"cannot open as a PDF: {error}") from error


def check_pdf(path: Path) -> list[Finding]:
    """Every accessibility problem found in the PDF at ``path``.

    Raises UnreadablePdfError if the file is missing or is not a PDF.
    """
    with open_pdf(path) as pdf:
        own = check_document(pdf)
    return [*validator_findings(path), *own]


def format_finding(path: Path, finding: Finding) -> str:
    where = f"page {finding.page}: " if finding.page is not None else ""
    return f"{path}: {where}{finding.check}: {finding.detail}"


def report(path: Path) -> bool:
    """Log the findings for one file; whether it passed."""
    try:
        findings = check_pdf(path)
        with open_pdf(path) as pdf:
            pages = len(pdf.pages)
    except UnreadablePdfError as error:
        logger.error("%s: %s", path, error)
        return False
    for finding in findings:
        logger.warning("%s", format_finding(path, finding))
    if findings:
        logger.info("%s: %d findings", path, len(findings))
        return False
    logger.info("%s: no findings, %d pages", path, pages)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    results = [report(path) for path in args.files]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
