"""Build a book's editions, language by language, and publish each only once it is complete.

    python -m scripts.editions html epub pdf            # every language
    python -m scripts.editions pdf --language fr        # one format, one language
    python -m scripts.editions gettext                  # message catalogs for translators

Each language's sources are read once: its HTML, EPUB and PDF builds share one doctree
directory, so the second and third builds reuse the parsed environment. Builders write into
``<build>/work``; a finished edition is then published to ``<build>/html/<lang>/``,
``<build>/epub/<lang>/<name>-<lang>.epub`` or ``<build>/pdf/<lang>/<name>-<lang>.pdf``, with
the PDF's offprints in ``<build>/pdf/<lang>/offprints/`` and the print-shop version (format
``pdf-print``) beside it as ``<name>-print-<lang>.pdf``. A language's editions are published
together once all of them are built; a failed build publishes nothing of its language, so the
last good set stays in place. The EPUBs and PDFs of all languages are built before the sites,
which offer them with their sizes (described in ``<build>/downloads/<lang>.json``); the site's
root gets a page that leads each reader to their language.

Languages are independent until their sites, which offer every language's downloads: each
language's EPUB and PDFs are built in a child process of their own, ``--jobs`` languages at a
time (default: one per core), then the sites the same way. While several run, every line a build
prints starts with its language and format, so that interleaved messages still say whose they are.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.edition_files import (
    describe_products,
    read_description,
    still_published,
    write_description,
)
from scripts.epub.page_list import PAGE_STARTS_VARIABLE
from scripts.i18n.languages import LanguageDataError, load_languages
from scripts.i18n.status import POT_DIR_VARIABLE
from scripts.pdf.builder import PAGE_STARTS_FILE
from scripts.pdf.render import weasyprint_problem
from scripts.publish import publish_together
from scripts.site.downloads import DOWNLOADS_VARIABLE
from scripts.site.landing import SiteLanguage, write_landing_page
from scripts.util.source_state import sources_digest

logger = logging.getLogger("editions")

FORMATS = ("html", "epub", "pdf", "pdf-print")
# where each format's editions are published; the print-shop PDF goes beside the screen PDF
PUBLISHED_AS = {"pdf-print": "pdf"}
# the EPUB marks where the PDF's pages start, so the PDF of a language is built before its EPUB
DOWNLOADS_ORDER = ("pdf", "pdf-print", "epub")
# formats whose work folder is kept between builds, to write only the pages that changed
KEEPS_OUTPUT = {"html", "epub"}


@dataclass(frozen=True)
class Layout:
    """Where the book's sources are and where its builds go."""

    source: Path
    confdir: Path
    locales: Path
    build: Path

    def work(self, language: str, fmt: str) -> Path:
        return self.build / "work" / language / fmt

    def doctrees(self, language: str) -> Path:
        return self.build / "work" / language / "doctrees"

    def downloads(self, language: str) -> Path:
        """The published description of a language's downloads."""
        return self.build / "downloads" / f"{language}.json"

    def work_downloads(self, language: str) -> Path:
        return self.build / "work" / language / "downloads.json"

    def page_starts(self, language: str, built_now: bool) -> Path:
        """Where the PDF's pages start: as this run built them, or as last published."""
        if built_now:
            return self.work(language, "pdf") / PAGE_STARTS_FILE
        return self.build / "pdf" / language / PAGE_STARTS_FILE

    @property
    def messages(self) -> Path:
        """The source messages (.pot) extracted from the current sources."""
        return self.build / "gettext"


@dataclass(frozen=True)
class Outcome:
    ok: bool
    seconds: float
    peak_mb: float


def run_sphinx(arguments: list[str], verbose: bool,
               environment: dict[str, str] | None = None, prefix: str = "") -> Outcome:
    """Run one sphinx-build in a child process; report success, wall time and peak memory.

    With a ``prefix``, each line the child prints is passed on with it in front, on the same
    stream (output or errors), so that builds running side by side stay readable.
    """
    command = [sys.executable, "-m", "sphinx", *arguments]
    if not verbose:
        command.insert(3, "-q")
    logger.debug("running %s", " ".join(command))
    started = time.perf_counter()
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE} if prefix else {}
    child = subprocess.Popen(command, env=environment, text=True, **streams)
    relays = [threading.Thread(target=_relay, args=(pipe, target, prefix), daemon=True)
              for pipe, target in ((child.stdout, sys.stdout), (child.stderr, sys.stderr))
              if pipe is not None]
    for relay in relays:
        relay.start()
    # wait4 gives this child's own peak memory, not the largest of all children so far
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    for relay in relays:
        relay.join()
    return Outcome(child.returncode == 0, time.perf_counter() - started, usage.ru_maxrss / 1024)


def _relay(pipe: Any, target: Any, prefix: str) -> None:
    for line in pipe:
        target.write(prefix + line)
        target.flush()
    pipe.close()


def sphinx_arguments(layout: Layout, builder: str, language: str, outdir: Path,
                     doctrees: Path) -> list[str]:
    return ["-b", builder, "-c", str(layout.confdir), "-d", str(doctrees),
            "-D", f"language={language}", "-W", "--keep-going", "-n",
            str(layout.source), str(outdir)]


