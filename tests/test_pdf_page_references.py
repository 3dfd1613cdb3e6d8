"""Page references ("(page 34)", contents lines) print the page their target is on, while a
page is laid out again only when a number on it can change (scripts.pdf.page_references).

The reference for "right" is WeasyPrint itself without the project's changes: its command line
renders the same HTML in a separate process, and both PDFs must read the same, page by page.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

from scripts.pdf import render as pdf_render

STYLE = """
@page { size: A6; margin: 12mm }
body { font-family: "DejaVu Sans"; font-size: 9pt }
section { break-before: page }
a.ref::after { content: " (page " target-counter(attr(href url), page) ")" }
a.roman::after { content: " (" target-counter(attr(href url), page, lower-roman) ")" }
a.named::after { content: " [" target-counter(attr(data-target), page) "]" }
a.both::after { content: " (page " target-counter(attr(href url), page) ", read on "
                counter(page) ")" }
"""

BOOK = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Book</title>
<style>{style}</style></head><body>
<section><h1>Contents</h1>
<p><a class="ref" href="#target">The target</a></p>
<p><a class="roman" href="#last">The last part</a></p>
<p><a class="named" href="#target" data-target="#target">The target, by name</a></p>
</section>
<section><h2 id="early">Early</h2><p>Before the target.</p>{filler}</section>
<section><h2 id="target">Target</h2>
<p>Back to <a class="ref" href="#early">the early part</a>, and
<a class="ref" href="#target">this very part</a>.</p>
<p>Ahead: <a class="both" href="#last">the last part</a>.</p></section>
<section><h2 id="last">Last</h2><p>See <a class="ref" href="#target">the target</a> and
<a class="both" href="#early">the early part</a>.</p></section>
</body></html>"""

FILLER = '<p style="break-before: page">More.</p>'


class LayoutCounter(logging.Handler):
    """Counts the pages WeasyPrint lays out, first layouts and layouts again alike."""

    def __init__(self) -> None:
        super().__init__()
        self.layouts = 0

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("Step 5 - Creating layout - Page") and "up-to-date" not in message:
            self.layouts += 1


@pytest.fixture
def layouts():
    counter = LayoutCounter()
    progress = logging.getLogger("weasyprint.progress")
    level = progress.level
    progress.setLevel(logging.INFO)
    progress.addHandler(counter)
    yield counter
    progress.removeHandler(counter)
    progress.setLevel(level)


def page_texts(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


def write_book(tmp_path, filler: str = "", name: str = "book"):
    page = tmp_path / f"{name}.html"
    page.write_text(BOOK.format(style=STYLE, filler=filler), encoding="utf-8")
    return page


def render(tmp_path, filler: str = "", name: str = "book"):
    page = write_book(tmp_path, filler, name)
    return pdf_render.render_pdf(page, tmp_path / f"{name}.pdf", tmp_path)


def unpatched_weasyprint(html, output) -> None:
    """WeasyPrint's own command line, in a process of its own: none of the project's changes."""
    subprocess.run([sys.executable, "-m", "weasyprint", str(html), str(output)], check=True,
                   capture_output=True)


@pytest.mark.parametrize("fillers", [0, 1, 3], ids=["as-written", "moved-one", "moved-three"])
def test_every_reference_prints_the_page_weasyprint_finds_for_it(tmp_path, fillers):
    result = render(tmp_path, FILLER * fillers)
    unpatched_weasyprint(tmp_path / "book.html", tmp_path / "unpatched.pdf")
    ours, theirs = page_texts(result.path), page_texts(tmp_path / "unpatched.pdf")
    assert ours == theirs
    target, last = 3 + fillers, 4 + fillers
    assert f"The target (page {target})" in ours[0]
    assert f"The target, by name [{target}]" in ours[0]
    assert f"this very part (page {target})" in ours[target - 1]
    assert "the early part (page 2)" in ours[target - 1]
    assert f"the last part (page {last}, read on {target})" in ours[target - 1]
    assert f"the target (page {target})" in ours[last - 1]
    assert f"the early part (page 2, read on {last})" in ours[last - 1]
    roman = {4: "iv", 5: "v", 7: "vii"}[last]
    assert f"The last part ({roman})" in ours[0]


def parts_book(tmp_path, contents: bool):
    """Six parts, a page each, each referring to the part before; with ``contents``, a
    contents page ahead of them refers to every part."""
    entries = "".join(f'<p><a class="ref" href="#s{n}">Part {n}</a></p>' for n in range(6))
    front = f"<section><h1>Contents</h1>{entries}</section>" if contents else ""
    parts = "".join(f'<section><h2 id="s{n}">Part {n}</h2>'
                    + (f'<p>After <a class="ref" href="#s{n - 1}">the part before</a>.</p>'
                       if n else "<p>The first part.</p>") + "</section>" for n in range(6))
    page = tmp_path / "parts.html"
    page.write_text(f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>B</title>'
                    f"<style>{STYLE}</style></head><body>{front}{parts}</body></html>",
                    encoding="utf-8")
    return pdf_render.render_pdf(page, tmp_path / "parts.pdf", tmp_path)


def test_a_book_that_refers_only_back_is_laid_out_once(tmp_path, layouts):
    result = parts_book(tmp_path, contents=False)
    # WeasyPrint alone, without these changes, made 16 layouts of these 6 pages
    assert layouts.layouts == result.pages == 6
    texts = page_texts(result.path)
    assert all(f"the part before (page {n})" in texts[n] for n in range(1, 6))


def test_only_a_page_that_refers_ahead_is_laid_out_again(tmp_path, layouts):
    result = parts_book(tmp_path, contents=True)
    # WeasyPrint alone made 19 layouts of these 7 pages
    assert layouts.layouts == result.pages + 1 == 8
    texts = page_texts(result.path)
    assert all(f"Part {n} (page {n + 2})" in texts[0] for n in range(6))
    assert all(f"the part before (page {n + 1})" in texts[n + 1] for n in range(1, 6))
