"""Check a PDF's accessibility structure, where no PDF/UA validator can be installed.

    python -m scripts.check.pdf FILE [FILE ...]

Reads the catalog, the structure tree and the page content with pikepdf and reports each problem
as ``FILE: page N: CHECK: DETAIL``, then a summary line per file; exits 1 if anything was found.
This is not a full PDF/UA validation (veraPDF does more); it covers what a screen reader user
notices first. The checks, by the name each finding carries:

* ``pdfua-identifier``: the XMP metadata declares PDF/UA part 1 (``pdfuaid:part`` = 1);
* ``title``: the document has a title (XMP ``dc:title`` or Info /Title) and
  /ViewerPreferences /DisplayDocTitle is true, so a viewer shows the title, not the file name;
* ``language``: the catalog's /Lang is a BCP 47 tag (``en``, ``de-AT``), and so is the /Lang of
  every structure element that has one;
* ``tagged``: /MarkInfo /Marked is true and /StructTreeRoot exists with a /ParentTree;
* ``headings``: in reading order the first heading is H1 and no heading is more than one level
  deeper than the one before (H1 then H3 skips a level; H3 then H1 is fine);
* ``lists``: an L holds only LI (or Caption) elements, and an LI only Lbl and LBody;
* ``tables``: every TH has a Table attribute with /Scope Row, Column or Both, and every Table
  has a TR (directly or in THead, TBody, TFoot);
* ``figures``: every Figure has /Alt or /ActualText;
* ``links``: every Link element owns a Link annotation (through an OBJR) whose /Contents
  describes the link, not its target (``#section-2``, or the destination's own name as
  WeasyPrint writes it); no Link sits inside another Link;
* ``annotations``: every Link and Widget annotation has a /StructParent, and every page with
  annotations has /Tabs /S (tab order follows the structure);
* ``forms``: every form field with a widget has a /TU, the name a screen reader announces;
* ``fonts``: every font in a page's resources (and its Form XObjects', and a Type0 font's
  descendant) is embedded; Type3 fonts are exempt;
* ``bookmarks``: a document with headings has at least one outline item;
* ``untagged-content``: every text-showing operator and image drawn on a page lies in a
  marked-content sequence that is an /Artifact or has an /MCID (one finding per page);
* ``unreached-content``: every marked-content sequence with an /MCID is reached by a structure
  element (page furniture left out of the tree must be an /Artifact instead).

Nothing here knows a particular book or producer.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from scripts.check.pdf_content import unreached_content
from scripts.check.pdf_structure import (
    StructElement,
    StructTree,
    accessible_text,
    attribute_dicts,
    name_text,
    page_numbers,
    read_structure,
    text_of,
)

logger = logging.getLogger("check_pdf")

PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

# RFC 5646 language tags, without the grandfathered irregular ones (i-klingon and the like).
# The primary subtag is kept to 2-3 letters: longer ones are well-formed but none is assigned,
# so "english" is far likelier a mistake than a language.
_BCP47 = re.compile(
    r"""
    (?:
      [a-z]{2,3}(?:-[a-z]{3}){0,3}          # language, extended language
      (?:-[a-z]{4})?                        # script
      (?:-(?:[a-z]{2}|[0-9]{3}))?           # region
      (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*   # variants
      (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*  # extensions
      (?:-x(?:-[a-z0-9]{1,8})+)?            # private use
    |
      x(?:-[a-z0-9]{1,8})+                  # private use only
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)

HEADING_LEVELS = {f"H{level}": level for level in range(1, 7)}
HEADING_TAGS = {"H", *HEADING_LEVELS}
LIST_ITEM_TAGS = {"LI", "Caption"}
LIST_ITEM_PART_TAGS = {"Lbl", "LBody"}
TABLE_ROW_GROUP_TAGS = {"THead", "TBody", "TFoot"}
HEADER_SCOPES = {"/Row", "/Column", "/Both"}
ANNOTATIONS_IN_STRUCTURE = {"/Link", "/Widget"}
FONT_FILE_KEYS = ("/FontFile", "/FontFile2", "/FontFile3")
# Text-showing operators, and the inline image the parser reports as one instruction.
TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}
INLINE_IMAGE = "INLINE IMAGE"
CONTENT_OPERATORS = "BDC BMC EMC Tj TJ ' \" Do BI ID EI"
# Fragment-like names: "document-intro", "section_2", "id12".
DIRECT = (0, 0)


@dataclass(frozen=True)
class Finding:
    check: str
    detail: str
    page: int | None = None


class UnreadablePdfError(Exception):
    """The file is missing or is not a PDF pikepdf can open."""


# --- document metadata -----------------------------------------------------------------------


def xmp_values(pdf: pikepdf.Pdf) -> dict[str, str]:
    try:
        metadata = pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False)
        return {key: str(metadata.get(key) or "").strip() for key in (PDFUA_PART, DC_TITLE)}
    # pikepdf raises whatever its XML parser raises; malformed XMP declares nothing.
    except Exception as error:
        logger.debug("unreadable XMP metadata: %s", error)
        return {}


