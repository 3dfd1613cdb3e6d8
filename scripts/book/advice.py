"""Say how to fix it: Sphinx's common warnings get a hint for the person who wrote the page.

"undefined label: 'ch-strategy'" tells a developer what happened; a partner also needs to know
what to do about it. This extension adds one clause of advice to the warnings partners meet
most (by their type and subtype), in every build and in ``make check`` alike, so the message
on the pull request and the one from ``make`` are the same line.
"""

from __future__ import annotations

import logging as std_logging
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

ADVICE = {
    ("ref", "ref"): "use the label of a heading that exists, or put '(label)=' on the line "
                    "above the heading you mean",
    ("ref", "doc"): "check the page's name: relative to this page, or from the book's folder "
                    "with a leading '/', without '.md'",
    ("ref", "term"): "use a term the glossary defines, spelt as there ({term}`your words "
                     "<Glossary term>`), or add the term to the glossary",
    ("bibtex", "key_not_found"): "add the source to the bibliography file, or correct the key",
    ("image", "not_readable"): "put the image in the book's folder and check its path and name",
    ("toc", "not_readable"): "check the page's name in the contents (toctree), without '.md'",
    ("toc", "not_included"): "list the page in the contents (a toctree) of the root page",
    ("myst", "xref_missing"): "link to a heading, label or page that exists",
    ("myst", "directive_unknown"): "check the block's name against the book's components",
    ("myst", "role_unknown"): "check the role's name ({cite:p}, {term}, {ref} ...)",
    ("myst", "header"): "give the heading one '#' more than the heading above it, not two",
    ("i18n", "inconsistent_references"): "keep every reference, citation and term of the "
                                         "English message in the translation",
}


class _AddAdvice(std_logging.Filter):
    def filter(self, record: std_logging.LogRecord) -> bool:
        advice = ADVICE.get((getattr(record, "type", ""), getattr(record, "subtype", "")))
        if advice and not getattr(record, "advised", False):
            # the message may still hold %-placeholders for its arguments
            record.msg = f"{record.msg}; {advice.replace('%', '%%') if record.args else advice}"
            record.advised = True
        return True


def setup(app: Sphinx) -> dict[str, Any]:
    for handler in std_logging.getLogger(logging.NAMESPACE).handlers:
        if isinstance(handler, logging.WarningStreamHandler):
            # first, so that the advice comes before the "[type.subtype]" Sphinx appends
            handler.filters.insert(0, _AddAdvice())
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
