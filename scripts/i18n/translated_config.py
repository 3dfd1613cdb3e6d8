"""Translate chosen ``conf.py`` strings (the book's title, subtitle...) through the catalogs.

Sphinx translates document text and interface labels, but values such as ``project`` reach the
page title, the EPUB metadata and the PDF cover untranslated. Listing them in
``translated_config_values`` makes the gettext builder put them in ``sphinx.pot`` and every
other build replace them with the translation from the language's ``sphinx.po``. The gettext
builder is meant to run in the source language, as extraction always is.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ConfigError
from sphinx.locale import get_translation

from scripts.i18n.template_messages import add_messages
from scripts.i18n.typography import typeset

translate = get_translation("sphinx")


def translate_values(app: Sphinx, config: Any) -> None:
    for name in config.translated_config_values:
        value = getattr(config, name, None)
        if not isinstance(value, str):
            msg = f"translated_config_values names {name!r}, which is not a text setting"
            raise ConfigError(msg)
        if value:
            # typed by a translator in a catalog, read where no smart quotes reach
            setattr(config, name, typeset(str(translate(value)), config.language))


def extract_values(app: Sphinx) -> None:
    if app.builder.name != "gettext":
        return
    values = [getattr(app.config, name) for name in app.config.translated_config_values]
    add_messages(app.builder, [value for value in values if value], str(app.confdir / "conf.py"))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("translated_config_values", [], "env", types=frozenset({list}))
    # priority below the default so that other extensions' config handlers see translations
    app.connect("config-inited", translate_values, priority=400)
    app.connect("builder-inited", extract_values)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
