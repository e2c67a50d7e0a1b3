"""Web exports: semantic HTML for the site's CMS and plain text for social channels."""

from __future__ import annotations

from html import escape

from desktop.document import Block, Document, Run
from desktop.export import layout, photos
from desktop.export.layout import ReleaseMeta


def _link_html(escaped: str, target: str) -> str:
    return f'<a href="{escape(target, quote=True)}">{escaped}</a>'


def _run_html(run: Run) -> str:
    return layout.run_markup(run, lambda text: escape(text, quote=False), "em", "strong", link=_link_html)


def _inline(block: Block) -> str:
    return "".join(_run_html(run) for run in block.normalized().runs)


def _blocks_html(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    in_list = False
    for block in blocks:
        if layout.is_blank(layout.clean_text(block.text)):
            continue
        if block.kind == "list_item" and not in_list:
            lines.append("<ul>")
            in_list = True
        elif block.kind != "list_item" and in_list:
            lines.append("</ul>")
            in_list = False
        inner = _inline(block)
        if block.kind == "list_item":
            lines.append(f"  <li>{inner}</li>")
        elif block.kind == "quote":
            lines.append(f"<blockquote><p>{inner}</p></blockquote>")
        elif block.kind == "subheading":
            lines.append(f"<h2>{inner}</h2>")
        elif block.kind == "lead":
            lines.append(f'<p class="lead">{inner}</p>')
        else:
            lines.append(f"<p>{inner}</p>")
    if in_list:
        lines.append("</ul>")
    return lines


def _text(value: str) -> str:
    return escape(layout.prepare(value), quote=False)


def export_html(document: Document, meta: ReleaseMeta) -> str:
    """An <article> fragment for the CMS: no inline styles, every text escaped, the signature in <footer>."""
    lang = escape(meta.language, quote=True)
    parts = [f'<article lang="{lang}">', "<header>"]
    if meta.date_line and meta.date_line.strip():
        # The event's date, not the export's: the dateline tells when it happened.
        day = meta.event_date or meta.created.date()
        iso = day.isoformat()
        parts.append(f'<p class="dateline"><time datetime="{iso}">{_text(meta.date_line)}</time></p>')
    parts.append(f"<h1>{_text(document.title)}</h1>")
    parts.append("</header>")
    parts.extend(_blocks_html(document.blocks))
    parts.extend(photos.html_figures(meta.photos))
    signature = layout.signature_lines(meta)
    visa = meta.visa_lines
    if signature or visa:
        parts.append("<footer>")
        if signature:
            parts.append('<p class="signature">' + "<br>\n".join(_text(line) for line in signature) + "</p>")
        if visa:
            parts.append('<p class="visa">' + "<br>\n".join(_text(line) for line in visa) + "</p>")
        parts.append("</footer>")
    parts.append("</article>")
    return "\n".join(parts) + "\n"


def export_text(document: Document, meta: ReleaseMeta) -> str:
    """Plain text for social channels: headline, blank-line paragraphs, then the signature."""
    paragraphs = [layout.clean_text(document.title).strip()]
    for block in document.blocks:
        text = layout.clean_text(block.text).strip()
        if layout.is_blank(text):
            continue
        paragraphs.append(f"• {text}" if block.kind == "list_item" else text)
    if meta.date_line and meta.date_line.strip():
        paragraphs.insert(1, layout.clean_text(meta.date_line).strip())
    paragraphs.extend(photos.credit_paragraphs(meta.photos))
    signature = [layout.clean_text(line).strip() for line in meta.signature_lines if line.strip()]
    if signature:
        paragraphs.append("\n".join(signature))
    return "\n\n".join(paragraphs) + "\n"
