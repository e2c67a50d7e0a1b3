"""The DOCX base package built with python-docx: Visnyk styles, the ДСТУ page, uk-UA language, hyphenation.

Only desktop.export.docx_template imports this, and only when its cached copy of the parts is missing or
stale: an export of a DOCX whose base is cached never loads python-docx.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

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

from desktop.export import layout
from desktop.export.docx_names import (
    CUSTOM_NS,
    FMTID,
    HASH_PLACEHOLDER,
    HASH_PROPERTY,
    LINK_STYLE,
    STYLE_NAMES,
    VT_NS,
    style_id,
)
from desktop.export.xml_escape import escape


def build_parts(logo: Path | None = None) -> tuple[tuple[str, bytes], ...]:
    """The package's parts with an empty body (but the logo)."""
    docx = new_docx()
    _define_styles(docx)
    _page_setup(docx)
    _hyphenation_on(docx)
    body = docx.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    if logo is not None:
        _add_logo(docx, logo)
    docx.core_properties.title = ""
    _add_custom_properties(docx, {HASH_PROPERTY: HASH_PLACEHOLDER})
    buffer = io.BytesIO()
    docx.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as package:
        parts = [(info.filename, package.read(info)) for info in package.infolist()]
    return tuple(_without_leftovers(parts))


def _set_language_and_font(rpr_owner: Any, font: str) -> None:  # a style's or defaults' rPr holder
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


def _add_style(docx: Any, name: str, *, base: str = "Normal", bold: bool = False, italic: bool = False,
               align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY, indent_cm: float = 0.0,
               left_cm: float = 0.0, before: float = 0.0, after: float = 0.0, keep_next: bool = False,
               size: float = layout.FONT_SIZE_PT, exact_leading: bool = True) -> None:
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
    # Exact leading matches the PDF; a picture's line must grow with it, so the logo gets single.
    fmt.line_spacing = Pt(layout.LEADING_PT) if exact_leading else 1.0
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    _set_language_and_font(style.element, layout.DOCX_FONT)


def _define_styles(docx: Any) -> None:
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
    add(docx, STYLE_NAMES["visa_first"], align=left, before=layout.VISA_SPACE_BEFORE_PT, keep_next=True)
    add(docx, STYLE_NAMES["visa"], align=left, keep_next=True)
    add(docx, STYLE_NAMES["signature_first"], align=left, before=layout.SIGNATURE_SPACE_BEFORE_PT,
        keep_next=True)
    add(docx, STYLE_NAMES["signature"], align=left, keep_next=True)
    add(docx, STYLE_NAMES["logo"], align=centre, after=6, keep_next=True, exact_leading=False)
    add(docx, STYLE_NAMES["page_number"], align=centre, size=layout.SMALL_FONT_SIZE_PT)
    link = docx.styles.add_style(LINK_STYLE, WD_STYLE_TYPE.CHARACTER)
    link.font.underline = True
    link.quick_style = True


class _RprHolder:
    """Gives docDefaults' rPrDefault the get_or_add_rPr of a style element."""

    def __init__(self, element: Any) -> None:
        self.element = element

    def get_or_add_rPr(self) -> Any:  # noqa: N802 - mirrors python-docx
        return self.element.find(qn("w:rPr"))


def _page_setup(docx: Any) -> None:
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


def _hyphenation_on(docx: Any) -> None:
    """Word's and LibreOffice's automatic hyphenation, as the PDF: ≤ 2 hyphenated lines in a row, no CAPITALS."""
    settings = docx.settings.element
    for name in ("w:autoHyphenation", "w:consecutiveHyphenLimit", "w:doNotHyphenateCaps"):
        existing = settings.find(qn(name))
        if existing is not None:
            settings.remove(existing)
    auto = OxmlElement("w:autoHyphenation")
    limit = OxmlElement("w:consecutiveHyphenLimit")
    limit.set(qn("w:val"), "2")
    caps = OxmlElement("w:doNotHyphenateCaps")
    # CT_Settings keeps its children in order: these follow defaultTabStop.
    anchor = settings.find(qn("w:defaultTabStop"))
    if anchor is not None:
        anchor.addnext(auto)
    else:
        settings.insert(0, auto)
    auto.addnext(limit)
    limit.addnext(caps)


