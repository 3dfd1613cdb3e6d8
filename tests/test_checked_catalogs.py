"""A translated build checks the catalogs it uses, as `make check-po` does, on every run."""

from __future__ import annotations

import shutil

import pytest


@pytest.fixture
def broken_french(rootdir, tmp_path):
    source = tmp_path / "glossary"
    shutil.copytree(rootdir / "test-glossary", source)
    catalog = source / "locales/fr/LC_MESSAGES/index.po"
    # line 10: the translation's closing quote is missing
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Extrémisme"', 'msgstr "Extrémisme'), encoding="utf-8")
    return source


def test_a_broken_catalog_stops_the_build_that_uses_it(make_app, broken_french):
    for _attempt in (1, 2):
        app = make_app("html", srcdir=broken_french, freshenv=False,
                       confoverrides={"language": "fr", "extensions": [
                           "myst_parser", "scripts.book.glossary_order",
                           "scripts.i18n.checked_catalogs"]})
        app.build()
        warnings = app.warning.getvalue()
        lines = [line for line in warnings.splitlines() if "[i18n.catalog]" in line]
        assert len(lines) == 1, warnings
        assert "locales/fr/LC_MESSAGES/index.po:11: WARNING: end-of-line within string" in lines[0]


def test_the_source_language_build_reads_no_catalog(make_app, broken_french):
    app = make_app("html", srcdir=broken_french, confoverrides={"extensions": [
        "myst_parser", "scripts.i18n.checked_catalogs"]})
    app.build()
    assert "index.po" not in app.warning.getvalue()
