"""DOCX export: the cached python-docx template plus this release's body and properties."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC
from pathlib import Path

from desktop.document import Block, Document
from desktop.export import layout, photos_docx
from desktop.export.docx_template import (
    HASH_PLACEHOLDER,
    HASH_PROPERTY,
    HYPERLINK_TYPE,
    LINK_STYLE,
    STYLE_NAMES,
    read_custom_properties,
    style_id,
    template_parts,
)
from desktop.export.files import atomic_write
from desktop.export.layout import ReleaseMeta
from desktop.export.xml_escape import escape

__all__ = ["HASH_PROPERTY", "STYLE_NAMES", "export_docx", "read_custom_properties", "render_docx"]

_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"
    "<cp:keywords>{keywords}</cp:keywords><dc:language>{language}</dc:language>"
    "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">{created}</dcterms:modified>'
    "</cp:coreProperties>"
)


class _Links:
    """The hyperlinks of one body, each with its relationship id."""

    def __init__(self) -> None:
        self.targets: list[str] = []

    def add(self, target: str) -> str:
        self.targets.append(target)
        return f"rIdVisnykLink{len(self.targets)}"

    def relationships(self) -> str:
        return "".join(
            f'<Relationship Id="rIdVisnykLink{number}" Type="{HYPERLINK_TYPE}" Target="{escape(target, {chr(34): "&quot;"})}" '
            'TargetMode="External"/>'
            for number, target in enumerate(self.targets, start=1)
        )


def _run(text: str, marks: str, style: str = "") -> str:
    properties = (f'<w:rStyle w:val="{style}"/>' if style else "") + marks
    properties = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{properties}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(style_key: str, runs: list[tuple[str, bool, bool, bool]], links: _Links | None = None) -> str:
    # Plain WordprocessingML strings: building the body through python-docx's objects
    # alone would take most of the 50 ms budget.
    parts = [f'<w:p><w:pPr><w:pStyle w:val="{style_id(style_key)}"/></w:pPr>']
    for text, bold, italic, underline in runs:
        # Emphasis inside a paragraph is the author's, so it stays on the run.
        marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        marks += '<w:u w:val="single"/>' if underline else ""
        if links is None:
            parts.append(_run(text, marks))
            continue
        for piece, is_link in layout.split_links(text):
            if is_link:
                # A clickable link, whole in its relationship wherever Word breaks the line.
                rid = links.add(layout.link_target(layout.loosen(piece)))
                parts.append(f'<w:hyperlink r:id="{rid}" w:history="1">'
                             f'{_run(piece, marks, LINK_STYLE.replace(" ", ""))}</w:hyperlink>')
            else:
                parts.append(_run(piece, marks))
    parts.append("</w:p>")
    return "".join(parts)


def _line(style_key: str, text: str) -> str:
    return _paragraph(style_key, [(layout.prepare(text), False, False, False)])


def _block(block: Block, links: _Links) -> str:
    if layout.is_blank(layout.clean_text(block.text)):
        return ""
    runs = [(layout.prepare(r.text), r.bold, r.italic, r.underline) for r in block.normalized().runs]
    return _paragraph(block.kind, [run for run in runs if run[0]], links)


def _body(document: Document, meta: ReleaseMeta, links: _Links) -> str:
    paragraphs: list[str] = []
    if meta.organisation.strip():
        paragraphs.append(_line("organisation", meta.organisation))
    if meta.date_line and meta.date_line.strip():
        paragraphs.append(_line("date", meta.date_line))
    paragraphs.append(_line("headline", document.title))
    paragraphs.extend(_block(block, links) for block in document.blocks)
    paragraphs.extend(photos_docx.photo_paragraphs(meta.photos))
    signature = layout.signature_lines(meta)
    keys = ["signature_first"] + ["signature"] * (len(signature) - 1)
    paragraphs.extend(_line(key, line) for key, line in zip(keys, signature, strict=False))
    # The office copy: the visa under the signature (ДСТУ 4163); the publication has none.
    visa = meta.visa_lines
    paragraphs.extend(_line("visa_first" if index == 0 else "visa", line) for index, line in enumerate(visa))
    return "".join(paragraphs)


def _core(document: Document, meta: ReleaseMeta) -> bytes:
    created = meta.created if meta.created.tzinfo else meta.created.replace(tzinfo=UTC)
    values = {
        "title": layout.clean_text(document.title),
        "subject": layout.clean_text(meta.subject),
        "author": layout.clean_text(meta.author),
        "keywords": f"sha256:{layout.clean_text(meta.content_hash)}" if meta.content_hash else "",
        "language": meta.language,
        "creator": layout.CREATOR,
        "created": created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    return _CORE.format(**{key: escape(value) for key, value in values.items()}).encode("utf-8")


def render_docx(document: Document, meta: ReleaseMeta) -> bytes:
    """The DOCX file as bytes."""
    logo = Path(meta.logo_path) if meta.logo_path is not None and Path(meta.logo_path).is_file() else None
    parts = template_parts(logo, logo.stat().st_mtime if logo else 0.0)
    buffer = io.BytesIO()
    links = _Links()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in sorted(parts, key=lambda part: part[0] == "word/_rels/document.xml.rels"):
            if name == "word/document.xml":
                text = data.decode("utf-8")
                cut = text.rindex("<w:sectPr")
                data = (text[:cut] + _body(document, meta, links) + text[cut:]).encode("utf-8")
            elif name == "word/_rels/document.xml.rels" and links.targets:
                text = data.decode("utf-8")
                cut = text.rindex("</Relationships>")
                data = (text[:cut] + links.relationships() + text[cut:]).encode("utf-8")
            elif name == "docProps/core.xml":
                data = _core(document, meta)
            elif name == "docProps/custom.xml":
                data = data.replace(HASH_PLACEHOLDER.encode(), escape(layout.clean_text(meta.content_hash)).encode("utf-8"))
            package.writestr(name, photos_docx.patched_part(name, data, meta.photos))
        for media_name, media in photos_docx.media_parts(meta.photos):
            package.writestr(media_name, media)
    return buffer.getvalue()


def export_docx(document: Document, meta: ReleaseMeta, path: Path, *, overwrite: bool = False) -> Path:
    """Writes the release as a DOCX, atomically."""
    return atomic_write(Path(path), render_docx(document, meta), overwrite=overwrite)

