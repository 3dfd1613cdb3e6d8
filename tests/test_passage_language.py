"""A passage in another language, marked [a title]{.language-en} in a page or a catalog, is
read in its language in every edition, and keeps that language's typography."""

from __future__ import annotations

import ast
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest
from sphinx.testing.util import SphinxTestApp

from scripts.i18n.typography import NBSP

TITLE = "Eroding Trust: The UK\u2019s Prevent Strategy"


def guidebook_setting(name: str):
    """A literal setting of the guidebook's conf.py, so the small book reads Markdown alike."""
    tree = ast.parse((Path(__file__).parents[1] / "conf.py").read_text(encoding="utf-8"))
    for statement in tree.body:
        if isinstance(statement, ast.Assign) and any(
            getattr(target, "id", None) == name for target in statement.targets
        ):
            return ast.literal_eval(statement.value)
    raise LookupError(name)


def build(rootdir, tmp_path_factory, builder: str, page: str | None = None) -> SphinxTestApp:
    source = tmp_path_factory.mktemp(builder) / "passages"
    shutil.copytree(rootdir / "test-passage-language", source)
    if page is not None:
        (source / "passages.md").write_text(page, encoding="utf-8")
    app = SphinxTestApp(
        builder,
        srcdir=source,
        confoverrides={"myst_enable_extensions": guidebook_setting("myst_enable_extensions")},
    )
    app.build()
    return app


@pytest.fixture(scope="module")
def editions(rootdir, tmp_path_factory):
    """The small French book as site page, EPUB and PDF, each built without a warning."""
    built = {}
    for builder in ("html", "epub", "pdf"):
        app = build(rootdir, tmp_path_factory, builder)
        try:
            assert app.warning.getvalue() == "", builder
            built[builder] = app.outdir
        finally:
            app.cleanup()
    return built


def test_the_site_gives_the_passage_its_language(editions):
    html = (editions["html"] / "passages.html").read_text(encoding="utf-8")
    assert re.search(rf'<span lang="en">{TITLE}</span>', html), html


def test_the_passage_keeps_its_own_typography_and_the_page_keeps_french(editions):
    html = (editions["html"] / "passages.html").read_text(encoding="utf-8")
    # no French no-break space before the colon inside the English title; one after it
    assert f"Eroding Trust{NBSP}:" not in html
    assert f"compte{NBSP}:" in html


def test_the_epub_gives_the_passage_lang_and_xml_lang(editions):
    with zipfile.ZipFile(editions["epub"] / "passages.epub") as book:
        page = book.read("passages.xhtml").decode()
    assert re.search(rf'<span lang="en" xml:lang="en">{TITLE}</span>', page), page


def test_the_pdf_gives_the_passage_element_its_language(editions):
    with pikepdf.open(editions["pdf"] / "passages.pdf") as pdf:
        assert str(pdf.Root.Lang) == "fr"
        languages = [
            (str(element.S), str(element.Lang))
            for element in pdf.objects
            if isinstance(element, pikepdf.Dictionary)
            and element.get("/Type") == "/StructElem"
            and "/Lang" in element
        ]
    assert languages == [("/Span", "en")]


def test_a_passage_in_no_known_language_is_refused_at_its_line(rootdir, tmp_path_factory):
    app = build(
        rootdir,
        tmp_path_factory,
        "html",
        "# Passages\n\nUn titre : [Eroding Trust]{.language-englsh}.\n",
    )
    try:
        warnings = app.warning.getvalue()
    finally:
        app.cleanup()
    assert re.search(r"passages\.md:3: WARNING: '\.language-englsh' names no language", warnings), (
        warnings
    )
