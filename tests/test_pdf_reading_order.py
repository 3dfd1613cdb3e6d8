"""What a screen reader reads from the tagged PDF follows the text, not the pages.

A small book is rendered by the same function as the editions: a paragraph runs onto the next
page, a table repeats its header there, the contents have dot leaders, words are hyphenated and
every page has a running head, a page number and an edition line. The structure tree is read
with pikepdf, the text in structure order with poppler (``pdfinfo -struct-text``), and the file
is validated by page-validation, none of which is the code under test.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from scripts.pdf import render as pdf_render
from tests.pdf_inspect import struct_elements

THEME_CSS = Path(__file__).parents[1] / "scripts" / "pdf" / "theme" / "static" / "pdfbook.css"
RUNNING_HEAD = "Field guide"
EDITION = "Edition 0.1"
PAGE = "Page"
SENTENCES = (
    "Local prevention of violent extremism needs coordination between municipal departments, "
    "schools, police and civil society organisations. The responsibilities of each partner "
    "must be established in advance.",
    "Practitioners report that prevention works when it is sustained, evaluated and "
    "professionally supported by the municipality, the regional authorities and the national "
    "governments concerned, over many years and across electoral cycles, with dedicated "
    "funding and independent evaluation of the interventions.",
    "Networks of cities exchange their experience in regular meetings and publish guidance "
    "for newcomers, which the partners translate into their own languages.",
)
ROWS = "".join(f"<tr><td>city {n}</td><td>{n}</td></tr>" for n in range(1, 31))
BOOK = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Guide</title>
<style>
@page {{ size: A6; margin: 15mm 10mm;
  @top-center {{ content: "{RUNNING_HEAD}"; font-size: 7pt; }}
  @bottom-center {{ content: "{PAGE} " counter(page); font-size: 7pt; }}
  @bottom-right {{ content: "{EDITION}"; font-size: 6pt; }} }}
body {{ font-family: "DejaVu Sans"; font-size: 10pt; }}
p {{ hyphens: auto; text-align: justify; }}
nav ol {{ list-style: none; padding: 0; }}
nav .page::after {{ content: leader('.') target-counter(attr(data-href url), page); }}
.note {{ float: footnote; }}
thead {{ display: table-header-group; }}
</style></head><body><main>
<h1>Guide</h1>
<nav><ol><li><a href="#one">Working together</a><span class="page" data-href="#one"></span></li>
<li><a href="#two">Cities</a><span class="page" data-href="#two"></span></li></ol></nav>
<section id="one"><h2>Working together</h2>
<p>An opening paragraph that fills the page a little, so that the next one runs onto the
following page.</p>
<p id="long">{SENTENCES[0]}<span class="note">A note at the foot.</span> {SENTENCES[1]}
{SENTENCES[2]}</p>
<p>A short paragraph after it.</p></section>
<section id="two"><h2>Cities</h2>
<table><thead><tr><th scope="col">City</th><th scope="col">Number</th></tr></thead>
<tbody>{ROWS}</tbody></table></section>
</main></body></html>"""


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("reading-order")
    (directory / "book.html").write_text(BOOK, encoding="utf-8")
    result = pdf_render.render_pdf(directory / "book.html", directory / "book.pdf", directory,
                                   variant="pdf/ua-1")
    assert result.problems == ()
    return result.path


def pages_reached(pdf: pikepdf.Pdf, element: pikepdf.Dictionary) -> set[int]:
    """The pages whose marked content an element and its descendants reach."""
    numbers = {page.obj.objgen: index + 1 for index, page in enumerate(pdf.pages)}
    reached = set()

    def walk(node: pikepdf.Object, page: int | None) -> None:
        if isinstance(node, int):
            reached.add(page)
            return
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") == "/OBJR":
            return
        if "/Pg" in node:
            page = numbers[node.Pg.objgen]
        if node.get("/Type") == "/MCR":
            reached.add(page)
            return
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid, page)

    walk(element, None)
    return reached


