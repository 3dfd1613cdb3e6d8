"""Glossary terms translated the way the glossary translates them.

A ``{term}`` role keeps its English target in every language, so Sphinx links it to the right
entry; what a reader sees is its display text. That text should use the wording the language's
glossary gives the term, or readers meet one concept under two names. The glossary's wording is
found in the language's own catalogs: the message whose English text is the term itself, in the
catalog that holds most terms (the glossary page).

Languages inflect, so the comparison is forgiving: each word of the display text longer than three
letters (articles and elided ``l'``/``d'`` aside) must share a stem with a word of the glossary's
wording. "réunions de concertation" passes for "Réunion de concertation de cas"; "travail de
sortie" does not pass for "Accompagnement à la sortie".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog

TERM_ROLE = re.compile(r"\{term\}`(?P<body>[^`]*)`")
EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>\s*$", re.S)
# Apostrophes straight or typographic (U+2019), as translators type either.
WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
ELIDED_ARTICLE = re.compile(r"^\w{1,3}['\u2019]")
SHORT_WORD = 3  # articles and prepositions (la, des, der, het, del) carry no terminology
MIN_STEM = 4


@dataclass(frozen=True)
class GlossaryWording:
    text: str
    catalog: Path
    line: int


def term_uses(text: str) -> list[tuple[str, str]]:
    """(display text, target) for each {term} role in a message."""
    uses = []
    for match in TERM_ROLE.finditer(text):
        explicit = EXPLICIT.match(match["body"])
        if explicit:
            uses.append((explicit["text"].strip(), explicit["target"].strip()))
        else:
            uses.append((match["body"].strip(), match["body"].strip()))
    return uses


def glossary_wordings(catalogs: dict[Path, Catalog]) -> dict[str, GlossaryWording]:
    """Each term's translation, taken from the catalog that translates most terms."""
    targets = {target.casefold()
               for catalog in catalogs.values() for message in catalog
               if isinstance(message.id, str)
               for _, target in term_uses(message.id)}
    held = Counter({path: sum(1 for message in catalog
                              if isinstance(message.id, str) and message.id.casefold() in targets)
                    for path, catalog in catalogs.items()})
    if not held or held.most_common(1)[0][1] == 0:
        return {}
    glossary_path = held.most_common(1)[0][0]
    wordings = {}
    for message in catalogs[glossary_path]:
        if (isinstance(message.id, str) and message.id.casefold() in targets
                and isinstance(message.string, str) and message.string and not message.fuzzy):
            wordings[message.id.casefold()] = GlossaryWording(message.string, glossary_path,
                                                              message.lineno)
    return wordings


def significant_words(text: str) -> list[str]:
    words = (ELIDED_ARTICLE.sub("", word) for word in WORD.findall(text.casefold()))
    return [word for word in words if len(word) > SHORT_WORD]


def same_stem(word: str, other: str) -> bool:
    common = 0
    for left, right in zip(word, other, strict=False):
        if left != right:
            break
        common += 1
    return word == other or (common >= MIN_STEM and common >= 0.6 * min(len(word), len(other)))


def follows_glossary(display: str, wording: str) -> bool:
    glossary_words = [ELIDED_ARTICLE.sub("", word) for word in WORD.findall(wording.casefold())]
    return all(any(same_stem(word, candidate) for candidate in glossary_words)
               for word in significant_words(display))


def inconsistent_terms(translation: str,
                       wordings: dict[str, GlossaryWording]) -> list[str]:
    """Problems, in a translator's words, for the term roles of one translated message."""
    problems = []
    for display, target in term_uses(translation):
        wording = wordings.get(target.casefold())
        if wording is None or follows_glossary(display, wording.text):
            continue
        problems.append(f"{{term}} '{target}' is shown as '{display}' but the glossary "
                        f"translates it as '{wording.text}' ({wording.catalog}:{wording.line}): "
                        "use the glossary's wording (inflected as the sentence needs) or change "
                        "the glossary")
    return problems
