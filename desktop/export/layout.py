"""The page of a release, held once for every exporter (after ДСТУ 4163-2003/2020)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from desktop.document import Document, Run, normalize_text
from desktop.paths import resource

PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_LEFT_MM = 30.0
MARGIN_RIGHT_MM = 10.0
MARGIN_TOP_MM = 20.0
MARGIN_BOTTOM_MM = 20.0
FONT_SIZE_PT = 14.0
SMALL_FONT_SIZE_PT = 12.0
# Single spacing as Word and LibreOffice set it for Times New Roman (about 1.15 of the size).
LEADING_PT = 16.1
FIRST_LINE_INDENT_CM = 1.25
SPACE_AFTER_PARAGRAPH_PT = 0.0
QUOTE_INDENT_CM = 1.25
LIST_INDENT_CM = 1.25
SIGNATURE_SPACE_BEFORE_PT = 24.0
VISA_SPACE_BEFORE_PT = 18.0
LOGO_HEIGHT_MM = 20.0
# The visible signature stamp sits under the signature block; the room is kept in every copy,
# signed or not, so that a signed PDF paginates exactly as the unsigned one.
STAMP_WIDTH_MM = 95.0
STAMP_HEIGHT_MM = 24.0

DOCX_FONT = "Times New Roman"
PDF_FONT = "Liberation Serif"
LANGUAGE = "uk-UA"
CREATOR = "Вісник"

FONT_FILES = {
    "regular": "LiberationSerif-Regular.ttf",
    "bold": "LiberationSerif-Bold.ttf",
    "italic": "LiberationSerif-Italic.ttf",
    "bold_italic": "LiberationSerif-BoldItalic.ttf",
    # Emoji and symbols Liberation Serif lacks (LICENSE-Symbola.txt).
    "fallback": "Symbola.ttf",
}

# The two kinds of copy: the publication carries no internal marks; the office's own copy
# carries the approval visa «ПОГОДЖЕНО» under the signature (ДСТУ 4163).
PUBLICATION = "publication"
OFFICE = "office"
COPIES = (PUBLICATION, OFFICE)
COPY_LABELS = {PUBLICATION: "для оприлюднення", OFFICE: "службовий примірник (з візою)"}

NBSP = "\u00a0"


def font_path(face: str = "regular") -> Path:
    """The shipped Liberation Serif file for a face: regular, bold, italic or bold_italic."""
    return resource("fonts", FONT_FILES[face])


@dataclass(frozen=True)
class Visa:
    """The approval visa of the office copy (ДСТУ 4163): ПОГОДЖЕНО, the position, «Власне ім’я ПРІЗВИЩЕ», the date."""

    position: str
    name: str
    date_text: str
    note: str = ""

    def lines(self) -> list[str]:
        position = self.position.strip()
        lines = ["ПОГОДЖЕНО"]
        if position:
            lines.append(position[:1].upper() + position[1:])
        lines += [self.name.strip(), self.date_text.strip()]
        if self.note.strip():
            lines.append(self.note.strip())
        return [clean_text(line) for line in lines if line]


@dataclass(frozen=True)
class ReleaseMeta:
    """Everything around the text that an export needs: signature, date line, properties."""

    organisation: str = ""
    department: str = ""
    signature_lines: tuple[str, ...] = ()
    date_line: str | None = None
    visa: Visa | None = None
    copy: str = PUBLICATION
    logo_path: Path | None = None
    content_hash: str = ""
    subject: str = "Прес-реліз"
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    language: str = LANGUAGE
    event_date: date | None = None
    hashtags: tuple[str, ...] = ()
    # The approved revision's photos, in order (desktop.photos.model.ExportPhoto); export/photos.py places them.
    photos: tuple[Any, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature_lines", tuple(self.signature_lines))
        object.__setattr__(self, "hashtags", tuple(self.hashtags))

    @property
    def author(self) -> str:
        """The department is the author of record."""
        return self.department or self.organisation

    @property
    def visa_lines(self) -> list[str]:
        """The visa's lines on the office copy; nothing on the publication."""
        return self.visa.lines() if self.copy == OFFICE and self.visa is not None else []


def approval_visa(position: str, name: str, date_text: str, note: str = "") -> Visa:
    """The visa of an approval: position, «Власне ім’я ПРІЗВИЩЕ» and the date."""
    return Visa(position, name, date_text, note)


_UNSAFE_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029\x85]")


def clean_text(text: str) -> str:
    """NFC text without control characters, so no exporter (XML, PDF) meets them."""
    text = _LINE_BREAKS.sub(" ", normalize_text(text))
    return _UNSAFE_CHARS.sub("", text)


