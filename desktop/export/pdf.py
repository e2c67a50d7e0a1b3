"""PDF export with reportlab platypus: Liberation Serif embedded, Ukrainian hyphenation, exact text."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
)

from desktop.document import Block, Document, Run
from desktop.export import hyphenation, layout
from desktop.export.files import atomic_write
from desktop.export.layout import ReleaseMeta
from desktop.export.pdf_flow import ALWAYS_SPLIT_LINKS, KeepTail, ReleaseParagraph, StampSpace, install_hooks
from desktop.export.pdf_fonts import FONT_NAMES, pdf_escape, register_fonts
from desktop.export.photos import pdf_groups as photo_groups
from desktop.export.xml_escape import escape


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible stamp goes: a page (0-based) and a rectangle in PDF points."""

    page_index: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (round(self.x1), round(self.y1), round(self.x2), round(self.y2))


@dataclass(frozen=True)
class PdfResult:
    """A rendered PDF: its path (if written), page count and the stamp's place."""

    path: Path | None
    pages: int
    signature_box: SignatureBox | None


def hyphenator() -> Callable[[str], Iterator[tuple[str, str]]]:
    """Ukrainian hyphenation (pyphen's uk_UA patterns and the typesetting rules of hyphenation.py)."""
    install_hooks()
    return hyphenation.hyphenate


