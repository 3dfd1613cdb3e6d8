"""Where WeasyPrint breaks lines and pages: no line cut short in the middle of a paragraph, no
word divided across a page turn, no hyphen in a table's one-word cell, no paragraph ending on
one short word.

Each fault is first shown on WeasyPrint as pinned, so that a release which fixes it shows here
and the correction can go."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docutils import nodes
from docutils.core import publish_doctree

from scripts.pdf import layout_checks, line_breaking, page_turns
from scripts.pdf.last_lines import LAST_WORDS_CLASS, tie_last_words

REPO = Path(__file__).parents[1]
PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>
@page {{ size: {size}; margin: 10mm }}
body {{ font-family: "DejaVu Sans"; font-size: 10pt; line-height: 1.4 }}
p {{ text-align: justify; hyphens: auto; orphans: 2; widows: 2; margin: 0 }}
{style}</style>{links}</head><body>{body}</body></html>"""


def render(body: str, *, size: str = "A5", style: str = "", stylesheets=()):
    """Lay out ``body``; ``stylesheets`` (paths in the repository) load after the page's own
    style, as the book's do."""
    from weasyprint import HTML

    links = "".join(f'<link rel="stylesheet" href="{path}">' for path in stylesheets)
    html = PAGE.format(links=links, size=size, style=style, body=body)
    return HTML(string=html, base_url=str(REPO) + "/").render()


@pytest.fixture
def weasyprint_as_pinned(monkeypatch):
    """WeasyPrint without this project's corrections, whatever earlier tests installed."""
    from weasyprint.layout import block, inline
    from weasyprint.text import line_break

    monkeypatch.setattr(inline, "split_first_line", line_break.split_first_line)
    monkeypatch.setattr(block, "_linebox_layout", _original(block._linebox_layout))


@pytest.fixture
def corrected(weasyprint_as_pinned):
    line_breaking.install()
    page_turns.install()


def _original(function):
    while hasattr(function, "__wrapped__"):
        function = function.__wrapped__
    return function


# --- a line cut short in the middle of a paragraph --------------------------------------------

RUN = "Be honest about the evidence of the practices in this chapter"


def run_width() -> float:
    """The width of RUN without a space after it, as WeasyPrint lays it out."""
    from weasyprint.formatting_structure import boxes

    document = render(f'<p style="white-space: nowrap; text-align: left">{RUN}</p>')
    texts = [box for box in layout_checks.descendants(document.pages[0]._page_box)
             if isinstance(box, boxes.TextBox)]
    return texts[0].width


def paragraph_where_only_the_space_overflows():
    # the measure holds RUN but not RUN and its space: the space must hang, not break the run
    width = run_width() + 1
    return render(f'<p style="width: {width}px">{RUN} <a href="#x">published</a> evaluation '
                  "of the work that the city did in those years.</p>")


def first_line_text(document) -> str:
    piece = layout_checks._paragraph_pieces(document.pages[0]._page_box)[0]
    return layout_checks._line_text(piece.children[0]).strip()


def test_weasyprint_as_pinned_breaks_such_a_line_after_its_first_word(weasyprint_as_pinned):
    document = paragraph_where_only_the_space_overflows()
    assert first_line_text(document) == "Be"
    assert layout_checks.forced_line_breaks(document)


def test_a_run_that_fits_but_for_its_last_space_stays_on_its_line(corrected):
    document = paragraph_where_only_the_space_overflows()
    assert first_line_text(document) == RUN
    assert layout_checks.forced_line_breaks(document) == []


# --- a word divided across a page turn --------------------------------------------------------

TEXT = ("Prevention is hard to evaluate because success is a non-event; this guidebook "
        "recommends logic models and process indicators to follow the work all the same. "
        "Responsibilities are shared between municipal departments, schools, associations and "
        "the police, and coordination needs a named person. Multidisciplinary case conferences "
        "discuss individual situations under strict confidentiality, proportionality and "
        "necessity. Radicalisation is understood as a process, not a state; ") * 3


def pages_ending_on_a_hyphen() -> str:
    """A paragraph shifted line by line down an A7 page until the page ends on a hyphen."""
    for lines_before in range(20):
        body = "<p>Line.</p>" * lines_before + f"<p>{TEXT}</p>"
        if layout_checks.hyphens_at_page_end(render(body, size="A7")):
            return body
    raise AssertionError("no page ended on a hyphen: the sample no longer shows the fault")


def test_weasyprint_as_pinned_ends_a_page_on_half_a_word(weasyprint_as_pinned):
    assert pages_ending_on_a_hyphen()


def test_no_page_ends_on_half_a_word(weasyprint_as_pinned):
    body = pages_ending_on_a_hyphen()
    page_turns.install()
    document = render(body, size="A7")
    assert layout_checks.hyphens_at_page_end(document) == []
    text = "".join(layout_checks._line_text(line) for page in document.pages
                   for piece in layout_checks._paragraph_pieces(page._page_box)
                   for line in piece.children)
    # nothing lost or repeated on the way
    assert text.count("confidentiality") == 3



def letters(text: str) -> str:
    """The text without spaces and without the hyphens that hyphenation adds."""
    return "".join(text.replace("\u2010", "").split())


def paragraph_letters(document) -> str:
    return letters("".join(layout_checks._line_text(line) for page in document.pages
                           for piece in layout_checks._paragraph_pieces(page._page_box)
                           for line in piece.children))


