"""Dates that cannot be: a day the month lacks («31 листопада»), a weekday that is not the date's
(«у понеділок, 7 жовтня 2014 р.»), a five-digit year after a month («травень 20014»)."""

from __future__ import annotations

import calendar
import datetime
import re

from desktop.language.finding import Finding

_MONTHS = ("січня", "лютого", "березня", "квітня", "травня", "червня", "липня", "серпня", "вересня",
           "жовтня", "листопада", "грудня")
_SHORT = {"січ": 1, "лют": 2, "бер": 3, "квіт": 4, "кві": 4, "трав": 5, "тра": 5, "черв": 6, "чер": 6, "лип": 7,
          "серп": 8, "сер": 8, "вер": 9, "жовт": 10, "жов": 10, "лист": 11, "лис": 11, "груд": 12, "гру": 12}
_NOMINATIVE = ("січень", "лютий", "березень", "квітень", "травень", "червень", "липень", "серпень",
               "вересень", "жовтень", "листопад", "грудень")
_WEEKDAYS = {"понеділок": 0, "вівторок": 1, "середа": 2, "середу": 2, "четвер": 3, "п'ятниця": 4, "п'ятницю": 4,
             "субота": 5, "суботу": 5, "неділя": 6, "неділю": 6}
_WEEKDAY_NAMES = ("понеділок", "вівторок", "середу", "четвер", "п’ятницю", "суботу", "неділю")
_MONTH_ALT = "|".join(sorted((*_MONTHS, *_SHORT), key=len, reverse=True))
_DAY_RE = re.compile(rf"(?<![\d.,:/\-–])(\d{{1,2}}) ({_MONTH_ALT})\b(?:\.?,? (\d{{4}})(?!\d))?", re.IGNORECASE)
_WEEKDAY_RE = re.compile(r"(?<![\w’'])(понеділок|вівторок|середу|середа|четвер|п['’]ятницю|п['’]ятниця|суботу|субота|"
                         r"неділю|неділя),? (?=\d)", re.IGNORECASE)
_LONG_YEAR_RE = re.compile(rf"(?<![\w’'])({'|'.join(_NOMINATIVE)}|{'|'.join(_MONTHS)}) (\d{{5,}})(?!\d)", re.IGNORECASE)


def _month(name: str) -> int:
    lower = name.lower()
    return _MONTHS.index(lower) + 1 if lower in _MONTHS else _SHORT[lower]


def find_dates(text: str) -> list[Finding]:
    """The impossible dates of text (it has digits)."""
    found: list[Finding] = []
    weekdays = {m.end(): m for m in _WEEKDAY_RE.finditer(text)}
    for match in _DAY_RE.finditer(text):
        day, month = int(match.group(1)), _month(match.group(2))
        year = int(match.group(3)) if match.group(3) else None
        last = calendar.monthrange(year or 2024, month)[1]
        if day == 0 or day > last:
            found.append(Finding(match.start(), match.end(2), "grammar", "date-invalid",
                                 f"У цьому місяці немає {day}-го числа.", ()))
            continue
        weekday = weekdays.get(match.start())
        if weekday is not None and year is not None:
            actual = datetime.date(year, month, day).weekday()
            written = _WEEKDAYS.get(weekday.group(1).lower().replace("’", "'"))
            if written is not None and written != actual:
                fix = _WEEKDAY_NAMES[actual]
                fix = fix[:1].upper() + fix[1:] if weekday.group(1)[:1].isupper() else fix
                found.append(Finding(weekday.start(1), weekday.end(1), "grammar", "date-weekday",
                                     f"{day} {_MONTHS[month - 1]} {year} року — {_WEEKDAY_NAMES[actual]}, не «{weekday.group(1)}».",
                                     (fix,)))
    for match in _LONG_YEAR_RE.finditer(text):
        found.append(Finding(match.start(), match.end(2), "grammar", "date-year",
                             "Рік не може мати п’ять цифр: перевірте число.", ()))
    return found