_MONTHS = (
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
)
# "Ю. Тарасюк", "Ю. В. Тарасюк": the initial stays with what follows.
_INITIAL = re.compile(r"(?<![\w])([А-ЯҐЄІЇA-Z]\.) (?=[А-ЯҐЄІЇA-Z])")
# "20 квітня 2023 року": the day, the month, the year and "року" stay together.
_DATE_DAY = re.compile(rf"\b(\d{{1,2}}) (?=(?:{_MONTHS})\b)")
_DATE_YEAR = re.compile(r"\b(\d{4}) (?=(?:року|р\.)(?!\w))")
_DATE_MONTH = re.compile(rf"\b((?:{_MONTHS})) (?=\d{{4}})")
# A dash never starts a line.
_DASH = re.compile(" (?=[—–] )")
# One-letter words and short prepositions do not end a line.
_SHORT_WORD = re.compile(r"(?<![\w\-’ʼ'.])(в|у|з|о|і|а|й|до|на|за|по|від|із|зі|зо|над|під|об) (?=\w)", re.IGNORECASE)
_UNITS = (
    "млн|млрд|тис|грн|гривень|гривні|гривня|євро|доларів|дол|км|кг|га|м|см|мм|т|л|кВт|МВт|год|хв|шт|осіб|%"
)
_NUMBER_UNIT = re.compile(rf"\b(\d+(?:[,.]\d+)?) (?=(?:{_UNITS})(?!\w))")
# «1 200», «12 500 000»: the groups of a number never part.
_THOUSANDS = re.compile(r"(?<![\d,.])(\d{1,3}) (?=\d{3}(?!\d))")
_SIGN = re.compile(r"(№|§) (?=\d)")


def typographic_nbsp(text: str) -> str:
    """Puts non-breaking spaces where Ukrainian typography wants them; NBSP→space gives back the input."""
    text = _THOUSANDS.sub(lambda m: m.group(1) + NBSP, text)
    text = _THOUSANDS.sub(lambda m: m.group(1) + NBSP, text)  # overlapping groups: 12 500 000
    for pattern in (_INITIAL, _DATE_DAY, _DATE_MONTH, _DATE_YEAR, _SHORT_WORD, _NUMBER_UNIT, _SIGN):
        text = pattern.sub(lambda m: m.group(1) + NBSP, text)
    return _DASH.sub(NBSP, text)


def loosen(text: str) -> str:
    """The text as a reader compares it: NBSP and narrow NBSP as plain spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def link_target(text: str) -> str:
    """Where a link in the text leads: e-mails get mailto:, «www.» addresses https://."""
    if "://" in text or text.lower().startswith("mailto:"):
        return text
    if "@" in text:
        return f"mailto:{text}"
    return f"https://{text}"


def split_links(text: str) -> list[tuple[str, bool]]:
    """The text in pieces, each marked whether it is a link (URL or e-mail)."""
    from desktop.export.hyphenation import LINK

    pieces: list[tuple[str, bool]] = []
    last = 0
    for match in LINK.finditer(text):
        if match.start() > last:
            pieces.append((text[last:match.start()], False))
        pieces.append((match.group(0), True))
        last = match.end()
    if last < len(text):
        pieces.append((text[last:], False))
    return pieces


def run_markup(
    run: Run, escape: Callable[[str], str], italic: str, bold: str,
    link: Callable[[str, str], str] | None = None,
) -> str:
    """A run's prepared, escaped text in underline, italic and bold tags; the exporters name the tags.

    `link(escaped_text, target)` marks up a link, when the exporter makes links clickable.
    """
    prepared = prepare(run.text)
    if link is None:
        text = escape(prepared)
    else:
        text = "".join(link(escape(piece), link_target(piece)) if is_link else escape(piece)
                       for piece, is_link in split_links(prepared))
    if not text:
        return ""
    if run.underline:
        text = f"<u>{text}</u>"
    if run.italic:
        text = f"<{italic}>{text}</{italic}>"
    if run.bold:
        text = f"<{bold}>{text}</{bold}>"
    return text


def prepare(text: str) -> str:
    """Clean text with typographic spaces, as every exporter lays it out."""
    return typographic_nbsp(clean_text(text))


def header_lines(meta: ReleaseMeta) -> list[str]:
    """The lines above the headline: the organisation and the date-and-place line."""
    lines = [meta.organisation] if meta.organisation.strip() else []
    if meta.date_line and meta.date_line.strip():
        lines.append(meta.date_line)
    return [clean_text(line) for line in lines]


def signature_lines(meta: ReleaseMeta) -> list[str]:
    """The department's signature block, blank lines dropped."""
    return [clean_text(line) for line in meta.signature_lines if line.strip()]


def footer_lines(meta: ReleaseMeta) -> list[str]:
    """The lines after the text: the signature block, then (on the office copy) the visa."""
    return signature_lines(meta) + meta.visa_lines


def caption_parts(photo: Any) -> tuple[str, str]:
    """The caption (with its full stop) and «Фото: …», each cleaned; either may be empty."""
    caption = clean_text(photo.caption).strip()
    credit = clean_text(photo.credit_line).strip()
    if caption and credit and not caption.endswith((".", "!", "?", "…")):
        caption += "."
    return caption, credit


def reading_text(document: Document, meta: ReleaseMeta) -> str:
    """The whole release in reading order, one line a paragraph: what a reader of any export sees."""
    lines = header_lines(meta)
    lines.append(clean_text(document.title))
    lines.extend(clean_text(block.text) for block in document.blocks)
    for photo in meta.photos:
        line = " ".join(part for part in caption_parts(photo) if part)
        if line:
            lines.append(line)
    lines.extend(footer_lines(meta))
    return "\n".join(lines)


def is_blank(text: str) -> bool:
    """True when nothing printable is left."""
    return not any(not unicodedata.category(ch).startswith(("Z", "C")) for ch in text)
