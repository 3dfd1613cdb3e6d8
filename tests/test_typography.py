"""Typography is the build's job: translators type ordinary spaces and straight quotes."""

from __future__ import annotations

import shutil

import pytest

from scripts.i18n.typography import NARROW_NBSP, NBSP, apply_rules, rules_for, typeset


def test_french_rules_put_the_right_spaces():
    text = "Pourquoi ? Parce que ; voici : « une citation » !"
    assert apply_rules(text, rules_for("fr")) == (
        f"Pourquoi{NARROW_NBSP}? Parce que{NARROW_NBSP}; voici{NBSP}: "
        f"«{NBSP}une citation{NBSP}»{NARROW_NBSP}!")


def test_other_languages_get_only_the_apostrophe():
    assert typeset("the UK's « Prevent » ; l'État : oui", "de") == (
        "the UK\u2019s « Prevent » ; l\u2019État : oui")
    assert typeset("'quoted' and 9'", "en") == "'quoted' and 9'"


def test_french_rules_do_not_depend_on_what_was_typed():
    assert apply_rules("Pourquoi? Voici: «mot» et 50% ; 20 %", rules_for("fr")) == (
        f"Pourquoi{NARROW_NBSP}? Voici{NBSP}: «{NBSP}mot{NBSP}» et 50{NBSP}%{NARROW_NBSP}; "
        f"20{NBSP}%")


def test_a_space_typed_after_another_node_is_enough():
    assert apply_rules(" ? et :", rules_for("fr")) == f"{NARROW_NBSP}? et{NBSP}:"


def test_addresses_and_times_are_left_alone():
    text = "https://example.org/?q=1;a=2 à 9:00 et 10:30 !"
    assert apply_rules(text, rules_for("fr")) == (
        f"https://example.org/?q=1;a=2 à 9:00 et 10:30{NARROW_NBSP}!")


def test_times_and_urls_keep_their_colons():
    assert apply_rules("à 9:00, voir https://example.org", rules_for("fr")) == (
        "à 9:00, voir https://example.org")


@pytest.mark.sphinx("html", testroot="typography", confoverrides={"language": "fr"})
def test_the_build_applies_them_outside_code(app):
    app.build()
    html = (app.outdir / "index.html").read_text()
    assert f"Pourquoi{NARROW_NBSP}?" in html
    assert f"«{NBSP}une citation{NBSP}»" in html
    code = html[html.index("<code"):html.index("</code>")]
    assert ";" in code and NARROW_NBSP not in code and NBSP not in code


QUOTES = {"en": "“Eroding Trust”", "de": "„Eroding Trust“", "sv": "”Eroding Trust”",
          "it": "«Eroding Trust»", "es": "«Eroding Trust»", "nl": "“Eroding Trust”"}


@pytest.mark.parametrize("language", sorted(QUOTES))
def test_straight_quotes_become_the_languages_own(make_app, rootdir, tmp_path, language):
    """Translators type straight quotes; the build sets the marks of the page's language."""
    source = tmp_path / language
    shutil.copytree(rootdir / "test-quotes", source)
    app = make_app("html", srcdir=source, confoverrides={"language": language})
    app.build()
    html = (app.outdir / "index.html").read_text(encoding="utf-8")
    assert QUOTES[language] in html


def test_an_apostrophe_next_to_a_link_or_emphasis_stays_an_apostrophe(make_app, rootdir,
                                                                      tmp_path):
    source = tmp_path / "it"
    shutil.copytree(rootdir / "test-quotes", source)
    app = make_app("html", srcdir=source, confoverrides={"language": "it"})
    app.build()
    html = (app.outdir / "apostrophes.html").read_text(encoding="utf-8")
    apostrophe = "\u2019"
    assert f"dell{apostrophe}<a" in html and f"dell{apostrophe}<em>" in html
    assert f"</a>{apostrophe}s plan" in html
    assert "«Prevenzione»" in html
    assert "\u201d" not in html[html.index("<h1"):]
