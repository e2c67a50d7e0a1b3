"""The photos of a release: attached (stripped of metadata), re-captioned, reordered, removed.

A change of the photo list is a save of the release like a change of its words: it makes a
revision, changes the content hash and voids an approval (through revisions.save_text). The
images are PhotoFile rows, one per SHA-256, never changed once written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.errors import NotFound, UserError
from desktop.photos import limits
from desktop.photos.model import ExportPhoto, PhotoEntry, clean_credit, clean_words, entries_from_json
from desktop.releases.revisions import get_release, release_document, release_photos, save_text
from desktop.releases.rules import check_edit, check_read
from desktop.storage import audit
from desktop.storage.models import PhotoFile, Release, Revision, User

if TYPE_CHECKING:
    # Pillow loads when a photo is attached, not when a release without photos is exported.
    from desktop.photos.images import CleanPhoto


@dataclass(frozen=True)
class PhotoChange:
    """What a photo operation left: the release's new version and its photos, and what attach removed."""

    version: int
    photos: list[PhotoEntry]
    removed_line: str = ""
    number: int = 0


def entries(release: Release | Revision) -> list[PhotoEntry]:
    """The photos of a release (its current state) or of one of its revisions, in order."""
    return entries_from_json(release_photos(release))


def _store_file(session: Session, user: User, clean: CleanPhoto) -> PhotoFile:
    existing = session.execute(select(PhotoFile).where(PhotoFile.sha256 == clean.sha256)).scalar_one_or_none()
    if existing is not None:
        return existing
    row = PhotoFile(
        sha256=clean.sha256,
        format=clean.format,
        width=clean.width,
        height=clean.height,
        byte_size=len(clean.data),
        data=clean.data,
        thumbnail=clean.thumbnail,
        added_by=user.id,
    )
    session.add(row)
    session.flush()
    return row


def _save_list(
    session: Session, user: User, release: Release, photos: list[PhotoEntry], expected_version: int | None
) -> Release:
    return save_text(
        session,
        user,
        release.id,
        release_document(release),
        expected_version=release.version if expected_version is None else expected_version,
        kind="save",
        photos=[photo.to_json() for photo in photos],
    )


def _editable(session: Session, user: User, release_id: int) -> Release:
    release = get_release(session, release_id)
    check_edit(user, release)
    return release


def _index(photos: list[PhotoEntry], number: int, release_id: int) -> int:
    if not 1 <= number <= len(photos):
        if not photos:
            raise NotFound(f"У релізі №{release_id} немає фото.")
        raise NotFound(f"Фото №{number} у релізі №{release_id} немає; є №1–{len(photos)}.")
    return number - 1


def attach_photo(
    session: Session,
    user: User,
    release_id: int,
    data: bytes,
    file_name: str,
    *,
    caption: str = "",
    credit: str = "",
    alt: str = "",
    expected_version: int | None = None,
) -> PhotoChange:
    """Adds a photo at the end: decoded, re-encoded without metadata, stored, and saved as a revision.

    Bad input (not an image, truncated, too many pixels, empty) raises PhotoRefused and stores nothing.
    """
    from desktop.photos.images import PhotoRefused, clean_photo

    release = _editable(session, user, release_id)
    photos = entries(release)
    if len(photos) >= limits.MAX_PHOTOS_PER_RELEASE:
        raise PhotoRefused(f"У релізі вже {len(photos)} фото; більше {limits.MAX_PHOTOS_PER_RELEASE} додати не можна.")
    entry_words = PhotoEntry("").with_words(caption, credit, alt)  # a long caption is refused before decoding
    clean = clean_photo(data, file_name)
    for number, photo in enumerate(photos, 1):
        if photo.sha256 == clean.sha256:
            raise PhotoRefused(f"Це фото вже є в релізі №{release_id} (фото №{number}).")
    _store_file(session, user, clean)
    entry = PhotoEntry(
        sha256=clean.sha256,
        caption=entry_words.caption,
        credit=entry_words.credit,
        alt=entry_words.alt,
        width=clean.width,
        height=clean.height,
        format=clean.format,
        original_had_gps=clean.original_had_gps,
        removed=clean.removed,
        file_name=clean_words(file_name, 255, "Назва файлу")[:255],
    )
    photos.append(entry)
    release = _save_list(session, user, release, photos, expected_version)
    audit.append(
        session, user, "photo_added", release_id=release.id, revision_id=release.current_revision_id,
        content_hash=release.content_hash,
        detail=f"фото №{len(photos)}, SHA-256 {clean.sha256}. {clean.removed_line}",
    )
    return PhotoChange(release.version, photos, clean.removed_line, len(photos))


