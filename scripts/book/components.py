"""Semantic building blocks that every partner writes the same way, and every edition renders.

    :::{key-messages}                 a bullet list of the chapter's key messages
    :::{checklist}                    a bullet list; every item gets a tick box
    :::{rights-check}                 questions that test a measure against fundamental rights
    :::{practice} Aarhus (Denmark)    a city practice; ``:evaluated: yes|partly|no`` and a
                                      definition list with the terms named in
                                      ``practice_fields`` (by default Aims, Partners, What was
                                      done, Results and evaluation, Source), in that order
    :::{checklists-appendix}          every checklist of the book, each with a link to its page

Everything a reader sees is translatable: the partners' text through the page catalogs, and
the labels this module adds (such as "Evaluated") through ``sphinx.po``. A block that does not
follow its shape is an error naming the file and line.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.locale import get_translation
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from scripts.i18n.template_messages import add_messages

logger = logging.getLogger(__name__)
_ = get_translation("sphinx")

DEFAULT_PRACTICE_FIELDS = ["Aims", "Partners", "What was done", "Results and evaluation", "Source"]
EVALUATION_LABELS = {
    "yes": "Evaluated",
    "partly": "Partly evaluated",
    "no": "No published evaluation",
}
LABELS = ["Practice", "Checklist from", *EVALUATION_LABELS.values()]


class tick_box(nodes.General, nodes.Element):
    """A box to tick in front of a checklist item; only HTML-like writers draw it."""


def visit_tick_box_html(translator: Any, node: tick_box) -> None:
    item_text = " ".join(node.parent.astext().split()) if node.parent is not None else ""
    label = translator.attval(node.get("label") or item_text)
    # aria-label names the box for screen readers in HTML and EPUB; WeasyPrint takes a PDF form
    # field's accessible name (/TU) from the title attribute and its name (/T) from name, which
    # the PDF builder sets (scripts/pdf/forms.py).
    name = f' name="{translator.attval(node["name"])}"' if node.get("name") else ""
    translator.body.append(
        f'<input type="checkbox" class="tick-box"{name} aria-label="{label}" title="{label}" />'
    )
    raise nodes.SkipNode


def skip_node(translator: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


class ComponentDirective(SphinxDirective):
    """A block whose body is ordinary MyST, wrapped in a container with the block's class."""

    has_content = True
    css_class: ClassVar[str] = ""

    def container(self) -> nodes.container:
        box = nodes.container(classes=["guidebook-component", self.css_class])
        self.set_source_info(box)
        self.state.nested_parse(self.content, self.content_offset, box)
        return box

    def problem(self, message: str) -> list[nodes.Node]:
        return [self.state.document.reporter.error(
            f"{{{self.name}}}: {message}", line=self.lineno)]


class ListComponent(ComponentDirective):
    """A block whose body must be one bullet list."""

    def run(self) -> list[nodes.Node]:
        box = self.container()
        lists = [child for child in box.children if isinstance(child, nodes.bullet_list)]
        if len(box.children) != 1 or len(lists) != 1:
            return self.problem("write the content as one bullet list ('- ' at the start of "
                                "each line)")
        self.shape(lists[0])
        return [box]

    def shape(self, bullets: nodes.bullet_list) -> None:
        """Adjust the list; nothing to do by default."""


class KeyMessages(ListComponent):
    css_class = "key-messages"


class Checklist(ListComponent):
    css_class = "checklist"

    def shape(self, bullets: nodes.bullet_list) -> None:
        # The box is a sibling of the item's paragraph, not inside it: translation replaces
        # the paragraph's content and would drop anything else it held.
        for item in bullets.children:
            item["classes"].append("checklist-item")
            item.insert(0, tick_box())


class RightsCheck(ComponentDirective):
    css_class = "rights-check"

    def run(self) -> list[nodes.Node]:
        box = self.container()
        if not box.children:
            return self.problem("write the questions that test the measure against rights")
        return [box]


class Practice(ComponentDirective):
    css_class = "practice"
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "evaluated": lambda value: directives.choice(value, tuple(EVALUATION_LABELS)),
    }

    def run(self) -> list[nodes.Node]:
        if "evaluated" not in self.options:
            return self.problem("add ':evaluated: yes', ':evaluated: partly' or "
                                "':evaluated: no' under the title")
        box = self.container()
        fields = self.config.practice_fields
        entries = [child for child in box.children if isinstance(child, nodes.definition_list)]
        terms = ([item[0].astext() for item in entries[0].children
                  if isinstance(item, nodes.definition_list_item)] if entries else [])
        if len(box.children) != 1 or terms != fields:
            return self.problem(
                "write the practice as a definition list with the terms "
                + ", ".join(f"'{field}'" for field in fields)
                + f" in that order (found: {', '.join(terms) or 'no definition list'})")
        source = entries[0].children[-1][1]
        if not source.astext().strip():
            return self.problem(f"the '{fields[-1]}' entry is empty: name the source")

        # The place is the partner's text, so it carries its source line and is translated
        # through the page catalog. The labels carry none: translation would replace their
        # text with the place's, so they stay separate nodes translated through sphinx.po.
        title_nodes, messages = self.state.inline_text(self.arguments[0], self.lineno)
        title = nodes.rubric(self.arguments[0], "", *title_nodes, classes=["practice-title"])
        self.set_source_info(title)
        label = nodes.paragraph("", _("Practice"), classes=["practice-label"])
        evaluation = self.options["evaluated"]
        badge = nodes.paragraph("", _(EVALUATION_LABELS[evaluation]),
                                classes=["practice-evaluation", f"evaluated-{evaluation}"])
        box[0:0] = [label, title, badge]
        # the title as the partner wrote it, in every language: what makes two boxes the same
        box["practice"] = self.arguments[0]
        return [box, *messages]


