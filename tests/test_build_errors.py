"""A partner's mistake stops the build with a message that names the file and the line."""

from __future__ import annotations

import pytest

from scripts.pdf import render as pdf_render


@pytest.mark.sphinx("html", testroot="partner-mistakes", freshenv=True)
def test_broken_reference_names_file_and_line(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "chapters/broken-ref.md:11:" in warnings
    assert "no-such-label" in warnings


@pytest.mark.sphinx("html", testroot="partner-mistakes", freshenv=True)
def test_bad_front_matter_names_file_line_and_fix(app):
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines()
                if "[frontmatter" in line and "chapters/bad-frontmatter.md" in line]
    expected = {
        2: "field 'contributors' must be a list of names",
        3: "unknown field 'reviewer'",
        4: "field 'status' is 'finished'; use one of: draft, final",
        5: "field 'last_reviewed' is '23/11/2026', not a date written YYYY-MM-DD",
        6: "missing field 'title'",
    }
    for line, message in expected.items():
        assert any(f"chapters/bad-frontmatter.md:{line}:" in warning and message in warning
                   for warning in warnings), (line, message, warnings)
    assert len(warnings) == len(expected)


@pytest.mark.sphinx("pdf", testroot="partner-mistakes", freshenv=True)
def test_files_outside_the_book_are_refused_while_the_page_is_read(app):
    app.build()
    warnings = app.warning.getvalue()
    for line in (11, 13):
        assert (f"chapters/outside-resource.md:{line}: WARNING: raw HTML with <img> is not "
                "allowed") in warnings
    # nothing reached the renderer, which would have refused it a second time
    assert "asks for" not in warnings


@pytest.mark.sphinx("html", testroot="partner-mistakes", freshenv=True)
def test_a_bibliography_entry_pointing_at_a_local_file_is_refused(app):
    app.build()
    assert ("refs.bib:7: WARNING: bibliography entry 'local2020' has url = file:///etc/passwd, "
            "which is not a web address") in app.warning.getvalue()


@pytest.mark.sphinx("pdf", testroot="partner-mistakes", freshenv=True,
                    confoverrides={"extensions": ["myst_parser", "scripts.pdf.builder",
                                                  "sphinxcontrib.bibtex"]})
def test_without_the_read_time_rule_the_pdf_builder_refuses_in_one_line_each(app):
    # the test root's output folder is shared with the other PDF test of this file
    (app.outdir / "broken-book.pdf").unlink(missing_ok=True)
    app.build()
    warnings = app.warning.getvalue()
    assert ("chapters/outside-resource.md: WARNING: asks for file:///etc/hostname, which is "
            "outside the build output") in warnings
    assert "chapters/outside-resource.md: WARNING: asks for https://example.org/tracker.png" \
        in warnings
    assert not (app.outdir / "broken-book.pdf").exists()


def test_the_renderer_still_refuses_what_a_theme_asks_from_outside(tmp_path):
    """Below the read-time rule, the PDF renderer reads nothing outside its folder either."""
    page = tmp_path / "out" / "page.html"
    page.parent.mkdir()
    page.write_text('<html><body><img src="file:///etc/hostname" alt="x"></body></html>')
    with pytest.raises(pdf_render.OutsideResourceError) as raised:
        pdf_render.render_pdf(page, page.with_suffix(".pdf"), page.parent)
    assert raised.value.urls == ["file:///etc/hostname"]
    assert not page.with_suffix(".pdf").exists()


@pytest.mark.sphinx("html", testroot="partner-mistakes", freshenv=True)
def test_missing_image_names_file_and_line(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "chapters/missing-image.md:9:" in warnings
    assert "not-there.png" in warnings


@pytest.mark.sphinx("pdf", testroot="book",
                    confoverrides={"pdf_css_files": ["print.css", "missing.css"]})
def test_weasyprint_warnings_reach_the_sphinx_log(app):
    app.build()
    warnings = app.warning.getvalue()
    assert "WeasyPrint: Failed to load stylesheet" in warnings
    assert "missing.css" in warnings
    assert "[pdf.weasyprint]" in warnings


@pytest.mark.sphinx("html", testroot="partner-mistakes", freshenv=True)
def test_malformed_components_name_file_line_and_shape(app):
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines()
                if "chapters/bad-components.md" in line]
    expected = [
        ("bad-components.md:11:", "{key-messages}: write the content as one bullet list"),
        ("bad-components.md:15:", "{practice}: write the practice as a definition list with the "
                                  "terms 'Aims', 'Partners', 'What was done', 'Results and "
                                  "evaluation', 'Source' in that order (found: Aims, Partners)"),
        ("bad-components.md:25:", "{practice}: add ':evaluated: yes', ':evaluated: partly' or "
                                  "':evaluated: no' under the title"),
    ]
    for where, message in expected:
        assert any(where in line and message in line for line in warnings), (where, warnings)
    assert len(warnings) == len(expected)


@pytest.mark.sphinx("html", testroot="partner-mistakes", freshenv=True)
def test_unknown_citation_and_glossary_term_name_file_and_line(app):
    app.build()
    warnings = app.warning.getvalue()
    assert ('chapters/bad-citation.md:11: WARNING: could not find bibtex key "unknown1999"'
            in warnings)
    assert "known2020" not in warnings
    assert "chapters/bad-citation.md:13:" in warnings
    assert "word nobody defined" in warnings


@pytest.mark.sphinx("pdf", testroot="book", freshenv=True)
def test_missing_pango_in_the_builder_is_one_warning_not_a_crash(app, monkeypatch):
    monkeypatch.setattr(pdf_render, "weasyprint_problem", lambda: pdf_render.PANGO_HINT)
    # the test root's output folder is shared with the other PDF tests of this file
    (app.outdir / "test-book.pdf").unlink(missing_ok=True)
    app.build()
    warnings = [line for line in app.warning.getvalue().splitlines() if "[pdf.machine]" in line]
    assert len(warnings) == 1 and "apt-get install libpango-1.0-0" in warnings[0]
    assert not (app.outdir / "test-book.pdf").exists()
