"""Dates and numerals in Ukrainian words."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.language.dates import (
    date_in_words,
    month_and_year,
    parse_iso_date,
    plural_form,
    plural_noun,
    weekday_name,
)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (dt.date(2023, 4, 20), "20 квітня 2023 року"),
        ("2024-01-01", "1 січня 2024 року"),
        ("2022-02-24", "24 лютого 2022 року"),
        ("2023-05-09", "9 травня 2023 року"),
        ("2023-08-24", "24 серпня 2023 року"),
        ("2023-12-31", "31 грудня 2023 року"),
        (dt.datetime(2023, 6, 28, 10, 30), "28 червня 2023 року"),
    ],
)
def test_date_in_words_has_the_month_in_the_genitive_and_a_space_before_roku(value, words):
    assert date_in_words(value) == words


def test_every_month_is_the_genitive_babel_gives():
    from babel.dates import format_date

    for month in range(1, 13):
        day = dt.date(2023, month, 5)
        assert date_in_words(day) == f"{format_date(day, 'd MMMM y', locale='uk_UA')} року"


def test_date_without_the_year():
    assert date_in_words("2023-04-20", with_year=False) == "20 квітня"


def test_weekday_and_month_forms():
    assert weekday_name("2023-04-20") == "четвер"
    assert month_and_year("2023-04-20") == "у квітні 2023 року"
    assert month_and_year("2023-11-01") == "у листопаді 2023 року"


def test_a_bad_iso_date_is_a_value_error():
    with pytest.raises(ValueError):
        parse_iso_date("20.04.2023")


@pytest.mark.parametrize(
    ("number", "words"),
    [
        (1, "1 угода"),
        (2, "2 угоди"),
        (4, "4 угоди"),
        (5, "5 угод"),
        (11, "11 угод"),
        (12, "12 угод"),
        (14, "14 угод"),
        (21, "21 угода"),
        (22, "22 угоди"),
        (25, "25 угод"),
        (101, "101 угода"),
        (111, "111 угод"),
        (0, "0 угод"),
    ],
)
def test_numeral_with_a_noun(number, words):
    assert plural_noun(number, ("угода", "угоди", "угод")) == words


def test_large_numbers_and_fractions():
    assert plural_noun(1500, "продуктовий набір|продуктові набори|продуктових наборів") == (
        "1 500 продуктових наборів"
    )
    assert plural_noun(2.5, "тонна|тонни|тонн") == "2,5 тонни"


def test_three_forms_are_required():
    with pytest.raises(ValueError):
        plural_form(3, ("угода", "угоди"))
