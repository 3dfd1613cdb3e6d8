"""Fill-in cells of printed templates become PDF text fields; every field gets a name and a label.

A template table marks the cells a team fills in with a placeholder (``pdf_fill_in_placeholder``,
"…" by default). In the PDF each such cell holds a text field, so the template can be completed
and saved in an ordinary PDF reader.

Each field, fill-in or checklist tick box, is given

* a name (the PDF's /T) made of its table, row and column, or its checklist and item:
  ``toolkit.local-action-plan.actions.row-2.lead``. Whoever reads a filled form back (a script, a
  spreadsheet export) finds each value by what it is, and the names stay the same when the
  text around the table changes;
* a label (the PDF's /TU, the tooltip a screen reader announces) that says what to write:
  "Actions, row 2: Lead". Where two fields would be announced alike (a checklist printed in its
  chapter and again in the appendix), the label also names where the field is.

A table is called by its caption, or else by the words that introduce it: a bold line or rubric
just before it, or the bold lead-in of the list item it sits in; else by its section's title.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.locale import get_translation

from scripts.book.components import tick_box

_ = get_translation("sphinx")

# Interface messages this module writes into the PDF; the gettext builder collects them.
ROW_LABEL = "{table}, {row}: {column}"
ROW_NUMBER = "{table}, row {number}: {column}"
COLUMN_NUMBER = "column {number}"
IN_CONTEXT = "{context}: {field}"
MESSAGES = [ROW_LABEL, ROW_NUMBER, COLUMN_NUMBER, IN_CONTEXT]


class fill_in(nodes.General, nodes.Element):
    """A text field in a template cell; only the PDF builder inserts it."""


def visit_fill_in_html(translator: Any, node: fill_in) -> None:
    name = translator.attval(node.get("name", ""))
    label = translator.attval(node["label"])
    name_attribute = f' name="{name}"' if name else ""
    translator.body.append(
        f'<input type="text" class="fill-in"{name_attribute} title="{label}" />')
    raise nodes.SkipNode


def cell_text(entry: nodes.Node | None) -> str:
    return " ".join(entry.astext().split()) if entry is not None else ""


def column_headers(table: nodes.table) -> list[nodes.entry]:
    head = next(iter(table.findall(nodes.thead)), None)
    if head is None:
        return []
    first_row = next(iter(head.findall(nodes.row)), None)
    return list(first_row.findall(nodes.entry)) if first_row is not None else []


def _lead_in(paragraph: nodes.Node, whole: bool) -> str:
    """The bold words a paragraph starts with (``whole``: only if it has nothing else)."""
    if not isinstance(paragraph, nodes.paragraph):
        return ""
    # MyST leaves empty text nodes around inline markup
    first = next((child for child in paragraph.children if child.astext().strip()), None)
    if not isinstance(first, nodes.strong):
        return ""
    if whole and cell_text(paragraph) != cell_text(first):
        return ""
    return cell_text(first).rstrip(".:").strip()


def section_title(node: nodes.Node) -> str:
    section = next((parent for parent in _ancestors(node) if isinstance(parent, nodes.section)),
                   None)
    title = next(iter(section.findall(nodes.title)), None) if section is not None else None
    return cell_text(title)


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def block_label(block: nodes.Element) -> str:
    """What a reader calls a table or checklist: its caption or the words that introduce it."""
    caption = next((child for child in block.children if isinstance(child, nodes.title)), None)
    if caption is not None:
        return cell_text(caption)
    parent = block.parent
    if parent is not None:
        index = parent.index(block)
        previous = parent.children[index - 1] if index > 0 else None
        if isinstance(previous, nodes.rubric):
            return cell_text(previous).rstrip(".:").strip()
        if previous is not None and (label := _lead_in(previous, whole=True)):
            return label
        if (isinstance(parent, nodes.list_item) and parent.children
                and (label := _lead_in(parent.children[0], whole=False))):
            return label
    return section_title(block)


def slug(text: str) -> str:
    # make_id keeps ASCII letters and digits only, so a name never holds the "." that
    # separates the parts of a PDF field's full name
    return nodes.make_id(text)


def _field_name(*parts: str) -> str:
    return ".".join(part for part in parts if part)


def source_documents(tree: nodes.Node) -> dict[int, str]:
    """For each table and container of ``tree``, the name of the document it was printed from
    (``toolkit`` for ``toolkit.md``, ``08-fundamental-rights`` for a chapter)."""
    # Sphinx's start_of_file adopts a document's tree without becoming its parent, so the
    # document is found walking down, not up
    owners: dict[int, str] = {}

    def visit(node: nodes.Node, docname: str) -> None:
        if isinstance(node, addnodes.start_of_file):
            docname = node["docname"].rsplit("/", 1)[-1]
        if isinstance(node, (nodes.table, nodes.container)):
            owners[id(node)] = re.sub(r"[^a-z0-9]+", "-", docname.lower()).strip("-")
        for child in node.children if isinstance(node, nodes.Element) else ():
            visit(child, docname)

    visit(tree, "")
    return owners


def block_name(block: nodes.Element, label: str, documents: dict[int, str]) -> str:
    """The first parts of a block's field names: its document's, its section's and its own
    (each chapter has a section "Checklist": the document tells their boxes apart)."""
    section, own = slug(section_title(block)), slug(label)
    return _field_name(documents.get(id(block), ""), section, own if own != section else "")


def fill_in_fields(tree: nodes.Node, placeholder: str, documents: dict[int, str]) -> None:
    """Replace each body cell that holds only ``placeholder`` with a named, labelled field."""
    for table in list(tree.findall(nodes.table)):
        label = block_label(table)
        prefix = block_name(table, label, documents)
        headers = column_headers(table)
        # the stylesheet sizes fields by how many columns share the page
        columns = max((len(row.children) for row in table.findall(nodes.row)), default=0)
        rows = [row for body in table.findall(nodes.tbody) for row in body.findall(nodes.row)]
        for number, row in enumerate(rows, start=1):
            cells = list(row.children)
            if not any(cell_text(cell) == placeholder for cell in cells):
                continue
            row_label = cell_text(cells[0]) if cell_text(cells[0]) != placeholder else ""
            for index, entry in enumerate(cells):
                if not isinstance(entry, nodes.entry) or cell_text(entry) != placeholder:
                    continue
                column = (cell_text(headers[index]) if index < len(headers) else "") or _(
                    COLUMN_NUMBER).format(number=index + 1)
                if row_label:
                    text = _(ROW_LABEL).format(table=label, row=row_label, column=column)
                else:
                    text = _(ROW_NUMBER).format(table=label, number=number, column=column)
                entry.clear()
                entry["classes"].append("fill-in-cell")
                if f"columns-{columns}" not in table["classes"]:
                    table["classes"].append(f"columns-{columns}")
                entry += fill_in(name=_field_name(prefix, f"row-{number}", slug(column)),
                                 label=text)


def name_tick_boxes(tree: nodes.Node, documents: dict[int, str]) -> None:
    """Name each checklist's boxes after the checklist and the item."""
    for checklist in tree.findall(nodes.container):
        if "checklist" not in checklist["classes"]:
            continue
        prefix = block_name(checklist, block_label(checklist), documents)
        for number, box in enumerate(checklist.findall(tick_box), start=1):
            box["name"] = _field_name(prefix, f"item-{number}")
            box["label"] = cell_text(box.parent)


