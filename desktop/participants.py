"""Participants of a release: a snapshot of each one's case forms, the clause and verb agreement."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from desktop.errors import UserError
from desktop.language.inflection import (
    CASES,
    check_case,
    detect_gender,
    name_forms,
    phrase_gender,
    position_forms,
)

_POSSESSIVE = {"masculine": "його", "feminine": "її"}


@dataclass
class Participant:
    """A person or a group as a release names them, frozen at drafting time (stored as JSON)."""

    official_id: int | None = None
    given_name: str = ""
    surname: str = ""
    patronymic: str | None = None
    gender: str | None = None
    position: str = ""
    short_position: str = ""
    precedence: int | None = None
    plural: bool = False
    text: str = ""
    forms: dict[str, str] = field(default_factory=dict)
    name_forms: dict[str, str] = field(default_factory=dict)
    position_forms: dict[str, str] = field(default_factory=dict)

    @property
    def is_person(self) -> bool:
        """A named official, as opposed to a group or free text."""
        return bool(self.surname) and not self.plural

    @property
    def display_name(self) -> str:
        """«Юрій Тарасюк», or the group's text."""
        return (
            self.name_forms.get("nominative")
            or self.text
            or " ".join(part for part in (self.given_name, self.surname) if part)
        )

    def form(self, case: str = "nominative") -> str:
        """The whole phrase «начальник … Юрій Тарасюк» in a case."""
        check_case(case)
        return self.forms.get(case) or self.forms.get("nominative") or self.text

    def to_json(self) -> dict[str, Any]:
        """A plain dict for the release's participants snapshot."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Participant:
        """The inverse of to_json; unknown keys are ignored."""
        known = {name for name in cls.__dataclass_fields__}
        values = {key: value for key, value in data.items() if key in known}
        for key in ("forms", "name_forms", "position_forms"):
            values[key] = {str(k): str(v) for k, v in (values.get(key) or {}).items()}
        return cls(**values)


def _join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


def assemble_forms(
    names: Mapping[str, str], positions: Mapping[str, str], overrides: Mapping[str, Mapping[str, str]]
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Names, positions and the «position name» phrases of every case, hand corrections winning.

    overrides holds the corrections by part: {"name": {case: text}, "position": {…}, "phrase": {…}}.
    """
    names = {**names, **overrides.get("name", {})}
    positions = {**positions, **overrides.get("position", {})}
    phrases = {case: _join(positions.get(case, ""), names.get(case, "")) for case in CASES}
    phrases.update(overrides.get("phrase", {}))
    return names, positions, phrases


def make_participant(
    given_name: str = "",
    surname: str = "",
    patronymic: str | None = None,
    gender: str | None = None,
    position: str = "",
    *,
    official_id: int | None = None,
    short_position: str = "",
    precedence: int | None = None,
    overrides: Mapping[str, str] | None = None,
    name_overrides: Mapping[str, str] | None = None,
    position_overrides: Mapping[str, str] | None = None,
) -> Participant:
    """A person with every case form generated; forms corrected by hand (overrides) win."""
    given_name, surname = given_name.strip(), surname.strip()
    patronymic = (patronymic or "").strip() or None
    position = " ".join(position.split())
    gender = gender or detect_gender(given_name, surname, patronymic)
    names, positions, forms = assemble_forms(
        {case: form.short() for case, form in name_forms(given_name, surname, patronymic, gender).items()},
        position_forms(position, gender) if position else dict.fromkeys(CASES, ""),
        {"name": name_overrides or {}, "position": position_overrides or {}, "phrase": overrides or {}},
    )
    return Participant(
        official_id=official_id,
        given_name=given_name,
        surname=surname,
        patronymic=patronymic,
        gender=gender,
        position=position,
        short_position=short_position,
        precedence=precedence,
        forms=forms,
        name_forms=names,
        position_forms=positions,
    )


def make_group(
    text: str,
    plural: bool = True,
    *,
    official_id: int | None = None,
    precedence: int | None = None,
    overrides: Mapping[str, str] | None = None,
) -> Participant:
    """A collective participant («голови територіальних громад …»), declined like a plural position."""
    text = " ".join(text.split())
    # a singular free text may hold a name pymorphy cannot see, so it stays as written
    forms = position_forms(text, plural=True) if plural else dict.fromkeys(CASES, text)
    forms.update(overrides or {})
    # an organisation named as one participant agrees by its head noun («адміністрація звернулася»)
    gender = None if plural else phrase_gender(text)
    return Participant(
        official_id=official_id,
        gender=gender if gender in _POSSESSIVE else None,
        precedence=precedence,
        plural=plural,
        text=text,
        forms=forms,
        position_forms=dict(forms),
    )


