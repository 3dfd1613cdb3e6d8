"""A ``pdf`` builder: Sphinx's single-page HTML, laid out as a book and rendered by WeasyPrint.

The builder writes one HTML page with a cover, a printed table of contents and the whole book,
using its own theme (``pdf_theme``) and stylesheets (``pdf_css_files``), then renders it
in-process. WeasyPrint's warnings become Sphinx warnings of type ``pdf``, so ``-W`` stops the
build on a missing image or font; WeasyPrint may read only files inside the output directory.
"""

from __future__ import annotations

import hashlib
import logging as std_logging
import re
import shutil
import subprocess
import time
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from babel import Locale
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.docutils import new_document
from sphinx.util.i18n import format_date

from scripts.i18n.template_messages import add_messages, add_template_messages
from scripts.i18n.typography import apply_rules, rules_for
from scripts.pdf import (
    forms,
    line_breaking,
    offprint_pages,
    page_starts,
    page_turns,
    static_faces,
)
from scripts.pdf import render as pdf_render
from scripts.pdf.breaks import keep_introductions_with_next
from scripts.pdf.credits import reading_order, translated_credits
from scripts.pdf.footnotes import inline_footnotes
from scripts.pdf.forms import add_form_fields, fill_in, visit_fill_in_html
from scripts.pdf.last_lines import tie_last_words
from scripts.pdf.links import add_page_numbers
from scripts.pdf.offprints import (
    INDEX_NAME,
    BookPart,
    book_parts,
    offprint_documents,
    write_offprint_index,
)
from scripts.pdf.render_cache import RenderCache
from scripts.util.source_date import source_moment

logger = logging.getLogger(__name__)

