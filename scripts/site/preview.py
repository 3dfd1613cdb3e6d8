"""A live preview of the site while a page is being written: ``make preview``.

    python -m scripts.site.preview --language fr --page chapters/03-multi-agency-strategy

Serves the site of one language on http://127.0.0.1:8000/ (this machine only) with
sphinx-autobuild, which rebuilds what changed whenever a source or a catalog is saved and
reloads the page in the browser. Warnings are shown but do not stop the preview: the page being
written is often unfinished. ``make check`` says what ``make`` would refuse.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from sphinx_autobuild.__main__ import main as autobuild

logger = logging.getLogger("preview")


def autobuild_arguments(arguments: argparse.Namespace) -> list[str]:
    language = arguments.language
    work = arguments.build_dir / "work" / "preview" / language
    return [str(arguments.source), str(arguments.build_dir / "preview" / language),
            "-c", str(arguments.confdir), "-d", str(work / "doctrees"),
            "-D", f"language={language}", "-n", "-q",
            "--host", "127.0.0.1", "--port", str(arguments.port),
            # a translator's catalogs change the page as much as its source does
            "--watch", str(arguments.locales)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--language", default="en", help="the site's language (default: en)")
    parser.add_argument("--page", default="index",
                        help="the page being written, e.g. chapters/03-multi-agency-strategy")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--source", type=Path, default=Path("guidebook"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--build-dir", type=Path, default=Path("_build"))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    page = arguments.page.removesuffix(".md").removeprefix(f"{arguments.source}/")
    if not (arguments.source / f"{page}.md").is_file():
        logger.error("no page %s in %s; give PAGE as the file's path without .md, for example "
                     "chapters/03-multi-agency-strategy", page, arguments.source)
        return 2
    logger.info("preview of %s (%s): http://127.0.0.1:%d/%s.html; it is rebuilt and reloaded "
                "whenever you save a file. Ctrl+C stops it.", page, arguments.language,
                arguments.port, page)
    autobuild(autobuild_arguments(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
