"""`check FILE|-`: the report, the exit codes, and the default database standing in for a configured one."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from desktop.cli import main


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "release.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_reference_release_yields_its_capitals_and_two_typography_errors_and_exit_1(
    tmp_path: Path, reference_release: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # No --as and no --database: the default SQLite database is created and its seeded glossary has ОВА.
    assert main(["check", _write(tmp_path, reference_release), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(reference_release[f["start"]:f["end"]], f["suggestions"]) for f in findings] == [
        ("Саміт Міст та Регіонів", ["саміт міст та регіонів"]),  # the 2019 rules: the first word only,
        ("Саміт Міст та Регіонів", ["саміт міст та регіонів"]),  # in the headline and in the lead
        ("2023року", ["2023 року"]),
        ("зокрема,", ["зокрема"]),  # «виклики, зокрема, етапи»: no comma after «зокрема»
    ]


def test_human_output_names_line_column_kind_and_fix(
    tmp_path: Path, reference_release: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", _write(tmp_path, reference_release)]) == 1
    first, _second, third = capsys.readouterr().out.splitlines()[:3]
    assert first.startswith("1:13 ") and "велика літера" in first and first.endswith("→ «саміт міст та регіонів»")
    assert third.startswith("2:") and "типографіка" in third and third.endswith("→ «2023 року»")


def test_a_clean_text_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", _write(tmp_path, "Засідання ОВА відбулося 20 квітня 2023 року у Києві.\n")]) == 0
    assert "Зауважень немає" in capsys.readouterr().out


def test_standard_input_is_read_for_a_dash(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Ми прийняли участь у у нараді."))
    assert main(["check", "-", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {f["kind"] for f in findings} == {"style", "typography"}
    assert "repeated-word" in {f["rule"] for f in findings}


def test_a_missing_file_is_one_line_and_not_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "absent.txt")]) == 2
    assert capsys.readouterr().err.strip().startswith("Помилка: Файл не знайдено")


def test_an_unreachable_database_still_checks_with_the_shipped_glossary(
    tmp_path: Path, reference_release: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none"
    assert main(["--database", url, "check", _write(tmp_path, reference_release), "--json"]) == 1
    captured = capsys.readouterr()
    assert "база даних недоступна" in captured.err
    assert [f["rule"] for f in json.loads(captured.out)["findings"]] == [
        "official-name-capitals", "official-name-capitals", "number-glued-to-word", "comma-after-particle",
    ]


def test_with_as_the_users_personal_words_are_accepted(
    tmp_path: Path, sqlite_database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from desktop import accounts
    from desktop.directory import glossary
    from tests.conftest import TEST_PASSWORD

    with sqlite_database.session() as session:
        admin = accounts.create_first_admin(session, "admin", "Адміністратор Тестовий", TEST_PASSWORD)
        glossary.add_personal_word(session, admin, "Кропивнянці")
    url = str(sqlite_database.engine.url)
    path = _write(tmp_path, "Зустріч у Кропивнянці.")
    assert main(["--database", url, "check", path]) == 1
    monkeypatch.setenv("VISNYK_PASSWORD", TEST_PASSWORD)
    assert main(["--database", url, "--as", "admin", "check", path]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Зауважень немає."


def test_no_suggestions_flag_leaves_spelling_findings_without_fixes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path, "Нарада в адміністарції району.")
    assert main(["check", path, "--json"]) == 1
    with_fixes = json.loads(capsys.readouterr().out)["findings"]
    assert [f["suggestions"][:1] for f in with_fixes] == [["адміністрації"]]
    assert main(["check", path, "--json", "--no-suggestions"]) == 1
    without = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["rule"], f["suggestions"]) for f in without] == [("unknown-word", [])]


def test_words_parsed_while_the_dictionary_loads_change_no_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.cli.proofing import proofread
    from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader
    from desktop.language.word_cache import clear_word_caches

    text = "Нарада в адміністарції району відбулася. Учасники обговорили два питання.\n" * 3
    expected = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=True).check(text)
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    answers = iter([False, False])  # still loading for the first look, loaded at the next
    monkeypatch.setattr(proofreader.spelling.dictionaries, "loaded", lambda: next(answers, True))
    clear_word_caches()
    found = proofread(proofreader, text)
    assert found == expected
    assert any(f.rule == "unknown-word" and f.suggestions[:1] == ("адміністрації",) for f in found)


def test_the_dictionary_loads_on_its_own_thread_and_a_check_waits_for_it() -> None:
    from desktop.language.spelling import DICTIONARY_DIR, Dictionaries

    dictionaries = Dictionaries(DICTIONARY_DIR)
    assert dictionaries.check("адміністрації") and not dictionaries.check("адміністарції")
    assert dictionaries.loaded()


def test_a_file_over_the_limit_is_refused_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from desktop.cli.context import MAX_TEXT_FILE_BYTES

    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (MAX_TEXT_FILE_BYTES // 5 + 1))
    assert main(["check", str(huge)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "завеликий" in captured.err
    fits = tmp_path / "fits.txt"
    fits.write_bytes("Засідання відбулося. ".encode() * 1000)
    assert main(["check", str(fits)]) == 0
