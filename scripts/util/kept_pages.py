"""Keep a builder's pages between builds, true to the sources: write again only what changed.

Sphinx writes a page again when its source is newer than the page, and the pages whose
toctree holds a written one. What it does not know, for the HTML and EPUB builders (the
single-page PDF builders write their one page every time anyway):

- a page whose source was removed stays in the output folder, and would be published, and
  packed into the EPUB, again: it is deleted before the pages are written;
- a page shows more than its own source: the titles and order of every page (menu,
  previous and next links), and what extensions add to its template, such as the translation
  progress or the downloads it offers. Extensions say what a page shows from outside its
  source by answering the ``page-inputs`` event (``app, docname`` -> a JSON value); with the
  pages' outline and the code of this package, that makes the page's inputs, and a page whose
  inputs changed since it was written is written again.

What each builder wrote, and from which inputs, is kept beside the doctrees
(``kept-pages-<builder>.json``), not in the output folder, which is published or packed
whole. It is per builder, though the builders of a language share one environment: the build
that reads a change is not the only one that must show it.
"""

from __future__ import annotations

import hashlib
import json
import logging as std_logging
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.logging import is_suppressed_warning

from scripts.util.pipeline_code import code_digest

logger = logging.getLogger(__name__)

EVENT = "page-inputs"


def keeps_pages(app: Sphinx) -> bool:
    builder = app.builder
    return (isinstance(builder, StandaloneHTMLBuilder)
            and not isinstance(builder, SingleFileHTMLBuilder))


def record_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / f"kept-pages-{app.builder.name}.json"


def read_record(path: Path) -> dict[str, dict[str, str]]:
    """``docname -> {"output": path in the output folder, "inputs": digest}``."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        # no record (first build, or written by an older pipeline): every page is written
        return {}


def outline(env: BuildEnvironment) -> Any:
    """What every page's menu and links show of the others: titles, order and numbers."""
    return {
        "titles": {docname: title.astext() for docname, title in sorted(env.titles.items())},
        "toctrees": {docname: list(included)
                     for docname, included in sorted(env.toctree_includes.items())},
        "section_numbers": {docname: {anchor: list(number) for anchor, number in
                                      sorted(numbers.items())}
                            for docname, numbers in sorted(env.toc_secnumbers.items())},
    }


def page_inputs(app: Sphinx, shared: str, docname: str) -> str:
    answers = app.emit(EVENT, docname)
    text = json.dumps([shared, answers], sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def forget_removed_pages(app: Sphinx, record: dict[str, dict[str, str]]) -> None:
    """Delete the output of every page whose source is gone, with its copied source."""
    outdir = Path(app.outdir)
    for docname, kept in record.items():
        if docname in app.env.found_docs:
            continue
        (outdir / kept["output"]).unlink(missing_ok=True)
        for copied_source in (outdir / "_sources").glob(f"{docname}.*"):
            copied_source.unlink()
        logger.info("removed %s: its source is gone", kept["output"])


def outdated_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-get-updated``: the pages whose outside inputs changed since they were written."""
    if not keeps_pages(app):
        return []
    record = read_record(record_path(app))
    forget_removed_pages(app, record)
    shared = hashlib.sha256(json.dumps([outline(env), code_digest()], sort_keys=True,
                                       ensure_ascii=False).encode()).hexdigest()
    builder = app.builder
    current = {docname: {"output": builder.get_output_path(docname).relative_to(app.outdir)
                         .as_posix(),
                         "inputs": page_inputs(app, shared, docname)}
               for docname in sorted(env.found_docs)}
    # written into the record once the build has finished
    builder.kept_pages = current
    changed = [docname for docname, kept in current.items() if record.get(docname) != kept]
    if changed:
        logger.info("%d page(s) show something that changed outside their source",
                    len(changed))
    return changed


class _WarningsWhileWriting(std_logging.Handler):
    """Note the pages written while Sphinx warned: written again next time, they warn again."""

    def __init__(self, suppressed: list[str]) -> None:
        super().__init__(level=std_logging.WARNING)
        self.suppressed = suppressed
        self.warned = False
        self.written: set[str] = set()

    def emit(self, record: std_logging.LogRecord) -> None:
        if not is_suppressed_warning(getattr(record, "type", ""),
                                     getattr(record, "subtype", ""), self.suppressed):
            self.warned = True


def start_writing(app: Sphinx, builder: Any) -> None:
    if keeps_pages(app):
        app.builder.kept_pages_warnings = _WarningsWhileWriting(app.config.suppress_warnings)
        std_logging.getLogger(logging.NAMESPACE).addHandler(app.builder.kept_pages_warnings)


def note_written(app: Sphinx, doctree: Any, docname: str) -> None:
    if (watch := getattr(app.builder, "kept_pages_warnings", None)) is not None:
        watch.written.add(docname)


def remember_pages(app: Sphinx, exception: Exception | None) -> None:
    current = getattr(app.builder, "kept_pages", None)
    watch = getattr(app.builder, "kept_pages_warnings", None)
    if watch is not None:
        std_logging.getLogger(logging.NAMESPACE).removeHandler(watch)
    if exception is not None or current is None:
        return
    if watch is not None and watch.warned:
        # A warning while writing (a reference to a missing label...) fails the build under
        # -W, and Sphinx would not write the page again while its source stays the same, so
        # the next build would pass and publish it: pages written in a build that warned are
        # left out of the record, which makes the next build write them, and warn, again.
        current = {docname: kept for docname, kept in current.items()
                   if docname not in watch.written}
    record_path(app).write_text(json.dumps(current, indent=1, sort_keys=True) + "\n",
                                encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_event(EVENT)
    app.connect("env-get-updated", outdated_pages)
    app.connect("write-started", start_writing)
    app.connect("doctree-resolved", note_written)
    app.connect("build-finished", remember_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
