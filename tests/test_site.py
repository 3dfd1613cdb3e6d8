"""The website as readers use it, in a real browser: Debian's Chromium driven by Playwright.

The built tree (``html/``, ``pdf/``, ``epub/`` side by side, as published) is served on
127.0.0.1. axe-core checks WCAG 2.2 AA on every kind of page, in English, French and German,
at desktop and phone width, in the light and the dark colour scheme. What a translation in
progress shows is checked on a copy of the book with one German chapter left untranslated.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.i18n.languages import load_languages

playwright_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

pytestmark = pytest.mark.slow

REPO = Path(__file__).parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LANGUAGES = load_languages(REPO / "locales").codes
CHECKED_LANGUAGES = ["en", "fr", "de"]
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}
SCHEMES = ["light", "dark"]
PAGES = {
    "home": "index.html",
    "chapter": "chapters/03-multi-agency-strategy.html",
    "glossary": "glossary.html",
    "references": "references.html",
    "toolkit": "toolkit.html",
    "checklists": "checklists.html",
    "editions": "editions.html",
}
# a word each checked language's book uses, to search for
SEARCHES = {"en": "prevention", "fr": "prévention", "de": "Prävention"}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve(directory: Path) -> Iterator[str]:
    """``directory`` served on the loopback interface only, while the caller needs it."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def site(guidebook_build) -> Iterator[str]:
    """The published build tree."""
    yield from serve(guidebook_build)


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"])
        yield chromium
        chromium.close()


def open_page(browser, url: str, width: str = "desktop", scheme: str = "light",
              locale: str = "en-GB"):
    """A fresh tab at ``url``; returns the page and the script errors it raised."""
    columns, rows = WIDTHS[width]
    context = browser.new_context(viewport={"width": columns, "height": rows},
                                  color_scheme=scheme, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, url
    return page, errors


def search_results(page) -> list[str]:
    page.wait_for_selector(".pagefind-ui__result, .pagefind-ui__message", timeout=15000)
    page.wait_for_timeout(500)  # results arrive one by one
    return page.locator(".pagefind-ui__result").all_inner_texts()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("language", CHECKED_LANGUAGES)
def test_every_kind_of_page_passes_axe_and_fits_the_screen(browser, site, language, width,
                                                            scheme):
    axe = axe_module.Axe()
    problems = []
    pages = {**PAGES, "search": f"search.html?q={SEARCHES[language]}"}
    for kind, path in pages.items():
        page, errors = open_page(browser, f"{site}/html/{language}/{path}", width, scheme)
        if kind == "search":
            assert search_results(page), "the search found nothing"
        results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"{kind}: {violation['id']} ({violation['impact']}) {targets}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{kind}: scrolls sideways by {overflow} px")
        if page.locator("h1").count() != 1:
            problems.append(f"{kind}: {page.locator('h1').count()} h1 headings")
        problems += [f"{kind}: script error {error}" for error in errors]
        page.context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_the_skip_link_is_the_first_tab_stop_and_leads_to_the_text(browser, site, width):
    page, _ = open_page(browser, f"{site}/html/fr/chapters/02-role-of-mayors.html", width)
    page.keyboard.press("Tab")
    focused = page.evaluate("[document.activeElement.className, document.activeElement.href,"
                            " document.activeElement.innerText]")
    assert focused[0] == "skip-to-content" and focused[1].endswith("#furo-main-content")
    assert focused[2] == "Aller au contenu"
    page.wait_for_timeout(500)  # the theme slides the link in
    box = page.locator("a.skip-to-content").bounding_box()
    assert box["y"] >= 0 and box["x"] >= 0  # on screen, not only in the page
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#furo-main-content"
    page.context.close()


def test_on_a_phone_the_menu_and_search_are_at_the_top(browser, site):
    page, _ = open_page(browser, f"{site}/html/en/chapters/03-multi-agency-strategy.html",
                        "phone")
    menu = page.locator(".mobile-header label.nav-overlay-icon")
    search = page.locator(".mobile-header a.header-search")
    for control in (menu, search):
        assert control.is_visible()
        assert control.bounding_box()["y"] < 60
    # the menu opens from the keyboard too, and then shows the book's contents
    menu.focus()
    page.keyboard.press("Enter")
    assert menu.get_attribute("aria-expanded") == "true"
    page.wait_for_timeout(400)
    assert page.locator(".sidebar-drawer .sidebar-tree a", has_text="Supporting families") \
        .is_visible()
    page.keyboard.press("Escape")
    assert menu.get_attribute("aria-expanded") == "false"
    search.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/html/en/search.html")
    page.context.close()


