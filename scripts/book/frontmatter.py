"""Check that each contributed chapter opens with a complete, well-formed front-matter block.

The schema comes from ``conf.py``::

    frontmatter_documents = ["chapters/*"]          # docnames (glob patterns) that must have one
    frontmatter_fields = {
        "title": "text",                             # non-empty string
        "contributors": "text-list",                 # non-empty list of non-empty strings
        "last_reviewed": "date",                     # YYYY-MM-DD
        "status": ["draft", "final"],                # one of these values
    }

Each problem is a Sphinx warning of type ``frontmatter`` located at the file and line of the
offending field, so ``-W`` stops the build and tells the partner where to look.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from dataclasses import dataclass
from typing import Any

import yaml
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FIELD_TYPES = ("text", "text-list", "date")
_BLOCK_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(\n|\Z)", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a front-matter block, at a 1-based line of the source file."""

    line: int
    message: str


def _check_value(name: str, spec: str | list[str], value: Any) -> str | None:
    """Return what is wrong with ``value`` for a field of type ``spec``, or None."""
    if isinstance(spec, list):
        if value not in spec:
            return f"field '{name}' is {value!r}; use one of: {', '.join(spec)}"
        return None
    if spec == "text":
        if not isinstance(value, str) or not value.strip():
            return f"field '{name}' must be non-empty text"
    elif spec == "text-list":
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(item, str) and item.strip() for item in value)
        ):
            return f"field '{name}' must be a list of names, one '- name' line each"
    elif spec == "date":
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date | str):
            return f"field '{name}' must be a date written YYYY-MM-DD"
        if isinstance(value, str):
            try:
                dt.date.fromisoformat(value)
            except ValueError:
                return f"field '{name}' is {value!r}, not a date written YYYY-MM-DD"
    return None


def check_front_matter(source: str, fields: dict[str, str | list[str]]) -> list[Problem]:
    """Return the problems of the front-matter block at the top of a MyST ``source``."""
    expected = ", ".join(fields)
    match = _BLOCK_RE.match(source)
    if match is None:
        return [Problem(1, f"no front-matter block: start the file with '---', the fields "
                           f"({expected}), and '---'")]
    block = match.group(1) or ""
    try:
        root = yaml.compose(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return [Problem(line, f"front matter is not valid YAML ({reason}); check indentation "
                              "and put quotes around values containing ':'")]
    if not isinstance(root, yaml.MappingNode):
        return [Problem(2, f"front matter must be 'field: value' lines ({expected})")]

    problems: list[Problem] = []
    seen: set[str] = set()
    for key_node, value_node in root.value:
        # +2: the block starts on the line after the opening '---'
        line = key_node.start_mark.line + 2
        name = key_node.value
        if name in seen:
            problems.append(Problem(line, f"field '{name}' is given twice"))
            continue
        seen.add(name)
        if name not in fields:
            problems.append(Problem(line, f"unknown field '{name}'; the fields are: {expected}"))
            continue
        value = yaml.safe_load(yaml.serialize(value_node))
        if (reason := _check_value(name, fields[name], value)) is not None:
            problems.append(Problem(line, reason))
    closing_line = block.count("\n") + 2
    problems.extend(
        Problem(closing_line, f"missing field '{name}'") for name in fields if name not in seen
    )
    return problems


def _applies_to(docname: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(docname, pattern) for pattern in patterns)


def check_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """Warn about each front-matter problem of a document the schema applies to."""
    if not _applies_to(docname, app.config.frontmatter_documents):
        return
    for problem in check_front_matter(source[0], app.config.frontmatter_fields):
        logger.warning(
            "%s", problem.message,
            location=(docname, problem.line), type="frontmatter", subtype="invalid",
        )


def validate_schema(app: Sphinx, config: Any) -> None:
    """Fail early, naming the field, when conf.py declares a type this module does not know."""
    from sphinx.errors import ConfigError

    for name, spec in config.frontmatter_fields.items():
        if not isinstance(spec, list) and spec not in FIELD_TYPES:
            msg = (f"frontmatter_fields['{name}'] is {spec!r}; use one of {FIELD_TYPES} "
                   "or a list of allowed values")
            raise ConfigError(msg)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("frontmatter_documents", [], "env", types=frozenset({list}))
    app.add_config_value("frontmatter_fields", {}, "env", types=frozenset({dict}))
    app.connect("config-inited", validate_schema)
    app.connect("source-read", check_source)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
