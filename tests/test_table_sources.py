"""A table with a caption, even inside a list, is translated like any other text."""

from __future__ import annotations

PAGE = """\
# Plan

1. **Parties.**

   :::{table} Parties to the plan
   | Party | Contact |
   | --- | --- |
   | City council | … |
   :::
"""
CONF = """\
extensions = ["myst_parser", "scripts.book.table_sources"]
myst_enable_extensions = ["colon_fence"]
locale_dirs = ["locales"]
"""
GERMAN = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Parties to the plan"
msgstr "Beteiligte des Plans"

msgid "City council"
msgstr "Stadtrat"
"""


def write_book(path):
    path.mkdir()
    (path / "conf.py").write_text(CONF)
    (path / "index.md").write_text(PAGE)
    catalogs = path / "locales" / "de" / "LC_MESSAGES"
    catalogs.mkdir(parents=True)
    (catalogs / "index.po").write_text(GERMAN)
    return path


def test_cells_of_a_captioned_table_are_extracted(make_app, tmp_path):
    app = make_app("gettext", srcdir=write_book(tmp_path / "book"))
    app.build()
    pot = (app.outdir / "index.pot").read_text()
    for message in ("Parties to the plan", "Party", "City council"):
        assert f'msgid "{message}"' in pot, message


def test_cells_of_a_captioned_table_are_translated(make_app, tmp_path):
    app = make_app("html", srcdir=write_book(tmp_path / "book"), confoverrides={"language": "de"})
    app.build()
    page = (app.outdir / "index.html").read_text()
    assert "Beteiligte des Plans" in page
    assert "<p>Stadtrat</p>" in page
