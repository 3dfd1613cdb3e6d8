"""Typography applied by the build, so authors and translators type ordinary characters.

Every language: an apostrophe typed straight between two letters (l'extrémisme, UK's) becomes
the typographic one (U+2019). MyST's smart quotes do this for a page's own text; this catches
the text they never see: bibliography entries, and the title and other strings conf.py has
translated (:func:`typeset`).
French: a narrow no-break space before ; ! ? and a no-break space before : and inside « ».
The rule table is per language prefix.
"""

from __future__ import annotations

import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

APOSTROPHE = "\u2019"
EVERY_LANGUAGE = [(re.compile(r"(?<=\w)'(?=\w)"), APOSTROPHE)]
RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "fr": [
        (re.compile(r"[ \u00a0]([;!?])"), NARROW_NBSP + r"\1"),
        (re.compile(r" :(?=\s|$)"), NBSP + ":"),
        (re.compile(r"« "), "«" + NBSP),
        (re.compile(r" »"), NBSP + "»"),
    ],
}
# Text inside these nodes is code, a URL or markup, not prose.
UNTOUCHED = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block)


def rules_for(language: str | None) -> list[tuple[re.Pattern[str], str]]:
    return EVERY_LANGUAGE + RULES.get((language or "").split("_")[0].split("-")[0], [])


def typeset(text: str, language: str | None) -> str:
    """``text`` with the typography of ``language``."""
    return apply_rules(text, rules_for(language))


def apply_rules(text: str, rules: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, replacement in rules:
        text = pattern.sub(replacement, text)
    return text


class LanguageTypography(SphinxPostTransform):
    default_priority = 800

    def run(self, **kwargs: Any) -> None:
        rules = rules_for(self.config.language)
        if not rules:
            return
        for text in list(self.document.findall(nodes.Text)):
            parent = text.parent
            if parent is None or isinstance(parent, UNTOUCHED) or any(
                    isinstance(ancestor, UNTOUCHED) for ancestor in _ancestors(parent)):
                continue
            new = apply_rules(str(text), rules)
            if new != str(text):
                parent.replace(text, nodes.Text(new))


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_post_transform(LanguageTypography)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
