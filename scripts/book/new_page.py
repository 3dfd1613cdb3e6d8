"""Start a new page of the book from its template: ``make new-chapter``, ``make new-appendix``.

    python -m scripts.book.new_page chapter --title "Online radicalisation" \\
        --contributor "A. Partner" --organisation "City of Example" --country Europe

conf.py describes each kind of page in ``new_page_kinds``::

    new_page_kinds = {
        "chapter": {"template": "_templates/chapter.md",  # under the source folder
                    "folder": "chapters",                 # where the page goes
                    "numbered": True,                     # NN-slug.md, after the last one
                    "label_prefix": "ch-",                # the page's label: ch-slug
                    "contents": "Chapters"},              # caption of the root page's toctree
        "appendix": {..., "contents": "Back matter", "before": "glossary"},
    }

The template's ``$title``, ``$contributor``, ``$organisation``, ``$country``, ``$date`` and
``$label`` are filled in, the page is written and listed in the contents, so the book builds
with it at once. What is not given on the command line is asked for; without a terminal to ask
on, the missing options are named and nothing is written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import re
import runpy
import string
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

logger = logging.getLogger("new_page")

_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_NUMBERED = re.compile(r"^(\d+)-")
_FENCE = re.compile(r"^(`{3,}|:{3,})\{toctree\}")
ASKED = {"title": "Title", "slug": "Short name for the file (lowercase-with-hyphens)",
         "contributor": "Contributor's name (or your team's)",
         "organisation": "Organisation", "country": "Country (or Europe)"}


class NewPageError(ValueError):
    """What stops the page from being written, said so that the partner can fix it."""


@dataclass(frozen=True)
class Kind:
    template: str
    folder: str
    contents: str
    numbered: bool = False
    label_prefix: str = ""
    before: str = ""


def slug_of(title: str) -> str:
    """A file name from a title: ascii letters and digits joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_title.lower()))[:60].strip("-")