def order_by_precedence(participants: Iterable[Participant]) -> list[Participant]:
    """Senior first (a smaller precedence number); those without one keep their order at the end."""
    ranked = list(participants)
    return sorted(ranked, key=lambda p: (p.precedence is None, p.precedence or 0))


def _deputy_form(previous: Participant, current: Participant, case: str) -> str | None:
    """«його заступник Сергій Кириченко» when current's position is a deputy of previous's."""
    if not (previous.is_person and current.is_person and previous.gender in _POSSESSIVE):
        return None
    chief = previous.position_forms.get("genitive", "")
    own = current.position_forms.get(case, "")
    if not chief or not own.lower().endswith(" " + chief.lower()):
        return None
    title = own[: -len(chief)].strip()
    if "заступ" not in title.lower():
        return None
    return _join(_POSSESSIVE[previous.gender], title, current.name_forms.get(case, ""))


def participant_phrases(
    participants: Sequence[Participant], case: str = "nominative", deputy_shortcut: bool = True
) -> list[str]:
    """Each participant's phrase in a case, a deputy right after the chief shortened to «його заступник …»."""
    check_case(case)
    phrases: list[str] = []
    for index, participant in enumerate(participants):
        phrase = None
        if deputy_shortcut and index > 0 and not _hand_corrected(participant, case):
            phrase = _deputy_form(participants[index - 1], participant, case)
        phrases.append(phrase or participant.form(case))
    return phrases


def _hand_corrected(participant: Participant, case: str) -> bool:
    """True when the whole phrase in this case was corrected by hand: the shortcut must keep it."""
    generated = _join(participant.position_forms.get(case, ""), participant.name_forms.get(case, ""))
    return participant.forms.get(case, generated) != generated


def join_phrases(phrases: Sequence[str], conjunction: str | None = None) -> str:
    """«а, б, в» or, with a conjunction, «а, б та в»."""
    phrases = [p for p in phrases if p]
    if conjunction and len(phrases) > 1:
        return f"{', '.join(phrases[:-1])} {conjunction} {phrases[-1]}"
    return ", ".join(phrases)


def participants_clause(
    participants: Sequence[Participant] | Participant,
    case: str = "nominative",
    *,
    by_precedence: bool = False,
    deputy_shortcut: bool = True,
    conjunction: str | None = None,
) -> str:
    """The participants in a case, joined by commas as the reference release does (or with «та»/«і»)."""
    items = [participants] if isinstance(participants, Participant) else list(participants)
    if by_precedence:
        items = order_by_precedence(items)
    return join_phrases(participant_phrases(items, case, deputy_shortcut), conjunction)


def is_plural(participants: Sequence[Participant] | Participant) -> bool:
    """True for several participants or any group."""
    items = [participants] if isinstance(participants, Participant) else list(participants)
    return len(items) != 1 or items[0].plural


def verb_agreement(
    participants: Sequence[Participant] | Participant,
    masculine: str,
    feminine: str,
    plural: str,
    *,
    nearest: bool = False,
) -> str:
    """The verb form agreeing with the participants: взяв (a man), взяла (a woman), взяли (several, a group).

    House rule (the same in the templates, this preview and the grammar checker): several people take
    the plural («участь взяли Іван Петренко та Олена Коваль»). nearest=True (a verb agreeing with the
    first participant only) is kept for callers that quote such a text, not used by the shipped templates.
    """
    items = [participants] if isinstance(participants, Participant) else list(participants)
    if not items:
        return plural
    if nearest:
        items = items[:1]
    if is_plural(items):
        return plural
    return feminine if items[0].gender == "feminine" else masculine


Resolver = Callable[[Any], Participant]


def list_resolver(known: Iterable[Participant]) -> Resolver:
    """A resolver over a fixed list: matches an official's id or «Ім'я Прізвище» (for tests and the CLI)."""
    participants = list(known)

    def resolve(value: Any) -> Participant:
        for participant in participants:
            if isinstance(value, int) and not isinstance(value, bool):
                if participant.official_id == value:
                    return participant
            elif isinstance(value, str) and _same_name(value, participant):
                return participant
        raise UserError(f"Учасника «{value}» немає в довіднику")

    return resolve


def _same_name(value: str, participant: Participant) -> bool:
    wanted = " ".join(value.split()).casefold()
    candidates = {
        _join(participant.given_name, participant.surname),
        _join(participant.surname, participant.given_name),
        _join(participant.given_name, participant.patronymic or "", participant.surname),
        participant.text,
    }
    return wanted in {c.casefold() for c in candidates if c}
