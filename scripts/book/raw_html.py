"""Raw HTML in a page may only format text: nothing that runs, loads or submits.

MyST passes HTML written in a page straight to the HTML and EPUB writers. A page is untrusted,
so raw HTML is checked against a small safe subset while the page is read: formatting and
structure elements, with ``class``, ``id``, ``lang``, ``dir``, ``title`` and table-cell spans,
and links to http(s), mailto or within the book. Anything else (``<script>``, ``<style>``,
``<iframe>``, ``<img>``, forms, event handlers, ``style`` attributes, ``javascript:`` or
``data:`` addresses) is refused with the page's file and line, and the raw block is dropped from
every edition. The page is refused rather than silently rewritten, so that its author learns
what did not pass and the editions never differ from what the page says.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from scripts.book.confinement import LINK_SCHEMES

logger = logging.getLogger(__name__)

ALLOWED_ELEMENTS = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q",
    "s", "samp", "small", "span", "strong", "sub", "summary", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
ALLOWED_ATTRIBUTES = frozenset({"class", "id", "lang", "dir", "title", "colspan", "rowspan",
                                "scope", "headers", "abbr", "datetime", "cite", "href"})
ADVICE = ("write it in MyST instead (images, links, tables and the book's components all have "
          "MyST forms)")


class _SafeSubsetChecker(HTMLParser):
    """Collect what falls outside the safe subset, each named once."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def note(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "input" and _is_inert_tick_box(dict(attrs)):
            return
        if tag not in ALLOWED_ELEMENTS:
            self.note(f"<{tag}>")
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.note(f"the event handler {name}")
            elif name not in ALLOWED_ATTRIBUTES:
                self.note(f"the attribute {name} on <{tag}>")
            elif name in ("href", "cite") and not _safe_address(value or ""):
                self.note(f"the address {value}")

    handle_startendtag = handle_starttag

    def handle_decl(self, decl: str) -> None:
        self.note(f"<!{decl.split()[0] if decl.split() else decl}>")

    def handle_pi(self, data: str) -> None:
        self.note("a processing instruction")

    def unknown_decl(self, data: str) -> None:
        self.note("a CDATA section")


def _is_inert_tick_box(attributes: dict[str, str | None]) -> bool:
    """MyST writes a task list's items as disabled tick boxes: they submit nothing."""
    return (attributes.get("type") == "checkbox" and "disabled" in attributes
            and set(attributes) <= {"type", "disabled", "checked", "class"})


def _safe_address(value: str) -> bool:
    # browsers ignore control characters and spaces inside a scheme ("java\tscript:")
    cleaned = "".join(ch for ch in value if ch > " ").lower()
    # no scheme: a link within the book
    return urlsplit(cleaned).scheme in LINK_SCHEMES | {""}


def unsafe_parts(markup: str) -> list[str]:
    """What ``markup`` holds beyond the safe subset, in the order it appears."""
    checker = _SafeSubsetChecker()
    checker.feed(markup)
    checker.close()
    return checker.problems


class RefuseUnsafeRawHtml(SphinxTransform):
    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        for raw in list(self.document.findall(nodes.raw)):
            formats = raw.get("format", "").split()
            if not formats:
                continue
            if "html" not in formats:
                # raw LaTeX and the like reach no edition of a MyST book; nothing to check
                continue
            problems = unsafe_parts(raw.astext())
            if problems:
                logger.warning("raw HTML with %s is not allowed in a page; %s",
                               ", ".join(problems), ADVICE, location=raw,
                               type="raw_html", subtype="unsafe")
                raw.parent.remove(raw)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(RefuseUnsafeRawHtml)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
