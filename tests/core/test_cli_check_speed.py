"""`check` without SQLAlchemy: the words read through sqlite3 are the ORM's, its findings and suggestions too."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, text

from desktop import settings
from desktop.cli import main
from desktop.cli.proofing import proofread
from desktop.directory import glossary
from desktop.directory.groups import add_group
from desktop.directory.officials import add_official, directory_words
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader
from desktop.storage import light
from desktop.storage.engine import Database
from desktop.storage.models import GlossaryWord
from tests.workflow_support import make_staff

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("Участь у нараді взяв начальник районної військової адміністрації Юрій Тарасюкк. "
        "Заступниця Олена Харченко подякувала волонтерам у Звягелі. Громадяни отримали допомогуу. "
        "Окремо обговорили ТЦК та СП і новий полігон Сторожовий.\n")


@pytest.fixture
def filled(sqlite_database: Database) -> Database:
    """A database with officials, a group, a department glossary and the department's own sensitive words."""
    staff = make_staff(sqlite_database)
    with sqlite_database.session() as session:
        admin = staff["admin"]
        add_official(session, admin, surname="Тарасюк", given_name="Юрій", patronymic="Петрович",
                     position="начальник Звягельської районної військової адміністрації", organization="РВА")
        add_official(session, admin, surname="Харченко", given_name="Олена", patronymic="",
                     position="заступниця голови районної ради", organization="Рада")
        add_group(session, admin, "Представники ДСНС")
        glossary.add_glossary_word(session, staff["supervisor"], "Звягелі")
        settings.set_value(session, admin, "proofing.security_terms", "Сторожовий; блокпост\nпозиції")
    return sqlite_database


def test_the_light_read_gives_the_orms_glossary_directory_and_security_words(filled: Database):
    words = light.read_proofing_words(filled.url)
    assert words is not None
    with filled.session() as session:
        assert words.accepted == frozenset(glossary.accepted_words(session, None))
        assert {"Тарасюка", "Звягельської", "ДСНС", "Звягелі"} <= words.accepted
        assert directory_words(session) <= words.accepted
        expected_terms = glossary.security_terms(session)
    assert expected_terms is not None
    assert expected_terms[-3:] == list(words.security_extra) == ["Сторожовий", "блокпост", "позиції"]


def test_what_the_light_read_is_not_sure_of_goes_the_ordinary_way(sqlite_database: Database, tmp_path: Path):
    # PostgreSQL, a missing file, an in-memory database: not read here
    assert light.read_proofing_words("postgresql+psycopg://u@localhost/visnyk") is None
    assert light.read_proofing_words(f"sqlite:///{tmp_path / 'absent.sqlite3'}") is None
    assert light.read_proofing_words("sqlite://") is None
    # a glossary never seeded reads as the defaults the ordinary path seeds it with
    with sqlite_database.session() as session:
        session.execute(delete(GlossaryWord))
    unseeded = light.read_proofing_words(sqlite_database.url, DEFAULT_GLOSSARY)
    assert unseeded is not None and set(DEFAULT_GLOSSARY) <= unseeded.accepted
    with sqlite_database.session() as session:
        assert unseeded.accepted == frozenset(glossary.accepted_words(session, None))  # which seeds it
    assert light.read_proofing_words(sqlite_database.url) == unseeded
    # an older schema (another migration head), or a restore whose audit row is not written yet
    path = light.sqlite_file(sqlite_database.url)
    assert path is not None
    note = path.with_name(path.name + light.RESTORE_NOTE_SUFFIX)
    note.write_text("{}", encoding="utf-8")
    assert light.read_proofing_words(sqlite_database.url) is None
    note.unlink()
    with sqlite_database.session() as session:
        session.execute(text("UPDATE alembic_version SET version_num = 'older'"))
    assert light.read_proofing_words(sqlite_database.url) is None


def test_the_default_url_and_a_quoted_file_name_are_understood(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("VISNYK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("VISNYK_DATABASE_URL", raising=False)
    assert light.sqlite_file(None) == tmp_path / "visnyk.sqlite3"
    assert light.sqlite_file("sqlite:////tmp/%D0%B1%D0%B0%D0%B7%D0%B0.sqlite3?mode=rw") == Path("/tmp/база.sqlite3")
    monkeypatch.setenv("VISNYK_DATABASE_URL", "postgresql://u@h/db")
    assert light.sqlite_file(None) is None


def test_suggestions_beside_the_layers_are_the_checkers_own():
    """proofread() suggests on a second thread; the findings are those of a checker that suggests itself."""
    text = TEXT * 3
    by_itself = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=True).check(text)
    beside = proofread(Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False), text)
    assert beside == by_itself
    assert any(f.kind == "spelling" and f.suggestions for f in beside)
    without = proofread(Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False), text, False)
    assert [f for f in without if f.kind == "spelling" and f.suggestions] == []


def _check_process(url: str, file: Path, *extra: str) -> tuple[dict, set[str]]:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "run.py", "--database", url, "check", str(file), "--json", *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=120, check=False, env=dict(os.environ),
    )
    assert result.returncode == 1, result.stderr[-2000:]
    modules = {line.rsplit("|", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    return json.loads(result.stdout), modules


def test_a_check_process_imports_no_sqlalchemy_and_finds_what_the_orm_path_finds(filled: Database, tmp_path: Path):
    file = tmp_path / "release.txt"
    file.write_text(TEXT, encoding="utf-8")
    report, modules = _check_process(filled.url, file)
    assert "desktop.storage.light" in modules
    assert not modules & {"sqlalchemy", "sqlalchemy.orm", "desktop.storage.models", "alembic", "argon2"}
    with filled.session() as session:
        expected = glossary.build_proofreader(session, None).check(TEXT)
    assert report["findings"] == [f.to_json() for f in expected]
    flagged = {TEXT[f["start"]:f["end"]]: f["suggestions"] for f in report["findings"] if f["kind"] == "spelling"}
    assert "Тарасюка" not in flagged and "Звягелі" not in flagged  # the directory's and glossary's words
    assert "допомогу" in flagged["допомогуу"]
    assert any(f["kind"] == "security" and TEXT[f["start"]:f["end"]] == "Сторожовий" for f in report["findings"])


def test_a_new_database_is_created_the_ordinary_way_then_read_lightly(tmp_path: Path, capsys):
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    file = tmp_path / "release.txt"
    file.write_text(TEXT, encoding="utf-8")
    assert light.read_proofing_words(url) is None
    assert main(["--database", url, "check", str(file)]) == 1  # creates, migrates, seeds the glossary
    assert "ТЦК та СП" in light.read_proofing_words(url).accepted
    assert "допомогуу" in capsys.readouterr().out
