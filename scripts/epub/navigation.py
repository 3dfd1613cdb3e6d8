"""The landmarks of the EPUB's navigation document: where the main parts of the book begin.

Reading systems offer landmarks as shortcuts ("go to the start", "go to the glossary") and
assistive technology announces them. ``epub_landmarks`` in ``conf.py`` maps an EPUB structural
type (``bodymatter``, ``glossary``, ``bibliography``...) to a document name or a pattern; the
first document in reading order that matches is the landmark, labelled with its own title.

The page list, which follows the pages of the language's PDF, is :mod:`.page_list`'s.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from fnmatch import fnmatchcase
from typing import NamedTuple


class Landmark(NamedTuple):
    epub_type: str
    href: str
    label: str


def first_match(pattern: str, documents: Iterable[str]) -> str | None:
    return next((name for name in documents if fnmatchcase(name, pattern)), None)


def landmarks_nav(landmarks: list[Landmark]) -> str:
    """The ``<nav epub:type="landmarks">`` element; hidden, as reading systems show it in
    their own menus rather than as a page."""
    items = "".join(
        f'        <li><a epub:type="{html.escape(mark.epub_type)}" '
        f'href="{html.escape(mark.href)}">{html.escape(mark.label)}</a></li>\n'
        for mark in landmarks
    )
    return (
        '    <nav epub:type="landmarks" hidden="hidden">\n'
        "      <ol>\n"
        f"{items}"
        "      </ol>\n"
        "    </nav>\n"
    )
