"""Refused stays refused: a page that had a problem while it was read is read again next time.

Sphinx keeps each parsed page in its environment and reads it again only when its source
changes. A warning raised while a page was read (a malformed directive, an invalid front-matter
field, a file outside the book) is therefore not raised again by the next build, which then
passes under ``-W`` and publishes the page it refused a moment ago. This extension remembers
which pages warned while being read and marks them out of date, so that every build reads them
again, and warns again, until their source is fixed. Warnings raised while no page was being
read (the consistency checks after reading) mark the root document, which makes Sphinx run
those checks again.

It also removes the cached doctrees of pages whose source was removed, so that nothing of a
deleted page stays in the build tree.
"""

from __future__ import annotations

import json
import logging as std_logging
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.build_phase import BuildPhase
from sphinx.util.logging import is_suppressed_warning

logger = logging.getLogger(__name__)

# kept beside the doctrees rather than in the pickled environment, which Sphinx saves before its
# consistency checks run
RECORD = "problem-documents.json"


class _RememberProblems(std_logging.Handler):
    """Note the page being read whenever Sphinx logs a warning or an error."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__(level=std_logging.WARNING)
        self.app = app
        self.record = Path(app.doctreedir) / RECORD
        try:
            self.documents: set[str] = set(json.loads(self.record.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            self.documents = set()
        # warnings of the writing phase come back on every build: they need no help
        self.writing = False

    def emit(self, record: std_logging.LogRecord) -> None:
        if self.writing or self.app.builder.phase < BuildPhase.READING:
            return
        if is_suppressed_warning(getattr(record, "type", ""), getattr(record, "subtype", ""),
                                 self.app.config.suppress_warnings):
            return
        self.documents.add(self.app.env.current_document.docname or self.app.config.root_doc)

    def save(self) -> None:
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(sorted(self.documents)), encoding="utf-8")


def start_listening(app: Sphinx) -> None:
    handler = _RememberProblems(app)
    sphinx_logger = std_logging.getLogger(logging.NAMESPACE)
    sphinx_logger.addHandler(handler)

    def read_again(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                   removed: set[str]) -> list[str]:
        again = sorted(handler.documents & env.found_docs - added - changed - removed)
        if again:
            logger.info("reading again %d page(s) that had problems: %s", len(again),
                        ", ".join(again))
        return again

    def forget(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
        # the page is about to be read again (or is gone): a problem page again only if it warns
        handler.documents.discard(docname)

    def stop_at_writing(app: Sphinx, builder: Any) -> None:
        handler.writing = True

    def finish(app: Sphinx, exception: Exception | None) -> None:
        sphinx_logger.removeHandler(handler)
        handler.save()

    app.connect("env-get-outdated", read_again)
    app.connect("env-purge-doc", forget)
    app.connect("write-started", stop_at_writing)
    app.connect("build-finished", finish)


def remove_stale_doctrees(app: Sphinx, env: BuildEnvironment) -> None:
    """Delete the cached doctree of every page that is no longer in the book."""
    doctreedir = Path(app.doctreedir)
    for doctree in doctreedir.rglob("*.doctree"):
        docname = doctree.relative_to(doctreedir).with_suffix("").as_posix()
        if docname not in env.all_docs:
            doctree.unlink()
            logger.debug("removed the cached doctree of %s, whose source is gone", docname)


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", start_listening)
    app.connect("env-updated", remove_stale_doctrees)
    # parallel reading would note warnings in child processes, which this handler cannot see
    return {"version": "1.0", "parallel_read_safe": False, "parallel_write_safe": True}