def check_pdfua_identifier(xmp: dict[str, str]) -> Iterator[Finding]:
    part = xmp.get(PDFUA_PART, "")
    if part != "1":
        found = f"pdfuaid:part is {part!r}" if part else "no pdfuaid:part"
        yield Finding(
            "pdfua-identifier",
            f"XMP metadata has {found}; declare pdfuaid:part = 1 (PDF/UA-1)",
        )


def check_title(pdf: pikepdf.Pdf, xmp: dict[str, str]) -> Iterator[Finding]:
    info_title = text_of(pdf.trailer.get("/Info", {}).get("/Title"))
    if not xmp.get(DC_TITLE) and not info_title:
        yield Finding("title", "no document title; set dc:title in XMP and the Info /Title")
    preferences = pdf.Root.get("/ViewerPreferences")
    display = preferences.get("/DisplayDocTitle") if preferences is not None else None
    if display is not True:
        yield Finding(
            "title",
            "/ViewerPreferences /DisplayDocTitle is not true; set it so viewers show the title",
        )


# --- language, tagging -----------------------------------------------------------------------


def is_language_tag(text: str) -> bool:
    return _BCP47.fullmatch(text) is not None


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


def check_tagged(pdf: pikepdf.Pdf, tree: StructTree) -> Iterator[Finding]:
    mark_info = pdf.Root.get("/MarkInfo")
    if mark_info is None or mark_info.get("/Marked") is not True:
        yield Finding("tagged", "/MarkInfo /Marked is not true; produce a tagged PDF")
    if not tree.has_root:
        yield Finding("tagged", "no /StructTreeRoot; produce a tagged PDF")
    elif not tree.has_parent_tree:
        yield Finding(
            "tagged", "/StructTreeRoot has no /ParentTree; content cannot be traced to its tags"
        )


# --- structure elements ----------------------------------------------------------------------


def describe(element: StructElement) -> str:
    text = accessible_text(element.obj)
    return f"{element.tag} {text!r}" if text else element.tag


def check_headings(tree: StructTree) -> Iterator[Finding]:
    previous = 0
    for element in tree.elements:
        level = HEADING_LEVELS.get(element.tag)
        if level is None:
            continue
        if previous == 0 and level != 1:
            yield Finding(
                "headings",
                f"the first heading is {describe(element)}; start the document with H1",
                element.page,
            )
        elif previous and level > previous + 1:
            yield Finding(
                "headings",
                f"{describe(element)} follows H{previous}, skipping a level; "
                f"make it H{previous + 1} or add the missing level",
                element.page,
            )
        previous = level


def check_lists(tree: StructTree) -> Iterator[Finding]:
    for element in tree.elements:
        if element.tag == "L":
            allowed, expected = LIST_ITEM_TAGS, "LI (or Caption)"
        elif element.tag == "LI":
            allowed, expected = LIST_ITEM_PART_TAGS, "Lbl and LBody"
        else:
            continue
        for child in element.children:
            if child.tag not in allowed:
                yield Finding(
                    "lists",
                    f"{element.tag} contains {child.tag}; it may hold only {expected}",
                    child.page,
                )


def has_header_scope(element: StructElement) -> bool:
    return any(
        attributes.get("/O") == pikepdf.Name.Table and attributes.get("/Scope") in HEADER_SCOPES
        for attributes in attribute_dicts(element.obj)
    )


