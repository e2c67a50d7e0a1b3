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
    assert found(security, "після удару постраждала ТЕЦ") == [("sensitive-word", "ТЕЦ")]


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


# Personal contacts, exact places and the categories of order No. 73 (issue 18).

@pytest.mark.parametrize("text, number", [
    ("Телефонуйте: +380 67 123 45 67.", "+380 67 123 45 67"),
    ("тел. 067-123-45-67", "067-123-45-67"),
    ("за номером (097) 123 45 67", "(097) 123 45 67"),
    ("моб. 0501234567", "0501234567"),
])
def test_mobile_numbers_are_flagged(security, text: str, number: str) -> None:
    assert found(security, text) == [("phone", number)]


@pytest.mark.parametrize("text", [
    "Попередній запис за телефоном (04142) 5-11-11.",   # the office's landline, as in the demo
    "гаряча лінія 0 800 500 123",
    "рахунок UA213223130000026007233566001",
    "ЄДРПОУ 0671234567890",
])
def test_landlines_hotlines_and_long_codes_are_not_phones(security, text: str) -> None:
    assert [rule for rule, _ in found(security, text)] == []


def test_private_email_is_flagged_but_not_the_offices(security) -> None:
    text = "Пишіть на press@korosten-rva.gov.ua або на olena.kharchenko@gmail.com чи vasyl@ukr.net"
    assert found(security, text) == [("email", "olena.kharchenko@gmail.com"), ("email", "vasyl@ukr.net")]
    assert found(security, "zt-oda@zt.gov.ua") == []


@pytest.mark.parametrize("text, place", [
    ("Уламки впали біля школи № 5, пошкоджено вікна.", "школи № 5"),
    ("Унаслідок удару пошкоджено будинок за адресою вул. Шевченка, 12.", "вул. Шевченка, 12"),
    ("вул. Шевченка, 12 — сюди стався приліт уночі", "вул. Шевченка, 12"),
    ("Укриття облаштовано в ліцеї №3 на просп. Миру 7а", "ліцеї №3"),
    ("Підрозділ ТрО розмістився в гімназії № 2.", "гімназії № 2"),
])
def test_exact_places_next_to_damage_shelters_or_troops(security, text: str, place: str) -> None:
    assert ("exact-location", place) in found(security, text)


@pytest.mark.parametrize("text", [
    "Урочисту лінійку провели в школі № 5.",
    "Прийом громадян — у приміщенні адміністрації, вул. Грушевського, 22.",
    "Нарада відбулася в Коростенській районній військовій адміністрації, вул. Грушевського, 22.",
])
def test_places_without_such_words_are_not_flagged(security, text: str) -> None:
    assert [rule for rule, _ in found(security, text)] == []


@pytest.mark.parametrize("text, term", [
    ("Розгортання військ поблизу міста завершено.", "Розгортання військ"),
    ("Повідомляємо кількість особового складу.", "кількість особового складу"),
    ("На складі зброї стався вибух.", "складі зброї"),
    ("Підготовка до контрнаступу триває.", "контрнаступу"),
    ("Робота ППО над районом.", "Робота ППО"),
    ("Втрати особового складу уточнюються.", "Втрати особового складу"),
    ("Тривають роботи з будівництва фортифікаційних споруд біля с. Вільне.", "фортифікаційних споруд"),
    ("Маршрут постачання пролягає через громаду.", "Маршрут постачання"),
    ("На оборонному підприємстві провели нараду.", "оборонному підприємстві"),
])
def test_order_73_categories_have_a_reviewers_note(security, text: str, term: str) -> None:
    findings = [f for f in security.findings(text) if text[f.start:f.end] == term]
    assert len(findings) == 1 and "наказ" in findings[0].message and "№ 73" in findings[0].message


def test_every_section_of_the_word_list_carries_a_note() -> None:
    from desktop.language.security import load_security_sections

    sections = {entry.section: entry.note for entry in load_security_sections()}
    assert sum(1 for name in sections if name.startswith("order-73-")) >= 10
    assert all(note and note[0].isupper() and note.endswith(".") for note in sections.values())


def test_no_alarm_on_the_reference_release(security) -> None:
    from tests.conftest import SHARED

    text = (SHARED / "examples" / "korosten-summit-2023.txt").read_text(encoding="utf-8")
    assert found(security, text) == []


def test_no_alarm_on_the_demo_releases(security, sqlite_database) -> None:
    from sqlalchemy import select

    from desktop.demo.seed import fill_demo
    from desktop.document import Document
    from desktop.storage.models import Release

    fill_demo(sqlite_database)
    with sqlite_database.session() as session:
        texts = [Document.from_json(raw).plain_text()
                 for raw in session.execute(select(Release.document_json)).scalars()]
    assert len(texts) >= 5
    assert [(text[:40], found(security, text)) for text in texts if found(security, text)] == []


@pytest.mark.parametrize("text", [
    "Обговорили реабілітацію військовослужбовців, будівництво фортифікаційних споруд, проведення заходів 8-9 травня.",
    "Місто, що постраждало через підрив загарбниками греблі ГЕС, отримало воду.",
    "Ухвалено рішення про допомогу родинам двох загиблих військовослужбовців.",
    "На засіданні йшлося про роботу ТЕЦ в опалювальний сезон.",
])
def test_a_term_named_alone_in_a_harmless_clause_is_not_flagged(security, text: str) -> None:
    assert found(security, text) == []


@pytest.mark.parametrize("text, term", [
    ("Фортифікаційні споруди біля с. Вільне вже зведено.", "Фортифікаційні споруди"),
    ("Вчора загинули троє військовослужбовців, загиблих військовослужбовців 72 ОМБр вшанували.",
     "загиблих військовослужбовців"),
    ("Унаслідок ракетного удару пошкоджено підстанцію.", "підстанцію"),
])
def test_a_term_with_a_place_time_unit_or_strike_in_its_clause_is_flagged(security, text: str, term: str) -> None:
    assert ("sensitive-word", term) in found(security, text)


def test_an_unknown_condition_in_the_word_list_is_an_error(tmp_path) -> None:
    from desktop.language.security import load_security_sections

    listing = tmp_path / "words.txt"
    listing.write_text("[losses needs=weather] Примітка.\nзагиблий\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_security_sections(listing)


def test_phones_and_buildings_are_found_wherever_they_are(security) -> None:
    # the full patterns run only around a mobile code or a «№»: every one is still found, at any place
    text = ("+380671234567 — з ранку. Після удару по школі №12 і ліцею № 3а, дзвоніть 0501234567 або "
            "(097) 123 45 67, 067-123-45-67")
    assert found(security, text) == [("phone", "+380671234567"), ("exact-location", "школі №12"),
                                     ("exact-location", "ліцею № 3а"), ("phone", "0501234567"),
                                     ("phone", "(097) 123 45 67"), ("phone", "067-123-45-67")]
