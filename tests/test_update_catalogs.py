"""`make update-po` loses no translation: a changed message keeps it as fuzzy, with the previous
English beside it; a removed message becomes obsolete instead of disappearing."""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.pofile import read_po

from scripts.i18n.update import update

POT_HEADER = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
              '"Language: \\n"\n\n')
FIRST = POT_HEADER + (
    'msgid "Key messages"\nmsgstr ""\n\n'
    'msgid "Agree a communication protocol now and test it in an exercise."\nmsgstr ""\n\n'
    'msgid "A paragraph the editors will remove."\nmsgstr ""\n')
SECOND = POT_HEADER + (
    'msgid "Key messages"\nmsgstr ""\n\n'
    'msgid "Agree a communication protocol now, test it in an exercise and keep it current."\n'
    'msgstr ""\n\n'
    'msgid "A new paragraph."\nmsgstr ""\n')
TRANSLATIONS = {
    "Key messages": "Messages clés",
    "Agree a communication protocol now and test it in an exercise.":
        "Adoptez dès maintenant un protocole de communication et testez-le.",
    "A paragraph the editors will remove.": "Un paragraphe que l'équipe retirera.",
}


def translate(po: Path) -> None:
    text = po.read_text()
    for source, target in TRANSLATIONS.items():
        text = text.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{target}"')
    po.write_text(text)


def test_round_trip_keeps_every_translation(tmp_path):
    msgmerge = shutil.which("msgmerge")
    assert msgmerge, "msgmerge is missing: install the Debian package gettext"
    pots, locales = tmp_path / "pot", tmp_path / "locales"
    pots.mkdir()
    (pots / "chapter.pot").write_text(FIRST)
    assert update(pots, locales, ["fr"], msgmerge) == {"created": 1, "merged": 0}
    po = locales / "fr" / "LC_MESSAGES" / "chapter.po"
    translate(po)

    (pots / "chapter.pot").write_text(SECOND)  # the English changes
    assert update(pots, locales, ["fr"], msgmerge) == {"created": 0, "merged": 1}

    text = po.read_text()
    with po.open("rb") as stream:
        catalog = read_po(stream)
    assert catalog["Key messages"].string == "Messages clés"
    changed = catalog["Agree a communication protocol now, test it in an exercise and keep it "
                      "current."]
    assert changed.fuzzy
    assert changed.string == "Adoptez dès maintenant un protocole de communication et testez-le."
    assert '#| msgid "Agree a communication protocol now and test it in an exercise."' in text
    assert '#~ msgid "A paragraph the editors will remove."' in text
    assert "#~ msgstr \"Un paragraphe que l'équipe retirera.\"" in text
    assert catalog["A new paragraph."].string == ""
