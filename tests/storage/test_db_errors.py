"""Database failures as one Ukrainian line: locked, full, read-only, damaged, emptied — nothing dumped,
nothing written to a damaged file, the newest sound copy named."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.errors import DamagedDatabase, UserError
from desktop.storage import backups, engine
from desktop.storage.engine import Database
from desktop.storage.errors import database_user_error, quick_check
from desktop.storage.models import Base
from tests.workflow_support import PASSWORD, make_staff

# A word that appears only in the user's text: it must never reach the message.
SECRET_WORD = "Таємничослово"


@pytest.fixture
def office(sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str]):
    """A staffed SQLite office with one draft; run(*args) is the CLI as the author."""
    make_staff(sqlite_database)
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    url = sqlite_database.url
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({"headline": "Нарада", "main_text": "Перший текст."}), encoding="utf-8")

    def run(*arguments: str) -> tuple[int, str, str]:
        code = main(["--database", url, "--as", "author", *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    code, out, err = run("draft", "--template", "blank", "--fields", str(fields), "--json")
    assert code == 0, err
    sqlite_database.dispose()
    run.release_id = str(json.loads(out)["id"])  # type: ignore[attr-defined]
    run.url = url  # type: ignore[attr-defined]
    return run


def _big_text(tmp_path: Path) -> Path:
    path = tmp_path / "big.txt"
    path.write_text("Великий текст\n" + (SECRET_WORD + " ") * 80_000, encoding="utf-8")  # about 1 MB
    return path


def _shown_text(url: str, release_id: str) -> str:
    database = Database(url)
    try:
        with database.session() as session:
            from desktop.storage.models import Release

            return session.get(Release, int(release_id)).search_text or ""
    finally:
        database.dispose()


def _one_clean_line(err: str) -> str:
    assert "Traceback" not in err and SECRET_WORD not in err and "UPDATE" not in err and "INSERT" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


def test_a_locked_database_is_one_line_and_nothing_is_stored(office, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
    before = _shown_text(office.url, office.release_id)
    holder = sqlite3.connect(backups.database_file(office.url), timeout=0)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        code, _, err = office("edit", office.release_id, "--text", str(_big_text(tmp_path)))
    finally:
        holder.rollback()
        holder.close()
    assert code == 2 and "зайнята" in _one_clean_line(err)
    assert _shown_text(office.url, office.release_id) == before


def test_a_full_disk_is_one_line_without_the_text(office, tmp_path: Path, monkeypatch) -> None:
    before = _shown_text(office.url, office.release_id)
    path = backups.database_file(office.url)
    with sqlite3.connect(path) as probe:
        pages = probe.execute("PRAGMA page_count").fetchone()[0]
    original = engine._set_sqlite_pragmas

    def tiny_disk(connection, record) -> None:  # type: ignore[no-untyped-def]
        original(connection, record)
        connection.execute(f"PRAGMA max_page_count={pages + 8}")  # the disk has room for 8 pages more

    monkeypatch.setattr(engine, "_set_sqlite_pragmas", tiny_disk)
    code, _, err = office("edit", office.release_id, "--text", str(_big_text(tmp_path)))
    assert code == 2 and "не лишилося місця" in _one_clean_line(err)
    monkeypatch.setattr(engine, "_set_sqlite_pragmas", original)
    assert _shown_text(office.url, office.release_id) == before


def test_a_read_only_database_is_one_line(office, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = backups.database_file(office.url)
    before = _shown_text(office.url, office.release_id)
    # Tests run as root, whom file modes do not stop: SQLite's read-only mode stands in for chmod.
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    code = main(["--database", read_only, "--as", "author", "edit", office.release_id,
                 "--text", str(_big_text(tmp_path))])
    assert code == 2 and "лише для читання" in _one_clean_line(capsys.readouterr().err)
    assert _shown_text(office.url, office.release_id) == before


def _damage_pages(path: Path) -> bytes:
    """Overwrites pages inside the file (not its header), as a failing disk would."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    for page in range(1, min(8, len(data) // page_size)):
        start = page * page_size
        data[start:start + page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    return bytes(data)


def test_damaged_pages_are_never_written_to_and_the_newest_copy_is_named(office, tmp_path: Path) -> None:
    backups.make_backup(office.url)
    path = backups.database_file(office.url)
    damaged = _damage_pages(path)
    assert quick_check(path) is not None
    with pytest.raises(DamagedDatabase, match="Є резервна копія від") as refused:
        Database(office.url)
    assert refused.value.backup is not None and backups.is_sound(refused.value.backup.path)
    code, _, err = office("edit", office.release_id, "--text", str(_big_text(tmp_path)))
    assert code == 2 and "пошкоджений" in _one_clean_line(err)
    assert path.read_bytes() == damaged  # not a byte written


def test_a_damaged_copy_is_refused_by_restore(office, capsys) -> None:
    backups.make_backup(office.url)
    copy = backups.latest_backup(office.url)
    _damage_pages(copy.path)
    before = backups.database_file(office.url).read_bytes()
    with pytest.raises(UserError, match="пошкоджена"):
        backups.restore_backup(office.url, copy)
    assert backups.database_file(office.url).read_bytes() == before


def test_a_database_damaged_while_open_refuses_further_writes(office) -> None:
    database = Database(office.url)
    try:
        database.engine.dispose()
        _damage_pages(backups.database_file(office.url))
        with pytest.raises(UserError, match="пошкоджен"), database.session() as session:
            for table in Base.metadata.sorted_tables:  # reading every table meets a damaged page
                session.execute(engine.text(f'SELECT * FROM "{table.name}"')).all()
        assert database.damaged
        with pytest.raises(DamagedDatabase):
            database.session().__enter__()
    finally:
        database.dispose()


def test_an_emptied_database_without_copies_is_refused_not_recreated(tmp_path: Path) -> None:
    path = tmp_path / "visnyk.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(DamagedDatabase, match="порожній \\(0 байтів\\).*Резервних копій немає"):
        Database(f"sqlite:///{path}")
    assert path.stat().st_size == 0


def test_a_new_database_file_is_still_created(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    database.dispose()
    assert quick_check(tmp_path / "new.sqlite3") is None


def test_postgresql_out_of_range_and_errors_never_carry_the_statement(request: pytest.FixtureRequest) -> None:
    database = Database(request.getfixturevalue("_postgres_url"))
    with pytest.raises(UserError) as refused, database.session() as session:
        session.execute(engine.text("INSERT INTO officials (surname, given_name, precedence) "
                                    f"VALUES ('{SECRET_WORD}', 'Ім', 3000000000)"))
    database.dispose()
    assert "завелике" in str(refused.value) and SECRET_WORD not in str(refused.value)


def test_unknown_failures_name_only_their_kind() -> None:
    error = sqlite3.IntegrityError(f"CHECK constraint failed: {SECRET_WORD}")
    message = str(database_user_error(error))
    assert SECRET_WORD not in message and "IntegrityError" in message
