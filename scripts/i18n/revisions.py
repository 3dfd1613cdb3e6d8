"""The English messages of two revisions of a book: the merge-base of a branch and the
working tree, each extracted with its own conf.py and extensions (for ``make
translation-impact``, :mod:`scripts.i18n.impact`).

The base is unpacked with ``git archive`` into the build folder and extracted in a child
process whose working directory is that copy, so that the base's own ``scripts`` package and
configuration are used; its messages are kept and reused while the base commit and the
installed packages are the same.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger("translation_impact")


class ImpactError(Exception):
    """The report cannot be made; the message says why and what to do."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Book:
    """The book's folders, absolute, and as paths inside the repository (for the base)."""

    top: Path
    source: Path
    confdir: Path
    locales: Path
    build: Path

    def inside(self, path: Path) -> Path | None:
        try:
            return path.relative_to(self.top)
        except ValueError:
            return None


# -- git ---------------------------------------------------------------------------------------

def git(top: Path, *arguments: str) -> str:
    done = subprocess.run(["git", "-C", str(top), *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        raise ImpactError(done.stderr.strip() or f"git {' '.join(arguments)} failed")
    return done.stdout.strip()


def repository_top(folder: Path) -> Path:
    try:
        return Path(git(folder, "rev-parse", "--show-toplevel")).resolve()
    except ImpactError:
        msg = f"{folder} is not inside a git repository: the change is measured against git"
        raise ImpactError(msg) from None


def merge_base(top: Path, ref: str) -> tuple[str, str]:
    """The commit where HEAD's branch left ``ref`` (what was on ``ref`` since is not the
    change's), and how to name it."""
    try:
        commit = git(top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                     f"{ref}^{{commit}}")
    except ImpactError:
        msg = (f"unknown git revision {ref!r}: fetch it (e.g. git fetch origin) or name an "
               "existing branch, tag or commit with BASE=...")
        raise ImpactError(msg) from None
    try:
        base = git(top, "merge-base", commit, "HEAD")
    except ImpactError:
        msg = f"{ref!r} and HEAD have no commit in common: name a BASE that HEAD branched from"
        raise ImpactError(msg) from None
    return base, (ref if base == commit else f"merge-base of {ref} and HEAD")


def unpack(top: Path, commit: str, destination: Path) -> None:
    """The repository's files as they were at ``commit``, without touching the working tree."""
    destination.mkdir(parents=True)
    with subprocess.Popen(["git", "-C", str(top), "archive", "--format=tar", commit],
                          stdout=subprocess.PIPE) as archive:
        untar = subprocess.run(["tar", "-x", "-C", str(destination)], stdin=archive.stdout,
                               capture_output=True, text=True)
    if archive.returncode != 0 or untar.returncode != 0:
        raise ImpactError(f"could not unpack {commit[:12]}: {untar.stderr.strip()}", 1)


# -- extraction --------------------------------------------------------------------------------

def environment_fingerprint() -> str:
    """What the extraction depends on besides the sources: the interpreter and its packages."""
    packages = sorted(f"{dist.metadata['Name']}=={dist.version}"
                      for dist in importlib.metadata.distributions())
    return hashlib.sha256("\n".join([sys.executable, *packages]).encode()).hexdigest()


def start_extraction(source: Path, confdir: Path, doctrees: Path, outdir: Path,
                     cwd: Path) -> subprocess.Popen[str]:
    """Start the sphinx-build of ``scripts.editions.build_catalogs(strict=False)``, in ``cwd``.

    Both sides are extracted by this one call, so that only the sources make them differ. The
    current directory comes first on sys.path: in the base's folder, its conf.py gets the
    extensions it was written for, not those of the working tree.
    """
    # Sphinx writes every page's .pot but deletes none: a removed page must not linger
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "sphinx", "-b", "gettext", "-Q", "-c", str(confdir),
               "-d", str(doctrees), str(source), str(outdir)]
    logger.debug("running %s in %s", " ".join(command), cwd)
    return subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def finish_extraction(child: subprocess.Popen[str], what: str) -> None:
    _stdout, errors = child.communicate()
    if child.returncode != 0:
        raise ImpactError(f"extracting the messages of {what} failed:\n{errors.strip()}", 1)


def extract_both(book: Book, commit: str) -> tuple[Path, Path, Path | None]:
    """Extract the messages of the working tree and of ``commit``, side by side.

    Returns the working tree's .pot folder, the base's, and the base's catalogs (None when the
    catalogs are not in the repository). The base's messages and catalogs are kept in
    ``<build>/impact/base`` and reused while the commit and the Python packages are the same:
    a commit's files never change. The working tree's Sphinx environment is kept while HEAD
    is the same commit, so that only edited sources are read again; a new commit may bring
    new extension code, which Sphinx would not notice.
    """
    folder = book.build / "impact"
    fingerprint = environment_fingerprint()
    source, confdir, locales = (book.inside(path) for path in
                                (book.source, book.confdir, book.locales))
    if source is None or confdir is None:
        raise ImpactError(f"{book.source} and {book.confdir} must be inside {book.top}")

    base, unpacked = folder / "base", folder / "base-src"
    base_key = "\n".join([commit, str(source), str(confdir), str(locales), fingerprint])
    reused = read_key(base) == base_key
    if reused:
        logger.info("reusing the messages of %s extracted before", commit[:12])
    else:
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(unpacked, ignore_errors=True)
        unpack(book.top, commit, unpacked)
        base.mkdir(parents=True)

    head = folder / "head"
    head_key = "\n".join([git(book.top, "rev-parse", "HEAD"), fingerprint])
    if read_key(head) != head_key:
        shutil.rmtree(head, ignore_errors=True)
    head.mkdir(parents=True, exist_ok=True)
    write_key(head, head_key)

    # the two extractions run side by side: each is mostly Sphinx starting up; each runs in
    # its own tree's top folder, so that each conf.py imports its own tree's extensions
    children = [(start_extraction(source, confdir, head / "doctrees", head / "gettext",
                                  book.top), "the working tree")]
    if not reused:
        children.append((start_extraction(source, confdir, base / "doctrees", base / "gettext",
                                          unpacked), commit[:12]))
    logger.info("extracting the messages of %s ...", " and ".join(what for _, what in children))
    try:
        for child, what in children:
            finish_extraction(child, what)
    finally:
        for child, _what in children:
            child.kill()  # a no-op once finished; stops the other one after a failure
            child.wait()
    if not reused:
        # the base's catalogs say what was translated before the change
        if locales is not None and (unpacked / locales).is_dir():
            shutil.move(unpacked / locales, base / "locales")
        shutil.rmtree(unpacked)
        shutil.rmtree(base / "doctrees")
        write_key(base, base_key)  # last, so that an interrupted run is not reused
    base_locales = base / "locales" if locales is not None else book.locales
    return head / "gettext", base / "gettext", base_locales if base_locales.is_dir() else None


def read_key(folder: Path) -> str | None:
    try:
        return (folder / "key").read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def write_key(folder: Path, key: str) -> None:
    (folder / "key").write_text(key, encoding="utf-8")
