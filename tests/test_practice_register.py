"""A practice is a box once in the book; a second box with its title is refused where it is."""

from __future__ import annotations

from pathlib import Path

import pytest

PRACTICE = """:::{{practice}} {title}
:evaluated: no

Aims
: To help.

Partners
: Schools.

What was done
: Work.

Results and evaluation
: None published.

Source
: A report.
:::
"""


def write_book(folder: Path, unique: bool) -> Path:
    folder.mkdir()
    (folder / "conf.py").write_text(
        'extensions = ["myst_parser", "scripts.book.practice_register"]\n'
        'myst_enable_extensions = ["colon_fence", "deflist"]\n'
        f"practice_titles_unique = {unique}\n")
    (folder / "index.md").write_text("# Book\n\n```{toctree}\none\ntwo\n```\n")
    (folder / "one.md").write_text("# One\n\n" + PRACTICE.format(title="Aarhus (Denmark)")
                                   + "\n" + PRACTICE.format(title="Vilvoorde (Belgium)"))
    (folder / "two.md").write_text("# Two\n\nText.\n\n"
                                   + PRACTICE.format(title="aarhus  (DENMARK)"))
    return folder


@pytest.mark.parametrize("unique", [True, False])
def test_a_repeated_practice_is_refused_at_its_line(make_app, tmp_path, unique):
    app = make_app("html", srcdir=write_book(tmp_path / "book", unique), freshenv=True)
    app.build()
    warnings = app.warning.getvalue()
    expected = ("two.md:5: WARNING: the practice 'aarhus  (DENMARK)' is already a box in "
                "one.md (line 3); describe a practice once, and refer to that chapter here "
                "instead: {doc}`/one`")
    assert (expected in warnings) is unique, warnings
    assert "Vilvoorde" not in warnings
