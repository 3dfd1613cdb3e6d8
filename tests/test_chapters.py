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
