"""Every chapter of the guidebook follows the template partners agreed on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

CHAPTERS = sorted((Path(__file__).parents[1] / "guidebook" / "chapters").glob("*.md"))
TEMPLATE = [
    "Key messages",
    "Context and evidence",
    "The local authority's role and legal frame",
    "Step by step",
    "Practice from cities",
    "Rights and stigmatisation check",
    "Checklist",
    "Indicators",
    "Further reading",
]


def sections(text: str) -> dict[str, str]:
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2], strict=True))


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_chapter_has_every_template_section_in_order(chapter):
    assert list(sections(chapter.read_text())) == TEMPLATE


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda path: path.stem)
def test_chapter_sections_use_their_components(chapter):
    parts = sections(chapter.read_text())
    assert ":::{key-messages}" in parts["Key messages"]
    assert 2 <= parts["Practice from cities"].count(":::{practice}") <= 3
    assert ":::{rights-check}" in parts["Rights and stigmatisation check"]
    assert ":::{checklist}" in parts["Checklist"]
    assert re.search(r"^\| *Type *\|", parts["Indicators"], re.M), "indicators table"
    for kind in ("Process", "Output", "Outcome"):
        assert re.search(rf"^\| *{kind} *\|", parts["Indicators"], re.M), kind


PRACTICE = re.compile(r"^:::\{practice\} (.+)$", re.M)
# "Place (Country)" or "Place (Country): practice" for a city or region;
# "Country: practice" (or "Country and Country: practice") for a national or wider one
LOCAL = re.compile(r"^(?P<place>[^():]+) \((?P<country>[^()]+)\)(?:: .+)?$")
WIDER = re.compile(r"^(?P<countries>[^():]+): .+$")


def practice_titles() -> list[str]:
    return [title.strip() for chapter in CHAPTERS
            for title in PRACTICE.findall(chapter.read_text())]


def test_the_book_draws_on_many_places_and_countries():
    """A mayor's team reads the boxes as evidence from many cities, not one city told ten times."""
    titles = practice_titles()
    assert len(titles) == len({title.casefold() for title in titles}), "a practice is told twice"
    assert len(titles) >= 30
    local = [match for title in titles if (match := LOCAL.match(title))]
    wider = [match for title in titles if not LOCAL.match(title) and (match := WIDER.match(title))]
    assert len(local) + len(wider) == len(titles), "a title names no place or country"
    places = {match["place"] for match in local}
    countries = {match["country"] for match in local} | {
        country for match in wider for country in match["countries"].split(" and ")
        if "Europ" not in country}  # a European exchange is no country
    assert len(places) >= 15, sorted(places)
    assert len(countries) >= 9, sorted(countries)