def products(layout: Layout, fmt: str, language: str) -> list[tuple[Path, Path]]:
    """What one finished build publishes: ``(built, published)`` pairs."""
    work = layout.work(language, fmt)
    if fmt == "html":
        return [(work, layout.build / "html" / language)]
    suffix = PUBLISHED_AS.get(fmt, fmt)
    built = sorted(work.glob(f"*.{suffix}"))
    if len(built) != 1:
        msg = f"expected one .{suffix} file in {work}, found {len(built)}"
        raise RuntimeError(msg)
    product = built[0]
    folder = layout.build / PUBLISHED_AS.get(fmt, fmt) / language
    pairs = [(product, folder / f"{product.stem}-{language}{product.suffix}")]
    # parts of the book printed on their own (offprints) travel with it
    parts = work / "offprints"
    if parts.is_dir():
        pairs.append((parts, folder / "offprints"))
    return pairs


def build_one(layout: Layout, fmt: str, language: str, step: tuple[int, int], verbose: bool,
              environment: dict[str, str], prefixed: bool = False) -> bool:
    """Build one edition into its work folder; say how it went."""
    number, total = step
    logger.info("[%d/%d] %s %s ...", number, total, language, fmt)
    # The doctrees are kept, so sources are read only when they changed. The site and the
    # EPUB keep their pages too, and Sphinx writes only those out of date; the pages of
    # removed sources are deleted (scripts.util.kept_pages). The PDFs' folders start
    # empty, so that no offprint of a removed chapter stays; their one HTML page is written
    # every time, and a PDF whose inputs did not change is the last render's
    # (scripts.pdf.render_cache).
    if fmt not in KEEPS_OUTPUT:
        shutil.rmtree(layout.work(language, fmt), ignore_errors=True)
    outcome = run_sphinx(
        sphinx_arguments(layout, fmt, language, layout.work(language, fmt),
                         layout.doctrees(language)),
        verbose, environment, prefix=f"[{language} {fmt}] " if prefixed else "",
    )
    if not outcome.ok:
        logger.error("%s %s edition failed (messages above name file and line); no %s edition "
                     "was published, the previous ones stay in place", language, fmt, language)
        return False
    logger.info("[%d/%d] %s %s done in %.1f s, peak memory %.0f MB", number, total, language,
                fmt, outcome.seconds, outcome.peak_mb)
    return True


def describe_downloads(layout: Layout, formats: list[str], language: str) -> None:
    """Describe ``language``'s downloads as they will be once published: this run's formats
    from the work folders, the others as published before."""
    described = still_published(read_description(layout.downloads(language)), layout.build)
    for fmt in formats:
        described.pop(fmt, None)
        described.update(describe_products(fmt, products(layout, fmt, language), layout.build))
    write_description(layout.work_downloads(language), described)


def publish(layout: Layout, formats: list[str], language: str) -> None:
    pairs = [pair for fmt in formats for pair in products(layout, fmt, language)]
    # the page starts travel with the PDF, for an EPUB built later without it
    starts = layout.page_starts(language, built_now=True)
    if "pdf" in formats and starts.is_file():
        pairs.append((starts, layout.page_starts(language, built_now=False)))
    if any(fmt != "html" for fmt in formats):
        pairs.append((layout.work_downloads(language), layout.downloads(language)))
    published = publish_together(pairs)
    logger.info("%s published: %s", language, ", ".join(str(path) for path in published))


def join_downloads(layout: Layout, languages: list[str], built: list[str]) -> Path:
    """One file describing every language's downloads, for the sites to read."""
    joined = {language: read_description(layout.work_downloads(language)) if language in built
              else still_published(read_description(layout.downloads(language)), layout.build)
              for language in languages}
    path = layout.build / "work" / "downloads.json"
    write_description(path, joined)
    return path


def build_editions(layout: Layout, formats: list[str], languages: list[str],
                   verbose: bool = False, site: list[SiteLanguage] | None = None,
                   jobs: int = 1) -> bool:
    """Build ``formats`` for ``languages``; publish a language's editions together, and only
    once all of them are built. After a failure no further build starts; what already
    succeeded is published, the failed language keeps its last good editions.

    The downloadable editions (EPUB, PDF) of every language are built first, so that each
    language's site can offer all of them with their sizes; each language is then published
    as soon as its site is built. ``site`` lists every language of the book with its name, for
    the sites' downloads and the page at the site's root. ``jobs`` languages build at a time.
    """
    downloads = [fmt for fmt in DOWNLOADS_ORDER if fmt in formats]
    total = len(formats) * len(languages)
    steps = _Steps(total)
    prefixed = jobs > 1 and len(languages) > 1
    # translation progress, on every edition, counts the messages the sources hold now
    environment = {**os.environ, POT_DIR_VARIABLE: str(layout.messages.resolve())}

    def build_downloads(language: str) -> bool:
        starts = layout.page_starts(language, built_now="pdf" in formats)
        language_environment = {**environment, PAGE_STARTS_VARIABLE: str(starts.resolve())}
        for fmt in downloads:
            if steps.stopped or not build_one(layout, fmt, language, steps.next(), verbose,
                                              language_environment, prefixed):
                return steps.stop()
        if downloads:
            describe_downloads(layout, downloads, language)
        if "html" not in formats:
            publish(layout, downloads, language)
        return True

    if not side_by_side(build_downloads, languages, jobs):
        return False
    if "html" not in formats:
        return True
    site = site or [SiteLanguage(code, code) for code in languages]
    joined = join_downloads(layout, [language.code for language in site],
                            languages if downloads else [])
    environment[DOWNLOADS_VARIABLE] = str(joined.resolve())

    def build_site(language: str) -> bool:
        if steps.stopped or not build_one(layout, "html", language, steps.next(), verbose,
                                          environment, prefixed):
            return steps.stop()
        publish(layout, formats, language)
        return True

    if not side_by_side(build_site, languages, jobs):
        return False
    write_landing_page(layout.build / "html", site)
    return True


