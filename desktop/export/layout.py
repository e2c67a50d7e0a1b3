"""The page of a release, held once for every exporter (after ДСТУ 4163-2003/2020)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

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
LOGO_HEIGHT_MM = 20.0
# The visible signature stamp sits under the signature block.
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
}

NBSP = "\u00a0"


def font_path(face: str = "regular") -> Path:
    """The shipped Liberation Serif file for a face: regular, bold, italic or bold_italic."""
    return resource("fonts", FONT_FILES[face])


@dataclass(frozen=True)
class ReleaseMeta:
    """Everything around the text that an export needs: signature, date line, properties."""

    organisation: str = ""
    department: str = ""
    signature_lines: tuple[str, ...] = ()
    date_line: str | None = None
    approval_line: str | None = None
    logo_path: Path | None = None
    content_hash: str = ""
    subject: str = "Прес-реліз"
    created: datetime = field(default_factory=lambda: datetime.now(UTC))
    language: str = LANGUAGE

    def __post_init__(self) -> None:
        object.__setattr__(self, "signature_lines", tuple(self.signature_lines))

    @property
    def author(self) -> str:
        """The department is the author of record."""
        return self.department or self.organisation


def approval_line(position: str, name: str, date_text: str) -> str:
    """«Погоджено: <посада> <Ім'я ПРІЗВИЩЕ>, <дата>», worded once, by the workflow."""
    from desktop.workflow.transitions import format_approval_line

    return format_approval_line(position, name, date_text)


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
_NUMBER_UNIT = re.compile(r"\b(\d+) (?=(?:млн|млрд|тис|грн|км|кг|га|м|%)\b)")
_SIGN = re.compile(r"(№|§) (?=\d)")


def typographic_nbsp(text: str) -> str:
    """Puts non-breaking spaces where Ukrainian typography wants them; NBSP→space gives back the input."""
    for pattern in (_INITIAL, _DATE_DAY, _DATE_MONTH, _DATE_YEAR, _SHORT_WORD, _NUMBER_UNIT, _SIGN):
        text = pattern.sub(lambda m: m.group(1) + NBSP, text)
    return _DASH.sub(NBSP, text)


def loosen(text: str) -> str:
    """The text as a reader compares it: NBSP and narrow NBSP as plain spaces."""
    return text.replace(NBSP, " ").replace("\u202f", " ")


def run_markup(run: Run, escape: Callable[[str], str], italic: str, bold: str) -> str:
    """A run's prepared, escaped text in underline, italic and bold tags; the exporters name the tags."""
    text = escape(prepare(run.text))
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


def footer_lines(meta: ReleaseMeta) -> list[str]:
    """The lines after the text: the approval line, then the signature block."""
    lines = [meta.approval_line] if meta.approval_line and meta.approval_line.strip() else []
    lines.extend(line for line in meta.signature_lines if line.strip())
    return [clean_text(line) for line in lines]


def reading_text(document: Document, meta: ReleaseMeta) -> str:
    """The whole release in reading order, one line a paragraph: what a reader of any export sees."""
    lines = header_lines(meta)
    lines.append(clean_text(document.title))
    lines.extend(clean_text(block.text) for block in document.blocks)
    lines.extend(footer_lines(meta))
    return "\n".join(lines)


def is_blank(text: str) -> bool:
    """True when nothing printable is left."""
    return not any(not unicodedata.category(ch).startswith(("Z", "C")) for ch in text)
