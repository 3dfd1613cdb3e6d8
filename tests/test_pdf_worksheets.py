"""Worksheets a team fills in and saves in an ordinary PDF reader, and a tag tree a screen
reader can follow: tick boxes and fill-in cells as labelled fields, header cells with a scope,
links named by their text and never nested."""

from __future__ import annotations

import itertools
import shutil
from collections import Counter

import page as pdf_validator
import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter
from sphinx.testing.util import SphinxTestApp

from scripts.check.pdf import check_pdf
from tests.pdf_inspect import READER_INSET, field_font, terminal_fields, text_width


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


def fields_by_label(path) -> dict[str, tuple[str, str]]:
    with pikepdf.open(path) as document:
        return {str(field.TU): (name, str(field.FT)) for name, field in terminal_fields(document)}


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
    assert fields["Plan details, Local authority: Entry"][1] == "/Tx"
    assert fields["Plan details, Period covered: Entry"][1] == "/Tx"
    assert fields["Review, Annual review: When"][1] == "/Tx"
    # a cell with real content stays text
    assert not any("Forms of extremism covered" in label for label in fields)


def test_fields_are_named_by_table_row_and_column(pdf):
    fields = fields_by_label(pdf)
    # the document, the section, the table, the row, the column
    assert fields["Plan details, Local authority: Entry"][0] == "plan.plan-details.row-1.entry"
    # a table is called by the bold lead-in of the clause it sits in, a row without a label
    # of its own by its number
    assert fields["Parties, row 2: Date"][0] == "plan.sharing.parties.row-2.date"
    assert fields["Legal basis, row 1: Party"][0] == "plan.sharing.legal-basis.row-1.party"
    assert fields["A lead is named."][0] == "plan.checklist.item-1"
    with pikepdf.open(pdf) as document:
        names = [name for name, _ in terminal_fields(document)]
        # a PDF field's own name holds no period: the dotted path is its parents'
        assert all("." not in str(field.T) for field in document.Root.AcroForm.Fields)
    assert len(names) == len(set(names)) == len(fields)


def test_every_field_has_its_own_tooltip_and_appearance(pdf):
    with pikepdf.open(pdf) as document:
        fields = [field for _, field in terminal_fields(document)]
        tooltips = Counter(str(field.TU) for field in fields)
        assert [tooltip for tooltip, count in tooltips.items() if count > 1] == []
        # a reader that draws no field itself shows what the file says, and opening the file
        # changes nothing
        assert not document.Root.AcroForm.get("/NeedAppearances", False)
        for field in fields:
            normal = field.AP.N
            looks = [normal] if isinstance(normal, pikepdf.Stream) else list(normal.values())
            assert looks and all(look.Subtype == "/Form" for look in looks)
            if field.FT == "/Btn":
                assert set(normal.keys()) == {"/on", "/Off"}


# the Ff bit of a text field that wraps its value onto more lines, and the least distance
# readers put between two such lines, as a share of the font size
MULTILINE = 1 << 12
READER_LINE_HEIGHT = 1.15


def test_a_date_and_a_name_fit_in_every_field(pdf):
    """A date fits on one line of every field; a name too, or, in a table too wide for that
    (eight columns), on the two lines of a field that wraps."""
    name_on_two_lines = []
    with pikepdf.open(pdf) as document:
        for name, field in terminal_fields(document):
            if field.FT != "/Tx":
                continue
            font, size = field_font(document, field)
            left, bottom, right, top = (float(value) for value in field.Rect)
            width = abs(right - left) - READER_INSET
            assert width >= text_width(font, "30/11/2026", size), name
            if width >= text_width(font, "Anna Kowalska", size):
                continue
            assert int(field.get("/Ff", 0)) & MULTILINE, name
            assert abs(top - bottom) - READER_INSET >= 2 * READER_LINE_HEIGHT * size, name
            assert width >= max(text_width(font, word, size) for word in ("Anna", "Kowalska"))
            name_on_two_lines.append(name)
    assert "plan.actions.row-1.lead" in name_on_two_lines


def test_the_field_font_has_every_letter_of_every_language(pdf, rootdir):
    """A team types in its own language: the fields' font is embedded whole, not cut down to
    the letters the page happens to print."""
    letters = {character for path in (rootdir.parent.parent / "locales").rglob("*.po")
               for character in path.read_text(encoding="utf-8") if character.isalpha()}
    with pikepdf.open(pdf) as document:
        for _, field in terminal_fields(document):
            if field.FT == "/Tx":
                font, _ = field_font(document, field)
                assert letters - set(map(chr, font.getBestCmap())) == set()


def test_a_filled_worksheet_is_saved_and_read_back(pdf, tmp_path):
    fields = fields_by_label(pdf)
    box_name = fields["A lead is named."][0]
    cell_name = fields["Plan details, Local authority: Entry"][0]
    date_name = fields["Parties, row 2: Date"][0]
    lead_name = fields["Actions, 1.1: Lead"][0]
    writer = PdfWriter(clone_from=pdf)
    entries = {box_name: "/on", cell_name: "Łódź, Malmö, Αθήνα", date_name: "30/11/2026",
               lead_name: "Municipal youth service"}
    for sheet in writer.pages:
        writer.update_page_form_field_values(sheet, entries, auto_regenerate=False)
    filled = tmp_path / "filled.pdf"
    writer.write(filled)
    values = {name: field.get("/V") for name, field in PdfReader(filled).get_fields().items()}
    assert {name: values[name] for name in entries} == entries
    assert values[fields["Partners have met."][0]] == "/Off"
    # filled in, the worksheet is as accessible as it was blank
    assert failed_rules(filled) == set()


def failed_rules(path) -> set[str]:
    report = pdf_validator.validate_pdf(str(path), profile="ua1")
    return {failure.rule_id for failure in report.failures}


def header_cells_in_source(source) -> int:
    """How many header cells the Markdown tables of ``source`` have (the row over ``| --- |``)."""
    lines = [line.strip() for line in source.read_text(encoding="utf-8").splitlines()]
    return sum(line.count("|") - 1 for line, below in itertools.pairwise(lines)
               if below.startswith("| ---"))


def test_tag_tree_has_header_scopes_named_links_and_no_nested_link(pdf, app):
    with pikepdf.open(pdf) as document:
        elements = list(structure_elements(document))
        headers = [element for element, _ in elements if element.S == "/TH"]
        assert len(headers) == header_cells_in_source(app.srcdir / "plan.md")
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
    assert failed_rules(pdf) == set()


def test_the_worksheet_passes_every_accessibility_check(pdf):
    # lists with paragraphs and a nested list, tables, fields, links, headings, fonts
    assert check_pdf(pdf) == []
