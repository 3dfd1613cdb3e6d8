"""Sphinx's EPUB 3 builder, with what reading systems and assistive technology need added.

Sphinx's own EPUB passes EPUBCheck but leaves out the language of its content documents and the
schema.org accessibility metadata of the package document, and its navigation document has no
ARIA role. This builder, registered in place of ``epub``, adds the three, and drops the
deprecated ``doc-biblioentry`` role from bibliography entries.
"""

from __future__ import annotations

import html
from typing import Any
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

from sphinx.application import Sphinx
from sphinx.builders.epub3 import Epub3Builder
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from scripts.book.aria_markup import AccessibleMarkup
from scripts.util.source_date import source_moment

logger = logging.getLogger(__name__)

DEFAULT_ACCESSIBILITY = {
    "accessMode": ["textual"],
    "accessModeSufficient": ["textual"],
    "accessibilityFeature": ["structuralNavigation", "tableOfContents", "readingOrder"],
    "accessibilityHazard": ["none"],
}


def accessibility_metadata(properties: dict[str, list[str]], summary: str) -> str:
    """The ``<meta>`` elements of the EPUB Accessibility vocabulary for ``content.opf``."""
    lines = [
        f'    <meta property="schema:{name}">{html.escape(value)}</meta>'
        for name, values in properties.items()
        for value in values
    ]
    if summary:
        lines.append(
            f'    <meta property="schema:accessibilitySummary">{html.escape(summary)}</meta>'
        )
    return "\n".join(lines) + "\n"


class EpubTranslator(AccessibleMarkup, HTML5Translator):
    """Sphinx's HTML writer with the book's accessible markup (list items in the references,
    levels on the contents' captions)."""


class AccessibleEpubBuilder(Epub3Builder):
    """EPUB 3 with language-tagged content documents and accessibility metadata."""

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        lang = html.escape(self.config.epub_language, quote=True)
        self.globalcontext["html_tag"] = (
            '<html xmlns="http://www.w3.org/1999/xhtml" '
            f'xmlns:epub="http://www.idpf.org/2007/ops" lang="{lang}" xml:lang="{lang}">'
        )

    def build_content(self) -> None:
        # Sphinx keeps a backup of outdated build information after a configuration change;
        # left in the output folder it would be packed into the book and fail -W as an
        # unknown file type.
        (self.outdir / ".buildinfo.bak").unlink(missing_ok=True)
        super().build_content()
        package = self.outdir / "content.opf"
        text = package.read_text(encoding="utf-8")
        extra = accessibility_metadata(
            self.config.epub_accessibility, self.config.epub_accessibility_summary
        )
        package.write_text(text.replace("  </metadata>", extra + "  </metadata>", 1),
                           encoding="utf-8")

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
        text = nav.read_text(encoding="utf-8")
        nav.write_text(text.replace('<nav epub:type="toc">', '<nav epub:type="toc" role="doc-toc">',
                                    1), encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_builder(AccessibleEpubBuilder, override=True)
    app.set_translator("epub", EpubTranslator, override=True)
    app.add_config_value("epub_accessibility", DEFAULT_ACCESSIBILITY, "epub",
                         types=frozenset({dict}))
    app.add_config_value("epub_accessibility_summary", "", "epub", types=frozenset({str}))
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
