"""The flowables of a release PDF: paragraphs that hyphenate and break pages as a typesetter would.

reportlab breaks lines greedily and knows nothing of Ukrainian. Here, through its own hooks:
- the hyphenation letters include every Cyrillic letter and the apostrophe, and «», “” count as
  punctuation around a word, so words with і, ї, є, ґ and ’ hyphenate;
- links break at their own safe points (hyphenation.link_pairs) and never run past the margin;
- a paragraph re-wraps when three lines in a row would end in a hyphen, and never leaves a
  hyphenated line at the foot of a page (the next page would start with half a word);
- the last paragraph keeps at least two of its lines with the signature block.
"""

from __future__ import annotations

import copy
import functools
import re
from typing import Any, cast

from reportlab.platypus import Flowable, FrameBreak, KeepTogether, Paragraph
from reportlab.platypus import paragraph as rl_paragraph

from desktop.export import hyphenation

MAX_HYPHENATED_RUN = 2
TAIL_LINES = 2
_MAX_REWRAPS = 12
_EDGE = re.compile(r"^[^\w’ʼ']+|[^\w’ʼ']+$")
# Links get a break whenever they do not fit: a negative waste ratio makes reportlab always try.
ALWAYS_SPLIT_LINKS = -1000.0


@functools.cache
def install_hooks() -> None:
    """Teaches reportlab's line breaker Ukrainian words and links (its module-level patterns)."""
    letters = rl_paragraph._hy_letters + hyphenation.CYRILLIC + hyphenation.APOSTROPHES + "\u0301"
    rl_paragraph._hy_letters_pat = re.compile(f"^[{letters}]+$")
    rl_paragraph._hy_shy_letters_pat = re.compile(f"^[{rl_paragraph._hy_shy}{letters}]+$")
    rl_paragraph._hy_pfx_pat = re.compile("^['\"([{\xbf\u2018\u201a\u201c\u201e\u00ab\u2039]+")
    rl_paragraph._hy_sfx_pat = re.compile("[]'\")}?!.,;:\u2019\u201b\u201d\u201f\u00bb\u203a\u2026]+$")
    original = rl_paragraph._uri_split_pairs

    def split_pairs(word: str) -> Any:  # reportlab's own return shape
        if isinstance(word, bytes):
            word = word.decode("utf-8")
        if hyphenation.LINK.fullmatch(word):
            return hyphenation.link_pairs(word)
        return original(word)

    rl_paragraph._uri_split_pairs = split_pairs
    original_split_frag_word = rl_paragraph._splitFragWord

    def split_frag_word(w: Any, maxWidth: float, maxWidths: list[float], lineno: int) -> Any:  # noqa: N803 - reportlab's own
        text = "".join(piece for _frag, piece in w[1:])
        if hyphenation.LINK.fullmatch(word_key(text)) or hyphenation.LINK.fullmatch(text):
            return _split_link(w, text, maxWidth, maxWidths, lineno)
        return original_split_frag_word(w, maxWidth, maxWidths, lineno)

    rl_paragraph._splitFragWord = split_frag_word


def _split_link(w: Any, text: str, width: float, widths: list[float], lineno: int) -> list:  # noqa: ANN001
    """A link longer than a line, cut only at its safe points (hyphenation.link_pairs).

    When not even the first piece fits on the current line, that line ends (an empty piece)
    and the link starts on the next. Where a piece has no safe point at all, it is cut where
    the line ends, as reportlab would.
    """
    chars = list(rl_paragraph._fragWordIter(w))
    safe = {len(head) for head, _tail in hyphenation.link_pairs(text)}
    last_line = len(widths) - 1
    cuts: list[int] = []
    start, used, available = 0, 0.0, width
    index = 0
    while index < len(chars):
        used += chars[index][1]
        if used > available:
            candidates = [cut for cut in safe if start < cut <= index]
            if candidates:
                cut = max(candidates)
            elif not cuts and start == 0 and available < widths[min(last_line, lineno + 1)]:
                cut = 0  # the link starts on the next line
            else:
                cut = max(index, start + 1)
            cuts.append(cut)
            start = cut
            lineno += 1
            available = widths[min(last_line, lineno)]
            used = sum(c[1] for c in chars[start:index + 1])
            index = max(index, start)
            if used > available:
                continue
        index += 1
    pieces = []
    bounds = [0, *cuts, len(chars)]
    for number, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False)):
        frags: list[tuple] = []
        for frag, _width, ch in chars[a:b]:
            if frags and frags[-1][0] is frag:
                frags[-1] = (frag, frags[-1][1] + ch)
            else:
                frags.append((frag, ch))
        if not frags:
            frags = [(chars[0][0], "")]
        cloned = []
        for frag, piece in frags:
            copy = frag.clone()
            copy.text = piece
            cloned.append((copy, piece))
        piece_width = sum(c[1] for c in chars[a:b])
        last = number == len(bounds) - 2
        kind = ((rl_paragraph._SplitFragHS if isinstance(w, rl_paragraph._HSFrag) else rl_paragraph._SplitFragH)
                if last else rl_paragraph._SplitFrag)
        pieces.append(kind([piece_width, *cloned]))
    return pieces


def word_key(token: str) -> str:
    """A word as the hyphenator sees it: without the punctuation around it."""
    return _EDGE.sub("", token)


