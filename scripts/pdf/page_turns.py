"""Never end a page with a hyphenated word: its second half would be read after the page turn.

CSS has no property for it (``hyphenate-limit-last: page`` is in CSS Text 4, not in
WeasyPrint 70), and ``widows``/``orphans`` count lines, not where a word is cut. So
:func:`install` wraps the function with which WeasyPrint's block layout fills a page with a
paragraph's lines (``weasyprint.layout.block._linebox_layout``, private in the pinned
version). When the last line it keeps on the page ends with a hyphenation point:

1. if the paragraph keeps its ``orphans`` without that line, the line moves to the next page
   (and the line before it, if it ends the same way). The page ends one line short, which a
   book with a ragged foot of page allows;
2. otherwise that line is laid out again from the same start with hyphenation off
   (``hyphens: none`` for this one line only): the cut word goes whole to the next page, the
   line holds one word less and, justified, spaces its words a little wider.

For the second case, moving the paragraph's start to the next page, as ``orphans`` does, was
the other choice WeasyPrint allows (abort the box, as its own ``_break_line`` does). It was
not taken: it leaves ``orphans`` lines or more empty at the foot of the page, and pulls a
heading kept with the paragraph along with it, where one looser line changes nothing else.
The line is laid out by WeasyPrint's own ``iter_line_boxes``, so justification, placeholders
and the resume point stay WeasyPrint's.

A line with a footnote call stays where it is: its note is already placed at the foot of this
page. ``layout_checks.hyphens_at_page_end`` reports what is left; the tests render a paragraph
that breaks on a hyphen without this module, and one whose break would leave fewer lines than
``orphans`` if its last line moved. Nothing here knows Sphinx.
"""

from __future__ import annotations

import contextlib
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


@contextlib.contextmanager
def _hyphenation_off():
    """While active, WeasyPrint's inline layout splits text as if ``hyphens: none``."""
    from weasyprint.layout import inline

    split_first_line = inline.split_first_line

    @functools.wraps(split_first_line)
    def split_whole_words(text, style, *args, **kwargs):
        unhyphenated = style.copy()
        unhyphenated["hyphens"] = "none"
        return split_first_line(text, unhyphenated, *args, **kwargs)

    inline.split_first_line = split_whole_words
    try:
        yield
    finally:
        inline.split_first_line = split_first_line


def _line_without_hyphen(
    context,
    child,
    line,
    start,
    bottom_space,
    containing_block,
    absolute_boxes,
    fixed_boxes,
    first_letter_style,
    first_line_style,
):
    """``line`` laid out again from ``start`` with hyphenation off, or None if that fails."""
    from weasyprint.layout.inline import iter_line_boxes

    with _hyphenation_off():
        lines = iter_line_boxes(
            context,
            child,
            line.position_y,
            bottom_space,
            start,
            containing_block,
            absolute_boxes,
            fixed_boxes,
            first_letter_style if start is None else None,
            first_line_style if start is None else None,
        )
        new_line, resume_at = next(lines, (None, None))
    if (
        new_line is None
        or resume_at is None
        or ends_hyphenated(new_line)
        or new_line.position_y + new_line.height > line.position_y + line.height
    ):
        return None
    new_line.resume_at = resume_at
    return new_line


def _whole_words_at_page_end(linebox_layout):
    from weasyprint.layout.block import remove_placeholders

    @functools.wraps(linebox_layout)
    def lay_out_lines(
        context, box, index, child, new_children, page_is_empty, absolute_boxes, fixed_boxes, *args
    ):
        abort, stop, resume_at, position_y, new_footnotes, max_lines = linebox_layout(
            context,
            box,
            index,
            child,
            new_children,
            page_is_empty,
            absolute_boxes,
            fixed_boxes,
            *args,
        )
        if abort or not stop or resume_at is None:
            return abort, stop, resume_at, position_y, new_footnotes, max_lines
        while (
            len(new_children) > max(box.style["orphans"], 1)
            and ends_hyphenated(new_children[-1])
            and not _calls_a_footnote(new_children[-1])
        ):
            moved = new_children.pop()
            remove_placeholders(context, moved.children, absolute_boxes, fixed_boxes)
            # the paragraph resumes with the moved line and ends where that line began
            resume_at = {index: new_children[-1].resume_at}
            position_y = moved.position_y
        if (
            new_children
            and ends_hyphenated(new_children[-1])
            and not _calls_a_footnote(new_children[-1])
        ):
            # moving the line would leave fewer than ``orphans`` lines: keep it, whole words
            _, bottom_space, _, skip_stack, first_letter_style, first_line_style, *_ = args
            start = new_children[-2].resume_at if len(new_children) > 1 else skip_stack
            cut = new_children[-1]
            whole = _line_without_hyphen(
                context,
                child,
                cut,
                start,
                bottom_space,
                box,
                absolute_boxes,
                fixed_boxes,
                first_letter_style,
                first_line_style,
            )
            if whole is not None:
                remove_placeholders(context, cut.children, absolute_boxes, fixed_boxes)
                new_children[-1] = whole
                resume_at = {index: whole.resume_at}
                position_y = whole.position_y + whole.height
        return abort, stop, resume_at, position_y, new_footnotes, max_lines

    lay_out_lines.whole_words_at_page_end = True
    return lay_out_lines


def install() -> None:
    """Make WeasyPrint's page breaks inside paragraphs fall between whole words (idempotent)."""
    from weasyprint.layout import block

    if not getattr(block._linebox_layout, "whole_words_at_page_end", False):
        block._linebox_layout = _whole_words_at_page_end(block._linebox_layout)