@functools.cache
def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles, after layout.py."""
    font = register_fonts()
    base = ParagraphStyle(
        "VisnykBody",
        fontName=font,
        # reportlab's bullets are Helvetica, which would be listed unembedded.
        bulletFontName=font,
        fontSize=layout.FONT_SIZE_PT,
        leading=layout.LEADING_PT,
        alignment=TA_JUSTIFY,
        firstLineIndent=layout.FIRST_LINE_INDENT_CM * cm,
        spaceAfter=layout.SPACE_AFTER_PARAGRAPH_PT,
        hyphenationLang=hyphenator(),
        hyphenationMinWordLength=4,
        embeddedHyphenation=0,
        uriWasteReduce=ALWAYS_SPLIT_LINKS,
        # No widows and no orphans: a paragraph leaves at least two lines on either page.
        allowWidows=0,
        allowOrphans=0,
    )
    unhyphenated = {"hyphenationLang": "", "firstLineIndent": 0}
    return {
        "body": base,
        "lead": ParagraphStyle("VisnykLead", parent=base),
        "quote": ParagraphStyle(
            "VisnykQuote", parent=base, leftIndent=layout.QUOTE_INDENT_CM * cm, fontName=FONT_NAMES["italic"]
        ),
        "list_item": ParagraphStyle(
            "VisnykList", parent=base, leftIndent=layout.LIST_INDENT_CM * cm, bulletIndent=0.5 * cm,
            firstLineIndent=0,
        ),
        "subheading": ParagraphStyle(
            "VisnykSubheading", parent=base, fontName=FONT_NAMES["bold"], alignment=TA_LEFT,
            spaceBefore=6, spaceAfter=3, keepWithNext=1, **unhyphenated,
        ),
        "headline": ParagraphStyle(
            "VisnykHeadline", parent=base, fontName=FONT_NAMES["bold"], alignment=TA_CENTER,
            spaceBefore=6, spaceAfter=12, keepWithNext=1, **unhyphenated,
        ),
        "organisation": ParagraphStyle(
            "VisnykOrganisation", parent=base, alignment=TA_CENTER, spaceAfter=6, **unhyphenated,
        ),
        "date": ParagraphStyle("VisnykDate", parent=base, alignment=TA_LEFT, spaceAfter=6, **unhyphenated),
        "signature": ParagraphStyle("VisnykSignature", parent=base, alignment=TA_LEFT, **unhyphenated),
        "visa": ParagraphStyle("VisnykVisa", parent=base, alignment=TA_LEFT, **unhyphenated),
    }


def _markup(text: str) -> str:
    return pdf_escape(layout.prepare(text))


def _link(escaped: str, target: str) -> str:
    # Clickable; the annotation holds the whole address wherever the line breaks it.
    return f'<a href="{escape(target, {chr(34): "&quot;"})}">{escaped}</a>'


def _run_markup(run: Run) -> str:
    return layout.run_markup(run, pdf_escape, "i", "b", link=_link)


def _paragraph(block: Block) -> Flowable | None:
    markup = "".join(_run_markup(run) for run in block.normalized().runs)
    style = styles().get(block.kind, styles()["body"])
    if block.kind == "list_item":
        return ReleaseParagraph(markup, style, bulletText="•")
    return ReleaseParagraph(markup, style)


# How each kind of block becomes a flowable; a new kind (a photo) adds its own renderer here.
BLOCK_RENDERERS: dict[str, Callable[[Block], Flowable | None]] = {}


def _block_flowable(block: Block) -> Flowable | None:
    renderer = BLOCK_RENDERERS.get(block.kind)
    if renderer is not None:
        return renderer(block)
    if layout.is_blank(layout.clean_text(block.text)):
        return None
    return _paragraph(block)


def _logo(path: Path) -> Image | None:
    try:
        # reportlab reads a picture only when drawing it; read it now so a broken one is skipped.
        width, height = ImageReader(str(path)).getSize()
    except Exception:  # a broken logo must not stop the export
        return None
    draw_height = layout.LOGO_HEIGHT_MM * mm
    image = Image(str(path), width=width * draw_height / max(height, 1), height=draw_height)
    image.hAlign = "CENTER"
    return image


def _story(document: Document, meta: ReleaseMeta, stamp: StampSpace) -> list[Flowable]:
    sheet = styles()
    story: list[Flowable] = []
    if meta.logo_path is not None:
        logo = _logo(Path(meta.logo_path))
        if logo is not None:
            story += [logo, Spacer(1, 6)]
    if meta.organisation.strip():
        story.append(Paragraph(_markup(meta.organisation), sheet["organisation"]))
    if meta.date_line and meta.date_line.strip():
        story.append(Paragraph(_markup(meta.date_line), sheet["date"]))
    story.append(Paragraph(_markup(document.title), sheet["headline"]))
    story.extend(f for f in map(_block_flowable, document.blocks) if f is not None)
    groups = photo_groups(meta.photos)
    story.extend(KeepTogether(group) for group in groups[:-1])  # a photo never parts from its caption
    # The last photo goes with the signature block (below), so that the block never stands alone.
    ending: list[Flowable] = [*(groups[-1] if groups else []), Spacer(1, layout.SIGNATURE_SPACE_BEFORE_PT)]
    ending.extend(Paragraph(_markup(line), sheet["signature"]) for line in layout.signature_lines(meta))
    # The stamp's room is kept in every copy: signed and unsigned paginate alike.
    ending.append(stamp)
    visa = meta.visa_lines
    if visa:
        ending.append(Spacer(1, layout.VISA_SPACE_BEFORE_PT))
        ending.extend(Paragraph(_markup(line), sheet["visa"]) for line in visa)
    # The signature block never stands alone: the last paragraph lends it two lines at least.
    last = story.pop() if isinstance(story[-1], Paragraph) else None
    story.append(KeepTail(last, ending))
    return story


def _number_later_pages(canvas: Any, doc: Any) -> None:  # reportlab's callback signature
    # ДСТУ 4163: the number in the middle of the top margin, from the second page on.
    canvas.saveState()
    canvas.setFont(FONT_NAMES["regular"], layout.SMALL_FONT_SIZE_PT)
    x = layout.MARGIN_LEFT_MM * mm + doc.width / 2
    canvas.drawCentredString(x, A4[1] - layout.MARGIN_TOP_MM * mm / 2 - 4, str(canvas.getPageNumber()))
    canvas.restoreState()


def render_pdf(document: Document, meta: ReleaseMeta, *, stamp_space: bool = False) -> tuple[bytes, PdfResult]:
    """The PDF as bytes, with the page count and where the signature stamp goes."""
    register_fonts()
    buffer = io.BytesIO()
    content_hash = layout.clean_text(meta.content_hash)
    keywords = ["прес-реліз"] + ([f"sha256:{content_hash}"] if content_hash else [])
    template = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=layout.MARGIN_LEFT_MM * mm,
        rightMargin=layout.MARGIN_RIGHT_MM * mm,
        topMargin=layout.MARGIN_TOP_MM * mm,
        bottomMargin=layout.MARGIN_BOTTOM_MM * mm,
        title=layout.clean_text(document.title),
        author=layout.clean_text(meta.author),
        subject=layout.clean_text(meta.subject),
        creator=layout.CREATOR,
        producer=f"{layout.CREATOR} (ReportLab)",
        keywords=keywords,
        lang=meta.language,
        # Otherwise reportlab lists an unembedded Helvetica it never draws with.
        initialFontName=FONT_NAMES["regular"],
        initialFontSize=layout.FONT_SIZE_PT,
        creationDate=meta.created,
    )
    stamp = StampSpace(layout.STAMP_WIDTH_MM * mm, layout.STAMP_HEIGHT_MM * mm)
    # No frame padding: the margins are ДСТУ's, not reportlab's default plus 6 pt.
    frame = Frame(template.leftMargin, template.bottomMargin, template.width, template.height,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    template.addPageTemplates([
        PageTemplate("first", [frame], autoNextPageTemplate="later"),
        PageTemplate("later", [frame], onPage=_number_later_pages),
    ])
    template.build(_story(document, meta, stamp))
    pages = template.page
    box = SignatureBox(*stamp.box) if stamp_space and stamp.box is not None else None
    return buffer.getvalue(), PdfResult(None, pages, box)


def export_pdf(
    document: Document, meta: ReleaseMeta, path: Path, *, overwrite: bool = False, stamp_space: bool = False
) -> PdfResult:
    """Writes the release as a PDF, atomically; returns the page count and the stamp's place."""
    data, result = render_pdf(document, meta, stamp_space=stamp_space)
    atomic_write(Path(path), data, overwrite=overwrite)
    return PdfResult(Path(path), result.pages, result.signature_box)
