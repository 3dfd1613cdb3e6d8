"""A glossary reads in its language's alphabetical order; accented initials sort as letters."""

from __future__ import annotations

import re

import pytest


def terms_in_order(app) -> list[str]:
    page = (app.outdir / "index.html").read_text(encoding="utf-8")
    return [re.sub(r"<[^>]+>", "", term).replace("¶", "").strip()
            for term in re.findall(r"<dt[^>]*>(.*?)</dt>", page, re.S)]


@pytest.mark.sphinx("html", testroot="glossary")
def test_the_source_glossary_is_sorted(app):
    app.build()
    assert terms_in_order(app) == ["Evaluation", "Exit work", "Extremism"]


@pytest.mark.sphinx("html", testroot="glossary", confoverrides={"language": "fr"})
def test_a_translated_glossary_is_sorted_by_its_translated_terms_ignoring_accents(app):
    app.build()
    assert terms_in_order(app) == ["Accompagnement à la sortie", "Évaluation", "Extrémisme"]


@pytest.mark.parametrize(("language", "words", "expected"), [
    # Swedish: å, ä, ö are letters of their own, after z
    ("sv", ["Ändamål", "Alternativ", "Öppenhet", "Zon", "Åtgärd"],
     ["Alternativ", "Zon", "Åtgärd", "Ändamål", "Öppenhet"]),
    # German: ä sorts with a
    ("de", ["Zone", "Ächtung", "Ablauf", "Akte"], ["Ablauf", "Ächtung", "Akte", "Zone"]),
    # Spanish: ñ after n
    ("es", ["Ñandú", "Nube", "Oso", "Nacional"], ["Nacional", "Nube", "Ñandú", "Oso"]),
])
def test_each_language_keeps_its_own_letters_in_place(language, words, expected):
    from scripts.book.glossary_order import reading_key

    assert sorted(words, key=lambda word: reading_key(word, language)) == expected
