"""Check translators' catalogs before they reach a build: ``make check-po``.

    python -m scripts.i18n.check locales

Three kinds of check, each problem reported as ``catalog:line`` with what to fix:

* ``msgfmt --check`` (GNU gettext): syntax such as unterminated strings, duplicate messages,
  and brace placeholders, which catch a MyST role missing from a translation;
* MyST markup that a translation must keep exactly: the targets of roles (``{ref}``,
  ``{doc}``, ``{term}``; citation keys of ``{cite:p}``), footnote markers, link addresses,
  substitutions and directive fences. Display text may change; targets may not;
* languages of passages: ``[a title]{.language-en}`` names a real language code
  (see ``scripts.i18n.passage_language``); such a span may be added where the English has none;
* glossary terms: the display text of a ``{term}`` role uses the wording the language's
  glossary gives that term (see ``scripts.i18n.glossary_consistency``).
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from scripts.i18n.glossary_consistency import GlossaryWording, glossary_wordings, inconsistent_terms
from scripts.i18n.passage_language import language_problems

logger = logging.getLogger("check_catalogs")

ROLE = re.compile(r"\{(?P<name>[\w:+-]+)\}`(?P<body>[^`]*)`")
EXPLICIT_TARGET = re.compile(r"<([^<>]+)>\s*$")
MARKUP = {
    "footnote markers": re.compile(r"\[\^[\w-]+\]"),
    "link addresses": re.compile(r"\]\(([^)\s]+)\)"),
    "substitutions": re.compile(r"\{\{[^}]*\}\}"),
    "directive fences": re.compile(r"^(?:`{3,}|:{3,})\{[\w-]+\}", re.M),
}


def role_targets(text: str) -> Counter:
    """Each role's name and what it points at; display text is free to change."""
    found: Counter = Counter()
    for match in ROLE.finditer(text):
        name, body = match["name"], match["body"]
        if name.startswith("cite"):
            found[(name, ",".join(key.strip() for key in body.split(",")))] += 1
        else:
            explicit = EXPLICIT_TARGET.search(body)
            found[(name, (explicit[1] if explicit else body).strip())] += 1
    return found


def markup_problems(source: str, translation: str) -> list[str]:
    """What the translation lost or added compared with the source, in words a translator uses."""
    problems = []
    expected, actual = role_targets(source), role_targets(translation)
    for (name, target), count in (expected - actual).items():
        problems.append(f"missing {{{name}}} pointing at '{target}' ({count}x): copy it from "
                        "the English, changing only its display text")
    for (name, target), count in (actual - expected).items():
        problems.append(f"{{{name}}} pointing at '{target}' is not in the English ({count}x): "
                        "keep the English target")
    for label, pattern in MARKUP.items():
        if Counter(pattern.findall(source)) != Counter(pattern.findall(translation)):
            problems.append(f"{label} differ from the English: keep them exactly")
    return problems


def read_catalog(path: Path) -> tuple[Catalog | None, list[str]]:
    try:
        with path.open("rb") as stream:
            return read_po(stream, abort_invalid=True), []
    except (PoFileError, ValueError) as exc:
        return None, [f"{path}: cannot be read ({exc}); check quotes and escapes"]


def check_catalog(path: Path, catalog: Catalog,
                  wordings: dict[str, GlossaryWording]) -> list[str]:
    found = []
    for message in catalog:
        if not message.id or message.fuzzy or not isinstance(message.string, str):
            continue
        if not message.string:
            continue
        problems = markup_problems(message.id, message.string)
        problems += language_problems(message.string)
        problems += inconsistent_terms(message.string, wordings)
        for problem in problems:
            snippet = " ".join(message.id.split())[:60]
            found.append(f"{path}:{message.lineno}: \"{snippet}…\": {problem}")
    return found


# msgfmt closes with "<its path>: found N fatal errors", which repeats what was said above
_MSGFMT_SUMMARY = re.compile(r"^\S*msgfmt: found ")


def msgfmt_problems(path: Path, msgfmt: str) -> list[str]:
    # in the C locale: `make html LANGUAGE=fr` exports LANGUAGE, which GNU gettext's own tools
    # obey, and the summary line must be recognised whatever the caller's language
    result = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True,
                            env={**os.environ, "LC_ALL": "C"})
    if result.returncode == 0:
        return []
    return [line for line in result.stderr.splitlines()
            if line.strip() and not _MSGFMT_SUMMARY.match(line)]


def check_language(directory: Path, msgfmt: str) -> list[str]:
    problems: list[str] = []
    catalogs = {}
    for path in sorted(directory.rglob("*.po")):
        problems += msgfmt_problems(path, msgfmt)
        catalog, unreadable = read_catalog(path)
        problems += unreadable
        if catalog is not None:
            catalogs[path] = catalog
    # the glossary is read from the language's own catalogs, so it is checked against itself
    wordings = glossary_wordings(catalogs)
    for path, catalog in catalogs.items():
        problems += check_catalog(path, catalog, wordings)
    return problems


def check_all(locales: Path) -> list[str]:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return ["msgfmt not found: install GNU gettext (Debian package gettext)"]
    problems = []
    for directory in sorted(path for path in locales.iterdir() if path.is_dir()):
        problems += check_language(directory, msgfmt)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("locales", type=Path, nargs="?", default=Path("locales"))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    problems = check_all(arguments.locales)
    for problem in problems:
        logger.error("%s", problem)
    catalogs = len(list(arguments.locales.rglob("*.po")))
    logger.info("%d catalogs checked, %d problems", catalogs, len(problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
