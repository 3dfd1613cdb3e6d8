"""Typography applied by the build, so authors and translators type ordinary characters.

Every language: an apostrophe typed straight between two letters (l'extrémisme, UK's) becomes
the typographic one (U+2019). MyST's smart quotes do this for a page's own text; this catches
the text they never see: bibliography entries, and the title and other strings conf.py has
translated (:func:`typeset`).
French: a narrow no-break space before ; ! ? and a no-break space before : and % and inside
« », whether the translator typed a space there or not.
The rule table is per language prefix. A passage marked as another language (an English title
in a French page, a paragraph a preview leaves in English) gets that language's rules.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from scripts.i18n.passage_language import language_of

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

APOSTROPHE = "\u2019"
EVERY_LANGUAGE = [(re.compile(r"(?<=\w)'(?=\w)"), APOSTROPHE)]
RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    # whatever the translator typed before the sign (a space, a no-break space or nothing);
    # only before a space or the end, so that times (9:00) and addresses (https://) keep theirs
    "fr": [
        (re.compile(r"(?<=\d)[ \u00a0\u202f]?%"), NBSP + "%"),
        (re.compile(r"«[ \u00a0\u202f]?"), "«" + NBSP),
        (re.compile(r"[ \u00a0\u202f]?»"), NBSP + "»"),
        # typed with a space: whatever precedes it (often a link or emphasis, another node)
        (re.compile(r"[ \u00a0]([;!?])"), NARROW_NBSP + r"\1"),
        (re.compile(r"[ \u202f]:(?=\s|$)"), NBSP + ":"),
        # typed without one, after a word: only before a space or the end
        (re.compile(r"(?:(?<=[^\W_])|(?<=[%»)\]*]))([;!?])(?=[\s»)]|$)"), NARROW_NBSP + r"\1"),
        (re.compile(r"(?:(?<=[^\W\d_])|(?<=[»)\]*])):(?=\s|$)"), NBSP + ":"),
    ],
}
# Text inside these nodes is code, a URL or markup, not prose.
UNTOUCHED = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block)
# Bibliography entries keep the punctuation of the work's own language ("Eroding Trust: The
# UK's ..."): only the apostrophe, which is the same everywhere, is set.
CITED_WORKS = (nodes.citation,)


def rules_for(language: str | None) -> list[tuple[re.Pattern[str], str]]:
    return EVERY_LANGUAGE + RULES.get((language or "").split("_")[0].split("-")[0], [])


def typeset(text: str, language: str | None) -> str:
    """``text`` with the typography of ``language``."""
    return apply_rules(text, rules_for(language))


def apply_rules(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


def prose_texts(document: nodes.document) -> list[nodes.Text]:
    """The document's text nodes that are prose: in the tree, and not code, markup or maths."""
    return [text for text in document.findall(nodes.Text) if text.parent is not None
            and not any(isinstance(node, UNTOUCHED)
                        for node in [text.parent, *_ancestors(text.parent)])]


class LanguageTypography(SphinxPostTransform):
    default_priority = 800

    def run(self, **kwargs: Any) -> None:
        for text in prose_texts(self.document):
            parent = text.parent
            cited = any(isinstance(node, CITED_WORKS) for node in [parent, *_ancestors(parent)])
            rules = rules_for(language_of(parent, self.config.language))
            new = apply_rules(str(text), EVERY_LANGUAGE if cited else rules)
            if new != str(text):
                parent.replace(text, nodes.Text(new))


class ApostrophesAtInlineEdges(SphinxTransform):
    """An apostrophe typed straight where a word meets a link or emphasis ("dell'{term}`…`",
    "{term}`UK`'s") becomes U+2019 before the smart quotes see it. Alone at the edge of its
    text node, it looks to them like a quotation mark: Italian "dell'estremismo" came out as
    "dell”estremismo". Only within one paragraph (or title, or cell): letters on both sides."""

    # before Sphinx's smart quotes (750), after the translated text is in place (Locale, 20)
    default_priority = 740

    def apply(self, **kwargs: Any) -> None:
        texts = prose_texts(self.document)
        edited = {id(text): str(text) for text in texts}
        for before, after in itertools.pairwise(texts):
            if _block_of(before) is not _block_of(after):
                continue
            left, right = edited[id(before)], edited[id(after)]
            if re.search(r"\w'$", left) and re.match(r"\w", right):
                edited[id(before)] = left[:-1] + APOSTROPHE
            elif re.search(r"\w$", left) and re.match(r"'\w", right):
                edited[id(after)] = APOSTROPHE + right[1:]
        for text in texts:
            if edited[id(text)] != str(text):
                text.parent.replace(text, nodes.Text(edited[id(text)]))


def _block_of(text: nodes.Text) -> nodes.Node | None:
    return next((node for node in _ancestors(text) if isinstance(node, nodes.TextElement)
                 and not isinstance(node, nodes.Inline)), None)


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(ApostrophesAtInlineEdges)
    app.add_post_transform(LanguageTypography)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
