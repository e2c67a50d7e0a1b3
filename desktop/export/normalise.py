"""One normaliser for the approved text and a PDF's extracted text, so that a verdict is plain equality.

Typesetting adds things that are not the text: non-breaking and narrow spaces, soft hyphens,
hyphens at line ends (within a page, and across a page break), line breaks, page numbers,
the visible signature stamp, list bullets; and it loses characters the font cannot draw
(emoji show as empty boxes and extract as nothing). `comparable` removes all of these, on
both sides; `equal` is equality of the results, never containment. Whitespace itself is
typesetting too (poppler sometimes drops a non-breaking space between two words), so the
comparison ignores it; every other character must be the same.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable

# Characters the page never shows as text: bullets drawn by the list layout.
_BULLETS = "•●\uf0b7"
_HYPHENS = "-\u2010\u2011"
_LETTER = r"[^\W\d_]"
# "Кири-\nленко", "сам-\n\f2\nміт": a hyphen between letters with only a line or page break
# (or a space) after it, and a hyphen inside a word, are both dropped: "будь-який" and
# "будьякий" compare equal, which is what lets a hyphenated line end match either.
_HYPHEN_BREAK = re.compile(rf"(?<={_LETTER})[{_HYPHENS}]\s*(?={_LETTER})")
_SPACES = re.compile(r"\s+")
_STAMP_HEAD = "Підписано електронним підписом"
_STAMP_DATE = re.compile(
    r"Дата: \d{2}\.\d{2}\.\d{4} \d{2}:\d{2}(?::\d{2})?(?: UTC| \(Київ, UTC[+\-−]\d{2}:\d{2}\))$"
)


@functools.cache
def _drawable() -> frozenset[int]:
    """Code points the PDF's font has a glyph for (what the page can show as text)."""
    from reportlab.pdfbase import pdfmetrics

    from desktop.export.pdf_fonts import FONT_NAMES, register_fallback_font, register_fonts

    register_fonts()
    register_fallback_font()
    faces = [pdfmetrics.getFont(name).face for name in FONT_NAMES.values()]
    return frozenset().union(*(face.charToGlyph for face in faces))


def _keep(char: str, drawable: frozenset[int]) -> bool:
    if char.isspace():
        return True
    if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co", "Cn"}:
        return False  # bidi marks, zero-width joiners and spaces, stray controls
    return ord(char) in drawable and char not in _BULLETS


def words(text: str) -> list[str]:
    """The text's words after normalisation: what both sides of the comparison are made of."""
    # Compatibility forms (ligatures, NBSP, narrow NBSP) become their plain characters.
    text = unicodedata.normalize("NFKC", text.replace("\u00ad", "-"))
    drawable = _drawable()
    text = "".join(char for char in text if _keep(char, drawable))
    text = _HYPHEN_BREAK.sub("", text)
    return text.split()


def normalised(text: str) -> str:
    """The words, one space apart."""
    return " ".join(words(text))


def comparable(text: str) -> str:
    """The normalised text without any whitespace: the form two texts are compared in."""
    return "".join(words(text))


def equal(expected: str, actual: str) -> bool:
    """Whether two texts are the same once typesetting is taken away; an empty text equals nothing."""
    left = comparable(expected)
    return bool(left) and left == comparable(actual)


def without_page_numbers(extracted: str) -> str:
    """pdftotext's output without the number at the top of pages 2+ (pages joined by line breaks)."""
    pages = [page for page in extracted.split("\f") if page.strip()]
    kept: list[str] = []
    for number, page in enumerate(pages, start=1):
        lines = page.strip("\n").split("\n")
        if number > 1 and lines and lines[0].strip() == str(number):
            lines = lines[1:]
        kept.append("\n".join(lines))
    return "\n".join(kept)


def without_stamps(text: str, signers: Iterable[tuple[str, str]]) -> str:
    """The text without the visible signature stamps that poppler extracts after the page's own text.

    A stamp is removed only when it is exactly one this program draws for one of the file's
    signers (`signers` holds (name, organisation) pairs from the signing certificates).
    """
    allowed = {(name.strip(), organisation.strip()) for name, organisation in signers}
    current = normalised(text)
    while True:
        start = current.rfind(_STAMP_HEAD)
        if start < 0:
            return current
        tail = current[start + len(_STAMP_HEAD):].strip()
        if not _is_stamp(tail, allowed):
            return current
        current = current[:start].rstrip()


def _is_stamp(tail: str, allowed: set[tuple[str, str]]) -> bool:
    date = _STAMP_DATE.search(tail)
    if date is None or not tail.startswith("Підписувач: "):
        return False
    middle = tail[len("Підписувач: "):date.start()].strip()
    for name, organisation in allowed:
        name_n, organisation_n = normalised(name), normalised(organisation)
        if middle == name_n or (organisation_n and middle == f"{name_n} {organisation_n}"):
            return True
    return False


def _quote(tokens: list[str], limit: int) -> str:
    shown = " ".join(tokens[:limit])
    return f"«{shown}{'…' if len(tokens) > limit else ''}»"


def word_diff(expected: str, actual: str, *, max_changes: int = 3, max_words: int = 8) -> str:
    """A short Ukrainian account of where the actual text departs from the expected: зайве, бракує, замість."""
    want, got = words(expected), words(actual)
    matcher = difflib.SequenceMatcher(a=want, b=got, autojunk=False)
    parts: list[str] = []
    # Words only split or joined differently (a space poppler dropped) are no difference.
    changes = [
        op for op in matcher.get_opcodes()
        if op[0] != "equal" and "".join(want[op[1]:op[2]]) != "".join(got[op[3]:op[4]])
    ]
    for tag, a1, a2, b1, b2 in changes[:max_changes]:
        if tag == "insert":
            parts.append(f"зайве {_quote(got[b1:b2], max_words)}")
        elif tag == "delete":
            parts.append(f"бракує {_quote(want[a1:a2], max_words)}")
        else:
            parts.append(f"{_quote(got[b1:b2], max_words)} замість {_quote(want[a1:a2], max_words)}")
    if len(changes) > max_changes:
        parts.append(f"інших відмінностей: {len(changes) - max_changes}")
    return "; ".join(parts)
