"""Measuring rendered PDFs: pages as PNG (pdftoppm), ink margins, word gaps, hyphens and the signature."""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

PT_PER_MM = 72 / 25.4
PAGE_WIDTH_PT = 595.276
RIGHT_EDGE_PT = PAGE_WIDTH_PT - 10 * PT_PER_MM
EM_PT = 14.0
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@dataclass(frozen=True)
class Line:
    """One line of a page as poppler lays it out: its words with their x extents, and its place."""

    page: int
    words: tuple[tuple[float, float, str], ...]
    y: float
    last_in_block: bool

    @property
    def text(self) -> str:
        return " ".join(word for _a, _b, word in self.words)

    @property
    def justified(self) -> bool:
        """A full line of a justified paragraph: it reaches the right margin."""
        return len(self.words) > 1 and abs(self.words[-1][1] - RIGHT_EDGE_PT) < 1.0

    @property
    def widest_gap(self) -> float:
        return max(b[0] - a[1] for a, b in zip(self.words, self.words[1:], strict=False))


def lines(pdf: Path) -> list[Line]:
    """Every line of the PDF, page by page, from `pdftotext -bbox-layout`."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    result = []
    for number, page in enumerate(out.split("<page ")[1:], start=1):
        for block in page.split("<block ")[1:]:
            block_lines = block.split("<line ")[1:]
            for index, line in enumerate(block_lines):
                words = tuple((float(a), float(c), html.unescape(t)) for a, b, c, _d, t in _WORD.findall(line))
                if words:
                    y = float(_WORD.search(line).group(2))
                    result.append(Line(number, words, y, index == len(block_lines) - 1))
    return result


def page_lines(pdf: Path) -> dict[int, list[Line]]:
    """The lines of each page, top to bottom, without the page number in the top margin."""
    pages: dict[int, list[Line]] = {}
    for line in lines(pdf):
        if line.page > 1 and line.y < 20 * PT_PER_MM and line.text.strip() == str(line.page):
            continue
        pages.setdefault(line.page, []).append(line)
    for page in pages.values():
        page.sort(key=lambda line: line.y)
    return pages


def render_png(pdf: Path, folder: Path, dpi: int = 60) -> list[Path]:
    """The pages as PNG files (pdftoppm), in order."""
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], check=True)
    return sorted(folder.glob(f"{pdf.stem}-*.png"))


def ink_box_mm(png: Path, dpi: int = 60) -> tuple[float, float, float, float] | None:
    """The box (left, top, right, bottom, in mm from the top-left corner) of everything not white."""
    from PIL import Image, ImageOps

    with Image.open(png) as image:
        box = ImageOps.invert(image.convert("L")).point(lambda value: 255 if value > 40 else 0).getbbox()
    if box is None:
        return None
    mm_per_px = 25.4 / dpi
    return tuple(value * mm_per_px for value in box)  # type: ignore[return-value]
