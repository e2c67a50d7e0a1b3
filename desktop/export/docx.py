"""DOCX export with python-docx: named styles, uk-UA proofing language, hyphenation, properties."""

from __future__ import annotations

import functools
import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from desktop.document import Block, Document
from desktop.export import layout
from desktop.export.files import atomic_write
from desktop.export.layout import ReleaseMeta

HASH_PROPERTY = "VisnykContentHash"
STYLE_NAMES = {
    "headline": "Visnyk Headline",
    "organisation": "Visnyk Organisation",
    "date": "Visnyk Date",
    "lead": "Visnyk Lead",
    "paragraph": "Visnyk Body",
    "quote": "Visnyk Quote",
    "list_item": "Visnyk List",
    "subheading": "Visnyk Subheading",
    "approval": "Visnyk Approval",
    "signature_first": "Visnyk Signature First",
    "signature": "Visnyk Signature",
    "logo": "Visnyk Logo",
    "page_number": "Visnyk Page Number",
}
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _set_language_and_font(rpr_owner, font: str) -> None:  # noqa: ANN001 - a style's or defaults' rPr holder
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), font)
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    # Word and LibreOffice proof and hyphenate the text by this tag.
    language.set(qn("w:val"), layout.LANGUAGE)
    language.set(qn("w:eastAsia"), layout.LANGUAGE)
    language.set(qn("w:bidi"), layout.LANGUAGE)


def _add_style(docx, name: str, *, base: str = "Normal", bold: bool = False, italic: bool = False,  # noqa: ANN001
               align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY, indent_cm: float = 0.0,
               left_cm: float = 0.0, before: float = 0.0, after: float = 0.0, keep_next: bool = False,
               size: float = layout.FONT_SIZE_PT) -> None:
    style = docx.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = docx.styles[base]
    style.quick_style = True
    style.font.name = layout.DOCX_FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(indent_cm)
    fmt.left_indent = Cm(left_cm)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = Pt(layout.LEADING_PT)
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    _set_language_and_font(style.element, layout.DOCX_FONT)


def _define_styles(docx) -> None:  # noqa: ANN001
    normal = docx.styles["Normal"]
    normal.font.name = layout.DOCX_FONT
    normal.font.size = Pt(layout.FONT_SIZE_PT)
    _set_language_and_font(normal.element, layout.DOCX_FONT)
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None and rpr_default.find(qn("w:rPr")) is not None:
            _set_language_and_font(_RprHolder(rpr_default), layout.DOCX_FONT)
    left, centre = WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER
    indent = layout.FIRST_LINE_INDENT_CM
    add = _add_style
    add(docx, STYLE_NAMES["paragraph"], indent_cm=indent)
    add(docx, STYLE_NAMES["lead"], base=STYLE_NAMES["paragraph"], indent_cm=indent)
    add(docx, STYLE_NAMES["quote"], base=STYLE_NAMES["paragraph"], italic=True, indent_cm=indent,
        left_cm=layout.QUOTE_INDENT_CM)
    add(docx, STYLE_NAMES["list_item"], base="List Bullet", left_cm=layout.LIST_INDENT_CM + 0.63)
    add(docx, STYLE_NAMES["subheading"], bold=True, align=left, before=6, after=3, keep_next=True)
    add(docx, STYLE_NAMES["headline"], bold=True, align=centre, before=6, after=12, keep_next=True)
    add(docx, STYLE_NAMES["organisation"], align=centre, after=6, keep_next=True)
    add(docx, STYLE_NAMES["date"], align=left, after=6, keep_next=True)
    add(docx, STYLE_NAMES["approval"], align=left, before=layout.SIGNATURE_SPACE_BEFORE_PT, keep_next=True)
    add(docx, STYLE_NAMES["signature_first"], align=left, before=layout.SIGNATURE_SPACE_BEFORE_PT,
        keep_next=True)
    add(docx, STYLE_NAMES["signature"], align=left, keep_next=True)
    add(docx, STYLE_NAMES["logo"], align=centre, after=6, keep_next=True)
    add(docx, STYLE_NAMES["page_number"], align=centre, size=layout.SMALL_FONT_SIZE_PT)


class _RprHolder:
    """Gives docDefaults' rPrDefault the get_or_add_rPr of a style element."""

    def __init__(self, element) -> None:  # noqa: ANN001
        self.element = element

    def get_or_add_rPr(self):  # noqa: ANN201, N802 - mirrors python-docx
        return self.element.find(qn("w:rPr"))


