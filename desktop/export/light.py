"""The export a user meets most, without SQLAlchemy: an unsigned file of an approved release on SQLite.

Importing SQLAlchemy and the models costs a command-line export more than writing its PDF (some
370 ms of 870), so the common, successful case reads and writes its rows with sqlite3
(desktop.storage.light_rows) and asks every rule of the ordinary path (desktop.export.service) of
the same functions: the role and state (releases.rules), the chain walk and the seal
(storage.audit_chain), the approved text's hashes (workflow.approval), the page, the file's name and
the writer (export.plan), the sweep (export.staging), the password (passwords).

Anything unusual gives None, having written nothing, and the caller runs the ordinary path, which
does the right thing and says it: a database light_rows does not open (not SQLite, another schema,
a restore awaiting its audit row, a failed quick check), a login that is not a plain success (an
unknown, inactive, locked or recently failed account, a wrong password, a hash to upgrade), a
missing release or audit key, a chain that does not verify, an approved text that does not match
its hashes, photos, any sqlite3 error, any failure before the commit. Only the refusals the
ordinary path would give word for word are given here: no exporter role or a release not approved
(the shared rule's line), and a file that exists (ExportExists).

Why the password is checked here before any attempt is counted: the count matters against guesses
made through the program, and on SQLite whoever can run the program on the file can read its hashes;
a wrong password is counted, and its failure recorded, by the ordinary path it falls back to.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from desktop import options
from desktop.errors import UserError
from desktop.export import plan, staging
from desktop.export.files import file_mode, sha256_file, staged_path
from desktop.export.layout import PUBLICATION
from desktop.passwords import MAX_PASSWORD_LENGTH, needs_rehash, verify_password
from desktop.releases import rules
from desktop.releases.content import release_photos
from desktop.storage import audit_chain, audit_key, light_rows
from desktop.storage.light import default_database_url
from desktop.workflow import approval


class _FallBack(Exception):
    """The ordinary path must do this export."""


class _Refused(Exception):
    """A refusal the ordinary path would give in the same words."""

    def __init__(self, error: UserError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass(frozen=True)
class _Recorded:
    """A committed export: the record, the staged file to rename, the witness to move on (or None)."""

    record: plan.ExportRecord
    staged: Path
    witness: tuple[str, int, str] | None


def may_take(url: str | None) -> bool:
    """Whether the database could be one this path opens (a plain SQLite file that exists): asked before the
    password, so that for any other database the password is asked where it always was, once the database opens."""
    address = url or default_database_url()
    path = light_rows.sqlite_file(address) if light_rows.witness_address(address) is not None else None
    return path is not None and path.is_file()


def export_release(
    url: str | None, login: str, password: str, release_id: int, fmt: str, *, out_dir: Path | str | None = None,
    overwrite: bool = False, copy: str = PUBLICATION, ready: Callable[[], None] = lambda: None,
) -> plan.ExportRecord | None:
    """Writes and records an unsigned export as service.export_release does; None: take the ordinary path.

    `ready()` is called once the checks hold, before the file is written (the CLI waits there for the
    writer it loads on a second thread).
    """
    fmt, copy = plan.check_format(fmt), plan.check_copy(copy)
    given = url or default_database_url()
    address = light_rows.witness_address(given)  # the chain's witness is keyed as the ORM path keys it
    connection = light_rows.open_database(given) if address is not None else None
    if address is None or connection is None:
        return None
    staged: list[Path] = []
    try:
        done = _export(connection, address, login, password, release_id, fmt, out_dir, overwrite, copy, ready,
                       staged)
    except _Refused as refused:
        _undo(connection, staged)
        raise refused.error from None
    except Exception:
        _undo(connection, staged)  # nothing was committed: the ordinary path starts from scratch
        return None
    except BaseException:
        _undo(connection, staged)
        raise
    finally:
        connection.close()
    # Committed: from here on nothing may fall back (the export is recorded), as after the ORM's commit.
    with contextlib.suppress(OSError):  # else the next sweep completes it: the record is there
        os.replace(done.staged, done.record.path)
    if done.witness is not None:
        audit_chain.remember_head(address, *done.witness)
    return done.record


def _undo(connection: sqlite3.Connection, staged: list[Path]) -> None:
    with contextlib.suppress(sqlite3.Error):
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    for path in staged:
        with contextlib.suppress(OSError):
            path.unlink()


def _logged_in(connection: sqlite3.Connection, login: str, password: str) -> light_rows.UserRow:
    """The user, when the login is a plain success on an account with no failures behind it."""
    user = light_rows.read_user(connection, login)
    if user is None or not user.active or user.failed_logins or user.last_failed_at or user.locked_until:
        raise _FallBack
    if len(password) > MAX_PASSWORD_LENGTH or needs_rehash(user.password_hash):
        raise _FallBack
    if not verify_password(user.password_hash, password):
        raise _FallBack
    return user


def _export(
    connection: sqlite3.Connection, address: str, login: str, password: str, release_id: int, fmt: str,
    out_dir: Path | str | None, overwrite: bool, copy: str, ready: Callable[[], None], staged: list[Path],
) -> _Recorded:
    user = _logged_in(connection, login, password)
    # One transaction from here: the chain walked is the chain appended to (a writer meanwhile makes
    # the insert fail, and the ordinary path starts again).
    connection.execute("BEGIN")
    release = light_rows.read_release(connection, release_id)
    if release is None:
        raise _FallBack
    try:
        rules.check_export(user, release)
    except UserError as error:
        raise _Refused(error) from None
    key = audit_key.load_key()
    if key is None or not audit_chain.walk(light_rows.audit_rows(connection), address, key).ok:
        raise _FallBack
    revision = light_rows.read_revision(connection, release.approved_revision_id)
    witness = light_rows.approval_witness(connection, release.id)
    document, _participants, _facts = approval.checked_approved_text(release, revision, witness)
    assert revision is not None
    if release_photos(revision):
        raise _FallBack  # the images are read and checked by the ordinary path (releases.photos)
    stored = light_rows.read_settings(connection)

    def setting(name: str) -> str:
        return options.value(stored, name)

    path = plan.file_path(setting, release, fmt, out_dir, document.title, copy=copy)
    if path.exists() and not overwrite:
        raise _Refused(plan.ExportExists(path))
    approver = light_rows.read_user_by_id(connection, release.approved_by) if release.approved_by else None
    meta = plan.release_meta(setting, release, approval.approval_of(release, approver), revision.content_hash, copy)
    plan.ensure_folder(path.parent)
    staging.sweep(path.parent, lambda final: light_rows.recorded_sha256(connection, final))
    ready()
    staged.append(staged_path(path))
    plan.write_file(fmt, document, meta, staged[0], None, True, file_mode(setting("export.file_mode")), path)
    digest = sha256_file(staged[0])
    export_id = light_rows.insert_export(
        connection, release_id=release.id, revision_id=revision.id, user_id=user.id, fmt=fmt, signed=False,
        path=str(path.resolve()), sha256=digest, content_hash=revision.content_hash, created_at=datetime.now(UTC))
    entry = audit_chain.next_entry(
        light_rows.last_audit_row(connection), datetime.now(UTC), user, plan.AUDIT_ACTION, release_id=release.id,
        revision_id=revision.id, content_hash=revision.content_hash,
        detail=plan.audit_detail(fmt, False, copy, path, digest))
    seal = entry.seal(key)
    light_rows.insert_audit(connection, entry, seal)
    first = audit_chain.witness_after_append(address, entry.id, seal,
                                             lambda number: light_rows.audit_seal(connection, number))
    connection.execute("COMMIT")
    record = plan.ExportRecord(path, digest, fmt, False, release.id, export_id, copy)
    return _Recorded(record, staged[0], None if first is None else (first, entry.id, seal))
