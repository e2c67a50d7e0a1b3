"""Security: coordinates, unit numbers and the configurable word list; flagged, never fixed."""

from __future__ import annotations

import pytest

from desktop.language.security import (
    SECURITY_WORDS_FILE,
    SecurityChecker,
    default_security_checker,
    load_security_terms,
)


@pytest.fixture(scope="module")
def security() -> SecurityChecker:
    return default_security_checker()


def found(security: SecurityChecker, text: str) -> list[tuple[str, str]]:
    return [(f.rule, text[f.start:f.end]) for f in security.findings(text)]


def test_decimal_coordinates(security) -> None:
    assert found(security, "за координатами 50.4501, 30.5234 поблизу") == [("coordinates", "50.4501, 30.5234")]


def test_degree_minute_coordinates(security) -> None:
    assert found(security, "50°27′ N 30°31′ E") == [("coordinates", "50°27′ N"), ("coordinates", "30°31′ E")]


def test_coordinates_with_ukrainian_hemisphere(security) -> None:
    assert found(security, "50°27′00″ пн. ш.") == [("coordinates", "50°27′00″ пн. ш.")]


def test_unit_designation_after_v_ch(security) -> None:
    assert found(security, "в/ч А1234 допомогла") == [("military-unit", "в/ч А1234")]


def test_unit_designation_after_inflected_military_unit(security) -> None:
    assert found(security, "командир військової частини А0000") == [("military-unit", "військової частини А0000")]


def test_bare_unit_designation_in_quotes(security) -> None:
    assert found(security, "частина «А4321»") == [("military-unit", "А4321")]


def test_numbered_brigade(security) -> None:
    assert found(security, "бійцям 72 ОМБр") == [("military-unit", "72 ОМБр")]
    assert found(security, "95-та окрема десантно-штурмова бригада") == [
        ("military-unit", "95-та окрема десантно-штурмова бригада")]


def test_listed_word_in_an_inflected_form(security) -> None:
    assert found(security, "Після прильоту") == [("sensitive-word", "прильоту")]


def test_listed_abbreviation(security) -> None:
    assert found(security, "постраждала ТЕЦ") == [("sensitive-word", "ТЕЦ")]


def test_listed_phrase_is_found_whole(security) -> None:
    assert found(security, "позиції ППО поблизу") == [("sensitive-word", "позиції ППО")]


def test_security_findings_have_no_fix(security) -> None:
    assert all(f.suggestions == () and f.kind == "security" for f in security.findings("в/ч А1234, приліт"))


@pytest.mark.parametrize("text", [
    "у 2023 році понад 120 очільників",
    "ціна 2.5 і 1,5 гривні, 12,5 тис. грн",
    "о 10:30, телефон 0800 500 123",
    "В 2023 році",
    "ЄДРПОУ 12345678",
    "температура +5 °C",
    "відбудова інфраструктури, яка постраждала внаслідок атак",
])
def test_no_false_alarm(security, text: str) -> None:
    assert found(security, text) == []


def test_word_list_is_configurable() -> None:
    checker = SecurityChecker(["штаб"])
    assert found(checker, "біля штабу і підстанції") == [("sensitive-word", "штабу")]


def test_word_list_file_skips_comments() -> None:
    terms = load_security_terms(SECURITY_WORDS_FILE)
    assert "приліт" in terms and "підстанція" in terms and not any(t.startswith("#") for t in terms)


def test_personnel_rotation_is_not_military(security) -> None:
    assert found(security, "ротація кадрів в адміністрації") == []
    assert found(security, "ротація підрозділів") == [("sensitive-word", "ротація підрозділів")]


@pytest.mark.parametrize("text", ["працюють 15 бригад енергетиків", "5-ти бригад екстреної допомоги"])
def test_civilian_crews_are_not_formations(security, text: str) -> None:
    assert found(security, text) == []


def test_ordinal_brigade_in_genitive(security) -> None:
    assert found(security, "бійці 72-ї механізованої бригади") == [("military-unit", "72-ї механізованої бригади")]
