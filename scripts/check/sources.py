"""Check the book's sources without building an edition: ``make check``.

    python -m scripts.check.sources                       # English + the catalogs you changed
    python -m scripts.check.sources --all-languages       # every language
    python -m scripts.check.sources --since origin/main   # changes since the branch left it
    python -m scripts.check.sources locales/fr/LC_MESSAGES/about.po   # what these files touch

Each language is read by Sphinx with the editions' configuration and extensions, and every
reference resolved, but nothing is written (Sphinx's ``dummy`` builder): front matter, the
template's sections, component shapes, citation keys, glossary terms, references and labels,
images, files outside the book, raw HTML, encodings, characters the PDF's font lacks and, for
a translation, its catalogs are checked by the very code that makes ``make`` refuse them. The
one thing left to the editions is what only a laid-out page shows (text past the margin).

Every problem is printed once as ``file:line: what is wrong and how to fix it``; inside GitHub
Actions also as a workflow command (``::error file=…,line=…::``), so that it shows on the pull
request's diff. The parsed sources are kept in ``<build>/work/check/``, so the next check reads
only what changed. Exits 1 when anything is wrong.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from scripts.check.changes import changed_files
from scripts.i18n.languages import DATA_FILE, LanguageDataError, load_languages

logger = logging.getLogger("check")

# how Sphinx prints a warning: "path:line: WARNING: message [type.subtype]", line optional
_WARNING = re.compile(r"^(?:(?P<path>.+?):(?:(?P<line>\d+):)? )?"
                      r"(?P<level>WARNING|ERROR|CRITICAL|SEVERE): (?P<message>.*)$")
_ESCAPES = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}" if where else self.message

    def annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command."""
        properties = []
        if self.path:
            properties.append(f"file={_escape(self.path, True)}")
        if self.line:
            properties.append(f"line={self.line}")
        return f"::error {','.join(properties)}::{_escape(self.message, False)}"


def _escape(text: str, is_property: bool) -> str:
    # GitHub's workflow commands read %, CR and LF as escapes, and ':' ',' in properties
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if is_property:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


@dataclass(frozen=True)
class Layout:
    source: Path
    confdir: Path
    locales: Path
    build: Path


def shown_path(path: str) -> str:
    """A path as the contributor knows it: relative to where they run the check."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def parse_warnings(output: str) -> tuple[list[Problem], list[str]]:
    """Sphinx's warnings as problems; lines that are not warnings (a crash) as they came."""
    problems: list[Problem] = []
    other: list[str] = []
    for raw in _ESCAPES.sub("", output).splitlines():
        found = _WARNING.match(raw)
        if found:
            path = shown_path(found["path"]) if found["path"] else ""
            problems.append(Problem(path, int(found["line"] or 0), found["message"].strip()))
        elif raw.strip() and problems and raw.startswith((" ", "\t")):
            # a docutils message continues on indented lines: keep it on the one line
            last = problems.pop()
            problems.append(Problem(last.path, last.line, f"{last.message} {raw.strip()}"))
        elif raw.strip():
            other.append(raw)
    return problems, other


def check_language(layout: Layout, language: str) -> tuple[list[Problem], list[str], bool]:
    """Read one language's book with every check of the editions; write nothing."""
    work = layout.build / "work" / "check" / (language or "source")
    # "" is a book without a list of languages: its conf.py says which language it is in
    chosen = ["-D", f"language={language}"] if language else []
    command = [sys.executable, "-m", "sphinx", "-b", "dummy", "-c", str(layout.confdir),
               "-d", str(work / "doctrees"), *chosen,
               "-W", "--keep-going", "-n", "-q", "--no-color",
               str(layout.source), str(work / "out")]
    # translation progress does not matter here, and without the extracted messages it is
    # counted from the catalogs alone
    environment = {key: value for key, value in os.environ.items()
                   if key != "TRANSLATION_POT_DIR"}
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    problems, other = parse_warnings(result.stderr)
    return problems, other, result.returncode == 0


