"""``make new-chapter`` starts a page from the template that the build checks it against."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml

from scripts.book import new_page
from scripts.book.new_page import Kind, NewPageError, add_to_contents, fill, slug_of
from scripts.check import sources

REPO = Path(__file__).parents[1]
VALUES = {"title": "Online radicalisation: what \"platforms\" can do",
          "contributor": "A. Partner", "organisation": "City of Example", "country": "Europe"}


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A copy of the real guidebook's sources and configuration."""
    shutil.copytree(REPO / "guidebook", tmp_path / "guidebook")
    shutil.copy(REPO / "conf.py", tmp_path / "conf.py")
    (tmp_path / "locales").mkdir()
    shutil.copy(REPO / "locales" / "languages.toml", tmp_path / "locales")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(REPO))
    return tmp_path


# the number a new chapter takes, and the chapter it follows in the contents
CHAPTERS = sorted(path.stem for path in (REPO / "guidebook" / "chapters").glob("*.md"))
NEXT = f"{len(CHAPTERS) + 1:02d}"


def options(values: dict[str, str]) -> list[str]:
    return [part for name, value in values.items() for part in (f"--{name}", value)]


def test_a_new_chapter_and_appendix_pass_the_check_at_once(book, caplog, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    caplog.set_level("INFO")
    assert new_page.main(["chapter", *options(VALUES)]) == 0
    slug = f"{NEXT}-online-radicalisation-what-platforms-can-do"
    chapter = book / "guidebook" / "chapters" / f"{slug}.md"
    text = chapter.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["title"] == VALUES["title"]
    assert front["contributors"] == ["A. Partner"]
    assert front["status"] == "draft" and isinstance(front["last_reviewed"], dt.date)
    assert "(ch-online-radicalisation-what-platforms-can-do)=" in text
    assert f"make preview PAGE=chapters/{NEXT}-online-radicalisation" in caplog.text

    assert new_page.main(["appendix", *options({**VALUES, "title": "Local services",
                                                "slug": "local-services"})]) == 0
    index = (book / "guidebook" / "index.md").read_text(encoding="utf-8")
    assert (f"chapters/{CHAPTERS[-1]}\n"
            f"chapters/{NEXT}-online-radicalisation-what-platforms-can-do\n```") in index
    assert "checklists\nlocal-services\nglossary\n" in index

    # the check reads the book as every edition does: template, contents, front matter
    assert sources.main(["--language", "en", "--build-dir", str(book / "_build")]) == 0


def test_missing_values_are_named_and_nothing_is_written(book, caplog, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    before = (book / "guidebook" / "index.md").read_text(encoding="utf-8")
    assert new_page.main(["chapter", "--title", "A title"]) == 1
    assert "missing --contributor, --organisation, --country" in caplog.text
    assert (book / "guidebook" / "index.md").read_text(encoding="utf-8") == before
    assert not list((book / "guidebook" / "chapters").glob(f"{NEXT}-*"))


def test_questions_are_asked_in_a_terminal(book, monkeypatch):
    answers = iter(["Hate incidents", "", "A. Partner", "City", "Europe"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert new_page.main(["chapter"]) == 0
    assert (book / "guidebook" / "chapters" / f"{NEXT}-hate-incidents.md").is_file()


def test_a_page_that_exists_or_a_bad_name_is_refused(book, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    existing = {**VALUES, "slug": "multi-agency-strategy"}
    assert new_page.main(["chapter", *options(existing)]) == 1
    assert new_page.main(["chapter", *options({**VALUES, "slug": "Bad Name"})]) == 1
    assert new_page.main(["no-such-kind", *options(VALUES)]) == 2


def test_contents_without_the_caption_leave_no_page(tmp_path):
    (tmp_path / "index.md").write_text("# Book\n")
    (tmp_path / "template.md").write_text("---\ntitle: $title\n---\n# $title\n")
    kind = Kind(template="template.md", folder="chapters", contents="Chapters")
    with pytest.raises(NewPageError, match="no toctree with ':caption: Chapters'"):
        new_page.new_page(tmp_path, "index", kind, {**VALUES, "slug": "x"}, dt.date.today())
    assert not (tmp_path / "chapters" / "x.md").exists()


def test_values_are_quoted_only_where_yaml_needs_it():
    filled = fill("---\ntitle: $title\nby: $name\n---\n# $title\n",
                  {"title": "Parents: a guide", "name": "Jo"})
    assert filled == '---\ntitle: "Parents: a guide"\nby: Jo\n---\n# Parents: a guide\n'
    assert slug_of("Écoles & jeunesse, 2026") == "ecoles-jeunesse-2026"


def test_an_entry_goes_before_the_one_named(tmp_path):
    root = tmp_path / "index.md"
    root.write_text("```{toctree}\n:caption: Back\n:maxdepth: 1\n\na\nz\n```\n")
    add_to_contents(root, "Back", "m", before="z")
    add_to_contents(root, "Back", "last")
    assert root.read_text() == "```{toctree}\n:caption: Back\n:maxdepth: 1\n\na\nm\nz\nlast\n```\n"
