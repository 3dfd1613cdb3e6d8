"""Passages in another language than the page's, marked where they are written.

An author or a translator marks a passage with MyST's attrs_inline span::

    [Preventing Violent Extremism]{.language-en}

docutils' HTML writer turns the ``language-en`` class into ``lang="en"``, as it does for a
paragraph left untranslated (:mod:`scripts.i18n.status`); the EPUB adds ``xml:lang`` beside it
and the PDF a /Lang on the passage's structure element, so a screen reader switches voice.

This extension refuses, at the page's line, a ``language-`` class that names no language (a
typo would otherwise reach readers as ``lang="englsh"``); ``make check-po`` does the same at the
catalog's line (:func:`language_problems`). :func:`language_of` tells the typography which
language a piece of text is in.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from scripts.util.language_tags import is_language_tag

logger = logging.getLogger(__name__)

CLASS_PREFIX = "language-"
# an attribute block of MyST's attrs_inline after a span, a link, emphasis…: {#id .class k=v}
_ATTRIBUTE_BLOCK = re.compile(r"\{([^{}\n]*)\}")
_LANGUAGE_CLASS = re.compile(r"(?:^|\s)\." + CLASS_PREFIX + r"(\S*)")


def declared_language(node: nodes.Element) -> str | None:
    """The language a node's own ``language-xx`` class gives it, if any."""
    for name in node.get("classes", []):
        if name.startswith(CLASS_PREFIX):
            return name.removeprefix(CLASS_PREFIX)
    return None


def language_of(node: nodes.Node, default: str | None) -> str | None:
    """The language of the innermost passage around ``node``, else ``default``."""
    current: nodes.Node | None = node
    while current is not None:
        if isinstance(current, nodes.Element) and (language := declared_language(current)):
            return language
        current = current.parent
    return default


def unknown_language(language: str) -> str:
    """What to tell whoever marked a passage with a language that does not exist."""
    return (
        f"'.{CLASS_PREFIX}{language}' names no language: write a language code after "
        f"'{CLASS_PREFIX}', e.g. [Preventing Violent Extremism]{{.{CLASS_PREFIX}en}}"
    )


def language_problems(text: str) -> list[str]:
    """What is wrong with the languages that MyST markup in ``text`` declares."""
    return [
        unknown_language(language)
        for block in _ATTRIBUTE_BLOCK.finditer(text)
        for language in _LANGUAGE_CLASS.findall(block[1])
        if not is_language_tag(language)
    ]


class CheckPassageLanguages(SphinxTransform):
    """After the translation is in (Locale, priority 20), refuse a passage's unknown language."""

    default_priority = 30

    def apply(self, **kwargs: Any) -> None:
        for node in self.document.findall(nodes.Element):
            language = declared_language(node)
            if language is not None and not is_language_tag(language):
                logger.warning(
                    "%s",
                    unknown_language(language),
                    location=node,
                    type="i18n",
                    subtype="passage_language",
                )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(CheckPassageLanguages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
