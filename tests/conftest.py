import os
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOTS = Path(__file__).parent / "roots"
REPO = Path(__file__).parents[1]


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
        assert editions.main(["html", "epub", "pdf", "--build-dir", str(build_dir)]) == 0
        # the print-shop PDFs, so that the sites' links to them and their accessibility are
        # tested too
        assert editions.main(["html", "pdf-print", "--build-dir", str(build_dir)]) == 0
    return build_dir
