"""The append-only audit log: each row carries the hash of the row before it.

A chain shows any changed or missing row except the newest ones: cut the tail and what is left
still holds. So each workstation also keeps a witness, outside the database, of the newest row it
has written or verified (its number and seal, in the user's data folder); verifying there shows a
chain that has become shorter than the witness, or different at that row.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import event, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, SessionTransaction

from desktop.document import canonical_json
from desktop.paths import user_data_dir
from desktop.storage.models import AuditEntry, User, utcnow

GENESIS_HASH = "0" * 64
# Any fixed number: every workstation takes the same transaction-scoped lock before appending.
_AUDIT_LOCK_KEY = 4163_2003


def _row_payload(entry: AuditEntry) -> str:
    created = as_utc(entry.created_at)
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
    first_hash = entry.row_hash if entry.id == 1 else session.execute(
        select(AuditEntry.row_hash).where(AuditEntry.id == 1)).scalar_one_or_none()
    if first_hash is not None and _witness_still_stands(session, first_hash):
        _witness_on_commit(session, entry, first_hash)
    return entry


def _witness_still_stands(session: Session, first_hash: str) -> bool:
    """Whether the row the witness names is still there unchanged: only then may an append move it on.

    Otherwise rows cut from the tail and then written over by new ones would leave no trace.
    """
    seen = remembered_head(session, first_hash)
    if seen is None:
        return True
    stored = session.execute(select(AuditEntry.row_hash).where(AuditEntry.id == seen[0])).scalar_one_or_none()
    return stored == seen[1]


# The witness: {"<database> <seal of its row 1>": {"id": N, "hash": seal of row N}} in a JSON file.
WITNESS_FILE = "audit-witness.json"


def _witness_path() -> Path:
    return user_data_dir() / WITNESS_FILE


def _chain_key(session: Session, first_hash: str) -> str:
    # The first row's seal tells a chain from another one at the same address (a database made anew).
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    url = engine.url.render_as_string(hide_password=True)
    return f"{url} {first_hash}"


def _read_witness() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_witness_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_head(session: Session, first_hash: str) -> tuple[int, str] | None:
    """The newest row of this chain this workstation has seen: its number and seal."""
    seen = _read_witness().get(_chain_key(session, first_hash))
    if not isinstance(seen, dict):
        return None
    entry_id, entry_hash = seen.get("id"), seen.get("hash")
    if not isinstance(entry_id, int) or not isinstance(entry_hash, str):
        return None
    return entry_id, entry_hash


def remember_head(session: Session, first_hash: str, entry_id: int, entry_hash: str) -> None:
    """Records a newer head for this chain; an unwritable data folder only loses the witness."""
    data = _read_witness()
    key = _chain_key(session, first_hash)
    seen = data.get(key)
    seen_id = seen.get("id") if isinstance(seen, dict) else None
    if isinstance(seen_id, int) and seen_id >= entry_id:
        return
    data[key] = {"id": entry_id, "hash": entry_hash}
    _write_witness(data)


def _write_witness(data: dict[str, dict[str, object]]) -> None:
    path = _witness_path()
    with contextlib.suppress(OSError):
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".audit-witness-")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1)
            os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def forget_witness(url: str) -> None:
    """Drops the witness of every chain at this database address (its owner has put an older copy back)."""
    prefix = make_url(url).render_as_string(hide_password=True) + " "
    data = _read_witness()
    kept = {key: value for key, value in data.items() if not key.startswith(prefix)}
    if kept != data:
        _write_witness(kept)


def _witness_on_commit(session: Session, entry: AuditEntry, first_hash: str) -> None:
    """Remembers the newest appended row once the whole transaction has committed (it may yet roll back)."""
    session.info["audit_head"] = (entry, first_hash)


@event.listens_for(Session, "after_commit")
def _record_pending_head(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: the outer transaction may still roll back
    pending = session.info.pop("audit_head", None)
    if pending is None:
        return
    entry, first_hash = pending
    if inspect(entry).persistent:  # not undone by a savepoint rolled back after the append
        remember_head(session, first_hash, entry.id, entry.row_hash)


@event.listens_for(Session, "after_transaction_end")
def _forget_pending_head(session: Session, transaction: SessionTransaction) -> None:
    if transaction.parent is None:  # the root transaction ended: committed rows were recorded above
        session.info.pop("audit_head", None)


@dataclass(frozen=True)
class ChainReport:
    """The result of walking the audit chain."""

    rows: int
    ok: bool
    broken_id: int | None = None
    reason: str = ""


def verify_chain(session: Session) -> ChainReport:
    """Walks the chain from the first row; names the first row whose seal or link is wrong.

    Also compares the chain with this workstation's witness (a shorter chain, or another row where
    the witness stands, is reported) and, when all holds, moves the witness to the newest row.
    """
    previous = GENESIS_HASH
    count = 0
    expected_id = 1
    seen: tuple[int, str] | None = None
    first_hash = GENESIS_HASH
    for entry in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars():
        count += 1
        if entry.id != expected_id:
            return ChainReport(count, False, entry.id, f"бракує запису №{expected_id} перед №{entry.id}")
        if entry.prev_hash != previous:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} не посилається на попередній")
        if row_hash(entry) != entry.row_hash:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} змінено після запису")
        if entry.id == 1:  # the first row names the chain, and so its witness
            first_hash = entry.row_hash
            seen = remembered_head(session, first_hash)
        if seen is not None and entry.id == seen[0] and entry.row_hash != seen[1]:
            return ChainReport(count, False, entry.id,
                               f"запис №{entry.id} не той, що цей комп’ютер бачив раніше: журнал переписано")
        previous = entry.row_hash
        expected_id += 1
    if count == 0:
        return ChainReport(0, True)
    if seen is not None and seen[0] > count:
        return ChainReport(count, False, count + 1,
                           f"бракує записів після №{count}: цей комп’ютер уже бачив запис №{seen[0]} "
                           "(записи видалено або базу відновлено з давнішої копії)")
    remember_head(session, first_hash, count, previous)
    return ChainReport(count, True)


def recent(session: Session, limit: int = 500) -> list[AuditEntry]:
    """The newest rows first, for the admin's audit view."""
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
