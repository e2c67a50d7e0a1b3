"""Typography: one behaviour per rule, its fix, and the look-alikes that must stay quiet."""

from __future__ import annotations

import pytest

from desktop.language.typography import find_typography


def found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, text[f.start:f.end], f.suggestions) for f in find_typography(text)]


def test_straight_quotes_become_angle_quotes() -> None:
    assert found('Форум "Мрія" відбувся') == [("quotes", '"', ("«",)), ("quotes", '"', ("»",))]


def test_quotes_inside_quotes_become_low_high_quotes() -> None:
    assert found('Компанія «Завод "Прогрес"» передала') == [("quotes", '"', ("„",)), ("quotes", '"', ("“",))]


def test_english_quotes_become_angle_quotes() -> None:
    assert [f[2] for f in found("Саміт “Партнерство” відбувся")] == [("«",), ("»",)]


def test_single_straight_quotes_used_as_quotes_are_flagged() -> None:
    assert [f[2] for f in found("Проєкт 'Світло' стартував")] == [("«",), ("»",)]


def test_correct_quotes_are_quiet() -> None:
    assert found("Компанія «Завод „Прогрес“» передала генератори.") == []


def test_ascii_apostrophe_inside_a_word_becomes_typographic() -> None:
    assert found("пам'ятка") == [("apostrophe", "'", ("’",))]


def test_backtick_apostrophe_inside_a_word_is_flagged() -> None:
    assert found("сім`ї") == [("apostrophe", "`", ("’",))]


def test_typographic_apostrophes_are_right() -> None:
    assert found("пам’ятка сімʼї") == []


def test_english_apostrophe_is_left_alone() -> None:
    assert found("O'Brien") == []


def test_hyphen_between_spaces_becomes_a_dash() -> None:
    assert found("Громада - це люди") == [("hyphen-as-dash", "-", ("—",))]


def test_double_hyphen_between_spaces_becomes_a_dash() -> None:
    assert found("Головне -- люди") == [("hyphen-as-dash", "--", ("—",))]


def test_list_marker_hyphen_at_line_start_is_a_list_marker_not_a_dash_between_words() -> None:
    # issue 12: a list item opened with a hyphen gets the list rule (a dash), never «hyphen-as-dash»
    assert found("- перший пункт\n- другий пункт") == [("list-hyphen", "-", ("—",)), ("list-hyphen", "-", ("—",))]


def test_number_glued_to_word_gets_a_space() -> None:
    assert found("20 квітня 2023року") == [("number-glued-to-word", "2023року", ("2023 року",))]


def test_number_glued_to_a_case_ending_gets_a_hyphen() -> None:
    assert found("11ти громад") == [("number-glued-to-word", "11ти", ("11-ти",))]


def test_doubled_space_is_one_space() -> None:
    assert found("у  Києві") == [("double-space", "  ", (" ",))]


def test_non_breaking_spaces_are_not_findings() -> None:
    assert found("20\u00a0квітня 2023\u00a0року, м.\u00a0Київ, 5\u00a0\u00a0км") == []


@pytest.mark.parametrize("mark", [",", ".", ":", ";", "!", "?"])
def test_space_before_punctuation_is_removed(mark: str) -> None:
    assert found(f"Київ {mark} далі") == [("space-before-punctuation", " ", ("",))]


def test_missing_space_after_a_full_stop() -> None:
    assert found("у Києві.Його") == [("missing-space-after-stop", ".", (". ",))]


def test_missing_space_after_a_comma_between_words() -> None:
    assert found("освіту,медицину") == [("missing-space-after-comma", ",", (", ",))]


def test_repeated_word_is_flagged_once() -> None:
    assert found("відбулося у у Житомирі") == [("repeated-word", "у у", ("у",))]


def test_a_word_spaced_letter_by_letter_is_no_repetition() -> None:
    assert found("Р І Ш Е Н Н Я") == []


def test_repeated_word_across_punctuation_is_not_flagged() -> None:
    assert found("Так, так. Громада. Громада") == []


