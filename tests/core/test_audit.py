"""Tampering with any audit row, the approved text or its hash is detected."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from desktop.cli import main as cli_main
from desktop.document import content_hash
from desktop.errors import UserError
from desktop.releases import revisions as releases
from desktop.storage import audit, audit_chain
from desktop.storage.engine import Database
from desktop.storage.models import User
from desktop.workflow import transitions
from tests.workflow_support import document, release_in_state


@pytest.fixture
def approved(sqlite_database: Database, staff: dict) -> int:
    """An approved release, with a dozen audit rows before and after it."""
    return release_in_state(sqlite_database, staff, "approved")


def _tamper(database: Database, sql: str, **params: object) -> None:
    with database.engine.begin() as connection:
        connection.execute(text(sql), params)


def _report(database: Database) -> audit.ChainReport:
    with database.session() as session:
        return audit.verify_chain(session)


def test_an_untouched_chain_verifies(sqlite_database: Database, approved: int) -> None:
    report = _report(sqlite_database)
    assert report.ok and report.rows >= 10


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("detail", "нічого не сталося"),
        ("action", "login"),
        ("user_login", "someone"),
        ("content_hash", "0" * 64),
        ("release_id", 999),
        ("created_at", "2020-01-01 00:00:00.000000"),
        ("row_hash", "f" * 64),
        ("prev_hash", "e" * 64),
    ],
)
def test_changing_any_field_of_a_row_is_detected(
    sqlite_database: Database, approved: int, column: str, value: object
) -> None:
    _tamper(sqlite_database, f"UPDATE audit_log SET {column} = :value WHERE id = 5", value=value)
    report = _report(sqlite_database)
    assert not report.ok
    assert report.broken_id in (5, 6)  # a changed row_hash shows on the row itself or on its successor
    assert report.reason


def test_deleting_a_row_is_detected(sqlite_database: Database, approved: int) -> None:
    _tamper(sqlite_database, "DELETE FROM audit_log WHERE id = 4")
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == 5
    assert "бракує" in report.reason


def test_a_resealed_row_still_breaks_the_link_to_the_next(sqlite_database: Database, approved: int) -> None:
    # An attacker who rewrites a row and recomputes its seal still breaks the next row's link.
    with sqlite_database.session() as session:
        entry = session.get(audit.AuditEntry, 3)
        entry.detail = "переписано"
        entry.row_hash = audit.row_hash(entry)
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == 4


def _export_check(database: Database, release_id: int, exporter: User) -> None:
    with database.session() as session:
        transitions.approved_document(session, releases.get_release(session, release_id), exporter)


def test_the_approved_text_passes_its_hash_check(
    sqlite_database: Database, staff: dict, approved: int
) -> None:
    _export_check(sqlite_database, approved, staff["exporter"])


@pytest.mark.parametrize(
    "sql",
    [
        # the approved revision's words
        "UPDATE revisions SET document_json = replace(document_json, 'Нарада', 'Зустріч') "
        "WHERE id = (SELECT approved_revision_id FROM releases WHERE id = :id)",
        # the approval's hash
        "UPDATE releases SET approved_hash = '" + "a" * 64 + "' WHERE id = :id",
        # the release's current text
        "UPDATE releases SET document_json = replace(document_json, 'Нарада', 'Зустріч') WHERE id = :id",
        # the participants or the facts
        'UPDATE revisions SET facts_json = \'{"place":"Київ"}\' '
        "WHERE id = (SELECT approved_revision_id FROM releases WHERE id = :id)",
        # the revision's text together with its own hash
        'UPDATE revisions SET document_json = \'{"blocks":[],"title":"Підробка"}\', content_hash = \'x\' '
        "WHERE id = (SELECT approved_revision_id FROM releases WHERE id = :id)",
    ],
    ids=["revision-text", "approved-hash", "release-text", "revision-facts", "revision-text-and-hash"],
)
def test_tampering_with_the_approved_text_or_its_hash_stops_the_export(
    sqlite_database: Database, staff: dict, approved: int, sql: str
) -> None:
    _tamper(sqlite_database, sql, id=approved)
    with pytest.raises(UserError, match="не збігається з погодженим"):
        _export_check(sqlite_database, approved, staff["exporter"])


def test_a_full_forgery_of_text_and_hashes_is_caught_by_the_audit_witness(
    sqlite_database: Database, staff: dict, approved: int
) -> None:
    forged = document("Підроблений заголовок")
    forged_hash = content_hash(forged, [], {"place": "Коростень"})
    with sqlite_database.engine.begin() as connection:
        revision_id = connection.execute(
            text("SELECT approved_revision_id FROM releases WHERE id = :id"), {"id": approved}
        ).scalar_one()
        connection.execute(
            text("UPDATE revisions SET document_json = :doc, content_hash = :hash WHERE id = :rid"),
            {"doc": forged.to_json(), "hash": forged_hash, "rid": revision_id},
        )
        connection.execute(
            text(
                "UPDATE releases SET document_json = :doc, content_hash = :hash, approved_hash = :hash WHERE id = :id"
            ),
            {"doc": forged.to_json(), "hash": forged_hash, "id": approved},
        )
    with pytest.raises(UserError, match="не збігається з погодженим"):
        _export_check(sqlite_database, approved, staff["exporter"])
    # And rewriting the audit row to match breaks the chain.
    _tamper(
        sqlite_database,
        "UPDATE audit_log SET content_hash = :hash WHERE action = 'approve' AND release_id = :id",
        hash=forged_hash,
        id=approved,
    )
    assert not _report(sqlite_database).ok


def test_audit_verify_on_the_command_line_exits_1_naming_the_broken_row(
    sqlite_database: Database, approved: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli_main(["--database", sqlite_database.url, "audit", "verify"]) == 0
    assert "цілий" in capsys.readouterr().out
    _tamper(sqlite_database, "UPDATE audit_log SET detail = 'підчищено' WHERE id = 7")
    assert cli_main(["--database", sqlite_database.url, "audit", "verify"]) == 1
    assert "№7" in capsys.readouterr().out
    assert cli_main(["--database", sqlite_database.url, "audit", "verify", "--json"]) == 1
    assert '"broken_id": 7' in capsys.readouterr().out


def _newest_id(database: Database) -> int:
    with database.engine.connect() as connection:
        return connection.execute(text("SELECT max(id) FROM audit_log")).scalar_one()


def test_deleting_the_newest_rows_is_detected_on_a_workstation_that_saw_them(
    sqlite_database: Database, approved: int, capsys: pytest.CaptureFixture[str]
) -> None:
    newest = _newest_id(sqlite_database)
    _tamper(sqlite_database, "DELETE FROM audit_log WHERE id >= :id", id=newest - 1)
    # what is left is a sound chain; only the witness outside the database knows it was longer
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == newest - 1
    assert f"цей комп’ютер уже бачив запис №{newest}" in report.reason
    assert cli_main(["--database", sqlite_database.url, "audit", "verify"]) == 1
    assert f"№{newest - 1}" in capsys.readouterr().out


def test_a_resealed_newest_row_differs_from_the_witness(sqlite_database: Database, approved: int) -> None:
    newest = _newest_id(sqlite_database)
    with sqlite_database.session() as session:
        entry = session.get(audit.AuditEntry, newest)
        entry.detail = "переписано"
        entry.row_hash = audit.row_hash(entry)  # the chain itself holds: nothing follows this row
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == newest
    assert "не той, що цей комп’ютер бачив раніше" in report.reason


def test_the_witness_follows_only_committed_rows(sqlite_database: Database, staff: dict, approved: int) -> None:
    newest = _newest_id(sqlite_database)
    with pytest.raises(RuntimeError), sqlite_database.session() as session:
        audit.append(session, session.merge(staff["author"]), "login")
        raise RuntimeError("the transaction fails")
    assert _newest_id(sqlite_database) == newest
    assert _report(sqlite_database).ok  # the rolled-back row was never witnessed


def test_an_emptied_log_is_a_break_where_the_witness_has_seen_rows(
    sqlite_database: Database, staff: dict, approved: int
) -> None:
    assert _report(sqlite_database).ok
    newest = _newest_id(sqlite_database)
    _tamper(sqlite_database, "DELETE FROM audit_log")
    report = _report(sqlite_database)
    assert not report.ok and report.rows == 0 and f"№{newest}" in report.reason
    with sqlite_database.session() as session:
        audit.append(session, session.merge(staff["admin"]), "login")  # a new first row does not hide it
    assert not _report(sqlite_database).ok


def test_a_database_file_made_anew_at_the_same_address_starts_a_new_chain(
    sqlite_database: Database, staff: dict, approved: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _report(sqlite_database).ok
    url = sqlite_database.url
    sqlite_database.dispose()
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    monkeypatch.setenv("VISNYK_NEW_PASSWORD", "нове-довге-гасло-1")
    assert cli_main(["--database", url, "init", "--admin", "boss", "--name", "Нова Адміністраторка"]) == 0
    fresh = Database(url)
    try:
        report = _report(fresh)
        assert report.ok and report.rows >= 1
    finally:
        fresh.dispose()


def test_an_unwritable_data_folder_only_loses_the_witness(
    sqlite_database: Database, staff: dict, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    monkeypatch.setattr(audit_chain, "witness_path", lambda: tmp_path / "missing" / "audit-witness.json")
    with sqlite_database.session() as session:
        audit.append(session, session.merge(staff["author"]), "login")
    assert _report(sqlite_database).ok


def test_an_append_undone_with_its_outer_transaction_is_never_witnessed(
    sqlite_database: Database, staff: dict, approved: int
) -> None:
    newest = _newest_id(sqlite_database)
    with pytest.raises(RuntimeError), sqlite_database.session() as session:
        audit.append(session, session.merge(staff["author"]), "login")
        with session.begin_nested():  # a savepoint released: not the end of the transaction
            pass
        raise RuntimeError("the outer transaction fails")
    assert _newest_id(sqlite_database) == newest
    assert _report(sqlite_database).ok


def test_rows_cut_and_then_written_over_are_still_reported(
    sqlite_database: Database, staff: dict, approved: int
) -> None:
    newest = _newest_id(sqlite_database)
    _tamper(sqlite_database, "DELETE FROM audit_log WHERE id > :id", id=newest - 3)
    for _ in range(4):  # new rows reach past the witness's number
        with sqlite_database.session() as session:
            audit.append(session, session.merge(staff["author"]), "login")
    report = _report(sqlite_database)
    assert not report.ok and report.broken_id == newest
