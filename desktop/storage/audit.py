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
from pathlib import Path

from sqlalchemy import event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from desktop.errors import UserError
from desktop.storage import audit_chain, audit_key
from desktop.storage.light import RESTORE_NOTE_SUFFIX
from desktop.storage.models import AuditEntry, User, utcnow

GENESIS_HASH = audit_chain.GENESIS_HASH
ChainReport = audit_chain.ChainReport
as_utc = audit_chain.as_utc
WITNESS_FILE = audit_chain.WITNESS_FILE
_row_payload = audit_chain.row_payload
# Any fixed number: every workstation takes the same transaction-scoped lock before appending.
_AUDIT_LOCK_KEY = 4163_2003


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
    new = audit_chain.next_entry(last, utcnow(), user, action, release_id=release_id, revision_id=revision_id,
                                 content_hash=content_hash, detail=detail)
    # The id is part of the sealed payload, so it is set before the seal (not left to the database).
    entry = AuditEntry(**{name: getattr(new, name) for name in audit_chain.SEALED_COLUMNS[:-1]},
                       row_hash=new.seal(_sealing_key(session, last)))
    session.add(entry)
    session.flush()

    def stored(number: int) -> str | None:
        return session.execute(select(AuditEntry.row_hash).where(AuditEntry.id == number)).scalar_one_or_none()

    first_hash = audit_chain.witness_after_append(_bind_url(session), entry.id, entry.row_hash, stored)
    if first_hash is not None:
        _witness_on_commit(session, entry, first_hash)
    return entry


def _bind_url(session: Session, *, hide_password: bool = True) -> str:
    return session.get_bind().engine.url.render_as_string(hide_password=hide_password)


def remembered_head(session: Session, first_hash: str) -> tuple[int, str] | None:
    """The newest row of this chain this workstation has seen: its number and seal."""
    return audit_chain.remembered_head(_bind_url(session), first_hash)


def remember_head(session: Session, first_hash: str, entry_id: int, entry_hash: str) -> None:
    """Records a newer head for this chain; an unwritable data folder only loses the witness."""
    audit_chain.remember_head(_bind_url(session), first_hash, entry_id, entry_hash)


def forget_witness(url: str) -> None:
    """Drops the witness of every chain at this database address (its owner has put an older copy back)."""
    prefix = make_url(url).render_as_string(hide_password=True) + " "
    data = audit_chain.read_witness()
    kept = {key: value for key, value in data.items() if not key.startswith(prefix)}
    if kept != data:
        audit_chain.write_witness(kept)


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


def verify_chain(session: Session) -> ChainReport:
    """Walks the chain from the first row (audit_chain.walk), comparing it with this workstation's witness."""
    # Plain rows, not ORM objects: the walk runs before every export and costs a third as much so.
    columns = [getattr(AuditEntry, name) for name in audit_chain.SEALED_COLUMNS]
    rows = session.execute(select(*columns).order_by(AuditEntry.id))
    return audit_chain.walk(rows, _bind_url(session), audit_key.load_key())


def require_sound_chain(session: Session) -> None:
    """Refuses (one Ukrainian line) while the chain is broken: nothing leaves the office on a tampered log."""
    report = verify_chain(session)
    if not report.ok:
        raise audit_chain.export_refusal(report)


def recent(session: Session, limit: int = 500) -> list[AuditEntry]:
    """The newest rows first, for the admin's audit view."""
    return list(session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).scalars())


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
