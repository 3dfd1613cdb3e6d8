"""Put finished editions in place without ever leaving a half-written one where readers look.

Builders write into a work directory. Only once every edition of a language has been built is
the set published: each file or folder is first copied beside its destination, and only when
every copy is complete are they swapped in by renames, so a failed or interrupted build leaves
the previous set untouched and a reader never sees a half-copied edition.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Staged:
    """A complete copy waiting beside its destination for the rename that publishes it."""

    fresh: Path
    destination: Path

    def commit(self) -> Path:
        if not self.fresh.is_dir():
            os.replace(self.fresh, self.destination)
            return self.destination
        # a folder cannot replace a folder in one rename: the old one steps aside first, so at
        # worst an interruption leaves it under .<name>.old, never a partial copy
        stale = self.destination.with_name(f".{self.destination.name}.old")
        shutil.rmtree(stale, ignore_errors=True)
        if self.destination.exists():
            self.destination.rename(stale)
        self.fresh.rename(self.destination)
        shutil.rmtree(stale, ignore_errors=True)
        return self.destination

    def discard(self) -> None:
        if self.fresh.is_dir():
            shutil.rmtree(self.fresh, ignore_errors=True)
        else:
            self.fresh.unlink(missing_ok=True)


def stage(source: Path, destination: Path) -> Staged:
    """Copy ``source`` (a file or a folder) beside ``destination``, ready to be swapped in."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    suffix = "new" if source.is_dir() else "partial"
    fresh = destination.with_name(f".{destination.name}.{suffix}")
    if fresh.is_dir():
        shutil.rmtree(fresh)
    if source.is_dir():
        shutil.copytree(source, fresh)
    else:
        shutil.copyfile(source, fresh)
    return Staged(fresh, destination)


def publish_together(pairs: list[tuple[Path, Path]]) -> list[Path]:
    """Publish every ``(source, destination)`` pair, or none of them if a copy fails."""
    staged: list[Staged] = []
    try:
        for source, destination in pairs:
            staged.append(stage(source, destination))
    except BaseException:
        for copy in staged:
            copy.discard()
        raise
    return [copy.commit() for copy in staged]
