"""A character the PDF's fonts cannot draw is refused while the page is read.

WeasyPrint draws a character that its font lacks from whatever system font has one, and the
PDF build's layout check (:func:`scripts.pdf.layout_checks.stand_in_glyphs`) then refuses
the edition, naming the page of the PDF: minutes into ``make``, and far from the sentence a
partner typed. The question can be asked as soon as a page is read instead: is every character
of its text in one of the fonts the PDF ships (``pdf_font_faces``, ``pdf_static_path``)? Asked
here, the answer comes from every build and from ``make check``, at the source's file and
line, in the page's own language (a translated page is checked in its translation).

The fonts are the source files of ``pdf_font_faces`` and the font files in ``pdf_static_path``;
a book that ships none is not checked.
"""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT_SUFFIXES = (".ttf", ".otf")
CONTEXT_CHARS = 40


@functools.cache
def coverage(fonts: tuple[Path, ...]) -> frozenset[int]:
    """The code points any of ``fonts`` has a glyph for."""
    from fontTools.ttLib import TTFont

    covered: set[int] = set()
    for font in fonts:
        covered.update(TTFont(font, fontNumber=0, lazy=True).getBestCmap())
    return frozenset(covered)


@functools.cache
def fonts_in(folders: tuple[Path, ...]) -> tuple[Path, ...]:
    """The font files of ``folders``: listed once per process, not once per page."""
    return tuple(sorted(path for folder in folders if folder.is_dir()
                        for path in folder.iterdir() if path.suffix.lower() in FONT_SUFFIXES))


def book_fonts(app: Sphinx) -> tuple[Path, ...]:
    shipped = fonts_in(tuple(Path(app.confdir, folder) for folder in app.config.pdf_static_path))
    faces = tuple(Path(app.confdir, entry["file"]) for entry in app.config.pdf_font_faces)
    return tuple(sorted(set(shipped + faces)))


def missing_characters(text: str, covered: frozenset[int]) -> list[str]:
    # spaces and format characters (soft hyphen, joiners) are never drawn, so need no glyph
    return sorted({char for char in text if ord(char) not in covered and not char.isspace()
                   and unicodedata.category(char) != "Cf"})


def check_characters(app: Sphinx, doctree: nodes.document) -> None:
    fonts = book_fonts(app)
    if not fonts:
        return
    covered = coverage(fonts)
    for text in doctree.findall(nodes.Text):
        if isinstance(text.parent, nodes.raw | nodes.comment):
            continue  # refused elsewhere (raw HTML) or never printed (comments)
        missing = missing_characters(str(text), covered)
        if missing:
            letters = ", ".join(f"'{char}' (U+{ord(char):04X} {unicodedata.name(char, '')})"
                                .replace(" )", ")") for char in missing)
            context = " ".join(str(text).split())[:CONTEXT_CHARS]
            logger.warning("%s in '%s' is not in the PDF's font (%s), so the PDF cannot print "
                           "it; write it another way (a word, or a character the font has)",
                           letters, context, ", ".join(font.name for font in fonts),
                           location=text.parent, type="pdf", subtype="glyph")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scripts.pdf.builder")  # which declares pdf_static_path, pdf_font_faces
    app.connect("doctree-read", check_characters)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
