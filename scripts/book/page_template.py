"""Pages that follow a template keep its sections, in its order, each with its components.

conf.py names the template of each kind of page, as a file under the source folder::

    page_templates = {"chapters/*": "_templates/chapter.md"}   # docname pattern -> template

A template is itself a MyST page: its level-2 headings (``## Key messages``) are the sections
every matching page must have, in that order, and the directives written under a heading
(``:::{checklist}``) are the components that section must contain. ``make new-chapter`` copies
the same file, so the template that starts a page and the rule that checks it cannot drift
apart. Each problem is a warning at the page's file and line, so ``-W`` stops the build.
"""

from __future__ import annotations

import fnmatch
import functools
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging

logger = logging.getLogger(__name__)

_DIRECTIVE = re.compile(r"^\{([\w:-]+)\}")


@dataclass
class Section:
    title: str
    line: int
    components: set[str] = field(default_factory=set)


def outline(source: str) -> list[Section]:
    """The level-2 sections of a MyST ``source``, with the directives each one uses.

    Lines are 1-based lines of the source file, front matter included.
    """
    parser = MarkdownIt("commonmark").use(front_matter_plugin).use(colon_fence_plugin)
    tokens = parser.parse(source)
    sections: list[Section] = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2":
            title = tokens[index + 1].content.strip()
            sections.append(Section(title, token.map[0] + 1 if token.map else 1))
        elif token.type in ("fence", "colon_fence") and sections:
            directive = _DIRECTIVE.match(token.info.strip())
            if directive:
                sections[-1].components.add(directive.group(1))
    return sections


def compare(page: list[Section], template: list[Section], template_name: str,
            last_line: int) -> list[tuple[int, str]]:
    """What ``page`` lacks or adds against ``template``: ``(line, message)`` pairs."""
    expected = [section.title for section in template]
    found = {section.title: section for section in page}
    order = ", ".join(f"'{title}'" for title in expected)
    problems: list[tuple[int, str]] = []
    for section in page:
        if section.title not in expected:
            problems.append((section.line, f"section '## {section.title}' is not one of the "
                             f"template's ({template_name}): {order}; rename it or make it a "
                             "'###' subsection of one of them"))
    for position, title in enumerate(expected):
        if title in found:
            continue
        following = [found[later].line for later in expected[position + 1:] if later in found]
        where = following[0] if following else last_line
        problems.append((where, f"section '## {title}' is missing; the template "
                         f"({template_name}) has, in this order: {order}"))
    kept = [section for section in page if section.title in expected]
    for earlier, later in itertools.pairwise(kept):
        if expected.index(later.title) < expected.index(earlier.title):
            problems.append((later.line, f"section '## {later.title}' comes after "
                             f"'## {earlier.title}'; the template ({template_name}) has, in "
                             f"this order: {order}"))
            break
    for wanted in template:
        section = found.get(wanted.title)
        if section is None:
            continue
        for component in sorted(wanted.components - section.components):
            problems.append((section.line, f"section '## {wanted.title}' has no "
                             f"{{{component}}} block; the template ({template_name}) puts "
                             "one there"))
    return sorted(problems)


@functools.lru_cache(maxsize=8)
def _template_outline(path: Path, modified: int) -> tuple[Section, ...]:
    return tuple(outline(path.read_text(encoding="utf-8")))


def template_outline(path: Path) -> list[Section]:
    """A template's sections, read once per build, and again only when the file changes."""
    return list(_template_outline(path, path.stat().st_mtime_ns))


def template_for(app: Sphinx, docname: str) -> str | None:
    for pattern, template in app.config.page_templates.items():
        if fnmatch.fnmatchcase(docname, pattern):
            return template
    return None


def check_page(app: Sphinx, docname: str, source: list[str]) -> None:
    template = template_for(app, docname)
    if template is None:
        return
    expected = template_outline(Path(app.srcdir, template))
    last_line = source[0].count("\n") + 1
    for line, message in compare(outline(source[0]), expected, template, last_line):
        logger.warning("%s", message, location=(docname, line), type="template",
                       subtype="sections")


def check_templates_exist(app: Sphinx, config: Any) -> None:
    """A misnamed template is the book's mistake, not a partner's: say so before reading."""
    for pattern, template in config.page_templates.items():
        path = Path(app.srcdir, template)
        if not path.is_file():
            msg = f"page_templates['{pattern}'] names {path}, which does not exist"
            raise ConfigError(msg)
        if not template_outline(path):
            msg = f"page_templates['{pattern}']: {path} has no '## ' sections"
            raise ConfigError(msg)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("page_templates", {}, "env", types=frozenset({dict}))
    # read by scripts/book/new_page.py, which starts pages from the same templates
    app.add_config_value("new_page_kinds", {}, "", types=frozenset({dict}))
    app.connect("config-inited", check_templates_exist)
    app.connect("source-read", check_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
