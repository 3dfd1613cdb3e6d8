"""Stop WeasyPrint 70 from breaking a line after its first word when a space hangs at its end.

A run of text that ends with a space before an inline element (``has a published <a>…``) and
fits the line only without that space is measured with it by WeasyPrint's
``split_first_line``: the run looks too wide, and the function falls back to the case of a
line that cannot be split earlier, keeping only the first word (or its first syllable:
"At-/tacks", "Be/honest", "(GDPR)/and national law"). Pango has already put the whole run on
one line, the space hanging past the edge as CSS Text 3 lets a collapsible space do, so the
run fits. Printed, such a paragraph shows a forced break in its middle.

:func:`install` wraps the function where the inline layout calls it: when the first line it
returns holds a single word, and the run without its trailing spaces fits the width, the run
is laid out whole. Everything else goes through unchanged. The wrapper is idempotent and
relies on the pinned WeasyPrint version; the tests render a paragraph that shows the fault.
Nothing here knows Sphinx.
"""

from __future__ import annotations

import functools
from typing import Any

# white-space values whose spaces collapse, and may hang at the end of a line
COLLAPSING = ("normal", "nowrap", "pre-line")


def _is_one_word_fallback(text: str, length: int, resume_index: int | None) -> bool:
    if resume_index is None:
        return False
    first_line = text.encode()[:length].decode(errors="ignore").strip(" ")
    return " " not in first_line


def _fits_without_trailing_space(text: str, style: Any, context: Any, max_width: float) -> bool:
    from weasyprint.text.line_break import create_layout, line_size

    stripped = text.rstrip(" ")
    if not stripped or "\n" in stripped:
        return False
    layout = create_layout(stripped, style, context, None, 0)
    first_line, _ = layout.get_first_line()
    width, _ = line_size(first_line, style)
    layout.deactivate()
    return width <= max_width


def _hanging_space_aware(split_first_line):
    @functools.wraps(split_first_line)
    def split(text, style, context, max_width, justification_spacing, is_line_start=True,
              minimum=False):
        result = split_first_line(text, style, context, max_width, justification_spacing,
                                  is_line_start, minimum)
        _, length, resume_index, *_ = result
        if (max_width is not None and not minimum and text.endswith(" ")
                and style["white_space"] in COLLAPSING
                and _is_one_word_fallback(text, length, resume_index)
                and _fits_without_trailing_space(text, style, context, max_width)):
            # unlimited width: the whole run on one line, as when it fits with its space
            return split_first_line(text, style, context, None, justification_spacing,
                                    is_line_start, minimum)
        return result

    split.hanging_space_aware = True
    return split


def install() -> None:
    """Route WeasyPrint's inline layout through the corrected line splitting (idempotent)."""
    from weasyprint.layout import inline

    if not getattr(inline.split_first_line, "hanging_space_aware", False):
        inline.split_first_line = _hanging_space_aware(inline.split_first_line)