def marked_properties(pdf: pikepdf.Pdf, tag: str) -> list[list[dict]]:
    """Per page, the property lists of the marked-content sequences with this tag."""
    found = []
    for page in pdf.pages:
        on_page = []
        for operands, _operator in pikepdf.parse_content_stream(page, "BDC"):
            if operands[0] == pikepdf.Name("/" + tag):
                on_page.append({str(key)[1:]: value for key, value in operands[1].items()})
        found.append(on_page)
    return found


def structure_text(path: Path) -> str:
    """The text in structure order, as poppler reads it, one line of the page per line."""
    if not shutil.which("pdfinfo"):
        pytest.skip("poppler-utils' pdfinfo is not installed")
    output = subprocess.run(["pdfinfo", "-struct-text", str(path)], check=True,
                            capture_output=True, text=True).stdout
    return "\n".join(re.findall(r'^\s*"(.*)"$', output, re.MULTILINE))


def test_a_paragraph_across_a_page_is_one_element(book):
    with pikepdf.open(book) as pdf:
        assert len(pdf.pages) >= 3
        paragraphs = struct_elements(pdf, "P")
        # one P per <p>, whatever the pages
        assert len(paragraphs) == 3
        assert [len(pages_reached(pdf, p)) for p in paragraphs] == [1, 2, 1]
        # the book is not cut into one part per page: <main> is one Part
        assert len(struct_elements(pdf, "Part")) == 1


def test_a_paragraph_across_a_page_reads_whole_in_structure_order(book):
    text = structure_text(book)
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Local prevention"))
    end = next(i for i, line in enumerate(lines) if line.rstrip().endswith("own languages."))
    paragraph = lines[start:end + 1]
    assert not [line for line in paragraph
                if RUNNING_HEAD in line or EDITION in line or line.startswith(PAGE)]
    # the note is read where it is called, not between the page's lines
    joined = " ".join(paragraph)
    assert (joined.index("in advance.") < joined.index("A note at the foot.")
            < joined.index("report that prevention"))


