"""Each practice is described once: a second box with the same title is refused.

A practice told as a box in several chapters makes a book look richer than its sources are,
and its copies drift apart. With ``practice_titles_unique = True`` in conf.py, a practice box
(``:::{practice} Title``) whose title, as the partner wrote it, another box already uses is
a warning at its file and line, naming where the practice is described; the partner refers
to that chapter instead. Titles are compared without regard to case or spacing.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from scripts.book.components import reading_order

logger = logging.getLogger(__name__)


def record_practices(app: Sphinx, doctree: nodes.document) -> None:
    found = [(box["practice"], box.line or 0) for box in doctree.findall(nodes.container)
             if box.get("practice")]
    store = app.env.guidebook_practices = getattr(app.env, "guidebook_practices", {})
    store[app.env.docname] = found


def purge_practices(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "guidebook_practices", {}).pop(docname, None)


def merge_practices(app: Sphinx, env: BuildEnvironment, docnames: Any,
                    other: BuildEnvironment) -> None:
    store = env.guidebook_practices = getattr(env, "guidebook_practices", {})
    store.update(getattr(other, "guidebook_practices", {}))


def refuse_repeated_practices(app: Sphinx, env: BuildEnvironment) -> None:
    if not app.config.practice_titles_unique:
        return
    store: dict[str, list[tuple[str, int]]] = getattr(env, "guidebook_practices", {})
    # the first box a reader meets is the one that stays
    ordered = reading_order(env, app.config.root_doc)
    ordered += sorted(set(store) - set(ordered))
    first: dict[str, tuple[str, int]] = {}
    for docname in ordered:
        for title, line in store.get(docname, []):
            key = " ".join(title.casefold().split())
            if key not in first:
                first[key] = (docname, line)
                continue
            where, where_line = first[key]
            described = env.doc2path(where).relative_to(app.srcdir).as_posix()
            logger.warning("the practice '%s' is already a box in %s (line %d); describe a "
                           "practice once, and refer to that chapter here instead: "
                           "{doc}`/%s`", title, described, where_line, where,
                           location=(docname, line), type="practice", subtype="repeated")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("scripts.book.components")
    app.add_config_value("practice_titles_unique", False, "env", types=frozenset({bool}))
    app.connect("doctree-read", record_practices)
    app.connect("env-purge-doc", purge_practices)
    app.connect("env-merge-info", merge_practices)
    app.connect("env-check-consistency", refuse_repeated_practices)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
