"""What a change of the English costs each translation: ``make translation-impact BASE=...``.

    python -m scripts.i18n.impact --base origin/main [--markdown summary.md]

A change of the English sources is work for every translation: after ``make update-po`` a
translated message whose English changed is fuzzy (``msgmerge`` keeps its old translation for
review) and a message that did not exist before is untranslated. This command reports that
work before the change is merged, per language and page: how many messages become fuzzy, how
many are new, and how many English words they hold, so that authors and reviewers see what
they ask of translators, and translators what is coming.

The change is the difference between the merge-base of BASE and HEAD (so that commits landed
on BASE since the branch started do not count) and the working tree. The messages of both are
extracted as the editions do before a build (``make gettext`` without its strictness about
warnings), the base's from a ``git archive`` of that commit with its
own conf.py and extensions. For each language and page, the catalog as it was at the base is
merged (``msgmerge --previous``, into temporary files) with the base's messages, and the
current catalog with the working tree's; a message of the working tree that the base did not
have counts when it is fuzzy or untranslated after the merge, unless the message it replaces
was already fuzzy or untranslated before: that work was owed before the change.

The report goes to stdout; with ``--markdown FILE``, or in a GitHub Actions job (which sets
``GITHUB_STEP_SUMMARY``), a Markdown version is appended to that file too. It is a report, not
a check: the exit status is 0 unless it cannot be made (2: unknown revision, no msgmerge, no
languages file; 1: the extraction or a merge failed).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, unescape, write_po

from scripts.i18n.languages import LanguageDataError, load_languages
from scripts.i18n.revisions import Book, ImpactError, extract_both, merge_base, repository_top

logger = logging.getLogger("translation_impact")

# a message is known by its context and (singular) English text, as msgmerge and babel match it
Key = tuple[str | None, str]


@dataclass(frozen=True)
class Cost:
    """What the change asks of one translation on one page."""

    fuzzy: int = 0
    new: int = 0
    words: int = 0

    def __add__(self, other: Cost) -> Cost:
        return Cost(self.fuzzy + other.fuzzy, self.new + other.new, self.words + other.words)

    def __bool__(self) -> bool:
        return bool(self.fuzzy or self.new)


# -- catalogs ----------------------------------------------------------------------------------

def read_catalog(path: Path | None) -> Catalog:
    if path is None or not path.is_file():
        return Catalog()
    with path.open("rb") as stream:
        return read_po(stream)


def key(message: Message) -> Key:
    singular = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    return message.context, singular


def messages(catalog: Catalog) -> dict[Key, Message]:
    return {key(message): message for message in catalog if message.id}


def words(message: Message) -> int:
    texts = message.id if isinstance(message.id, (list, tuple)) else [message.id]
    return sum(len(text.split()) for text in texts)


def translated(message: Message | None) -> bool:
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(strings)


def previous(message: Message) -> Key | None:
    """The English a fuzzy message was matched to: ``#| msgid``, which babel keeps as a comment.
    """
    fields: dict[str, list[str]] = {}
    current = None
    for comment in message.user_comments:
        if not comment.startswith("|"):
            continue
        text = comment[1:].strip()
        keyword, _, rest = text.partition(" ")
        if keyword in ("msgctxt", "msgid", "msgid_plural"):
            current, fields[keyword] = keyword, [rest]
        elif text.startswith('"') and current is not None:
            fields[current].append(text)
    if "msgid" not in fields:
        return None
    context = "".join(map(unescape, fields["msgctxt"])) if "msgctxt" in fields else None
    return context, "".join(map(unescape, fields["msgid"]))


class Merger:
    """GNU msgmerge as ``make update-po`` runs it, writing into a temporary folder only."""

    def __init__(self, msgmerge: str, folder: Path) -> None:
        self.msgmerge = msgmerge
        self.folder = folder
        self.count = 0

    def merge(self, po: Path, pot: Path) -> Catalog:
        self.count += 1
        output = self.folder / f"{self.count}.po"
        done = subprocess.run([self.msgmerge, "--quiet", "--previous", f"--output-file={output}",
                               str(po), str(pot)], capture_output=True, text=True)
        if done.returncode != 0:
            raise ImpactError(f"msgmerge failed on {po}: {done.stderr.strip()}", 1)
        return read_catalog(output)

    def merged(self, po: Path | None, pot: Path) -> Catalog:
        """The catalog ``po`` as update-po would make it for ``pot``; none: nothing translated."""
        return self.merge(po, pot) if po is not None and po.is_file() else Catalog()

    def ancestors(self, base_pot: Path, head_pot: Path) -> dict[Key, Key]:
        """Which base message each new message of the head replaces, as msgmerge matches them.

        The base's messages "translated" as themselves make every base message a candidate,
        whether or not a language translated it: that tells a changed message, whose old
        version may have been untranslated already, from an added one.
        """
        catalog = read_catalog(base_pot)
        for message in catalog:
            if message.id:
                message.string = message.id
        english = self.folder / f"{self.count}-english.po"
        with english.open("wb") as stream:
            write_po(stream, catalog)
        return {key(message): ancestor for message in self.merge(english, head_pot)
                if message.id and message.fuzzy and (ancestor := previous(message))}


# -- the measure -------------------------------------------------------------------------------

def pot_files(folder: Path) -> dict[str, Path]:
    return {path.relative_to(folder).with_suffix("").as_posix(): path
            for path in sorted(folder.rglob("*.pot"))}


@dataclass(frozen=True)
class PageChange:
    """One page's English change: the messages it adds or rewrites, and how many it drops."""

    page: str
    added: list[Message]
    removed: int
    ancestors: dict[Key, Key]
    base_keys: frozenset[Key]