def has_table_row(table: StructElement) -> bool:
    return any(
        child.tag == "TR"
        or (child.tag in TABLE_ROW_GROUP_TAGS and any(row.tag == "TR" for row in child.children))
        for child in table.children
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
        elif element.tag == "Table" and not has_table_row(element):
            yield Finding(
                "tables", "Table has no TR; tag its rows, or do not tag it as a table", element.page
            )


def check_figures(tree: StructTree) -> Iterator[Finding]:
    for element in tree.elements:
        if element.tag == "Figure" and not (
            text_of(element.obj.get("/Alt")) or text_of(element.obj.get("/ActualText"))
        ):
            yield Finding(
                "figures",
                "Figure has no /Alt; describe the image, or mark a decorative one as an artifact",
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


def check_annotations(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    for number, page in enumerate(pdf.pages, start=1):
        annotations = page.obj.get("/Annots")
        if not isinstance(annotations, pikepdf.Array) or len(annotations) == 0:
            continue
        for annotation in annotations:
            if not isinstance(annotation, pikepdf.Dictionary):
                continue
            subtype = annotation.get("/Subtype")
            if subtype in ANNOTATIONS_IN_STRUCTURE and "/StructParent" not in annotation:
                yield Finding(
                    "annotations",
                    f"{name_text(subtype)} annotation has no /StructParent; "
                    "tag it with an OBJR in the structure tree",
                    number,
                )
        if page.obj.get("/Tabs") != pikepdf.Name.S:
            yield Finding(
                "annotations",
                "page with annotations has no /Tabs /S; set it so tab order follows the structure",
                number,
            )


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
    for name, form_field in form_fields(fields):
        widgets = field_widgets(form_field)
        if not widgets or text_of(form_field.get("/TU")):
            continue
        page = widgets[0].get("/P")
        yield Finding(
            "forms",
            f"form field {name or '(unnamed)'!r} has no /TU; give it an accessible name (a label)",
            pages.get(page.objgen) if isinstance(page, pikepdf.Dictionary) else None,
        )


def resource_dicts(resources: object, kind: str) -> Iterator[tuple[str, pikepdf.Object]]:
    entries = resources.get(kind) if isinstance(resources, pikepdf.Dictionary) else None
    if isinstance(entries, pikepdf.Dictionary):
        yield from entries.items()


def resource(resources: object, kind: str, name: object) -> pikepdf.Object | None:
    """The resource of a kind (/XObject, /Properties) a content stream names, if any."""
    entries = resources.get(kind) if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(entries, pikepdf.Dictionary) or not isinstance(name, pikepdf.Name):
        return None
    return entries.get(name)


def form_xobjects(resources: object) -> Iterator[pikepdf.Stream]:
    for _, xobject in resource_dicts(resources, "/XObject"):
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == pikepdf.Name.Form:
            yield xobject


def page_fonts(page: pikepdf.Page) -> Iterator[pikepdf.Dictionary]:
    """Fonts in a page's resources and, recursively, in its Form XObjects' resources."""
    visited: set[tuple[int, int]] = set()
    stack: list[object] = [page.obj.get("/Resources")]
    while stack:
        resources = stack.pop()
        for _, font in resource_dicts(resources, "/Font"):
            if isinstance(font, pikepdf.Dictionary):
                yield font
        for form in form_xobjects(resources):
            if form.objgen not in visited:
                visited.add(form.objgen)
                stack.append(form.get("/Resources"))


def is_embedded(font: pikepdf.Dictionary) -> bool:
    if font.get("/Subtype") == pikepdf.Name.Type0:
        descendants = font.get("/DescendantFonts")
        return isinstance(descendants, pikepdf.Array) and all(
            isinstance(descendant, pikepdf.Dictionary) and is_embedded(descendant)
            for descendant in descendants
        )
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, pikepdf.Dictionary) and any(
        key in descriptor for key in FONT_FILE_KEYS
    )


def check_fonts(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    checked: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        for font in page_fonts(page):
            # Fonts are shared between pages: report each one once, where it is first used.
            if font.objgen != (0, 0):
                if font.objgen in checked:
                    continue
                checked.add(font.objgen)
            if font.get("/Subtype") == pikepdf.Name.Type3 or is_embedded(font):
                continue
            yield Finding(
                "fonts",
                f"font {name_text(font.get('/BaseFont')) or '(unnamed)'} is not embedded; embed it",
                number,
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


@dataclass
class MarkedContent:
    """The marked-content sequences open at a point of a content stream."""

    resources: object
    # One entry per open sequence: whether it is an artifact or carries an MCID.
    stack: list[bool] = field(default_factory=list)

    @property
    def tagged(self) -> bool:
        return any(self.stack)

    def begin(self, operands: list[pikepdf.Object], with_properties: bool) -> None:
        tag = operands[0] if operands else None
        if tag == pikepdf.Name.Artifact:
            self.stack.append(True)
            return
        properties = operands[1] if with_properties and len(operands) > 1 else None
        if isinstance(properties, pikepdf.Name):
            properties = resource(self.resources, "/Properties", properties)
        self.stack.append(isinstance(properties, pikepdf.Dictionary) and "/MCID" in properties)

    def end(self) -> None:
        if self.stack:
            self.stack.pop()


class ContentScanner:
    """Counts text and image operations that neither a tag nor an artifact covers."""

    def __init__(self) -> None:
        # A Form XObject drawn on many pages (a logo, a rule) is read once.
        self.form_counts: dict[tuple[tuple[int, int], tuple[int, int]], int] = {}
        self.forms_open: set[tuple[int, int]] = set()

    def untagged_in_page(self, page: pikepdf.Page) -> int:
        if "/Contents" not in page.obj:
            return 0
        return self.untagged_in_stream(page, page.obj.get("/Resources"))

    def untagged_in_stream(self, stream: pikepdf.Object, resources: object) -> int:
        """Operations drawn outside marked content; the stream itself is drawn untagged."""
        state = MarkedContent(resources=resources)
        count = 0
        for instruction in pikepdf.parse_content_stream(stream, CONTENT_OPERATORS):
            operator = str(instruction.operator)
            if operator in ("BDC", "BMC"):
                state.begin(list(instruction.operands), with_properties=operator == "BDC")
            elif operator == "EMC":
                state.end()
            elif state.tagged:
                # Whatever a Form XObject draws here inherits this tag.
                continue
            elif operator in TEXT_OPERATORS or operator == INLINE_IMAGE:
                count += 1
            elif operator == "Do" and instruction.operands:
                count += self.untagged_in_xobject(instruction.operands[0], resources)
        return count

    def untagged_in_xobject(self, name: pikepdf.Object, resources: object) -> int:
        """An image drawn outside any tag counts as one; a form counts what it draws."""
        xobject = resource(resources, "/XObject", name)
        if not isinstance(xobject, pikepdf.Stream):
            return 0
        subtype = xobject.get("/Subtype")
        if subtype == pikepdf.Name.Image:
            return 1
        if subtype != pikepdf.Name.Form or xobject.objgen in self.forms_open:
            return 0
        # A form without resources of its own uses those of the stream that draws it.
        form_resources = xobject.get("/Resources", resources)
        key = (xobject.objgen, getattr(form_resources, "objgen", DIRECT))
        if key not in self.form_counts:
            self.forms_open.add(xobject.objgen)
            try:
                self.form_counts[key] = self.untagged_in_stream(xobject, form_resources)
            finally:
                self.forms_open.discard(xobject.objgen)
        return self.form_counts[key]


def check_untagged_content(pdf: pikepdf.Pdf) -> Iterator[Finding]:
    scanner = ContentScanner()
    for number, page in enumerate(pdf.pages, start=1):
        try:
            count = scanner.untagged_in_page(page)
        except pikepdf.PdfError as error:
            yield Finding(
                "untagged-content",
                f"the page's content cannot be parsed ({error}); repair the PDF",
                number,
            )
            continue
        if count:
            yield Finding(
                "untagged-content",
                f"{count} text or image operation(s) outside marked content; tag them "
                "(BDC with /MCID) or mark them as /Artifact",
                number,
            )


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
    xmp = xmp_values(pdf)
    tree = read_structure(pdf)
    return [
        *check_pdfua_identifier(xmp),
        *check_title(pdf, xmp),
        *check_language(pdf, tree),
        *check_tagged(pdf, tree),
        *check_headings(tree),
        *check_lists(tree),
        *check_tables(tree),
        *check_figures(tree),
        *check_links(tree),
        *check_annotations(pdf),
        *check_forms(pdf),
        *check_fonts(pdf),
        *check_bookmarks(pdf, tree),
        *check_untagged_content(pdf),
        *check_unreached_content(pdf),
    ]


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
        return check_document(pdf)


def format_finding(path: Path, finding: Finding) -> str:
    where = f"page {finding.page}: " if finding.page is not None else ""
    return f"{path}: {where}{finding.check}: {finding.detail}"


def report(path: Path) -> bool:
    """Log the findings for one file; whether it passed."""
    try:
        with open_pdf(path) as pdf:
            findings = check_document(pdf)
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
