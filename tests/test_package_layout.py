"""The pipeline's rooms: a module imports only from its own room or from a lower one.

A newcomer reads the tree from the top (``editions``) down; an import "up", say from the book's
extensions into the PDF builder, would make a lower room depend on a format it should not know.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "scripts"
# Highest first, as scripts/__init__.py describes them; rooms of equal rank are independent.
RANKS = {"": 4, "pdf": 3, "epub": 3, "site": 3, "check": 2, "book": 2, "i18n": 1, "util": 0}


def room_of(module: str) -> str:
    """``scripts.pdf.builder`` -> ``pdf``; ``scripts.publish.publish_together`` -> ``""``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and (PACKAGE / parts[1]).is_dir() else ""


def module_name(path: Path) -> str:
    return ".".join(("scripts", *path.relative_to(PACKAGE).with_suffix("").parts)).removesuffix(
        ".__init__")


def imported_modules(path: Path) -> set[str]:
    """Every ``scripts.*`` module the file imports, or loads as a Sphinx extension by name."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            # ``from scripts.pdf import render`` names a module; ``from scripts.x import f``
            # names its contents: either way, the room is read off the dotted path
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)
    return {name for name in found if name.startswith("scripts.")}


MODULES = sorted(PACKAGE.rglob("*.py"))


def test_every_room_is_ranked():
    rooms = {path.parent.name for path in MODULES if path.parent != PACKAGE}
    assert rooms == set(RANKS) - {""}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_no_import_reaches_up_or_sideways(path):
    own = room_of(module_name(path))
    offending = sorted(
        name for name in imported_modules(path)
        if (room := room_of(name)) != own and RANKS[room] >= RANKS[own]
    )
    assert offending == [], f"{path.relative_to(PACKAGE)} ({own or 'top'}) imports {offending}"


def test_the_rule_catches_an_import_up(tmp_path):
    module = tmp_path / "sample.py"
    module.write_text('from scripts.pdf.render import render_pdf\n'
                      'def setup(app):\n    app.setup_extension("scripts.epub.builder")\n')
    assert imported_modules(module) == {"scripts.pdf.render.render_pdf", "scripts.epub.builder"}
    assert {room_of(name) for name in imported_modules(module)} == {"pdf", "epub"}
