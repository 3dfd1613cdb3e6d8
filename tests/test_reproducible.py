"""Two builds of the same source, with SOURCE_DATE_EPOCH set, are the same bytes: an archive can
check a filed PDF against the source it claims, and a rebuild never looks like a new edition."""

from __future__ import annotations

import shutil

from scripts import editions


def build(source, build_dir) -> None:
    assert editions.main(["epub", "pdf", "--source", str(source), "--confdir", str(source),
                          "--locales", str(source / "locales"), "--build-dir", str(build_dir)]) == 0


def test_two_builds_are_byte_identical(rootdir, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    first_source, second_source = tmp_path / "first", tmp_path / "second"
    shutil.copytree(rootdir / "test-book", first_source)
    shutil.copytree(rootdir / "test-book", second_source)
    build(first_source, tmp_path / "first-build")
    build(second_source, tmp_path / "second-build")
    for edition in ("epub/en/test-book-en.epub", "pdf/en/test-book-en.pdf"):
        first = (tmp_path / "first-build" / edition).read_bytes()
        second = (tmp_path / "second-build" / edition).read_bytes()
        assert first == second, f"{edition} differs between two builds of the same source"