def field_nodes(tree: nodes.Node) -> list[nodes.Element]:
    return [node for node in tree.findall(lambda node: isinstance(node, (fill_in, tick_box)))
            if node.get("name")]


def make_unique(fields: list[nodes.Element]) -> None:
    """Give fields that would share a name or a label the words that tell them apart."""
    labels = Counter(field["label"] for field in fields)
    for field in fields:
        if labels[field["label"]] > 1:
            context = (block_label(_checklist_of(field)) if isinstance(field, tick_box)
                       else section_title(field))
            if context and context not in field["label"]:
                field["label"] = _(IN_CONTEXT).format(context=context, field=field["label"])
    # a PDF field with another's full name is the same field: filling one would fill both
    seen: Counter[str] = Counter()
    for field in fields:
        seen[field["name"]] += 1
        if seen[field["name"]] > 1:
            field["name"] += f"-{seen[field['name']]}"
    seen_labels: Counter[str] = Counter()
    for field in fields:
        seen_labels[field["label"]] += 1
        if seen_labels[field["label"]] > 1:
            field["label"] += f" ({seen_labels[field['label']]})"


def _checklist_of(node: nodes.Node) -> nodes.Element:
    return next(parent for parent in _ancestors(node)
                if isinstance(parent, nodes.container) and "checklist" in parent["classes"])


def add_form_fields(tree: nodes.Node, placeholder: str) -> int:
    """Turn fill-in cells into fields and name every field of ``tree``; return how many."""
    documents = source_documents(tree)
    fill_in_fields(tree, placeholder, documents)
    name_tick_boxes(tree, documents)
    fields = field_nodes(tree)
    make_unique(fields)
    return len(fields)
