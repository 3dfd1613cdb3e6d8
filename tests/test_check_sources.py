"""``make check`` says, line for line, what ``make`` would refuse, without building an edition."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from scripts import editions
from scripts.check import sources
from scripts.check.changes import changed_files
from tests.test_hostile_chapters import EXPECTED, add_hostile_chapters

REPO = Path(__file__).parents[1]
_LOCATED = re.compile(r"^(?P<path>/\S+?):(?P<rest>(\d+:)? (WARNING|ERROR): .*)$")


def located_lines(output: str, root: Path) -> set[str]:
    """Warnings that name a file, as ``relative/path:line: message``."""
    lines = set()
    for raw in re.sub(r"\x1b\[[0-9;]*m", "", output).splitlines():
        found = _LOCATED.match(raw)
        if found:
            relative = Path(found["path"]).resolve().relative_to(root.resolve()).as_posix()
            message = re.sub(r" (WARNING|ERROR): ", " ", found["rest"])
            lines.add(f"{relative}:{message}")
    return lines


@pytest.fixture
def check(capfd, caplog):
    """Run the check; return its exit code and what it printed, log lines included."""

    def run(*arguments: str) -> tuple[int, str]:
        capfd.readouterr()
        caplog.clear()
        with caplog.at_level("INFO", logger="check"):
            code = sources.main(list(arguments))
        captured = capfd.readouterr()
        logged = "\n".join(record.getMessage() for record in caplog.records)
        return code, "\n".join([captured.out, captured.err, logged])

    return run


@pytest.fixture
def hostile_book(rootdir, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", book)
    (tmp_path / "outside-secret.txt").write_text("SECRET\n")
    (tmp_path / "outside-image.png").write_bytes(b"not an image")
    add_hostile_chapters(book, rootdir)
    return book


def test_check_reports_every_refusal_of_the_build_as_the_same_line(hostile_book, capfd, check):
    layout = ["--source", str(hostile_book), "--confdir", str(hostile_book),
              "--locales", str(hostile_book / "locales"),
              "--build-dir", str(hostile_book.parent / "_build")]
    capfd.readouterr()
    assert editions.main(["html", "epub", "pdf", *layout]) == 1
    refused = located_lines("".join(capfd.readouterr()), hostile_book)
    assert len(refused) >= len(EXPECTED)

    code, output = check(*layout)
    assert code == 1
    reported = set()
    for line in output.splitlines():
        if line.startswith("/"):
            path, rest = line.split(":", 1)
            reported.add(Path(path).resolve().relative_to(hostile_book.resolve()).as_posix()
                         + ":" + rest)
    assert refused == reported, (refused - reported, reported - refused)
    for where, message in EXPECTED.items():
        assert any(line.startswith(f"{where}: ") and message in line for line in reported), where
    # nothing was built: the check writes no edition
    assert not list((hostile_book.parent / "_build" / "work" / "check").rglob("*.html"))


@pytest.fixture
def partner_mistakes(rootdir, tmp_path, monkeypatch):
    book = tmp_path / "partner-mistakes"
    shutil.copytree(rootdir / "test-partner-mistakes", book)
    monkeypatch.chdir(tmp_path)
    return book


def test_each_mistake_is_one_line_with_file_line_and_what_to_do(partner_mistakes, check,
                                                                  monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, output = check("--source", "partner-mistakes", "--confdir",
                                "partner-mistakes", "--locales", "partner-mistakes/locales",
                                "--build-dir", "_build")
    assert code == 1
    lines = output.splitlines()
    expected = {
        "partner-mistakes/chapters/broken-ref.md:11: undefined label: 'no-such-label'; use the "
        "label of a heading that exists",
        'partner-mistakes/chapters/bad-citation.md:11: could not find bibtex key "unknown1999"; '
        "add the source to the bibliography file",
        "partner-mistakes/chapters/bad-frontmatter.md:4: field 'status' is 'finished'; use one "
        "of: draft, final",
    }
    for start in expected:
        assert sum(line.startswith(start) for line in lines) == 1, (start, output)
    # the same problems as GitHub annotations on the pull request's diff
    assert ("::error file=partner-mistakes/chapters/broken-ref.md,line=11::undefined label: "
            "'no-such-label'") in output
    assert re.search(r"make check: \d+ problem\(s\) in 7 file\(s\)", output), output


def test_a_clean_book_passes(rootdir, tmp_path, check):
    book = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", book)
    code, output = check("--source", str(book), "--confdir", str(book),
                                "--locales", str(book / "locales"),
                                "--build-dir", str(tmp_path / "_build"))
    assert code == 0, output
    assert "make check: no problem found" in output


def test_annotations_escape_what_github_reads_as_commands():
    problem = sources.Problem("a,b:c.md", 3, "50% done\nnext")
    assert problem.annotation() == "::error file=a%2Cb%3Ac.md,line=3::50%25 done%0Anext"


def test_translations_are_checked_when_their_catalogs_change(tmp_path):
    layout = sources.Layout(tmp_path / "guidebook", tmp_path, tmp_path / "locales",
                            tmp_path / "_build")
    codes = ["en", "fr", "de"]

    def chosen(*names: str) -> list[str]:
        return sources.languages_to_check(layout, codes, "en",
                                          [tmp_path / name for name in names])

    assert chosen("guidebook/chapters/03-strategy.md") == ["en"]
    assert chosen("locales/fr/LC_MESSAGES/about.po") == ["en", "fr"]
    assert chosen("locales/languages.toml") == codes
    assert chosen("conf.py") == codes
    assert chosen("scripts/book/components.py") == codes
    assert chosen("README.md") == ["en"]
    assert sources.languages_to_check(layout, codes, "en", None) == codes


def test_changed_files_include_untracked_and_uncommitted(tmp_path):
    import subprocess

    def git(*arguments: str) -> None:
        subprocess.run(["git", *arguments], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("config", "user.email", "test@example.org")
    git("config", "user.name", "Test")
    (tmp_path / "a.md").write_text("a\n")
    git("add", "a.md")
    git("commit", "-q", "-m", "first")
    git("checkout", "-q", "-b", "partner")
    (tmp_path / "b.md").write_text("b\n")
    git("add", "b.md")
    git("commit", "-q", "-m", "second")
    (tmp_path / "a.md").write_text("changed\n")
    (tmp_path / "new.md").write_text("new\n")
    assert changed_files("main", tmp_path) == [Path("a.md"), Path("b.md"), Path("new.md")]
    assert changed_files("no-such-branch", tmp_path) == [Path("a.md"), Path("new.md")]
    assert changed_files("main", tmp_path.parent / "not-a-repository") is None