class _Steps:
    """The count of builds started, shared by the languages building side by side, and
    whether one of them failed."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.started = 0
        self.stopped = False
        self._lock = threading.Lock()

    def next(self) -> tuple[int, int]:
        with self._lock:
            self.started += 1
            return self.started, self.total

    def stop(self) -> bool:
        self.stopped = True
        return False


def side_by_side(build: Callable[[str], bool], languages: list[str], jobs: int) -> bool:
    """``build`` each language, ``jobs`` at a time (threads that each wait on a child process)."""
    if jobs <= 1 or len(languages) <= 1:
        return all(build(language) for language in languages)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return all(list(pool.map(build, languages)))


def build_catalogs(layout: Layout, verbose: bool = False, strict: bool = True) -> bool:
    """Extract message catalogs (.pot) in the source language into ``<build>/gettext``.

    ``strict`` is for translators' ``make gettext``: warnings are errors. Before the editions
    the extraction only feeds the translation progress, and the editions' own builds report
    every problem of the sources, so it stays quiet instead of saying each one twice.
    """
    outdir = layout.messages
    # what the last successful extraction read, kept with its catalogs: deleting them both
    # extracts again
    stamp = outdir / ".extracted-from"
    inputs = sources_digest(layout.source, layout.confdir / "conf.py")
    if not strict and stamp.is_file() and stamp.read_text(encoding="utf-8") == inputs:
        logger.info("message catalogs in %s are up to date", outdir)
        return True
    logger.info("extracting message catalogs into %s ...", outdir)
    checks = ["-W", "--keep-going", "-n"] if strict else ["-Q"]
    arguments = ["-b", "gettext", "-c", str(layout.confdir),
                 "-d", str(layout.build / "work" / "gettext-doctrees"),
                 *checks, str(layout.source), str(outdir)]
    stamp.unlink(missing_ok=True)
    outcome = run_sphinx(arguments, verbose)
    if not outcome.ok:
        logger.error("catalog extraction failed (messages above name file and line)")
        return False
    stamp.write_text(inputs, encoding="utf-8")
    return True


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("formats", nargs="+", choices=[*FORMATS, "gettext"],
                        help="what to build")
    parser.add_argument("--language", action="append", dest="languages", metavar="LANG",
                        help="build only this language (repeatable); default: all")
    parser.add_argument("--source", type=Path, default=Path("guidebook"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--locales", type=Path, default=Path("locales"))
    parser.add_argument("--build-dir", type=Path, default=Path("_build"))
    parser.add_argument("-v", "--verbose", action="store_true", help="show Sphinx's progress")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                        help="languages built at the same time (default: one per core)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    logging.basicConfig(level=logging.DEBUG if arguments.verbose else logging.INFO,
                        format="%(message)s")
    layout = Layout(arguments.source, arguments.confdir, arguments.locales,
                    arguments.build_dir)
    formats = [fmt for fmt in FORMATS if fmt in arguments.formats]
    if not formats:
        return 0 if build_catalogs(layout, arguments.verbose) else 1
    # WeasyPrint reports its own progress at INFO level; only its problems matter here
    logging.getLogger("weasyprint").setLevel(logging.WARNING)
    if any(fmt.startswith("pdf") for fmt in formats) and (problem := weasyprint_problem()):
        logger.error("%s", problem)
        return 1
    try:
        book_languages = load_languages(layout.locales)
    except LanguageDataError as exc:
        logger.error("%s", exc)
        return 1
    known = book_languages.codes
    languages = arguments.languages or known
    if unknown := [lang for lang in languages if lang not in known]:
        logger.error("%s not listed in %s; known languages: %s", ", ".join(unknown),
                     layout.locales / "languages.toml", ", ".join(known))
        return 1
    started = time.perf_counter()
    # the editions count how complete each translation is against the current messages
    if not build_catalogs(layout, arguments.verbose, strict=False):
        return 1
    site = [SiteLanguage(code, book_languages.name(code)) for code in known]
    if not build_editions(layout, formats, languages, arguments.verbose, site,
                          jobs=max(1, arguments.jobs)):
        return 1
    logger.info("built %d edition(s) in %.1f s", len(formats) * len(languages),
                time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
