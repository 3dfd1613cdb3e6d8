"""The PDF accessibility checker finds what a screen reader user would trip over, and only that.

Fixtures are rendered by WeasyPrint as PDF/UA-1. Where WeasyPrint cannot make a broken case,
a good PDF is opened with pikepdf, exactly one thing is broken, and exactly that check must
report it: the independent validator's rule (``PDFUA1-…``) for what PDF/UA-1 states, the
project's own check for what a validator cannot judge.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pikepdf
import pytest
import weasyprint

from scripts.check.pdf import (
    Finding,
    UnreadablePdfError,
    check_pdf,
    is_bare_target,
    is_language_tag,
    main,
)
from scripts.pdf import font_unicode
from tests.pdf_inspect import struct_elements

REPO = Path(__file__).resolve().parents[1]
PDFUA_PART = "{http://www.aiim.org/pdfua/ns/id/}part"
DOT_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
# Two pages: the second starts with an H1 followed by an H2, which the heading tests rely on.
GOOD_BODY = f"""
<h1>Field notes</h1>
<p>These notes follow <a href="https://example.org/">the project's public website</a>.</p>
<h2>Method</h2>
<ul><li>First point</li><li>Second point</li></ul>
<h3>Detail</h3>
<p><img src="{DOT_PNG}" alt="A black dot" style="width: 2em"></p>
<h1 style="break-before: page">Appendix</h1>
<h2>Sources</h2>
<p>Closing words of the appendix.</p>
"""


def render(
    directory: Path, body: str, *, title: str | None = "Field notes", **options: object
) -> Path:
    head = f"<title>{title}</title>" if title is not None else ""
    html = f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'
    path = directory / "rendered.pdf"
    # WeasyPrint 70 alone maps a form font's glyphs to U+0000, which PDF/UA forbids: the good
    # fixtures are made as the pipeline makes its PDFs
    font_unicode.install()
    weasyprint.HTML(string=html).write_pdf(path, pdf_variant="pdf/ua-1", **options)
    return path


def edited(source: Path, directory: Path, change: Callable[[pikepdf.Pdf], None]) -> Path:
    """A copy of ``source`` with one thing changed."""
    target = directory / "edited.pdf"
    with pikepdf.open(source) as pdf:
        change(pdf)
        pdf.save(target)
    return target


def checks_reported(path: Path) -> set[str]:
    return {finding.check for finding in check_pdf(path)}


def findings_of(path: Path, check: str) -> list[Finding]:
    return [finding for finding in check_pdf(path) if finding.check == check]


def first_font_name(page: pikepdf.Page) -> str:
    return next(iter(page.Resources.Font.keys()))


def own_resources(page: pikepdf.Page) -> pikepdf.Dictionary:
    """Give a page resources of its own: WeasyPrint shares one dictionary among all pages."""
    shared = page.obj.Resources
    resources = pikepdf.Dictionary({key: value for key, value in shared.items()})
    resources.XObject = pikepdf.Dictionary(
        {key: value for key, value in shared.get("/XObject", {}).items()}
    )
    page.obj.Resources = resources
    return resources


def append_content(pdf: pikepdf.Pdf, page_index: int, content: bytes) -> None:
    pdf.pages[page_index].contents_add(pdf.make_stream(content), prepend=False)


def link_annotations(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            if annotation.get("/Subtype") == "/Link":
                yield annotation


@pytest.fixture(scope="module")
def good_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("good"), GOOD_BODY)


# --- a good document -------------------------------------------------------------------------


def test_good_document_has_no_findings(good_pdf):
    # It has a heading going back up from H3 to H1, which is not a skipped level.
    assert check_pdf(good_pdf) == []


def test_labelled_form_fields_have_no_findings(tmp_path):
    form = """<h1>Order</h1><form>
    <label>Your name <input type="text" name="person"></label>
    <input type="checkbox" id="agree" name="agree"><label for="agree">I agree</label>
    </form>"""
    assert check_pdf(render(tmp_path, form, pdf_forms=True)) == []


# --- metadata --------------------------------------------------------------------------------


def test_missing_pdfua_identifier(good_pdf, tmp_path):
    def drop_identifier(pdf: pikepdf.Pdf) -> None:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as metadata:
            del metadata[PDFUA_PART]

    assert checks_reported(edited(good_pdf, tmp_path, drop_identifier)) == {
        "PDFUA1-ID-PART-001", "PDFUA1-ID-SCHEMA-001"}


def test_document_without_title(tmp_path):
    path = render(tmp_path, GOOD_BODY, title=None)
    assert checks_reported(path) == {"PDFUA1-METADATA-TITLE-001"}


def test_title_not_displayed(good_pdf, tmp_path):
    def hide_title(pdf: pikepdf.Pdf) -> None:
        pdf.Root.ViewerPreferences.DisplayDocTitle = False

    path = edited(good_pdf, tmp_path, hide_title)
    assert checks_reported(path) == {"PDFUA1-VIEWER-PREFERENCES-001"}


@pytest.mark.parametrize(("lang", "validator_rules"), [
    (None, {"PDFUA1-TEXT-LANGUAGE-001", "PDFUA1-ALT-TEXT-LANGUAGE-001",
            "PDFUA1-ANNOTATION-CONTENTS-LANGUAGE-001", "PDFUA1-OUTLINE-LANGUAGE-001"}),
    ("", {"PDFUA1-LANGUAGE-TAG-001"}),
    ("en_GB", {"PDFUA1-LANGUAGE-TAG-001"}),
    # well-formed to the validator, a language no screen reader has: the project's own check
    ("english", set()),
])
def test_catalog_language_missing_or_malformed(good_pdf, tmp_path, lang, validator_rules):
    def set_lang(pdf: pikepdf.Pdf) -> None:
        if lang is None:
            del pdf.Root.Lang
        else:
            pdf.Root.Lang = pikepdf.String(lang)

    assert checks_reported(edited(good_pdf, tmp_path, set_lang)) == {"language", *validator_rules}


def test_malformed_element_language_names_its_page(good_pdf, tmp_path):
    def set_lang(pdf: pikepdf.Pdf) -> None:
        struct_elements(pdf, "P")[-1].Lang = pikepdf.String("fr FR")

    findings = findings_of(edited(good_pdf, tmp_path, set_lang), "language")
    assert [(finding.check, finding.page) for finding in findings] == [("language", 2)]
    assert "'fr FR'" in findings[0].detail


@pytest.mark.parametrize("tag", ["en", "fr", "de-AT", "es-419", "zh-Hant-TW", "sr-Latn", "x-demo"])
def test_language_tags_accepted(tag):
    assert is_language_tag(tag)


@pytest.mark.parametrize("tag", ["", "e", "en_US", "english", "de-", "fr FR", "en-US-"])
def test_language_tags_rejected(tag):
    assert not is_language_tag(tag)


# --- tagging and structure -------------------------------------------------------------------


def unmark(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def drop_parent_tree(pdf: pikepdf.Pdf) -> None:
    del pdf.Root.StructTreeRoot.ParentTree


@pytest.mark.parametrize(("change", "rule"), [
    (unmark, "PDFUA1-TAGGED-DOCUMENT-001"),
    # without a parent tree no annotation can be traced to its Link element
    (drop_parent_tree, "PDFUA1-LINK-LINK-TAG-001"),
])
def test_untagged_document(good_pdf, tmp_path, change, rule):
    assert checks_reported(edited(good_pdf, tmp_path, change)) == {rule}


def test_skipped_heading_level_names_heading_and_page(good_pdf, tmp_path):
    def make_h4(pdf: pikepdf.Pdf) -> None:
        # The H2 that follows the second page's H1.
        heading = struct_elements(pdf, "H2")[-1]
        heading.S = pikepdf.Name.H4
        heading.T = pikepdf.String("Sources")

    assert checks_reported(edited(good_pdf, tmp_path, make_h4)) == {"PDFUA1-HEADING-NESTING-001"}


def test_custom_heading_type_resolved_through_role_map(good_pdf, tmp_path):
    def custom_h4(pdf: pikepdf.Pdf) -> None:
        struct_elements(pdf, "H2")[-1].S = pikepdf.Name("/Subhead")
        pdf.Root.StructTreeRoot.RoleMap = pikepdf.Dictionary(Subhead=pikepdf.Name.H4)

    assert checks_reported(edited(good_pdf, tmp_path, custom_h4)) == {"PDFUA1-HEADING-NESTING-001"}


def test_structure_cycle_is_read_once_and_refused_by_the_validator(good_pdf, tmp_path):
    def loop_back_to_document(pdf: pikepdf.Pdf) -> None:
        paragraph = struct_elements(pdf, "P")[-1]
        paragraph.K = pikepdf.Array([*paragraph.K, struct_elements(pdf, "Document")[0]])

    # the own checks walk the tree once; the validator will not vouch for a looping tree
    assert checks_reported(edited(good_pdf, tmp_path, loop_back_to_document)) == {
        "validator-refused"}


def test_skip_rendered_from_html(tmp_path):
    path = render(tmp_path, "<h1>Report</h1><h3>Too deep</h3><p>Text.</p>")
    assert checks_reported(path) == {"PDFUA1-HEADING-NESTING-001"}


def test_first_heading_must_be_h1(tmp_path):
    path = render(tmp_path, "<h2>Not a title</h2><p>Text.</p>")
    assert checks_reported(path) == {"PDFUA1-HEADING-NESTING-001"}


def test_list_holding_something_else_than_items(good_pdf, tmp_path):
    def item_to_div(pdf: pikepdf.Pdf) -> None:
        struct_elements(pdf, "LI")[0].S = pikepdf.Name.Div

    assert checks_reported(edited(good_pdf, tmp_path, item_to_div)) == {
        "PDFUA1-L-KIDS-001", "PDFUA1-LBODY-PARENT-001"}


def test_list_item_holding_something_else_than_label_and_body(good_pdf, tmp_path):
    def label_to_span(pdf: pikepdf.Pdf) -> None:
        struct_elements(pdf, "Lbl")[0].S = pikepdf.Name.Span

    assert checks_reported(edited(good_pdf, tmp_path, label_to_span)) == {"PDFUA1-LI-KIDS-001"}


TABLE = """<h1>Figures</h1><table>
<thead><tr><th scope="col">Year</th><th scope="col">Count</th></tr></thead>
<tbody><tr><td>2024</td><td>3</td></tr></tbody></table>"""


@pytest.fixture(scope="module")
def table_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(tmp_path_factory.mktemp("table"), TABLE)


def test_header_cells_without_scope(table_pdf, tmp_path):
    # WeasyPrint 70 drops scope="col" (scripts.pdf.tagging adds it back once installed, so the
    # scope is removed here to make the test independent of that)
    def drop_scopes(pdf: pikepdf.Pdf) -> None:
        for cell in struct_elements(pdf, "TH"):
            if "/Scope" in cell.A:
                del cell.A.Scope

    findings = check_pdf(edited(table_pdf, tmp_path, drop_scopes))
    assert [(finding.check, finding.page) for finding in findings] == [("tables", 1)] * 2
    assert "/Scope" in findings[0].detail


def test_header_scope_in_attribute_array_with_revision(table_pdf, tmp_path):
    def add_scopes(pdf: pikepdf.Pdf) -> None:
        for cell in struct_elements(pdf, "TH"):
            cell.A = pikepdf.Array(
                [pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=pikepdf.Name.Column), 0]
            )

    assert check_pdf(edited(table_pdf, tmp_path, add_scopes)) == []


def test_table_without_rows(tmp_path):
    path = render(tmp_path, "<h1>Data</h1><table><tr><td>1</td><td>2</td></tr></table>")
    assert check_pdf(path) == []

    def rows_to_divs(pdf: pikepdf.Pdf) -> None:
        for row in struct_elements(pdf, "TR"):
            row.S = pikepdf.Name.Div

    assert checks_reported(edited(path, tmp_path, rows_to_divs)) == {
        "PDFUA1-TBODY-KIDS-001", "PDFUA1-TD-PARENT-001"}


def test_image_without_alt(tmp_path):
    path = render(tmp_path, f'<h1>Pictures</h1><p><img src="{DOT_PNG}"></p>')
    assert checks_reported(path) == {"PDFUA1-FIGURE-ALTERNATIVE-TEXT-001"}


# --- links and annotations -------------------------------------------------------------------


def test_internal_link_described_by_its_target(tmp_path):
    # WeasyPrint 70 writes the fragment ("section-two") as the annotation's /Contents; set here
    # explicitly, as scripts.pdf.tagging replaces it with the link's text once installed
    body = '<h1>Start</h1><p>Read <a href="#section-two">the second part</a>.</p>'
    body += '<h2 id="section-two">Second part</h2>'

    def describe_by_target(pdf: pikepdf.Pdf) -> None:
        for annotation in link_annotations(pdf):
            annotation.Contents = pikepdf.String(str(annotation.Dest))

    findings = check_pdf(edited(render(tmp_path, body), tmp_path, describe_by_target))
    assert [finding.check for finding in findings] == ["links"]
    assert "'section-two' is a target" in findings[0].detail


def test_generated_content_makes_nested_link(tmp_path):
    body = '<style>a::after { content: " (more)" }</style><h1>Start</h1>'
    body += '<p>Visit <a href="https://example.org/">the project website</a>.</p>'
    findings = check_pdf(render(tmp_path, body))
    assert [finding.check for finding in findings] == ["links"]
    assert "Link inside another Link" in findings[0].detail


def test_link_element_without_annotation(good_pdf, tmp_path):
    def drop_object_reference(pdf: pikepdf.Pdf) -> None:
        link = struct_elements(pdf, "Link")[0]
        link.K = pikepdf.Array([kid for kid in link.K if not isinstance(kid, pikepdf.Dictionary)])

    findings = check_pdf(edited(good_pdf, tmp_path, drop_object_reference))
    assert [(finding.check, finding.page) for finding in findings] == [("links", 1)]
    assert "no OBJR" in findings[0].detail


def test_link_annotation_without_contents(good_pdf, tmp_path):
    def drop_contents(pdf: pikepdf.Pdf) -> None:
        for annotation in link_annotations(pdf):
            del annotation.Contents

    path = edited(good_pdf, tmp_path, drop_contents)
    assert checks_reported(path) == {"links", "PDFUA1-LINK-CONTENTS-001"}
    assert "no /Contents" in findings_of(path, "links")[0].detail


@pytest.mark.parametrize(("text", "destination"), [
    ("#section-2", ""), ("#top", "top"), ("document-intro", "document-intro"), ("id3", "id3")])
def test_link_targets_are_not_descriptions(text, destination):
    assert is_bare_target(text, destination)


@pytest.mark.parametrize(("text", "destination"), [
    ("the second section", "section-2"), ("Introduction", "intro"), ("far-right", "term-far"),
    ("https://example.org/a-b_c", ""), ("Chapter 3", "")])
def test_link_descriptions(text, destination):
    assert not is_bare_target(text, destination)


def test_annotation_outside_structure(good_pdf, tmp_path):
    def drop_struct_parent(pdf: pikepdf.Pdf) -> None:
        del next(link_annotations(pdf)).StructParent

    path = edited(good_pdf, tmp_path, drop_struct_parent)
    assert checks_reported(path) == {"PDFUA1-LINK-LINK-TAG-001"}


def test_page_with_annotations_without_tab_order(good_pdf, tmp_path):
    def drop_tabs(pdf: pikepdf.Pdf) -> None:
        del pdf.pages[0].Tabs

    assert checks_reported(edited(good_pdf, tmp_path, drop_tabs)) == {"PDFUA1-PAGE-TABS-001"}


# --- forms -----------------------------------------------------------------------------------


def test_field_named_only_by_aria_label(tmp_path):
    # WeasyPrint 70 names a field from its label, title, placeholder or name, never aria-label.
    form = '<h1>Contact</h1><form><input type="text" aria-label="Email address"></form>'
    path = render(tmp_path, form, pdf_forms=True)
    assert checks_reported(path) == {"PDFUA1-FORM-FIELD-TU-ALT-001"}


def test_field_without_accessible_name(tmp_path):
    form = '<h1>Contact</h1><form><label>Your name <input type="text" name="person">'
    form += "</label></form>"
    path = render(tmp_path, form, pdf_forms=True)

    def drop_name(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.AcroForm.Fields[0].TU

    assert checks_reported(edited(path, tmp_path, drop_name)) == {"PDFUA1-FORM-FIELD-TU-ALT-001"}


def test_two_fields_with_one_tooltip_name_the_second_and_its_page(tmp_path):
    # "Party" five times on one page tells a screen reader user nothing about which to fill
    form = """<h1>Agreement</h1><form>
    <label>Party <input type="text" name="first"></label>
    <label>Party <input type="text" name="second"></label>
    <label>Date <input type="text" name="date"></label></form>"""
    findings = check_pdf(render(tmp_path, form, pdf_forms=True))
    assert [(finding.check, finding.page) for finding in findings] == [("forms", 1)]
    assert "tooltip 'Party'" in findings[0].detail


# --- fonts, bookmarks ------------------------------------------------------------------------


def test_font_not_embedded(good_pdf, tmp_path):
    dropped = []

    def drop_font_file(pdf: pikepdf.Pdf) -> None:
        font = pdf.pages[0].Resources.Font[first_font_name(pdf.pages[0])]
        dropped.append(str(font.BaseFont).lstrip("/"))
        del font.DescendantFonts[0].FontDescriptor.FontFile2

    assert checks_reported(edited(good_pdf, tmp_path, drop_font_file)) == {
        "PDFUA1-FONT-EMBEDDING-001"}


def test_font_in_form_xobject_drawn_as_artifact(good_pdf, tmp_path):
    """A standard font in a Form XObject is found; the artifact around the form covers its text."""

    def draw_form_with_standard_font(pdf: pikepdf.Pdf) -> None:
        helvetica = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
            )
        )
        form = pdf.make_stream(
            b"BT /Hv 8 Tf (draft) Tj ET",
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 100, 20],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(Hv=helvetica)),
        )
        own_resources(pdf.pages[1]).XObject.Draft = form
        append_content(pdf, 1, b"/Artifact BMC q /Draft Do Q EMC")

    assert "PDFUA1-FONT-EMBEDDING-001" in checks_reported(
        edited(good_pdf, tmp_path, draw_form_with_standard_font))


def test_headings_without_bookmarks(good_pdf, tmp_path):
    def drop_outlines(pdf: pikepdf.Pdf) -> None:
        del pdf.Root.Outlines

    assert checks_reported(edited(good_pdf, tmp_path, drop_outlines)) == {"bookmarks"}


# --- page content ----------------------------------------------------------------------------


def test_text_outside_marked_content_counted_once_per_page(good_pdf, tmp_path):
    def add_untagged_text(pdf: pikepdf.Pdf) -> None:
        font = first_font_name(pdf.pages[1]).encode()
        append_content(pdf, 1, b"BT " + font + b" 12 Tf (x) Tj (y) Tj ET")

    assert "PDFUA1-CONTENT-TAGGING-001" in checks_reported(
        edited(good_pdf, tmp_path, add_untagged_text))


def test_untagged_image_and_text_inside_a_form(good_pdf, tmp_path):
    def draw_untagged(pdf: pikepdf.Pdf) -> None:
        page = pdf.pages[0]
        image_name = next(
            name for name, xobject in page.Resources.XObject.items() if xobject.Subtype == "/Image"
        )
        font_name = first_font_name(page)
        form = pdf.make_stream(
            f"BT {font_name} 8 Tf (a) Tj ET".encode(),
            Type=pikepdf.Name.XObject,
            Subtype=pikepdf.Name.Form,
            BBox=[0, 0, 100, 20],
            Resources=pikepdf.Dictionary(Font=page.Resources.Font),
        )
        page.Resources.XObject.Note = form
        append_content(pdf, 0, f"q {image_name} Do Q q /Note Do Q".encode())

    assert "PDFUA1-CONTENT-TAGGING-001" in checks_reported(
        edited(good_pdf, tmp_path, draw_untagged))


def test_tagged_sequence_no_element_reaches(good_pdf, tmp_path):
    def add_unreached_text(pdf: pikepdf.Pdf) -> None:
        font = first_font_name(pdf.pages[1]).encode()
        append_content(pdf, 1, b"/Span <</MCID 97>> BDC BT " + font + b" 12 Tf (x) Tj ET EMC")

    # the validator does not mind (it only minds the bytes the subset font has no glyphs for)
    path = edited(good_pdf, tmp_path, add_unreached_text)
    assert [finding.page for finding in findings_of(path, "unreached-content")] == [2]
    others = {check for check in checks_reported(path) if not check.startswith("PDFUA1-FONT")}
    assert others == {"unreached-content"}


def test_page_furniture_marked_as_artifact_is_not_content(good_pdf, tmp_path):
    def add_running_head(pdf: pikepdf.Pdf) -> None:
        font = first_font_name(pdf.pages[1]).encode()
        content = (b"/Artifact <</Type /Pagination /Subtype /Header>> BDC BT " + font
                   + b" 12 Tf (Running head) Tj ET EMC")
        append_content(pdf, 1, content)

    # the text drawn is bytes the subset font has no glyphs for, which only the validator minds
    assert findings_of(edited(good_pdf, tmp_path, add_running_head), "unreached-content") == []


# --- command line ----------------------------------------------------------------------------


def test_command_line_passes_a_good_document(good_pdf, caplog):
    with caplog.at_level(logging.INFO):
        assert main([str(good_pdf)]) == 0
    assert caplog.messages == [f"{good_pdf}: no findings, 2 pages"]


def test_command_line_reports_each_finding_and_fails(good_pdf, tmp_path):
    def break_two_things(pdf: pikepdf.Pdf) -> None:
        struct_elements(pdf, "H2")[-1].S = pikepdf.Name.H4
        del pdf.Root.Outlines

    path = edited(good_pdf, tmp_path, break_two_things)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.check.pdf", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{path}: PDFUA1-HEADING-NESTING-001: ")
    assert lines[1].startswith(f"{path}: bookmarks: ")
    assert lines[2:] == [f"{path}: 2 findings"]


def test_missing_file(tmp_path, caplog):
    missing = tmp_path / "missing.pdf"
    with caplog.at_level(logging.INFO):
        assert main([str(missing), str(missing)]) == 1
    assert caplog.messages == [f"{missing}: file not found"] * 2
    with pytest.raises(UnreadablePdfError):
        check_pdf(missing)


def test_file_that_is_not_a_pdf(tmp_path, caplog):
    text = tmp_path / "notes.pdf"
    text.write_text("not a PDF\n")
    with caplog.at_level(logging.INFO):
        assert main([str(text)]) == 1
    assert caplog.messages[0].startswith(f"{text}: cannot open as a PDF: ")