def languages_to_check(layout: Layout, codes: list[str], source: str,
                       changed: list[Path] | None) -> list[str]:
    """The source language always; a translation when its catalogs changed, or when
    something every language shares (configuration, pipeline, language list) changed."""
    if changed is None:
        return codes
    chosen = {source}
    locales = layout.locales.resolve()
    book = layout.source.resolve()
    for path in changed:
        absolute = path.resolve()
        if absolute.is_relative_to(locales):
            parts = absolute.relative_to(locales).parts
            if len(parts) > 1 and parts[0] in codes:
                chosen.add(parts[0])
            else:
                return codes  # languages.toml: every language's status may change
        elif not absolute.is_relative_to(book) and is_shared(absolute, layout):
            return codes
    return [code for code in codes if code in chosen]


def is_shared(path: Path, layout: Layout) -> bool:
    """Whether a file outside the sources changes every language's build."""
    confdir = layout.confdir.resolve()
    return path == confdir / "conf.py" or (path.suffix == ".py" and
                                           path.is_relative_to(confdir / "scripts"))


def report(problems: list[Problem], other: list[str], annotate: bool) -> None:
    for line in other:
        logger.error("%s", line)
    for problem in problems:
        logger.error("%s", problem)
        if annotate:
            # the annotation goes to stdout, where GitHub Actions reads workflow commands
            sys.stdout.write(problem.annotation() + "\n")
    sys.stdout.flush()


def run(layout: Layout, languages: list[str]) -> int:
    started = time.perf_counter()
    named = ", ".join(language or "the book's language" for language in languages)
    logger.info("checking the sources in %s, without building an edition ...", named)
    workers = min(len(languages), os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda code: check_language(layout, code), languages))
    # a problem of the English sources shows in every language's reading: say it once
    problems = sorted({problem for found, _other, _ok in results for problem in found})
    other = [line for _found, lines, _ok in results for line in lines]
    failed = [code for code, (_found, _other, ok) in zip(languages, results, strict=True)
              if not ok]
    report(problems, other, os.environ.get("GITHUB_ACTIONS") == "true")
    seconds = time.perf_counter() - started
    if problems or other or failed:
        files = {problem.path for problem in problems}
        logger.error("make check: %d problem(s) in %d file(s); fix each at the file and line "
                     "given (%.1f s)", len(problems), len(files), seconds)
        return 1
    logger.info("make check: no problem found (%s, %.1f s)", named, seconds)
    return 0


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path,
                        help="changed files: which translations to check (default: ask git)")
    parser.add_argument("--since", default="origin/main", metavar="REF",
                        help="count changes since the branch left REF (default: origin/main)")
    parser.add_argument("--all-languages", action="store_true", help="check every language")
    parser.add_argument("--language", action="append", dest="languages", metavar="LANG",
                        help="check this language (repeatable)")
    parser.add_argument("--source", type=Path, default=Path("guidebook"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--build-dir", type=Path, default=Path("_build"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    layout = Layout(arguments.source, arguments.confdir, arguments.locales,
                    arguments.build_dir)
    if not (layout.locales / DATA_FILE).is_file():
        return run(layout, [""])
    try:
        book_languages = load_languages(layout.locales)
    except LanguageDataError as exc:
        logger.error("%s", exc)
        return 1
    codes = book_languages.codes
    if arguments.languages:
        unknown = [code for code in arguments.languages if code not in codes]
        if unknown:
            logger.error("%s not listed in %s; known languages: %s", ", ".join(unknown),
                         layout.locales / "languages.toml", ", ".join(codes))
            return 1
        languages = [code for code in codes if code in arguments.languages]
    elif arguments.all_languages:
        languages = codes
    else:
        changed = arguments.files or changed_files(arguments.since, layout.confdir)
        languages = languages_to_check(layout, codes, book_languages.source, changed)
    return run(layout, languages)


if __name__ == "__main__":
    sys.exit(main())
