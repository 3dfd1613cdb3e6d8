"""Page numbers after links in print, kept outside the link.

In print, a cross-reference says the page it points to: "see Chapter 2 (page 14)". A CSS
``::after`` on the link would add the number inside the link, and WeasyPrint tags generated
content of a link as a second link nested in the first, which PDF/UA forbids. So each marked
link gets an empty sibling ``<span class="page-number" data-href="#target">`` right after it,
which the stylesheet fills with ``target-counter(attr(data-href url), page)``.
"""

from __future__ import annotations

import re

PAGE_NUMBER_CLASS = "page-number"


def link_pattern(link_class: str) -> re.Pattern[str]:
    # Sphinx writes class before href; links never nest, so the first </a> closes the link
    return re.compile(
        r'(<a class="(?:[^"]* )?' + re.escape(link_class) + r'(?: [^"]*)?" href="(#[^"]+)"[^>]*>'
        r".*?</a>)",
        re.S,
    )


def add_page_numbers(html: str, link_class: str) -> str:
    """Put an empty page-number span after every internal link of class ``link_class``."""
    return link_pattern(link_class).sub(
        lambda match: f'{match[1]}<span class="{PAGE_NUMBER_CLASS}" data-href="{match[2]}"></span>',
        html,
    )
