"""What a release or a revision holds, read from its stored JSON: the text, participants, facts, photos.

Plain reads of the columns, without the database: a stored row (the ORM's, or the one an export
reads with sqlite3) gives the same document whoever reads it.
"""

from __future__ import annotations

import json
from typing import Any, Protocol

from desktop.document import Document


class StoredText(Protocol):
    """A release or a revision as stored: its JSON columns."""

    @property
    def document_json(self) -> str: ...
    @property
    def participants_json(self) -> str: ...
    @property
    def facts_json(self) -> str: ...
    @property
    def photos_json(self) -> str: ...


def revision_document(revision: StoredText) -> Document:
    """The document a revision holds."""
    return Document.from_json(revision.document_json)


def release_document(release: StoredText) -> Document:
    """The current text of a release (possibly newer than its last revision)."""
    return Document.from_json(release.document_json)


def release_participants(release: StoredText) -> list[dict[str, Any]]:
    """The participants snapshot stored with the release (or with one of its revisions)."""
    return list(json.loads(release.participants_json or "[]"))


def release_facts(release: StoredText) -> dict[str, Any]:
    """The event facts stored with the release (or with one of its revisions)."""
    return dict(json.loads(release.facts_json or "{}"))


def release_photos(release: StoredText) -> list[dict[str, Any]]:
    """The photo list stored with the release (or with one of its revisions), in order."""
    return list(json.loads(release.photos_json or "[]"))
