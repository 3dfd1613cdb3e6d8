"""Every source of the bibliography is cited, and every glossary term is defined once and used."""

from __future__ import annotations

import re
from pathlib import Path

from pybtex.database import parse_file

from scripts.util.language_tags import is_language_tag

BOOK = Path(__file__).parents[1] / "guidebook"
CITE = re.compile(r"\{cite(?::[pt])?\}`([^`]+)`")
TERM = re.compile(r"\{term\}`(?:[^`<]*<)?([^`<>]+)>?`")


def pages() -> dict[str, str]:
    return {path.relative_to(BOOK).as_posix(): path.read_text()
            for path in BOOK.rglob("*.md")}


def glossary_terms() -> list[str]:
    text = (BOOK / "glossary.md").read_text()
    block = text.split("```{glossary}", 1)[1].split("```", 1)[0]
    # option lines such as ":sorted:" are not terms
    return [line.strip() for line in block.splitlines()
            if line and not line.startswith((" ", ":"))]


def test_bibliography_has_the_sources_and_each_is_cited():
    keys = set(parse_file(BOOK / "references.bib").entries)
    assert len(keys) >= 25
    cited = {key.strip() for text in pages().values()
             for group in CITE.findall(text) for key in group.split(",")}
    assert keys - cited == set(), "entries never cited"
    assert cited - keys == set(), "citations without an entry"


def test_glossary_defines_each_term_once():
    terms = glossary_terms()
    assert len(terms) >= 40
    assert len(terms) == len({term.lower() for term in terms}), "a term is defined twice"


def test_every_glossary_term_is_used_in_the_book():
    used = {target.strip().lower() for name, text in pages().items() if name != "glossary.md"
            for target in TERM.findall(text)}
    unused = [term for term in glossary_terms() if term.lower() not in used]
    assert unused == []


def test_each_address_in_the_register_says_when_it_was_checked():
    """A reader who follows an address knows how old the check is; an address is never guessed."""
    entries = parse_file(BOOK / "references.bib").entries
    with_address = {key for key, entry in entries.items() if "url" in entry.fields}
    with_date = {key for key, entry in entries.items() if "urldate" in entry.fields}
    assert with_address == with_date
    assert len(with_address) >= 0.8 * len(entries), sorted(set(entries) - with_address)
    for key in with_address:
        assert re.fullmatch(r"https?://\S+", entries[key].fields["url"]), key
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entries[key].fields["urldate"]), key


def test_no_two_works_share_a_citation_label():
    """"(Efus, 2016)" must lead to one work: a second work of the same author and year takes
    the letters b, c… and a law its shorthand."""
    labels: dict[str, str] = {}
    for key, entry in parse_file(BOOK / "references.bib").entries.items():
        names = " and ".join(" ".join(person.last_names).strip("{}")
                             for person in entry.persons.get("author", []))
        label = f"{entry.fields.get('shorthand') or names or entry.fields['title']}, " \
                f"{entry.fields.get('year', 'n.d.')}"
        assert label not in labels, f"{key} and {labels[label]} both read ({label})"
        labels[label] = key


def test_each_work_says_its_language():
    """The references list marks a title with its work's language, for screen readers."""
    entries = parse_file(BOOK / "references.bib").entries
    for key, entry in entries.items():
        assert is_language_tag(entry.fields.get("langid", "")), key
