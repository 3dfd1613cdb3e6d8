"""The page at the site's root: every language's edition, and the reader's own chosen for them.

Each language's site lives in a folder of its own (``<site>/<lang>/``); the root page lists
them, each named in its own language with the book's title as that edition gives it, and
sends a browser whose preferred languages include one of them straight there. Without
JavaScript the list is the page. The source language's "page not found" page is copied to the
root too, for servers configured with one 404 page for the whole site.
"""

from __future__ import annotations

import html
import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
NOT_FOUND_PAGE = "404.html"


@dataclass(frozen=True)
class SiteLanguage:
    code: str
    name: str  # in the language itself


def edition_title(index_page: Path) -> str:
    """The title a language's home page gives the book, as plain text."""
    match = _TITLE.search(index_page.read_text(encoding="utf-8"))
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else ""


def landing_page(languages: list[SiteLanguage], titles: dict[str, str]) -> str:
    source = languages[0]
    items = "\n".join(
        f'    <li><a href="{language.code}/index.html" hreflang="{language.code}" '
        f'lang="{language.code}"><span class="name">{html.escape(language.name)}</span>'
        f'<span class="title">{html.escape(titles.get(language.code, ""))}</span></a></li>'
        for language in languages)
    codes = ", ".join(f'"{language.code}"' for language in languages)
    title = html.escape(titles.get(source.code, ""))
    return f"""<!doctype html>
<html lang="{source.code}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{title}</title>
<link rel="icon" href="{source.code}/_static/favicon.svg" type="image/svg+xml">
{chr(10).join(f'<link rel="alternate" hreflang="{language.code}" href="{language.code}/index.html">'
              for language in languages)}
<script>
// A reader whose browser prefers one of the book's languages goes straight to it.
(function () {{
  var available = [{codes}];
  var wanted = navigator.languages || [navigator.language || ""];
  for (var i = 0; i < wanted.length; i++) {{
    var code = String(wanted[i]).toLowerCase().split("-")[0];
    if (available.indexOf(code) !== -1) {{
      location.replace(code + "/index.html");
      return;
    }}
  }}
}})();
</script>
<style>
  body {{ font-family: system-ui, "Noto Sans", sans-serif; margin: 0; color: #1b1e21;
         background: #fff; line-height: 1.5; }}
  main {{ max-width: 36rem; margin: 0 auto; padding: 2rem 1rem; }}
  h1 {{ font-size: 1.6rem; line-height: 1.25; color: #1f5c7a; }}
  ul {{ list-style: none; padding: 0; }}
  li {{ margin: 0.5rem 0; }}
  a {{ display: block; padding: 0.75rem 1rem; border: 1px solid #c8d0d6; border-radius: 6px;
       color: #1b1e21; text-decoration: none; }}
  a:hover, a:focus {{ border-color: #1f5c7a; outline: 3px solid #1f5c7a; outline-offset: 1px; }}
  .name {{ display: block; font-weight: bold; color: #1f5c7a; }}
  .title {{ display: block; font-size: 0.9rem; }}
  @media (prefers-color-scheme: dark) {{
    body {{ background: #131416; color: #e8eaed; }}
    a {{ color: #e8eaed; border-color: #5f6b75; }}
    h1, .name {{ color: #8cc8e8; }}
  }}
</style>
</head>
<body>
<main>
  <h1>{title}</h1>
  <ul>
{items}
  </ul>
</main>
</body>
</html>
"""


def write_landing_page(site: Path, languages: list[SiteLanguage]) -> Path | None:
    """Write ``<site>/index.html`` for the languages whose site has been published."""
    present = [language for language in languages if (site / language.code / "index.html")
               .is_file()]
    if not present:
        return None
    titles = {language.code: edition_title(site / language.code / "index.html")
              for language in present}
    page = site / "index.html"
    partial = page.with_name(".index.html.partial")
    partial.write_text(landing_page(present, titles), encoding="utf-8")
    partial.replace(page)
    not_found = site / present[0].code / NOT_FOUND_PAGE
    if not_found.is_file():
        shutil.copyfile(not_found, site / NOT_FOUND_PAGE)
    logger.info("site root: %s lists %d language(s)", page, len(present))
    return page
