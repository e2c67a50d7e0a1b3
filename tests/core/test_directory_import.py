"""Importing officials from CSV and XLSX with a per-row report, re-importing, exporting back."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.bench.directory import generate_officials
from desktop.cli import main as cli_main
from desktop.directory import officials as directory
from desktop.directory.exchange import export_officials, import_officials
from desktop.errors import PermissionDenied, UserError
from desktop.storage.engine import Database
from desktop.storage.models import Official, User
from tests.conftest import TEST_PASSWORD

HEADER_UK = ["Прізвище", "Ім'я", "По батькові", "Стать", "Посада", "Коротка посада", "Організація", "Ранг",
             "Телефон", "Email"]
FIELDS = ["surname", "given_name", "patronymic", "gender", "position", "short_position", "organization",
          "precedence", "phone", "email"]


def _row(person: dict) -> list[str]:
    values = {**person, "gender": {"masculine": "ч", "feminine": "ж"}[person["gender"]]}
    return [str(values[key]) for key in FIELDS]


def _write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str) -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        csv.writer(stream, delimiter=delimiter).writerows(rows)
    return path


def _count(database: Database) -> int:
    with database.session() as session:
        return session.execute(select(func.count(Official.id))).scalar_one()


def _import(database: Database, actor: User, path: Path, dry_run: bool = False):
    with database.session() as session:
        return import_officials(session, actor, path, dry_run=dry_run)


def test_ten_thousand_windows_1251_rows_import_with_an_exact_report(database: Database, admin: User,
                                                                    tmp_path: Path) -> None:
    people = generate_officials(10_000)
    rows = [HEADER_UK] + [_row(person) for person in people]
    rows[16][0] = ""                      # file row 17: no surname
    rows[502][1] = "  "                   # row 503: no given name
    rows[2000][4] = ""                    # row 2001: no position
    rows[4443][7] = "перший"              # row 4444: precedence not a number
    rows[7776][9] = "ivan@@gov.ua"        # row 7777: malformed email
    rows[8999][7] = "2,5"                 # row 9000: precedence not whole
    rows[9499][0], rows[9499][7] = "", "x"  # row 9500: two problems at once
    rows[5000] = [""] * len(HEADER_UK)    # row 5001: empty, skipped without a word
    rows.append(list(rows[1]))            # row 10002: the same person as row 2
    path = _write_csv(tmp_path / "officials.csv", rows, "cp1251", ";")

    report = _import(database, admin, path)

    assert report.refused == [
        (17, "не вказано прізвище"),
        (503, "не вказано ім'я"),
        (2001, "не вказано посаду"),
        (4444, "ранг «перший» не є цілим числом"),
        (7777, "неправильна адреса електронної пошти «ivan@@gov.ua»"),
        (9000, "ранг «2,5» не є цілим числом"),
        (9500, "не вказано прізвище; ранг «x» не є цілим числом"),
        (10002, "повторює рядок 2 (той самий посадовець)"),
    ]
    assert (report.imported, report.updated) == (10_000 - 8, 0)
    assert _count(database) == 10_000 - 8
    with database.session() as session:
        found = directory.search_officials(session, f"{people[0]['surname']} {people[0]['given_name']}")
        assert people[0]["position"] in [o.position for o in found]


def test_a_utf8_bom_comma_file_with_english_headers_imports(database: Database, admin: User, tmp_path: Path) -> None:
    rows = [["surname", "Given_Name", "patronymic", "gender", "position", "organization", "precedence", "EMAIL"],
            ["Тарасюк", "Юрій", "Петрович", "m", "начальник Коростенської районної військової адміністрації, "
             "голова комісії", "Коростенська РВА", "1", "taras@gov.ua"],
            ["Харченко", "Олена", "", "f", "заступниця голови Коростенської районної ради", "Рада", "3", ""]]
    report = _import(database, admin, _write_csv(tmp_path / "bom.csv", rows, "utf-8-sig", ","))
    assert (report.imported, report.updated, report.refused) == (2, 0, [])
    with database.session() as session:
        chief, deputy = directory.list_officials(session)
        assert chief.position.endswith("адміністрації, голова комісії") and chief.email == "taras@gov.ua"
        assert (chief.gender, deputy.gender, deputy.precedence) == ("masculine", "feminine", 3)


@pytest.mark.parametrize("given_header", ["Ім’я", "Імʼя", "ІМ'Я", "імя"])
def test_every_spelling_of_the_given_name_header_is_recognised(sqlite_database: Database, tmp_path: Path,
                                                                given_header: str) -> None:
    from desktop import accounts

    with sqlite_database.session() as session:
        admin = accounts.create_first_admin(session, "admin", "Адміністратор", TEST_PASSWORD)
    rows = [["Прізвище", given_header, "Посада"], ["Бойко", "Марія", "секретарка ради"]]
    report = _import(sqlite_database, admin, _write_csv(tmp_path / "h.csv", rows, "utf-8", ";"))
    assert report.imported == 1


def test_an_xlsx_file_imports_with_numbers_in_cells(database: Database, admin: User, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Довідник посадовців району"])  # a title above the header is tolerated
    sheet.append(HEADER_UK)
    sheet.append(["Тарасюк", "Юрій", "", "ч", "начальник РВА", "", "Коростенська РВА", 1.0, 380441234567, ""])
    sheet.append(["Кириченко", "", "", "", "заступник начальника РВА", "", "", 2, "", ""])
    sheet.append(["Харченко", "Олена", "", "ж", "заступниця голови ради", "", "Рада", 2.5, "", ""])
    path = tmp_path / "officials.xlsx"
    workbook.save(path)
    report = _import(database, admin, path)
    assert report.imported == 1
    assert report.refused == [(4, "не вказано ім'я"), (5, "ранг «2.5» не є цілим числом")]
    with database.session() as session:
        official = directory.list_officials(session)[0]
    assert (official.precedence, official.phone) == (1, "380441234567")


def test_importing_again_updates_and_never_duplicates(database: Database, admin: User, tmp_path: Path) -> None:
    people = generate_officials(50, seed=5)
    path = _write_csv(tmp_path / "a.csv", [HEADER_UK] + [_row(p) for p in people], "utf-8", ";")
    assert _import(database, admin, path).imported == 50
    with database.session() as session:
        first = directory.search_officials(session, people[0]["surname"] + " " + people[0]["given_name"])[0]
        directory.set_form_override(session, admin, first.id, "genitive", "Особлива Форма")
        first_id = first.id
    people[0] = {**people[0], "phone": "+380 44 999-99-99", "surname": people[0]["surname"].upper()}
    path = _write_csv(tmp_path / "b.csv", [HEADER_UK] + [_row(p) for p in people], "utf-8", ";")
    report = _import(database, admin, path)
    assert (report.imported, report.updated, report.refused) == (0, 50, [])
    assert _count(database) == 50
    with database.session() as session:
        official = session.get(Official, first_id)
        assert official.phone == "+380 44 999-99-99"
        # the surname's spelling changed (capitals), so its old correction no longer applies
        assert directory.official_overrides(official) == {}


def test_a_correction_survives_a_reimport_of_the_same_name(database: Database, admin: User, tmp_path: Path) -> None:
    rows = [HEADER_UK, ["Тарасюк", "Юрій", "", "ч", "начальник РВА", "", "РВА", "1", "", ""]]
    path = _write_csv(tmp_path / "a.csv", rows, "utf-8", ";")
    _import(database, admin, path)
    with database.session() as session:
        official_id = directory.list_officials(session)[0].id
        directory.set_form_override(session, admin, official_id, "locative", "Юрієві Тарасюку")
    rows[1][9] = "t@gov.ua"
    _import(database, admin, _write_csv(tmp_path / "b.csv", rows, "utf-8", ";"))
    with database.session() as session:
        participant = directory.participant_from_official(session.get(Official, official_id))
    assert participant.name_forms["locative"] == "Юрієві Тарасюку"
    assert participant.name_forms["genitive"] == "Юрія Тарасюка"


def test_a_dry_run_reports_and_writes_nothing(database: Database, admin: User, tmp_path: Path) -> None:
    rows = [HEADER_UK, ["Тарасюк", "Юрій", "", "", "начальник РВА", "", "", "", "", ""], ["", "", "", "", "", "", "",
                                                                                        "", "", "x@y"]]
    report = _import(database, admin, _write_csv(tmp_path / "a.csv", rows, "utf-8", ";"), dry_run=True)
    assert report.to_json() == {"imported": 1, "updated": 0, "refused": [
        {"row": 3, "reason": "не вказано прізвище; не вказано ім'я; не вказано посаду; "
                             "неправильна адреса електронної пошти «x@y»"}]}
    assert _count(database) == 0


def test_only_an_admin_imports(database: Database, author: User, tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "a.csv", [HEADER_UK], "utf-8", ";")
    with pytest.raises(PermissionDenied):
        _import(database, author, path)


@pytest.mark.parametrize(
    ("content", "suffix", "message"),
    [
        ("Ім'я;Прізвище\nЮрій;Тарасюк\n", ".csv", "бракує стовпців: «Посада»"),
        ("name,title\nЮрій,начальник\n", ".csv", "не знайдено рядка заголовків"),
        ("", ".csv", "не знайдено рядка заголовків"),
        ("це не книга Excel", ".xlsx", "не є книгою Excel"),
        ("old", ".xls", "не підтримується"),
    ],
)
def test_a_file_that_cannot_be_read_is_one_clear_error(database: Database, admin: User, tmp_path: Path,
                                                       content: str, suffix: str, message: str) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=message):
        _import(database, admin, path)


def test_a_missing_file_is_a_user_error(database: Database, admin: User, tmp_path: Path) -> None:
    with pytest.raises(UserError, match="не знайдено"):
        _import(database, admin, tmp_path / "none.csv")


@pytest.mark.parametrize("name", ["officials.csv", "officials.xlsx"])
def test_an_export_imports_back_unchanged(database: Database, admin: User, tmp_path: Path, name: str) -> None:
    people = generate_officials(30, seed=9)
    _import(database, admin, _write_csv(tmp_path / "in.csv", [HEADER_UK] + [_row(p) for p in people], "utf-8", ";"))
    with database.session() as session:
        directory.deactivate_official(session, admin, directory.list_officials(session)[0].id)
    with database.session() as session:
        before = sorted(json.dumps(directory.official_to_json(o), ensure_ascii=False, sort_keys=True)
                        for o in directory.list_officials(session, include_inactive=True))
        assert export_officials(session, tmp_path / name) == 30
    with database.session() as session:
        for official in session.execute(select(Official)).scalars():
            official.phone, official.active = "", True
    report = _import(database, admin, tmp_path / name)
    assert (report.imported, report.updated, report.refused) == (0, 30, [])
    with database.session() as session:
        after = sorted(json.dumps(directory.official_to_json(o), ensure_ascii=False, sort_keys=True)
                       for o in directory.list_officials(session, include_inactive=True))
    assert after == before


def test_the_csv_export_is_what_excel_in_ukraine_opens(database: Database, admin: User, tmp_path: Path) -> None:
    with database.session() as session:
        directory.add_official(session, admin, surname="Лук'яненко", given_name="Ірина", position="директорка ліцею")
        export_officials(session, tmp_path / "out.csv")
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    first, second = data.decode("utf-8-sig").splitlines()[:2]
    assert first.split(";")[:5] == ["Прізвище", "Ім'я", "По батькові", "Стать", "Посада"]
    assert second.startswith("Лук'яненко;Ірина;;ж;директорка ліцею")


def test_the_xlsx_export_has_a_header_row(database: Database, admin: User, tmp_path: Path) -> None:
    with database.session() as session:
        directory.add_official(session, admin, surname="Бойко", given_name="Марія", position="секретарка")
        export_officials(session, tmp_path / "out.xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    assert [c.value for c in sheet[1]][:3] == ["Прізвище", "Ім'я", "По батькові"]
    assert sheet["A2"].value == "Бойко"


def test_an_export_to_an_unwritable_place_leaves_nothing(database: Database, tmp_path: Path) -> None:
    with database.session() as session, pytest.raises(UserError, match="Не вдалося записати"):
        export_officials(session, tmp_path / "missing-folder" / "out.csv")
    assert not (tmp_path / "missing-folder").exists()


def test_the_cli_prints_the_import_report_as_json(database: Database, admin: User, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [HEADER_UK, ["Тарасюк", "Юрій", "", "", "начальник РВА", "", "", "1", "", ""],
            ["Харченко", "", "", "", "заступниця", "", "", "", "", ""]]
    path = _write_csv(tmp_path / "a.csv", rows, "cp1251", ";")
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    base = ["--database", database.url, "--as", "admin", "officials"]
    assert cli_main([*base, "import", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "imported": 1, "updated": 0, "refused": [{"row": 3, "reason": "не вказано ім'я"}], "forms_generated": 1,
        "guessed_encoding": "Windows-1251"}
    with database.session() as session:
        words = directory.directory_words(session)
    assert {"Тарасюкові", "Юрієві", "начальникові"} <= words  # the spelling checker knows every case now
    assert cli_main([*base, "search", "тарас", "--json"]) == 0
    assert [o["surname"] for o in json.loads(capsys.readouterr().out)] == ["Тарасюк"]
    assert cli_main([*base, "export", str(tmp_path / "out.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").exists()
    capsys.readouterr()
    assert cli_main([*base, "import", str(tmp_path / "none.csv")]) == 2
    assert "не знайдено" in capsys.readouterr().err
