"""The part of the GUI's facade that attaches, re-captions, reorders and removes a release's photos."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.facade.base import FacadeBase


@dataclass(frozen=True)
class PhotoView:
    """One photo as the editor's strip shows it: its place, words, size and thumbnail (JPEG or PNG bytes)."""

    number: int
    caption: str
    credit: str
    alt: str
    width: int
    height: int
    thumbnail: bytes
    original_had_gps: bool
    removed: tuple[str, ...]


class PhotosFacade(FacadeBase):
    """A release's photos, each change a save of the release (a revision, an approval voided)."""

    def photo_file_filter(self) -> str:
        """The file dialog's filter: the formats attach accepts."""
        from desktop.photos.images import ACCEPTED_SUFFIXES

        patterns = " ".join(f"*{suffix}" for suffix in ACCEPTED_SUFFIXES)
        upper = " ".join(f"*{suffix.upper()}" for suffix in ACCEPTED_SUFFIXES)
        return f"Фото ({patterns} {upper});;Усі файли (*)"

    def photo_notes(self, view: PhotoView) -> list[str]:
        """«Фото №N, підпис: …» — the proofreader's findings in the photo's words and its GPS flag."""
        from desktop.photos.model import PhotoEntry
        from desktop.photos.review import photo_notes

        entry = PhotoEntry("", view.caption, view.credit, view.alt, original_had_gps=view.original_had_gps)
        check = getattr(self, "check_text", None)  # the workspace's proofreader (ProofingFacade)
        try:
            notes = photo_notes([entry], check)
        except Exception:  # noqa: BLE001 - a proofreader that fails to build leaves the security check
            notes = photo_notes([entry])
        return [note.replace("Фото №1", f"Фото №{view.number}", 1) for note in notes]

    def photos(self, release_id: int) -> list[PhotoView]:
        from desktop.releases import photos

        with self.database.session() as session:
            found = photos.thumbnails(session, self._attached(session), release_id)
        return [
            PhotoView(number, entry.caption, entry.credit, entry.alt, entry.width, entry.height, thumbnail,
                      entry.original_had_gps, entry.removed)
            for number, (entry, thumbnail) in enumerate(found, 1)
        ]

    def attach_photo(
        self, release_id: int, path: Path | str, caption: str = "", credit: str = "", alt: str = "",
        expected_version: int | None = None,
    ) -> Any:
        """Reads, strips and attaches a photo file; returns a PhotoChange (new version, removed_line)."""
        from desktop.photos.images import read_photo_file
        from desktop.releases import photos

        data = read_photo_file(path)
        with self.database.session() as session:
            return photos.attach_photo(
                session, self._attached(session), release_id, data, Path(path).name,
                caption=caption, credit=credit, alt=alt, expected_version=expected_version,
            )

    def update_photo(
        self, release_id: int, number: int, *, caption: str | None = None, credit: str | None = None,
        alt: str | None = None, expected_version: int | None = None,
    ) -> Any:
        from desktop.releases import photos

        with self.database.session() as session:
            return photos.update_photo(
                session, self._attached(session), release_id, number,
                caption=caption, credit=credit, alt=alt, expected_version=expected_version,
            )

    def move_photo(self, release_id: int, number: int, to_number: int, expected_version: int | None = None) -> Any:
        from desktop.releases import photos

        with self.database.session() as session:
            return photos.move_photo(
                session, self._attached(session), release_id, number, to_number, expected_version=expected_version
            )

    def remove_photo(self, release_id: int, number: int, expected_version: int | None = None) -> Any:
        from desktop.releases import photos

        with self.database.session() as session:
            return photos.remove_photo(
                session, self._attached(session), release_id, number, expected_version=expected_version
            )
