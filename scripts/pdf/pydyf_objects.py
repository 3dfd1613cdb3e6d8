"""Follow references between the objects of a PDF that WeasyPrint is still writing (pydyf)."""

from __future__ import annotations

from typing import Any


def referenced_object(pdf: Any, reference: Any) -> Any:
    """The object a reference such as ``b"12 0 R"`` names in a pydyf PDF."""
    # pydyf numbers objects by their position in pdf.objects
    text = reference.decode() if isinstance(reference, bytes) else str(reference)
    return pdf.objects[int(text.split()[0])]
