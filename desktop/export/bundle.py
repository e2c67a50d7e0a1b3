"""The HTML folder (the page and its web-sized images) and the publication package (a zip for the site and channels).

`export --format html` of a release with photos writes `<name>/<name>.html` and `<name>/images/`;
without photos it stays the single <article> file it always was. `--format package` writes
`<name>.zip` holding the page, its images and the plain text for the social channels (with the
photos' credit). Every image is the stored one, already without metadata, scaled for the web.
"""

from __future__ import annotations

import io
import zipfile
from html import escape
from pathlib import Path

from desktop.document import Document
from desktop.export import layout
from desktop.export.files import atomic_write
from desktop.export.layout import ReleaseMeta
from desktop.export.photos import web_images
from desktop.export.web import export_html, export_text

PACKAGE_README = (
    "Пакет для оприлюднення.\n"
    "{page} — сторінка для сайту (розмітка <article> всередині <body>), зображення — у теці images/ "
    "(до 1600 пікселів за довшою стороною, без метаданих EXIF, GPS, XMP, IPTC).\n"
    "{text} — текст для соцмереж і месенджерів, з автором фото.\n"
)


def page_path(path: Path) -> Path:
    """`<folder>/<name>.html` → `<folder>/<name>/<name>.html`: the page gets a folder for its images."""
    return path.parent / path.stem / path.name


def html_page(document: Document, meta: ReleaseMeta) -> str:
    """The <article> inside a whole UTF-8 page, so a browser opening the folder shows Cyrillic right."""
    title = escape(layout.clean_text(document.title), quote=False)
    lang = escape(meta.language, quote=True)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta name="generator" content="{layout.CREATOR}">\n</head>\n<body>\n'
        f"{export_html(document, meta)}</body>\n</html>\n"
    )


def write_html_folder(document: Document, meta: ReleaseMeta, path: Path, *, overwrite: bool = False) -> Path:
    """The page at `path` with its images in images/ beside it; the images first, so the page never points at none."""
    images = path.parent / "images"
    images.mkdir(parents=True, exist_ok=True)
    if path.exists() and not overwrite:
        atomic_write(path, b"", overwrite=False)  # words the refusal as every export does
    for name, data in web_images(meta.photos):
        atomic_write(path.parent / name, data, overwrite=True)
    return atomic_write(path, html_page(document, meta), overwrite=overwrite)


def render_package(document: Document, meta: ReleaseMeta, stem: str) -> bytes:
    """The zip: `<stem>.html`, images/…, `<stem>.txt` and a short note on what is inside."""
    page, text = f"{stem}.html", f"{stem}.txt"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(page, html_page(document, meta))
        for name, data in web_images(meta.photos):
            # JPEG and PNG are compressed already: stored as they are.
            package.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_STORED)
        package.writestr(text, export_text(document, meta))
        package.writestr("README.txt", PACKAGE_README.format(page=page, text=text))
    return buffer.getvalue()


def write_package(document: Document, meta: ReleaseMeta, path: Path, *, overwrite: bool = False,
                  stem: str | None = None) -> Path:
    """The zip at path; its inner files are named after `stem` (the real name when path is a staged one)."""
    return atomic_write(path, render_package(document, meta, stem or path.stem), overwrite=overwrite)
