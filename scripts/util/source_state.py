"""Whether sources are as they were: a digest of every file's path and bytes under folders.

For work whose result depends on the sources alone, such as extracting the message catalogs,
which can then be skipped when nothing changed since it last succeeded.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from scripts.util.pipeline_code import code_digest


def sources_digest(*paths: Path) -> str:
    """Files and folders' files, by path and content, with the pipeline's own code."""
    digest = hashlib.sha256(code_digest().encode())
    for root in paths:
        files = [root] if root.is_file() else sorted(path for path in root.rglob("*")
                                                     if path.is_file())
        for path in files:
            digest.update(str(path).encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
