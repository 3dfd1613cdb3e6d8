"""Where each page of a laid-out document starts: the page number, the source document and the
first words on the page.

An EPUB made from the same sources can mark these places as page breaks and list them in its
page list, so that a reader of the EPUB can follow a class or a meeting that works from the PDF
("turn to page 34"); WCAG technique H99 accepts a PDF as the source of such pagination. The
words are taken from the laid-out boxes, in reading order, leaving out the page margins (running
heads, page numbers), the footnote area and generated text (counters, list markers, page
references), none of which exists in the other edition's text.

The single HTML page that Sphinx's single-page builder writes marks where each source document
starts with an empty ``<span id="document-<name>">``; the page's document is the one whose mark
comes last before its first words. Pages before the first mark (a cover, a printed contents) have
no document.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DOCUMENT_MARK_PREFIX = "document-"
# enough of a page's first words to find them again, even when the first few belong to text
# the other edition lacks
TEXTS_KEPT = 12
CHARACTERS_KEPT = 240


def _document_of_elements(root: Any) -> dict[int, str]:
    """``id(element)`` -> name of the source document it belongs to, in document order."""
    owners: dict[int, str] = {}
    current = None
    for element in root.iter():
        identifier = element.get("id") if isinstance(element.tag, str) else None
        if identifier and identifier.startswith(DOCUMENT_MARK_PREFIX):
            current = identifier[len(DOCUMENT_MARK_PREFIX):]
        if current is not None:
            owners[id(element)] = current
    return owners


def _flow_texts(box: Any) -> Iterator[Any]:
    """The text boxes of the page's flow, in order: no margins, footnote area or generated text."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, (boxes.MarginBox, boxes.FootnoteAreaBox)):
        return
    if "::" in (box.element_tag or ""):
        return
    if isinstance(box, boxes.TextBox):
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _flow_texts(child)


def page_starts(document: Any, root: Any) -> list[dict[str, Any]]:
    """For each page of a rendered WeasyPrint ``document`` whose HTML tree is ``root``: its
    number, its source document (or None) and the texts of its first boxes."""
    owners = _document_of_elements(root)
    starts = []
    for number, page in enumerate(document.pages, start=1):
        texts, document_name, length = [], None, 0
        for box in _flow_texts(page._page_box):
            if not texts:
                document_name = owners.get(id(box.element))
            texts.append(box.text)
            length += len(box.text)
            if len(texts) >= TEXTS_KEPT or length >= CHARACTERS_KEPT:
                break
        starts.append({"page": number, "document": document_name, "texts": texts})
    return starts


def write_page_starts(path: Path, source: str, starts: list[dict[str, Any]]) -> None:
    """Write the page starts of the edition named ``source`` as JSON, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump({"source": source, "pages": starts}, stream, ensure_ascii=False, indent=0)
        # mkstemp creates owner-only files; this one is published beside the PDF
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
