"""Read what a reader would see in a PDF: page texts, the printed contents, the bookmarks."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pikepdf
from pypdf import PdfReader

_TOC_LINE = re.compile(r"^(?P<title>.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")


def normalised(text: str) -> str:
    # NFKC turns ligature glyphs that text extraction may return ("ﬃ") back into letters
    return " ".join(unicodedata.normalize("NFKC", text).replace("\xa0", " ").split())


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(pdf).pages]


def printed_contents(texts: list[str], heading: str) -> list[tuple[str, int]]:
    """(title, page) of each line with dot leaders on the pages that carry the contents."""
    entries = []
    for text in texts:
        if not text.lstrip().startswith(heading):
            continue
        for line in text.splitlines():
            if match := _TOC_LINE.match(line.strip()):
                entries.append((normalised(match["title"]), int(match["page"])))
    return entries


def outline(pdf: Path) -> list[tuple[str, int, int]]:
    """(title, level, 1-based page) of every bookmark, in order."""
    reader = PdfReader(pdf)
    found: list[tuple[str, int, int]] = []

    def visit(items, level):
        for item in items:
            if isinstance(item, list):
                visit(item, level + 1)
            else:
                found.append((normalised(item.title), level,
                              reader.get_destination_page_number(item) + 1))

    visit(reader.outline, 1)
    return found


def running_headers(pdf: Path, band: float = 50.0) -> list[str]:
    """The text printed in the top ``band`` points of each page: its running header."""
    headers = []
    for page in PdfReader(pdf).pages:
        top = float(page.mediabox.top)
        parts: list[str] = []

        def keep(text, cm, tm, _font, _size, parts=parts, top=top):
            # the text matrix times the current transformation gives the position on the page
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if text.strip() and y > top - band:
                parts.append(text)

        page.extract_text(visitor_text=keep)
        headers.append(normalised(" ".join(parts)))
    return headers


def chapter_starts_on(texts: list[str], headers: list[str], title: str, page: int) -> bool:
    """True when ``page`` (1-based) opens the chapter: the chapter's running header starts
    there, its heading is printed there, and the page before belongs to something else."""
    before = headers[page - 2] if page > 1 else ""
    return (headers[page - 1] == title and normalised(texts[page - 1]).count(title) >= 2
            and before != title)


def struct_elements(pdf: pikepdf.Pdf, tag: str) -> list[pikepdf.Dictionary]:
    """Structure elements of one type, in reading order; written apart from the code under test."""
    found = []

    def walk(node: pikepdf.Object) -> None:
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") in ("/MCR", "/OBJR"):
            return
        if node.get("/S") == pikepdf.Name("/" + tag):
            found.append(node)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    walk(pdf.Root.StructTreeRoot)
    return found
