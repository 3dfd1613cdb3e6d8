"""The guidebook's components render the same way for every partner, and the appendix collects
every checklist with a link back to its chapter."""

from __future__ import annotations

import re

import pytest


@pytest.fixture
def pages(app):
    app.build()
    assert app.warning.getvalue() == ""
    return {path.relative_to(app.outdir).as_posix(): path.read_text()
            for path in app.outdir.rglob("*.html")}


@pytest.mark.sphinx("html", testroot="components", freshenv=True)
def test_practice_box_shows_label_place_evaluation_and_fields(pages):
    html = pages["chapters/one.html"]
    box = re.search(r'<div class="guidebook-component practice.*?</dl>', html, re.S)[0]
    assert '<p class="practice-label">Practice</p>' in box
    assert "Sampletown (Nowhere)" in box
    assert '<p class="practice-evaluation evaluated-partly">Partly evaluated</p>' in box
    assert re.findall(r"<dt>(.*?)</dt>", box) == [
        "Aims", "Partners", "What was done", "Results and evaluation", "Source"]


@pytest.mark.sphinx("html", testroot="components", freshenv=True)
def test_every_checklist_item_has_a_labelled_tick_box(pages):
    html = pages["chapters/one.html"]
    boxes = re.findall(r'<input type="checkbox" class="tick-box" aria-label="([^"]*)" '
                       r'title="\1" />', html)
    assert boxes == ["A lead is named.", "Partners have met."]


@pytest.mark.sphinx("html", testroot="components", freshenv=True)
def test_appendix_collects_every_checklist_in_reading_order(pages):
    html = pages["appendix.html"]
    # each chapter's checklists under a heading one level below the page's title
    links = re.findall(r'<h2>Checklist from <a class="reference internal" href="([^"]+)">'
                       r'<span class="doc">([^<]+)</span></a>', html)
    assert links == [("chapters/one.html", "Chapter one"), ("chapters/two.html", "Chapter two")]
    assert html.index("A lead is named.") < html.index("The data-protection officer was consulted")
    assert html.count('class="tick-box"') == 3
    # a link inside a copied checklist still leads to its target from the appendix page
    assert '<a class="reference internal" href="chapters/one.html#chapter-one">' in html


@pytest.mark.sphinx("html", testroot="components", freshenv=True)
def test_key_messages_and_rights_check_are_marked_boxes(pages):
    html = pages["chapters/one.html"]
    assert '<div class="guidebook-component key-messages docutils container">' in html
    assert '<div class="guidebook-component rights-check docutils container">' in html
