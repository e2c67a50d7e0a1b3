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
_MONTH_AFTER_RE = re.compile(r" ([^\W\d_]+)(?:\.?,? ([0-9]{4})(?![0-9]))?")
_WEEKDAY_RE = re.compile(r"([^\W\d_]+(?:['’][^\W\d_]+)?),? $")
_MONTH_BEFORE_RE = re.compile(r"([^\W\d_]+) $")
_MONTH_NAMES = frozenset(_NOMINATIVE + _MONTHS)

def _month(name: str) -> int:
    lower = name.lower()
    return _MONTHS.index(lower) + 1 if lower in _MONTHS else _SHORT[lower]


def find_dates(text: str, numbers: list[re.Match[str]]) -> list[Finding]:
    """The impossible dates of text (numbers: its figures)."""
    found: list[Finding] = []
    for number in numbers:
        digits = number.group(0)
        start = number.start()
        if len(digits) >= 5 and digits.isdigit():
            month_word = _MONTH_BEFORE_RE.search(text, max(0, start - 12), start)
            if month_word and month_word.group(1).lower() in _MONTH_NAMES:
                found.append(Finding(month_word.start(1), number.end(), "grammar", "date-year",
                                     "Рік не може мати п’ять цифр: перевірте число.", ()))
            continue
        if len(digits) > 2 or (start and text[start - 1] in ".,:/-–"):
            continue
        match = _MONTH_AFTER_RE.match(text, number.end())
        if match is None:
            continue
        name = match.group(1).lower()
        if name not in _MONTHS and name not in _SHORT:
            continue
        day, month = int(digits), _month(name)
        year = int(match.group(2)) if match.group(2) else None
        last = calendar.monthrange(year or 2024, month)[1]
        if day == 0 or day > last:
            found.append(Finding(start, match.end(1), "grammar", "date-invalid",
                                 f"У цьому місяці немає {day}-го числа.", ()))
            continue
        weekday = _WEEKDAY_RE.search(text, max(0, start - 12), start) if year else None
        written = _WEEKDAYS.get(weekday.group(1).lower().replace("’", "'")) if weekday else None
        if weekday is not None and written is not None and year is not None:
            actual = datetime.date(year, month, day).weekday()
            if written != actual:
                fix = _WEEKDAY_NAMES[actual]
                fix = fix[:1].upper() + fix[1:] if weekday.group(1)[:1].isupper() else fix
                begin = weekday.start(1)
                if fix[0] in "вВфФ" and text[max(0, begin - 2):begin] in ("в ", "В ") and (begin < 3 or not text[begin - 3].isalpha()):
                    begin -= 2  # «в понеділок» → «у вівторок», not «в вівторок»
                    fix = ("У " if text[begin] == "В" else "у ") + fix
                found.append(Finding(begin, weekday.end(1), "grammar", "date-weekday",
                                     f"{day} {_MONTHS[month - 1]} {year} року — {_WEEKDAY_NAMES[actual]}, не «{weekday.group(1)}».",
                                     (fix,)))
    return found
