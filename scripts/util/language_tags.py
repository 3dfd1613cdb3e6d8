"""Whether a text is a language tag (BCP 47, RFC 5646), as HTML's ``lang`` and PDF's /Lang
expect."""

from __future__ import annotations

import re

# RFC 5646 language tags, without the grandfathered irregular ones (i-klingon and the like).
# The primary subtag is kept to 2-3 letters: longer ones are well-formed but none is assigned,
# so "english" is far likelier a mistake than a language.
_BCP47 = re.compile(
    r"""
    (?:
      [a-z]{2,3}(?:-[a-z]{3}){0,3}          # language, extended language
      (?:-[a-z]{4})?                        # script
      (?:-(?:[a-z]{2}|[0-9]{3}))?           # region
      (?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*   # variants
      (?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*  # extensions
      (?:-x(?:-[a-z0-9]{1,8})+)?            # private use
    |
      x(?:-[a-z0-9]{1,8})+                  # private use only
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)


def is_language_tag(text: str) -> bool:
    return _BCP47.fullmatch(text) is not None
