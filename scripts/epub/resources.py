"""What the EPUB's content documents carry that a reflowable book has no use for.

Sphinx copies every static file of the theme and the site into the EPUB (the site's stylesheet
and favicon, the theme's unused stylesheet and icons) and its pages declare a viewport twice,
once from the theme and once from docutils. Reading systems must ignore viewports in reflowable
documents, and files that no document uses only weigh the book down; EPUBCheck reports both.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

_VIEWPORT = re.compile(r'\s*<meta name="viewport" content="[^"]*"\s*/>')
_DOCUMENT_LINK = re.compile(r'\b(?:href|src)="([^"]+)"')
_STYLESHEET_LINK = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""")


def drop_viewports(markup: str) -> str:
    return _VIEWPORT.sub("", markup)


def _local_targets(source: str, links: list[str]) -> set[str]:
    """Package paths of the files that ``links`` in the file at ``source`` point to."""
    targets = set()
    for link in links:
        path = link.split("#", 1)[0].split("?", 1)[0]
        if not path or ":" in path:  # a fragment only, or another scheme (http:, res:...)
            continue
        targets.add(posixpath.normpath(posixpath.join(posixpath.dirname(source), path)))
    return targets


def unreferenced_resources(root: Path, documents: list[str]) -> list[str]:
    """Files under ``root`` that are neither content documents nor used by them, directly or
    through a stylesheet, as package paths."""
    used: set[str] = set()
    pending = []
    for name in documents:
        text = (root / name).read_text(encoding="utf-8")
        pending.extend(_local_targets(name, _DOCUMENT_LINK.findall(text)))
    while pending:
        name = pending.pop()
        if name in used:
            continue
        used.add(name)
        if name.endswith(".css") and (root / name).is_file():
            text = (root / name).read_text(encoding="utf-8")
            links = [first or second for first, second in _STYLESHEET_LINK.findall(text)]
            pending.extend(_local_targets(name, links))
    resources = [path.relative_to(root).as_posix() for path in root.rglob("*")
                 if path.is_file() and path.suffix != ".xhtml"]
    return sorted(name for name in resources if name not in used)
