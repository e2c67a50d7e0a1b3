"""The append-only audit log: each row carries the hash of the row before it.

A chain shows any changed or missing row except the newest ones: cut the tail and what is left
still holds. So each workstation also keeps a witness, outside the database, of the newest row it
has written or verified (its number and seal, in the user's data folder); verifying there shows a
chain that has become shorter than the witness, emptied, or different at that row.

Seals are HMAC-SHA-256 under a key kept outside the database (audit_key), so someone who can write
the database cannot seal a row of their own. Rows sealed before keys existed (plain SHA-256) are
accepted as «legacy» only as the chain's beginning: after the first keyed row, a plain seal is a
forgery. The README's «Журнал аудиту: модель загроз» says who holds the key.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Row, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from desktop.document import canonical_json
from desktop.errors import UserError
from desktop.paths import user_data_dir
from desktop.storage import audit_key
from desktop.storage.light import RESTORE_NOTE_SUFFIX
from desktop.storage.models import AuditEntry, User, utcnow

GENESIS_HASH = "0" * 64
# Any fixed number: every workstation takes the same transaction-scoped lock before appending.
_AUDIT_LOCK_KEY = 4163_2003


_SEALED_COLUMNS = ("id", "created_at", "user_id", "user_login", "action", "release_id", "revision_id",
                   "content_hash", "detail", "prev_hash", "row_hash")


def _row_payload(entry: AuditEntry | Row[Any]) -> str:
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
    """The keyed seal of one row, chained through prev_hash, with this workstation's key."""
    key = audit_key.load_key()
    if key is None:
        raise UserError(audit_key.missing_key_message() + ".")
    return audit_key.keyed_seal(key, _row_payload(entry))


def legacy_hash(entry: AuditEntry) -> str:
    """The seal of rows written before keys: a plain SHA-256 that anyone can recompute."""
    return audit_key.plain_seal(_row_payload(entry))


def _sealing_key(session: Session, last: AuditEntry | None) -> bytes:
    """The key to seal with; made on the first append of a chain with no keyed rows yet.

    A workstation without the key never makes its own over a keyed chain: its rows would not verify
    anywhere else, so the append is refused and the administrator copies the office's key.
    """
    key = audit_key.load_key()
    if key is not None:
        return key
    if last is not None and legacy_hash(last) != last.row_hash:
        raise UserError(audit_key.missing_key_message() + ".")
    return audit_key.create_key()


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
    entry.row_hash = audit_key.keyed_seal(_sealing_key(session, last), _row_payload(entry))
    session.add(entry)
    session.flush()
    first_hash = entry.row_hash if entry.id == 1 else session.execute(
        select(AuditEntry.row_hash).where(AuditEntry.id == 1)).scalar_one_or_none()
    if first_hash is not None and _witness_still_stands(session, first_hash):
        _witness_on_commit(session, entry, first_hash)
    return entry


def _witness_still_stands(session: Session, first_hash: str) -> bool:
    """Whether the row the witness names is still there unchanged: only then may an append move it on.

    Otherwise rows cut from the tail (or the whole log emptied) and then written over by new ones
    would leave no trace.
    """
    if _other_chains(session, first_hash):
        return False  # the witness saw another chain at this address: it stays, and verify reports it
    seen = remembered_head(session, first_hash)
    if seen is None:
        return True
    stored = session.execute(select(AuditEntry.row_hash).where(AuditEntry.id == seen[0])).scalar_one_or_none()
    return stored == seen[1]


# The witness: {"<database> <seal of its row 1>": {"id": N, "hash": seal of row N}} in a JSON file.
WITNESS_FILE = "audit-witness.json"


def _witness_path() -> Path:
    return user_data_dir() / WITNESS_FILE


def _bind_url(session: Session, *, hide_password: bool = True) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=hide_password)


def _chain_key(session: Session, first_hash: str) -> str:
    # The first row's seal tells a chain from another one at the same address.
    return f"{_bind_url(session)} {first_hash}"


def _url_prefix(session: Session) -> str:
    return _chain_key(session, "")


def _other_chains(session: Session, first_hash: str | None) -> int:
    """The newest row number the witness saw of another chain (or any chain, for None) at this address; 0 if none."""
    prefix = _url_prefix(session)
    own = _chain_key(session, first_hash) if first_hash else None
    newest = 0
    for key, seen in _read_witness().items():
        number = seen.get("id") if isinstance(seen, dict) else None
        if key.startswith(prefix) and key != own and isinstance(number, int):
            newest = max(newest, number)
    return newest


