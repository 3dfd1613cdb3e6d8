"""Build the same sources with the peers' PDF tools and compare CPU seconds.

    python -m scripts.benchmark_peers --output _build/bench-peers.json

Every build is cold (a fresh output and doctree folder) and runs as one child process, measured
like the benchmark of the editions (:mod:`scripts.benchmark`):

- this project's book PDF alone (offprints switched off with ``pdf_offprints`` matching no page),
  the book with its offprints, and the HTML site;
- sphinx-simplepdf (WeasyPrint, no tags, no form fields), installed with the project's pinned
  dependencies in a virtual environment of its own, so that it cannot change the project's;
- Sphinx's LaTeX path with latexmk and XeLaTeX, where both are installed (Debian:
  ``texlive-xetex latexmk``); otherwise it is reported as skipped.

The ratios printed at the end compare CPU seconds with Sphinx's LaTeX path and with
sphinx-simplepdf. Nothing here judges them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

from scripts.benchmark import REPOSITORY, measured, pdf_pages

logger = logging.getLogger("benchmark")

SIMPLEPDF = ["sphinx-simplepdf==1.7.0", "libsass==0.23.0"]
LATEX_PEER = "Sphinx LaTeX + latexmk (xelatex)"
SIMPLEPDF_PEER = "sphinx-simplepdf"


@dataclass
class PeerRun:
    name: str
    ok: bool
    cpu_seconds: float
    wall_seconds: float
    peak_memory_mb: float
    pages: int
    bytes: int
    skipped: str = ""


def project_requirements() -> list[str]:
    data = tomllib.loads((REPOSITORY / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["project"]["dependencies"])


def peer_environment(folder: Path) -> Path:
    """A virtual environment with the project's pinned dependencies and sphinx-simplepdf; made
    once, again only when what it should hold changes."""
    wanted = [*project_requirements(), *SIMPLEPDF]
    stamp = hashlib.sha256("\n".join(wanted).encode()).hexdigest()
    python = folder / "bin" / "python"
    marker = folder / "installed.txt"
    if python.exists() and marker.exists() and marker.read_text(encoding="utf-8") == stamp:
        return python
    logger.info("installing sphinx-simplepdf into %s (once) ...", folder)
    shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    subprocess.run([str(python), "-m", "pip", "install", "-q",
                    "-c", str(REPOSITORY / "requirements.lock"), *wanted], check=True)
    marker.write_text(stamp, encoding="utf-8")
    return python


def sphinx_build(python: Path, builder: str, source: Path, confdir: Path, language: str,
                 out: Path, overrides: list[str] = ()) -> list[str]:
    defines = [item for override in overrides for item in ("-D", override)]
    return [str(python), "-m", "sphinx", "-q", "-b", builder, "-c", str(confdir),
            "-d", str(out / ".doctrees"), "-D", f"language={language}", *defines,
            str(source), str(out)]


def run(name: str, commands: list[list[str]], out: Path, cwd: Path,
        environment: dict[str, str], pdfs: str = "*.pdf") -> PeerRun:
    """Run ``commands`` one after the other into a fresh ``out``; sum what they cost."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cpu = wall = peak = 0.0
    ok = True
    logger.info("%s ...", name)
    for command in commands:
        ok, spent, took, memory = measured(command, cwd, environment)
        cpu, wall, peak = cpu + spent, wall + took, max(peak, memory)
        if not ok:
            break
    # not what the build keeps for later builds (renders kept beside the doctrees)
    books = sorted(path for path in out.glob(pdfs)
                   if not any(part.startswith(".") for part in path.relative_to(out).parts))
    result = PeerRun(name, ok, round(cpu, 2), round(wall, 2), round(peak, 1),
                     pdf_pages(books) if ok else 0,
                     sum(path.stat().st_size for path in books) if ok else 0)
    logger.info("%s: %s%.1f CPU-s, %.1f s wall, %.0f MB peak, %d pages", name,
                "" if ok else "FAILED, ", result.cpu_seconds, result.wall_seconds,
                result.peak_memory_mb, result.pages)
    return result


