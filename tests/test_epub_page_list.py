"""Page break markers that follow the PDF's pages: each goes where its page's first words are."""

from __future__ import annotations

from docutils import nodes
from docutils.core import publish_doctree

from scripts.epub.page_list import mark_page_breaks, marker_html, page_break, page_list_nav

SOURCE = """\
Chapter
=======

First paragraph of the chapter, about prevention work in cities.
It goes on with a second sentence that crosses the page.

Risk and support
----------------

A paragraph under the second heading.

.. table:: Actions of the plan

   ======  =====
   Action  Lead
   ======  =====
   Train   City
   ======  =====

A closing paragraph with a note. [#]_ And the same words again: about prevention work in cities.

.. [#] A footnote that the PDF prints at the foot of the page.
"""


def doctree():
    return publish_doctree(SOURCE, settings_overrides={"report_level": 5})


def page(number, *texts):
    return {"page": number, "document": "chapter", "texts": list(texts)}


def marker_before(tree, number):
    """The text that follows page ``number``'s marker, and the marker's parent."""
    marker = next(node for node in tree.findall(page_break) if node["page"] == number)
    siblings = marker.parent.children
    following = siblings[next(i for i, node in enumerate(siblings) if node is marker) + 1:]
    return "".join(node.astext() for node in following)[:40], marker.parent


def test_a_page_that_starts_in_a_paragraph_is_marked_before_its_first_word():
    tree = doctree()
    # the PDF broke the line with a hyphen: letters are compared, not the hyphen
    placed = mark_page_breaks(tree, [page(5, "sentence that cross\u2010", "es the page.")])
    assert placed == [(5, "page-5")]
    text, parent = marker_before(tree, 5)
    assert isinstance(parent, nodes.paragraph)
    assert parent.astext().startswith("First paragraph")
    assert text.startswith("sentence that crosses")


def test_a_page_that_starts_with_a_heading_is_marked_before_its_section():
    tree = doctree()
    mark_page_breaks(tree, [page(6, "Risk and support", "A paragraph under")])
    marker = next(iter(tree.findall(page_break)))
    section = marker.parent[marker.parent.index(marker) + 1]
    assert isinstance(section, nodes.section)
    assert section[0].astext() == "Risk and support"
    # not inside the heading, whose name would then begin with the page number
    assert not any(isinstance(node, page_break) for node in section[0].findall())


def test_a_page_that_starts_with_a_table_caption_is_marked_before_the_table():
    tree = doctree()
    mark_page_breaks(tree, [page(7, "Actions of the plan", "Action", "Lead")])
    marker = next(iter(tree.findall(page_break)))
    assert isinstance(marker.parent[marker.parent.index(marker) + 1], nodes.table)


def test_pages_are_found_in_order_and_words_found_nowhere_are_left_out():
    tree = doctree()
    placed = mark_page_breaks(tree, [
        page(1, "Cover of the book", "Edition 0.1 printed only on paper"),
        page(2, "First paragraph of the chapter, about prevention"),
        # the same words appear twice: the later page is the later place
        page(3, "about prevention work in cities."),
    ])
    assert placed == [(2, "page-2"), (3, "page-3")]
    text, parent = marker_before(tree, 3)
    assert text.startswith("about prevention work in cities.")
    assert parent.astext().startswith("A closing paragraph")


def test_a_label_only_the_pdf_prints_is_skipped_to_find_the_page():
    tree = doctree()
    placed = mark_page_breaks(tree, [page(4, "PRACTICE BOX", "A closing paragraph with a note.")])
    assert placed == [(4, "page-4")]
    assert marker_before(tree, 4)[0].startswith("A closing paragraph")


def test_footnotes_do_not_count_as_the_page_flow():
    tree = doctree()
    assert mark_page_breaks(tree, [page(9, "A footnote that the PDF prints at the foot")]) == []


def test_markers_and_the_page_list_are_what_reading_systems_announce():
    marker = page_break(page=34, ids=["page-34"])
    assert marker_html(marker) == ('<span epub:type="pagebreak" role="doc-pagebreak" '
                                   'id="page-34" aria-label="34"></span>')
    nav = page_list_nav([(12, "b.xhtml#page-12"), (3, "a.xhtml#page-3")])
    assert '<nav epub:type="page-list" role="doc-pagelist" hidden="hidden">' in nav
    assert nav.index('href="a.xhtml#page-3">3<') < nav.index('href="b.xhtml#page-12">12<')
