"""Keep every page inside the book: it may use files under the source folder, and nothing else.

A contributed page is untrusted input. Whatever it names — an included or literally included
file, an image (and, for SVG, what the image itself refers to), a download, a table read from a
file, a link to a local file, a bibliography entry's address — must be a file inside the
source folder once symbolic links are followed; anything else, on the machine or on the
network, is refused while the page is read, before any builder writes or fetches a byte. Each
refusal is a warning with the page's file and line, so ``-W`` stops every format at once.

Sphinx, MyST and docutils resolve a page's file references through
``BuildEnvironment.relfn2path``; this module refuses there, before the file is opened, and in
a read-time transform for the references that only builders would follow (images, downloads).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import Directive, DirectiveError
from docutils.parsers.rst.directives.misc import Raw
from docutils.parsers.rst.directives.tables import CSVTable
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

# schemes a link may use; everything else (file:, javascript:, data:...) is refused
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
# what an SVG may not contain: entities and document types (which can name files), scripts,
# and references to anything but its own fragments or embedded data
_SVG_DANGERS = {
    "a document type or entity declaration": re.compile(rb"<!(DOCTYPE|ENTITY)", re.I),
    "a script": re.compile(rb"<script\b|\son[a-z]+\s*=", re.I),
    "a reference to another file or address": re.compile(
        rb"""(?:href|src)\s*=\s*["'](?!#|data:image/)|url\(\s*["']?(?!#|data:image/)""", re.I),
}


