"""How citations and the references list look, for sphinxcontrib-bibtex.

sphinxcontrib-bibtex's author-year style uses square brackets, which in running text read like
editorial insertions; this module registers ``author_year_round`` for
``bibtex_reference_style``: "(Efus, 2016a)". Two authors are joined with the page language's
word for "and" (``_("and")`` in the book's catalogs): "(Feddes et Gallucci, 2015)"; the comma
before the last of three or more authors is English usage and stays in English only.
A work with a ``shorthand`` (biblatex's field for a short citation label) is cited by it, in
the page's language, instead of its author: a law reads "(GDPR, 2016)" rather than "(European
Parliament and Council of the European Union, 2016a)". The shorthands are in the book's
catalogs like the other labels.

pybtex's ``plain`` list is sorted by a key that keeps the braces of a corporate author
(``{{Efus}}``), and ``{`` sorts after every letter, so all persons came before all
organisations. ``plain_by_name`` (for ``bibtex_default_style``) is ``plain`` sorted by names
without those braces; it labels a work's address and the day it was checked (``url``,
``urldate``) in the page's language. A work without a date reads "n.d." in English and the
page language's abbreviation elsewhere (``_("n.d.")``: "o. J.", "s. f."), in citations, the
references list and the citations' tooltips alike. List this module before
``sphinxcontrib.bibtex`` in ``extensions``.

A work's own words in the references list (its title, and the book or journal it appeared
in) are in the work's language, given by biblatex's ``langid`` field as a language
code (``langid = {en}``). They reach the page as an inline element with the class
``language-<langid>``, as a passage marked ``[title]{.language-en}`` does
(:mod:`scripts.i18n.passage_language`), so the HTML, EPUB and PDF say the title's language to
a screen reader; the labels around them ("Address:", "checked on") stay in the page's. So do
``howpublished`` and ``note``, which describe the work in the book's words rather than quote it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pybtex.plugin
import pybtex_docutils
import sphinxcontrib.bibtex.plugin
from docutils import nodes
from pybtex.database import parse_file
from pybtex.richtext import BaseMultipartText, Text
from pybtex.style import template
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.formatting.unsrt import date, pages
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitleSorting
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.style.referencing import BracketStyle, PersonStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

from scripts.i18n.passage_language import CLASS_PREFIX
from scripts.i18n.template_messages import add_messages
from scripts.i18n.typography import prose_texts


def round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@template.node
def shorthand_or(children: Any, data: dict[str, Any], fallback: Any) -> Text:
    """The work's shorthand in the page's language, or else what ``fallback`` gives."""
    assert not children
    shorthand = data["entry"].fields.get("shorthand")
    return Text(_(shorthand)) if shorthand else fallback.format_data(data)


@dataclass
class ShorthandPersonStyle(PersonStyle):
    def author_or_editor_or_title(self, full: bool) -> Any:
        return shorthand_or(fallback=super().author_or_editor_or_title(full))


def persons_in_page_language() -> PersonStyle:
    """Author lists joined as the language of the build writes them; called when the build
    sets up its citation style, once its language is known."""
    word = _("and")
    return ShorthandPersonStyle(sep2=f" {word} ",
                                last_sep=", and " if word == "and" else f" {word} ")


@dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
    bracket_textual: BracketStyle = field(default_factory=round_brackets)
    bracket_author: BracketStyle = field(default_factory=round_brackets)
    bracket_label: BracketStyle = field(default_factory=round_brackets)
    bracket_year: BracketStyle = field(default_factory=round_brackets)
    person: PersonStyle = field(default_factory=persons_in_page_language)


class InLanguage(BaseMultipartText):
    """Text in a given language: for docutils an inline node with the class ``language-xx``,
    for other backends (the citations' plain-text tooltips) the text alone."""

    def __init__(self, language: str, *parts: Any) -> None:
        self.language = language
        self.info = (language,)
        super().__init__(*parts)

    def __repr__(self) -> str:
        return f"InLanguage({self.language!r}, {', '.join(map(repr, self.parts))})"

    def render(self, backend: Any) -> Any:
        text = super().render(backend)
        if isinstance(backend, pybtex_docutils.Backend):
            return [nodes.inline("", "", *text, classes=[CLASS_PREFIX + self.language])]
        return text


@template.node
def in_work_language(children: Any, data: dict[str, Any]) -> Text:
    """The children in the work's language when the entry gives one (``langid``)."""
    parts = [child.format_data(data) for child in children]
    language = data["entry"].fields.get("langid", "").strip()
    return Text(InLanguage(language, *parts)) if language else Text(*parts)


class NameSorting(AuthorYearTitleSorting):
    """Author, year, title, comparing names without BibTeX's protecting braces."""

    def person_key(self, person: Any) -> str:
        return super().person_key(person).replace("{", "").replace("}", "")


class PlainByNameStyle(PlainStyle):
    default_sorting_style = "author_year_title_by_name"

    def format_names(self, role, as_sentence=True):
        """Authors in the references list joined like those of the citations."""
        persons = persons_in_page_language()
        formatted = template.names(role, sep=", ", sep2=persons.sep2,
                                   last_sep=persons.last_sep)
        return template.sentence[formatted] if as_sentence else formatted

    def format_title(self, e, which_field, as_sentence=True):
        """An article's or a chapter's title, in the work's language."""
        title = in_work_language[
            template.field(which_field, apply_func=lambda text: text.capitalize())]
        return template.sentence[title] if as_sentence else title

    def format_btitle(self, e, which_field, as_sentence=True):
        """A book's title (or the book a chapter is in), in the work's language."""
        title = template.tag("em")[in_work_language[template.field(which_field)]]
        return template.sentence[title] if as_sentence else title

    def get_article_template(self, e):
        """pybtex's article, with the journal in the work's language."""
        volume_and_pages = template.first_of[
            template.optional[template.join[template.field("volume"),
                                            template.optional["(", template.field("number"),
                                                              ")"],
                                            ":", pages]],
            template.words["pages", pages],
        ]
        return toplevel[
            self.format_names("author"),
            self.format_title(e, "title"),
            template.sentence[template.tag("em")[in_work_language[template.field("journal")]],
                              template.optional[volume_and_pages], date],
            template.sentence[template.optional_field("note")],
            self.format_web_refs(e),
        ]

    def format_web_refs(self, e):
        """The work's address and the day it was checked, labelled in the page's language
        (pybtex writes "URL: ... (visited on ...)" in English in every edition)."""
        url = template.field("url", raw=True)
        checked = template.optional[" (", str(_("checked on")), " ",
                                    template.field("urldate"), ")"]
        return template.sentence[
            template.optional[template.words[str(_("Address:")), template.href(url)[url]],
                              checked],
            template.optional[self.format_eprint(e)],
            template.optional[self.format_pubmed(e)],
            template.optional[self.format_doi(e)],
        ]


UNDATED = "n.d."
# "n.d." as a word of its own (a label may add a letter: "n.d.a"), not inside "and.d."
UNDATED_IN_TEXT = re.compile(r"(?<![\w.])n\.d\.")


class UndatedInPageLanguage(SphinxPostTransform):
    """Once citations and the references list are in the page (after references resolve)."""

    default_priority = 790

    def run(self, **kwargs: Any) -> None:
        word = str(_(UNDATED))
        if word == UNDATED:
            return
        for text in prose_texts(self.document):
            if UNDATED in text:
                text.parent.replace(text, nodes.Text(UNDATED_IN_TEXT.sub(word, str(text))))
        for reference in self.document.findall(nodes.reference):
            if UNDATED in reference.get("reftitle", ""):
                reference["reftitle"] = UNDATED_IN_TEXT.sub(word, reference["reftitle"])


def register_list_style() -> None:
    pybtex.plugin.register_plugin("pybtex.style.sorting", "author_year_title_by_name",
                                  NameSorting)
    pybtex.plugin.register_plugin("pybtex.style.formatting", "plain_by_name", PlainByNameStyle)


def shorthands(app: Sphinx) -> list[str]:
    return sorted({entry.fields["shorthand"]
                   for name in app.config.bibtex_bibfiles
                   for entry in parse_file(Path(app.confdir) / name).entries.values()
                   if "shorthand" in entry.fields})


def extract_labels(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        add_messages(app.builder, ["and", "Address:", "checked on", UNDATED, *shorthands(app)],
                     __file__)


def setup(app: Sphinx) -> dict[str, Any]:
    register_list_style()
    app.connect("builder-inited", extract_labels)
    app.add_post_transform(UndatedInPageLanguage)
    sphinxcontrib.bibtex.plugin.register_plugin(
        "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
