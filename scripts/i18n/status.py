"""Tell readers how complete a translation is, and where it still shows the original.

With ``translation_languages_file`` set in conf.py (the languages.toml beside the catalogs),
each build measures every language's catalogs against the release rule of that file, counting
the messages of the current sources when ``translation_pot_dir`` (or the environment variable
``TRANSLATION_POT_DIR``) names the ``.pot`` files that ``make gettext`` extracted. Pages get
``translation_status`` ("released", "preview", or "" for the source language),
``translation_percent``, ``translation_languages`` (the released languages) and
``translation_report`` (every language with its progress, page by page) in their template
context. In a translated build, every paragraph that has no
translation yet keeps the source text and is marked with the source language, so screen
readers and hyphenation switch language for it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from docutils.transforms import Transform
from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.nodes import is_translatable

from scripts.i18n.languages import LanguageDataError, load_languages
from scripts.i18n.stats import Counts, report, shown
from scripts.util.kept_pages import EVENT as PAGE_INPUTS

logger = logging.getLogger(__name__)

POT_DIR_VARIABLE = "TRANSLATION_POT_DIR"


def extracted_messages(app: Sphinx) -> Path | None:
    """Where ``make gettext`` put the current source messages, if the build was told."""
    if not app.config.translation_pot_dir:
        logger.info("translation progress counted from the catalogs alone: no "
                    "translation_pot_dir (or %s) names the extracted messages", POT_DIR_VARIABLE)
        return None
    folder = Path(app.confdir, app.config.translation_pot_dir)
    if not folder.is_dir():
        logger.warning("translation_pot_dir: %s does not exist, so translation progress would "
                       "ignore changes to the English; extract the messages first (make "
                       "gettext)", folder, type="i18n", subtype="pot_dir")
        return None
    return folder


def measure(app: Sphinx) -> None:
    """Work out this build's status from the catalogs, once per build."""
    status: dict[str, Any] = {"translation_status": "", "translation_percent": "",
                              "translation_languages": [], "translation_report": []}
    if app.config.translation_languages_file:
        path = Path(app.confdir, app.config.translation_languages_file)
        try:
            languages = load_languages(path.parent)
        except LanguageDataError as exc:
            raise ConfigError(str(exc)) from None
        reports = {entry.code: entry
                   for entry in report(path.parent, languages, extracted_messages(app))}
        status["translation_report"] = [
            {"code": code, "name": languages.name(code),
             "source": code == languages.source,
             "released": code == languages.source or reports[code].released,
             "percent": 100 if code == languages.source
             else int(shown(sum(reports[code].pages.values(), Counts()).percent)),
             "pages": [] if code == languages.source else [
                 {"page": page, "percent": int(shown(counts.percent))}
                 for page, counts in reports[code].pages.items()]}
            for code in languages.codes]
        status["translation_languages"] = [
            {"code": code, "name": languages.name(code)} for code in languages.codes
            if code == languages.source or reports[code].released]
        if (entry := reports.get(app.config.language)) is not None:
            total = sum(entry.pages.values(), Counts())
            status["translation_status"] = "released" if entry.released else "preview"
            status["translation_percent"] = f"{shown(total.percent):.0f}"
    app.env.translation_status = status


class MarkUntranslated(Transform):
    """After Sphinx's Locale transform (priority 20), mark what it left in the source language."""

    default_priority = 25

    def apply(self, **kwargs: Any) -> None:
        config = self.document.settings.env.config
        source = config.translation_source_language
        if not config.language or config.language == source:
            return
        marker = f"language-{source}"
        for node in self.document.findall(nodes.TextElement):
            if (is_translatable(node) and not node.get("translated")
                    and node.astext().strip() and marker not in node["classes"]):
                node["classes"].append(marker)


def add_page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any],
                     doctree: Any) -> None:
    context.update(app.env.translation_status)


def status_shown(app: Sphinx, pagename: str) -> dict[str, Any] | None:
    """What every page of the site shows of the translations: this language's status and each
    language's name, release and percentage in the switcher (the page-by-page report is shown
    only on the page of editions, an additional page written at every build). The EPUB's
    pages show none."""
    if app.builder.name != "html":
        return None
    status = app.env.translation_status
    return {**{key: value for key, value in status.items() if key != "translation_report"},
            "languages": [{key: entry[key] for key in ("code", "name", "released", "percent")}
                          for entry in status["translation_report"]]}


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("translation_source_language", "en", "env", types=frozenset({str}))
    app.add_config_value("translation_languages_file", "", "env", types=frozenset({str}))
    # the .pot files of the current sources, so that progress counts what the English says now;
    # the editions command extracts them first and names them in the environment
    app.add_config_value("translation_pot_dir", os.environ.get(POT_DIR_VARIABLE, ""), "",
                         types=frozenset({str}))
    app.add_transform(MarkUntranslated)
    app.connect("builder-inited", measure)
    app.connect("html-page-context", add_page_context)
    app.setup_extension("scripts.util.kept_pages")
    app.connect(PAGE_INPUTS, status_shown)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
