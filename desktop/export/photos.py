"""Photos in the exports: a figure after the text with its caption and credit, in PDF, HTML and plain text.

Each exporter calls one function here (the DOCX's parts are in photos_docx.py), so the photo
layout stays apart from the text's. The images are the stored ones, already without metadata;
the HTML folder and the package get them web-sized (web_images).
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Sequence
from html import escape

from desktop.export import layout
from desktop.photos.model import ExportPhoto, credit_line

# A photo takes the text's width, but never more than this height (a portrait photo gets narrower).
MAX_PHOTO_HEIGHT_MM = 120.0
CAPTION_FONT_SIZE_PT = 12.0
CAPTION_LEADING_PT = 14.0
SPACE_BEFORE_PHOTO_PT = 12.0
IMAGES_FOLDER = "images"


def text_width_mm() -> float:
    return layout.PAGE_WIDTH_MM - layout.MARGIN_LEFT_MM - layout.MARGIN_RIGHT_MM


def fitted_size_mm(photo: ExportPhoto) -> tuple[float, float]:
    """The photo's printed width and height: the text width, or less for a tall photo."""
    width = text_width_mm()
    ratio = photo.height / max(photo.width, 1)
    height = width * ratio
    if height > MAX_PHOTO_HEIGHT_MM:
        height = MAX_PHOTO_HEIGHT_MM
        width = height / ratio
    return width, height


# PDF (reportlab).

@functools.cache
def _passthrough_reader() -> type:
    """An ImageReader that hands a JPEG to the PDF as it is, named by its SHA-256.

    reportlab's drawImage decodes every pixel of an ImageReader only to name it by their MD5
    (about a quarter of a second for a stored photo); the JPEG itself goes into the file undecoded.
    A PNG is still decoded, as reportlab must, to compress its pixels.
    """
    from reportlab.lib.utils import ImageReader

    class PassthroughReader(ImageReader):
        def __init__(self, data: bytes) -> None:
            super().__init__(io.BytesIO(data))
            self._name = b"visnyk-photo-" + hashlib.sha256(data).hexdigest().encode("ascii")

        def getRGBData(self) -> bytes:  # noqa: N802 - reportlab's name
            if self.jpeg_fh() is not None:
                self._dataA = None  # a JPEG has no alpha channel
                return self._name
            return super().getRGBData()

    return PassthroughReader

def pdf_groups(photos: Sequence[ExportPhoto]) -> list[list]:
    """Each photo's flowables: space, the image scaled to the text width, its caption below."""
    if not photos:
        return []
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Image, Paragraph, Spacer

    from desktop.export.pdf_fonts import FONT_NAMES, register_fonts

    register_fonts()
    style = ParagraphStyle(
        "VisnykCaption", fontName=FONT_NAMES["regular"], fontSize=CAPTION_FONT_SIZE_PT,
        leading=CAPTION_LEADING_PT, alignment=TA_CENTER, spaceBefore=4, firstLineIndent=0,
    )
    flowables = []
    for photo in photos:
        width, height = fitted_size_mm(photo)
        image = Image(io.BytesIO(photo.data), width=width * mm, height=height * mm)
        image._img = _passthrough_reader()(photo.data)
        image.hAlign = "CENTER"
        group = [Spacer(1, SPACE_BEFORE_PHOTO_PT), image]
        caption, credit = layout.caption_parts(photo)
        markup = " ".join(
            part for part in (
                f"<i>{escape(layout.typographic_nbsp(caption), quote=False)}</i>" if caption else "",
                escape(layout.typographic_nbsp(credit), quote=False) if credit else "",
            ) if part
        )
        if markup:
            group.append(Paragraph(markup, style))
        flowables.append(group)
    return flowables


# HTML.

def html_figures(photos: Sequence[ExportPhoto]) -> list[str]:
    """<figure> with <img alt> and <figcaption> for each photo; the images are in images/ beside the page."""
    lines: list[str] = []
    for photo in photos:
        alt = escape(layout.clean_text(photo.alt or photo.caption).strip(), quote=True)
        lines.append("<figure>")
        lines.append(f'  <img src="{IMAGES_FOLDER}/{photo.file_name}" alt="{alt}">')
        caption, credit = layout.caption_parts(photo)
        if caption or credit:
            inner = escape(layout.typographic_nbsp(caption), quote=False)
            if credit:
                span = f'<span class="credit">{escape(layout.typographic_nbsp(credit), quote=False)}</span>'
                inner = f"{inner} {span}" if inner else span
            lines.append(f"  <figcaption>{inner}</figcaption>")
        lines.append("</figure>")
    return lines


def web_images(photos: Sequence[ExportPhoto]) -> list[tuple[str, bytes]]:
    """(images/foto-01.jpg, bytes) for each photo, the long edge at most 1600 px."""
    found = []
    for photo in photos:
        from desktop.photos.images import web_sized  # Pillow only when a release has photos

        data, _fmt = web_sized(photo.data)
        found.append((f"{IMAGES_FOLDER}/{photo.file_name}", data))
    return found


# Plain text.

def credit_paragraphs(photos: Sequence[ExportPhoto]) -> list[str]:
    """«Фото: Олена Харченко» (several authors in one line, each once) for the plain and social texts."""
    names: list[str] = []
    for photo in photos:
        name = layout.clean_text(photo.credit).strip()
        if name and name not in names:
            names.append(name)
    return [credit_line(", ".join(names))] if names else []
