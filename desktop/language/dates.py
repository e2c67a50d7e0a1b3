"""Dates and numerals in Ukrainian words: «20 квітня 2023 року», «11 угод»."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any

_LOCALE = "uk_UA"
# The months in the genitive, as Babel's «d MMMM» gives them for uk_UA (a test holds them equal):
# a date in words is on every export, and loading Babel's locale data would cost a CLI export ~40 ms.
GENITIVE_MONTHS = (
    "січня", "лютого", "березня", "квітня", "травня", "червня",
    "липня", "серпня", "вересня", "жовтня", "листопада", "грудня",
)


@functools.cache
def _locale() -> Any:
    from babel import Locale

    return Locale.parse(_LOCALE)


def parse_iso_date(value: str | dt.date) -> dt.date:
    """A date from an ISO string «2023-04-20» (a datetime keeps only its date); ValueError otherwise."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value).strip())


def date_in_words(value: str | dt.date, with_year: bool = True) -> str:
    """«20 квітня 2023 року» (the month in the genitive)."""
    date = parse_iso_date(value)
    day_and_month = f"{date.day} {GENITIVE_MONTHS[date.month - 1]}"
    return f"{day_and_month} {date.year} року" if with_year else day_and_month


def weekday_name(value: str | dt.date) -> str:
    """«четвер»: the day of the week in the nominative."""
    from babel.dates import format_date

    return format_date(parse_iso_date(value), "EEEE", locale=_LOCALE)


def month_and_year(value: str | dt.date) -> str:
    """«у квітні 2023 року»: the month in the locative, for a period rather than a day."""
    locative = (
        "січні",
        "лютому",
        "березні",
        "квітні",
        "травні",
        "червні",
        "липні",
        "серпні",
        "вересні",
        "жовтні",
        "листопаді",
        "грудні",
    )
    date = parse_iso_date(value)
    return f"у {locative[date.month - 1]} {date.year} року"


def plural_form(number: float, forms: Sequence[str] | str) -> str:
    """The noun form that goes with a number: forms are (one, few, many), e.g. («угода», «угоди», «угод»)."""
    if isinstance(forms, str):
        forms = forms.split("|")
    if len(forms) != 3:
        raise ValueError("three forms are needed: one|few|many")
    category = _locale().plural_form(number)
    # fractions («2,5 угоди») take the genitive singular, which is the «few» form
    return {"one": forms[0], "few": forms[1], "many": forms[2]}.get(category, forms[1])


def format_number(number: float) -> str:
    """A number as Ukrainian writes it: «1 500», «2,5»."""
    from babel.numbers import format_decimal

    # a plain space: the exporters decide where spaces must not break
    return format_decimal(number, locale=_LOCALE).replace("\xa0", " ").replace("\u202f", " ")


def plural_noun(number: float, forms: Sequence[str] | str) -> str:
    """«11 угод», «1 угода», «3 угоди», «2,5 тонни»."""
    return f"{format_number(number)} {plural_form(number, forms)}"
