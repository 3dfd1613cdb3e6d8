"""A page that is not UTF-8 is refused with its file, line and a guess at its encoding.

Sphinx decodes every source as UTF-8 and stops with a traceback that names no file when a
byte does not fit. Pages saved by an office suite or an old editor often arrive in a legacy
encoding; this extension checks each page before Sphinx reads it, warns at the first line that
does not decode, and leaves the page out of the build, so that ``-W`` fails with one line.
The warnings that would only repeat it (every table of contents that lists the page) are
dropped.
"""

from __future__ import annotations

import logging as std_logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

logger = logging.getLogger(__name__)

# tried in this order; the first that decodes the page is named as the likely encoding
LEGACY_ENCODINGS = (("utf-16", "UTF-16"), ("cp1252", "Windows-1252 (Western European)"),
                    ("cp1250", "Windows-1250 (Central European)"), ("latin-1", "Latin-1"))


def guess_encoding(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    for codec, name in LEGACY_ENCODINGS[1:]:
        try:
            data.decode(codec)
        except UnicodeDecodeError:
            continue
        return name
    return "an unknown encoding"



class _LeftOutPages(std_logging.Filter):
    """Drop "toctree contains reference to non-existing document" for a page refused here."""

    def __init__(self) -> None:
        super().__init__()
        self.docnames: set[str] = set()

    def filter(self, record: std_logging.LogRecord) -> bool:
        if getattr(record, "type", "") != "toc" or not self.docnames:
            return True
        message = record.getMessage()
        return not any(f"'{docname}'" in message for docname in self.docnames)


def refuse_undecodable_pages(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    left_out = _LeftOutPages()
    for docname in list(docnames):
        data = env.doc2path(docname).read_bytes()
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            logger.warning("the page is not UTF-8 (byte 0x%02x; it looks like %s); save it "
                           "as UTF-8", data[exc.start], guess_encoding(data),
                           location=(docname, line), type="source", subtype="encoding")
            # Sphinx would stop with a traceback on this page: it is left out of this build
            docnames.remove(docname)
            # and from the pages to write, which would otherwise look for its doctree
            env.project.docnames.discard(docname)
            left_out.docnames.add(docname)
    if left_out.docnames:
        # on the handler every warning passes through, so that the repeats are never counted,
        # whether a table of contents warns while it is read or while it is written
        for handler in std_logging.getLogger(logging.NAMESPACE).handlers:
            if isinstance(handler, logging.WarningStreamHandler):
                handler.filters.insert(0, left_out)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-before-read-docs", refuse_undecodable_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