THEME_DIR = Path(__file__).parent / "theme"
# declares the static faces of pdf_font_faces, in _static beside them
FONT_FACES_CSS = "pdf-font-faces.css"
TOP_SECTION_CLASS = "document-top"
# where the book's pages start, for the EPUB's page list (see scripts.pdf.page_starts)
PAGE_STARTS_FILE = "page-starts.json"
PAGE_REFERENCE_CLASS = "page-reference"
# classes Sphinx gives the text of {ref} and {doc} links
PAGE_LINK_CLASSES = {"std-ref", "std-doc", "doc"}
# the theme's colophon heading, where the back matter starts after the book's last part
BACK_MATTER_ANCHOR = "colophon-title"
_DOCUMENT_MARK = re.compile(r'<span id="document-([^"]+)"></span>')
_URL_ATTRIBUTE = re.compile(r"""(?:src|href|data)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")


# Warnings about the machine rather than the book: the PDF comes out right either way, so they
# must not fail a -W build on a machine that lacks an optional library.
MACHINE_ADVICE = ("Using fontTools instead of HarfBuzz-Subset",)


class _ToSphinxLog(std_logging.Handler):
    """Forward WeasyPrint's log records to Sphinx's logger, warnings as typed warnings."""

    warned = False

    def emit(self, record: std_logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(MACHINE_ADVICE):
            logger.info("WeasyPrint: %s", message)
        elif record.levelno >= std_logging.WARNING:
            self.warned = True
            logger.warning("WeasyPrint: %s", message, type="pdf", subtype="weasyprint")
        else:
            logger.debug("WeasyPrint: %s", message)


def source_revision(directory: Path) -> str:
    """The commit the book is built from, with '+' when the working tree has changes."""
    try:
        revision = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=directory,
                                  capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=directory, capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
    return revision + ("+" if dirty else "")


def _section_title(section: nodes.section) -> str:
    title = section.next_node(nodes.title)
    return title.astext() if title else ""


def collect_outline(tree: nodes.Element, depth: int, level: int = 0) -> list[dict[str, Any]]:
    """Entries for the printed contents: each inlined document's sections down to ``depth``.

    ``level`` is that of ``tree``'s children: 1 for those of an inlined document.
    """
    entries: list[dict[str, Any]] = []

    def visit(node: nodes.Node, level: int) -> None:
        for child in node.children if isinstance(node, nodes.Element) else ():
            if isinstance(child, addnodes.start_of_file):
                visit(child, 1)
            elif isinstance(child, nodes.section) and level > 0:
                if level <= depth and child["ids"]:
                    entries.append(
                        {"title": _section_title(child), "anchor": child["ids"][0], "level": level}
                    )
                visit(child, level + 1)
            else:
                visit(child, level)

    visit(tree, level)
    return entries


def mark_page_references(tree: nodes.document) -> None:
    """Mark links to a section or page, which print with the page they point to.

    Citations and footnote calls are internal links too, but a page number after each of them
    would only clutter the text.
    """
    for reference in tree.findall(nodes.reference):
        label = reference.children[0] if reference.children else None
        if isinstance(label, nodes.inline) and PAGE_LINK_CLASSES & set(label["classes"]):
            reference["classes"].append(PAGE_REFERENCE_CLASS)


def mark_document_tops(tree: nodes.document) -> None:
    """Give the first section of every inlined document a class the print stylesheet can use."""
    for start in tree.findall(addnodes.start_of_file):
        section = start.next_node(nodes.section)
        if section is not None:
            section["classes"].append(TOP_SECTION_CLASS)


class PdfBuilder(SingleFileHTMLBuilder):
    """Build one HTML page laid out for print and render it to ``<pdf_basename>.pdf``."""

    name = "pdf"
    format = "html"
    epilog = "The PDF file is in %(outdir)s."
    copysource = False
    add_permalinks = False
    search = False

    def wants_forms(self) -> bool:
        return self.config.pdf_forms

    def offprint_patterns(self) -> list[str]:
        return self.config.pdf_offprints

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return self.config.pdf_theme, self.config.pdf_theme_options

    _offprint: str | None = None  # the document being printed on its own, if any
    # the book's pages of the offprint being written: (first, last) page numbers
    _offprint_pages: tuple[int, int] | None = None
    # the parts of the book printed on their own, found in the book's doctree
    _book_parts: dict[str, BookPart] | None = None
    _clean = True  # whether every PDF of this build so far was rendered without a warning
    _page_context: dict[str, Any] | None = None

    def assemble_doctree(self) -> nodes.document:
        if self._offprint is not None:
            # the offprint's own pages only: cover, contents, colophon; its part's pages are
            # the book's (scripts.pdf.offprint_pages)
            return new_document(self._offprint)
        tree = super().assemble_doctree()
        self._outline = collect_outline(tree, self.config.pdf_toc_depth)
        self._book_parts = book_parts(
            tree, offprint_documents(reading_order(self.env, self.config.root_doc),
                                     self.offprint_patterns()),
            # the document's own title is on the cover; its contents list its sections
            lambda start: [{**entry, "level": entry["level"] - 1}
                           for entry in collect_outline(start, self.config.pdf_toc_depth + 1, 1)
                           if entry["level"] > 1])
        mark_document_tops(tree)
        mark_page_references(tree)
        keep_introductions_with_next(tree)
        # before the notes are moved into the text: a note's words are not the paragraph's
        tie_last_words(tree)
        inline_footnotes(tree)
        if self.wants_forms():
            add_form_fields(tree, self.config.pdf_fill_in_placeholder)
        return tree

    def get_output_path(self, pagename: str, /) -> Path:
        if self._offprint is not None:
            # beside the book's page: links to static files are written relative to the root
            return self.outdir / f"offprint-{_slug(pagename)}{self.out_suffix}"
        return super().get_output_path(pagename)

    @cached_property
    def book_context(self) -> dict[str, Any]:
        """What every printed page of one build shares: computed once, though the book and
        each offprint are written as pages of their own."""
        language = self.config.language or "en"
        moment = source_moment()
        return {
            "book_title": self.config.project,
            "book_author": self.config.author,
            "book_subtitle": self.config.pdf_subtitle,
            "book_date": format_date(self.config.today_fmt or _("%b %d, %Y"), date=moment,
                                     language=language),
            "language_name": Locale.parse(language).get_display_name(language).capitalize(),
            "pdf_subject": self.config.pdf_subject,
            "pdf_keywords": ", ".join(self.config.pdf_keywords),
            "pdf_timestamp": moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "source_revision": source_revision(Path(self.confdir)),
            # the language's typography for lines the theme composes (label, colon, names)
            "typeset": lambda text: apply_rules(text, rules_for(language)),
            "credits": translated_credits(self.env, reading_order(self.env, self.config.root_doc),
                                          self.config.pdf_credit_fields),
        }

    def get_doc_context(self, docname: str, body: str, metatags: str) -> dict[str, Any]:
        body = add_page_numbers(body, PAGE_REFERENCE_CLASS)
        if self._page_context is None:
            # the single-page builder's context holds the whole book's toctree whatever the
            # page: the same for the book and each offprint, so rendered once
            self._page_context = super().get_doc_context(docname, body, metatags)
        context = {**self._page_context, "body": body, "metatags": metatags}
        offprint_title = (self.env.titles[self._offprint].astext()
                          if self._offprint is not None else "")
        context.update(self.book_context, offprint_title=offprint_title,
                       offprint_pages=self._offprint_pages, print_toc=self._outline)
        return context

    def init_css_files(self) -> None:
        super().init_css_files()
        if self.config.pdf_font_faces:
            # before the book's stylesheets, which name the families it declares
            self.add_css_file(FONT_FACES_CSS, priority=300)

    def copy_static_files(self) -> None:
        super().copy_static_files()
        static = self.outdir / "_static"
        if self.config.pdf_font_faces:
            faces = static_faces.faces_from_config(self.config.pdf_font_faces, Path(self.confdir))
            static_faces.serve(faces, static, FONT_FACES_CSS)
        for entry in self.config.pdf_static_path:
            source = Path(self.confdir, entry)
            if not source.is_dir():
                logger.warning("pdf_static_path entry %s is not a directory", source,
                               type="pdf", subtype="config")
                continue
            shutil.copytree(source, static, dirs_exist_ok=True)

    def pdf_filename(self) -> str:
        return f"{self.config.pdf_basename}.pdf"

    def records_page_starts(self) -> bool:
        """Whether this PDF is the pagination other editions point to."""
        return True

    def pagination_source(self) -> str:
        """How another edition names this PDF as the source of its page numbers."""
        language = self.config.language or "en"
        return (f"{self.config.project}, PDF {self.config.pdf_basename}-{language}.pdf, "
                f"{self.book_context['book_date']}")

    def finish(self) -> None:
        super().finish()
        book_html = self.outdir / f"{self.config.root_doc}{self.out_suffix}"
        book_pdf = self.outdir / self.pdf_filename()
        page_starts_to = self.outdir / PAGE_STARTS_FILE if self.records_page_starts() else None
        # the offprints are made of the book's pages: kept with it, or made again with it
        companions = [*([page_starts_to] if page_starts_to else []), *self.offprint_files()]
        inputs = self.render_inputs(book_html, page_starts=page_starts_to is not None)
        if self.render_cache.restore(inputs, book_pdf, companions):
            logger.info("kept %s and its offprints: nothing they print changed since their "
                        "last render", book_pdf.name)
            return
        self._clean = True
        result = self.render(book_html, book_pdf, page_starts_to=page_starts_to)
        if result is None:
            return
        if self._book_parts:
            started, started_cpu = time.perf_counter(), time.process_time()
            self.render_offprints(result.document)
            logger.info("rendered %d offprints in %.1f s, %.1f CPU-s", len(self._book_parts),
                        time.perf_counter() - started, time.process_time() - started_cpu)
        # only a set rendered without a warning is kept, so that keeping it hides no problem
        if self._clean:
            self.render_cache.remember(inputs, book_pdf, result.resources, book_html,
                                       companions)

    def offprint_files(self) -> list[Path]:
        """The offprints this build prints, and their index, as render_offprints names them."""
        if not self._book_parts:
            return []
        folder = self.outdir / "offprints"
        return [*(folder / self.offprint_name(docname) for docname in self._book_parts),
                folder / INDEX_NAME]

    def offprint_name(self, docname: str) -> str:
        language = self.config.language or "en"
        return f"{self.config.pdf_basename}-{_slug(docname)}-{language}.pdf"

    def render_inputs(self, book_html: Path, page_starts: bool) -> dict[str, Any]:
        """What the book and its offprints are made from, besides the files WeasyPrint reads."""
        settings = {**self.render_settings(), "page_starts": page_starts,
                    "offprints": sorted(self._book_parts or {}),
                    # offprints print interface text that the book's HTML does not hold
                    "catalogs": catalogs_digest(Path(self.confdir), self.config.locale_dirs,
                                                self.config.language or "en")}
        # the edition line changes with every commit and date, not with what the PDF says
        edition = [self.book_context[key]
                   for key in ("source_revision", "book_date", "pdf_timestamp")]
        return self.render_cache.inputs(book_html, settings, edition)

    def render_settings(self) -> dict[str, Any]:
        return {"variant": self.config.pdf_variant or None, "forms": self.wants_forms(),
                "image_dpi": self.config.pdf_image_dpi}

    def render_offprints(self, book: Any) -> None:
        """Write each offprint from the book's laid-out pages of its part and pages of its own."""
        page_of = offprint_pages.first_pages(book)
        back_matter = page_of.get(BACK_MATTER_ANCHOR, len(book.pages))
        printed: dict[str, str] = {}
        for docname, part in (self._book_parts or {}).items():
            if part.anchor not in page_of:
                logger.warning("%s is not in the book's pages: no offprint", docname,
                               location=docname, type="pdf", subtype="offprint")
                continue
            pages = range(page_of[part.anchor], page_of.get(part.following, back_matter))
            self._offprint = docname
            # printed page numbers: the book's, counted from its cover
            self._offprint_pages = (pages.start + 1, pages.stop)
            self._outline = [{**entry, "page": page_of[entry["anchor"]] + 1}
                             for entry in part.outline if entry["anchor"] in page_of]
            try:
                self.write_doc(docname, self.assemble_doctree())
            finally:
                self._offprint = None
                self._offprint_pages = None
            name = self.offprint_name(docname)
            self.render(self.outdir / f"offprint-{_slug(docname)}{self.out_suffix}",
                        self.outdir / "offprints" / name, reused=(book, pages))
            printed[docname] = name
        if printed:
            # which document each file prints, for the site to link a page to its own PDF
            write_offprint_index(self.outdir / "offprints", printed)

    def render(self, html_path: Path, output: Path,
               page_starts_to: Path | None = None,
               reused: tuple[Any, range] | None = None) -> pdf_render.RenderResult | None:
        """Render ``html_path`` to ``output``; return the result (with the laid-out document),
        or None when it could not be made (the warnings say why).

        With ``page_starts_to``, where each page starts is written there. With ``reused`` (a
        laid-out document, a range of its pages), those pages go into the PDF after the first
        pages of ``html_path`` that precede its colophon.
        """
        problem = pdf_render.weasyprint_problem()
        if problem:
            # a warning, not an exception, which Sphinx would print as a crash report
            logger.warning("%s", problem, type="pdf", subtype="machine")
            return None
        # corrections to WeasyPrint's line and page breaking; see each module
        line_breaking.install()
        page_turns.install()
        handler = _ToSphinxLog()
        weasy_logger = std_logging.getLogger("weasyprint")
        weasy_logger.addHandler(handler)
        try:
            started, started_cpu = time.perf_counter(), time.process_time()
            if reused is None:
                result = pdf_render.render_pdf(html_path, output, self.outdir,
                                               **self.render_settings(),
                                               record_page_starts=page_starts_to is not None)
            else:
                result = self._render_offprint(html_path, output, *reused)
        except pdf_render.OutsideResourceError as exc:
            # one warning a refused address, not an exception: Sphinx would print a crash report
            for docname, url in self._describe_refusals(html_path, exc.urls):
                logger.warning("%sasks for %s, which is outside the build output; put the file "
                               "under the book's source folder and refer to it relatively",
                               "" if docname else "the PDF theme or stylesheets ", url,
                               location=(docname, None) if docname else None,
                               type="pdf", subtype="outside")
            return None
        finally:
            weasy_logger.removeHandler(handler)
        # CPU seconds too: on a shared machine they say what a render costs, wall time does not
        logger.info("rendered %s: %d pages in %.1f s, %.1f CPU-s", output.name, result.pages,
                    time.perf_counter() - started, time.process_time() - started_cpu)
        for problem in result.problems:
            logger.warning("%s: %s", output.name, problem, type="pdf", subtype="layout")
        if page_starts_to is not None and result.page_starts:
            page_starts.write_page_starts(page_starts_to, self.pagination_source(),
                                          list(result.page_starts))
        if result.problems or handler.warned:
            self._clean = False
        return result

    @cached_property
    def render_cache(self) -> RenderCache:
        return RenderCache(Path(self.doctreedir) / f"rendered-{self.name}")

    def _render_offprint(self, html_path: Path, output: Path, book: Any,
                         pages: range) -> pdf_render.RenderResult:
        """Lay out the offprint's own pages and write them around the book's ``pages``."""
        variant = self.config.pdf_variant or None
        front = pdf_render.lay_out(html_path, self.outdir, variant=variant,
                                   image_dpi=self.config.pdf_image_dpi)
        # cover and contents before the part, the colophon after it
        insert_at = offprint_pages.first_pages(front).get(BACK_MATTER_ANCHOR, len(front.pages))
        labels = offprint_pages.page_labels([
            (0, "r", 1), (insert_at, "D", pages.start + 1),
            (insert_at + len(pages), "r", insert_at + 1)])
        with offprint_pages.Offprint(front, book, pages, insert_at) as offprint:
            return pdf_render.write_document(offprint.document(), output, variant=variant,
                                             forms=self.wants_forms(), finishers=[labels])

    def _describe_refusals(self, html_path: Path,
                           urls: list[str]) -> list[tuple[str | None, str]]:
        """Name the source file of each refused URL by finding which document's HTML asks for it."""
        html = html_path.read_text(encoding="utf-8")
        base = html_path.resolve().as_uri()
        owners: dict[str, str] = {}
        marks = list(_DOCUMENT_MARK.finditer(html))
        for index, mark in enumerate(marks):
            end = marks[index + 1].start() if index + 1 < len(marks) else len(html)
            for match in _URL_ATTRIBUTE.finditer(html, mark.end(), end):
                owners.setdefault(urljoin(base, match.group(1) or match.group(2)), mark.group(1))
        return [(owners.get(url), url) for url in urls]


class PrintShopPdfBuilder(PdfBuilder):
    """The book for a print shop: crop marks and bleed, no link colour, chapters on right-hand
    pages; written as ``<pdf_basename>-print.pdf``, without form fields or offprints."""

    name = "pdf-print"
    epilog = "The print-shop PDF file is in %(outdir)s."

    def wants_forms(self) -> bool:
        return False  # paper cannot be filled in on screen

    def offprint_patterns(self) -> list[str]:
        return []

    def get_builder_config(self, option: str, default: str) -> Any:
        # the book's pdf_* settings (pdf_css_files...) apply to this version too
        if f"pdf_{option}" in self.config:
            return getattr(self.config, f"pdf_{option}")
        return super().get_builder_config(option, default)

    def init_css_files(self) -> None:
        super().init_css_files()
        # after the book's own stylesheets, so that its rules win
        self.add_css_file("print-shop.css", priority=900)

    def pdf_filename(self) -> str:
        return f"{self.config.pdf_basename}-print.pdf"

    def records_page_starts(self) -> bool:
        # its chapters start on right-hand pages, so its page numbers are not the screen PDF's;
        # other editions follow the screen PDF, the one readers download
        return False


def catalogs_digest(confdir: Path, locale_dirs: list[str], language: str) -> str:
    """A digest of the language's message catalogs: what the interface text printed in a PDF
    is translated from."""
    digest = hashlib.sha256()
    for folder in locale_dirs:
        for catalog in sorted(Path(confdir, folder, language).rglob("*.po")):
            digest.update(catalog.as_posix().encode() + b"\0" + catalog.read_bytes())
    return digest.hexdigest()


def _slug(docname: str) -> str:
    return docname.rsplit("/", 1)[-1]


def normalise_asset_lists(app: Sphinx, config: Any) -> None:
    """Accept plain file names in pdf_css_files and pdf_js_files, as html_css_files does."""
    for name in ("pdf_css_files", "pdf_js_files"):
        entries = getattr(config, name)
        setattr(config, name, [(entry, {}) if isinstance(entry, str) else entry
                               for entry in entries])


def extract_theme_messages(app: Sphinx) -> None:
    """Let the gettext builder collect this theme's interface labels for translators, and the
    form fields' labels."""
    if app.builder.name == "gettext":
        add_template_messages(app.builder, THEME_DIR.glob("*.html"))
        add_messages(app.builder, forms.MESSAGES, forms.__file__)


def setup(app: Sphinx) -> dict[str, Any]:
    # Its post-transform makes ids unique across the merged pages and rewrites the
    # "#document-<doc>#<id>" links while the single page is assembled.
    app.setup_extension("scripts.book.single_document_ids")
    app.setup_extension("scripts.pdf.credits")
    app.add_html_theme("pdfbook", str(THEME_DIR))
    app.add_builder(PdfBuilder)
    app.add_builder(PrintShopPdfBuilder)
    app.add_config_value("pdf_basename", "book", "pdf", types=frozenset({str}))
    app.add_config_value("pdf_theme", "pdfbook", "pdf", types=frozenset({str}))
    app.add_config_value("pdf_theme_options", {}, "pdf", types=frozenset({dict}))
    app.add_config_value("pdf_css_files", [], "pdf", types=frozenset({list}))
    app.add_config_value("pdf_js_files", [], "pdf", types=frozenset({list}))
    app.add_config_value("pdf_static_path", [], "pdf", types=frozenset({list}))
    # faces of (variable) fonts the stylesheets use, served as static faces made once per
    # machine: [{"family": ..., "file": ..., "weights": [400, 700], "style": "italic"}, ...]
    app.add_config_value("pdf_font_faces", [], "pdf", types=frozenset({list}))
    app.add_config_value("pdf_subtitle", "", "pdf", types=frozenset({str}))
    app.add_config_value("pdf_subject", "", "pdf", types=frozenset({str}))
    app.add_config_value("pdf_keywords", [], "pdf", types=frozenset({list}))
    app.add_config_value("pdf_toc_depth", 2, "pdf", types=frozenset({int}))
    # documents also printed on their own (glob patterns on document names)
    app.add_config_value("pdf_offprints", [], "pdf", types=frozenset({list}))
    # Tagged PDF/UA-1 by default: public bodies must publish accessible documents.
    app.add_config_value("pdf_variant", "pdf/ua-1", "pdf", types=frozenset({str}))
    # HTML inputs (checklist tick boxes, fill-in cells) become fields a reader can fill and save.
    app.add_config_value("pdf_forms", True, "pdf", types=frozenset({bool}))
    app.add_config_value("pdf_fill_in_placeholder", "…", "pdf", types=frozenset({str}))
    # images are embedded at no more than this resolution at their printed size
    app.add_config_value("pdf_image_dpi", 300, "pdf", types=frozenset({int}))
    app.add_node(fill_in, html=(visit_fill_in_html, None))
    app.connect("config-inited", normalise_asset_lists)
    app.connect("builder-inited", extract_theme_messages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
