"""Render an HTML file to PDF with WeasyPrint, reading nothing outside one directory.

This module knows nothing of Sphinx, so it can be tested and reused alone. WeasyPrint's warnings go
to the ``weasyprint`` logger as usual; callers route them where they like.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from scripts.pdf import (
    document_order,
    font_subsetting,
    font_unicode,
    form_fields,
    layout_checks,
    marked_content,
    page_references,
    page_starts,
    tagging,
)

PANGO_HINT = (
    "WeasyPrint cannot load Pango, which the PDF editions need: install the Debian packages "
    "libpango-1.0-0 and libpangoft2-1.0-0 (apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)


class OutsideResourceError(Exception):
    """The document asked for files or network addresses outside the allowed directory."""

    def __init__(self, urls: list[str]) -> None:
        self.urls = urls
        super().__init__("refused to read: " + ", ".join(urls))


@dataclass(frozen=True)
class RenderResult:
    path: Path
    pages: int
    # layout problems WeasyPrint does not log: text outside the page, stand-in glyphs
    problems: tuple[str, ...] = ()
    # where each page starts (see :mod:`scripts.pdf.page_starts`), when asked for
    page_starts: tuple[dict, ...] = ()
    # the local files WeasyPrint read besides the HTML: stylesheets, fonts, images
    resources: tuple[Path, ...] = ()
    # the laid-out WeasyPrint document, whose pages another PDF may reuse (offprints)
    document: Any = field(default=None, compare=False, repr=False)


def weasyprint_problem() -> str | None:
    """Return a one-line hint when WeasyPrint cannot be used on this machine, else None."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        # cffi raises OSError when a shared library such as Pango is missing
        return PANGO_HINT
    return None


def pin_font_subsetter() -> None:
    """Subset fonts with fontTools, pinned in requirements.lock, on every machine.

    WeasyPrint subsets with HarfBuzz when the system has libharfbuzz-subset and with fontTools
    otherwise, and the two write different bytes: without this, the same source would give
    different PDFs on machines that differ only in an optional library.
    """
    from weasyprint.pdf import fonts

    fonts.harfbuzz_subset = None


def _inside(url: str, root: Path) -> bool:
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return True
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        return False
    # resolve() follows symbolic links, so a link that points out of the root is refused too
    target = Path(unquote(parsed.path)).resolve()
    return target == root or root in target.parents


def _local_file(url: str) -> Path | None:
    """The file a ``file:`` URL names, without its fragment; None for ``data:`` URLs."""
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


def _confined_fetcher(root: Path):
    from weasyprint.urls import URLFetcher

    class ConfinedFetcher(URLFetcher):
        """Fetch only ``file:`` and ``data:`` URLs inside ``root``; remember what was refused."""

        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)
            self.refused: list[str] = []
            self.fetched: list[str] = []

        def fetch(self, url, headers=None):
            if not _inside(url, root):
                if url not in self.refused:
                    self.refused.append(url)
                raise PermissionError(f"outside the build output: {url}")
            self.fetched.append(url)
            return super().fetch(url, headers)

    return ConfinedFetcher()


def render_pdf(
    html_path: Path,
    output: Path,
    allowed_root: Path,
    *,
    variant: str | None = None,
    forms: bool = False,
    image_dpi: int | None = 300,
    record_page_starts: bool = False,
) -> RenderResult:
    """Render ``html_path`` to ``output`` atomically.

    Every resource the HTML asks for must lie inside ``allowed_root``; otherwise nothing is
    written and :class:`OutsideResourceError` lists the refused URLs. The PDF replaces
    ``output`` only once it is complete, so a failed render leaves the previous file in place.
    ``variant`` is a WeasyPrint PDF variant such as ``pdf/ua-1`` (tagged, with the tag tree
    completed by :mod:`scripts.pdf.tagging`); ``forms`` makes HTML inputs PDF form fields,
    finished by :mod:`scripts.pdf.form_fields`; images are downsampled to ``image_dpi`` at
    their printed size (300 dpi suits print). ``record_page_starts`` notes where each page
    starts, for an edition that marks this one's pages.
    """
    document, root, resources = _lay_out(html_path, allowed_root, variant=variant, forms=forms,
                                         image_dpi=image_dpi)
    # Layout leaves reference cycles behind (boxes laid out and dropped, Sphinx's reading before
    # it); Python's collector frees them only at its next full pass, which may come after
    # writing the PDF has added its own peak. Freeing them now took the English book's build
    # from about 545 MB at its peak to about 460 MB, for one full pass (a fraction of a second).
    gc.collect()
    result = write_document(document, output, variant=variant, forms=forms)
    starts = page_starts.page_starts(document, root) if record_page_starts else ()
    return replace(result, page_starts=tuple(starts), resources=resources)


def lay_out(
    html_path: Path,
    allowed_root: Path,
    *,
    variant: str | None = None,
    forms: bool = False,
    image_dpi: int | None = 300,
) -> Any:
    """Lay ``html_path`` out into pages (a WeasyPrint document), labelled for tagging.

    Raises :class:`OutsideResourceError` if the HTML asks for anything outside
    ``allowed_root``.
    """
    return _lay_out(html_path, allowed_root, variant=variant, forms=forms,
                    image_dpi=image_dpi)[0]


def _lay_out(html_path: Path, allowed_root: Path, *, variant: str | None, forms: bool,
             image_dpi: int | None) -> tuple[Any, Any, tuple[Path, ...]]:
    """The laid-out document, the HTML tree its boxes point into, and the local files
    WeasyPrint read for it besides the HTML (stylesheets, fonts, images)."""
    from weasyprint import HTML

    install_patches(variant)
    root = allowed_root.resolve()
    fetcher = _confined_fetcher(root)
    html = HTML(filename=str(html_path), url_fetcher=fetcher)
    document = html.render(pdf_forms=forms, dpi=image_dpi, optimize_images=True)
    if fetcher.refused:
        raise OutsideResourceError(fetcher.refused)
    marked_content.label_document(document)
    resources = tuple(dict.fromkeys(path for url in fetcher.fetched
                                    if (path := _local_file(url)) is not None))
    return document, html.etree_element, resources


def install_patches(variant: str | None) -> None:
    """The corrections to WeasyPrint this module's PDFs are written with; each once."""
    if variant and variant.startswith("pdf/ua"):
        tagging.install()
        font_unicode.install()
        marked_content.install()
        document_order.install()
    pin_font_subsetter()
    font_subsetting.install()
    page_references.install()


def write_document(
    document: Any,
    output: Path,
    *,
    variant: str | None = None,
    forms: bool = False,
    finishers: Sequence[Callable[[Any, Any], None]] = (),
) -> RenderResult:
    """Write a laid-out document to ``output`` atomically and check its layout.

    ``finishers`` run on the pydyf document before it is written, after the form fields'.
    """
    install_patches(variant)
    steps = [form_fields.finish_form_fields] if forms else []
    steps.extend(finishers)

    def finish(weasy_document: Any, pdf: Any) -> None:
        for step in steps:
            step(weasy_document, pdf)

    output.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{output.name}.", dir=output.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            document.write_pdf(stream, pdf_variant=variant,
                               finisher=finish if steps else None)
        # mkstemp creates owner-only files; an edition is meant to be served and shared
        os.chmod(partial, 0o644)
        os.replace(partial, output)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    problems = (*layout_checks.overflowing_boxes(document),
                *layout_checks.stand_in_glyphs(document))
    return RenderResult(output, len(document.pages), problems, document=document)
