"""The unsigned export on SQLite without SQLAlchemy (desktop.export.light): what it writes, and when it steps aside.

The light path must write exactly what the ORM path writes (rows, seals, witness, file), never import
SQLAlchemy, and leave every unusual case to the ORM path, which then gives today's answer.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from docx import Document as DocxDocument
from sqlalchemy import select, text, update

from desktop import passwords
from desktop.bench.processes import private_environment
from desktop.cli import main
from desktop.export import light, service
from desktop.paths import PROJECT_ROOT
from desktop.storage import audit, audit_chain, light_rows
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, Export, User
from tests.core.export_support import needs_poppler, pdftotext
from tests.workflow_support import PASSWORD, make_staff, release_in_state

# What the light path must never load.
HEAVY_MODULES = ("sqlalchemy", "desktop.storage.models", "desktop.storage.engine", "desktop.storage.audit",
                 "desktop.storage.errors", "desktop.export.service", "desktop.accounts")


@pytest.fixture
def approved(sqlite_database: Database) -> int:
    """The staff of workflow_support and one approved release on the test's SQLite file."""
    staff = make_staff(sqlite_database)
    return release_in_state(sqlite_database, staff, "approved")


@pytest.fixture
def paths_taken(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """What each path did during a command: the light path's answers (None: it stepped aside), the ORM's calls."""
    taken: dict[str, list[Any]] = {"light": [], "orm": []}
    light_export, orm_export = light.export_release, service.export_release

    def light_spy(*args: Any, **kwargs: Any) -> Any:
        result = light_export(*args, **kwargs)
        taken["light"].append(result)
        return result

    def orm_spy(*args: Any, **kwargs: Any) -> Any:
        taken["orm"].append(args[3])
        return orm_export(*args, **kwargs)

    monkeypatch.setattr(light, "export_release", light_spy)
    monkeypatch.setattr(service, "export_release", orm_spy)
    return taken


def _cli(database: Database, login: str, *arguments: str) -> tuple[int, str, str]:
    from contextlib import redirect_stderr, redirect_stdout
    from io import StringIO

    out, err = StringIO(), StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["--database", database.url, "--as", login, *arguments])
    return code, out.getvalue(), err.getvalue()


def _export(database: Database, login: str, release_id: int, fmt: str, folder: Path) -> tuple[int, str, str]:
    return _cli(database, login, "export", str(release_id), "--format", fmt, "--out", str(folder), "--json")


def _rows(database: Database, model: Any) -> list[Any]:
    with database.session() as session:
        return list(session.execute(select(model).order_by(model.id)).scalars())


def _chain_ok(database: Database) -> bool:
    with database.session() as session:
        return audit.verify_chain(session).ok


# What the light path writes.

def _production_password(database: Database, login: str) -> None:
    """The login's password hashed as the program hashes it (the tests hash with cheaper parameters)."""
    with database.session() as session:
        session.execute(update(User).where(User.login == login)
                        .values(password_hash=PasswordHasher(
                            passwords.TIME_COST, passwords.MEMORY_COST_KIB, passwords.PARALLELISM).hash(PASSWORD)))


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_light_export_writes_the_file_and_both_rows_without_sqlalchemy(
    sqlite_database: Database, approved: int, tmp_path: Path, fmt: str
) -> None:
    _production_password(sqlite_database, "exporter")
    folder = tmp_path / "out"
    env = private_environment(tmp_path / "process", VISNYK_PASSWORD=PASSWORD)
    env["VISNYK_DATA_DIR"] = os.environ["VISNYK_DATA_DIR"]  # the witness this test verifies with
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "ui", "--database", sqlite_database.url, "--as", "exporter",
         "export", str(approved), "--format", fmt, "--out", str(folder), "--json"],
        env=env, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines() if line.startswith("import time:")}
    assert imported and not any(name == heavy or name.startswith(heavy + ".")
                                for name in imported for heavy in HEAVY_MODULES)
    record = json.loads(done.stdout)
    path = Path(record["path"])
    assert path.parent == folder and path.suffix == f".{fmt}" and not list(folder.glob(".*.part"))
    if fmt == "pdf":
        assert path.read_bytes().startswith(b"%PDF-")
    else:
        assert "word/document.xml" in zipfile.ZipFile(path).namelist()
    (row,) = _rows(sqlite_database, Export)
    assert (row.id, row.release_id, row.format, row.signed, row.sha256, row.path) == (
        record["export_id"], approved, fmt, False, record["sha256"], str(path.resolve()))
    newest = _rows(sqlite_database, AuditEntry)[-1]
    assert (newest.action, newest.release_id, newest.user_login) == ("export", approved, "exporter")
    assert path.name in newest.detail and record["sha256"] in newest.detail
    assert _chain_ok(sqlite_database)