def test_the_switcher_reaches_the_same_page_in_every_language(browser, site):
    page, _ = open_page(browser, f"{site}/html/en/chapters/04-supporting-families.html")
    page.locator(".content-icon-container .language-switcher summary").click()
    links = page.locator(".content-icon-container .language-switcher li a[hreflang]")
    names = dict(zip(links.evaluate_all("(links) => links.map((a) => a.hreflang)"),
                     links.all_inner_texts(), strict=True))
    assert list(names) == LANGUAGES
    languages = load_languages(REPO / "locales")
    for code, text in names.items():
        assert text.startswith(languages.name(code))
    alternates = page.locator('link[rel="alternate"][hreflang]').evaluate_all(
        "(links) => links.map((l) => l.hreflang)")
    assert sorted(alternates) == sorted(code for code in LANGUAGES if code != "en")
    for code in LANGUAGES:
        page.goto(f"{site}/html/en/chapters/04-supporting-families.html")
        page.locator(".content-icon-container .language-switcher summary").click()
        page.locator(f'.content-icon-container .language-switcher a[hreflang="{code}"]').click()
        page.wait_for_load_state()
        assert page.url.endswith(f"/html/{code}/chapters/04-supporting-families.html")
        assert page.evaluate("document.documentElement.lang") == code
    page.context.close()


@pytest.fixture(scope="module")
def preview_site(preview_build) -> Iterator[str]:
    """The site with German as a translation in progress (see conftest), served like ``site``."""
    yield from serve(preview_build)


def test_previews_say_so_in_the_switcher(browser, preview_site):
    page, _ = open_page(browser, f"{preview_site}/html/de/index.html")
    page.locator(".content-icon-container .language-switcher summary").click()
    german = page.locator('.content-icon-container .language-switcher a[hreflang="de"]')
    assert german.get_attribute("aria-current") == "true"
    assert re.search(r"\d+\s?%", german.inner_text())
    assert page.locator(".translation-preview").is_visible()
    page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_search_works_and_summarises_results_in_every_language(browser, site, language):
    # a word of a chapter's title as that language's site shows it (a preview shows much of
    # the English still), so the query is one its readers could type
    page, errors = open_page(browser, f"{site}/html/{language}/chapters/"
                                      "01-understanding-radicalisation.html")
    title = page.locator("article h1").inner_text()
    word = max(re.findall(r"\w+", title), key=len)
    page.goto(f"{site}/html/{language}/search.html?q={word}", wait_until="networkidle")
    results = search_results(page)
    assert results, f"no result for {word}"
    excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    assert excerpts and all(len(excerpt.split()) > 5 for excerpt in excerpts[:3])
    assert page.evaluate("document.documentElement.lang") == language
    assert not errors
    page.context.close()


@pytest.mark.parametrize(("language", "accented", "plain"),
                         [("fr", "prévention", "prevention"), ("de", "Prävention", "Pravention")])
def test_search_finds_words_typed_without_their_accents(browser, site, language, accented,
                                                        plain):
    page, errors = open_page(browser, f"{site}/html/{language}/search.html")
    counts = page.evaluate("""async ([accented, plain]) => {
        const pagefind = await import("./pagefind/pagefind.js");
        const count = async (query) => (await pagefind.search(query)).results.length;
        return [await count(accented), await count(plain)];
    }""", [accented, plain])
    assert counts[0] > 0
    assert counts[1] >= counts[0], counts
    assert not errors
    page.context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chapter_page_links_its_own_pdf(browser, site, guidebook_build, language):
    chapters = sorted(p.name for p in (guidebook_build / "html" / language / "chapters")
                      .glob("*.html"))
    page, _ = open_page(browser, f"{site}/html/{language}/index.html")
    pages = [f"chapters/{name}" for name in chapters] + ["toolkit.html"]
    for path in pages:
        page.goto(f"{site}/html/{language}/{path}")
        link = page.locator("article .page-download a")
        assert link.count() == 1, path
        details = page.locator("article .page-download .download-details").inner_text()
        assert re.search(r"\d", details), details
        response = page.request.get(link.evaluate("(a) => a.href"))
        assert response.status == 200 and response.body()[:5] == b"%PDF-", path
        assert language in link.get_attribute("href").rsplit("/", 1)[-1], path
    page.context.close()