# python-docx's template was saved by another program: its name, a US-Letter thumbnail, Word 2010
# compatibility mode, an English theme language, a bibliography part. None of it belongs to ours.
_DROPPED_PARTS = ("docProps/thumbnail.jpeg", "word/stylesWithEffects.xml", "customXml/")
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>{layout.CREATOR}</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
)
_RELATIONSHIP = re.compile(r'<Relationship [^>]*Target="([^"]+)"[^>]*/>')
_OVERRIDE = re.compile(r'<Override PartName="/([^"]+)"[^>]*/>')


def _dropped(name: str) -> bool:
    return any(name == part or (part.endswith("/") and name.startswith(part)) for part in _DROPPED_PARTS)


def _kept_relationship(base: str, match: re.Match[str]) -> str:
    """A relationship line, or nothing when it points at a dropped part."""
    return "" if _dropped(_resolve(base, match.group(1))) else match.group(0)


def _without_leftovers(parts: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
    """The package without the template's foreign parts, and with its own settings and application name."""
    cleaned = []
    for name, data in parts:
        if _dropped(name):
            continue
        if name == "docProps/app.xml":
            data = _APP.encode("utf-8")
        elif name in ("_rels/.rels", "word/_rels/document.xml.rels"):
            base = "" if name.startswith("_rels") else "word/"
            text = data.decode("utf-8")
            data = _RELATIONSHIP.sub(functools.partial(_kept_relationship, base), text).encode("utf-8")
        elif name == "[Content_Types].xml":
            text = data.decode("utf-8")
            data = _OVERRIDE.sub(lambda m: "" if _dropped(m.group(1)) else m.group(0), text).encode("utf-8")
        elif name == "word/settings.xml":
            text = data.decode("utf-8")
            text = text.replace('w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"',
                                'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"')
            text = text.replace("<w:savePreviewPicture/>", "")
            text = re.sub(r'<w:proofState [^>]*/>', "", text)
            text = re.sub(r'<w:themeFontLang [^>]*/>', f'<w:themeFontLang w:val="{layout.LANGUAGE}"/>', text)
            text = text.replace('<w:decimalSymbol w:val="."/>', '<w:decimalSymbol w:val=","/>')
            text = text.replace('<w:listSeparator w:val=","/>', '<w:listSeparator w:val=";"/>')
            data = text.encode("utf-8")
        cleaned.append((name, data))
    return cleaned


def _resolve(base: str, target: str) -> str:
    parts: list[str] = []
    for piece in (base + target).split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece:
            parts.append(piece)
    return "/".join(parts)


def _custom_properties_xml(properties: dict[str, str]) -> bytes:
    items = "".join(
        f'<property fmtid="{FMTID}" pid="{pid}" name="{escape(name)}"><vt:lpwstr>{escape(value)}</vt:lpwstr></property>'
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}">{items}</Properties>'
    return xml.encode("utf-8")


def _add_custom_properties(docx: Any, properties: dict[str, str]) -> None:  # noqa: ANN001
    # python-docx has no API for docProps/custom.xml, so the part is added by hand.
    package = docx.part.package
    part = Part(PackURI("/docProps/custom.xml"), CONTENT_TYPE.OFC_CUSTOM_PROPERTIES,
                _custom_properties_xml(properties), package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


def _add_logo(docx: Any, path: Path) -> None:
    paragraph = docx.add_paragraph()
    try:
        paragraph.add_run().add_picture(str(path), height=Mm(layout.LOGO_HEIGHT_MM))
    except Exception:  # a broken logo must not stop the export
        docx.element.body.remove(paragraph._p)
        return
    style = OxmlElement("w:pStyle")
    style.set(qn("w:val"), style_id("logo"))
    paragraph._p.get_or_add_pPr().insert(0, style)
