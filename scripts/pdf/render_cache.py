"""Keep a PDF whose inputs did not change since its last render, instead of rendering it again.

A PDF is what WeasyPrint makes of one HTML file and the files it reads for it: stylesheets,
fonts, images. It is kept when all of them hold the same bytes as when it was last rendered
(content, not timestamps: every build writes the HTML and copies the static files again), with
the same render settings and the same code (this pipeline's, WeasyPrint's and pydyf's).
WeasyPrint reads the same files again from the same HTML and files, so the files it read last
time, recorded then, are the ones to compare.

Some words of the HTML change with no change to what the PDF says: the edition line names the
source revision (with "+" when the working tree has changes) and the date and time the build
stands for (``SOURCE_DATE_EPOCH``, otherwise now). They are left out of the comparison. A PDF
kept because nothing else changed keeps the edition line of the render it comes from, which
names a revision and a date whose sources print exactly this PDF: the offprint of a chapter
untouched since says when its text last went through the press, not when the book did. A
build from nothing (``make clean``) prints the current revision and date in every PDF, so the
same source still gives the same bytes from scratch.

One render is kept per PDF name, beside the doctrees, in ``<doctrees>/rendered-<builder>/``:
``<name>``, ``<name>.json``, which says what it was rendered from, and the files written with
it from the same render (its companions, such as where its pages start), as
``<name>.<companion>``. Only a render without a
warning is kept, so that a kept PDF never hides a problem the build would report.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import Any

from scripts.util.pipeline_code import code_digest

# stands for a word of the edition line in the HTML compared
VOLATILE = "\x00edition\x00"


def file_digest(path: Path) -> str:
    try:
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError:
        return "missing"


def html_digest(html_path: Path, volatile: list[str]) -> str:
    text = html_path.read_text(encoding="utf-8")
    for word in sorted(filter(None, volatile), key=len, reverse=True):
        text = text.replace(html.escape(word), VOLATILE).replace(word, VOLATILE)
    return hashlib.sha256(text.encode()).hexdigest()


class RenderCache:
    """The last good render of each PDF a builder writes, and what it was rendered from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._digests: dict[Path, str] = {}

    def _digest(self, path: Path) -> str:
        # a stylesheet or font serves many PDFs of one build: read once
        if path not in self._digests:
            self._digests[path] = file_digest(path)
        return self._digests[path]

    def inputs(self, html_path: Path, settings: dict[str, Any],
               volatile: list[str]) -> dict[str, Any]:
        """What a render of ``html_path`` depends on, except the files it will read."""
        return {"html": html_digest(html_path, volatile),
                "settings": settings,
                "code": code_digest(),
                "weasyprint": version("weasyprint"),
                "pydyf": version("pydyf")}

    def restore(self, inputs: dict[str, Any], output: Path,
                companions: list[Path] = ()) -> bool:
        """Put the kept PDF at ``output``, and its ``companions`` where they belong, if it was
        rendered from ``inputs`` and the same files; say whether it did."""
        kept = self.folder / output.name
        kept_companions = [(self.folder / f"{output.name}.{path.name}", path)
                           for path in companions]
        if not all(copy.is_file() for copy, _path in kept_companions):
            return False
        try:
            record = json.loads((self.folder / f"{output.name}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return False
        if not kept.is_file() or record.get("inputs") != inputs:
            return False
        resources = record.get("resources", {})
        if any(self._digest(Path(path)) != digest for path, digest in resources.items()):
            return False
        for copy, path in kept_companions:
            _copy(copy, path)
        _copy(kept, output)
        return True

    def remember(self, inputs: dict[str, Any], output: Path, resources: tuple[Path, ...],
                 html_path: Path, companions: list[Path] = ()) -> None:
        """Keep the PDF just rendered at ``output``, and its ``companions``, with what it was
        rendered from."""
        self.folder.mkdir(parents=True, exist_ok=True)
        record_path = self.folder / f"{output.name}.json"
        # the record goes last: an interrupted copy leaves no record that claims it
        record_path.unlink(missing_ok=True)
        for path in companions:
            _copy(path, self.folder / f"{output.name}.{path.name}")
        _copy(output, self.folder / output.name)
        read = {str(path): self._digest(path) for path in resources
                if path.resolve() != html_path.resolve()}
        record_path.write_text(json.dumps({"inputs": inputs, "resources": read}, indent=1,
                                          sort_keys=True) + "\n", encoding="utf-8")


def _copy(source: Path, target: Path) -> None:
    """Copy whole or not at all: a reader never finds half a PDF."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        shutil.copyfile(source, partial)
        os.chmod(partial, 0o644)
        os.replace(partial, target)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