def update_photo(
    session: Session,
    user: User,
    release_id: int,
    number: int,
    *,
    caption: str | None = None,
    credit: str | None = None,
    alt: str | None = None,
    expected_version: int | None = None,
) -> PhotoChange:
    """Changes a photo's caption, credit or alt text (None keeps it)."""
    release = _editable(session, user, release_id)
    photos = entries(release)
    index = _index(photos, number, release_id)
    photos[index] = photos[index].with_words(caption, credit, alt)
    release = _save_list(session, user, release, photos, expected_version)
    return PhotoChange(release.version, photos, number=number)


def remove_photo(
    session: Session, user: User, release_id: int, number: int, *, expected_version: int | None = None
) -> PhotoChange:
    """Takes a photo out of the release (earlier revisions keep it)."""
    release = _editable(session, user, release_id)
    photos = entries(release)
    removed = photos.pop(_index(photos, number, release_id))
    release = _save_list(session, user, release, photos, expected_version)
    audit.append(
        session, user, "photo_removed", release_id=release.id, revision_id=release.current_revision_id,
        content_hash=release.content_hash, detail=f"фото №{number}, SHA-256 {removed.sha256}",
    )
    return PhotoChange(release.version, photos, number=number)


def move_photo(
    session: Session, user: User, release_id: int, number: int, to_number: int, *,
    expected_version: int | None = None,
) -> PhotoChange:
    """Moves photo №number to place №to_number; the others close up."""
    release = _editable(session, user, release_id)
    photos = entries(release)
    index = _index(photos, number, release_id)
    target = _index(photos, to_number, release_id)
    photos.insert(target, photos.pop(index))
    release = _save_list(session, user, release, photos, expected_version)
    return PhotoChange(release.version, photos, number=to_number)


def _file(session: Session, sha256: str) -> PhotoFile:
    row = session.execute(select(PhotoFile).where(PhotoFile.sha256 == sha256)).scalar_one_or_none()
    if row is None:
        raise UserError(f"Зображення {sha256[:12]}… немає в базі. Додайте фото ще раз.")
    return row


def thumbnails(session: Session, user: User, release_id: int) -> list[tuple[PhotoEntry, bytes]]:
    """The release's current photos with their thumbnails, for the editor's strip."""
    release = get_release(session, release_id)
    check_read(user, release)
    return [(photo, _file(session, photo.sha256).thumbnail) for photo in entries(release)]


def image_bytes(session: Session, user: User, release_id: int, number: int) -> bytes:
    """The stored (stripped) image of one current photo."""
    release = get_release(session, release_id)
    check_read(user, release)
    photos = entries(release)
    return bytes(_file(session, photos[_index(photos, number, release_id)].sha256).data)


def export_photos(session: Session, revision: Release | Revision) -> tuple[ExportPhoto, ...]:
    """The photos of a revision for an exporter, each image checked against the SHA-256 the hash covers."""
    found: list[ExportPhoto] = []
    for number, photo in enumerate(entries(revision), 1):
        row = _file(session, photo.sha256)
        data = bytes(row.data)
        if hashlib.sha256(data).hexdigest() != photo.sha256:
            raise UserError(
                f"Зображення фото №{number} змінено в базі після погодження (SHA-256 не збігається). Експорт заборонено."
            )
        found.append(ExportPhoto(number, data, row.format, row.width, row.height, photo.caption, photo.credit,
                                 photo.alt))
    return tuple(found)


def photo_summary(photos: list[PhotoEntry]) -> list[dict[str, Any]]:
    """The photos as `photo list --json` shows them."""
    return [
        {"number": number, **photo.to_json(), "credit_line": photo.credit_line}
        for number, photo in enumerate(photos, 1)
    ]


__all__ = [
    "PhotoChange",
    "attach_photo",
    "clean_credit",
    "entries",
    "export_photos",
    "image_bytes",
    "move_photo",
    "photo_summary",
    "remove_photo",
    "thumbnails",
    "update_photo",
]
