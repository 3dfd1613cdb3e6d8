"""Which files a contributor changed: since their branch left the main line, and not yet
committed. Used by ``make check`` to check only the translations a change touches."""

from __future__ import annotations

import logging
import subprocess
from pathlib import Path

logger = logging.getLogger("changes")


def _git(*arguments: str, cwd: Path) -> str | None:
    try:
        result = subprocess.run(["git", *arguments], cwd=cwd, capture_output=True, text=True,
                                check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def changed_files(base: str, cwd: Path = Path()) -> list[Path] | None:
    """Files changed since ``base`` and its branch parted (``git merge-base``), plus files
    changed, added or not yet tracked in the working tree; None when git cannot tell (no
    repository), in which case everything should be checked."""
    if _git("rev-parse", "--git-dir", cwd=cwd) is None:
        return None
    names: set[str] = set()
    fork = _git("merge-base", base, "HEAD", cwd=cwd) if base else None
    if fork:
        since_fork = _git("diff", "--name-only", fork.strip(), "HEAD", cwd=cwd)
        names.update((since_fork or "").splitlines())
    elif base:
        logger.info("%s is not known to git here; checking the changes not yet committed",
                    base)
    names.update((_git("diff", "--name-only", "HEAD", cwd=cwd) or "").splitlines())
    names.update((_git("ls-files", "--others", "--exclude-standard", cwd=cwd) or "").splitlines())
    return sorted(Path(name) for name in names if name)
