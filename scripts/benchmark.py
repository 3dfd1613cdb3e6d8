"""Measure what building a book's editions costs: cold, warm, and after a one-page edit.

    python -m scripts.benchmark --edit guidebook/chapters/01-intro.md

The project (its configuration, sources and catalogs) is copied into a scratch folder, so that the
edit never touches the real sources and the published editions are not replaced. For each format,
the editions command builds one language three times in that copy:

- ``cold``: nothing built before (no doctrees, no output);
- ``warm``: again, nothing changed;
- ``edit``: again, after one paragraph was appended to the ``--edit`` page.

Each run is one child process; the operating system reports its CPU seconds (user + system,
including every process it waited for, such as sphinx-build), its wall time and the peak memory of
the largest of them. The pages and bytes of what the run published are counted too. The numbers
go to a JSON file for comparison between commits; nothing here judges them (timings vary between
machines, so no test asserts one).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

logger = logging.getLogger("benchmark")

REPOSITORY = Path(__file__).resolve().parents[1]
FORMATS = ("html", "epub", "pdf")
STEPS = ("cold", "warm", "edit")
# never copied into the scratch project: builds, tools and version control
NOT_COPIED = shutil.ignore_patterns("_build", ".git", ".venv", "node_modules", "*.egg-info",
                                    "__pycache__", ".pytest_cache", ".ruff_cache", "*.mo")
EDIT = "\n\nThis paragraph was added by the benchmark to measure an incremental build.\n"


@dataclass
class Run:
    format: str
    step: str
    ok: bool
    cpu_seconds: float
    wall_seconds: float
    peak_memory_mb: float
    pages: int
    files: int
    bytes: int


def measured(command: list[str], cwd: Path, environment: dict[str, str]) -> tuple[bool, float,
                                                                                  float, float]:
    """Run ``command``; return success, CPU seconds, wall seconds and peak memory (MB)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=environment)
    # wait4 reports the child with every descendant it waited for, which is where the work is
    _pid, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    ok = os.waitstatus_to_exitcode(status) == 0
    return ok, usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024


def published(build: Path, fmt: str, language: str) -> list[Path]:
    """The files the editions command published for ``fmt`` in ``language``."""
    folder = build / fmt / language
    return sorted(path for path in folder.rglob("*") if path.is_file()) if folder.is_dir() else []


def pdf_pages(files: list[Path]) -> int:
    import pikepdf

    pages = 0
    for path in files:
        if path.suffix == ".pdf":
            with pikepdf.open(path) as pdf:
                pages += len(pdf.pages)
    return pages


def copy_project(project: Path, scratch: Path) -> Path:
    copy = scratch / "project"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(project, copy, ignore=NOT_COPIED)
    return copy


def benchmark(project: Path, edit: Path, scratch: Path, language: str, formats: list[str],
              options: list[str]) -> list[Run]:
    """Build each of ``formats`` cold, warm and after editing ``edit`` (relative to ``project``)."""
    environment = {**os.environ,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(REPOSITORY),
                                                               os.environ.get("PYTHONPATH")]))}
    runs: list[Run] = []
    for fmt in formats:
        copy = copy_project(project, scratch)
        build = copy / "_build"
        command = [sys.executable, "-m", "scripts.editions", fmt, "--language", language,
                   "--build-dir", str(build), *options]
        for step in STEPS:
            if step == "edit":
                with (copy / edit).open("a", encoding="utf-8") as page:
                    page.write(EDIT)
            logger.info("%s %s build of %s ...", step, fmt, language)
            ok, cpu, wall, peak = measured(command, copy, environment)
            files = published(build, fmt, language)
            run = Run(fmt, step, ok, round(cpu, 2), round(wall, 2), round(peak, 1),
                      pdf_pages(files) if fmt == "pdf" else 0, len(files),
                      sum(path.stat().st_size for path in files))
            logger.info("%s %s: %.1f CPU-s, %.1f s wall, %.0f MB peak, %d file(s), %d bytes%s",
                        step, fmt, run.cpu_seconds, run.wall_seconds, run.peak_memory_mb,
                        run.files, run.bytes, f", {run.pages} pages" if run.pages else "")
            runs.append(run)
            if not ok:
                logger.error("the %s %s build failed (messages above); the benchmark stops",
                             step, fmt)
                return runs
    return runs


def report(runs: list[Run], language: str) -> dict:
    return {
        "language": language,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "system": platform.platform()},
        "commit": _commit(),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "runs": [asdict(run) for run in runs],
    }


def _commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPOSITORY, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--project", type=Path, default=Path("."),
                        help="folder with the configuration, sources and catalogs (copied)")
    parser.add_argument("--edit", type=Path, required=True,
                        help="the page to edit, relative to the project")
    parser.add_argument("--language", default="en")
    parser.add_argument("--format", action="append", dest="formats", choices=FORMATS,
                        help="repeatable; default: html, epub and pdf")
    parser.add_argument("--scratch", type=Path, default=Path("_build/bench"),
                        help="where the copy of the project is built")
    parser.add_argument("--output", type=Path, default=Path("_build/bench.json"))
    parser.add_argument("editions_options", nargs="*",
                        help="passed to the editions command, after --")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    arguments = parse_arguments(argv)
    project = arguments.project.resolve()
    if not (project / arguments.edit).is_file():
        logger.error("%s: no such page in %s; --edit names a page of the book to edit",
                     arguments.edit, project)
        return 1
    runs = benchmark(project, arguments.edit, arguments.scratch.resolve(), arguments.language,
                     arguments.formats or list(FORMATS), arguments.editions_options)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps(report(runs, arguments.language), indent=2) + "\n",
                                encoding="utf-8")
    logger.info("written: %s", arguments.output)
    return 0 if runs and all(run.ok for run in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
