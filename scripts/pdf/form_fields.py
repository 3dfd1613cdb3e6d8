"""Finish the form fields WeasyPrint 70 writes, before the PDF is written out.

WeasyPrint turns HTML inputs into AcroForm fields, but

* writes text fields without an appearance stream and asks every reader to draw them
  (/NeedAppearances true): a reader that does not (many printers' drivers, some phone readers,
  PDF/A validators) shows nothing, and a reader that does marks the file as changed as soon as
  it is opened;
* writes a tick box's "ticked" look only, not its "unticked" one;
* writes every text field single-line, however tall the stylesheet draws it: a narrow column's
  field drawn two lines high (a name, a service) would still scroll sideways in a reader;
* writes each field flat, under the name it is given: a name ``plan.actions.row-2.lead`` must
  become the field ``lead`` under ``row-2`` under ``actions`` under ``plan``, since a PDF
  field's own name may not hold a period and the full name is the dotted path of its parents.

:func:`finish_form_fields` is a WeasyPrint *finisher*: ``write_pdf(finisher=...)`` calls it with
the pydyf document just before it is serialised. Nothing here knows Sphinx.
"""

from __future__ import annotations

from typing import Any

from scripts.pdf.pydyf_objects import referenced_object

EMPTY_TEXT_FIELD = b"/Tx BMC\nEMC\n"
# the Ff bit that lets a text field wrap its value onto more lines (ISO 32000-1, table 228)
MULTILINE = 1 << 12
# room taken as enough for one line of a field's value (a share of the font size) and for each
# of its edges (points): a margin over a line of text, not a figure measured in each reader
READER_LINE_HEIGHT = 1.2
READER_EDGE = 2.0



def _string(value: Any) -> str:
    data = getattr(value, "string", value)
    return data.decode() if isinstance(data, bytes) else str(data)


def _form_xobject(pdf: Any, width: float, height: float, content: bytes,
                  resources: Any = None) -> Any:
    import pydyf

    extra = {"Type": "/XObject", "Subtype": "/Form",
             "BBox": pydyf.Array((0, 0, width, height))}
    if resources is not None:
        extra["Resources"] = resources
    stream = pydyf.Stream([content], extra, compress=True)
    pdf.add_object(stream)
    return stream


def _size(field: Any) -> tuple[float, float]:
    left, bottom, right, top = (float(value) for value in field["Rect"])
    return abs(right - left), abs(top - bottom)


def add_appearances(pdf: Any, fields: list[Any], resources: Any) -> None:
    """Give each empty text field and each tick box's unticked state a look of their own."""
    import pydyf

    for field in fields:
        width, height = _size(field)
        if field.get("FT") == "/Tx" and "AP" not in field:
            if _string(field.get("V", "")):
                # WeasyPrint writes a value only from an HTML value attribute, which the book's
                # fields never have; drawing text here would need the font's glyph ids
                continue
            # an empty field shows nothing but its marked-content bracket, which is what a
            # reader replaces with the typed text
            appearance = _form_xobject(pdf, width, height, EMPTY_TEXT_FIELD, resources)
            field["AP"] = pydyf.Dictionary({"N": appearance.reference})
        elif field.get("FT") == "/Btn" and "AP" in field:
            states = field["AP"]["N"]
            if "Off" not in states:
                states["Off"] = _form_xobject(pdf, width, height, b"").reference


def font_size(field: Any) -> float | None:
    """The size of the font a reader writes the field's value in (its /DA ``Tf``)."""
    operands = _string(field.get("DA", "")).split()
    if "Tf" not in operands or operands.index("Tf") < 1:
        return None
    try:
        return float(operands[operands.index("Tf") - 1])
    except ValueError:
        return None


def allow_lines(fields: list[Any]) -> None:
    """Let a text field drawn tall enough for two lines of its font wrap its value."""
    for field in fields:
        size = font_size(field) if field.get("FT") == "/Tx" else None
        if not size:
            continue
        _, height = _size(field)
        if height >= 2 * READER_LINE_HEIGHT * size + 2 * READER_EDGE:
            field["Ff"] = int(field.get("Ff", 0)) | MULTILINE


def nest_dotted_names(pdf: Any, fields: list[Any]) -> list[Any]:
    """Make ``a.b.c`` the field ``c`` under ``b`` under ``a``; return the top-level fields."""
    import pydyf

    parents: dict[tuple[str, ...], Any] = {}
    roots: list[Any] = []
    for field in fields:
        parts = tuple(_string(field.get("T", "")).split("."))
        if len(parts) == 1 or not all(parts):
            roots.append(field.reference)
            continue
        for depth in range(1, len(parts)):
            path = parts[:depth]
            if path in parents:
                continue
            parent = pydyf.Dictionary({"T": pydyf.String(path[-1]), "Kids": pydyf.Array()})
            pdf.add_object(parent)
            parents[path] = parent
            if depth == 1:
                roots.append(parent.reference)
            else:
                parent["Parent"] = parents[path[:-1]].reference
                parents[path[:-1]]["Kids"].append(parent.reference)
        field["T"] = pydyf.String(parts[-1])
        field["Parent"] = parents[parts[:-1]].reference
        parents[parts[:-1]]["Kids"].append(field.reference)
    return roots


def finish_form_fields(document: Any, pdf: Any) -> None:
    """Complete the AcroForm of ``pdf`` (a pydyf document); ``document`` is WeasyPrint's."""
    import pydyf

    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    fields = [referenced_object(pdf, reference) for reference in form["Fields"]]
    resources = form.get("DR")
    add_appearances(pdf, fields, resources)
    allow_lines(fields)
    form["Fields"] = pydyf.Array(nest_dotted_names(pdf, fields))
    # every field now carries its own appearance; a reader that regenerated them all would
    # also mark the untouched file as modified
    form.pop("NeedAppearances", None)
