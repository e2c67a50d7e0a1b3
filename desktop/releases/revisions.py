"""Releases and their revisions: creating, saving with optimistic concurrency, nothing ever overwritten."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from desktop.accounts import require_role
from desktop.document import Block, Document, canonical_json, content_hash
from desktop.errors import Conflict, NotFound
from desktop.releases.content import (  # noqa: F401  (re-exported: the release's stored text, read the same everywhere)
    release_document,
    release_facts,
    release_participants,
    release_photos,
    revision_document,
)
from desktop.releases.listing import (  # noqa: F401  (re-exported: the GUI lists releases through this module)
    INBOXES,
    NOTIFY_CHANNEL,
    ChangeListener,
    ReleaseRow,
    change_marker,
    count_releases,
    fold_for_search,
    inbox_counts,
    list_releases,
    listen_for_changes,
)
from desktop.releases.rules import check_edit
from desktop.storage import audit
from desktop.storage.models import Release, Revision, User, WorkflowEvent, utcnow

if TYPE_CHECKING:
    from desktop.drafting.templates import Template

SAVE_KINDS = ("save", "autosave")


class SaveConflict(Conflict):
    """Someone saved the release meanwhile; the caller's text was kept as a revision."""

    def __init__(self, message: str, revision_id: int, revision_number: int, current_version: int) -> None:
        super().__init__(message)
        self.revision_id = revision_id
        self.revision_number = revision_number
        self.current_version = current_version


def without_nul(document: Document) -> Document:
    """The document without NUL characters, which PostgreSQL cannot store and no text needs."""
    texts = [document.title, *(run.text for block in document.blocks for run in block.runs)]
    if not any("\x00" in value for value in texts):
        return document
    blocks = tuple(
        Block(block.kind, tuple(replace(run, text=run.text.replace("\x00", "")) for run in block.runs))
        for block in document.blocks
    )
    return Document(document.title.replace("\x00", ""), blocks)


def search_text_of(document: Document) -> str:
    """What the full-text index holds for a document."""
    return fold_for_search(document.plain_text())


def get_release(session: Session, release_id: int) -> Release:
    """The release, or a Ukrainian NotFound."""
    release = session.get(Release, release_id)
    if release is None:
        raise NotFound(f"Реліз №{release_id} не знайдено.")
    return release


def notify_change(session: Session, release_id: int) -> None:
    """Tells other workstations (PostgreSQL LISTEN) that a release changed; sent on commit."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"),
            {"channel": NOTIFY_CHANNEL, "payload": str(release_id)},
        )


def lock_release(session: Session, release_id: int) -> None:
    """Holds the release row until commit (PostgreSQL); SQLite serialises writers by itself."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(Release.id).where(Release.id == release_id).with_for_update())


def compare_and_set(
    session: Session,
    release: Release,
    expected_version: int,
    values: dict[str, Any],
    statuses: tuple[str, ...] | None = None,
) -> bool:
    """Writes the values only if nobody changed the release since expected_version; bumps the version."""
    statement = update(Release).where(Release.id == release.id, Release.version == expected_version)
    if statuses is not None:
        statement = statement.where(Release.status.in_(statuses))
    # The row lock taken by this UPDATE makes a racing writer wait and then find the version moved on.
    result = session.execute(
        statement.values(**values, version=Release.version + 1, updated_at=utcnow()).execution_options(
            synchronize_session=False
        )
    )
    session.refresh(release)
    return result.rowcount == 1  # type: ignore[attr-defined]


def _next_revision_number(session: Session, release_id: int) -> int:
    # Called only while the release row is locked, so two writers never pick the same number.
    current = session.execute(
        select(func.max(Revision.number)).where(Revision.release_id == release_id)
    ).scalar_one()
    return int(current or 0) + 1


def add_revision(
    session: Session,
    release_id: int,
    author_id: int,
    kind: str,
    document_json: str,
    participants_json: str,
    facts_json: str,
    hash_value: str,
    note: str = "",
    photos_json: str = "[]",
) -> Revision:
    """Appends an immutable revision with the next number (the caller holds the release row)."""
    revision = Revision(
        release_id=release_id,
        number=_next_revision_number(session, release_id),
        author_id=author_id,
        created_at=utcnow(),
        kind=kind,
        document_json=document_json,
        participants_json=participants_json,
        facts_json=facts_json,
        photos_json=photos_json,
        content_hash=hash_value,
        note=note,
    )
    session.add(revision)
    session.flush()
    return revision


