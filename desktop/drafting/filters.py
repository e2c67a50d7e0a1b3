"""The Jinja2 environment of release templates and its Ukrainian filters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop.language.dates import date_in_words, format_number, month_and_year, plural_noun
from desktop.language.inflection import CASES, phrase_gender
from desktop.participants import Participant, participants_clause, verb_agreement


def as_list(value: Any) -> list[Any]:
    """None, one participant or a sequence as a list."""
    if value is None:
        return []
    if isinstance(value, Participant):
        return [value]
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _agree(participants: Any, masculine: str, feminine: str, plural: str, nearest: bool = False) -> str:
    return verb_agreement(as_list(participants), masculine, feminine, plural, nearest=nearest)


def _clause(
    participants: Any, case: str = "nominative", conjunction: str | None = None, by_precedence: bool = False
) -> str:
    return participants_clause(
        as_list(participants), case, by_precedence=by_precedence, conjunction=conjunction
    )


def _by_gender(phrase: str, masculine: str, feminine: str, neuter: str, plural: str) -> str:
    """Agreement with a noun phrase such as the event's name: «відбувся саміт», «відбулася нарада»."""
    return {"masculine": masculine, "feminine": feminine, "neuter": neuter, "plural": plural}[
        phrase_gender(phrase)
    ]


def _join_and(items: Iterable[Any], conjunction: str | None = None) -> str:
    """«а, б та в»; «і» instead when the last item already has its own «та» («відновлення та розвиток»)."""
    items = [str(item).strip().rstrip(".;") for item in items if str(item).strip()]
    if conjunction is None:
        conjunction = "і" if items and " та " in items[-1] else "та"
    if len(items) > 1:
        return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
    return "".join(items)


def _sentence(text: Any) -> str:
    """A list item written without a capital or a full stop, made into a sentence."""
    text = upper_first(str(text).strip())
    if not text:
        return ""
    return text if text[-1] in ".!?…" else text + "."


def _list_entry(text: Any, last: bool) -> str:
    """An item of a list of decisions or tasks: «;» after each, «.» after the last, never doubled."""
    text = str(text).strip().rstrip(".;,")
    return text + ("." if last else ";") if text else ""


def _paragraphs(text: Any) -> list[str]:
    """A long text split into paragraphs at blank lines (single line breaks join)."""
    parts = re.split(r"\n\s*\n", str(text or "").strip())
    return [" ".join(part.split()) for part in parts if part.strip()]


def upper_first(text: Any) -> str:
    """The text with its first letter capitalised."""
    text = str(text)
    return text[:1].upper() + text[1:]


def _one_line(value: Any) -> Any:
    """Every printed value on one line, so a user's text can never start a block of its own."""
    if value is None:
        return ""
    return " ".join(value.split()) if isinstance(value, str) else value


def make_environment() -> jinja2.Environment:
    """The Jinja2 environment with the Ukrainian filters; an unknown name is an error, not silence.

    Sandboxed: an office drops its own templates into the data folder, and a template must never
    reach Python's internals (``__class__``, ``__globals__``) or change the values it is given.
    """
    env = ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        finalize=_one_line,
    )
    env.filters.update(
        date_words=lambda value, with_year=True: date_in_words(value, with_year),
        month_year=month_and_year,
        clause=_clause,
        agree=_agree,
        plural=plural_noun,
        number=format_number,
        by_gender=_by_gender,
        join_and=_join_and,
        sentence=_sentence,
        list_entry=_list_entry,
        paragraphs=_paragraphs,
        upper_first=upper_first,
        name=lambda p, case="nominative": p.name_forms.get(case) or p.form(case),
        position=lambda p, case="nominative": p.position_forms.get(case, ""),
    )
    for case in CASES:
        env.filters[case] = lambda participants, conjunction=None, _case=case: _clause(
            participants, _case, conjunction
        )
    return env
