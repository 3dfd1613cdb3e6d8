"""Read what a reader would see in a PDF: page texts, the printed contents, the bookmarks."""

from __future__ import annotations

import re
from pathlib import Path

from pypdf import PdfReader

_TOC_LINE = re.compile(r"^(?P<title>.*?)\s*\.{3,}\s*(?P<page>\d+)\s*$")


def normalised(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


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
                found.append((item.title, level, reader.get_destination_page_number(item) + 1))

    visit(reader.outline, 1)
    return found


def running_header(text: str) -> str:
    lines = text.strip().splitlines()
    return normalised(lines[0]) if lines else ""


def chapter_starts_on(texts: list[str], title: str, page: int) -> bool:
    """True when ``page`` (1-based) opens the chapter: its heading is printed there under the
    chapter's running header, and the page before still belongs to something else."""
    here = normalised(texts[page - 1])
    before = running_header(texts[page - 2]) if page > 1 else ""
    return (running_header(texts[page - 1]) == title and here.count(title) >= 2
            and before != title)