def snapshot_revision(
    session: Session, release: Release, author_id: int, kind: str, note: str = ""
) -> Revision:
    """A revision of the release's current text, made the current revision."""
    revision = add_revision(
        session,
        release.id,
        author_id,
        kind,
        release.document_json,
        release.participants_json,
        release.facts_json,
        release.content_hash,
        note,
        photos_json=release.photos_json or "[]",
    )
    session.execute(
        update(Release)
        .where(Release.id == release.id)
        .values(current_revision_id=revision.id)
        .execution_options(synchronize_session=False)
    )
    session.refresh(release)
    return revision


def current_revision(session: Session, release: Release) -> Revision | None:
    """The newest saved revision of the current text (an autosave may be newer)."""
    return session.get(Revision, release.current_revision_id) if release.current_revision_id else None


def record_event(
    session: Session,
    user: User,
    release: Release,
    action: str,
    from_status: str,
    to_status: str,
    comment: str = "",
    revision_id: int | None = None,
    detail: str = "",
) -> WorkflowEvent:
    """A workflow event plus its audit row (with the content hash) and a change notification."""
    event = WorkflowEvent(
        release_id=release.id,
        revision_id=revision_id,
        user_id=user.id,
        action=action,
        from_status=from_status,
        to_status=to_status,
        comment=comment,
        created_at=utcnow(),
    )
    session.add(event)
    session.flush()
    notify_change(session, release.id)
    # The audit append comes last: its lock is always taken after the release row's, never before.
    audit.append(
        session,
        user,
        action,
        release_id=release.id,
        revision_id=revision_id,
        content_hash=release.content_hash,
        detail=detail or f"{from_status} → {to_status}" + (f": {comment}" if comment else ""),
    )
    return event


def create_release(
    session: Session,
    author: User,
    document: Document,
    participants: list[dict[str, Any]] | None = None,
    facts: dict[str, Any] | None = None,
    template_key: str = "blank",
    event_date: date | None = None,
    place: str = "",
) -> Release:
    """A new draft by a press officer, with its first revision (kind «create»)."""
    require_role(author, "author")
    document = without_nul(document)
    participants = list(participants or [])
    facts = dict(facts or {})
    now = utcnow()
    release = Release(
        template_key=template_key,
        title=document.title.strip(),
        status="draft",
        author_id=author.id,
        created_at=now,
        updated_at=now,
        event_date=event_date,
        place=place,
        document_json=document.to_json(),
        participants_json=canonical_json(participants),
        facts_json=canonical_json(facts),
        content_hash=content_hash(document, participants, facts),
        version=1,
        search_text=search_text_of(document),
        text_changed_by=author.id,
    )
    session.add(release)
    session.flush()
    revision = snapshot_revision(session, release, author.id, "create")
    notify_change(session, release.id)
    audit.append(
        session,
        author,
        "release_created",
        release_id=release.id,
        revision_id=revision.id,
        content_hash=release.content_hash,
        detail=f"{template_key}: {release.title}",
    )
    return release


def create_from_template(session: Session, author: User, template: Template, values: dict[str, Any]) -> Release:
    """A new draft from a template and the form's values, participants resolved in the directory."""
    # Imported here: jinja2 and the directory are not needed to list or save releases.
    from desktop.directory.resolver import resolve_participant
    from desktop.drafting.templates import render
    from desktop.language.dates import parse_iso_date

    result = render(template, values, lambda ref: resolve_participant(session, ref))
    raw_date = result.facts.get("event_date")
    return create_release(
        session,
        author,
        result.document,
        [participant.to_json() for participant in result.participants],
        result.facts,
        template_key=template.key,
        event_date=parse_iso_date(raw_date) if raw_date else None,
        place=str(result.facts.get("place", "")),
    )


def _keep_conflicting_text(
    session: Session,
    user: User,
    release: Release,
    values: dict[str, Any],
    expected_version: int,
) -> SaveConflict:
    """Stores the losing text as a «conflict» revision, commits it, and returns the error to raise."""
    lock_release(session, release.id)
    session.refresh(release)
    note = f"Текст збережено під час конфлікту: редактор мав версію {expected_version}, у базі — {release.version}."
    revision = add_revision(
        session,
        release.id,
        user.id,
        "conflict",
        values["document_json"],
        values["participants_json"],
        values["facts_json"],
        values["content_hash"],
        note,
        photos_json=values["photos_json"],
    )
    notify_change(session, release.id)
    audit.append(
        session,
        user,
        "save_conflict",
        release_id=release.id,
        revision_id=revision.id,
        content_hash=revision.content_hash,
        detail=note,
    )
    # Committed here, before the error unwinds the caller's transaction: the text must survive.
    session.commit()
    return SaveConflict(
        f"Реліз №{release.id} тим часом змінив інший користувач. Ваш текст не втрачено: "
        f"його збережено як редакцію №{revision.number}. Відкрийте поточну версію й перенесіть зміни.",
        revision.id,
        revision.number,
        release.version,
    )


