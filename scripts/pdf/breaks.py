"""Keep a paragraph that introduces a table or a list on the same page as what it introduces.

A heading already stays with what follows (``break-after: avoid`` in the print stylesheet), but
a lead-in paragraph ("B. Objectives linked to the local diagnosis", "The plan covers:") left
alone at the foot of a page reads like a heading without its section. The pdf builder marks
such paragraphs with a class the stylesheet keeps with the next block.
"""

from __future__ import annotations

from docutils import nodes

KEEP_WITH_NEXT_CLASS = "keep-with-next"
INTRODUCED = (nodes.table, nodes.bullet_list, nodes.enumerated_list, nodes.definition_list)


def keep_introductions_with_next(tree: nodes.Node) -> int:
    marked = 0
    for paragraph in tree.findall(nodes.paragraph):
        parent = paragraph.parent
        if parent is None:
            continue
        index = parent.index(paragraph)
        following = parent.children[index + 1] if index + 1 < len(parent.children) else None
        if isinstance(following, INTRODUCED):
            paragraph["classes"].append(KEEP_WITH_NEXT_CLASS)
            marked += 1
    return marked