def _read_witness() -> dict[str, dict[str, object]]:
    try:
        data = json.loads(_witness_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_head(session: Session, first_hash: str) -> tuple[int, str] | None:
    """The newest row of this chain this workstation has seen: its number and seal."""
    seen = _read_witness().get(_chain_key(session, first_hash))
    number, seal = (seen.get("id"), seen.get("hash")) if isinstance(seen, dict) else (None, None)
    if not isinstance(number, int) or not isinstance(seal, str):
        return None
    return number, seal


def remember_head(session: Session, first_hash: str, entry_id: int, entry_hash: str) -> None:
    """Records a newer head for this chain; an unwritable data folder only loses the witness."""
    data = _read_witness()
    key = _chain_key(session, first_hash)
    seen = data.get(key)
    number = seen.get("id") if isinstance(seen, dict) else None
    if isinstance(number, int) and number >= entry_id:
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


def start_new_chain(session: Session) -> None:
    """Before the first administrator of a database with an empty log: the witness of an earlier
    chain at this address (a database made anew, knowingly) is dropped. Anyone else emptying the
    log is reported by verify_chain."""
    if session.execute(select(AuditEntry.id).limit(1)).first() is None:
        forget_witness(_bind_url(session, hide_password=False))


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
    legacy: int = 0  # rows at the chain's beginning sealed before keys (plain SHA-256)


def verify_chain(session: Session) -> ChainReport:
    """Walks the chain from the first row; names the first row whose seal or link is wrong.

    Also compares the chain with this workstation's witness (an emptied or shorter chain, another
    chain at this address, or another row where the witness stands, is reported) and, when all
    holds, moves the witness to the newest row.
    """
    key = audit_key.load_key()
    previous = GENESIS_HASH
    count = legacy = 0
    keyed_seen = False
    seen: tuple[int, str] | None = None
    first_hash = GENESIS_HASH
    # Plain rows, not ORM objects: the walk runs before every export and costs a third as much so.
    columns = [getattr(AuditEntry, name) for name in _SEALED_COLUMNS]
    for entry in session.execute(select(*columns).order_by(AuditEntry.id)):
        count += 1
        if entry.id != count:
            return ChainReport(count, False, entry.id, f"бракує запису №{count} перед №{entry.id}", legacy)
        if entry.prev_hash != previous:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} не посилається на попередній", legacy)
        payload = _row_payload(entry)
        if key is not None and audit_key.keyed_seal(key, payload) == entry.row_hash:
            keyed_seen = True
        elif audit_key.plain_seal(payload) == entry.row_hash:
            if keyed_seen:
                return ChainReport(count, False, entry.id, f"запис №{entry.id} запечатано без ключа: його вписано "
                                   "в базу в обхід програми", legacy)
            legacy += 1
        elif key is None:
            return ChainReport(count, False, entry.id, audit_key.missing_key_message(), legacy)
        else:
            return ChainReport(count, False, entry.id, f"запис №{entry.id} змінено після запису "
                               "(або запечатано іншим ключем)", legacy)
        if entry.id == 1:  # the first row names the chain, and so its witness
            first_hash = entry.row_hash
            other = _other_chains(session, first_hash)
            if other:
                return ChainReport(count, False, 1, f"журнал не той, що цей комп’ютер бачив раніше (там був запис "
                                   f"№{other}): журнал видалено й написано заново", legacy)
            seen = remembered_head(session, first_hash)
        if seen is not None and entry.id == seen[0] and entry.row_hash != seen[1]:
            return ChainReport(count, False, entry.id,
                               f"запис №{entry.id} не той, що цей комп’ютер бачив раніше: журнал переписано", legacy)
        previous = entry.row_hash
    if count == 0:
        other = _other_chains(session, None)
        if other:
            return ChainReport(0, False, 1, f"журнал аудиту порожній, а цей комп’ютер уже бачив запис №{other} "
                               "(записи видалено)")
        return ChainReport(0, True)
    if seen is not None and seen[0] > count:
        return ChainReport(count, False, count + 1,
                           f"бракує записів після №{count}: цей комп’ютер уже бачив запис №{seen[0]} "
                           "(записи видалено або базу відновлено з давнішої копії)", legacy)
    remember_head(session, first_hash, count, previous)
    return ChainReport(count, True, legacy=legacy)


def require_sound_chain(session: Session) -> None:
    """Refuses (one Ukrainian line) while the chain is broken: nothing leaves the office on a tampered log."""
    report = verify_chain(session)
    if not report.ok:
        raise UserError(f"Експорт заборонено: журнал аудиту порушено на записі №{report.broken_id} "
                        f"({report.reason}). Зверніться до адміністратора.")


def recent(session: Session, limit: int = 500) -> list[AuditEntry]:
    """The newest rows first, for the admin's audit view."""
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back; every stored time is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


# Restoring a copy is an audited act. The restore itself swaps files under a database that may not
# open, so it leaves a note beside the file; the next open of the restored database (Database)
# turns the note into an audit row, naming the administrator when one logged in.
RESTORE_ACTION = "backup_restore"
_RESTORE_NOTE = RESTORE_NOTE_SUFFIX


def _restore_note_path(url: str) -> Path | None:
    from desktop.storage.backups import database_file

    database = database_file(url)
    return None if database is None else database.with_name(database.name + _RESTORE_NOTE)


def note_restore(url: str, *, source: str, kept: str = "", login: str = "") -> None:
    """Called once a copy is in place: forgets the witness (an older log, knowingly) and leaves the note."""
    forget_witness(url)
    path = _restore_note_path(url)
    if path is None:
        return
    note = {"source": source, "kept": kept, "login": login, "at": utcnow().isoformat(timespec="seconds")}
    with contextlib.suppress(OSError):
        path.write_text(json.dumps(note, ensure_ascii=False), encoding="utf-8")
        os.chmod(path, 0o600)


def record_pending_restore(sessions: sessionmaker[Session], url: str) -> bool:
    """Appends the audit row of a restore noted earlier and drops the note; True when there was one."""
    path = _restore_note_path(url)
    if path is None or not path.exists():
        return False
    try:
        note = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        note = {}
    note = note if isinstance(note, dict) else {}
    login = str(note.get("login") or "")
    who = f"адміністратор {login}" if login else "без входу (база була пошкоджена, увійти було неможливо)"
    detail = (f"Базу відновлено з резервної копії {note.get('source', '?')} о {note.get('at', '?')} UTC; "
              f"попередній файл: {note.get('kept', '?')}; {who}")
    with sessions() as session, session.begin():
        user = session.execute(select(User).where(User.login == login)).scalar_one_or_none() if login else None
        append(session, user, RESTORE_ACTION, detail=detail[:2000])
    with contextlib.suppress(OSError):
        path.unlink()
    return True
