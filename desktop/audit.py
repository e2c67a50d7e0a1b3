"""The append-only audit log: each row carries the hash of the row before it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from desktop.document import canonical_json
from desktop.storage.models import AuditEntry, User, utcnow

GENESIS_HASH = "0" * 64
# Any fixed number: every workstation takes the same transaction-scoped lock before appending.
_AUDIT_LOCK_KEY = 4163_2003


def _row_payload(entry: AuditEntry) -> str:
    created = entry.created_at
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return canonical_json(
        {
            "id": entry.id,
            "created_at": created.astimezone(UTC).isoformat(timespec="microseconds"),
            "user_id": entry.user_id,
            "user_login": entry.user_login,
            "action": entry.action,
            "release_id": entry.release_id,
            "revision_id": entry.revision_id,
            "content_hash": entry.content_hash,
            "detail": entry.detail,
            "prev_hash": entry.prev_hash,
        }
    )


def row_hash(entry: AuditEntry) -> str:
    """The hash that seals one row, chained through prev_hash."""
    return hashlib.sha256(_row_payload(entry).encode("utf-8")).hexdigest()


def append(
    session: Session,
    user: User | None,
    action: str,
    *,
    release_id: int | None = None,
    revision_id: int | None = None,
    content_hash: str = "",
    detail: str = "",
) -> AuditEntry:
    """Appends one row; on PostgreSQL appends are serialised so two workstations cannot fork the chain."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _AUDIT_LOCK_KEY})
    last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one_or_none()
    entry = AuditEntry(
        created_at=utcnow(),
        user_id=user.id if user else None,
        user_login=user.login if user else "",
        action=action,
        release_id=release_id,
        revision_id=revision_id,
        content_hash=content_hash,
        detail=detail,
        prev_hash=last.row_hash if last else GENESIS_HASH,
        row_hash="pending",
    )
    # The id is part of the sealed payload, so the row is flushed first and sealed second.
    entry.id = (last.id + 1) if last else 1
    entry.row_hash = row_hash(entry)
    session.add(entry)
    session.flush()
    return entry


@dataclass(frozen=True)
class ChainReport:
    """The result of walking the audit chain."""

    rows: int
    ok: bool
    broken_id: int | None = None
    reason: str = ""


def verify_chain(session: Session) -> ChainReport:
    """Walks the chain from the first row; names the first row whose seal or link is wrong."""
    previous = GENESIS_HASH
    count = 0
    expected_id = 1
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        count += 1
        if entry.id != expected_id:
            return ChainReport(count, False, entry.id, f"бракує запису №{expected_id} перед №{entry.id}")
        if entry.prev_hash != previous:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} не посилається на попередній")
        if row_hash(entry) != entry.row_hash:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} змінено після запису")
        previous = entry.row_hash
        expected_id += 1
    return ChainReport(count, True)


def recent(session: Session, limit: int = 500) -> list[AuditEntry]:
    """The newest rows first, for the admin's audit view."""
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
