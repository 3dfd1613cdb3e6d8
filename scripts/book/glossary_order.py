"""Sorted glossaries in a reader's alphabetical order, accents included.

Sphinx sorts a ``:sorted:`` glossary after translation, but by decomposed code points, so an
accented initial sorts after every unaccented word: a French "Évaluation" lands after
"Extrémisme". This transform sorts again, ignoring case and accents as a reader looking a word up
does, so each language's glossary reads in its own order. Where a language counts a letter
with a mark as a letter of its own, it keeps its place in that alphabet: Swedish and Finnish å,
ä, ö and Danish and Norwegian æ, ø, å after z, Spanish ñ after n.
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


# letters of their own: (the letter it follows, its rank after it)
OWN_LETTERS: dict[str, dict[str, tuple[str, int]]] = {
    "sv": {"å": ("z", 1), "ä": ("z", 2), "ö": ("z", 3)},
    "fi": {"å": ("z", 1), "ä": ("z", 2), "ö": ("z", 3)},
    "da": {"æ": ("z", 1), "ø": ("z", 2), "å": ("z", 3)},
    "nb": {"æ": ("z", 1), "ø": ("z", 2), "å": ("z", 3)},
    "no": {"æ": ("z", 1), "ø": ("z", 2), "å": ("z", 3)},
    "es": {"ñ": ("n", 1)},
}


def reading_key(text: str, language: str | None = None) -> list[tuple[str, int]]:
    """Each letter as (its letter without marks, 0), or where the language has it as a letter
    of its own, (the letter it follows, its rank after it)."""
    own = OWN_LETTERS.get((language or "").replace("-", "_").split("_")[0], {})
    key = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        if char in own:
            key.append(own[char])
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        key.extend((plain, 0) for plain in decomposed if not unicodedata.combining(plain))
    return key


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
                language = self.config.language
                items.sort(key=lambda item: reading_key(term_text(item), language))
                definitions.children = items


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(SortGlossariesForReaders)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
