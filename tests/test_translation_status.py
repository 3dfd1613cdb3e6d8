"""A translation in progress says so, and marks what is still in the source language."""

from __future__ import annotations

import shutil

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


LANGUAGES = """source = "en"
release_threshold = 100
required_pages = ["index"]
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "de"
name = "Deutsch"
"""


def test_progress_counts_what_the_english_says_now(make_app, rootdir, tmp_path):
    source = tmp_path / "book"
    shutil.copytree(rootdir / "test-translation", source)
    (source / "locales" / "languages.toml").write_text(LANGUAGES)
    languages = {"translation_languages_file": str(source / "locales" / "languages.toml")}
    # the German catalog has no entry yet for the page's last paragraph
    by_catalogs = make_app("html", srcdir=source, confoverrides={"language": "de", **languages})
    by_catalogs.build()
    assert by_catalogs.env.translation_status["translation_status"] == "released"

    extract = make_app("gettext", srcdir=source, builddir=tmp_path / "pot-build")
    extract.build()
    by_sources = make_app("html", srcdir=source, freshenv=True, confoverrides={
        "language": "de", "translation_pot_dir": str(extract.outdir), **languages})
    by_sources.build()
    status = by_sources.env.translation_status
    assert status["translation_status"] == "preview"
    assert status["translation_percent"] == "66"  # 2 of 3, rounded down
