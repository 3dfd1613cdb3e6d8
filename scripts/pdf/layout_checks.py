"""What WeasyPrint lays out wrong in silence: text past the page edge, glyphs from a stand-in font.

WeasyPrint logs neither: a long address runs out of the text area, and a character the chosen
font lacks is drawn from whatever system font has it. Both spoil a printed page unnoticed, so
the renderer asks these functions after layout and reports each problem with its page.
Nothing here knows Sphinx.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterator
from typing import Any

from scripts.pdf.page_turns import ends_hyphenated

# Half a point: rounding in line layout, never visible on paper.
TOLERANCE_PT = 0.5
PX_PER_MM = 96 / 25.4
CONTEXT_CHARS = 40


def descendants(box: Any) -> Iterator[Any]:
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout.absolute import AbsolutePlaceholder

    stack = [box]
    while stack:
        current = stack.pop()
        if isinstance(current, AbsolutePlaceholder):
            current = current._box
        yield current
        if isinstance(current, boxes.ParentBox) and not isinstance(current, boxes.MarginBox):
            stack.extend(reversed(current.children))


def describe(box: Any) -> str:
    text = getattr(box, "text", None)
    if text is None and box.element is not None:
        text = "".join(box.element.itertext())
    text = " ".join((text or "").split())[:CONTEXT_CHARS]
    tag = box.element_tag or "box"
    return f"<{tag}> '{text}'" if text else f"<{tag}>"


def overflowing_boxes(document: Any) -> list[str]:
    """Boxes whose right or left edge lies outside their page's content area."""
    from weasyprint.formatting_structure import boxes

    problems = []
    tolerance = TOLERANCE_PT * 96 / 72
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left = page_box.content_box_x()
        right = left + page_box.width
        reported: list[Any] = []
        for box in descendants(page_box):
            if isinstance(box, boxes.PageBox) or box.width is None:
                continue
            if box.style["position"] in ("absolute", "fixed"):
                continue
            start = box.border_box_x()
            beyond = max(start + box.border_width() - right, left - start)
            # the outermost box that overflows names the problem; its contents overflow with it
            if beyond > tolerance and not any(_inside(box, outer) for outer in reported):
                reported.append(box)
                problems.append(f"page {number}: {describe(box)} runs {beyond / PX_PER_MM:.1f} mm "
                                "outside the text area; allow it to wrap or make it narrower")
    return _first_of_each(problems)


def _inside(box: Any, outer: Any) -> bool:
    return any(candidate is box for candidate in descendants(outer))


def _first_of_each(problems: list[str]) -> list[str]:
    # a wide table reports every cell of every row; the first of each kind on a page is enough
    seen, kept = set(), []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            kept.append(problem)
    return kept


def _cmap(file_content: bytes) -> set[int]:
    from fontTools.ttLib import TTFont

    return set(TTFont(io.BytesIO(file_content), fontNumber=0, lazy=True).getBestCmap())


def stand_in_glyphs(document: Any) -> list[str]:
    """Characters drawn from another font than the first family their style asks for.

    Call after ``write_pdf``: WeasyPrint records the fonts it used (``document.fonts``) while
    drawing.
    """
    from weasyprint.formatting_structure import boxes

    coverage: dict[str, set[int]] = {}
    for font in document.fonts.values():
        coverage.setdefault(font.family, set()).update(_cmap(font.file_content))
    problems = []
    for number, page in enumerate(document.pages, start=1):
        for box in descendants(page._page_box):
            if not isinstance(box, boxes.TextBox):
                continue
            family = box.style["font_family"][0]
            covered = coverage.get(family)
            if covered is None:
                continue  # a generic family (serif, monospace) names no font to compare with
            # format characters (soft hyphen, joiners) are never drawn, so need no glyph
            missing = sorted({char for char in box.text if ord(char) not in covered
                              and not char.isspace() and unicodedata.category(char) != "Cf"})
            if missing:
                letters = ", ".join(f"'{char}' U+{ord(char):04X}" for char in missing)
                problems.append(f"page {number}: {letters} in '{box.text.strip()[:CONTEXT_CHARS]}' "
                                f"is not in the font '{family}' and was drawn from another one; "
                                "use a font that has it or another character")
    return _first_of_each(problems)


# --- lines: where a paragraph breaks ----------------------------------------------------------

# A justified line that is not its paragraph's last is stretched to the full measure; one this
# much shorter held a single word that could not be stretched: the line was broken too early.
FORCED_BREAK_RATIO = 0.75


def _paragraph_pieces(page_box: Any) -> list[Any]:
    """The blocks of lines on one page, each a paragraph or the part of it on that page."""
    from weasyprint.formatting_structure import boxes

    return [box for box in descendants(page_box)
            if isinstance(box, boxes.BlockContainerBox) and box.children
            and isinstance(box.children[0], boxes.LineBox) and box.element is not None]


def _line_text(line: Any) -> str:
    from weasyprint.formatting_structure import boxes

    return "".join(box.text for box in descendants(line) if isinstance(box, boxes.TextBox))


def _line_width(line: Any) -> float:
    ends = [child.position_x + child.margin_width() for child in line.children]
    return max(ends, default=line.position_x) - line.position_x


def _pieces_by_page(document: Any) -> list[tuple[int, list[Any], set[int]]]:
    """(page number, paragraph pieces, ids of the elements continued on the next page)."""
    pieces = [_paragraph_pieces(page._page_box) for page in document.pages]
    result = []
    for number, on_page in enumerate(pieces, start=1):
        following = pieces[number] if number < len(pieces) else []
        result.append((number, on_page, {id(piece.element) for piece in following}))
    return result


def forced_line_breaks(document: Any) -> list[str]:
    """Justified lines, not their paragraph's last, that end far short of the measure."""
    problems = []
    for number, pieces, continued in _pieces_by_page(document):
        for piece in pieces:
            if piece.style["text_align_all"] != "justify":
                continue
            lines = piece.children
            ends_paragraph = id(piece.element) not in continued
            for index, line in enumerate(lines):
                if index == len(lines) - 1 and ends_paragraph:
                    break
                if _line_width(line) < FORCED_BREAK_RATIO * piece.width:
                    problems.append(f"page {number}: the line '{_line_text(line).strip()}' of "
                                    f"{describe(piece)} breaks before the end of its measure")
    return problems


def hyphens_at_page_end(document: Any) -> list[str]:
    """Paragraphs whose last line on a page ends with a word cut by hyphenation."""
    problems = []
    for number, pieces, continued in _pieces_by_page(document):
        for piece in pieces:
            if id(piece.element) in continued and ends_hyphenated(piece.children[-1]):
                word = _line_text(piece.children[-1]).split()[-1]
                problems.append(f"page {number}: {describe(piece)} ends the page with '{word}'")
    return problems