def test_text_extraction_of_a_page_turn_gives_the_paragraph_without_page_furniture(book):
    """poppler's pdftotext reads the page, not the structure: the running head, page number and
    edition line must still stay out of the paragraph they interrupt on paper."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils' pdftotext is not installed")
    text = subprocess.run(["pdftotext", str(book), "-"], check=True, capture_output=True,
                          text=True).stdout
    assert RUNNING_HEAD not in text and EDITION not in text and f"{PAGE} 1" not in text
    words = " ".join(text.replace("\u00ad\n", "").replace("\f", " ").split())
    assert "the interventions. 1. A note at the foot. Networks of cities" in words


def test_a_list_item_across_a_page_is_one_item_with_one_body(tmp_path):
    """An item holding a paragraph gets its LBody from scripts.pdf.tagging, one per page."""
    words = " ".join(f"point{n}" for n in range(400))
    (tmp_path / "list.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>List</title><style>'
        '@page { size: A7 } body { font-family: "DejaVu Sans"; }</style></head><body>'
        f"<h1>List</h1><ul><li><p>{words}</p></li><li><p>last</p></li></ul></body></html>",
        encoding="utf-8")
    result = pdf_render.render_pdf(tmp_path / "list.html", tmp_path / "list.pdf", tmp_path,
                                   variant="pdf/ua-1")
    with pikepdf.open(result.path) as pdf:
        assert len(pdf.pages) >= 2
        assert len(struct_elements(pdf, "L")) == 1
        assert len(struct_elements(pdf, "LI")) == 2
        first = struct_elements(pdf, "LI")[0]
        bodies = [kid for kid in first.K if kid.get("/S") == "/LBody"]
        assert len(bodies) == 1 and len(pages_reached(pdf, bodies[0])) == len(pdf.pages)


def test_running_heads_page_numbers_and_edition_are_pagination_artifacts(book):
    with pikepdf.open(book) as pdf:
        artifacts = marked_properties(pdf, "Artifact")
        for page in artifacts:
            subtypes = sorted(str(p["Subtype"]) for p in page
                              if p.get("Type") == "/Pagination" and "Subtype" in p)
            # the running head above; page number and edition line below
            assert subtypes == ["/Footer", "/Footer", "/Header"]
            assert not any("MCID" in properties for properties in page)
    text = structure_text(book)
    assert RUNNING_HEAD not in text and EDITION not in text and f"{PAGE} 2" not in text


def test_contents_leaders_are_artifacts_not_text(book):
    with pikepdf.open(book) as pdf:
        layout = [p for p in marked_properties(pdf, "Artifact")[0] if p.get("Type") == "/Layout"]
        assert layout
    assert ".." not in structure_text(book)


def test_a_table_across_pages_is_one_table_with_one_header(book):
    with pikepdf.open(book) as pdf:
        (table,) = struct_elements(pdf, "Table")
        assert len(pages_reached(pdf, table)) == 2
        assert len(struct_elements(pdf, "THead")) == 1
        header_ids = {str(cell.ID) for cell in struct_elements(pdf, "TH")}
        assert len(header_ids) == 2
        for cell in struct_elements(pdf, "TD"):
            assert {str(name) for name in cell.A.Headers} <= header_ids


def test_an_inserted_hyphen_reads_as_a_soft_hyphen(book):
    with pikepdf.open(book) as pdf:
        texts = [str(properties["ActualText"])
                 for page in marked_properties(pdf, "Span") for properties in page
                 if "ActualText" in properties and "MCID" in properties]
    assert texts, "the test book's justified paragraphs should hyphenate some word"
    assert all(text.endswith("\u00ad") and "\u2010" not in text for text in texts)


def test_words_with_ligature_letters_read_as_letters_in_a_pdf_with_fields(tmp_path):
    """With form fields, WeasyPrint maps a ligature glyph to "ﬁ" (U+FB01): the book's
    stylesheet must keep such words from being drawn with one."""
    shutil.copy(THEME_CSS, tmp_path / THEME_CSS.name)
    (tmp_path / "page.html").write_text(
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Form</title>'
        f'<link rel="stylesheet" href="{THEME_CSS.name}"><style>body, input {{ font-family: '
        '"DejaVu Sans"; }</style></head><body><h1>Form</h1><p>The office has an efficient '
        'workflow.</p><p><input type="text" name="team" title="Team"></p></body></html>',
        encoding="utf-8")
    result = pdf_render.render_pdf(tmp_path / "page.html", tmp_path / "page.pdf", tmp_path,
                                   variant="pdf/ua-1", forms=True)
    text = "".join(page.extract_text() for page in PdfReader(result.path).pages)
    assert "office has an efficient workflow" in text


def test_the_independent_validator_finds_no_structure_problem(book):
    import page as page_validation

    report = page_validation.validate_pdf(str(book), profile="ua1")
    assert [failure.rule_id for failure in report.failures] == []


def test_a_link_across_a_page_is_one_link_in_one_paragraph(tmp_path):
    """A paragraph whose link runs onto the next page is one P; merging its fragments puts
    marked-content references among the kids, which the rest of the merge must step over."""
    words = " ".join(f"term{n}" for n in range(120))
    (tmp_path / "link.html").write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Link</title><style>'
        '@page { size: A7 } body { font-family: "DejaVu Sans"; }</style></head><body>'
        f'<h1>Link</h1><p>See <a href="#end">{words}</a> and more <a href="#end">after</a>.</p>'
        '<h2 id="end">End</h2></body></html>', encoding="utf-8")
    result = pdf_render.render_pdf(tmp_path / "link.html", tmp_path / "link.pdf", tmp_path,
                                   variant="pdf/ua-1")
    with pikepdf.open(result.path) as pdf:
        assert len(pdf.pages) >= 3
        assert len(struct_elements(pdf, "P")) == 1
        paragraph = struct_elements(pdf, "P")[0]
        assert len(pages_reached(pdf, paragraph)) >= 2
    import page as page_validation

    assert page_validation.validate_pdf(str(result.path), profile="ua1").failures == []
