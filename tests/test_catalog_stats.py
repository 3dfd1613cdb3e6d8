"""`make stats` counts what translators have done, page by page, and says what is released."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from scripts.i18n.stats import Counts, main, shown

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
LANGUAGES = """source = "en"
release_threshold = 100
required_pages = ["chapters/*"]
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "xx"
name = "Testish"
"""


def catalog(path: Path, entries: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + entries, encoding="utf-8")


def test_counts_percentages_release_and_json(tmp_path, caplog):
    caplog.set_level(logging.INFO)
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "languages.toml").write_text(LANGUAGES)
    folder = locales / "xx" / "LC_MESSAGES"
    catalog(folder / "chapters" / "one.po",
            'msgid "A"\nmsgstr "a"\n\nmsgid "B"\nmsgstr "b"\n\n'
            '#, fuzzy\nmsgid "C"\nmsgstr "c"\n\nmsgid "D"\nmsgstr ""\n')
    catalog(folder / "about.po", 'msgid "E"\nmsgstr ""\n')

    assert main(["--locales", str(locales), "--json", str(tmp_path / "stats.json")]) == 0
    [language] = json.loads((tmp_path / "stats.json").read_text())
    assert language["code"] == "xx" and language["released"] is False
    assert language["pages"]["chapters/one"] == {
        "translated": 2, "fuzzy": 1, "untranslated": 1, "percent": 50.0}
    assert language["pages"]["about"]["percent"] == 0.0
    assert language["required_percent"] == 50.0  # about.po is not a required page
    assert "Testish (xx): 40% translated, preview" in caplog.text


def test_a_complete_required_set_is_released(tmp_path):
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "languages.toml").write_text(LANGUAGES)
    catalog(locales / "xx" / "LC_MESSAGES" / "chapters" / "one.po", 'msgid "A"\nmsgstr "a"\n')
    catalog(locales / "xx" / "LC_MESSAGES" / "about.po", 'msgid "E"\nmsgstr ""\n')
    assert main(["--locales", str(locales), "--json", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text())[0]["released"] is True


def test_against_the_current_english_a_new_or_changed_page_is_untranslated_at_once(tmp_path):
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "languages.toml").write_text(LANGUAGES)
    # the catalogs were complete for the English as it was
    folder = locales / "xx" / "LC_MESSAGES"
    catalog(folder / "chapters" / "one.po", 'msgid "A"\nmsgstr "a"\n\nmsgid "B"\nmsgstr "b"\n')
    catalog(folder / "chapters" / "removed.po", 'msgid "R"\nmsgstr "r"\n')
    # the English now: one message of chapter one changed, and a chapter was added
    pots = tmp_path / "gettext"
    catalog(pots / "chapters" / "one.pot",
            'msgid "A"\nmsgstr ""\n\nmsgid "B, changed"\nmsgstr ""\n')
    catalog(pots / "chapters" / "two.pot", 'msgid "New"\nmsgstr ""\n')

    assert main(["--locales", str(locales), "--json", str(tmp_path / "before.json")]) == 0
    assert json.loads((tmp_path / "before.json").read_text())[0]["released"] is True

    assert main(["--locales", str(locales), "--pot-dir", str(pots),
                 "--json", str(tmp_path / "now.json")]) == 0
    [language] = json.loads((tmp_path / "now.json").read_text())
    assert language["released"] is False
    assert language["pages"] == {
        "chapters/one": {"translated": 1, "fuzzy": 0, "untranslated": 1, "percent": 50.0},
        "chapters/two": {"translated": 0, "fuzzy": 0, "untranslated": 1, "percent": 0.0},
    }


def test_missing_extracted_messages_are_one_clear_line(tmp_path, caplog):
    locales = tmp_path / "locales"
    locales.mkdir()
    (locales / "languages.toml").write_text(LANGUAGES)
    assert main(["--locales", str(locales), "--pot-dir", str(tmp_path / "none")]) == 1
    assert "no extracted messages; run make gettext first" in caplog.text


def test_an_incomplete_translation_is_never_shown_as_100_percent():
    assert shown(Counts(translated=1142, untranslated=1).percent) == 99
    assert shown(Counts(translated=1142, untranslated=1).percent, 1) == 99.9
    assert shown(Counts(translated=3).percent) == 100
