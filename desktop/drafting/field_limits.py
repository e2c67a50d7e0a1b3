"""Limits on a release's field values, from the form or a JSON file: types, sizes, ranges, depth, Unicode.

Checked before a value is converted or rendered, so a refusal names the field and never repeats
the value (a megabyte of it would otherwise land in the message).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from datetime import date
from typing import Any

from desktop.errors import UserError

MAX_JSON_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 4  # fields → a list → a participant's object → its values
MAX_TEXT_CHARS = {"text": 2_000, "place": 500, "date": 40, "number": 40, "long_text": 200_000}
MAX_ITEMS = 500
MAX_ITEM_CHARS = 2_000
# Release facts are counts and sums: a trillion is more than any of them, and stays exact in a float.
MAX_NUMBER = 10**12
_SCALARS = (str, int, float)


class _Refusal(UserError):
    pass


def _has_lone_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _depth_checked(value: Any, label: str, depth: int = 1) -> None:
    if depth > MAX_DEPTH:
        raise _Refusal(f"Поле «{label}»: значення вкладене надто глибоко.")
    if isinstance(value, str):
        if _has_lone_surrogate(value):
            raise _Refusal(f"Поле «{label}»: текст містить неправильні символи Unicode (половинки пар).")
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _depth_checked(str(key), label, depth)
            _depth_checked(item, label, depth + 1)
    elif isinstance(value, list | tuple):
        if len(value) > MAX_ITEMS:
            raise _Refusal(f"Поле «{label}»: щонайбільше {MAX_ITEMS} елементів.")
        for item in value:
            _depth_checked(item, label, depth + 1)
    elif isinstance(value, float) and not math.isfinite(value):
        raise _Refusal(f"Поле «{label}»: число має бути скінченним.")


def _number_checked(value: Any, label: str) -> None:
    if isinstance(value, bool) or not isinstance(value, _SCALARS):
        raise _Refusal(f"Поле «{label}»: потрібне число.")
    if isinstance(value, str):
        if len(value) > MAX_TEXT_CHARS["number"]:
            raise _Refusal(f"Поле «{label}»: потрібне число, а не довгий текст.")
        try:
            number = float(value.strip().replace(" ", "").replace(",", "."))
        except ValueError:
            return  # the conversion names the mistake
    else:
        number = float(value) if abs(value) <= 10**300 else math.inf
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise _Refusal(f"Поле «{label}»: число має бути між −{MAX_NUMBER:,} і {MAX_NUMBER:,}.".replace(",", " "))


def _text_checked(value: Any, kind: str, label: str) -> None:
    if isinstance(value, bool) or not isinstance(value, _SCALARS):
        raise _Refusal(f"Поле «{label}»: потрібен текст, а не список чи об'єкт.")
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS[kind]:
        raise _Refusal(f"Поле «{label}»: щонайбільше {MAX_TEXT_CHARS[kind]:,} символів.".replace(",", " "))
    if not isinstance(value, str):
        _number_checked(value, label)


def _items(value: Any, label: str) -> list[Any]:
    if isinstance(value, Mapping):
        raise _Refusal(f"Поле «{label}»: потрібен список, а не об'єкт.")
    return list(value) if isinstance(value, list | tuple) else [value]


def _participant_checked(item: Any, label: str) -> None:
    if isinstance(item, Mapping):
        unknown = set(item) - {"id", "text", "plural"}
        if unknown:
            raise _Refusal(f"Поле «{label}»: в учасника можуть бути лише «id», «text» і «plural».")
        for key, value in item.items():
            if value is not None and not isinstance(value, (*_SCALARS, bool)):
                raise _Refusal(f"Поле «{label}»: «{key}» учасника має бути текстом або числом.")
            if isinstance(value, str) and len(value) > MAX_ITEM_CHARS:
                raise _Refusal(f"Поле «{label}»: текст учасника задовгий.")
        if isinstance(item.get("id"), int) and not isinstance(item.get("id"), bool) \
                and not 0 < item["id"] < 2**31:
            raise _Refusal(f"Поле «{label}»: немає посадовця з таким номером.")
        return
    if isinstance(item, int) and not isinstance(item, bool) and not 0 < item < 2**31:
        raise _Refusal(f"Поле «{label}»: немає посадовця з таким номером.")
    if isinstance(item, str) and len(item) > MAX_ITEM_CHARS:
        raise _Refusal(f"Поле «{label}»: ім'я учасника задовге.")
    if isinstance(item, list | tuple | float) or item is None:
        raise _Refusal(f"Поле «{label}»: учасника треба вказати ім'ям, номером у довіднику або текстом.")


def check_value(kind: str, label: str, value: Any) -> None:
    """Refuses a value of the wrong type or past a limit for a field of this kind."""
    if value is None or isinstance(value, date):
        return
    _depth_checked(value, label)
    if kind in ("text", "long_text", "place"):
        _text_checked(value, kind, label)
    elif kind == "date":
        if not isinstance(value, str) or len(value) > MAX_TEXT_CHARS["date"]:
            raise _Refusal(f"Поле «{label}»: дата має бути у форматі РРРР-ММ-ДД.")
    elif kind == "number":
        _number_checked(value, label)
    elif kind == "list":
        if isinstance(value, str):
            if len(value) > MAX_TEXT_CHARS["long_text"]:
                raise _Refusal(f"Поле «{label}»: список задовгий.")
            return
        for item in _items(value, label):
            if isinstance(item, bool) or not isinstance(item, _SCALARS):
                raise _Refusal(f"Поле «{label}»: кожен елемент списку має бути текстом.")
            if isinstance(item, str) and len(item) > MAX_ITEM_CHARS:
                raise _Refusal(f"Поле «{label}»: елемент списку задовгий.")
            if not isinstance(item, str):
                _number_checked(item, label)
    elif kind in ("participants", "participant"):
        # one participant may come as its object: {"text": "…", "plural": true}
        for item in [value] if isinstance(value, Mapping) else _items(value, label):
            if not hasattr(item, "precedence"):  # a Participant built by the form is already checked
                _participant_checked(item, label)


def _refuse_constant(name: str) -> Any:
    raise _Refusal(f"У файлі полів є «{name}»: у JSON таких чисел не буває.")


def _float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise _Refusal("У файлі полів є число, завелике для будь-якого поля.")
    return number


def _int(text: str) -> int:
    if len(text.lstrip("-")) > 30:
        raise _Refusal("У файлі полів є число, завелике для будь-якого поля.")
    return int(text)


def parse_fields_json(text: str, name: str) -> dict[str, Any]:
    """The fields of a JSON file: an object, within size, depth and number limits; one line when refused."""
    if len(text) > MAX_JSON_BYTES:
        raise UserError(f"Файл полів {name} завеликий: щонайбільше {MAX_JSON_BYTES // (1024 * 1024)} МБ.")
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_float, parse_int=_int)
    except _Refusal as refusal:
        raise UserError(str(refusal)) from None
    except RecursionError:
        raise UserError(f"Файл полів {name} вкладений надто глибоко: так поля не записують.") from None
    except json.JSONDecodeError as error:
        raise UserError(f"Файл «{name}» не є коректним JSON у UTF-8: рядок {error.lineno}, "
                        f"позиція {error.colno}.") from None
    if not isinstance(data, dict):
        raise UserError(f"У файлі «{name}» має бути об'єкт JSON: {{\"назва_поля\": значення, …}}.")
    return data


def check_fields(field_kinds: Mapping[str, tuple[str, str]], values: Mapping[str, Any]) -> None:
    """Every value checked against its field's kind; field_kinds is name → (kind, label)."""
    for key in values:
        if not isinstance(key, str) or len(key) > 100 or _has_lone_surrogate(key):
            raise UserError("Серед полів є назва, якої шаблон не знає.")
    for name, (kind, label) in field_kinds.items():
        check_value(kind, label, values.get(name))
