"""A digest of the pipeline's own code, which shapes every page and PDF it writes.

What a build keeps from an earlier one (pages, rendered PDFs) is out of date when the code
that made it changed, though no source did: a corrected translator or stylesheet must show.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

# the package every module of the pipeline lives in, its themes and stylesheets included
CODE_ROOT = Path(__file__).resolve().parents[1]


@cache
def code_digest(root: Path = CODE_ROOT) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