def _copy(database: Database, tmp_path: Path, name: str) -> Database:
    target = tmp_path / name / "visnyk.sqlite3"
    target.parent.mkdir()
    with sqlite3.connect(light_rows.sqlite_file(database.url)) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return Database(f"sqlite:///{target}")


def _file_text(path: Path) -> str:
    if path.suffix == ".pdf":
        return pdftotext(path)
    if path.suffix == ".docx":
        return "\n".join(paragraph.text for paragraph in DocxDocument(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


def _raw_times(database: Database) -> list[str]:
    with sqlite3.connect(light_rows.sqlite_file(database.url)) as connection:
        return [row[0] for row in connection.execute(
            "SELECT created_at FROM audit_log UNION ALL SELECT created_at FROM exports")]


@needs_poppler
def test_the_light_and_the_orm_path_write_the_same_rows_and_files(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    with sqlite_database.session() as session:
        session.execute(text("INSERT INTO settings (key, value) VALUES ('organisation.name', 'Коростенська РВА'), "
                             "('department.signature', 'Відділ комунікацій\nКоростенської РВА'), "
                             "('export.hashtags', 'Коростень, громади')"))
        session.execute(text("UPDATE releases SET event_date = '2023-04-20' WHERE id = :id"), {"id": approved})
    orm_database, light_database = _copy(sqlite_database, tmp_path, "orm"), _copy(sqlite_database, tmp_path, "light")
    exports_made = (("pdf", "publication"), ("pdf", "office"), ("docx", "office"), ("txt", "publication"),
                    ("html", "publication"), ("telegram", "publication"))

    def export_all(database: Database, folder: Path) -> None:
        for fmt, copy in exports_made:
            assert _cli(database, "exporter", "export", str(approved), "--format", fmt, "--copy", copy,
                        "--out", str(folder))[0] == 0

    export_all(light_database, tmp_path / "light-out")
    assert paths_taken["orm"] == [] and all(paths_taken["light"])
    monkeypatch.setattr(light_rows, "open_database", lambda url: None)  # the ORM path for the other copy
    export_all(orm_database, tmp_path / "orm-out")
    assert len(paths_taken["orm"]) == len(exports_made)

    def exports(database: Database) -> list[tuple[Any, ...]]:
        return [(r.id, r.release_id, r.revision_id, r.user_id, r.format, r.signed, Path(r.path).name, r.sha256 if
                 r.format in ("txt", "telegram") else "", r.content_hash) for r in _rows(database, Export)]

    def audit_rows(database: Database) -> list[tuple[Any, ...]]:
        return [(r.id, r.user_id, r.user_login, r.action, r.release_id, r.revision_id, r.content_hash,
                 re.sub(r"SHA-256 [0-9a-f]{64}", "", r.detail)) for r in _rows(database, AuditEntry)]

    assert exports(light_database) == exports(orm_database)
    assert audit_rows(light_database) == audit_rows(orm_database)
    for database in (light_database, orm_database):
        assert _chain_ok(database)
        assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}", moment) for moment in _raw_times(database))
        newest = _rows(database, AuditEntry)[-1]
        key = audit_chain.chain_key(database.url, _rows(database, AuditEntry)[0].row_hash)
        assert audit_chain.read_witness()[key] == {"id": newest.id, "hash": newest.row_hash}
    light_files = sorted((tmp_path / "light-out").iterdir())
    orm_files = sorted((tmp_path / "orm-out").iterdir())
    assert [path.name for path in light_files] == [path.name for path in orm_files]
    assert len(light_files) == len(exports_made) and light_files[0].name.startswith("2023-04-20-")
    for ours, theirs in zip(light_files, orm_files, strict=True):
        assert _file_text(ours) == _file_text(theirs), ours.name
        assert ours.stat().st_mode & 0o777 == theirs.stat().st_mode & 0o777


def test_a_time_is_stored_as_sqlalchemy_stores_it_and_an_address_as_sqlalchemy_renders_it() -> None:
    from datetime import UTC, datetime

    from sqlalchemy.dialects import sqlite
    from sqlalchemy.engine import make_url

    store = sqlite.DATETIME(timezone=True).bind_processor(sqlite.dialect())
    for moment in (datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC), datetime(2026, 12, 3, 16, 40, 20, 72844, tzinfo=UTC)):
        assert light_rows.stored_time(moment) == store(moment)
        assert light_rows.read_time(light_rows.stored_time(moment)) == moment.replace(tzinfo=None)
    # the witness is keyed by the address as the ORM path renders it: a Cyrillic folder, a Windows path
    for url in ("sqlite:////tmp/a b/visnyk.sqlite3", "sqlite:///relative.db", "sqlite:////tmp/x-y_z~+.db",
                "sqlite:////home/олена/.local/share/Visnyk/visnyk.sqlite3", "sqlite:////tmp/%D0%B1.db",
                "sqlite:///C:\\Users\\Олена\\AppData\\Local\\Visnyk\\visnyk.sqlite3", "sqlite:///C:/x/db.sqlite3",
                "sqlite:////tmp/a%/c%20d#e@f:g.db", "sqlite+pysqlite:////tmp/ünï/db.sqlite3"):
        assert light_rows.witness_address(url) == make_url(url).render_as_string(hide_password=True), url
    for url in ("sqlite:////tmp/a.db?mode=ro", "sqlite://", "postgresql+psycopg://u@localhost/visnyk"):
        assert light_rows.witness_address(url) is None and light_rows.open_database(url) is None


# When it steps aside, the ORM path gives today's answer.

def test_a_wrong_password_goes_the_ordinary_way_and_is_counted_once(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", "не той пароль")
    code, _, err = _export(sqlite_database, "exporter", approved, "pdf", tmp_path / "out")
    assert code == 2 and err.strip() == "Помилка: Неправильний логін або пароль."
    assert paths_taken["light"] == [None]
    (user,) = [user for user in _rows(sqlite_database, User) if user.login == "exporter"]
    assert user.failed_logins == 1
    newest = _rows(sqlite_database, AuditEntry)[-1]
    assert (newest.action, newest.user_login, newest.detail) == ("login_failed", "exporter", "невдала спроба №1")
    assert _rows(sqlite_database, Export) == [] and not (tmp_path / "out").exists()


@pytest.mark.parametrize("account", ["failed_before", "inactive", "locked", "old_hash"])
def test_an_account_that_is_not_plain_goes_the_ordinary_way(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken,
    account: str,
) -> None:
    from datetime import UTC, datetime, timedelta

    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    now = datetime.now(UTC)
    values = {"failed_before": {"failed_logins": 1, "last_failed_at": now - timedelta(hours=1)},
              "inactive": {"active": False},
              "locked": {"failed_logins": 6, "last_failed_at": now, "locked_until": now + timedelta(minutes=15)},
              "old_hash": {"password_hash": PasswordHasher(time_cost=1, memory_cost=2048, parallelism=1).hash(
                  PASSWORD)}}[account]
    with sqlite_database.session() as session:
        session.execute(update(User).where(User.login == "exporter").values(**values))
    code, _, err = _export(sqlite_database, "exporter", approved, "txt", tmp_path / "out")
    assert paths_taken["light"] == [None]
    (user,) = [user for user in _rows(sqlite_database, User) if user.login == "exporter"]
    if account in ("failed_before", "old_hash"):
        assert code == 0, err
        assert paths_taken["orm"] == ["txt"] and user.failed_logins == 0  # the ordinary login resets the count
        if account == "old_hash":
            assert user.password_hash.startswith("$argon2id$v=19$m=1024,t=1")  # today's (test) parameters
    elif account == "inactive":
        assert code == 2 and err.strip() == "Помилка: Неправильний логін або пароль."
    else:
        assert code == 2 and "тимчасово заблоковано" in err


@pytest.mark.parametrize(("login", "state", "line"), [
    ("author", "approved", "Експортувати релізи може лише відповідальний за оприлюднення або адміністратор."),
    ("exporter", "draft", "Експортувати можна лише погоджений реліз."),
])
def test_a_refusal_is_todays_line(
    sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken,
    login: str, state: str, line: str,
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    staff = make_staff(sqlite_database)
    release_id = release_in_state(sqlite_database, staff, state)
    before = len(_rows(sqlite_database, AuditEntry))
    code, out, err = _export(sqlite_database, login, release_id, "pdf", tmp_path / "out")
    assert (code, out, err.strip()) == (2, "", f"Помилка: {line}")
    assert len(_rows(sqlite_database, AuditEntry)) == before and _rows(sqlite_database, Export) == []
    assert not (tmp_path / "out").exists()


def test_a_tampered_audit_row_stops_the_export_through_the_ordinary_path(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    with sqlite3.connect(light_rows.sqlite_file(sqlite_database.url)) as connection:
        connection.execute("UPDATE audit_log SET detail = detail || ' (виправлено)' WHERE id = 2")
    code, _, err = _export(sqlite_database, "exporter", approved, "pdf", tmp_path / "out")
    assert code == 2 and err.startswith("Помилка: Експорт заборонено: журнал аудиту порушено на записі №2")
    assert paths_taken["light"] == [None] and paths_taken["orm"] == ["pdf"]
    assert _nothing_written(sqlite_database, tmp_path / "out")


def test_a_missing_audit_key_goes_the_ordinary_way(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    monkeypatch.setenv("VISNYK_AUDIT_KEY_FILE", str(tmp_path / "no-key" / "audit.key"))
    code, _, err = _export(sqlite_database, "exporter", approved, "pdf", tmp_path / "out")
    assert code == 2 and "немає ключа журналу аудиту" in err
    assert paths_taken["light"] == [None] and _nothing_written(sqlite_database, tmp_path / "out")


def test_a_pending_restore_note_goes_the_ordinary_way_which_records_it(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    path = light_rows.sqlite_file(sqlite_database.url)
    assert path is not None
    path.with_name(path.name + light_rows.RESTORE_NOTE_SUFFIX).write_text(
        json.dumps({"source": "copy.sqlite3", "login": "admin"}), encoding="utf-8")
    code, _, err = _export(sqlite_database, "exporter", approved, "txt", tmp_path / "out")
    assert code == 0, err
    assert paths_taken["light"] == [None] and paths_taken["orm"] == ["txt"]
    assert [row.action for row in _rows(sqlite_database, AuditEntry)][-2:] == ["backup_restore", "export"]


def test_a_release_with_photos_goes_the_ordinary_way(
    sqlite_database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    from desktop.releases import photos
    from desktop.workflow import transitions
    from tests.photo_support import png_bytes
    from tests.workflow_support import new_release

    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    staff = make_staff(sqlite_database)
    release_id = new_release(sqlite_database, staff["author"])
    with sqlite_database.session() as session:
        photos.attach_photo(session, staff["author"], release_id, png_bytes(), "a.png", caption="Нарада")
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff["chief"], release_id)
    code, out, err = _export(sqlite_database, "exporter", release_id, "html", tmp_path / "out")
    assert code == 0, err
    assert paths_taken["light"] == [None] and paths_taken["orm"] == ["html"]
    assert Path(json.loads(out)["path"]).parent.parent == tmp_path / "out"  # the page's own folder


def test_a_signed_export_never_takes_the_light_path(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    from desktop.export.testcert import make_test_certificate

    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    monkeypatch.setenv("VISNYK_CERT_PASSWORD", "сертифікат-1")
    certificate = make_test_certificate(tmp_path / "dept.p12", "сертифікат-1")
    code, out, err = _cli(sqlite_database, "exporter", "export", str(approved), "--sign", str(certificate),
                          "--out", str(tmp_path / "out"), "--json")
    assert code == 0, err
    assert paths_taken["light"] == [] and paths_taken["orm"] == ["pdf"] and json.loads(out)["signed"] is True


def _nothing_written(database: Database, folder: Path) -> bool:
    return _rows(database, Export) == [] and (not folder.exists() or not list(folder.iterdir()))


def test_a_schema_it_does_not_know_is_left_to_the_ordinary_path(
    sqlite_database: Database, approved: int, tmp_path: Path
) -> None:
    folder = tmp_path / "out"
    before = len(_rows(sqlite_database, AuditEntry))
    with sqlite3.connect(light_rows.sqlite_file(sqlite_database.url)) as connection:
        head = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        connection.execute("UPDATE alembic_version SET version_num = 'newer'")
    assert light.export_release(sqlite_database.url, "exporter", PASSWORD, approved, "pdf", out_dir=folder) is None
    with sqlite3.connect(light_rows.sqlite_file(sqlite_database.url)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (head,))
        connection.execute("ALTER TABLE exports RENAME COLUMN content_hash TO content_digest")  # the same head
    assert light.export_release(sqlite_database.url, "exporter", PASSWORD, approved, "pdf", out_dir=folder) is None
    with sqlite3.connect(light_rows.sqlite_file(sqlite_database.url)) as connection:
        assert connection.execute("SELECT count(*) FROM exports").fetchone() == (0,)
        assert connection.execute("SELECT count(*) FROM audit_log").fetchone() == (before,)
    assert not folder.exists() or not list(folder.iterdir())


def test_a_failure_before_the_commit_leaves_no_row_and_no_file(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    before = len(_rows(sqlite_database, AuditEntry))

    def busy(*_args: Any) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(light_rows, "insert_audit", busy)
    assert light.export_release(sqlite_database.url, "exporter", PASSWORD, approved, "docx", out_dir=folder) is None
    assert _nothing_written(sqlite_database, folder) and len(_rows(sqlite_database, AuditEntry)) == before
    monkeypatch.undo()
    record = light.export_release(sqlite_database.url, "exporter", PASSWORD, approved, "docx", out_dir=folder)
    assert record is not None and [path.name for path in folder.iterdir()] == [record.path.name]
    assert _chain_ok(sqlite_database)


def test_an_existing_file_is_refused_as_today_and_replaced_when_asked(
    sqlite_database: Database, approved: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    folder = tmp_path / "out"
    assert _export(sqlite_database, "exporter", approved, "txt", folder)[0] == 0
    (target,) = folder.iterdir()
    target.write_text("правка вручну", encoding="utf-8")
    code, _, err = _export(sqlite_database, "exporter", approved, "txt", folder)
    assert code == 2 and "--overwrite" in err and target.read_text(encoding="utf-8") == "правка вручну"
    assert len(_rows(sqlite_database, Export)) == 1
    code, _, err = _cli(sqlite_database, "exporter", "export", str(approved), "--format", "txt", "--out", str(folder),
                        "--overwrite")
    assert code == 0, err
    assert target.read_text(encoding="utf-8") != "правка вручну" and len(_rows(sqlite_database, Export)) == 2
    # the refusal in between was the light path's own (ExportExists), as the ORM path words it
    assert paths_taken["orm"] == [] and len(paths_taken["light"]) == 2 and _chain_ok(sqlite_database)


def test_postgresql_goes_the_ordinary_way_and_sqlite_the_light_one(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paths_taken
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    release_id = release_in_state(database, make_staff(database), "approved")
    code, out, err = _export(database, "exporter", release_id, "docx", tmp_path / "out")
    assert code == 0, err
    assert Path(json.loads(out)["path"]).is_file() and len(_rows(database, Export)) == 1
    if database.dialect == "sqlite":
        assert paths_taken["orm"] == [] and paths_taken["light"][0] is not None
    else:
        assert paths_taken["light"] == [] and paths_taken["orm"] == ["docx"]  # not even tried


def test_a_database_in_a_cyrillic_folder_takes_the_light_path_and_its_witness_is_the_ordinary_one(
    sqlite_database: Database, approved: int, tmp_path: Path, paths_taken: dict[str, list[Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # «C:\\Users\\Олена\\…»: SQLAlchemy renders the address percent-quoted, and so must the light path's witness
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    copy = _copy(sqlite_database, tmp_path, "база даних")
    code, _out, err = _export(copy, "exporter", approved, "pdf", tmp_path / "out")
    assert code == 0, err
    assert paths_taken["light"] and paths_taken["light"][0] is not None and not paths_taken["orm"]
    rendered = copy.engine.url.render_as_string(hide_password=True)
    assert rendered != copy.url  # quoted: the case this test is for
    assert any(key.startswith(rendered + " ") for key in audit_chain.read_witness())
    assert _chain_ok(copy)
