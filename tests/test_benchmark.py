"""The benchmark runs on a small book and leaves the book's own sources as they were."""

from __future__ import annotations

import json
import shutil

from scripts import benchmark


def test_the_benchmark_builds_cold_warm_and_after_an_edit(rootdir, tmp_path):
    book = tmp_path / "book"
    shutil.copytree(rootdir / "test-book", book)
    page = book / "chapters" / "one.md"
    before = page.read_text(encoding="utf-8")
    output = tmp_path / "bench.json"

    status = benchmark.main(["--project", str(book), "--edit", "chapters/one.md",
                             "--format", "html", "--scratch", str(tmp_path / "scratch"),
                             "--output", str(output), "--",
                             "--source", ".", "--confdir", ".", "--locales", "locales"])

    assert status == 0
    runs = json.loads(output.read_text(encoding="utf-8"))["runs"]
    assert [(run["format"], run["step"]) for run in runs] == [
        ("html", "cold"), ("html", "warm"), ("html", "edit")]
    assert all(run["ok"] and run["cpu_seconds"] > 0 and run["files"] > 0 for run in runs)
    # the edit reached the published page of the copy, never the book itself
    edited = (tmp_path / "scratch" / "project" / "_build" / "html" / "en" / "chapters"
              / "one.html").read_text(encoding="utf-8")
    assert "added by the benchmark" in edited
    assert page.read_text(encoding="utf-8") == before


def test_an_unknown_page_to_edit_is_one_clear_line(rootdir, tmp_path, caplog):
    status = benchmark.main(["--project", str(rootdir / "test-book"), "--edit", "chapters/nope.md",
                             "--output", str(tmp_path / "bench.json")])
    assert status == 1
    assert "chapters/nope.md: no such page" in caplog.text


def test_peer_ratios_compare_cpu_seconds_with_each_peer_that_ran():
    from scripts.benchmark_peers import LATEX_PEER, SIMPLEPDF_PEER, PeerRun, ratios

    runs = [PeerRun("book", True, 20.0, 0, 0, 0, 0),
            PeerRun(SIMPLEPDF_PEER, True, 40.0, 0, 0, 0, 0),
            PeerRun(LATEX_PEER, False, 0, 0, 0, 0, 0, skipped="xelatex not installed")]
    assert ratios(runs)["book"] == {f"vs {SIMPLEPDF_PEER}": 0.5}