def english_changes(base_pots: Path, head_pots: Path, merger: Merger) -> list[PageChange]:
    base_files, head_files = pot_files(base_pots), pot_files(head_pots)
    changes = []
    for page in sorted(base_files.keys() | head_files.keys()):
        before = messages(read_catalog(base_files.get(page)))
        after = messages(read_catalog(head_files.get(page)))
        added = [message for name, message in after.items() if name not in before]
        removed = len(before.keys() - after.keys())
        if not added and not removed:
            continue
        ancestors = (merger.ancestors(base_files[page], head_files[page])
                     if added and page in base_files else {})
        changes.append(PageChange(page, added, removed, ancestors, frozenset(before)))
    return changes


def page_cost(change: PageChange, before: Catalog, after: Catalog) -> Cost:
    """Count the added messages the translation must review (fuzzy) or translate (new).

    ``before``: the language's catalog at the base, merged with the base's messages;
    ``after``: its current catalog merged with the working tree's.
    """
    cost = Cost()
    for message in change.added:
        merged = after.get(message.id, context=message.context)
        if translated(merged):
            continue  # the translators have already caught up
        fuzzy = merged is not None and merged.fuzzy and bool(merged.string)
        ancestor = previous(merged) if fuzzy else change.ancestors.get(key(message))
        # an English rewrite of a message that was not translated is no new work
        if ancestor in change.base_keys and not translated(before.get(ancestor[1],
                                                                      context=ancestor[0])):
            continue
        cost += Cost(fuzzy=int(fuzzy), new=int(not fuzzy), words=words(message))
    return cost


def measure(changes: list[PageChange], languages: list[str], locales: Path,
            base_locales: Path | None, base_pots: Path, head_pots: Path,
            merger: Merger) -> dict[str, dict[str, Cost]]:
    """Cost per language and page, for the pages whose English changed."""
    costs: dict[str, dict[str, Cost]] = {}
    for language in languages:
        pages = costs[language] = {}
        for change in changes:
            if not change.added:
                continue  # messages only removed become obsolete: nothing to do
            catalog = Path(language, "LC_MESSAGES", f"{change.page}.po")
            base_pot = base_pots / f"{change.page}.pot"
            before = (merger.merged(base_locales / catalog, base_pot)
                      if base_locales is not None and base_pot.is_file() else Catalog())
            after = merger.merged(locales / catalog, head_pots / f"{change.page}.pot")
            pages[change.page] = page_cost(change, before, after)
    return costs


# -- the report --------------------------------------------------------------------------------

def summary_line(changes: list[PageChange], commit: str, named: str) -> str:
    if not changes:
        return f"no English message changed since {commit[:12]} ({named}) in the working tree"
    added = sum(len(change.added) for change in changes)
    added_words = sum(words(message) for change in changes for message in change.added)
    removed = sum(change.removed for change in changes)
    return (f"English changes since {commit[:12]} ({named}) in the working tree: {added} "
            f"messages new or rewritten ({added_words} words), "
            f"{removed} removed, in {len(changes)} page(s)")


