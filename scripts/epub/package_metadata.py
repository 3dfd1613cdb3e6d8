"""What the EPUB's package document says about the book: its accessibility and its identifier.

Plain functions of configuration values, so that they can be tested without a build.
"""

from __future__ import annotations

import html
import uuid

# Names the identifiers of EPUB editions made by this pipeline, so that the same book and
# language always give the same identifier and no other kind of thing shares it.
EDITION_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:x-guidebook-pipeline:epub-edition")
CONFORMANCE_ID = "accessibility-conformance"


def accessibility_metadata(properties: dict[str, list[str]], summary: str) -> str:
    """The schema.org ``<meta>`` elements of the EPUB Accessibility vocabulary."""
    lines = [
        f'    <meta property="schema:{name}">{html.escape(value)}</meta>'
        for name, values in properties.items()
        for value in values
    ]
    if summary:
        lines.append(
            f'    <meta property="schema:accessibilitySummary">{html.escape(summary)}</meta>'
        )
    return "".join(line + "\n" for line in lines)


def conformance_metadata(conformance: str, evaluator: str) -> str:
    """The conformance claim and who evaluated it, as EPUB Accessibility 1.1 asks.

    A claim (``dcterms:conformsTo``) must name the party that evaluated the publication
    (``a11y:certifiedBy``, refining the claim); no claim, no evaluator.
    """
    if not conformance:
        return ""
    if not evaluator:
        msg = "a conformance claim needs the name of whoever evaluated the book"
        raise ValueError(msg)
    return (
        f'    <meta property="dcterms:conformsTo" id="{CONFORMANCE_ID}">'
        f"{html.escape(conformance)}</meta>\n"
        f'    <meta property="a11y:certifiedBy" refines="#{CONFORMANCE_ID}">'
        f"{html.escape(evaluator)}</meta>\n"
    )


def edition_identifier(book_identifier: str, language: str) -> str:
    """A URN that names one language's edition of the book, the same at every build.

    Each translation is a different publication for reading systems and libraries, which
    tell books apart by this identifier; derived from the book's own identifier and the
    language, it needs no register of identifiers to stay stable.
    """
    return f"urn:uuid:{uuid.uuid5(EDITION_NAMESPACE, f'{book_identifier}/{language}')}"
