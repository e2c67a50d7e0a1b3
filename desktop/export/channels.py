"""Texts for social channels: Telegram and Facebook, within their length limits, with the office's hashtags."""

from __future__ import annotations

import re

from desktop.document import Document
from desktop.export import layout
from desktop.export.layout import ReleaseMeta

# Telegram: a text message holds 4,096 characters (counted in UTF-16 units, as its API does).
# Facebook: a post holds 63,206 characters; the feed folds a post after its first lines.
LIMITS = {"telegram": 4096, "facebook": 63206}
CHANNELS = tuple(LIMITS)
ELLIPSIS = "…"
MORE = "Повний текст — на офіційному сайті."
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}) (?=\d{3}(?!\d))")


def length(text: str) -> int:
    """The length as the networks count it (UTF-16 code units: an emoji may count as two)."""
    return len(text.encode("utf-16-le")) // 2


def _numbers(text: str) -> str:
    # «1 200» never breaks across lines in a feed.
    for _ in range(2):
        text = _THOUSANDS.sub(lambda m: m.group(1) + layout.NBSP, text)
    return text


def _paragraphs(document: Document) -> list[str]:
    paragraphs = []
    for block in document.blocks:
        text = layout.clean_text(block.text).strip()
        if layout.is_blank(text):
            continue
        paragraphs.append(_numbers(f"• {text}" if block.kind == "list_item" else text))
    return paragraphs


def _compose(head: list[str], body: list[str], tail: list[str]) -> str:
    return "\n\n".join(part for part in head + body + tail if part) + "\n"


def channel_text(document: Document, meta: ReleaseMeta, channel: str) -> str:
    """The release for a channel: headline, dateline, paragraphs, hashtags, signature — within the limit.

    A release longer than the limit becomes its short variant: the opening paragraphs that fit,
    an ellipsis and a pointer to the full text, never a word cut in half.
    """
    limit = LIMITS[channel]
    head = [_numbers(layout.clean_text(document.title).strip())]
    if meta.date_line and meta.date_line.strip():
        head.append(layout.clean_text(meta.date_line).strip())
    tail = []
    if meta.hashtags:
        tail.append(" ".join(layout.clean_text(tag) for tag in meta.hashtags))
    signature = layout.signature_lines(meta)
    if signature:
        tail.append("\n".join(line.strip() for line in signature))
    body = _paragraphs(document)
    full = _compose(head, body, tail)
    if length(full) <= limit:
        return full
    return _short(head, body, tail, limit)


def _short(head: list[str], body: list[str], tail: list[str], limit: int) -> str:
    kept: list[str] = []
    closing = [MORE, *tail]
    for paragraph in body:
        if length(_compose(head, [*kept, paragraph], closing)) > limit:
            room = limit - length(_compose(head, [*kept, ELLIPSIS], closing))
            cut = _cut_words(paragraph, room)
            if cut:
                kept.append(cut + ELLIPSIS)
            break
        kept.append(paragraph)
    text = _compose(head, kept, closing)
    while length(text) > limit and kept:
        kept.pop()
        text = _compose(head, kept, closing)
    return text


def _cut_words(paragraph: str, room: int) -> str:
    """The paragraph's opening words within `room` characters, at a word boundary ("" when none fit)."""
    if room <= 0:
        return ""
    words = paragraph.split(" ")
    cut = ""
    for word in words:
        candidate = f"{cut} {word}" if cut else word
        if length(candidate) > room:
            break
        cut = candidate
    return cut.rstrip(",;:—– ")
