"""Limits on every input: one clear line and nothing stored — XLSX bombs, rows, CSV fields, ranks,
field JSON, encodings."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.cli import main as cli_main
from desktop.directory import officials as directory
from desktop.directory import table_files
from desktop.directory.exchange import import_officials
from desktop.errors import UserError
from desktop.storage.engine import Database
from desktop.storage.models import Official, Release, User
from tests.conftest import TEST_PASSWORD

HEADER = ["Прізвище", "Ім'я", "Посада", "Ранг"]
PEOPLE = [
    ["Тарасюк", "Юрій", "начальник Коростенської районної військової адміністрації", "1"],
    ["Харченко", "Олена", "заступниця голови Коростенської районної ради", "2"],
    ["Кириченко", "Сергій", "заступник начальника районної військової адміністрації", "3"],
    ["Ґудзь", "Євгенія", "голова Ушомирської територіальної громади", "4"],
]


def _count(database: Database) -> int:
    with database.session() as session:
        return session.execute(select(func.count(Official.id))).scalar_one()


def _import(database: Database, actor: User, path: Path):
    with database.session() as session:
        return import_officials(session, actor, path)


def _refused(database: Database, admin: User, path: Path, match: str) -> None:
    before = _count(database)
    with pytest.raises(UserError, match=match) as refused:
        _import(database, admin, path)
    assert "\n" not in str(refused.value)
    assert _count(database) == before


def _bomb(path: Path, unpacked_mb: int) -> Path:
    """A valid workbook whose sheet unpacks to unpacked_mb megabytes of empty rows."""
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet1.xml":
                target.writestr(name, data)
        with target.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>')
            chunk = b"<row/>" * (1024 * 1024 // 6)
            for _ in range(unpacked_mb):
                sheet.write(chunk)
            sheet.write(b"</sheetData></worksheet>")
    return path


def test_an_xlsx_bomb_is_refused_from_its_directory(database: Database, admin: User, tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.xlsx", 120)
    assert path.stat().st_size < 400 * 1024
    _refused(database, admin, path, "розпаковується")


def test_an_xlsx_that_packs_like_padding_is_refused(database: Database, admin: User, tmp_path: Path) -> None:
    path = _bomb(tmp_path / "padding.xlsx", 5)  # small unpacked, but a thousand times smaller packed
    _refused(database, admin, path, "розпаковується в \\d+ разів")


def test_too_many_rows_are_refused_before_any_is_stored(
    database: Database, admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(table_files, "MAX_ROWS", 40)
    workbook = Workbook()
    workbook.active.append(HEADER)
    for number in range(60):
        workbook.active.append([f"Прізвище{number}", "Ім'я", "посада", number + 1])
    workbook.save(tmp_path / "many.xlsx")
    _refused(database, admin, tmp_path / "many.xlsx", "понад 40 рядків")


def test_a_csv_field_past_the_limit_is_one_line(database: Database, admin: User, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    rows = [HEADER, PEOPLE[0], ["Довгий", "Ім'я", "посада " + "х" * 140_000, "5"]]
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    _refused(database, admin, path, "поле довше за 131 072 символів \\(рядок 3\\)")


@pytest.mark.parametrize("rank", [10**20, 3 * 10**9, -(3 * 10**9), 3e9])
def test_ranks_out_of_range_are_refused_rows_on_both_engines(
    database: Database, admin: User, tmp_path: Path, rank: float
) -> None:
    workbook = Workbook()
    workbook.active.append(HEADER)
    workbook.active.append(PEOPLE[0][:3] + [1])
    workbook.active.append(PEOPLE[1][:3] + [rank])
    workbook.save(tmp_path / "ranks.xlsx")
    report = _import(database, admin, tmp_path / "ranks.xlsx")
    assert report.imported == 1 and report.refused[0][0] == 3 and "від −999 999 999" in report.refused[0][1]
    with database.session() as session, pytest.raises(UserError, match="ранг (має бути|«3000000000.0» не є цілим)"):
        directory.add_official(session, session.get(User, admin.id), surname="Ранговий", given_name="Іван",
                               position="посада", precedence=str(rank))
    assert _count(database) == 1


def test_huge_ids_on_the_command_line_are_one_line(
    database: Database, admin: User, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    for arguments in (["show", str(10**20)], ["list", "--limit", str(10**20)]):
        code = cli_main(["--database", database.url, "--as", "admin", *arguments])
        err = capsys.readouterr().err
        assert code != 0 and "Traceback" not in err and len(err.strip().splitlines()) == 1, err


FIELDS_REFUSED = [
    ('{"headline": "Нарада", "participants_count": 1e400}', "завелике"),
    ('{"headline": "Нарада", "count": 1' + "0" * 40 + "}", "завелике"),
    ('{"headline": "Нарада \\ud800"}', "неправильні символи Unicode"),
    ('{"headline": "Нарада", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "надто глибоко"),
    ('{"headline": NaN}', "таких чисел не буває"),
    ('{"headline": {"a": 1}}', "потрібен текст, а не список чи об'єкт"),
    ('{"headline": "' + "Н" * 3000 + '"}', "щонайбільше 2 000 символів"),
]


@pytest.mark.parametrize(("text", "message"), FIELDS_REFUSED)
def test_field_json_past_a_limit_is_one_line_and_no_draft(
    database: Database, admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    fields = tmp_path / "fields.json"
    fields.write_text(text, encoding="utf-8")
    code = cli_main(["--database", database.url, "--as", "admin", "draft", "--template", "blank",
                     "--fields", str(fields)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1 and "Н" * 100 not in err
    with database.session() as session:
        assert session.execute(select(func.count(Release.id))).scalar_one() == 0


def test_an_object_for_a_list_field_is_refused(database: Database, admin: User) -> None:
    from desktop.drafting.templates import load_templates, prepare_fields

    template = load_templates()[0]["event_report"]
    values = {"topics": {"a": 1}}
    with pytest.raises(UserError, match="потрібен список, а не об'єкт"):
        prepare_fields(template, values, lambda ref: ref)


def test_a_number_field_out_of_range_is_refused() -> None:
    from desktop.drafting.field_limits import check_value

    for value in (10**13, "1e400", float("inf"), "9" * 39):
        with pytest.raises(UserError, match="Поле «К-сть»"):
            check_value("number", "К-сть", value)
    check_value("number", "К-сть", 11)
    check_value("number", "К-сть", "2 500,5")


LATIN_PEOPLE = [["Surname", "Given name", "Position", "Rank"],
                ["Müller", "José", "président du conseil régional", "1"],
                ["François", "Zoë", "député européen", "2"]]


@pytest.mark.parametrize(("encoding", "rows", "told"), [
    ("cp1251", [HEADER, *PEOPLE], "Windows-1251"),
    ("koi8_u", [HEADER, *PEOPLE], "KOI8-U"),
    ("latin_1", LATIN_PEOPLE, "Latin-1"),
    ("utf-8", [HEADER, *PEOPLE], ""),
])
def test_the_encoding_is_guessed_told_and_the_names_come_right(
    database: Database, admin: User, tmp_path: Path, encoding: str, rows: list[list[str]], told: str
) -> None:
    path = tmp_path / f"{encoding}.csv"
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=";").writerows(rows)
    report = _import(database, admin, path)
    assert report.imported == len(rows) - 1 and not report.refused
    assert (told in report.to_json().get("guessed_encoding", "")) if told else "guessed_encoding" not in \
        report.to_json()
    with database.session() as session:
        names = {row[0] for row in session.execute(select(Official.surname))}
    assert names == {row[0] for row in rows[1:]}


def test_bytes_in_no_known_encoding_are_refused(database: Database, admin: User, tmp_path: Path) -> None:
    import random

    noise = random.Random(18)
    path = tmp_path / "noise.csv"
    path.write_bytes("Прізвище;Ім'я;Посада\n".encode("cp1251") + bytes(noise.randrange(128, 256) for _ in range(4000)))
    _refused(database, admin, path, "кодування")


def test_the_cli_report_names_the_guessed_encoding(
    database: Database, admin: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    path = tmp_path / "koi.csv"
    with path.open("w", encoding="koi8_u", newline="") as stream:
        csv.writer(stream, delimiter=";").writerows([HEADER, *PEOPLE])
    assert cli_main(["--database", database.url, "--as", "admin", "officials", "import", str(path)]) == 0
    assert "Кодування файлу визначено як KOI8-U" in capsys.readouterr().out