class OutsideBookError(DirectiveError):
    """A page names something outside the book. Docutils, MyST and Sphinx's literalinclude turn
    it into a warning at the directive's line; the message says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(3, message)

    def __str__(self) -> str:
        return self.msg


def advice(config: Any) -> str:
    return (f"put the file under {config.confinement_source_label}/ and refer to it "
            "relatively")


def refusal(target: str, config: Any) -> str:
    return f"refers to {target}, outside the book; {advice(config)}"


def is_inside(path: str | os.PathLike[str], root: Path) -> bool:
    """True when ``path``, with symbolic links followed, lies in ``root``."""
    return Path(path).resolve().is_relative_to(root.resolve())


def is_remote(reference: str) -> bool:
    """True for anything with a URL scheme or a network location (``//host/...``)."""
    parts = urlsplit(reference)
    return bool(parts.netloc) or (len(parts.scheme) > 1)


def _guarded(original):
    """Wrap ``BuildEnvironment.relfn2path`` so that every file a page names is checked before it
    is opened. Only environments whose configuration turns the guard on are affected."""

    @functools.wraps(original)
    def relfn2path(self: BuildEnvironment, filename: str | Path,
                   docname: str | None = None) -> tuple[str, str]:
        relative, absolute = original(self, filename, docname)
        if getattr(self.config, "confinement", False) and not is_inside(absolute, self.srcdir):
            raise OutsideBookError(refusal(str(filename), self.config))
        return relative, absolute

    relfn2path.confined = True
    return relfn2path


def install_guard() -> None:
    if not getattr(BuildEnvironment.relfn2path, "confined", False):
        BuildEnvironment.relfn2path = _guarded(BuildEnvironment.relfn2path)


def _checked_file_option(directive: Directive) -> None:
    """``:file:`` must name a file in the book, ``:url:`` is never fetched."""
    config = directive.state.document.settings.env.config
    if "url" in directive.options:
        raise directive.error(refusal(directive.options["url"], config))
    if "file" in directive.options:
        env = directive.state.document.settings.env
        target = env.doc2path(env.docname).parent / directive.options["file"]
        if not is_inside(target, env.srcdir):
            raise directive.error(refusal(directive.options["file"], config))


class ConfinedRaw(Raw):
    def run(self) -> list[nodes.Node]:
        _checked_file_option(self)
        return super().run()


class ConfinedCSVTable(CSVTable):
    def run(self) -> list[nodes.Node]:
        _checked_file_option(self)
        return super().run()


def svg_problem(path: Path) -> str | None:
    content = path.read_bytes()
    for what, pattern in _SVG_DANGERS.items():
        if pattern.search(content):
            return what
    return None


class RefuseOutsideResources(SphinxTransform):
    """Remove, with a warning, every image, download and link that leaves the book.

    Runs while the page is read, before Sphinx's collectors copy images or downloads and before
    any builder (the EPUB builder fetches remote images) sees the page.
    """

    default_priority = 100

    def apply(self, **kwargs: Any) -> None:
        if not self.config.confinement:
            return
        for image in list(self.document.findall(nodes.image)):
            problem = self.image_problem(image["uri"])
            if problem:
                self.refuse(image, problem)
        for download in list(self.document.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if is_remote(target) or not self.local_file_inside(target):
                self.refuse(download, refusal(target, self.config))
        for reference in list(self.document.findall(nodes.reference)):
            uri = reference.get("refuri", "")
            scheme = urlsplit(uri).scheme.lower()
            if uri and len(scheme) > 1 and scheme not in LINK_SCHEMES:
                self.refuse(reference, f"links to {uri}, which readers' browsers should not "
                                       f"open from a book; {advice(self.config)}, or link to "
                                       "an http(s) address")

    def local_file_inside(self, target: str) -> bool:
        _relative, absolute = _unguarded_relfn2path(self.env, target, self.env.docname)
        return is_inside(absolute, self.env.srcdir)

    def image_problem(self, uri: str) -> str | None:
        if uri.startswith("data:image/"):
            return None
        if is_remote(uri):
            return refusal(uri, self.config)
        # an image given as "name.*" is one of several files; each candidate is checked
        _relative, absolute = _unguarded_relfn2path(self.env, uri, self.env.docname)
        if not is_inside(absolute, self.env.srcdir):
            return refusal(uri, self.config)
        candidates = (sorted(Path(absolute).parent.glob(Path(absolute).name))
                      if uri.endswith(".*") else [Path(absolute)])
        for candidate in candidates:
            if not is_inside(candidate, self.env.srcdir):
                return refusal(uri, self.config)
            if candidate.suffix.lower() in (".svg", ".svgz") and candidate.is_file():
                what = svg_problem(candidate)
                if what:
                    shown = candidate.resolve().relative_to(self.env.srcdir.resolve())
                    return (f"the SVG image {shown} contains {what}, which could read files or "
                            "addresses outside the book; export the image again as plain SVG "
                            "or PNG")
        return None

    def refuse(self, node: nodes.Element, message: str) -> None:
        logger.warning(message, location=node, type="confinement", subtype="outside")
        node.parent.remove(node)


def _unguarded_relfn2path(env: BuildEnvironment, filename: str, docname: str | None):
    relfn2path = BuildEnvironment.relfn2path
    original = getattr(relfn2path, "__wrapped__", relfn2path)
    return original(env, filename, docname)


def refuse_outside_bibliography_addresses(app: Sphinx, env: BuildEnvironment) -> None:
    """A bibliography entry's address becomes a link in every edition: it must be on the web,
    not a file of the machine that builds the book."""
    if not app.config.confinement or "cite" not in env.domains:
        return
    bibdata = getattr(env.domains["cite"], "bibdata", None)
    if bibdata is None:
        return
    for key, entry in bibdata.data.entries.items():
        for field in ("url", "file", "pdf"):
            value = entry.fields.get(field)
            if value and urlsplit(value).scheme.lower() not in ("http", "https"):
                bibfile, line = _entry_location(bibdata.bibfiles, key)
                logger.warning("bibliography entry '%s' has %s = %s, which is not a web "
                               "address; give its http(s) address or leave the field out",
                               key, field, value, location=f"{bibfile}:{line}",
                               type="confinement", subtype="outside")


def _entry_location(bibfiles: Any, key: str) -> tuple[Path, int]:
    pattern = re.compile(r"@\w+\s*\{\s*" + re.escape(key) + r"\s*,")
    for path in bibfiles:
        text = Path(path).read_text(encoding="utf-8", errors="replace")
        match = pattern.search(text)
        if match:
            return Path(path), text.count("\n", 0, match.start()) + 1
    first = next(iter(bibfiles), Path("references.bib"))
    return Path(first), 0


def setup(app: Sphinx) -> dict[str, Any]:
    install_guard()
    # On by default: a book that loads this extension wants its pages kept inside it.
    app.add_config_value("confinement", True, "env", types=frozenset({bool}))
    # how refusals name the source folder to partners, e.g. "guidebook"
    app.add_config_value("confinement_source_label", "the source folder", "",
                         types=frozenset({str}))
    app.add_directive("raw", ConfinedRaw, override=True)
    app.add_directive("csv-table", ConfinedCSVTable, override=True)
    app.add_transform(RefuseOutsideResources)
    # after every read, changed or not, so that the refusal comes back on every build
    app.connect("env-updated", refuse_outside_bibliography_addresses)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
