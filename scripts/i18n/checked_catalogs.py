"""Check a language's catalogs in the build that uses them, as ``make check-po`` does.

Sphinx compiles a translation's ``.po`` files itself and does not complain about a broken one:
an unterminated string silently drops the page's translated text. With this extension a build
in a translated language first runs the same checks as ``make check-po`` on that language's
catalogs and warns at ``catalog:line`` for each problem, so ``-W`` stops the build.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from scripts.i18n.check import check_language

logger = logging.getLogger(__name__)

_LOCATED = re.compile(r"^(?P<path>[^:\n]+\.po):(?P<line>\d+): (?P<message>.*)$", re.S)


def check_catalogs_in_use(app: Sphinx) -> None:
    language = app.config.language
    if not language or app.builder.name == "gettext":
        return
    folders = [Path(app.srcdir, folder, language, "LC_MESSAGES")
               for folder in app.config.locale_dirs]
    folders = [folder for folder in folders if folder.is_dir()]
    if not folders:
        return
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        logger.warning("msgfmt not found, so the %s catalogs cannot be checked: install GNU "
                       "gettext (Debian package gettext)", language,
                       type="i18n", subtype="catalog")
        return
    for folder in folders:
        for problem in check_language(folder.resolve(), msgfmt):
            located = _LOCATED.match(problem)
            if located:
                # a "path:line" string: a (docname, line) pair would be read as a page
                logger.warning("%s", located["message"],
                               location=f"{located['path']}:{located['line']}",
                               type="i18n", subtype="catalog")
            else:
                logger.warning("%s", problem, type="i18n", subtype="catalog")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", check_catalogs_in_use)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
