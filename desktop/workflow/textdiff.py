"""Word-level differences between two texts, and what a reviewer has not seen yet."""

from __future__ import annotations

import difflib
import re
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.photos.model import entries_from_json
from desktop.photos.review import text_with_photos
from desktop.releases.revisions import (
    get_release,
    release_document,
    release_photos,
    revision_by_number,
    revision_document,
)
from desktop.storage.models import ReleaseView, Revision, User, utcnow

# Words (letters and digits, with apostrophes and hyphens inside), runs of spaces, single marks.
_TOKEN = re.compile(r"[^\W_]+(?:['’ʼ\-][^\W_]+)*|\s+|[^\w\s]|_")


class DiffPiece(NamedTuple):
    """One stretch of a diff: op is «equal», «insert» or «delete»."""

    op: str
    text: str


def tokenize(text: str) -> list[str]:
    """Words, whitespace and punctuation as separate tokens; joined back they give the text exactly."""
    return _TOKEN.findall(text)


def _merge(pieces: list[DiffPiece]) -> list[DiffPiece]:
    merged: list[DiffPiece] = []
    for piece in pieces:
        if not piece.text:
            continue
        if merged and merged[-1].op == piece.op:
            merged[-1] = DiffPiece(piece.op, merged[-1].text + piece.text)
        else:
            merged.append(piece)
    return merged


def _absorb_lone_spaces(pieces: list[DiffPiece]) -> list[DiffPiece]:
    # "a b c" → "x y z" reads better as one replaced phrase than as words split by unchanged spaces.
    result: list[DiffPiece] = []
    for index, piece in enumerate(pieces):
        between_changes = (
            piece.op == "equal"
            and piece.text.isspace()
            and 0 < index < len(pieces) - 1
            and pieces[index - 1].op != "equal"
            and pieces[index + 1].op != "equal"
        )
        if between_changes:
            result.extend([DiffPiece("delete", piece.text), DiffPiece("insert", piece.text)])
        else:
            result.append(piece)
    # Deletions first, then insertions, inside each changed stretch.
    ordered: list[DiffPiece] = []
    stretch: list[DiffPiece] = []
    for piece in result + [DiffPiece("equal", "")]:
        if piece.op == "equal":
            ordered.extend(p for p in stretch if p.op == "delete")
            ordered.extend(p for p in stretch if p.op == "insert")
            stretch = []
            ordered.append(piece)
        else:
            stretch.append(piece)
    return _merge(ordered)


def diff_words(old: str, new: str) -> list[DiffPiece]:
    """The word-level diff of two plain texts: equal, delete and insert pieces, in reading order."""
    old_tokens, new_tokens = tokenize(old), tokenize(new)
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    pieces: list[DiffPiece] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(DiffPiece("equal", "".join(old_tokens[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(DiffPiece("delete", "".join(old_tokens[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(DiffPiece("insert", "".join(new_tokens[j1:j2])))
    return _absorb_lone_spaces(_merge(pieces))


def diff_counts(pieces: list[DiffPiece]) -> tuple[int, int]:
    """How many words were inserted and deleted."""
    inserted = sum(len(p.text.split()) for p in pieces if p.op == "insert")
    deleted = sum(len(p.text.split()) for p in pieces if p.op == "delete")
    return inserted, deleted


def diff_revisions(
    session: Session, release_id: int, from_rev: int | None, to_rev: int | None = None
) -> list[DiffPiece]:
    """The diff between two revisions by number.

    from_rev None means nothing seen yet (the whole text is new); to_rev None means the current
    text, which an autosave may have made newer than the last revision.
    """
    old = "" if from_rev is None else _revision_text(session, release_id, from_rev)
    if to_rev is None:
        release = get_release(session, release_id)
        new = text_with_photos(release_document(release).plain_text(), entries_from_json(release_photos(release)))
    else:
        new = _revision_text(session, release_id, to_rev)
    return diff_words(old, new)


def _revision_text(session: Session, release_id: int, number: int) -> str:
    """The revision's text and, after it, a line per photo: the diff shows photos like words."""
    revision = revision_by_number(session, release_id, number)
    return text_with_photos(revision_document(revision).plain_text(), entries_from_json(release_photos(revision)))


def _view(session: Session, user: User, release_id: int) -> ReleaseView | None:
    return session.execute(
        select(ReleaseView).where(ReleaseView.user_id == user.id, ReleaseView.release_id == release_id)
    ).scalar_one_or_none()


def last_seen_revision(session: Session, user: User, release_id: int) -> int | None:
    """The number of the revision this user last saw of the release, or None if never."""
    view = _view(session, user, release_id)
    revision = session.get(Revision, view.revision_id) if view else None
    return revision.number if revision else None


def mark_seen(session: Session, user: User, release_id: int, revision_number: int | None = None) -> None:
    """Remembers that the user has seen the release up to a revision (by default the current one)."""
    release = get_release(session, release_id)
    if revision_number is None:
        revision_id = release.current_revision_id
    else:
        revision_id = revision_by_number(session, release_id, revision_number).id
    if revision_id is None:
        return
    view = _view(session, user, release_id)
    if view is None:
        session.add(
            ReleaseView(user_id=user.id, release_id=release_id, revision_id=revision_id, seen_at=utcnow())
        )
    else:
        view.revision_id = revision_id
        view.seen_at = utcnow()
    session.flush()


def changes_since_seen(session: Session, user: User, release_id: int) -> tuple[int | None, list[DiffPiece]]:
    """What changed since the revision the user last saw: (its number, the diff to the current text)."""
    seen = last_seen_revision(session, user, release_id)
    return seen, diff_revisions(session, release_id, seen, None)
