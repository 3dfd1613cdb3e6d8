"""Never end a page with a hyphenated word: its second half would be read after the page turn.

CSS has no property for it (``hyphenate-limit-last: page`` is in CSS Text 4, not in
WeasyPrint 70), and ``widows``/``orphans`` count lines, not where a word is cut. So
:func:`install` wraps the function with which WeasyPrint's block layout fills a page with a
paragraph's lines (``weasyprint.layout.block._linebox_layout``, private in the pinned
version): when the last line it keeps on the page ends with a hyphenation point, and the
paragraph keeps its ``orphans`` without it, that line moves to the next page too (and
the line before it, if it ends the same way). The page
ends one line short, which a book with a ragged foot of page allows. A line with a footnote
call stays where it is: its note is already placed at the foot of this page.

``layout_checks.hyphens_at_page_end`` reports what is left; the tests render a paragraph that
breaks on a hyphen without this module. Nothing here knows Sphinx.
"""

from __future__ import annotations

import functools
from typing import Any


def last_text(line: Any) -> Any | None:
    """The line's last piece of text, if any."""
    from weasyprint.formatting_structure import boxes

    texts = [box for box in line.descendants() if isinstance(box, boxes.TextBox)]
    return texts[-1] if texts else None


def ends_hyphenated(line: Any) -> bool:
    """True when the line ends with a word cut by hyphenation (not a hyphen of the text)."""
    text = last_text(line)
    if text is None:
        return False
    return text.text.rstrip(" ").endswith(text.style["hyphenate_character"])


def _calls_a_footnote(line: Any) -> bool:
    return any(getattr(box, "footnote", None) is not None for box in line.descendants())


def _whole_words_at_page_end(linebox_layout):
    from weasyprint.layout.block import remove_placeholders

    @functools.wraps(linebox_layout)
    def lay_out_lines(context, box, index, child, new_children, page_is_empty, absolute_boxes,
                      fixed_boxes, *args):
        abort, stop, resume_at, position_y, new_footnotes, max_lines = linebox_layout(
            context, box, index, child, new_children, page_is_empty, absolute_boxes,
            fixed_boxes, *args)
        if abort or not stop or resume_at is None:
            return abort, stop, resume_at, position_y, new_footnotes, max_lines
        while (len(new_children) > max(box.style["orphans"], 1)
               and ends_hyphenated(new_children[-1])
               and not _calls_a_footnote(new_children[-1])):
            moved = new_children.pop()
            remove_placeholders(context, moved.children, absolute_boxes, fixed_boxes)
            # the paragraph resumes with the moved line and ends where that line began
            resume_at = {index: new_children[-1].resume_at}
            position_y = moved.position_y
        return abort, stop, resume_at, position_y, new_footnotes, max_lines

    lay_out_lines.whole_words_at_page_end = True
    return lay_out_lines


def install() -> None:
    """Make WeasyPrint's page breaks inside paragraphs fall between whole words (idempotent)."""
    from weasyprint.layout import block

    if not getattr(block._linebox_layout, "whole_words_at_page_end", False):
        block._linebox_layout = _whole_words_at_page_end(block._linebox_layout)
