"""The document model: the one form a release's text takes between the editor and every exporter."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass, field
from typing import Any

BLOCK_KINDS = ("lead", "paragraph", "quote", "list_item", "subheading")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False

    def same_format(self, other: Run) -> bool:
        return (self.bold, self.italic, self.underline) == (other.bold, other.italic, other.underline)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text}
        for flag in ("bold", "italic", "underline"):
            if getattr(self, flag):
                data[flag] = True
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Run:
        return cls(
            text=str(data.get("text", "")),
            bold=bool(data.get("bold", False)),
            italic=bool(data.get("italic", False)),
            underline=bool(data.get("underline", False)),
        )


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit: lead, paragraph, quote, list item or subheading."""

    kind: str
    runs: tuple[Run, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in BLOCK_KINDS:
            raise ValueError(f"unknown block kind: {self.kind!r}")
        object.__setattr__(self, "runs", tuple(self.runs))

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @classmethod
    def plain(cls, kind: str, text: str) -> Block:
        return cls(kind, (Run(text),))

    def normalized(self) -> Block:
        """Merges neighbouring runs of the same format and drops empty ones."""
        merged: list[Run] = []
        for run in self.runs:
            if not run.text:
                continue
            if merged and merged[-1].same_format(run):
                last = merged[-1]
                merged[-1] = Run(last.text + run.text, last.bold, last.italic, last.underline)
            else:
                merged.append(run)
        return Block(self.kind, tuple(merged))

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "runs": [run.to_json() for run in self.normalized().runs]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Block:
        return cls(str(data["kind"]), tuple(Run.from_json(run) for run in data.get("runs", ())))


@dataclass(frozen=True)
class Document:
    """A release's text: a headline and its blocks."""

    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blocks", tuple(self.blocks))

    def to_json_data(self) -> dict[str, Any]:
        return {"title": self.title, "blocks": [block.to_json() for block in self.blocks]}

    def to_json(self) -> str:
        """The canonical JSON: sorted keys, no spaces, NFC text, merged runs."""
        return canonical_json(self.to_json_data())

    @classmethod
    def from_json_data(cls, data: dict[str, Any]) -> Document:
        return cls(str(data.get("title", "")), tuple(Block.from_json(b) for b in data.get("blocks", ())))

    @classmethod
    def from_json(cls, text: str) -> Document:
        return cls.from_json_data(json.loads(text))

    def plain_text(self) -> str:
        """The canonical plain text: the headline, then one block a line."""
        lines = [normalize_text(self.title)]
        lines.extend(normalize_text(block.text) for block in self.blocks)
        return "\n".join(lines)

    @classmethod
    def from_plain_text(cls, text: str) -> Document:
        """The headline on the first line, then paragraphs; the first is the lead.

        Blank lines separate paragraphs when the text has them between its lines; a text without
        any (a word processor's, one paragraph a line) has a paragraph a line, but a line broken
        mid-sentence (hard-wrapped) goes on in the next.
        """
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        title = lines[0].strip() if lines else ""
        body = "\n".join(lines[1:]).strip()
        by_line = "\n\n" not in body and not any(not line.strip() for line in body.split("\n"))
        paragraphs: list[str] = []
        current: list[str] = []
        for line in lines[1:]:
            line = line.strip()
            if current and (not line or (by_line and current[-1].endswith(_PARAGRAPH_ENDS) and not line[0].islower())):
                paragraphs.append(" ".join(current))
                current = []
            if line:
                current.append(line)
        if current:
            paragraphs.append(" ".join(current))
        blocks = [Block.plain("lead" if i == 0 else "paragraph", p) for i, p in enumerate(paragraphs)]
        return cls(title, tuple(blocks))

    def word_count(self) -> int:
        return len(self.plain_text().split())


# A line ending so may end its paragraph (from_plain_text).
_PARAGRAPH_ENDS = (".", "!", "?", "…", "»", ":", ";", "\"", ")")


def normalize_text(text: str) -> str:
    """NFC form, so that the same words always hash the same."""
    return unicodedata.normalize("NFC", text)


def _normalize_value(value: Any) -> Any:
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, dict):
        return {normalize_text(str(k)): _normalize_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_normalize_value(v) for v in value]
    return value


def canonical_json(data: Any) -> str:
    """JSON with sorted keys, no insignificant spaces, NFC strings, non-ASCII kept as is."""
    return json.dumps(_normalize_value(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(
    document: Document,
    participants: list[dict[str, Any]] | None = None,
    facts: dict[str, Any] | None = None,
    photos: list[dict[str, Any]] | None = None,
) -> str:
    """SHA-256 of the canonical JSON of the text, the participants snapshot, the event facts and the photos.

    `photos` is the ordered list of {sha256, caption, credit, alt} (desktop.photos.model.hashed_list);
    the image's SHA-256 stands for its bytes. A release without photos hashes as it did before photos.
    """
    payload: dict[str, Any] = {
        "document": document.to_json_data(),
        "participants": participants or [],
        "facts": facts or {},
    }
    if photos:
        payload["photos"] = [
            {key: str(photo.get(key, "")) for key in ("sha256", "caption", "credit", "alt")} for photo in photos
        ]
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()
