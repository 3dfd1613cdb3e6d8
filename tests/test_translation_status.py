"""A translation in progress says so, and marks what is still in the source language."""

from __future__ import annotations

import pytest


@pytest.mark.sphinx("html", testroot="translation", freshenv=True,
                    confoverrides={"language": "de"})
def test_untranslated_paragraphs_carry_the_source_language(app):
    app.build()
    html = (app.outdir / "index.html").read_text()
    assert "<p>Dieser Absatz ist übersetzt.</p>" in html
    assert '<p lang="en">This paragraph does not have one yet.</p>' in html
    assert '<h1>Titel' in html


@pytest.mark.sphinx("html", testroot="translation", freshenv=True,
                    confoverrides={"language": "en"})
def test_the_source_language_is_not_marked(app):
    app.build()
    html = (app.outdir / "index.html").read_text()
    assert 'lang="en">This paragraph' not in html
