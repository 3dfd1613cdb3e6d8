"""Sorted glossaries in a reader's alphabetical order, accents included.

Sphinx sorts a ``:sorted:`` glossary after translation, but by decomposed code points, so an
accented initial sorts after every unaccented word: a French "Évaluation" lands after
"Extrémisme". This transform sorts again, ignoring case and accents as a reader looking a word up
does, so each language's glossary reads in its own order.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

# After Sphinx's own GlossarySorter (priority 500), which runs after translation.
AFTER_SPHINX_SORT = 510


def reading_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def term_text(item: nodes.definition_list_item) -> str:
    term = next(iter(item.findall(nodes.term)), None)
    return term.astext() if term is not None else ""


class SortGlossariesForReaders(SphinxTransform):
    default_priority = AFTER_SPHINX_SORT

    def apply(self, **kwargs: Any) -> None:
        for glossary in self.document.findall(addnodes.glossary):
            if not glossary.get("sorted"):
                continue
            for definitions in glossary.findall(nodes.definition_list):
                items = [child for child in definitions.children
                         if isinstance(child, nodes.definition_list_item)]
                items.sort(key=lambda item: reading_key(term_text(item)))
                definitions.children = items


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(SortGlossariesForReaders)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