def _page_setup(docx) -> None:  # noqa: ANN001
    section = docx.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.left_margin, section.right_margin = Mm(layout.MARGIN_LEFT_MM), Mm(layout.MARGIN_RIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(layout.MARGIN_TOP_MM), Mm(layout.MARGIN_BOTTOM_MM)
    section.header_distance = Mm(layout.MARGIN_TOP_MM / 2)
    # ДСТУ 4163: the page number in the top margin from the second page on.
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = docx.styles[STYLE_NAMES["page_number"]]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _hyphenation_on(docx) -> None:  # noqa: ANN001
    settings = docx.settings.element
    if settings.find(qn("w:autoHyphenation")) is not None:
        return
    element = OxmlElement("w:autoHyphenation")
    # CT_Settings keeps its children in order: autoHyphenation follows defaultTabStop.
    anchor = settings.find(qn("w:defaultTabStop"))
    if anchor is not None:
        anchor.addnext(element)
    else:
        settings.insert(0, element)


def _custom_properties_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{_FMTID}" pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{items}</Properties>'
    return xml.encode("utf-8")


def _add_custom_properties(docx, properties: dict[str, str]) -> None:  # noqa: ANN001
    # python-docx has no API for docProps/custom.xml, so the part is added by hand.
    package = docx.part.package
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
                _custom_properties_xml(properties), package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def read_custom_properties(path: Path) -> dict[str, str]:
    """The custom properties of a DOCX (for tests and verification)."""
    from docx import Document as open_docx
    from lxml import etree

    package = open_docx(str(path)).part.package
    try:
        part = package.part_related_by(RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)
    except KeyError:
        return {}
    root = etree.fromstring(part.blob)
    return {
        prop.get("name"): "".join(prop.itertext())
        for prop in root.findall(f"{{{_CUSTOM_NS}}}property")
    }


def _paragraph(body, style_key: str, runs: list[tuple[str, bool, bool, bool]]) -> None:  # noqa: ANN001
    # Built as XML with the style's id: python-docx's by-name style lookup is a linear
    # search that alone would eat the export budget.
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), STYLE_NAMES[style_key].replace(" ", ""))
    properties.append(style)
    paragraph.append(properties)
    for text, bold, italic, underline in runs:
        run = OxmlElement("w:r")
        # Emphasis inside a paragraph is the author's, so it stays on the run.
        if bold or italic or underline:
            run_properties = OxmlElement("w:rPr")
            for flag, tag in ((bold, "w:b"), (italic, "w:i"), (underline, "w:u")):
                if flag:
                    element = OxmlElement(tag)
                    if tag == "w:u":
                        element.set(qn("w:val"), "single")
                    run_properties.append(element)
            run.append(run_properties)
        text_element = OxmlElement("w:t")
        text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text_element.text = text
        run.append(text_element)
        paragraph.append(run)
    section = body.find(qn("w:sectPr"))
    if section is not None:
        section.addprevious(paragraph)
    else:
        body.append(paragraph)


def _line(body, style_key: str, text: str) -> None:  # noqa: ANN001
    _paragraph(body, style_key, [(layout.prepare(text), False, False, False)])


def _block(body, block: Block) -> None:  # noqa: ANN001
    if layout.is_blank(layout.clean_text(block.text)):
        return
    runs = [
        (layout.prepare(run.text), run.bold, run.italic, run.underline) for run in block.normalized().runs
    ]
    _paragraph(body, block.kind, [run for run in runs if run[0]])


@functools.cache
def _template() -> bytes:
    """An empty document with the styles, page and settings, built once per process."""
    docx = new_docx()
    _define_styles(docx)
    _page_setup(docx)
    _hyphenation_on(docx)
    body = docx.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _add_logo(docx, path: Path) -> None:  # noqa: ANN001
    body = docx.element.body
    paragraph = docx.add_paragraph()
    try:
        paragraph.add_run().add_picture(str(path), height=Mm(layout.LOGO_HEIGHT_MM))
    except Exception:  # a broken logo must not stop the export
        body.remove(paragraph._p)
        return
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), STYLE_NAMES["logo"].replace(" ", ""))
    paragraph._p.get_or_add_pPr().insert(0, style)


def build_docx(document: Document, meta: ReleaseMeta):  # noqa: ANN201 - a python-docx Document
    """The release as a python-docx document, not yet saved."""
    docx = new_docx(io.BytesIO(_template()))
    body = docx.element.body
    if meta.logo_path is not None and Path(meta.logo_path).is_file():
        _add_logo(docx, Path(meta.logo_path))
    if meta.organisation.strip():
        _line(body, "organisation", meta.organisation)
    if meta.date_line and meta.date_line.strip():
        _line(body, "date", meta.date_line)
    _line(body, "headline", document.title)
    for block in document.blocks:
        _block(body, block)
    signature = [line for line in meta.signature_lines if line.strip()]
    if meta.approval_line and meta.approval_line.strip():
        _line(body, "approval", meta.approval_line)
        signature_styles = ["signature"] * len(signature)
    else:
        signature_styles = ["signature_first"] + ["signature"] * (len(signature) - 1)
    for style_key, line in zip(signature_styles, signature, strict=False):
        _line(body, style_key, line)
    props = docx.core_properties
    props.title = layout.clean_text(document.title)
    props.author = layout.clean_text(meta.author)
    props.subject = layout.clean_text(meta.subject)
    props.language = meta.language
    props.keywords = f"sha256:{meta.content_hash}" if meta.content_hash else ""
    props.created = props.modified = meta.created
    props.last_modified_by = layout.CREATOR
    props.comments = ""
    props.revision = 1
    _add_custom_properties(docx, {HASH_PROPERTY: meta.content_hash})
    return docx


def render_docx(document: Document, meta: ReleaseMeta) -> bytes:
    """The DOCX file as bytes."""
    buffer = io.BytesIO()
    build_docx(document, meta).save(buffer)
    return buffer.getvalue()


def export_docx(document: Document, meta: ReleaseMeta, path: Path, *, overwrite: bool = False) -> Path:
    """Writes the release as a DOCX, atomically."""
    return atomic_write(Path(path), render_docx(document, meta), overwrite=overwrite)