def benchmark_peers(source: Path, confdir: Path, language: str, scratch: Path) -> list[PeerRun]:
    environment = {**os.environ,
                   "PYTHONPATH": os.pathsep.join(filter(None, [str(REPOSITORY),
                                                               os.environ.get("PYTHONPATH")]))}
    own = Path(sys.executable)
    runs = [
        run("this project: book PDF", [sphinx_build(own, "pdf", source, confdir, language,
                                                    scratch / "book", ["pdf_offprints="])],
            scratch / "book", confdir, environment),
        run("this project: book PDF + offprints",
            [sphinx_build(own, "pdf", source, confdir, language, scratch / "offprints")],
            scratch / "offprints", confdir, environment, pdfs="**/*.pdf"),
        run("this project: HTML",
            [sphinx_build(own, "html", source, confdir, language, scratch / "html")],
            scratch / "html", confdir, environment, pdfs="none"),
    ]
    peer = peer_environment(scratch / "simplepdf-venv")
    # sphinx-simplepdf runs the ``weasyprint`` command of its own environment
    peer_path = {**environment,
                 "PATH": os.pathsep.join([str(peer.parent), environment.get("PATH", "")])}
    runs.append(run(SIMPLEPDF_PEER, [sphinx_build(peer, "simplepdf", source, confdir, language,
                                                   scratch / "simplepdf")],
                    scratch / "simplepdf", confdir, peer_path, pdfs="**/*.pdf"))
    missing = [tool for tool in ("xelatex", "latexmk") if shutil.which(tool) is None]
    if missing:
        runs.append(PeerRun(LATEX_PEER, False, 0, 0, 0, 0, 0,
                            skipped=f"{' and '.join(missing)} not installed"))
        logger.info("%s skipped: %s not installed (Debian: texlive-xetex latexmk)", LATEX_PEER,
                    " and ".join(missing))
    else:
        latex = scratch / "latex"
        runs.append(run(LATEX_PEER, [
            sphinx_build(own, "latex", source, confdir, language, latex, ["latex_engine=xelatex",
                                                          "latex_use_xindy=0"]),
            ["make", "-C", str(latex), "LATEXMKOPTS=-quiet -interaction=nonstopmode"],
        ], latex, confdir, environment))
    return runs


def ratios(runs: list[PeerRun]) -> dict[str, dict[str, float]]:
    """Each successful build's CPU seconds divided by each peer's."""
    done = {item.name: item.cpu_seconds for item in runs if item.ok and item.cpu_seconds}
    return {name: {f"vs {peer}": round(cpu / done[peer], 2)
                   for peer in (LATEX_PEER, SIMPLEPDF_PEER) if peer in done}
            for name, cpu in done.items()}


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("guidebook"))
    parser.add_argument("--confdir", type=Path, default=Path("."))
    parser.add_argument("--language", default="en")
    parser.add_argument("--scratch", type=Path, default=Path("_build/bench/peers"))
    parser.add_argument("--output", type=Path, default=Path("_build/bench-peers.json"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    arguments = parse_arguments(argv)
    runs = benchmark_peers(arguments.source.resolve(), arguments.confdir.resolve(),
                           arguments.language, arguments.scratch.resolve())
    compared = ratios(runs)
    for name, against in compared.items():
        logger.info("%-40s %s", name, "  ".join(f"{peer}: {ratio:.2f} times"
                                               for peer, ratio in against.items()))
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    arguments.output.write_text(json.dumps({"language": arguments.language,
                                            "runs": [asdict(item) for item in runs],
                                            "ratios": compared}, indent=2) + "\n",
                                encoding="utf-8")
    logger.info("written: %s", arguments.output)
    return 0 if all(item.ok or item.skipped for item in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
