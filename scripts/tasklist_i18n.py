"""Keep MyST task-list tick boxes in translated pages.

MyST writes a task-list item's box as a raw ``<input>`` at the start of the item's paragraph.
The box is not part of the message translators see, so when Sphinx swaps in the translated
paragraph the box is lost. Before translation, each item's state is recorded as a class on the
list item (which translation keeps); after it, a missing box is put back from that class.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

ITEM_CLASS = "task-list-item"
CHECKED_CLASS = "task-list-item-checked"
BOX_CLASS = "task-list-item-checkbox"


def _box(paragraph: nodes.paragraph) -> nodes.raw | None:
    return next((raw for raw in paragraph.findall(nodes.raw) if BOX_CLASS in raw.astext()), None)


def _task_paragraphs(document: nodes.document):
    for item in document.findall(nodes.list_item):
        if ITEM_CLASS in item["classes"] and item.children and isinstance(
                item[0], nodes.paragraph):
            yield item, item[0]


class RecordTaskState(Transform):
    """Before translation (Sphinx's Locale transform runs at 20): note which boxes are ticked."""

    default_priority = 10

    def apply(self, **kwargs: Any) -> None:
        for item, paragraph in _task_paragraphs(self.document):
            box = _box(paragraph)
            if box is not None and 'checked="checked"' in box.astext():
                item["classes"].append(CHECKED_CLASS)


class RestoreTaskBoxes(SphinxPostTransform):
    """After translation: give every task-list item without a box its box back."""

    default_priority = 10

    def run(self, **kwargs: Any) -> None:
        for item, paragraph in _task_paragraphs(self.document):
            if _box(paragraph) is None:
                checked = ' checked="checked"' if CHECKED_CLASS in item["classes"] else ""
                markup = f'<input class="{BOX_CLASS}"{checked} disabled="disabled" type="checkbox">'
                paragraph.insert(0, nodes.raw("", markup, format="html"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_transform(RecordTaskState)
    app.add_post_transform(RestoreTaskBoxes)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
