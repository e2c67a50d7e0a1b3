"""A photo as a release holds it: the stored image's SHA-256 and the words around it, in order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from desktop.document import normalize_text
from desktop.errors import UserError
from desktop.photos import limits

CREDIT_PREFIX = "Фото: "


@dataclass(frozen=True)
class PhotoEntry:
    """One photo of a revision: which image (by SHA-256), its caption, credit and alt text.

    `removed` and `original_had_gps` record what the attach stripped, for the reviewer; they are
    not part of the content hash (the image's bytes are, through sha256).
    """

    sha256: str
    caption: str = ""
    credit: str = ""
    alt: str = ""
    width: int = 0
    height: int = 0
    format: str = "JPEG"
    original_had_gps: bool = False
    removed: tuple[str, ...] = ()
    file_name: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "removed", tuple(self.removed))

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "caption": self.caption,
            "credit": self.credit,
            "alt": self.alt,
            "width": self.width,
            "height": self.height,
            "format": self.format,
            "original_had_gps": self.original_had_gps,
            "removed": list(self.removed),
            "file_name": self.file_name,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PhotoEntry:
        return cls(
            sha256=str(data["sha256"]),
            caption=str(data.get("caption", "")),
            credit=str(data.get("credit", "")),
            alt=str(data.get("alt", "")),
            width=int(data.get("width", 0)),
            height=int(data.get("height", 0)),
            format=str(data.get("format", "JPEG")),
            original_had_gps=bool(data.get("original_had_gps", False)),
            removed=tuple(data.get("removed", ())),
            file_name=str(data.get("file_name", "")),
        )

    def hashed(self) -> dict[str, str]:
        """What the approval covers of this photo: its image and its words (the list gives the order)."""
        return {"sha256": self.sha256, "caption": self.caption, "credit": self.credit, "alt": self.alt}

    @property
    def credit_line(self) -> str:
        """«Фото: Олена Петренко», or empty."""
        return credit_line(self.credit)

    def with_words(self, caption: str | None = None, credit: str | None = None, alt: str | None = None) -> PhotoEntry:
        return replace(
            self,
            caption=self.caption if caption is None else clean_words(caption, limits.MAX_CAPTION_CHARS, "Підпис"),
            credit=self.credit if credit is None else clean_credit(credit),
            alt=self.alt if alt is None else clean_words(alt, limits.MAX_ALT_CHARS, "Опис для незрячих"),
        )


def clean_words(text: str, limit: int, what: str) -> str:
    """One line of NFC text without control characters, or a refusal when it is too long."""
    value = " ".join(normalize_text(text).replace("\x00", "").split())
    if len(value) > limit:
        raise UserError(f"{what} до фото задовгий ({len(value)} символів); найбільше — {limit}.")
    return value


def clean_credit(text: str) -> str:
    """The author's name without a leading «Фото:», which the exports add themselves."""
    value = clean_words(text, limits.MAX_CREDIT_CHARS, "Автор фото")
    for prefix in ("фото:", "фото :", "photo:"):
        if value.lower().startswith(prefix):
            value = value[len(prefix):].strip()
    return value


def credit_line(credit: str) -> str:
    return f"{CREDIT_PREFIX}{credit}" if credit.strip() else ""


def entries_from_json(data: list[dict[str, Any]] | None) -> list[PhotoEntry]:
    return [PhotoEntry.from_json(item) for item in data or []]


def hashed_list(photos: list[PhotoEntry] | list[dict[str, Any]] | None) -> list[dict[str, str]]:
    """The photos as the content hash covers them, in order."""
    entries = [p if isinstance(p, PhotoEntry) else PhotoEntry.from_json(p) for p in photos or []]
    return [entry.hashed() for entry in entries]


@dataclass(frozen=True)
class ExportPhoto:
    """A photo as an exporter places it: the stored image and its words."""

    number: int
    data: bytes
    format: str
    width: int
    height: int
    caption: str
    credit: str
    alt: str

    @property
    def credit_line(self) -> str:
        return credit_line(self.credit)

    @property
    def extension(self) -> str:
        return "png" if self.format == "PNG" else "jpg"

    @property
    def mime_type(self) -> str:
        return "image/png" if self.format == "PNG" else "image/jpeg"

    @property
    def file_name(self) -> str:
        """«foto-01.jpg»: the name inside an HTML folder or a package."""
        return f"foto-{self.number:02d}.{self.extension}"

    def caption_text(self) -> str:
        """«Підпис. Фото: Автор» — the caption and the credit as one line."""
        parts = [part for part in (self.caption.strip(), self.credit_line) if part]
        if len(parts) == 2 and not parts[0].endswith((".", "!", "?", "…")):
            parts[0] += "."
        return " ".join(parts)