def first_page_ending_on_a_hyphen_at_orphans() -> tuple[str, int]:
    """A paragraph whose first page ends on a hyphen with no more lines than its ``orphans``:
    moving that line to the next page would break orphans. Returns the body and the lines."""
    for lines_before in range(20):
        body = "<p>Line.</p>" * lines_before + f"<p>{TEXT}</p>"
        first = layout_checks._paragraph_pieces(render(body, size="A7").pages[0]._page_box)[-1]
        if page_turns.ends_hyphenated(first.children[-1]):
            lines = len(first.children)
            return body.replace(f"<p>{TEXT}", f'<p style="orphans: {lines}">{TEXT}'), lines
    raise AssertionError("no first page ended on a hyphen: the sample no longer shows the fault")


def test_a_hyphen_kept_by_orphans_gives_way_to_whole_words(weasyprint_as_pinned):
    body, lines = first_page_ending_on_a_hyphen_at_orphans()
    page_turns.install()
    document = render(body, size="A7")
    assert layout_checks.hyphens_at_page_end(document) == []
    # the paragraph keeps its orphans, and the page its lines
    first = layout_checks._paragraph_pieces(document.pages[0]._page_box)[-1]
    assert len(first.children) == lines
    # nothing lost or repeated on the way
    assert paragraph_letters(document) == letters(re.sub("<[^>]+>", "", body))

# --- the guidebook's tables -------------------------------------------------------------------

def test_a_one_word_cell_of_a_narrow_column_is_not_hyphenated():
    """The book's stylesheet sets cells unhyphenated; a cell's text comes as a paragraph."""
    from weasyprint.formatting_structure import boxes

    rows = "".join(f"<tr><td><p>{kind}</p></td><td><p>{'Survey of staff and families ' * 4}"
                   "</p></td></tr>" for kind in ("Outcome", "Process", "Output"))
    document = render(f'<table lang="en">{rows}</table>',
                      stylesheets=["guidebook/_static/print.css"])
    cells = [box for box in layout_checks.descendants(document.pages[0]._page_box)
             if isinstance(box, boxes.TableCellBox)]
    assert cells
    for cell in cells:
        for piece in layout_checks._paragraph_pieces(cell):
            assert piece.style["text_align_all"] != "justify"
            assert not any(page_turns.ends_hyphenated(line) for line in piece.children)


# --- a paragraph ending on one short word -----------------------------------------------------

def doctree(source: str) -> nodes.document:
    return publish_doctree(source, settings_overrides={"report_level": 5})


def tied_words(tree: nodes.document) -> list[str]:
    return [node.astext() for node in tree.findall(nodes.inline)
            if LAST_WORDS_CLASS in node["classes"]]


def test_the_last_two_words_of_a_paragraph_are_tied():
    tree = doctree("Anyone can commit violence.\n\nIt ends with ``a literal``.\n\n"
                   "Ends with a word much too long to tie: internationalisation.\n\n"
                   "Ends with *emphasis*.\n")
    assert tie_last_words(tree) == 1
    assert tied_words(tree) == ["commit violence."]
    # the text reads as before
    assert tree.next_node(nodes.paragraph).astext() == "Anyone can commit violence."


def test_words_in_a_table_cell_are_not_tied():
    tree = doctree("+------------------+\n| A cell of words. |\n+------------------+\n")
    assert tie_last_words(tree) == 0


def test_a_tied_paragraph_ends_on_two_whole_words():
    text = "The plan names who leads, who pays and who checks the work, and it is " * 3
    for words in range(4, 14):
        # "or" is too short to hyphenate, "language" is not: tied, neither may be divided
        source = text + " ".join(["support"] * words) + " or language."
        tree = doctree(source)
        assert tie_last_words(tree) == 1
        html = "".join(f'<span class="{LAST_WORDS_CLASS}">{node.astext()}</span>'
                       if isinstance(node, nodes.inline) else node.astext()
                       for node in tree.next_node(nodes.paragraph).children)
        document = render(f'<p lang="en" style="width: 80mm">{html}</p>',
                          stylesheets=["scripts/pdf/theme/static/pdfbook.css"])
        pieces = layout_checks._paragraph_pieces(document.pages[0]._page_box)
        last = layout_checks._line_text(pieces[-1].children[-1]).split()
        assert last[-2:] == ["or", "language."], (words, last)


def test_a_table_caption_never_ends_a_page():
    """The caption goes to the next page with the table's first rows, not alone at a foot."""
    rows = "".join(f"<tr><td>row {n}</td><td>x</td></tr>" for n in range(30))
    for filler in range(44, 54):  # on the book's A4 page, one leaves room for the caption only
        lines = "".join(f"<p>Line {n}</p>" for n in range(filler))
        document = render(f"{lines}<table><caption>C. Actions</caption><tbody>{rows}</tbody>"
                          "</table>", size="A7",
                          stylesheets=["scripts/pdf/theme/static/pdfbook.css"])
        first = document.pages[0]._page_box
        texts = [box.text for box in _texts(first)]
        assert not texts[-1].endswith("Actions"), filler


def _texts(box):
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TextBox):
        yield box
    for child in getattr(box, "children", ()):
        yield from _texts(child)


def test_long_compounds_in_narrow_columns_are_hyphenated_in_languages_that_write_them():
    """German writes "Überprüfungstermin" as one word: eight such headers cannot stand whole
    side by side, so there a cell hyphenates long words rather than run out of the page."""
    words = ["Überprüfungstermin", "Prozessindikator", "Wirkungsindikator", "Leistungsindikator",
             "Datenquelle", "Ausgangswert", "Zielwert", "Federführung"]
    header = "".join(f"<th><p>{word}</p></th>" for word in words)
    document = render(f'<table lang="de"><tr>{header}</tr></table>', size="A4",
                      stylesheets=["guidebook/_static/print.css"])
    assert layout_checks.overflowing_boxes(document) == []