class checklists_appendix(nodes.General, nodes.Element):
    """Where the appendix of every checklist goes; filled once all pages are read."""


class ChecklistsAppendix(SphinxDirective):
    def run(self) -> list[nodes.Node]:
        return [checklists_appendix()]


def record_checklists(app: Sphinx, doctree: nodes.document) -> None:
    """Remember each page's checklists, already translated, for the appendix."""
    found = [box.deepcopy() for box in doctree.findall(nodes.container)
             if "checklist" in box["classes"]]
    store = app.env.guidebook_checklists = getattr(app.env, "guidebook_checklists", {})
    if found:
        store[app.env.docname] = found
    else:
        store.pop(app.env.docname, None)


def purge_checklists(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "guidebook_checklists", {}).pop(docname, None)


def merge_checklists(app: Sphinx, env: BuildEnvironment, docnames: Any,
                     other: BuildEnvironment) -> None:
    store = env.guidebook_checklists = getattr(env, "guidebook_checklists", {})
    store.update(getattr(other, "guidebook_checklists", {}))


def reading_order(env: BuildEnvironment, root: str) -> list[str]:
    """Documents in the order a reader meets them: the root's tables of contents, depth first."""
    order: list[str] = []

    def visit(docname: str) -> None:
        if docname in order:
            return
        order.append(docname)
        for child in env.toctree_includes.get(docname, []):
            visit(child)

    visit(root)
    return order


class FillChecklistsAppendix(SphinxPostTransform):
    """Put every recorded checklist where the appendix asks for them.

    It runs before references are resolved (priority 10), so that glossary terms and links
    inside the copied checklists are resolved for the appendix page too.
    """

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        store = getattr(self.env, "guidebook_checklists", {})
        docname = self.env.docname
        for placeholder in list(self.document.findall(checklists_appendix)):
            content: list[nodes.Node] = []
            in_order = [name for name in reading_order(self.env, self.config.root_doc)
                        if name in store]
            for source_doc in in_order:
                title = self.env.titles[source_doc].astext()
                # a {doc} link, resolved like any other for each builder
                link = addnodes.pending_xref(
                    "", nodes.inline("", title, classes=["xref", "std", "std-doc"]),
                    refdomain="std", reftype="doc", reftarget="/" + source_doc,
                    refexplicit=True, refdoc=docname)
                # a section, so that every edition writes a heading at the right level: readers
                # of the site, the EPUB and the PDF move between checklists by their headings
                section = nodes.section(
                    "", nodes.title("", "", nodes.Text(_("Checklist from") + " "), link),
                    ids=[nodes.make_id(f"checklist-{source_doc}")],
                    classes=["checklist-source"])
                for box in store[source_doc]:
                    copy = box.deepcopy()
                    # links inside the copy are resolved from the appendix page, not the chapter
                    for xref in copy.findall(addnodes.pending_xref):
                        xref["refdoc"] = docname
                    section.append(copy)
                content.append(section)
            placeholder.replace_self(content)


def extract_labels(app: Sphinx) -> None:
    if app.builder.name == "gettext":
        add_messages(app.builder, [*LABELS, *app.config.practice_fields], __file__)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("practice_fields", DEFAULT_PRACTICE_FIELDS, "env",
                         types=frozenset({list}))
    app.add_node(tick_box, html=(visit_tick_box_html, None), latex=(skip_node, None),
                 text=(skip_node, None), man=(skip_node, None), texinfo=(skip_node, None))
    app.add_node(checklists_appendix)
    app.add_directive("key-messages", KeyMessages)
    app.add_directive("checklist", Checklist)
    app.add_directive("rights-check", RightsCheck)
    app.add_directive("practice", Practice)
    app.add_directive("checklists-appendix", ChecklistsAppendix)
    app.connect("doctree-read", record_checklists)
    app.connect("env-purge-doc", purge_checklists)
    app.connect("env-merge-info", merge_checklists)
    app.add_post_transform(FillChecklistsAppendix)
    app.connect("builder-inited", extract_labels)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
