"""Comments on a release: a thread, optionally anchored to a passage, resolvable."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.accounts import has_role
from desktop.errors import NotFound, PermissionDenied, UserError
from desktop.releases.revisions import get_release, notify_change, release_document
from desktop.releases.rules import check_read, is_owner
from desktop.storage import audit
from desktop.storage.models import Comment, User, utcnow

MAX_COMMENT_LENGTH = 10_000


def add_comment(
    session: Session,
    user: User,
    release_id: int,
    text: str,
    anchor: tuple[int, int, str] | None = None,
    parent_id: int | None = None,
) -> Comment:
    """A comment by anyone who may read the release; anchor = (start, end, quoted text) in its plain text."""
    release = get_release(session, release_id)
    check_read(user, release)
    text = (text or "").replace("\x00", "").strip()
    if not text:
        raise UserError("Коментар порожній: напишіть, що саме слід змінити.")
    if len(text) > MAX_COMMENT_LENGTH:
        raise UserError(f"Коментар задовгий: не більше {MAX_COMMENT_LENGTH} символів.")
    if parent_id is not None:
        parent = session.get(Comment, parent_id)
        if parent is None or parent.release_id != release.id:
            raise NotFound(f"Коментар №{parent_id} до цього релізу не знайдено.")
    start = end = None
    anchor_text = ""
    if anchor is not None:
        start, end, anchor_text = anchor
        plain = release_document(release).plain_text()
        if not (0 <= start < end <= len(plain)):
            raise UserError("Позначений фрагмент виходить за межі тексту релізу.")
        anchor_text = anchor_text or plain[start:end]
    comment = Comment(
        release_id=release.id,
        revision_id=release.current_revision_id,
        user_id=user.id,
        parent_id=parent_id,
        text=text,
        anchor_start=start,
        anchor_end=end,
        anchor_text=anchor_text,
        created_at=utcnow(),
    )
    session.add(comment)
    session.flush()
    notify_change(session, release.id)
    audit.append(
        session,
        user,
        "comment_added",
        release_id=release.id,
        revision_id=release.current_revision_id,
        detail=f"коментар №{comment.id}",
    )
    return comment


def resolve_comment(session: Session, user: User, comment_id: int, resolved: bool = True) -> Comment:
    """Marks a comment resolved (or open again): its writer, the release's author or a supervisor."""
    comment = session.get(Comment, comment_id)
    if comment is None:
        raise NotFound(f"Коментар №{comment_id} не знайдено.")
    release = get_release(session, comment.release_id)
    if not (comment.user_id == user.id or is_owner(user, release) or has_role(user, "supervisor")):
        raise PermissionDenied("Закрити коментар може його автор, автор релізу або керівник.")
    if comment.resolved == resolved:
        return comment
    comment.resolved = resolved
    comment.resolved_by = user.id if resolved else None
    session.flush()
    notify_change(session, release.id)
    audit.append(
        session,
        user,
        "comment_resolved" if resolved else "comment_reopened",
        release_id=release.id,
        detail=f"коментар №{comment.id}",
    )
    return comment


def list_comments(session: Session, release_id: int, include_resolved: bool = True) -> list[Comment]:
    """The comments of a release in the order written (replies carry parent_id)."""
    query = select(Comment).where(Comment.release_id == release_id)
    if not include_resolved:
        query = query.where(Comment.resolved.is_(False))
    return list(session.execute(query.order_by(Comment.id)).scalars())


def anchor_position(comment: Comment, plain_text: str) -> tuple[int, int] | None:
    """Where a comment's passage is in a newer text: the occurrence nearest its old place, or None."""
    if comment.anchor_start is None or not comment.anchor_text:
        return None
    needle = comment.anchor_text
    best: int | None = None
    position = plain_text.find(needle)
    while position != -1:
        if best is None or abs(position - comment.anchor_start) < abs(best - comment.anchor_start):
            best = position
        position = plain_text.find(needle, position + 1)
    return None if best is None else (best, best + len(needle))
