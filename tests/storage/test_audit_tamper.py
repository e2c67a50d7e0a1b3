"""A database writer against the audit log: emptied, cut, forged, rewritten, or a copy put back."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from desktop.cli import main as cli_main
from desktop.errors import UserError
from desktop.export import service
from desktop.storage import audit, audit_key, backups
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, Release, utcnow
from desktop.workspace import restore_database
from tests.conftest import _truncate_all
from tests.workflow_support import PASSWORD, make_staff, release_in_state


@pytest.fixture
def staff(database: Database) -> dict:
    return make_staff(database)


@pytest.fixture
def approved(database: Database, staff: dict) -> int:
    return release_in_state(database, staff, "approved")


def _report(database: Database) -> audit.ChainReport:
    with database.session() as session:
        return audit.verify_chain(session)


def _export(database: Database, staff: dict, release_id: int, out: Path) -> service.ExportRecord:
    with database.session() as session:
        return service.export_release(session, staff["exporter"], release_id, "txt", out_dir=out)


def _append_forged(database: Database, release_id: int, action: str = "approve") -> int:
    """What a writer of the database can do: a new row with a correctly computed, but unkeyed, seal."""
    with database.session() as session:
        last = session.execute(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1)).scalar_one()
        approved_hash = session.get(Release, release_id).approved_hash  # the forgery agrees with the release
        forged = AuditEntry(id=last.id + 1, created_at=utcnow(), user_id=None, user_login="supervisor",
                            action=action, release_id=release_id, revision_id=None, content_hash=approved_hash,
                            detail="", prev_hash=last.row_hash, row_hash="")
        forged.row_hash = audit.legacy_hash(forged)
        session.add(forged)
        return forged.id


def _sql(database: Database, statement: str) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(statement))


def test_an_unkeyed_seal_is_reported_and_blocks_export(database, staff, approved, tmp_path, capsys) -> None:
    _export(database, staff, approved, tmp_path / "before")  # a sound chain exports
    forged = _append_forged(database, approved)
    report = _report(database)
    assert not report.ok and report.broken_id == forged and "без ключа" in report.reason
    assert cli_main(["--database", database.url, "audit", "verify"]) == 1
    assert f"№{forged}" in capsys.readouterr().out
    with pytest.raises(UserError, match="^Експорт заборонено: журнал аудиту порушено"):
        _export(database, staff, approved, tmp_path / "after")
    assert not (tmp_path / "after").exists() or not any((tmp_path / "after").iterdir())


@pytest.mark.parametrize("cut", ["all", "newest"])
def test_deleting_rows_is_a_break_where_the_witness_has_seen_them(sqlite_database, tmp_path, cut) -> None:
    staff = make_staff(sqlite_database)
    release = release_in_state(sqlite_database, staff, "approved")
    assert _report(sqlite_database).ok
    _sql(sqlite_database, "DELETE FROM audit_log" + (" WHERE id > 3" if cut == "newest" else ""))
    report = _report(sqlite_database)
    assert not report.ok and "бачив запис" in report.reason
    with pytest.raises(UserError, match="журнал аудиту порушено"):
        _export(sqlite_database, staff, release, tmp_path)


def test_the_keyed_seal_cannot_be_made_without_the_key(sqlite_database, monkeypatch, tmp_path) -> None:
    staff = make_staff(sqlite_database)
    assert _report(sqlite_database).ok
    monkeypatch.setenv(audit_key.KEY_ENV, str(tmp_path / "other.key"))  # a workstation without the office's key
    report = _report(sqlite_database)
    assert not report.ok and "немає ключа журналу аудиту" in report.reason
    with pytest.raises(UserError, match="немає ключа журналу аудиту"), sqlite_database.session() as session:
        audit.append(session, session.merge(staff["author"]), "login")  # never a key of its own over a keyed chain
    assert not (tmp_path / "other.key").exists()
    audit_key.create_key()  # another key entirely: the office's seals do not verify under it
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == 1 and "іншим ключем" in report.reason


def test_the_key_file_is_private(sqlite_database) -> None:
    make_staff(sqlite_database)
    path = audit_key.key_path()
    assert path.is_file() and stat.S_IMODE(path.stat().st_mode) == 0o600
    os.chmod(path, 0o644)
    audit_key.load_key()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _reseal_the_old_way(database: Database) -> int:
    """The rows as an old version of Visnyk sealed them (plain SHA-256), links and all."""
    with database.session() as session:
        previous = audit.GENESIS_HASH
        rows = list(session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars())
        for entry in rows:
            entry.prev_hash = previous
            entry.row_hash = audit.legacy_hash(entry)
            previous = entry.row_hash
        return len(rows)


def test_rows_sealed_before_keys_verify_as_legacy_up_to_the_first_keyed_row(sqlite_database, tmp_path) -> None:
    staff = make_staff(sqlite_database)
    old_rows = _reseal_the_old_way(sqlite_database)
    audit.forget_witness(sqlite_database.url)  # the old version kept no witness of these seals
    report = _report(sqlite_database)
    assert report.ok and report.legacy == old_rows
    release = release_in_state(sqlite_database, staff, "approved")  # new rows: keyed
    report = _report(sqlite_database)
    assert report.ok and report.legacy == old_rows and report.rows > old_rows
    _export(sqlite_database, staff, release, tmp_path)
    forged = _append_forged(sqlite_database, release)  # a plain seal after the first keyed one is a forgery
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == forged


@pytest.fixture
def postgresql(request: pytest.FixtureRequest) -> Iterator[Database]:
    """The session's PostgreSQL database, emptied: the append-only trigger (migration 0005) is PostgreSQL's."""
    database = Database(request.getfixturevalue("_postgres_url"))
    _truncate_all(database)
    yield database
    database.dispose()


def test_update_delete_and_truncate_of_the_audit_log_fail_on_postgresql(postgresql) -> None:
    database = postgresql
    staff = make_staff(database)
    before = _report(database)
    for statement in ("UPDATE audit_log SET detail = 'підчищено' WHERE id = 2",
                      "DELETE FROM audit_log WHERE id = 3", "DELETE FROM audit_log", "TRUNCATE audit_log CASCADE"):
        with pytest.raises(DBAPIError, match="append-only"):
            _sql(database, statement)
    assert _report(database) == before and before.ok and before.rows > 0
    with database.session() as session:  # appending still works
        audit.append(session, session.merge(staff["author"]), "login")
    assert _report(database).ok


def _restore_rows(database: Database) -> list[AuditEntry]:
    with database.session() as session:
        return list(session.execute(select(AuditEntry).where(AuditEntry.action == audit.RESTORE_ACTION)).scalars())


def test_restoring_over_a_sound_database_needs_an_administrators_login_and_is_audited(
    sqlite_database, monkeypatch, capsys
) -> None:
    staff = make_staff(sqlite_database)
    backups.make_backup(sqlite_database.url)
    release_in_state(sqlite_database, staff, "approved")  # later rows the copy does not have
    url = sqlite_database.url
    sqlite_database.dispose()
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    assert cli_main(["--database", url, "backup", "restore", "--force"]) == 2  # no login
    assert "--as" in capsys.readouterr().err
    assert cli_main(["--database", url, "--as", "author", "backup", "restore", "--force"]) != 0
    capsys.readouterr()
    assert _restore_rows(sqlite_database) == []
    assert cli_main(["--database", url, "--as", "admin", "backup", "restore", "--force"]) == 0
    assert "від імені admin" in capsys.readouterr().out
    database = Database(url)
    try:
        rows = _restore_rows(database)
        assert len(rows) == 1 and rows[0].user_login == "admin" and "адміністратор admin" in rows[0].detail
        assert _report(database).ok
    finally:
        database.dispose()


@pytest.mark.parametrize("way", ["gui", "cli"])
def test_a_restore_of_a_damaged_database_is_recorded_without_a_name(sqlite_database, way, capsys) -> None:
    make_staff(sqlite_database)
    backups.make_backup(sqlite_database.url)
    url = sqlite_database.url
    sqlite_database.dispose()
    path = backups.database_file(url)
    path.write_bytes(b"not a database" * 100)
    if way == "gui":
        restore_database(url)
    else:
        assert cli_main(["--database", url, "backup", "restore"]) == 0
        assert "без імені" in capsys.readouterr().out
    database = Database(url)  # the next start writes the restore into the restored log
    try:
        rows = _restore_rows(database)
        assert len(rows) == 1 and rows[0].user_id is None and "без входу" in rows[0].detail
        assert _report(database).ok
    finally:
        database.dispose()
    assert not list(path.parent.glob("*.restore-pending.json"))
