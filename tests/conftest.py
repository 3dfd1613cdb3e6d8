import os
import shutil
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parents[1]
# the chapter left untranslated in the preview build
PREVIEW_CHAPTER = "12-after-an-attack"


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture(scope="session")
def guidebook_build(tmp_path_factory) -> Path:
    """The real guidebook, every edition in every language, built once for the session with
    the same command as ``make``. ``GUIDEBOOK_BUILD=<build dir>`` reuses a finished build
    instead, while working on the tests of finished editions."""
    if reused := os.environ.get("GUIDEBOOK_BUILD"):
        return Path(reused).resolve()
    from scripts import editions

    build_dir = tmp_path_factory.mktemp("guidebook") / "_build"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(REPO)
        patch.setenv("SOURCE_DATE_EPOCH", "1795000000")
        # as `make` does: the print-shop PDFs too, so that the sites' links to them and their
        # accessibility are tested
        assert editions.main(["html", "epub", "pdf", "pdf-print",
                              "--build-dir", str(build_dir)]) == 0
    return build_dir


@pytest.fixture(scope="session")
def preview_build(tmp_path_factory) -> Path:
    """The real book's site in English and German, with German made a translation in progress
    by emptying one chapter's catalog: what readers see of a language not yet released."""
    from babel.messages.pofile import read_po, write_po

    from scripts import editions

    project = tmp_path_factory.mktemp("preview") / "book"
    for folder in ("guidebook", "locales"):
        shutil.copytree(REPO / folder, project / folder, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(REPO / "conf.py", project / "conf.py")
    path = project / "locales" / "de" / "LC_MESSAGES" / "chapters" / f"{PREVIEW_CHAPTER}.po"
    with path.open("rb") as stream:
        catalog = read_po(stream)
    for message in catalog:
        if message.id:
            message.string = ""
    with path.open("wb") as stream:
        write_po(stream, catalog, width=76)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        assert editions.main(["html", "--language", "en", "--language", "de",
                              "--build-dir", str(project / "_build")]) == 0
    return project / "_build"
