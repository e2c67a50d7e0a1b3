"""What a reviewer reads of a release's photos: one line each for the diff, and notes to check."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from desktop.photos.model import PhotoEntry

GPS_NOTE = "в оригіналі були координати GPS (з файлу їх видалено); перевірте, чи не видно місця на самому знімку"
FIELD_LABELS = (("caption", "підпис"), ("credit", "автор"), ("alt", "опис"))


def photo_lines(photos: Sequence[PhotoEntry]) -> list[str]:
    """«Фото 1 [зображення 3fa2c1d0]: підпис · Фото: автор · опис: …», so a word diff shows photos
    added, removed, moved, re-captioned or replaced."""
    lines = []
    for number, photo in enumerate(photos, 1):
        parts = [photo.caption or "без підпису"]
        if photo.credit:
            parts.append(photo.credit_line)
        if photo.alt:
            parts.append(f"опис: {photo.alt}")
        lines.append(f"Фото {number} [зображення {photo.sha256[:8]}]: " + " · ".join(parts))
    return lines


def text_with_photos(plain_text: str, photos: Sequence[PhotoEntry]) -> str:
    """The release's plain text followed by its photo lines (the text alone when there are none)."""
    lines = photo_lines(photos)
    return "\n".join([plain_text, *lines]) if lines else plain_text


def photo_notes(photos: Sequence[PhotoEntry], check: Callable[[str], Sequence[Any]] | None = None) -> list[str]:
    """«Фото №1: …» for the reviewer: a GPS position in the original, and the proofreader's findings in
    each photo's words (`check` returns findings with .message; by default the security check only)."""
    if check is None:
        from desktop.language.security import default_security_checker

        check = default_security_checker().findings
    notes = []
    for number, photo in enumerate(photos, 1):
        if photo.original_had_gps:
            notes.append(f"Фото №{number}: {GPS_NOTE}.")
        for key, label in FIELD_LABELS:
            text = getattr(photo, key)
            if not text:
                continue
            for finding in check(text):
                fragment = text[finding.start:finding.end]
                notes.append(f"Фото №{number}, {label}: «{fragment}» — {finding.message}")
    return notes
