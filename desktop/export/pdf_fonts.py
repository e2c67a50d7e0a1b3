"""The PDF's fonts: the shipped Liberation Serif faces with a symbol fallback, tagged subsets, a right ToUnicode map."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from desktop.export import layout
from desktop.export.pdf_flow import install_hooks
from desktop.export.xml_escape import escape

FONT_NAMES = {
    "regular": "LiberationSerif",
    "bold": "LiberationSerif-Bold",
    "italic": "LiberationSerif-Italic",
    "bold_italic": "LiberationSerif-BoldItalic",
    "fallback": "Symbola",
}


def subset_tag(font_name: str, subset: int) -> str:
    """Six capital letters naming one font's subset, different for every font and subset of a file."""
    digest = hashlib.sha256(f"{font_name}/{subset}".encode()).digest()
    return "".join(chr(ord("A") + byte % 26) for byte in digest[:6])


def _unicode_hex(code: int) -> str:
    # UTF-16: a character beyond the BMP (an emoji) is a surrogate pair, not its code cut to 4 digits.
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, right for emoji too (reportlab writes only 4 hex digits)."""
    original = _ORIGINAL_CMAP(fontname, subset)
    head, _, rest = original.partition("beginbfchar\n")
    _, _, tail = rest.partition("endbfchar")
    pairs = "\n".join(f"<{index:02X}> <{_unicode_hex(code)}>" for index, code in enumerate(subset))
    return f"{head}beginbfchar\n{pairs}\nendbfchar{tail}"


_ORIGINAL_CMAP = ttfonts.makeToUnicodeCMap


class TaggedTTFont(TTFont):
    """reportlab tags every font's first subset «AAAAAA+»; a PDF wants a different tag for each."""

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's API
        original = ttfonts.SUBSETN
        ttfonts.SUBSETN = lambda n, _name=self.fontName: subset_tag(_name, n).encode("ascii")
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
        try:
            super().addObjects(doc)
        finally:
            ttfonts.SUBSETN = original
            ttfonts.makeToUnicodeCMap = _ORIGINAL_CMAP


@functools.cache
def register_fonts() -> str:
    """Registers the shipped Liberation Serif faces once; reportlab embeds subsets.

    The symbol fallback (a 3 MB font, the slowest to read) waits for a character that needs it:
    register_fallback_font().
    """
    # Binary Flate streams rather than ASCII85 on top: smaller files, and without reportlab's
    # optional C accelerator the pure-Python ASCII85 encoder costs a quarter of the export.
    rl_config.useA85 = 0
    for face, name in FONT_NAMES.items():
        if face != "fallback":
            pdfmetrics.registerFont(TaggedTTFont(name, str(layout.font_path(face))))
    pdfmetrics.registerFontFamily(
        FONT_NAMES["regular"],
        normal=FONT_NAMES["regular"],
        bold=FONT_NAMES["bold"],
        italic=FONT_NAMES["italic"],
        boldItalic=FONT_NAMES["bold_italic"],
    )
    install_hooks()
    return FONT_NAMES["regular"]


@functools.cache
def register_fallback_font() -> str:
    """Registers the symbol fallback (emoji, symbols Liberation Serif lacks) once; returns its name."""
    register_fonts()
    name = FONT_NAMES["fallback"]
    pdfmetrics.registerFont(TaggedTTFont(name, str(layout.font_path("fallback"))))
    return name


@functools.cache
def _covered() -> frozenset[int]:
    """The code points Liberation Serif draws (the same in all four faces)."""
    register_fonts()
    return frozenset(pdfmetrics.getFont(FONT_NAMES["regular"]).face.charToGlyph)


def pdf_escape(text: str) -> str:
    """Escaped paragraph text; characters the text font lacks are set in the fallback font, none dropped."""
    covered = _covered()
    parts: list[str] = []
    run: list[str] = []
    fallback = False
    for ch in text:
        missing = ord(ch) not in covered and ch not in "\u00a0\u202f"
        if missing:
            register_fallback_font()
        if missing != fallback and run:
            chunk = escape("".join(run))
            parts.append(f'<font face="{FONT_NAMES["fallback"]}">{chunk}</font>' if fallback else chunk)
            run = []
        fallback = missing
        run.append(ch)
    if run:
        chunk = escape("".join(run))
        parts.append(f'<font face="{FONT_NAMES["fallback"]}">{chunk}</font>' if fallback else chunk)
    return "".join(parts)
