"""Static faces of a variable font, made once per machine and served to WeasyPrint.

WeasyPrint 70 embeds a variable font by turning it into a static instance with fontTools, for
every face of every PDF it writes: more than a third of a book's rendering time, and the same
again for each offprint. Given static faces, it embeds them as they are. So each face the
stylesheets use (a family, a style, a weight) is instantiated once, kept in the user's cache,
and declared by ``@font-face`` instead of the variable font.

The cache has one folder per source font and fontTools version (named after a digest of the
font file's bytes and the version), so an upgraded font package or fontTools never serves faces
made from the old one. A face is written under a temporary name and renamed, so a build running
in parallel reads a whole face or none, never half of one.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

logger = logging.getLogger(__name__)

CACHE_NAME = "pdfbook"
STYLES = ("normal", "italic")


@dataclass(frozen=True)
class FontFace:
    """One face a stylesheet uses: ``source`` (a variable or static font file) at ``weight``."""

    family: str
    source: Path
    weight: int
    style: str = "normal"

    @property
    def file_name(self) -> str:
        stem = re.sub(r"[^A-Za-z0-9-]", "", self.source.stem)
        return f"{stem}-{self.style}-{self.weight}.ttf"


def faces_from_config(entries: Iterable[dict], base: Path) -> list[FontFace]:
    """Each face of ``pdf_font_faces`` entries: ``family``, ``file`` (relative to ``base``),
    ``weights`` and ``style``."""
    faces = []
    for entry in entries:
        style = entry.get("style", "normal")
        if style not in STYLES:
            raise ValueError(f"pdf_font_faces: style {style!r} is not one of {STYLES}")
        faces.extend(
            FontFace(entry["family"], Path(base, entry["file"]), int(weight), style)
            for weight in entry["weights"]
        )
    return faces


def default_cache() -> Path:
    """The user's cache folder: ``$XDG_CACHE_HOME``, else ``~/.cache`` (XDG Base Directory)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / CACHE_NAME / "static-faces"


def source_folder(source: Path, cache: Path) -> Path:
    """The cache folder of one source font: another font file or fontTools gets another."""
    import fontTools

    digest = hashlib.sha256(source.read_bytes())
    digest.update(fontTools.version.encode())
    stem = re.sub(r"[^A-Za-z0-9-]", "", source.stem)
    return cache / f"{stem}-{digest.hexdigest()[:16]}"


def instantiate(face: FontFace) -> bytes:
    """``face.source`` pinned at the face's weight, as WeasyPrint would pin it while embedding:
    the weight on ``wght``, the style on ``ital`` or ``slnt``, every other axis at its default."""
    import io

    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(face.source)
    if "fvar" not in font:
        return face.source.read_bytes()
    axes = {axis.axisTag: axis for axis in font["fvar"].axes}
    location: dict[str, float] = {}
    if "wght" in axes:
        location["wght"] = face.weight
    if "ital" in axes:
        location["ital"] = int(face.style == "italic")
    if "slnt" in axes and face.style == "italic":
        slant = axes["slnt"]
        location["slnt"] = slant.minValue if slant.maxValue == 0 else slant.maxValue
    output = io.BytesIO()
    instantiateVariableFont(font, location, static=True).save(output)
    return output.getvalue()


def _write_atomically(path: Path, content: bytes) -> None:
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(partial, 0o644)
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def static_face(face: FontFace, cache: Path) -> Path:
    """The cached static file of ``face``, made now if no build on this machine made it yet."""
    folder = source_folder(face.source, cache)
    path = folder / face.file_name
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    logger.info("making the static face %s (once per machine, kept in %s)", path.name, folder)
    _write_atomically(path, instantiate(face))
    return path


def font_face_rules(faces: Iterable[FontFace]) -> str:
    """``@font-face`` rules declaring each face by its ``file_name``, beside the stylesheet."""
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; font-style: {face.style}; '
        f'font-weight: {face.weight}; src: url("{face.file_name}"); }}\n'
        for face in faces
    )


def serve(faces: list[FontFace], folder: Path, stylesheet: str, cache: Path | None = None) -> None:
    """Put each face's static file and ``stylesheet``, which declares them, into ``folder``.

    The files are copied, not linked: WeasyPrint may read only files inside the build output.
    Where the cache cannot be written (a read-only home), the faces are made in ``folder``.
    """
    import shutil

    cache = cache or default_cache()
    folder.mkdir(parents=True, exist_ok=True)
    for face in faces:
        try:
            shutil.copyfile(static_face(face, cache), folder / face.file_name)
        except OSError as error:
            logger.info(
                "cannot keep static faces in %s (%s); making %s for this build only",
                cache,
                error,
                face.file_name,
            )
            _write_atomically(folder / face.file_name, instantiate(face))
    (folder / stylesheet).write_text(font_face_rules(faces), encoding="utf-8")