def text_report(summary: str, costs: dict[str, dict[str, Cost]], names: dict[str, str]) -> str:
    lines = [summary]
    for language, pages in costs.items():
        if not pages:
            continue
        total = sum(pages.values(), Cost())
        lines += ["", f"{names[language]} ({language}): {total.fuzzy} fuzzy, {total.new} new, "
                      f"{total.words} words",
                  f"  {'page':<45} {'fuzzy':>6} {'new':>6} {'words':>7}"]
        lines += [f"  {page:<45} {cost.fuzzy:>6} {cost.new:>6} {cost.words:>7}"
                  for page, cost in pages.items()]
        lines.append(f"  {'total':<45} {total.fuzzy:>6} {total.new:>6} {total.words:>7}")
    return "\n".join(lines) + "\n"


def markdown_report(summary: str, costs: dict[str, dict[str, Cost]],
                    names: dict[str, str]) -> str:
    lines = ["## Translation impact", "", summary[0].upper() + summary[1:] + "."]
    if any(costs.values()):
        lines += ["", "| Language | Fuzzy | New | Words | Pages |", "|---|--:|--:|--:|---|"]
        for language, pages in costs.items():
            total = sum(pages.values(), Cost())
            listed = "<br>".join(f"`{page}`: {cost.fuzzy} fuzzy, {cost.new} new"
                                 for page, cost in pages.items() if cost) or "nothing to do"
            lines.append(f"| {names[language]} ({language}) | {total.fuzzy} | {total.new} | "
                         f"{total.words} | {listed} |")
    return "\n".join(lines) + "\n\n"


def append_markdown(targets: list[Path], markdown: str) -> None:
    for target in dict.fromkeys(path.resolve() for path in targets):
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as stream:
            stream.write(markdown)
        logger.info("Markdown report appended to %s", target)


# -- the command -------------------------------------------------------------------------------

def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, metavar="REF",
                        help="the revision the change is measured from, e.g. origin/main")
    parser.add_argument("--source", type=Path, default=Path("guidebook"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--build-dir", type=Path, default=Path("_build"))
    parser.add_argument("--markdown", type=Path, metavar="FILE",
                        help="also append the report in Markdown to this file")
    return parser.parse_args(argv)


def run(arguments: argparse.Namespace) -> int:
    msgmerge = shutil.which("msgmerge")
    if msgmerge is None:
        raise ImpactError("msgmerge not found: install GNU gettext (Debian package gettext)")
    try:
        languages = load_languages(arguments.locales)
    except LanguageDataError as exc:
        raise ImpactError(str(exc)) from None
    if not arguments.source.is_dir():
        raise ImpactError(f"{arguments.source}: no such folder (the English sources, --source)")
    top = repository_top(arguments.source)
    book = Book(top, arguments.source.resolve(), arguments.confdir.resolve(),
                arguments.locales.resolve(), arguments.build_dir.resolve())
    commit, named = merge_base(top, arguments.base)
    started = time.perf_counter()
    head_pots, base_pots, base_locales = extract_both(book, commit)
    with tempfile.TemporaryDirectory(prefix="translation-impact-") as scratch:
        merger = Merger(msgmerge, Path(scratch))
        changes = english_changes(base_pots, head_pots, merger)
        costs = measure(changes, languages.translations, book.locales, base_locales,
                        base_pots, head_pots, merger)
    logger.info("measured in %.1f s (%d merges)", time.perf_counter() - started, merger.count)
    names = {code: languages.name(code) for code in languages.translations}
    summary = summary_line(changes, commit, named)
    sys.stdout.write(text_report(summary, costs, names))
    targets = [arguments.markdown] if arguments.markdown else []
    if os.environ.get("GITHUB_STEP_SUMMARY"):
        targets.append(Path(os.environ["GITHUB_STEP_SUMMARY"]))
    if targets:
        append_markdown(targets, markdown_report(summary, costs, names))
    return 0


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        return run(arguments)
    except ImpactError as exc:
        logger.error("%s", exc)
        return exc.status


if __name__ == "__main__":
    sys.exit(main())
