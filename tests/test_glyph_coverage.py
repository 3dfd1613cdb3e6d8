"""A character the PDF's font lacks is refused at the line that has it, by every build and by
``make check``, before any page is laid out."""

from __future__ import annotations

import shutil

import pytest

from scripts import editions
from scripts.check import sources
from scripts.pdf.glyph_coverage import missing_characters

SNOW = "The forecast: \u2603 and a character from another script, \u4e2d."


@pytest.fixture
def book(rootdir, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", book)
    chapter = book / "chapters" / "one.md"
    lines = chapter.read_text(encoding="utf-8").splitlines()
    lines.append("")
    lines.append(SNOW)
    chapter.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return book, len(lines)


def test_a_missing_glyph_is_refused_at_its_line_by_the_check_and_the_pdf(book, capfd, caplog):
    book, line = book
    layout = ["--source", str(book), "--confdir", str(book), "--locales", str(book / "locales"),
              "--build-dir", str(book.parent / "_build")]
    with caplog.at_level("INFO", logger="check"):
        assert sources.main(layout) == 1
    reported = "\n".join(record.getMessage() for record in caplog.records)
    where = f"{book / 'chapters' / 'one.md'}:{line}: "
    expected = (where + "'\u2603' (U+2603 SNOWMAN), '\u4e2d' (U+4E2D CJK UNIFIED IDEOGRAPH-4E2D) "
                "in 'The forecast:")
    assert expected in reported, reported
    assert "is not in the PDF's font (NotoSans" in reported

    capfd.readouterr()
    assert editions.main(["pdf", *layout]) == 1
    built = "".join(capfd.readouterr())
    assert f"{where}WARNING: '\u2603' (U+2603 SNOWMAN)" in built
    assert not (book.parent / "_build" / "pdf").exists()


def test_spaces_and_format_characters_need_no_glyph():
    covered = frozenset(map(ord, "ab"))
    assert missing_characters("a\u00adb\u200d \u00a0\u2603", covered) == ["\u2603"]
