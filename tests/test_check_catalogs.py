"""`make check-po` tells a translator which catalog line breaks the book, and what to do."""

from __future__ import annotations

from pathlib import Path

from scripts.i18n.check import check_all

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def write(locales: Path, name: str, body: str) -> Path:
    path = locales / "xx" / "LC_MESSAGES" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_a_clean_translation_passes(tmp_path):
    write(tmp_path, "ok.po",
          '#, python-brace-format\nmsgid "See {ref}`the strategy <ch-strategy>` {cite:p}`a,b`."\n'
          'msgstr "Voir {ref}`la stratégie <ch-strategy>` {cite:p}`a,b`."\n')
    assert check_all(tmp_path) == []


def test_a_dropped_reference_is_reported_with_catalog_and_line(tmp_path):
    path = write(tmp_path, "ref.po",
                 '\n\nmsgid "See {ref}`the strategy <ch-strategy>`."\n'
                 'msgstr "Voir la stratégie."\n')
    problems = check_all(tmp_path)
    assert any(f"{path}:7:" in problem and "missing {ref} pointing at 'ch-strategy'" in problem
               for problem in problems), problems


def test_a_changed_target_or_citation_key_is_reported(tmp_path):
    write(tmp_path, "term.po",
          'msgid "A {term}`case conference <Case conference>` {cite:p}`efus2016`."\n'
          'msgstr "Une {term}`réunion <Réunion>` {cite:p}`efus2017`."\n')
    problems = "\n".join(check_all(tmp_path))
    assert "missing {term} pointing at 'Case conference'" in problems
    assert "{term} pointing at 'Réunion' is not in the English" in problems
    assert "missing {cite:p} pointing at 'efus2016'" in problems


def test_an_unterminated_string_is_reported_by_msgfmt(tmp_path):
    path = write(tmp_path, "broken.po", 'msgid "Key messages"\nmsgstr "Messages clés\n')
    problems = check_all(tmp_path)
    assert any(problem.startswith(f"{path}:") for problem in problems), problems


def test_lost_footnotes_and_links_are_reported(tmp_path):
    write(tmp_path, "notes.po",
          'msgid "Read [the plan](https://example.org/plan)[^1]."\n'
          'msgstr "Lisez [le plan](https://example.org/autre)."\n')
    problems = "\n".join(check_all(tmp_path))
    assert "footnote markers differ" in problems
    assert "link addresses differ" in problems


def test_the_guidebook_catalogs_pass():
    assert check_all(Path(__file__).parents[1] / "locales") == []


def test_a_term_shown_in_other_words_than_the_glossary_is_reported(tmp_path):
    write(tmp_path, "glossary.po",
          'msgid "Exit work"\nmsgstr "Accompagnement à la sortie"\n\n'
          'msgid "Case conference"\nmsgstr "Réunion de concertation de cas"\n')
    chapter = write(tmp_path, "chapter.po",
                    'msgid "Offer {term}`exit work <Exit work>` and {term}`case conferences '
                    '<Case conference>`."\n'
                    'msgstr "Proposez un {term}`travail de sortie <Exit work>` et des '
                    '{term}`réunions de concertation <Case conference>`."\n')
    problems = check_all(tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{chapter}:")
    assert "{term} 'Exit work' is shown as 'travail de sortie'" in problems[0]
    assert "'Accompagnement à la sortie'" in problems[0]
    assert "glossary.po:" in problems[0]


def test_msgfmt_speaks_the_same_whatever_language_the_caller_exports(tmp_path, monkeypatch):
    # `make html LANGUAGE=fr` puts LANGUAGE=fr in the environment of every tool it runs
    monkeypatch.setenv("LANGUAGE", "fr")
    path = write(tmp_path, "broken.po", 'msgid "A"\nmsgstr "a\n')
    # msgfmt names the line after the one whose string is left open
    assert check_all(tmp_path) == [f"{path}:7: end-of-line within string"]


def test_a_passage_marked_as_english_is_accepted_where_the_english_has_no_mark(tmp_path):
    write(tmp_path, "lang.po",
          'msgid "Read *Preventing Violent Extremism* {cite:p}`a`."\n'
          'msgstr "Lisez *[Preventing Violent Extremism]{.language-en}* {cite:p}`a`."\n')
    assert check_all(tmp_path) == []


def test_a_passage_in_no_known_language_is_reported_with_catalog_and_line(tmp_path):
    path = write(tmp_path, "lang.po",
                 '\nmsgid "Read Preventing Violent Extremism."\n'
                 'msgstr "Lisez [Preventing Violent Extremism]{.language-english}."\n')
    problems = check_all(tmp_path)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"{path}:6:")
    assert "'.language-english' names no language" in problems[0]


def test_broken_markup_beside_a_marked_passage_is_still_reported(tmp_path):
    write(tmp_path, "lang.po",
          'msgid "Read [the plan](https://example.org/plan)."\n'
          'msgstr "Lisez [The Plan]{.language-en} (https://example.org/plan)."\n')
    assert "link addresses differ" in "\n".join(check_all(tmp_path))
