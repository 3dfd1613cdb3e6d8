"""Page break markers and a page list that follow a PDF laid out from the same sources.

A class, a training session or a council meeting often works from the printed or PDF book
("page 34"); a reader of the EPUB needs to reach the same place. WCAG technique H99 and the EPUB
Accessibility techniques accept any statically paginated edition, a PDF included, as the source
of an EPUB's page breaks, provided the package names it (``pageBreakSource``).

The PDF build records where each of its pages starts (:mod:`scripts.pdf.page_starts`): the
source document and the first words on the page. Here those words are found again in the same
document's doctree, searching forward from the previous page of that document, and an empty
marker (``role="doc-pagebreak"``, labelled with the page number) is put where the page starts.
Words are compared as letters only, so what the two layouts treat differently does not matter:
line-end hyphens, spacing, punctuation, list numbers and note numbers (a note call is a number in
brackets in one and generated in the other). A page whose words are not found (a cover, a printed
contents, a page that starts with text only the PDF has) gets no marker and no entry in the page
list, as the techniques allow: it is better to leave a page out than to send the reader to the
wrong place.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docutils import nodes

PAGE_STARTS_VARIABLE = "EPUB_PAGE_STARTS"
# letters of a page's first words that must match: long enough to be unique in a chapter, short
# enough to fit before the first text only one of the editions has
KEY_LENGTH = 40
SHORTEST_KEY = 16
MARKER_ID = "page-{page}"
# text the PDF does not lay out in the page's flow: notes go to the foot of the page
NOT_IN_FLOW = (nodes.footnote, nodes.comment, nodes.raw,
               nodes.system_message, nodes.substitution_definition)


class page_break(nodes.Inline, nodes.Element):  # docutils names its node classes in lower case
    """Where a page of the pagination source starts."""


@dataclass(frozen=True)
class PageStarts:
    """Where each page of the pagination source starts, and how to name that source."""

    source: str
    pages: tuple[dict[str, Any], ...]

    def of_document(self, docname: str) -> list[dict[str, Any]]:
        return [page for page in self.pages if page.get("document") == docname]


class PageStartsError(ValueError):
    """The page starts file cannot be read."""


def read_page_starts(path: Path) -> PageStarts | None:
    """The page starts recorded in ``path``; None when there is no such file."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return PageStarts(str(data["source"]), tuple(data["pages"]))
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        msg = f"{path}: not a page starts file ({exc}); build the PDF again"
        raise PageStartsError(msg) from exc


def normalised(text: str) -> str:
    """Letters only, case folded: what two layouts of the same words share."""
    return "".join(character for character in text.casefold() if character.isalpha())


def _in_flow(text: nodes.Text) -> bool:
    parent = text.parent
    while parent is not None:
        if isinstance(parent, NOT_IN_FLOW):
            return False
        parent = parent.parent
    return True


def _letters(doctree: nodes.Node) -> tuple[str, list[tuple[nodes.Text, int]]]:
    """The document's letters in reading order, each with the text node and offset it comes
    from."""
    letters: list[str] = []
    owners: list[tuple[nodes.Text, int]] = []
    for text in doctree.findall(nodes.Text):
        if not _in_flow(text):
            continue
        for offset, character in enumerate(str(text)):
            for letter in normalised(character):
                letters.append(letter)
                owners.append((text, offset))
    return "".join(letters), owners


def _find(letters: str, texts: list[str], start: int) -> tuple[int, int] | None:
    """Where the page's first words are, at or after ``start``, and how many letters were
    matched; the first boxes are dropped one by one when they hold text the document lacks (a
    label only the PDF prints)."""
    for first in range(len(texts)):
        key = normalised("".join(texts[first:]))[:KEY_LENGTH]
        if len(key) < SHORTEST_KEY:
            return None
        found = letters.find(key, start)
        if found >= 0:
            return found, len(key)
    return None


def _position(node: nodes.Node) -> int:
    """``node``'s index in its parent, by identity: text nodes compare equal by their value."""
    return next(index for index, child in enumerate(node.parent.children) if child is node)


def _block_start(text: nodes.Text) -> nodes.Node:
    """What a marker at the very start of ``text`` goes before.

    A page that starts with a heading or a paragraph is marked before it, not inside, so that
    the page number is not read as part of the heading's name. A marker before the heading of a
    section goes before the section, and one before a table's caption before the table, where
    HTML allows it.
    """
    target: nodes.Node = text
    while isinstance(target.parent, nodes.Inline) and _position(target) == 0:
        target = target.parent
    parent = target.parent
    if isinstance(parent, (nodes.paragraph, nodes.title)) and _position(target) == 0:
        target = parent
        if isinstance(target, nodes.title) and isinstance(target.parent,
                                                          (nodes.section, nodes.table)):
            target = target.parent
    return target


def mark_page_breaks(doctree: nodes.Node, pages: list[dict[str, Any]]) -> list[tuple[int, str]]:
    """Put a :class:`page_break` where each of ``pages`` starts in ``doctree``; return the
    pages marked, as ``(page number, marker id)``, in page order."""
    letters, owners = _letters(doctree)
    placed: list[tuple[int, nodes.Text, int]] = []
    start = 0
    for page in pages:
        match = _find(letters, [str(text) for text in page.get("texts", ())], start)
        if match is None:
            continue
        found, length = match
        text, offset = owners[found]
        placed.append((int(page["page"]), text, offset))
        # the next page starts after the words this one begins with
        start = found + length
    splits: dict[int, list[tuple[int, page_break]]] = {}
    for number, text, offset in placed:
        marker = page_break(page=number, ids=[MARKER_ID.format(page=number)])
        if offset == 0:
            target = _block_start(text)
            target.parent.insert(_position(target), marker)
        else:
            splits.setdefault(id(text), []).append((offset, marker))
    for _number, text, _offset in placed:
        if id(text) in splits:
            _split(text, splits.pop(id(text)))
    return [(number, MARKER_ID.format(page=number)) for number, _text, _offset in placed]


def _split(text: nodes.Text, markers: list[tuple[int, page_break]]) -> None:
    """Replace ``text`` by its pieces with the markers between them."""
    pieces: list[nodes.Node] = []
    value, previous = str(text), 0
    for offset, marker in sorted(markers, key=lambda item: item[0]):
        pieces += [nodes.Text(value[previous:offset]), marker]
        previous = offset
    pieces.append(nodes.Text(value[previous:]))
    parent, index = text.parent, _position(text)
    parent[index:index + 1] = pieces


def marker_html(node: page_break) -> str:
    """The empty, labelled marker that reading systems and assistive technology announce."""
    page = html.escape(str(node["page"]), quote=True)
    identifier = html.escape(node["ids"][0], quote=True)
    return (f'<span epub:type="pagebreak" role="doc-pagebreak" id="{identifier}" '
            f'aria-label="{page}"></span>')


def page_list_nav(entries: list[tuple[int, str]]) -> str:
    """The navigation document's page list: ``(page number, href)`` in page order; hidden, as
    reading systems offer it in their own "go to page" control."""
    items = "".join(f'        <li><a href="{html.escape(href)}">{number}</a></li>\n'
                    for number, href in sorted(entries))
    return ('    <nav epub:type="page-list" role="doc-pagelist" hidden="hidden">\n'
            "      <ol>\n"
            f"{items}"
            "      </ol>\n"
            "    </nav>\n")


def source_metadata(source: str) -> str:
    """The package's ``pageBreakSource``: which edition the page numbers are those of."""
    return f'    <meta property="pageBreakSource">{html.escape(source)}</meta>\n'
