"""Fill-in cells of printed templates become PDF text fields.

A template table marks the cells a team fills in with a placeholder (``pdf_fill_in_placeholder``,
"…" by default). In the PDF each such cell holds a text field, so the template can be completed
and saved in an ordinary PDF reader. The field is named for screen readers after its row and
column ("Local authority: Entry"), the words a sighted reader uses to find it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes


class fill_in(nodes.General, nodes.Element):
    """A text field in a template cell; only the PDF builder inserts it."""


def visit_fill_in_html(translator: Any, node: fill_in) -> None:
    label = translator.attval(node["label"])
    translator.body.append(f'<input type="text" class="fill-in" title="{label}" />')
    raise nodes.SkipNode


def cell_text(entry: nodes.entry | None) -> str:
    return " ".join(entry.astext().split()) if entry is not None else ""


def column_headers(table: nodes.table) -> list[nodes.entry]:
    head = next(iter(table.findall(nodes.thead)), None)
    if head is None:
        return []
    first_row = next(iter(head.findall(nodes.row)), None)
    return list(first_row.findall(nodes.entry)) if first_row is not None else []


def field_label(row: nodes.row, index: int, headers: list[nodes.entry]) -> str:
    cells = list(row.children)
    row_label = cell_text(cells[0]) if index > 0 else ""
    column_label = cell_text(headers[index]) if index < len(headers) else ""
    return ": ".join(part for part in (row_label, column_label) if part)


def add_fill_in_fields(tree: nodes.Node, placeholder: str) -> int:
    """Replace each body cell that holds only ``placeholder`` with a text field."""
    count = 0
    for table in tree.findall(nodes.table):
        headers = column_headers(table)
        for body in table.findall(nodes.tbody):
            for row in body.findall(nodes.row):
                for index, entry in enumerate(row.children):
                    if isinstance(entry, nodes.entry) and cell_text(entry) == placeholder:
                        entry.clear()
                        entry += fill_in(label=field_label(row, index, headers))
                        count += 1
    return count
