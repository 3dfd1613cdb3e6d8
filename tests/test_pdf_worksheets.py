"""Worksheets a team fills in and saves in an ordinary PDF reader, and a tag tree a screen
reader can follow: tick boxes and fill-in cells as labelled fields, header cells with a scope,
links named by their text and never nested."""

from __future__ import annotations

import itertools
import shutil

import page as pdf_validator
import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter
from sphinx.testing.util import SphinxTestApp

from scripts.check.pdf import check_pdf


@pytest.fixture(scope="module")
def app(rootdir, tmp_path_factory):
    """The worksheets built once as PDF for all the tests of this module."""
    source = tmp_path_factory.mktemp("worksheets") / "test-worksheets"
    shutil.copytree(rootdir / "test-worksheets", source)
    built = SphinxTestApp("pdf", srcdir=source)
    try:
        built.build()
        yield built
    finally:
        built.cleanup()


@pytest.fixture
def pdf(app):
    return app.outdir / "worksheets.pdf"


def fields_by_label(path) -> dict[str, pikepdf.Dictionary]:
    with pikepdf.open(path) as document:
        return {str(field.TU): (str(field.T), str(field.FT))
                for field in document.Root.AcroForm.Fields}


def structure_elements(document: pikepdf.Pdf):
    """Every struct element with its chain of ancestor types, in reading order."""
    stack = [(document.Root.StructTreeRoot, ())]
    while stack:
        node, ancestors = stack.pop()
        kids = node.get("/K")
        kids = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for kid in reversed(kids):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/S") is not None:
                yield kid, ancestors
                stack.append((kid, (*ancestors, str(kid.S))))


def test_tick_boxes_and_fill_in_cells_are_labelled_fields(pdf, app):
    assert not app.warning.getvalue()
    fields = fields_by_label(pdf)
    assert fields["A lead is named."][1] == "/Btn"
    assert fields["Partners have met."][1] == "/Btn"
    assert fields["Local authority: Entry"][1] == "/Tx"
    assert fields["Period covered: Entry"][1] == "/Tx"
    assert fields["Annual review: When"][1] == "/Tx"
    # a cell with real content stays text
    assert not any(label.startswith("Forms of extremism covered") for label in fields)


def test_a_filled_worksheet_is_saved_and_read_back(pdf, tmp_path):
    fields = fields_by_label(pdf)
    box_name = fields["A lead is named."][0]
    cell_name = fields["Local authority: Entry"][0]
    writer = PdfWriter(clone_from=pdf)
    for page in writer.pages:
        writer.update_page_form_field_values(page, {box_name: "/on", cell_name: "City of Aarhus"},
                                             auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    values = {name: field.get("/V") for name, field in PdfReader(filled).get_fields().items()}
    assert values[box_name] == "/on"
    assert values[cell_name] == "City of Aarhus"
    assert values[fields["Partners have met."][0]] == "/Off"


def test_tag_tree_has_header_scopes_named_links_and_no_nested_link(pdf):
    with pikepdf.open(pdf) as document:
        elements = list(structure_elements(document))
        headers = [element for element, _ in elements if element.S == "/TH"]
        assert len(headers) == 5
        assert all(header.A.Scope == "/Column" for header in headers)
        assert not [element for element, ancestors in elements
                    if element.S == "/Link" and "/Link" in ancestors]
        names = {str(annotation.Contents) for page in document.pages
                 for annotation in page.get("/Annots", []) if annotation.Subtype == "/Link"}
        assert {"Action plan", "the checklist", "network\u2019s site"} <= names
        headings = [str(element.S) for element, _ in elements if str(element.S)[1:2] == "H"
                    and str(element.S)[2:].isdigit()]
        # cover title, contents, the chapter and its sections: no level skipped
        assert headings[:3] == ["/H1", "/H2", "/H2"]
        assert all(int(b[2:]) - int(a[2:]) <= 1 for a, b in itertools.pairwise(headings))


def test_every_link_annotation_belongs_to_its_link_element_and_prints(pdf):
    # {ref} writes its text in a span inside the link, where WeasyPrint hangs the annotation
    with pikepdf.open(pdf) as document:
        numbers = document.Root.StructTreeRoot.ParentTree.Nums
        parents = {int(numbers[i]): numbers[i + 1] for i in range(0, len(numbers), 2)}
        links = [annotation for page in document.pages
                 for annotation in page.get("/Annots", []) if annotation.Subtype == "/Link"]
        assert len(links) >= 3
        for annotation in links:
            element = parents[int(annotation.StructParent)]
            assert element.S == "/Link", str(annotation.Contents)
            assert any(isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR"
                       and kid.Obj.objgen == annotation.objgen for kid in element.K)
            assert int(annotation.F) & 4, "link annotations print with their page"


def test_an_independent_pdfua_validator_finds_no_fault(pdf):
    report = pdf_validator.validate_pdf(str(pdf), profile="ua1")
    assert [str(failure) for failure in report.failures] == []


def test_the_worksheet_passes_every_accessibility_check(pdf):
    # lists with paragraphs and a nested list, tables, fields, links, headings, fonts
    assert check_pdf(pdf) == []
