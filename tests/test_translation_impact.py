"""`make translation-impact` tells each translation what a change of the English costs it: the
messages that become fuzzy, those that are new, page by page, and never touches the catalogs."""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.i18n import impact
from scripts.i18n.update import update

ROOT = Path(__file__).parent / "roots" / "test-translation"
LANGUAGES = """source = "en"
[[languages]]
code = "en"
name = "English"
[[languages]]
code = "de"
name = "Deutsch"
[[languages]]
code = "fr"
name = "Français"
"""
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
OTHER = "# Other\n\nAn untouched page about schools.\n\nA paragraph that main will remove.\n"
CHANGED = "This paragraph has a translation, now a little longer."
ADDED = "Budgets need a named owner in every city."
NEW_PAGE = ["New page", "Its first paragraph, which nobody has translated."]


def git(repo: Path, *arguments: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Test",
                    "-c", "user.email=test@example.org", *arguments],
                   check=True, capture_output=True)


def words(*texts: str) -> int:
    return sum(len(text.split()) for text in texts)


@pytest.fixture
def book(tmp_path) -> Path:
    """The small translated test book as a git repository: German translates the index's first
    paragraph and the other page, French only the index's title."""
    repo = tmp_path / "repo"
    (repo / "guidebook").mkdir(parents=True)
    shutil.copy(ROOT / "conf.py", repo / "conf.py")
    shutil.copy(ROOT / "index.md", repo / "guidebook" / "index.md")
    (repo / "guidebook" / "other.md").write_text(OTHER)
    (repo / "locales").mkdir()
    (repo / "locales" / "languages.toml").write_text(LANGUAGES)
    shutil.copytree(ROOT / "locales" / "de", repo / "locales" / "de")
    (repo / "locales" / "de" / "LC_MESSAGES" / "other.po").write_text(HEADER + (
        'msgid "Other"\nmsgstr "Andere"\n\n'
        'msgid "An untouched page about schools."\nmsgstr "Eine Seite über Schulen."\n\n'
        'msgid "A paragraph that main will remove."\nmsgstr "Ein Absatz."\n'))
    (repo / "locales" / "fr" / "LC_MESSAGES").mkdir(parents=True)
    (repo / "locales" / "fr" / "LC_MESSAGES" / "index.po").write_text(
        HEADER + 'msgid "Title"\nmsgstr "Titre"\n')
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "The book")
    return repo


def arguments(repo: Path, base: str) -> list[str]:
    return ["--base", base, "--source", str(repo / "guidebook"), "--confdir", str(repo),
            "--locales", str(repo / "locales"), "--build-dir", str(repo.parent / "_build")]


def snapshot(folder: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def rows(report: str) -> dict[tuple[str, str], tuple[int, int, int]]:
    """The report's table rows: (language code, page) -> (fuzzy, new, words)."""
    found, language = {}, None
    for line in report.splitlines():
        if line.endswith(" words") and not line.startswith(" "):  # "Deutsch (de): 1 fuzzy, ..."
            language = line[line.index("(") + 1:line.index(")")]
        fields = line.split()
        if line.startswith("  ") and fields[0] not in ("page", "total") and len(fields) == 4:
            found[language, fields[0]] = tuple(int(field) for field in fields[1:])
    return found


def test_a_change_costs_fuzzy_and_new_messages_per_language_and_page(book, tmp_path, capsys,
                                                                     caplog, monkeypatch):
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    caplog.set_level(logging.INFO)
    assert impact.main(arguments(book, "HEAD")) == 0
    assert "no English message changed since" in capsys.readouterr().out

    # main moves on after the branch started: that is not the branch's change
    git(book, "branch", "feature")
    (book / "guidebook" / "other.md").write_text(OTHER.rsplit("\n\n", 1)[0] + "\n")
    git(book, "commit", "-q", "-am", "Main drops a paragraph")
    git(book, "checkout", "-q", "feature")
    # the branch rewrites a paragraph (committed), adds one and a page (not committed yet)
    index = book / "guidebook" / "index.md"
    index.write_text(index.read_text().replace("This paragraph has a translation.", CHANGED))
    git(book, "commit", "-q", "-am", "Rewrite a paragraph")
    index.write_text(index.read_text() + f"\n{ADDED}\n")
    (book / "guidebook" / "new-page.md").write_text(f"# {NEW_PAGE[0]}\n\n{NEW_PAGE[1]}\n")
    locales = snapshot(book / "locales")
    step_summary = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(step_summary))
    caplog.clear()

    assert impact.main([*arguments(book, "main"), "--markdown", str(tmp_path / "impact.md")]) == 0

    assert "reusing the messages of" in caplog.text  # the merge-base is the commit seen first
    report = capsys.readouterr().out
    assert "(merge-base of main and HEAD)" in report
    assert rows(report) == {
        # German translated the rewritten paragraph: it is fuzzy; the added one is new
        ("de", "index"): (1, 1, words(CHANGED, ADDED)),
        ("de", "new-page"): (0, 2, words(*NEW_PAGE)),
        # French never translated the rewritten paragraph: only the added one is work
        ("fr", "index"): (0, 1, words(ADDED)),
        ("fr", "new-page"): (0, 2, words(*NEW_PAGE)),
    }, report
    assert f"  {'total':<45} {1:>6} {3:>6}" in report
    assert "other" not in report
    assert snapshot(book / "locales") == locales

    # a branch that has already run make update-po shows the same cost: the base's own
    # catalogs say what was translated before the change
    update(book.parent / "_build" / "impact" / "head" / "gettext", book / "locales",
           ["de", "fr"], shutil.which("msgmerge"))
    monkeypatch.delenv("GITHUB_STEP_SUMMARY")
    assert impact.main(arguments(book, "main")) == 0
    assert rows(capsys.readouterr().out) == rows(report)

    markdown = (tmp_path / "impact.md").read_text()
    assert markdown.startswith("## Translation impact\n")
    assert f"| Deutsch (de) | 1 | 3 | {words(CHANGED, ADDED, *NEW_PAGE)} | " in markdown
    assert "`index`: 0 fuzzy, 1 new<br>`new-page`: 0 fuzzy, 2 new |" in markdown
    assert step_summary.read_text() == markdown


def test_an_unknown_base_is_named_with_what_to_do(book, caplog):
    assert impact.main(arguments(book, "origin/no-such-branch")) == 2
    assert "unknown git revision 'origin/no-such-branch': fetch it" in caplog.text
    assert not (book.parent / "_build").exists()


def test_without_msgmerge_says_what_to_install(book, caplog, monkeypatch):
    monkeypatch.setattr(impact.shutil, "which", lambda name: None)
    assert impact.main(arguments(book, "HEAD")) == 2
    assert "install GNU gettext (Debian package gettext)" in caplog.text
