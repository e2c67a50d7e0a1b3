"""Photos in the DOCX: the images in word/media, their relationships, and an inline picture with its caption.

render_docx calls three functions: photo_paragraphs for the body, patched_part for the package's
relationship and content-type parts (and the template's own thumbnail, which is written anew
without its EXIF), media_parts for the images.
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Sequence

from desktop.export import layout
from desktop.export.docx_template import style_id
from desktop.export.layout import caption_parts
from desktop.export.photos import fitted_size_mm
from desktop.export.xml_escape import escape, quoteattr
from desktop.photos.model import ExportPhoto

EMU_PER_MM = 36000
_RELATIONSHIP_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
_PICTURE_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_MAIN_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_FIRST_DRAWING_ID = 1000


def _relationship_id(photo: ExportPhoto) -> str:
    return f"rIdVisnykPhoto{photo.number}"


def media_name(photo: ExportPhoto) -> str:
    return f"word/media/{photo.file_name}"


def _drawing(photo: ExportPhoto) -> str:
    width_mm, height_mm = fitted_size_mm(photo)
    cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
    drawing_id = _FIRST_DRAWING_ID + photo.number
    alt = quoteattr(layout.clean_text(photo.alt or photo.caption).strip())
    name = quoteattr(photo.file_name)
    return (
        f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
        f'<wp:docPr id="{drawing_id}" name={name} descr={alt}/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_MAIN_NS}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{_MAIN_NS}"><a:graphicData uri="{_PICTURE_NS}">'
        f'<pic:pic xmlns:pic="{_PICTURE_NS}"><pic:nvPicPr><pic:cNvPr id="{drawing_id}" name={name} descr={alt}/>'
        "<pic:cNvPicPr/></pic:nvPicPr>"
        f'<pic:blipFill><a:blip r:embed="{_relationship_id(photo)}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing>"
    )


def _paragraph_properties(keep_next: bool) -> str:
    keep = "<w:keepNext/><w:keepLines/>" if keep_next else "<w:keepLines/>"
    return (
        f'<w:pPr><w:pStyle w:val="{style_id("signature")}"/>{keep}'
        '<w:spacing w:before="240" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
    )


def _caption_run(text: str, italic: bool) -> str:
    marks = "<w:i/>" if italic else ""
    size = '<w:sz w:val="24"/><w:szCs w:val="24"/>'  # 12 pt
    return f'<w:r><w:rPr>{marks}{size}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def photo_paragraphs(photos: Sequence[ExportPhoto]) -> list[str]:
    """A centred picture at the text's width, kept with the caption paragraph below it."""
    paragraphs: list[str] = []
    for photo in photos:
        caption, credit = caption_parts(photo)
        has_caption = bool(caption or credit)
        paragraphs.append(f"<w:p>{_paragraph_properties(has_caption)}<w:r>{_drawing(photo)}</w:r></w:p>")
        if has_caption:
            runs = []
            if caption:
                runs.append(_caption_run(layout.typographic_nbsp(caption), True))
            if credit:
                runs.append(_caption_run((" " if caption else "") + layout.typographic_nbsp(credit), False))
            properties = (
                f'<w:pPr><w:pStyle w:val="{style_id("signature")}"/><w:keepLines/>'
                '<w:spacing w:before="60" w:after="120"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
            )
            paragraphs.append(f"<w:p>{properties}{''.join(runs)}</w:p>")
    return paragraphs


@functools.cache
def _clean_thumbnail(data: bytes) -> bytes:
    from PIL import Image

    from desktop.photos.images import encode

    with Image.open(io.BytesIO(data)) as image:
        image.load()
        fresh = Image.frombytes("RGB", image.size, image.convert("RGB").tobytes())
    return encode(fresh, "JPEG", quality=85)


def patched_part(name: str, data: bytes, photos: Sequence[ExportPhoto]) -> bytes:
    """The template's part with the photos' relationships and content types added."""
    if name == "docProps/thumbnail.jpeg":
        return _clean_thumbnail(data)
    if not photos:
        return data
    if name == "word/_rels/document.xml.rels":
        relationships = "".join(
            f'<Relationship Id="{_relationship_id(p)}" Type="{_RELATIONSHIP_IMAGE}" Target="media/{p.file_name}"/>'
            for p in photos
        )
        return data.replace(b"</Relationships>", relationships.encode("utf-8") + b"</Relationships>")
    if name == "[Content_Types].xml":
        text = data.decode("utf-8")
        for extension, mime in {(p.extension, p.mime_type) for p in photos}:
            if f'Extension="{extension}"' not in text:
                text = text.replace("<Default ", f'<Default Extension="{extension}" ContentType="{mime}"/><Default ', 1)
        return text.encode("utf-8")
    return data


def media_parts(photos: Sequence[ExportPhoto]) -> list[tuple[zipfile.ZipInfo, bytes]]:
    """(word/media/foto-01.jpg, bytes) for each photo: the stored image as it is, stored uncompressed
    (a JPEG or PNG is compressed already; deflating it again only costs time)."""
    parts = []
    for photo in photos:
        info = zipfile.ZipInfo(media_name(photo), date_time=(1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_STORED
        parts.append((info, photo.data))
    return parts
