"""Move each footnote's text to the place it is first called, so print can set it at the page foot.

CSS paged media floats a footnote to the bottom of the page on which the *footnote element*
stands. Docutils collects footnotes at the end of their document, which would put every note on
the chapter's last page; placing the note's text inline, right after its first call, lets
``float: footnote`` put it at the foot of the page where the reader meets the call.
"""

from __future__ import annotations

from docutils import nodes

NOTE_CLASS = "print-footnote"


def _inline_content(footnote: nodes.footnote) -> list[nodes.Node]:
    """The note's text as inline nodes: paragraphs become runs separated by a space."""
    content: list[nodes.Node] = []
    for child in footnote.children:
        if isinstance(child, nodes.label):
            continue
        if content:
            content.append(nodes.Text(" "))
        if isinstance(child, nodes.paragraph):
            content.extend(grandchild.deepcopy() for grandchild in child.children)
        else:
            content.append(nodes.Text(child.astext()))
    return content


def inline_footnotes(tree: nodes.document) -> int:
    """Place each referenced footnote's text after its first call; return how many moved."""
    calls = {ref_id: ref for ref in tree.findall(nodes.footnote_reference) for ref_id in ref["ids"]}
    moved = 0
    for footnote in list(tree.findall(nodes.footnote)):
        first_call = next((calls[r] for r in footnote["backrefs"] if r in calls), None)
        if first_call is None:
            continue
        label = footnote.next_node(nodes.label)
        note = nodes.inline(
            "", "",
            nodes.inline("", label.astext() if label else "", classes=[f"{NOTE_CLASS}-label"]),
            *_inline_content(footnote),
            ids=list(footnote["ids"]),
            classes=[NOTE_CLASS],
        )
        first_call.parent.insert(first_call.parent.index(first_call) + 1, note)
        parent = footnote.parent
        parent.remove(footnote)
        # docutils wraps a document's notes in a container that would otherwise print empty
        if isinstance(parent, nodes.Element) and not parent.children and parent is not tree:
            parent.parent.remove(parent)
        moved += 1
    return moved
