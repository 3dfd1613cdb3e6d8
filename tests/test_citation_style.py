"""The references list reads in alphabetical order, organisations and persons together."""

from __future__ import annotations

import re

import pybtex_docutils
import pytest
from docutils import nodes
from pybtex.database import parse_string
from pybtex.plugin import find_plugin

from scripts.book.citation_style import register_list_style

SOURCES = """
@book{unesco, author = {{UNESCO}}, title = {A guide}, publisher = {UNESCO}, year = {2016}}
@article{feddes, author = {Feddes, Allard R. and Gallucci, Marcello}, title = {A review},
         journal = {A journal}, year = {2015}}
@misc{efus_b, author = {{Efus}}, title = {Later}, year = {2017}}
@misc{efus_a, author = {{Efus}}, title = {Earlier}, year = {2016}}
@book{tuck, author = {Tuck, Henry}, title = {A handbook}, publisher = {ISD}, year = {2016}}
"""


def test_persons_and_organisations_are_sorted_together_by_name_then_year():
    register_list_style()
    style = find_plugin("pybtex.style.formatting", "plain_by_name")()
    entries = parse_string(SOURCES, "bibtex").entries.values()
    order = [entry.key for entry in style.format_entries(entries)]
    assert order == ["efus_a", "efus_b", "feddes", "tuck", "unesco"]


def test_an_address_is_given_with_the_day_it_was_checked():
    register_list_style()
    style = find_plugin("pybtex.style.formatting", "plain_by_name")()
    source = ("@misc{page, author = {{Efus}}, title = {A page}, year = {2016}, "
              "url = {https://example.org/a-page}, urldate = {2026-11-30}}")
    [entry] = style.format_entries(parse_string(source, "bibtex").entries.values())
    text = entry.text.render_as("text")
    assert "Address: https://example.org/a-page (checked on 2026-11-30)." in text
    assert "visited" not in text and "URL:" not in text


@pytest.mark.sphinx("html", testroot="citations", freshenv=True)
def test_a_law_is_cited_by_its_shorthand_and_a_study_by_its_author(app):
    app.build()
    text = re.sub(r"<[^>]+>", "", (app.outdir / "index.html").read_text(encoding="utf-8"))
    assert "(GDPR, 2016)" in text and "(Efus, 2016)" in text
    assert "(European Parliament" not in text
    # the references list still names the law's author
    assert "European Parliament and Council of the European Union" in text


@pytest.mark.sphinx("html", testroot="citations", freshenv=True,
                    confoverrides={"language": "fr"})
def test_a_shorthand_is_cited_in_the_page_language(app):
    app.build()
    text = re.sub(r"<[^>]+>", "", (app.outdir / "index.html").read_text(encoding="utf-8"))
    assert "(RGPD, 2016)" in text and "(GDPR" not in text
    # a work without a date, in the citation and in the references list
    assert "(Council of Europe, s.d.)" in text and "n.d." not in text


@pytest.mark.sphinx("gettext", testroot="citations", freshenv=True)
def test_shorthands_are_offered_to_translators(app):
    app.build()
    catalog = (app.outdir / "sphinx.pot").read_text(encoding="utf-8")
    assert 'msgid "GDPR"' in catalog and 'msgid "n.d."' in catalog


def test_a_title_is_marked_with_the_language_of_its_work():
    register_list_style()
    style = find_plugin("pybtex.style.formatting", "plain_by_name")()
    source = ("@misc{page, author = {{Efus}}, title = {{A page}}, year = {2016}, langid = {en}, "
              "howpublished = {News item}, url = {https://example.org/a-page}}")
    [entry] = style.format_entries(parse_string(source, "bibtex").entries.values())
    paragraph = pybtex_docutils.Backend().paragraph(entry)
    [marked] = [node for node in paragraph.findall(nodes.inline)]
    assert marked["classes"] == ["language-en"] and marked.astext() == "A page"
    # the book's own description of the work and the page's labels stay outside
    assert entry.text.render_as("text").startswith("Efus. A page. News item")


@pytest.mark.sphinx("html", testroot="citations", freshenv=True,
                    confoverrides={"language": "fr"})
def test_an_english_title_in_a_french_references_list_is_read_in_english(app):
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<span[^>]* lang="en"[^>]*>A guide</span>', html), html
    # the labels and the title of a work without a language are not marked
    assert not re.search(r'lang="en"[^>]*>A web page', html)
