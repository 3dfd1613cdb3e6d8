"""End no printed paragraph with a line of one short word or a piece of a word.

WeasyPrint breaks lines one at a time, so a paragraph often ends with "support." or the
second half of "vi-olence." alone on its last line (CSS ``text-wrap: pretty``, which would
weigh the last lines, is not in WeasyPrint 70). The pdf builder keeps each paragraph's last
two words together, as typesetters do, in an inline element the print stylesheet sets
``white-space: nowrap``: the last line then holds at least two words, and neither of them is
hyphenated. A no-break space would not do: WeasyPrint still hyphenates the last word when the
one before it is too short to be. The tie is made only when the two words are short, so that
moving them down together leaves no wide gap in the line before, and only inside one piece of
text: a space at the edge of a link is where WeasyPrint measures lines badly. A paragraph in a
table cell is left alone, as its column may be too narrow for two words.
"""

from __future__ import annotations

from docutils import nodes

LAST_WORDS_CLASS = "last-words"
# the longest last word tied to the one before it, and the longest pair (characters)
LONGEST_TIED_WORD = 14
LONGEST_TIED_PAIR = 24
# text whose spaces are part of what it shows
VERBATIM = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math)


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _last_space(paragraph: nodes.paragraph) -> tuple[nodes.Text, int] | None:
    """The paragraph's last breakable space followed by a short enough last word."""
    tail = 0
    for text in reversed(list(paragraph.findall(nodes.Text))):
        if any(isinstance(ancestor, VERBATIM) for ancestor in _ancestors(text)):
            return None
        content = str(text)
        end = len(content)
        if tail == 0:
            # spaces at the very end of the paragraph are not between words
            end = len(content.rstrip(" "))
        index = content.rfind(" ", 0, end)
        if index == -1:
            tail += end
        else:
            tail += end - index - 1
            return (text, index) if 0 < tail <= LONGEST_TIED_WORD else None
        if tail > LONGEST_TIED_WORD:
            return None
    return None


def tie_last_words(tree: nodes.Node) -> int:
    """Keep each paragraph's last two words together; return how many were tied."""
    tied = 0
    for paragraph in list(tree.findall(nodes.paragraph)):
        if any(isinstance(ancestor, nodes.entry) for ancestor in _ancestors(paragraph)):
            continue
        found = _last_space(paragraph)
        if found is None:
            continue
        text, index = found
        content = str(text)
        start = content.rfind(" ", 0, index) + 1
        end = len(content.rstrip(" "))
        if start == 0 or end <= index + 1 or end - start > LONGEST_TIED_PAIR:
            # the pair starts or ends at the edge of this piece of text (a link, an emphasis),
            # or is too long to move down whole
            continue
        pair = nodes.inline(content[start:end], content[start:end], classes=[LAST_WORDS_CLASS])
        pieces = [nodes.Text(content[:start]), pair]
        if content[end:]:
            pieces.append(nodes.Text(content[end:]))
        text.parent.replace(text, pieces)
        tied += 1
    return tied
