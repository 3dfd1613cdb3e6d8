"""The PDF's static faces are made once per machine, from the font they come from: a second
build reuses them, and another version of the font (or of fontTools) gets faces of its own."""

from __future__ import annotations

import pytest
from fontpkg_noto_sans import ROOT as NOTO_SANS
from fontTools import subset
from fontTools.ttLib import TTFont

from scripts.pdf import static_faces
from scripts.pdf.static_faces import FontFace, serve, static_face


@pytest.fixture(scope="module")
def variable_font(tmp_path_factory):
    """Noto Sans cut down to a few letters, still variable: instantiated in a blink."""
    path = tmp_path_factory.mktemp("fonts") / "Small[wdth,wght].ttf"
    font = TTFont(NOTO_SANS / "files" / "NotoSans[wdth,wght].ttf")
    subsetter = subset.Subsetter(subset.Options(layout_features=["*"]))
    subsetter.populate(text="Łódź Αθήνα")
    subsetter.subset(font)
    font.save(path)
    return path


def test_a_face_is_static_at_its_weight_and_keeps_every_letter(variable_font, tmp_path):
    path = static_face(FontFace("Small", variable_font, 700), tmp_path)
    font = TTFont(path)
    assert "fvar" not in font
    assert font["OS/2"].usWeightClass == 700
    assert set(font.getBestCmap()) == set(TTFont(variable_font).getBestCmap())


def test_a_second_build_reuses_the_face(variable_font, tmp_path, monkeypatch):
    face = FontFace("Small", variable_font, 600)
    first = static_face(face, tmp_path)
    made = first.stat().st_mtime_ns

    def refuse(face):
        raise AssertionError(f"{face} was made again")

    monkeypatch.setattr(static_faces, "instantiate", refuse)
    assert static_face(face, tmp_path) == first
    assert first.stat().st_mtime_ns == made
    # written under a temporary name and renamed: nothing half-written is left beside it
    assert [path.name for path in first.parent.iterdir()] == [first.name]


def test_another_font_version_gets_faces_of_its_own(variable_font, tmp_path):
    upgraded = tmp_path / "upgrade" / variable_font.name
    upgraded.parent.mkdir()
    font = TTFont(variable_font)
    font["head"].fontRevision += 1
    font.save(upgraded)
    old = static_face(FontFace("Small", variable_font, 400), tmp_path / "cache")
    new = static_face(FontFace("Small", upgraded, 400), tmp_path / "cache")
    assert new.parent != old.parent
    assert TTFont(new)["head"].fontRevision == font["head"].fontRevision


def test_another_fonttools_version_gets_faces_of_its_own(variable_font, tmp_path, monkeypatch):
    face = FontFace("Small", variable_font, 400)
    old = static_face(face, tmp_path)
    monkeypatch.setattr("fontTools.version", "0.0.0")
    assert static_face(face, tmp_path).parent != old.parent


def test_the_faces_are_served_and_declared_beside_the_stylesheets(variable_font, tmp_path):
    faces = [FontFace("Small", variable_font, 400), FontFace("Small", variable_font, 700, "italic")]
    static = tmp_path / "_static"
    serve(faces, static, "faces.css", cache=tmp_path / "cache")
    rules = (static / "faces.css").read_text(encoding="utf-8")
    for face in faces:
        assert (static / face.file_name).is_file()  # a copy: WeasyPrint reads only the output
        assert not (static / face.file_name).is_symlink()
        assert (
            f'font-style: {face.style}; font-weight: {face.weight}; src: url("{face.file_name}")'
        ) in rules


def test_the_cache_is_the_users_cache_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert static_faces.default_cache().is_relative_to(tmp_path)
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert static_faces.default_cache().is_relative_to(tmp_path / "home" / ".cache")


def test_the_configuration_names_faces_relative_to_the_book(tmp_path):
    entries = [
        {"family": "Small", "file": "fonts/Small.ttf", "style": "italic", "weights": [400, 700]}
    ]
    faces = static_faces.faces_from_config(entries, tmp_path)
    assert faces == [
        FontFace("Small", tmp_path / "fonts" / "Small.ttf", 400, "italic"),
        FontFace("Small", tmp_path / "fonts" / "Small.ttf", 700, "italic"),
    ]
    with pytest.raises(ValueError, match="oblique"):
        static_faces.faces_from_config([{**entries[0], "style": "oblique"}], tmp_path)