def test_latin_letter_inside_cyrillic_word() -> None:
    assert found("в Kиєві") == [("latin-in-cyrillic", "Kиєві", ("Києві",))]


def test_latin_i_with_diaeresis_for_yi() -> None:
    assert found("Украïна") == [("latin-in-cyrillic", "Украïна", ("Україна",))]


def test_lone_latin_i_between_cyrillic_words() -> None:
    assert found("освіту i медицину") == [("latin-in-cyrillic", "i", ("і",))]


def test_cyrillic_letter_inside_latin_word() -> None:
    assert found("фонд Ukrаine") == [("cyrillic-in-latin", "Ukrаine", ("Ukraine",))]


@pytest.mark.parametrize("text", [
    "2.5 і 1,5 мільйона",
    "о 10:30",
    "у т. ч. громади",
    "https://oda.gov.ua/news/2023-04-20 та www.kmu.gov.ua",
    "пишіть на press@oda.gov.ua",
    "в/ч",
    "20.04.2023",
    "1-го, 2023-го, 11-ти",
    "COVID-19",
    "«Добре „так“ було»",
    "IT-сфера, SMS-розсилка",
    "вітамін C",
])
def test_no_false_alarm_on_common_forms(text: str) -> None:
    assert found(text) == []


def test_reference_release_has_the_glued_year_and_the_comma_after_zokrema(reference_release: str) -> None:
    findings = find_typography(reference_release)
    assert [(f.rule, reference_release[f.start:f.end], f.suggestions) for f in findings] == [
        ("number-glued-to-word", "2023року", ("2023 року",)),
        ("comma-after-particle", "зокрема,", ("зокрема",)),
    ]
    assert reference_release[:findings[1].end].endswith("гуманітарні виклики, зокрема,")


def test_a_comma_after_a_word_that_is_not_parenthetical() -> None:
    assert found("виклики, зокрема, етапи") == [("comma-after-particle", "зокрема,", ("зокрема",))]
    assert [f[0] for f in found("Ми, також, підтримали і, навіть, допомогли, особливо, громадам")] == [
        "comma-after-particle"] * 3


@pytest.mark.parametrize("text", [
    "виклики, зокрема етапи деокупації",
    "виклики, зокрема, якщо вистачить часу, етапи",
    "виклики, зокрема, на жаль, етапи",
    "виклики, зокрема, наприклад, етапи",
    "громади, також, які прийняли переселенців",
    "виклики, зокрема, за даними ОВА, етапи",
    "витрати, особливо, на мою думку, пальне",
    "укриття, зокрема, — і це головне — у школах",
    "учасники, зокрема, (волонтери) долучилися",
    "проблеми, зокрема, з одного боку, брак кадрів",
])
def test_no_comma_finding_when_a_clause_or_parenthetical_follows(text: str) -> None:
    assert found(text) == []


def test_house_letter_after_number_is_not_glued() -> None:
    assert found("вул. Соборна, 1А та 5б") == []


def test_missing_hyphen_before_ordinal_y() -> None:
    assert found("1й заступник") == [("number-glued-to-word", "1й", ("1-й",))]


def test_doubled_punctuation_is_found_but_an_ellipsis_is_not() -> None:
    from desktop.language.typography import find_typography

    found = find_typography("Оновити реєстр.. Подати перелік.; Так,, і ні. І так далі...")
    assert [(f.rule, f.suggestions) for f in found] == [
        ("doubled-punctuation", (".",)),
        ("doubled-punctuation", (";", ".")),
        ("doubled-punctuation", (",",)),
    ]


@pytest.mark.parametrize("text", [
    "Див. www.коростень.Сайт у мережі",
    "Див. WWW.коростень.Сайт у мережі",
    "Пишіть іван.Петренко@gov щодня",
    "Архів ftp://файли.Ода у мережі",
    "Сайт рада.Коростень.gov.ua у мережі",
])
def test_links_and_addresses_keep_their_own_punctuation(text: str) -> None:
    assert found(text) == []
    assert [rule for rule, _span, _fix in found("Учора.Сьогодні")] == ["missing-space-after-stop"]