def save_text(
    session: Session,
    user: User,
    release_id: int,
    document: Document,
    participants: list[dict[str, Any]] | None = None,
    facts: dict[str, Any] | None = None,
    *,
    expected_version: int,
    kind: str = "save",
    photos: list[dict[str, Any]] | None = None,
) -> Release:
    """Saves the text if the release is still at expected_version; otherwise keeps it as a revision and raises.

    "autosave" changes the current text without a revision, "save" makes one. An edit of an
    approved release always makes a revision, voids the approval and puts it back to draft; an
    edit of a returned release puts it back to draft. On a conflict the caller's text is committed
    as a «conflict» revision before SaveConflict is raised. `photos` (desktop.releases.photos)
    replaces the photo list; None keeps the stored one. The photos are part of the content hash.
    """
    if kind not in SAVE_KINDS:
        raise ValueError(f"unknown save kind: {kind!r}")
    release = get_release(session, release_id)
    check_edit(user, release)
    document = without_nul(document)
    participants_json = release.participants_json if participants is None else canonical_json(participants)
    facts_json = release.facts_json if facts is None else canonical_json(facts)
    photos_json = (release.photos_json or "[]") if photos is None else canonical_json(photos)
    new_hash = content_hash(
        document, json.loads(participants_json), json.loads(facts_json), json.loads(photos_json)
    )
    values: dict[str, Any] = {
        "document_json": document.to_json(),
        "participants_json": participants_json,
        "facts_json": facts_json,
        "photos_json": photos_json,
        "content_hash": new_hash,
    }
    text_changed = new_hash != release.content_hash
    if expected_version != release.version:
        if not text_changed:
            return release  # the same words are already stored: nothing can be lost
        raise _keep_conflicting_text(session, user, release, values, expected_version)
    revision = current_revision(session, release)
    revised_hash = revision.content_hash if revision else ""
    old_status = release.status
    # An approved text never changes in place: the edit becomes a revision and the approval goes.
    make_revision = (kind == "save" and new_hash != revised_hash) or (
        old_status == "approved" and text_changed
    )
    if not text_changed and not make_revision:
        return release
    new_status = "draft" if text_changed and old_status in ("approved", "returned") else old_status
    if text_changed:
        values.update(
            title=document.title.strip(),
            search_text=search_text_of(document),
            text_changed_by=user.id,
            status=new_status,
        )
    if old_status == "approved" and text_changed:
        values.update(
            approved_revision_id=None,
            approved_hash="",
            approved_by=None,
            approved_at=None,
            self_approved=False,
        )
    previous_editor = release.text_changed_by
    if not compare_and_set(session, release, expected_version, values):
        raise _keep_conflicting_text(session, user, release, values, expected_version)
    revision_id = release.current_revision_id
    if make_revision:
        # A save of text someone else autosaved is still their writing: it matters for self-approval.
        author_id = user.id if text_changed else (previous_editor or user.id)
        revision_id = snapshot_revision(session, release, author_id, "save").id
    if new_status != old_status:  # the event notifies the other workstations
        action = "approval_voided" if old_status == "approved" else "rework"
        record_event(session, user, release, action, old_status, new_status, revision_id=revision_id)
        return release
    notify_change(session, release.id)
    if make_revision:
        audit.append(
            session,
            user,
            "revision_saved",
            release_id=release.id,
            revision_id=revision_id,
            content_hash=release.content_hash,
        )
    return release


def revision_numbers(session: Session, release_id: int) -> list[int]:
    """The numbers of a release's revisions, oldest first (without loading their texts)."""
    return list(session.execute(
        select(Revision.number).where(Revision.release_id == release_id).order_by(Revision.number)
    ).scalars())


def revisions(session: Session, release_id: int) -> list[Revision]:
    """Every revision of a release, oldest first."""
    return list(
        session.execute(
            select(Revision).where(Revision.release_id == release_id).order_by(Revision.number)
        ).scalars()
    )


def revision_by_number(session: Session, release_id: int, number: int) -> Revision:
    """One revision by its number within the release, or a Ukrainian NotFound."""
    revision = session.execute(
        select(Revision).where(Revision.release_id == release_id, Revision.number == number)
    ).scalar_one_or_none()
    if revision is None:
        raise NotFound(f"Редакції №{number} релізу №{release_id} не знайдено.")
    return revision
