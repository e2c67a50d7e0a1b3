"""The release commands: show, edit, list, the workflow moves and history, with refusals exiting 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.storage.engine import Database
from tests.workflow_support import PASSWORD, make_staff, new_release


@pytest.fixture
def cli(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """run(login, *arguments) → (exit code, stdout, stderr) against a database with the whole staff."""
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    staff = make_staff(sqlite_database)
    release_id = new_release(sqlite_database, staff["author"])

    def run(login: str, *arguments: str) -> tuple[int, str, str]:
        code = main(["--database", sqlite_database.url, "--as", login, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run, release_id


def test_the_whole_round_on_the_command_line(cli, tmp_path: Path) -> None:
    run, release_id = cli
    rid = str(release_id)
    text_file = tmp_path / "release.txt"
    text_file.write_text(
        "Нарада щодо опалювального сезону\n\nУ Коростені відбулася нарада.\nДругий рядок ліду.\n\nДругий абзац.\n",
        encoding="utf-8",
    )
    code, out, _ = run("author", "edit", rid, "--text", str(text_file), "--json")
    assert code == 0 and json.loads(out)["revision"] == 2
    code, out, _ = run("author", "show", rid, "--text")
    assert out.splitlines() == [
        "Нарада щодо опалювального сезону",
        "У Коростені відбулася нарада. Другий рядок ліду.",
        "Другий абзац.",
    ]
    assert run("author", "submit", rid)[0] == 0
    code, _, err = run("author", "approve", rid)
    assert code == 2 and "керівник" in err
    code, _, err = run("supervisor", "return", rid, "--comment", "Додайте дату.")
    assert code == 0
    assert run("author", "submit", rid)[0] == 0
    code, out, _ = run("supervisor", "approve", rid, "--comment", "Погоджую.")
    assert code == 0 and "Погоджено: начальник Коростенської РВА Юрій ТАРАСЮК" in out
    code, out, _ = run("supervisor", "show", rid, "--json")
    shown = json.loads(out)
    assert shown["status"] == "approved" and shown["approval"]["by"] == "Юрій Тарасюк"
    code, out, _ = run("author", "history", rid, "--json")
    history = json.loads(out)
    assert [e["action"] for e in history["events"]] == ["submit", "return", "submit", "approve"]
    assert [r["kind"] for r in history["revisions"]] == ["create", "save"]
    code, out, _ = run("exporter", "list", "--inbox", "approved", "--search", "опалювальн", "--json")
    assert [row["id"] for row in json.loads(out)] == [release_id]
    assert run("author", "archive", rid)[0] == 0
    assert run("admin", "restore", rid)[0] == 0
    assert "Журнал аудиту цілий" in run("admin", "audit", "verify")[1]


def test_a_refused_move_exits_2_with_the_reason_in_ukrainian(cli) -> None:
    run, release_id = cli
    code, _, err = run("author", "return", str(release_id), "--comment", "Ні.")
    assert code == 2 and "Повертати релізи на доопрацювання може лише керівник" in err
    code, _, err = run("supervisor", "approve", str(release_id))
    assert code == 2 and "«Чернетка»" in err
    code, _, err = run("exporter", "show", str(release_id))
    assert code == 2 and "не погоджений" in err
    code, _, err = run("author", "show", "999")
    assert code == 2 and "не знайдено" in err


def test_edit_refuses_a_file_that_is_not_utf8(cli, tmp_path: Path) -> None:
    run, release_id = cli
    bad = tmp_path / "cp1251.txt"
    bad.write_bytes("Заголовок\n\nТекст".encode("cp1251"))
    code, _, err = run("author", "edit", str(release_id), "--text", str(bad))
    assert code == 2 and "UTF-8" in err


def test_a_fault_of_the_program_is_one_line_and_a_log_not_a_traceback(cli, monkeypatch, tmp_path: Path) -> None:
    import desktop.cli.releases as releases_cli

    run, release_id = cli
    secret = "ТЕКСТ-КОРИСТУВАЧА-НЕ-ДЛЯ-ЕКРАНА"

    def broken(*_args: object) -> None:
        raise KeyError(secret)

    monkeypatch.setattr(releases_cli.releases, "get_release", broken)
    code, out, err = run("author", "show", str(release_id))
    assert code == 70 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Внутрішня помилка програми (KeyError)" in err
    assert "Traceback" not in err and secret not in err
    log = Path(err.split("розробників: ")[1].strip())
    assert "Traceback" in log.read_text(encoding="utf-8") and secret in log.read_text(encoding="utf-8")


def test_edit_keeps_a_paragraph_a_line_and_drops_a_typed_signature(cli, sqlite_database: Database, tmp_path: Path) -> None:
    from desktop import accounts, settings

    run, release_id = cli
    with sqlite_database.session() as session:
        admin = accounts.find_user(session, "admin")
        settings.set_value(session, admin, "department.signature", "Відділ комунікацій\nКоростенської РВА")
    path = tmp_path / "text.txt"
    path.write_text("Заголовок релізу\nПерший абзац.\nДругий абзац.\nВідділ комунікацій\nКоростенської РВА\n",
                    encoding="utf-8")
    code, _, err = run("author", "edit", str(release_id), "--text", str(path))
    assert code == 0, err
    code, out, _ = run("author", "show", str(release_id), "--json")
    blocks = json.loads(out)["document"]["blocks"]
    assert [b["runs"][0]["text"] for b in blocks] == ["Перший абзац.", "Другий абзац."]