def yaml_scalar(value: str) -> str:
    """``value`` as YAML reads it back: plain when that is safe, quoted otherwise."""
    try:
        if yaml.safe_load(f"key: {value}") == {"key": value}:
            return value
    except yaml.YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def fill(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled: quoted where YAML needs it in front matter."""
    match = re.match(r"\A(---\n.*?\n---\n)(.*)\Z", template, re.S)
    if match is None:
        return string.Template(template).substitute(values)
    # the date stays a YAML date, as partners write it
    quoted = {name: value if name == "date" else yaml_scalar(value)
              for name, value in values.items()}
    return (string.Template(match.group(1)).substitute(quoted)
            + string.Template(match.group(2)).substitute(values))


def page_path(source: Path, kind: Kind, slug: str) -> Path:
    folder = source / kind.folder
    if not kind.numbered:
        return folder / f"{slug}.md"
    numbers = [int(found.group(1)) for path in folder.glob("*.md")
               if (found := _NUMBERED.match(path.name))]
    return folder / f"{max(numbers, default=0) + 1:02d}-{slug}.md"


def add_to_contents(root: Path, caption: str, entry: str, before: str = "") -> None:
    """List ``entry`` in the toctree of ``root`` captioned ``caption``: last, or before
    ``before`` when that entry is there."""
    lines = root.read_text(encoding="utf-8").splitlines(keepends=True)
    start = None
    for number, line in enumerate(lines):
        fence = _FENCE.match(line)
        if fence and any(later.strip() == f":caption: {caption}"
                         for later in lines[number + 1:number + 6]):
            start, closing = number, fence.group(1)
            break
    if start is None:
        msg = f"{root}: no toctree with ':caption: {caption}' to list the page in"
        raise NewPageError(msg)
    end = next((number for number in range(start + 1, len(lines))
                if lines[number].strip() == closing), None)
    if end is None:
        msg = f"{root}:{start + 1}: the toctree '{caption}' is not closed with {closing}"
        raise NewPageError(msg)
    entries = [number for number in range(start + 1, end)
               if lines[number].strip() and not lines[number].lstrip().startswith(":")]
    at = next((number for number in entries if lines[number].strip() == before), None)
    if at is None:
        at = entries[-1] + 1 if entries else end
    lines.insert(at, entry + "\n")
    root.write_text("".join(lines), encoding="utf-8")


def ask_for_missing(values: dict[str, str | None], interactive: bool) -> dict[str, str]:
    if not values["slug"] and values["title"] and not interactive:
        values["slug"] = slug_of(values["title"])  # asked for only where someone can answer
    missing = [name for name, value in values.items() if not value]
    if missing and not interactive:
        options = ", ".join(f"--{name}" for name in missing)
        msg = f"missing {options}; give them on the command line (make new-chapter " \
              f"TITLE=... CONTRIBUTOR=...), or run it in a terminal to be asked"
        raise NewPageError(msg)
    for name in missing:
        default = slug_of(values["title"] or "") if name == "slug" else ""
        prompt = f"{ASKED[name]}" + (f" [{default}]" if default else "") + ": "
        values[name] = input(prompt).strip() or default
    return {name: value or "" for name, value in values.items()}


def check_values(values: dict[str, str]) -> None:
    for name, value in values.items():
        if not value.strip():
            raise NewPageError(f"{ASKED[name].split(' (')[0]} is empty")
        if "\n" in value or "$" in value:
            raise NewPageError(f"{ASKED[name].split(' (')[0]} must be one line without '$'")
    if not _SLUG.match(values["slug"]):
        msg = (f"the short name {values['slug']!r} must be lowercase letters and digits "
               "joined by hyphens, for example online-radicalisation")
        raise NewPageError(msg)


def new_page(source: Path, root_doc: str, kind: Kind, values: dict[str, str],
             today: dt.date) -> Path:
    """Write the page and list it in the contents; return its path."""
    check_values(values)
    path = page_path(source, kind, values["slug"])
    if path.exists() or any(path.parent.glob(f"*{values['slug']}.md")):
        raise NewPageError(f"{path.parent}: a page named '{values['slug']}' exists already")
    template = (source / kind.template).read_text(encoding="utf-8")
    text = fill(template, {**values, "date": today.isoformat(),
                           "label": kind.label_prefix + values["slug"]})
    docname = path.relative_to(source).with_suffix("").as_posix()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    try:
        add_to_contents(source / f"{root_doc}.md", kind.contents, docname, kind.before)
    except NewPageError:
        path.unlink()  # nothing half done: the page exists only if the contents list it
        raise
    return path


def read_configuration(confdir: Path) -> dict[str, Any]:
    """The values conf.py sets, read the way Sphinx reads them: by running it."""
    return runpy.run_path(str(confdir / "conf.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", help="the kind of page, as conf.py's new_page_kinds names it")
    for name in ASKED:
        parser.add_argument(f"--{name}", help=ASKED[name])
    parser.add_argument("--source", type=Path, default=Path("guidebook"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    configuration = read_configuration(arguments.confdir)
    kinds = configuration.get("new_page_kinds", {})
    if arguments.kind not in kinds:
        logger.error("no kind of page %r in conf.py's new_page_kinds; known: %s",
                     arguments.kind, ", ".join(kinds) or "none")
        return 2
    kind = Kind(**kinds[arguments.kind])
    try:
        values = ask_for_missing({name: getattr(arguments, name) for name in ASKED},
                                 sys.stdin.isatty())
        path = new_page(arguments.source, configuration.get("root_doc", "index"), kind,
                        values, dt.date.today())
    except (NewPageError, EOFError) as exc:
        logger.error("new page not written: %s", str(exc) or "no answer")
        return 1
    docname = path.relative_to(arguments.source).with_suffix("").as_posix()
    logger.info("wrote %s and listed it in the contents (%s). Next: write it, see it with "
                "'make preview PAGE=%s', check it with 'make check'.", path, kind.contents,
                docname)
    return 0


if __name__ == "__main__":
    sys.exit(main())
