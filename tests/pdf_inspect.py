"""Read what a reader would see in a PDF: page texts, the printed contents, the bookmarks, the
form fields."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pikepdf
from fontTools.ttLib import TTFont
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
    """True when ``page`` (1-based) opens the chapter: its heading is printed there, under no
    running head (the heading says it), while the page before belongs to something else and
    the page after, if the chapter goes on, is headed with its title."""
    before = headers[page - 2] if page > 1 else ""
    after = headers[page] if page < len(headers) else ""
    return (headers[page - 1] == "" and title in normalised(texts[page - 1])
            and before != title and after in (title, ""))


def terminal_fields(document: pikepdf.Pdf) -> Iterator[tuple[str, pikepdf.Dictionary]]:
    """Each field that holds a value, with its full name: its parents' names and its own."""
    stack = [(field, "") for field in document.Root.AcroForm.Fields]
    while stack:
        field, prefix = stack.pop()
        name = f"{prefix}{field.T}"
        if "/Kids" in field:
            stack.extend((kid, f"{name}.") for kid in field.Kids)
        else:
            yield name, field


def field_font(document: pikepdf.Pdf, field: pikepdf.Dictionary) -> tuple[TTFont, float]:
    """The font a reader writes a field's text in, and its size."""
    *_, name, size, _operator = str(field.DA).split()
    font = document.Root.AcroForm.DR.Font[name].DescendantFonts[0]
    return TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes())), float(size)


def text_width(font: TTFont, text: str, size: float) -> float:
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    return sum(metrics[cmap[ord(c)]][0] for c in text) / font["head"].unitsPerEm * size


# points a reader leaves on each side of a text field's value
READER_INSET = 2 * 2.0


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
