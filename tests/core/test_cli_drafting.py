"""`templates list` and `draft`: the command line drafts through the same functions as the GUI."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.directory import officials as directory
from desktop.document import Block, Document
from desktop.releases import revisions
from desktop.storage.models import Release
from tests.conftest import TEST_PASSWORD

RVA = "Коростенської районної військової адміністрації"


@pytest.fixture
def cli_env(database, admin, author, monkeypatch):
    """The database URL for --database, the author's password, and two officials in the directory."""
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    with database.session() as session:
        directory.add_official(session, admin, surname="Тарасюк", given_name="Юрій", gender="masculine",
                               position=f"начальник {RVA}", organization=RVA, precedence=1)
        directory.add_official(session, admin, surname="Харченко", given_name="Олена", gender="feminine",
                               position="заступниця голови Коростенської районної ради",
                               organization="Коростенська районна рада", precedence=5)
    return database


def _url(database) -> str:
    return database.engine.url.render_as_string(hide_password=False)


def test_templates_list_json_names_every_kind(capsys) -> None:
    assert main(["templates", "list", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    keys = {template["key"] for template in data["templates"]}
    assert {"event_report", "meeting", "working_visit", "aid_delivery", "announcement", "statement",
            "blank"} <= keys
    event = next(t for t in data["templates"] if t["key"] == "event_report")
    participants = next(f for f in event["fields"] if f["name"] == "participants")
    assert participants == {**participants, "type": "participants", "required": True}
    assert data["errors"] == []


def test_draft_creates_the_release_with_the_participants_clause(cli_env, tmp_path, capsys) -> None:
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({
        "event_name": "Форум громад Житомирщини", "event_date": "2023-04-20", "place": "у Коростені",
        "participants": ["Юрій Тарасюк", "Олена Харченко"], "topics": ["відновлення громад"],
    }, ensure_ascii=False), encoding="utf-8")
    code = main(["--database", _url(cli_env), "--as", "author", "draft", "--template", "event_report",
                 "--fields", str(fields), "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "Форум громад Житомирщини"
    with cli_env.session() as session:
        release = revisions.get_release(session, data["id"])
        lead = revisions.release_document(release).blocks[0].text
        assert release.status == "draft" and release.template_key == "event_report"
        assert "участь у якому взяли" in lead and "Юрій Тарасюк" in lead and "Олена Харченко" in lead
        assert [p["surname"] for p in revisions.release_participants(release)] == ["Тарасюк", "Харченко"]
        assert str(release.event_date) == "2023-04-20"


def test_draft_with_an_unknown_participant_is_one_clear_line(cli_env, tmp_path, capsys) -> None:
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({"event_name": "Форум", "event_date": "2023-04-20", "place": "у Києві",
                                  "participants": ["Петро Невідомий"]}), encoding="utf-8")
    code = main(["--database", _url(cli_env), "--as", "author", "draft", "--template", "event_report",
                 "--fields", str(fields)])
    captured = capsys.readouterr()
    assert code == 2
    assert "Петро Невідомий" in captured.err and "Traceback" not in captured.err
    with cli_env.session() as session:
        assert session.execute(select(func.count(Release.id))).scalar_one() == 0


def test_draft_refuses_a_missing_required_field(cli_env, tmp_path, capsys) -> None:
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({"event_name": "Форум", "place": "у Києві", "participants": ["Юрій Тарасюк"]}),
                      encoding="utf-8")
    code = main(["--database", _url(cli_env), "--as", "author", "draft", "--template", "event_report",
                 "--fields", str(fields)])
    assert code == 2
    assert "Заповніть поле «Дата»" in capsys.readouterr().err


def test_draft_of_an_unknown_template_names_the_available_ones(cli_env, tmp_path, capsys) -> None:
    fields = tmp_path / "fields.json"
    fields.write_text("{}", encoding="utf-8")
    code = main(["--database", _url(cli_env), "--as", "author", "draft", "--template", "nonsense",
                 "--fields", str(fields)])
    assert code == 2
    assert "event_report" in capsys.readouterr().err


def test_blank_draft_prints_its_id_as_text(cli_env, tmp_path, capsys) -> None:
    fields = tmp_path / "fields.json"
    fields.write_text(json.dumps({"headline": "Оголошення", "lead_text": "Перший абзац."}, ensure_ascii=False),
                      encoding="utf-8")
    code = main(["--database", _url(cli_env), "--as", "author", "draft", "--template", "blank",
                 "--fields", str(fields)])
    assert code == 0
    assert "Створено чернетку №1: Оголошення" in capsys.readouterr().out
    with cli_env.session() as session:
        document = revisions.release_document(revisions.get_release(session, 1))
    assert document == Document("Оголошення", (Block.plain("lead", "Перший абзац."),))


def test_help_and_argument_errors_are_in_ukrainian(capsys) -> None:
    import pytest

    from desktop.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["templates", "--help"])
    assert exit_info.value.code == 0
    assert "використання:" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exit_info:
        main(["users", "add"])
    assert exit_info.value.code == 2
    assert "бракує аргументів" in capsys.readouterr().err