def line_texts(para: Paragraph) -> list[str]:
    """The text of each wrapped line of a paragraph."""
    lines = para.blPara.lines
    if para.blPara.kind == 0:
        return [" ".join(str(word) for word in line[1]) for line in lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in lines]


def _ends_hyphenated(text: str) -> bool:
    text = text.rstrip()
    return len(text) > 1 and text.endswith("-") and text[-2].isalpha()


def _broken_word(lines: list[str], index: int) -> str:
    """The word broken at the end of line `index` (its head there, its tail on the next line)."""
    head = lines[index].rstrip()[:-1].split(" ")[-1]
    following = lines[index + 1].lstrip().split(" ") if index + 1 < len(lines) else [""]
    return word_key(head + following[0])


def hyphenated_lines(para: Paragraph) -> list[int]:
    """Indexes of the lines that end in a hyphenation."""
    lines = line_texts(para)
    return [index for index in range(len(lines) - 1) if _ends_hyphenated(lines[index])]


class ReleaseParagraph(Paragraph):
    """A Paragraph with at most two hyphenated lines in a row and none at the foot of a page."""

    def __init__(self, text: str, style: Any, bulletText: Any = None, frags: Any = None,  # noqa: N803
                 caseSensitive: int = 1, encoding: str = "utf8") -> None:
        super().__init__(text, style, bulletText=bulletText, frags=frags, caseSensitive=caseSensitive,
                         encoding=encoding)
        self.unhyphenated: set[str] = set()

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - reportlab's API
        result = None
        for _ in range(_MAX_REWRAPS):
            with hyphenation.unhyphenated(getattr(self, "unhyphenated", set())):
                result = super().breakLines(width)
            self.blPara = result
            lines = line_texts(self)
            ends = [index for index in range(len(lines) - 1) if _ends_hyphenated(lines[index])]
            runs = [index for index in ends if all(index - k in ends for k in range(1, MAX_HYPHENATED_RUN + 1))]
            if not runs:
                return result
            self.unhyphenated.add(_broken_word(lines, runs[0]))
        return result

    def split(self, availWidth: float, availHeight: float) -> Any:  # noqa: N803 - reportlab's API
        # reportlab's split rewrites the fragments it shares with the pieces; keep the originals
        # so that a re-wrap really breaks the lines anew.
        original = copy.deepcopy(cast(Any, self).frags)
        parts = super().split(availWidth, availHeight)
        for _ in range(_MAX_REWRAPS):
            if len(parts) != 2 or not hasattr(self, "blPara"):
                return parts
            lines = line_texts(self)
            foot = len(parts[0].blPara.lines) - 1
            if not 0 <= foot < len(lines) - 1 or not _ends_hyphenated(lines[foot]):
                return parts
            # The page would end in half a word: that word stays whole, and the paragraph re-wraps.
            self.unhyphenated.add(_broken_word(lines, foot))
            del self.blPara
            self.frags = copy.deepcopy(original)
            self.wrap(availWidth, availHeight)
            parts = super().split(availWidth, availHeight)
        return parts


class StampSpace(Flowable):
    """Room for the signature stamp, kept in signed and unsigned copies alike; remembers where it was drawn."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.stamp_width = width
        self.stamp_height = height
        self.box: tuple[int, float, float, float, float] | None = None

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.stamp_width = min(self.stamp_width, available_width)
        return (available_width, self.stamp_height + 6)

    def draw(self) -> None:
        x, y = self.canv.absolutePosition(0, 0)
        page = self.canv.getPageNumber() - 1
        self.box = (page, x, y, x + self.stamp_width, y + self.stamp_height)


class KeepTail(Flowable):
    """The release's last paragraph and the signature block: the block never starts a page alone.

    When both do not fit, the paragraph is split so that at least two of its lines go over
    with the block (and the rest of it, widow and orphan rules kept, stays on this page).
    Like reportlab's KeepTogether it always asks to be split, and hands the frame its parts.
    """

    def __init__(self, last: Paragraph | None, ending: list[Flowable]) -> None:
        super().__init__()
        self.last = last
        self.ending = ending

    def content(self) -> list[Flowable]:
        """What is drawn, in order."""
        return ([self.last] if self.last is not None else []) + self.ending

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self._height = sum(f.wrap(available_width, available_height)[1] + f.getSpaceBefore() + f.getSpaceAfter()
                           for f in self.content())
        return available_width, 0xFFFFFF  # always split

    def draw(self) -> None:  # pragma: no cover - never drawn itself: split hands over the parts
        pass

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        self.wrap(available_width, available_height)
        if self._height <= available_height + 1e-6:
            return self.content()
        last = self.last
        frame = getattr(self, "_frame", None)
        if frame is not None and getattr(frame, "_atTop", False):
            return self.content()  # a fresh page cannot hold it all: let the parts split as they will
        if last is None:
            return [FrameBreak(), *self.content()]
        last.wrap(available_width, available_height)
        total = len(last.blPara.lines)
        if total < TAIL_LINES + 2:
            return [FrameBreak(), *self.content()]  # too short to split without an orphan: all go over
        room = min(available_height, (total - TAIL_LINES) * last.style.leading + 1e-3)
        parts = last.split(available_width, room)
        if len(parts) != 2:
            return [FrameBreak(), *self.content()]
        return [parts[0], KeepTogether([parts[1], *self.ending])]
