"""The front-matter check on its own: what partners get told for each kind of mistake."""

from __future__ import annotations

from scripts.book.frontmatter import Problem, check_front_matter

FIELDS = {"title": "text", "contributors": "text-list", "status": ["draft", "final"],
          "last_reviewed": "date"}
GOOD = """---
title: A chapter
contributors:
  - A contributor
status: draft
last_reviewed: 2026-11-23
---

# A chapter
"""


def test_a_complete_block_passes():
    assert check_front_matter(GOOD, FIELDS) == []


def test_a_file_without_block_is_told_which_fields_to_write():
    problems = check_front_matter("# A chapter\n", FIELDS)
    assert problems == [Problem(
        1, "no front-matter block: start the file with '---', the fields "
           "(title, contributors, status, last_reviewed), and '---'")]


def test_broken_yaml_points_at_its_line():
    source = GOOD.replace("status: draft", "status: [draft")
    [problem] = check_front_matter(source, FIELDS)
    assert problem.line in (5, 6)
    assert "not valid YAML" in problem.message


def test_a_field_given_twice_is_reported_at_the_repeat():
    source = GOOD.replace("status: draft\n", "status: draft\nstatus: final\n")
    assert check_front_matter(source, FIELDS) == [Problem(6, "field 'status' is given twice")]


def test_an_empty_title_is_refused():
    source = GOOD.replace("title: A chapter", 'title: ""')
    expected = Problem(2, "field 'title' must be non-empty text")
    assert check_front_matter(source, FIELDS) == [expected]
