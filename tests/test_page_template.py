"""A chapter keeps the template's sections, in order, with their components."""

from __future__ import annotations

from scripts.book.page_template import compare, outline

TEMPLATE = """---
title: $title
---

# $title

## Key messages

:::{key-messages}
- A message.
:::

## Step by step

Steps.

```{note}
A fenced directive counts too.
```

## Checklist

:::{checklist}
- An item.
:::
"""


def problems(page: str) -> list[tuple[int, str]]:
    return compare(outline(page), outline(TEMPLATE), "_templates/chapter.md",
                   page.count("\n") + 1)


def test_the_template_itself_passes():
    assert outline(TEMPLATE)[1].components == {"note"}
    assert problems(TEMPLATE) == []


def test_a_missing_section_is_named_where_it_belongs():
    page = TEMPLATE.replace("## Step by step\n\nSteps.\n", "").replace("```{note}", "```text")
    [(line, message)] = problems(page)
    assert page.splitlines()[line - 1] == "## Checklist"
    assert message.startswith("section '## Step by step' is missing; the template "
                              "(_templates/chapter.md) has, in this order: 'Key messages', "
                              "'Step by step', 'Checklist'")


def test_an_extra_or_renamed_section_and_a_missing_component():
    page = TEMPLATE.replace("## Step by step", "## Steps").replace(":::{checklist}", ":::{note}")
    found = problems(page)
    lines = page.splitlines()
    assert any(lines[line - 1] == "## Steps" and "is not one of the template's" in message
               for line, message in found)
    assert any("'## Step by step' is missing" in message for _line, message in found)
    assert any(lines[line - 1] == "## Checklist" and
               message.startswith("section '## Checklist' has no {checklist} block")
               for line, message in found)


def test_sections_out_of_order():
    page = TEMPLATE.replace("## Key messages", "## Checklist_").replace(
        "## Checklist\n", "## Key messages\n").replace("## Checklist_", "## Checklist")
    found = problems(page)
    assert any("comes after" in message for _line, message in found), found


def test_headings_inside_code_are_not_sections():
    page = TEMPLATE + "\n```md\n## Not a section\n```\n"
    assert problems(page) == []
