"""Put a finished edition in place without ever leaving a half-written one where readers look.

Builders write into a work directory; only after a build has succeeded is its result copied
next to the published edition and swapped in, so a failed or interrupted build leaves the last
good edition untouched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def publish_file(source: Path, destination: Path) -> Path:
    """Copy ``source`` to ``destination`` through a temporary file and an atomic rename."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(f".{destination.name}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, destination)
    return destination


def publish_tree(source: Path, destination: Path) -> Path:
    """Replace the directory ``destination`` by a copy of ``source``.

    The copy is made beside the destination first; the swap is two renames, so at worst an
    interruption leaves the previous edition under ``.<name>.old`` and never a partial copy.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    fresh = destination.with_name(f".{destination.name}.new")
    stale = destination.with_name(f".{destination.name}.old")
    for leftover in (fresh, stale):
        shutil.rmtree(leftover, ignore_errors=True)
    shutil.copytree(source, fresh)
    if destination.exists():
        destination.rename(stale)
    fresh.rename(destination)
    shutil.rmtree(stale, ignore_errors=True)
    return destination