@pytest.mark.parametrize("language", CHECKED_LANGUAGES)
def test_home_and_editions_pages_offer_every_download(browser, site, language):
    page, _ = open_page(browser, f"{site}/html/{language}/index.html")
    home = page.locator("article .book-downloads a[download]")
    # the PDF, the EPUB and the print-shop PDF (built for every language in the tests)
    assert home.count() == 3
    for href in home.evaluate_all("(links) => links.map((a) => a.href)"):
        assert page.request.get(href).status == 200, href
    page.goto(f"{site}/html/{language}/editions.html")
    links = page.locator("article table.editions a[download]")
    # every language's PDF and EPUB, and the print-shop PDFs built before this site
    assert links.count() >= 2 * len(LANGUAGES)
    for href in links.evaluate_all("(links) => links.map((a) => a.href)"):
        assert page.request.get(href).status == 200, href
    # pages are named by their titles, not their file names
    progress = page.locator("article table.translation-progress").first.inner_text()
    assert "chapters/" not in progress
    page.context.close()


@pytest.mark.parametrize(("locale", "language"), [("fr-FR", "fr"), ("de-AT", "de"),
                                                  ("pt-BR", None)])
def test_the_site_root_leads_to_the_readers_language(browser, site, locale, language):
    page, errors = open_page(browser, f"{site}/html/index.html", locale=locale)
    if language:
        assert page.url.endswith(f"/html/{language}/index.html")
    else:
        assert page.url.endswith("/html/index.html")
        assert page.locator("main li a").count() == len(LANGUAGES)
        results = axe_module.Axe().run(page, options={"runOnly": {"type": "tag",
                                                                  "values": WCAG_AA}})
        assert not results.response["violations"]
    assert not errors
    page.context.close()


def test_the_web_conventions(browser, site, guidebook_build):
    site_root = guidebook_build / "html"
    page, _ = open_page(browser, f"{site}/html/fr/chapters/01-understanding-radicalisation.html")
    head = {
        "title": page.title(),
        "og:title": page.locator('meta[property="og:title"]').get_attribute("content"),
        "description": page.locator('meta[name="description"]').get_attribute("content"),
        "icon": page.locator('link[rel~="icon"]').get_attribute("href"),
    }
    assert head["title"].count("Prévention locale") <= 1
    assert head["og:title"] and len(head["description"]) > 40
    assert page.request.get(page.url.rsplit("/", 2)[0] + "/_static/favicon.svg").status == 200
    # the chapter's front matter under its title, in French
    facts = page.locator("article dl.page-facts").inner_text()
    assert "Dernière révision" in facts
    page.context.close()
    # citations and the references list join two authors with the page's word for "and"
    chapter = (site_root / "fr" / "chapters" / "03-multi-agency-strategy.html").read_text()
    assert "Feddes et Gallucci, 2015" in chapter and "Feddes and Gallucci" not in chapter
    references = (site_root / "fr" / "references.html").read_text()
    assert "Feddes et Marcello Gallucci" in references
    missing, _ = open_page(browser, f"{site}/html/fr/404.html")
    assert missing.locator("h1").inner_text() == "Page introuvable"
    assert missing.locator("link[rel=stylesheet]").count() > 0  # its addresses resolve
    missing.context.close()
    for language in LANGUAGES:
        sitemap = ElementTree.parse(site_root / language / "sitemap.xml")
        locations = [element.text for element in sitemap.iter()
                     if element.tag.endswith("loc")]
        assert any(location.endswith(f"/{language}/chapters/"
                                     "03-multi-agency-strategy.html") for location in locations)
