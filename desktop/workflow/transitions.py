"""The approval workflow: submit, approve, return, archive and restore, enforced here for every caller.

Who approves what: only a supervisor, only a release under review, and never a text they had a
hand in — the author of the release, the author of any revision since the last approval (or
since creation) and whoever last changed the current text are all refused, unless the setting
`workflow.allow_self_approval` is on; such an approval is then marked (release.self_approved, the
workflow event, the audit row and the export's approval line). An approval binds to the content
hash of the approved revision; `approved_document` recomputes it before any export.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, object_session

from desktop import settings
from desktop.document import Document
from desktop.errors import Conflict, UserError, WorkflowRefused
from desktop.releases import rules
from desktop.releases.revisions import (
    compare_and_set,
    current_revision,
    get_release,
    record_event,
    snapshot_revision,
)
from desktop.storage.models import AuditEntry, Comment, Release, Revision, User, WorkflowEvent, utcnow
from desktop.workflow import approval
from desktop.workflow.approval import (  # noqa: F401  (re-exported: the approval line's parts)
    ApprovalInfo,
    format_approval_line,
    local_date,
    official_name,
)

SELF_APPROVAL_SETTING = settings.SELF_APPROVAL_SETTING
_STALE = (
    "Реліз тим часом змінив інший користувач (новий стан: «{status}»). Оновіть його й перегляньте ще раз."
)


def _load(session: Session, release_id: int, expected_version: int | None) -> Release:
    release = get_release(session, release_id)
    if expected_version is not None and expected_version != release.version:
        raise Conflict(
            f"Реліз №{release.id} змінився, поки ви його переглядали. "
            "Оновіть його й перегляньте зміни ще раз."
        )
    return release


def _move(
    session: Session,
    release: Release,
    from_statuses: tuple[str, ...],
    values: dict[str, Any],
) -> None:
    # Compare-and-set on version and state: of two people moving the same release at once, one wins.
    if not compare_and_set(session, release, release.version, values, statuses=from_statuses):
        raise WorkflowRefused(_STALE.format(status=rules.status_label(release.status)))


def _ensure_revision(session: Session, user: User, release: Release, kind: str) -> Revision:
    """The revision that holds exactly the current text, made from an autosaved text if needed."""
    revision = current_revision(session, release)
    if revision is not None and revision.content_hash == release.content_hash:
        return revision
    # The autosaved words belong to whoever typed them, not to whoever pressed the button.
    return snapshot_revision(session, release, release.text_changed_by or user.id, kind)


def submit(session: Session, user: User, release_id: int, *, expected_version: int | None = None) -> Release:
    """draft|returned → in_review, by the author or a supervisor; an autosaved text becomes a revision."""
    release = _load(session, release_id, expected_version)
    rules.check_submit(user, release)
    old_status = release.status
    _move(session, release, ("draft", "returned"), {"status": "in_review"})
    revision = _ensure_revision(session, user, release, "submit")
    record_event(session, user, release, "submit", old_status, "in_review", revision_id=revision.id)
    return release


def editors_since_approval(session: Session, release: Release) -> set[int]:
    """Everyone who had a hand in the current text: the author, revision authors since the last approval."""
    last_approved = session.execute(
        select(WorkflowEvent.revision_id)
        .where(WorkflowEvent.release_id == release.id, WorkflowEvent.action == "approve")
        .order_by(WorkflowEvent.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    query = select(Revision.author_id).where(Revision.release_id == release.id, Revision.kind != "conflict")
    if last_approved is not None:
        query = query.where(Revision.id > last_approved)
    editors = set(session.execute(query).scalars())
    editors.add(release.author_id)
    if release.text_changed_by:
        editors.add(release.text_changed_by)
    return editors


def self_approval_reason(session: Session, user: User, release: Release) -> str | None:
    """Why an approval by this user would be an approval of their own text, or None."""
    if release.author_id == user.id:
        return "ви автор цього релізу"
    if user.id in editors_since_approval(session, release):
        return "ви редагували цей текст"
    return None


def approve(
    session: Session,
    user: User,
    release_id: int,
    *,
    comment: str = "",
    expected_version: int | None = None,
) -> Release:
    """in_review → approved by a supervisor who did not write the text; binds to its content hash."""
    release = _load(session, release_id, expected_version)
    rules.check_approve(user, release)
    reason = self_approval_reason(session, user, release)
    if reason and not settings.get_bool(session, SELF_APPROVAL_SETTING):
        raise WorkflowRefused(
            f"Не можна погодити власний текст ({reason}): його має погодити інший керівник."
        )
    now = utcnow()
    _move(
        session,
        release,
        ("in_review",),
        {"status": "approved", "approved_by": user.id, "approved_at": now, "self_approved": bool(reason)},
    )
    revision = _ensure_revision(session, user, release, "save")
    session.execute(
        update(Release)
        .where(Release.id == release.id)
        .values(approved_revision_id=revision.id, approved_hash=revision.content_hash)
        .execution_options(synchronize_session=False)
    )
    session.refresh(release)
    detail = f"погоджено редакцію №{revision.number}"
    if reason:
        detail += f"; самостійне погодження ({reason}), дозволене налаштуванням"
    if comment.strip():
        detail += f": {comment.strip()}"
    event_comment = comment.strip()
    if reason:
        event_comment = ("[самостійне погодження] " + event_comment).strip()
    record_event(
        session, user, release, "approve", "in_review", "approved", event_comment, revision.id, detail
    )
    return release


def return_release(
    session: Session,
    user: User,
    release_id: int,
    comment: str,
    *,
    expected_version: int | None = None,
) -> Release:
    """in_review → returned by a supervisor, with a comment that also opens a thread on the release."""
    release = _load(session, release_id, expected_version)
    rules.check_return(user, release)
    comment = (comment or "").strip()
    if not comment:
        raise WorkflowRefused("Повернення на доопрацювання потребує коментаря: напишіть, що виправити.")
    _move(session, release, ("in_review",), {"status": "returned"})
    session.add(
        Comment(
            release_id=release.id,
            revision_id=release.current_revision_id,
            user_id=user.id,
            text=comment,
            created_at=utcnow(),
        )
    )
    record_event(
        session, user, release, "return", "in_review", "returned", comment, release.current_revision_id
    )
    return release


def archive(session: Session, user: User, release_id: int) -> Release:
    """Any state but archived → archived, remembering the state to restore."""
    release = get_release(session, release_id)
    rules.check_archive(user, release)
    old_status = release.status
    _move(
        session,
        release,
        ("draft", "in_review", "returned", "approved"),
        {"status": "archived", "status_before_archive": old_status},
    )
    record_event(
        session, user, release, "archive", old_status, "archived", revision_id=release.current_revision_id
    )
    return release


def restore(session: Session, user: User, release_id: int) -> Release:
    """archived → the state it had; an approval survives, since an archived text cannot change."""
    release = get_release(session, release_id)
    rules.check_restore(user, release)
    target = release.status_before_archive or "draft"
    _move(session, release, ("archived",), {"status": target, "status_before_archive": ""})
    record_event(
        session, user, release, "restore", "archived", target, revision_id=release.current_revision_id
    )
    return release


def allowed_actions(session: Session, user: User, release: Release) -> set[str]:
    """What this user may do to this release now: the GUI shows these, the core enforces them anyway."""
    checks = {
        "read": rules.check_read,
        "edit": rules.check_edit,
        "comment": rules.check_read,
        "submit": rules.check_submit,
        "approve": rules.check_approve,
        "return": rules.check_return,
        "archive": rules.check_archive,
        "restore": rules.check_restore,
        "export": rules.check_export,
    }
    allowed = set()
    for action, check in checks.items():
        try:
            check(user, release)
        except UserError:
            continue
        allowed.add(action)
    if (
        "approve" in allowed
        and self_approval_reason(session, user, release)
        and not settings.get_bool(session, SELF_APPROVAL_SETTING)
    ):
        allowed.discard("approve")
    return allowed


def approved_document(
    session: Session, release: Release, user: User | None = None
) -> tuple[Document, list[dict[str, Any]], dict[str, Any], Revision]:
    """The approved revision's text, participants and facts, after re-checking its hash (for export)."""
    if user is not None:
        rules.check_export(user, release)
    revision = session.get(Revision, release.approved_revision_id) if release.approved_revision_id else None
    # The sealed audit row of the approval is the witness no table edit can rewrite unnoticed.
    witness = session.execute(
        select(AuditEntry.content_hash)
        .where(AuditEntry.release_id == release.id, AuditEntry.action == "approve")
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).scalar_one_or_none()
    document, participants, facts = approval.checked_approved_text(release, revision, witness)
    assert revision is not None
    return document, participants, facts, revision


def approval_info(release: Release, session: Session | None = None) -> ApprovalInfo | None:
    """The approval a release carries, or None."""
    if release.status != "approved" or release.approved_by is None or release.approved_at is None:
        return None
    session = session or object_session(release)
    approver = session.get(User, release.approved_by) if session is not None else None
    return approval.approval_of(release, approver)


def events(session: Session, release_id: int) -> list[WorkflowEvent]:
    """The workflow moves of a release, oldest first."""
    return list(
        session.execute(
            select(WorkflowEvent).where(WorkflowEvent.release_id == release_id).order_by(WorkflowEvent.id)
        ).scalars()
    )
