"""Sphinx's EPUB 3 builder, with what reading systems and assistive technology need added.

Sphinx's own EPUB passes EPUBCheck but leaves out the language of its content documents and the
schema.org accessibility metadata of the package document, its navigation document has no
ARIA role, no landmarks and an English title in every language, and every language's edition
shares one identifier. This builder, registered in place of ``epub``, adds or puts right each
of them: accessibility metadata and, when ``epub_accessibility_conformance`` is set, the
conformance claim with its evaluator; an identifier per language (:mod:`.package_metadata`);
landmarks (:mod:`.navigation`); no viewports and no files that no page uses
(:mod:`.resources`); ``xml:lang`` beside every ``lang`` the writer gives a passage in another
language, for reading systems that read only the XML attribute; page break markers and a page
list that follow the PDF's pages, when the PDF was built first (:mod:`.page_list`).
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from scripts.book.aria_markup import AccessibleMarkup
from scripts.book.components import reading_order
from scripts.epub.navigation import Landmark, first_match, landmarks_nav
from scripts.epub.package_metadata import (
    accessibility_metadata,
    conformance_metadata,
    edition_identifier,
)
from scripts.epub.page_list import (
    PAGE_STARTS_VARIABLE,
    PageStarts,
    PageStartsError,
    mark_page_breaks,
    marker_html,
    page_list_nav,
    read_page_starts,
    source_metadata,
)
from scripts.epub.resources import drop_viewports, unreferenced_resources
from scripts.util.source_date import source_moment

logger = logging.getLogger(__name__)
_ = get_translation("sphinx")

DEFAULT_ACCESSIBILITY = {
    "accessMode": ["textual"],
    "accessModeSufficient": ["textual"],
    "accessibilityFeature": ["structuralNavigation", "tableOfContents", "readingOrder"],
    "accessibilityHazard": ["none"],
}
# features a page list adds to the accessibility metadata
PAGE_FEATURES = ["pageBreakMarkers", "pageNavigation"]
# which pages were marked in which document, kept beside the doctrees so that a build that
# writes only the changed documents still lists every page
REMEMBERED_BREAKS = "epub-page-breaks.json"
_LANG_WITHOUT_XML_LANG = re.compile(r'(<[a-zA-Z][^<>]*?\slang="([^"]*)")(?![^<>]*xml:lang=)')


class EpubTranslator(AccessibleMarkup, HTML5Translator):
    """Sphinx's HTML writer with the book's accessible markup (list items in the references,
    levels on the contents' captions) and ``xml:lang`` beside ``lang``."""

    def starttag(self, node: Any, tagname: str, suffix: str = "\n", empty: bool = False,
                 **attributes: Any) -> str:
        tag = super().starttag(node, tagname, suffix, empty, **attributes)
        return _LANG_WITHOUT_XML_LANG.sub(r'\1 xml:lang="\2"', tag, count=1)

    def visit_page_break(self, node: Any) -> None:
        self.body.append(marker_html(node))

    def depart_page_break(self, node: Any) -> None:
        pass


class AccessibleEpubBuilder(Epub3Builder):
    """EPUB 3 with language-tagged content documents, accessibility metadata, an identifier
    per language and landmarks."""

    def init(self) -> None:
        super().init()
        # Sphinx writes these titles in English whatever the language
        self.guide_titles = {key: str(_(title)) for key, title in self.guide_titles.items()}
        self.page_starts = self._read_page_starts()
        self.remembered_breaks = self._read_remembered_breaks()
        # pages marked in earlier builds stay listed for the documents not written again
        self.page_breaks = {docname: entry["breaks"]
                            for docname, entry in self.remembered_breaks.items()
                            if entry["digest"] == self.page_starts_digest(docname)}

    def _read_page_starts(self) -> PageStarts | None:
        if not self.config.epub_page_starts:
            return None
        path = Path(self.config.epub_page_starts)
        try:
            starts = read_page_starts(path)
        except PageStartsError as exc:
            logger.warning("%s", exc, type="epub", subtype="page_list")
            return None
        if starts is None:
            logger.info("no page list: %s does not exist yet (build the PDF first)", path)
        return starts

    def page_starts_digest(self, docname: str) -> str:
        """What a document's markers follow: its pages' starts in the PDF, and their source."""
        if self.page_starts is None:
            return ""
        pages = [self.page_starts.source, self.page_starts.of_document(docname)]
        return hashlib.sha256(json.dumps(pages, sort_keys=True).encode()).hexdigest()

    @property
    def _remembered_breaks_path(self) -> Path:
        return Path(self.doctreedir) / REMEMBERED_BREAKS

    def _read_remembered_breaks(self) -> dict[str, dict[str, Any]]:
        """Per document, the pages an earlier build marked in it and what they followed."""
        try:
            remembered = json.loads(self._remembered_breaks_path.read_text(encoding="utf-8"))
            return {docname: {"digest": str(entry["digest"]),
                              "breaks": [tuple(pair) for pair in entry["breaks"]]}
                    for docname, entry in remembered.items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}

    def get_outdated_docs(self) -> Iterator[str]:
        yield from super().get_outdated_docs()
        # a document whose pages moved in the PDF, or that has lost or gained its PDF, is
        # written again with its markers where the pages now start
        for docname in self.env.found_docs:
            remembered = self.remembered_breaks.get(docname, {"digest": ""})["digest"]
            if remembered != self.page_starts_digest(docname):
                yield docname

    def write_doc(self, docname: str, doctree: Any) -> None:
        if self.page_starts is not None:
            self.page_breaks[docname] = mark_page_breaks(doctree,
                                                         self.page_starts.of_document(docname))
        super().write_doc(docname, doctree)

    def page_list(self) -> list[tuple[int, str]]:
        """``(page number, href)`` of every marked page of the documents in the book."""
        return [(number, f"{self.get_target_uri(docname)}#{marker}")
                for docname, breaks in self.page_breaks.items()
                if docname in self.env.found_docs
                for number, marker in breaks]

    def finish(self) -> None:
        super().finish()
        remembered = {docname: {"digest": self.page_starts_digest(docname), "breaks": breaks}
                      for docname, breaks in self.page_breaks.items()
                      if docname in self.env.found_docs}
        self._remembered_breaks_path.write_text(json.dumps(remembered), encoding="utf-8")

    @property
    def identifier(self) -> str:
        return edition_identifier(self.config.epub_identifier, self.config.epub_language)

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language, quote=True)
        self.globalcontext["html_tag"] = (
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">'
        )

    def content_metadata(self) -> dict[str, Any]:
        metadata = super().content_metadata()
        metadata["id"] = html.escape(self.identifier)
        return metadata

    def toc_metadata(self, level: int, navpoints: list[Any]) -> dict[str, Any]:
        metadata = super().toc_metadata(level, navpoints)
        # the NCX names the book by the package's identifier, which EPUBCheck compares
        metadata["uid"] = html.escape(self.identifier)
        return metadata

    def tidy_content_documents(self) -> None:
        """Drop the viewports from every page and the files that no page uses."""
        pages = [path.relative_to(self.outdir).as_posix()
                 for path in Path(self.outdir).rglob("*" + self.out_suffix)]
        for name in pages:
            page = self.outdir / name
            markup = page.read_text(encoding="utf-8")
            # pages kept from an earlier build are tidy already: left as they are, they stay
            # older than their sources and are not written again
            if (tidy := drop_viewports(markup)) != markup:
                page.write_text(tidy, encoding="utf-8")
        for name in unreferenced_resources(Path(self.outdir), pages):
            if Path(name).suffix in self.media_types:
                logger.debug("leaving %s out of the EPUB: no page uses it", name)
                (self.outdir / name).unlink()

    def build_content(self) -> None:
        # Sphinx keeps a backup of outdated build information after a configuration change;
        # left in the output folder it would be packed into the book and fail -W as an
        # unknown file type.
        (self.outdir / ".buildinfo.bak").unlink(missing_ok=True)
        self.tidy_content_documents()
        super().build_content()
        package = self.outdir / "content.opf"
        text = package.read_text(encoding="utf-8")
        features = dict(self.config.epub_accessibility)
        if self.page_list():
            features["accessibilityFeature"] = [*features.get("accessibilityFeature", []),
                                                *PAGE_FEATURES]
        extra = accessibility_metadata(
            features, self.config.epub_accessibility_summary
        ) + conformance_metadata(
            self.config.epub_accessibility_conformance,
            self.config.epub_accessibility_evaluator or self.config.epub_publisher,
        )
        if self.page_list() and self.page_starts is not None:
            extra += source_metadata(self.page_starts.source)
        package.write_text(text.replace("  </metadata>", extra + "  </metadata>", 1),
                           encoding="utf-8")

    def landmarks(self) -> list[Landmark]:
        # The root document holds the book's own contents; the navigation document is not
        # part of the reading order, which a landmark may not leave.
        root = self.config.root_doc
        marks = [Landmark("toc", self.get_target_uri(root), self.guide_titles["toc"])]
        documents = reading_order(self.env, root)
        for epub_type, pattern in self.config.epub_landmarks.items():
            docname = first_match(pattern, documents)
            if docname is None:
                logger.warning("epub_landmarks: no document matches %r (%s)", pattern,
                               epub_type, type="epub", subtype="landmarks")
                continue
            marks.append(Landmark(epub_type, self.get_target_uri(docname),
                                  self.env.titles[docname].astext()))
        return marks

    def build_epub(self) -> None:
        """Pack the book as Sphinx does, but with every entry dated from the source.

        Sphinx's zip entries carry each file's modification time, so two builds of the same
        source differ; here they carry SOURCE_DATE_EPOCH (or the build time) and fixed
        permissions, so the same source packs into the same bytes.
        """
        moment = source_moment()
        # zip timestamps cannot be earlier than 1980
        stamp = max(moment.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
        outname = self.config.epub_basename + ".epub"
        logger.info("writing %s file...", outname)
        names = ["META-INF/container.xml", "content.opf", "toc.ncx", *self.files]
        with ZipFile(self.outdir / outname, "w") as epub:
            for name, compression in [("mimetype", ZIP_STORED)] + [(n, ZIP_DEFLATED)
                                                                   for n in names]:
                entry = ZipInfo(name, date_time=stamp)
                entry.compress_type = compression
                entry.external_attr = 0o644 << 16
                epub.writestr(entry, (self.outdir / name).read_bytes())

    def build_navigation_doc(self) -> None:
        super().build_navigation_doc()
        nav = self.outdir / "nav.xhtml"
        text = nav.read_text(encoding="utf-8").replace(
            '<nav epub:type="toc">', '<nav epub:type="toc" role="doc-toc">', 1)
        navs = landmarks_nav(self.landmarks())
        if pages := self.page_list():
            navs += page_list_nav(pages)
        text = text.replace("  </body>", navs + "  </body>", 1)
        nav.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(AccessibleEpubBuilder, override=True)
    app.set_translator("epub", EpubTranslator, override=True)
    app.add_config_value("epub_accessibility", DEFAULT_ACCESSIBILITY, "epub",
                         types=frozenset({dict}))
    app.add_config_value("epub_accessibility_summary", "", "epub", types=frozenset({str}))
    # e.g. "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"; empty: the book claims nothing
    app.add_config_value("epub_accessibility_conformance", "", "epub", types=frozenset({str}))
    # who evaluated the book against that claim; empty: the publisher (epub_publisher)
    app.add_config_value("epub_accessibility_evaluator", "", "epub", types=frozenset({str}))
    # EPUB structural type -> document name or pattern, e.g. {"glossary": "glossary"}
    app.add_config_value("epub_landmarks", {}, "epub", types=frozenset({dict}))
    # the page starts a PDF build recorded (scripts.pdf.page_starts); the editions command
    # names them in the environment when it builds the PDF first
    app.add_config_value("epub_page_starts", os.environ.get(PAGE_STARTS_VARIABLE, ""), "",
                         types=frozenset({str}))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
