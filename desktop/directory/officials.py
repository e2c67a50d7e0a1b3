"""The officials directory: officials and groups, their case forms, hand corrections and participants.

Who may change it: any author, supervisor or admin may add an official or a group (a press officer
adds an ad-hoc participant while drafting); only an admin edits, deactivates, corrects case forms
and imports, because the directory is shared by the whole department.

Case forms are a cache in forms_json, generated on add and update; a bulk import leaves them empty
(10,000 names take about a minute through shevchenko) and they are generated on first use or by
complete_forms(). A hand-corrected form lives in overrides_json, always wins and is never
overwritten by regeneration; it is dropped only when the text it corrects (the name or the
position) itself changes.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.accounts import require_role
from desktop.directory.search import (
    directory_index,
    fold,
    mark_directory_changed,
    official_search_text,
    search_officials,
)
from desktop.errors import NotFound, UserError
from desktop.language.inflection import check_case, detect_gender, name_forms, position_forms
from desktop.storage import audit
from desktop.storage.light import json_object, words_of_rows
from desktop.storage.models import Official, OfficialGroup, User, utcnow

if TYPE_CHECKING:  # drafting sits above directory; Participant is imported lazily where it is built
    from desktop.participants import Participant

__all__ = ["directory_index", "fold", "search_officials"]

ADD_ROLES = ("author", "supervisor", "admin")
EDIT_ROLES = ("admin",)
OVERRIDE_PARTS = ("name", "position", "phrase")
DEFAULT_PRECEDENCE = 1000
FIELD_LIMITS = {
    "surname": (100, "прізвище"),
    "given_name": (100, "ім'я"),
    "patronymic": (100, "по батькові"),
    "position": (500, "посада"),
    "short_position": (300, "коротка посада"),
    "organization": (500, "організація"),
    "phone": (100, "телефон"),
    "email": (200, "email"),
}
TEXT_FIELDS = tuple(FIELD_LIMITS)
_GENDERS = {
    "masculine": "masculine", "feminine": "feminine",
    "ч": "masculine", "чол": "masculine", "чоловіча": "masculine", "чоловік": "masculine",
    "m": "masculine", "male": "masculine", "м": "masculine",
    "ж": "feminine", "жін": "feminine", "жіноча": "feminine", "жінка": "feminine",
    "f": "feminine", "female": "feminine", "w": "feminine",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean(value: Any) -> str:
    """Text as stored: control characters (NUL included) dropped, whitespace collapsed."""
    if value is None:
        return ""
    text = " ".join(str(value).split())
    if not text.isprintable():  # rare: only then pay for the regular expression
        text = " ".join(_CONTROL.sub(" ", text).split())
    return text


def parse_gender(value: str) -> str:
    """'masculine', 'feminine' or '' (unknown yet) from ч/ж, m/f, чол/жін…; refuses anything else."""
    key = clean(value).lower().rstrip(".")
    if not key:
        return ""
    if key not in _GENDERS:
        raise UserError(f"стать «{clean(value)}» не розпізнано (потрібно ч або ж)")
    return _GENDERS[key]


def match_key(surname: str, given_name: str, patronymic: str, organization: str) -> str:
    """The identity of an official across re-imports: the name and the organisation, folded."""
    return "|".join(fold(part) for part in (surname, given_name, patronymic, organization))


def field_problems(values: Mapping[str, Any]) -> list[str]:
    """What is wrong with an official's fields, in Ukrainian; empty when they can be stored."""
    problems = [f"не вказано {label}" for key, label in
                (("surname", "прізвище"), ("given_name", "ім'я"), ("position", "посаду"))
                if not clean(values.get(key))]
    for key, (limit, label) in FIELD_LIMITS.items():
        if len(clean(values.get(key))) > limit:
            problems.append(f"{label} довше за {limit} символів")
    email = clean(values.get("email"))
    if email and not _EMAIL.match(email):
        problems.append(f"неправильна адреса електронної пошти «{email}»")
    return problems


# Ranks order a directory of a few thousand people; the bound fits PostgreSQL's integer with room to spare.
MAX_PRECEDENCE = 999_999_999


def parse_precedence(value: Any) -> int | None:
    """A whole number from text or a spreadsheet cell; None when empty; refuses anything else."""
    if value is None or (isinstance(value, str) and not clean(value)):
        return None
    if isinstance(value, bool):
        raise UserError(f"ранг «{value}» не є цілим числом")
    number: int | None = None
    if isinstance(value, int):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        text = clean(value)
        if re.fullmatch(r"[+-]?\d+", text):
            number = int(text) if len(text) <= 20 else MAX_PRECEDENCE + 1
        else:
            raise UserError(f"ранг «{text[:20]}{'…' if len(text) > 20 else ''}» не є цілим числом")
    if not -MAX_PRECEDENCE <= number <= MAX_PRECEDENCE:
        # the column is a 32-bit integer on PostgreSQL and a 64-bit one on SQLite: one bound for both
        raise UserError(f"ранг має бути цілим числом від −{MAX_PRECEDENCE:,} до {MAX_PRECEDENCE:,}"
                        .replace(",", " "))
    return number


def _dump(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def refresh_derived(official: Official) -> None:
    """Recomputes what is derived from the fields: identity key, search text, a detected gender."""
    official.match_key = match_key(official.surname, official.given_name, official.patronymic,
                                   official.organization)
    official.search_text = official_search_text(
        official.surname, official.given_name, official.patronymic, official.position,
        official.short_position, official.organization,
    )
    if not official.gender:
        official.gender = detect_gender(official.given_name, official.surname, official.patronymic or None)


@functools.lru_cache(maxsize=4096)
def _position_forms(position: str, gender: str | None) -> dict[str, str]:
    # A directory repeats a few hundred positions over thousands of people.
    return position_forms(position, gender)


def generate_forms(official: Official, parts: tuple[str, ...] = ("name", "position")) -> None:
    """(Re)generates the case forms of the name and/or the position; hand corrections are untouched."""
    forms = json_object(official.forms_json)
    gender = official.gender or None
    if "name" in parts:
        generated = name_forms(official.given_name, official.surname, official.patronymic or None, gender)
        forms["name_parts"] = {
            case: [form.given_name, form.surname, form.patronymic or ""] for case, form in generated.items()
        }
    if "position" in parts:
        forms["position"] = dict(_position_forms(official.position, gender))
    official.forms_json = _dump(forms)


def ensure_forms(official: Official) -> bool:
    """Generates whatever case forms are missing (after a bulk import); True when it did any."""
    forms = json_object(official.forms_json)
    missing = tuple(part for part, key in (("name", "name_parts"), ("position", "position")) if key not in forms)
    if missing:
        generate_forms(official, missing)
    return bool(missing)


def complete_forms(session: Session, progress: Callable[[int, int], None] | None = None,
                   batch: int = 200) -> int:
    """Generates the missing case forms of every official, committing in batches; returns how many."""
    ids = [i for i, raw in session.execute(select(Official.id, Official.forms_json)) if
           not {"name_parts", "position"} <= json_object(raw).keys()]
    for start in range(0, len(ids), batch):
        chunk = ids[start:start + batch]
        for official in session.execute(select(Official).where(Official.id.in_(chunk))).scalars():
            ensure_forms(official)
        session.commit()
        if progress:
            progress(min(start + batch, len(ids)), len(ids))
    return len(ids)


def get_official(session: Session, official_id: int) -> Official:
    """The official with this id, or NotFound."""
    official = session.get(Official, official_id)
    if official is None:
        raise NotFound(f"Посадовця №{official_id} немає в довіднику.")
    return official


def list_officials(session: Session, include_inactive: bool = False) -> list[Official]:
    """Officials in precedence order, then by surname: the directory table."""
    query = select(Official).order_by(Official.precedence, Official.surname, Official.given_name)
    if not include_inactive:
        query = query.where(Official.active.is_(True))
    return list(session.execute(query).scalars())


def _checked_values(values: Mapping[str, Any]) -> dict[str, Any]:
    cleaned: dict[str, Any] = {key: clean(values.get(key)) for key in TEXT_FIELDS if key in values}
    problems = field_problems({**cleaned, **{k: v for k, v in values.items() if k not in cleaned}})
    if problems:
        raise UserError("; ".join(problems).capitalize() + ".")
    if "gender" in values:
        cleaned["gender"] = parse_gender(values.get("gender") or "")
    if "precedence" in values:
        precedence = parse_precedence(values.get("precedence"))
        cleaned["precedence"] = DEFAULT_PRECEDENCE if precedence is None else precedence
    return cleaned


def _refuse_duplicate(session: Session, official_id: int | None, key: str) -> None:
    query = select(Official).where(Official.match_key == key)
    if official_id is not None:
        query = query.where(Official.id != official_id)
    other = session.execute(query).scalars().first()
    if other is not None:
        state = "" if other.active else " (неактивний — відновіть його)"
        raise UserError(f"{other.given_name} {other.surname} з «{other.organization or 'без організації'}» "
                        f"уже є в довіднику: №{other.id}{state}.")


def add_official(session: Session, actor: User, **values: Any) -> Official:
    """A new official; the gender is detected when not given and the case forms are generated."""
    require_role(actor, *ADD_ROLES)
    unknown = set(values) - set(TEXT_FIELDS) - {"gender", "precedence", "active"}
    if unknown:
        raise TypeError(f"unknown official fields: {sorted(unknown)}")
    cleaned = _checked_values({"patronymic": "", **values})
    official = Official(**{key: "" for key in TEXT_FIELDS}, gender="", precedence=DEFAULT_PRECEDENCE,
                        active=bool(values.get("active", True)), forms_json="{}", overrides_json="{}")
    for key, value in cleaned.items():
        setattr(official, key, value)
    refresh_derived(official)
    _refuse_duplicate(session, None, official.match_key)
    generate_forms(official)
    session.add(official)
    session.flush()
    mark_directory_changed(session)
    audit.append(session, actor, "official_added", detail=f"№{official.id}: {official.given_name} "
                 f"{official.surname}, {official.position}")
    return official


def update_official(session: Session, actor: User, official_id: int, **changes: Any) -> Official:
    """Changes an official's fields; the forms of what changed are regenerated, gender '' re-detects it."""
    require_role(actor, *EDIT_ROLES)
    unknown = set(changes) - set(TEXT_FIELDS) - {"gender", "precedence", "active"}
    if unknown:
        raise TypeError(f"unknown official fields: {sorted(unknown)}")
    official = get_official(session, official_id)
    current = {key: getattr(official, key) for key in (*TEXT_FIELDS, "precedence")}
    cleaned = _checked_values({**current, **changes})
    before = {key: getattr(official, key) for key in ("surname", "given_name", "patronymic", "position", "gender")}
    merged = {**current, **{key: value for key, value in cleaned.items() if key in changes}}
    # Checked before anything changes, so a refused edit leaves the session clean.
    _refuse_duplicate(session, official.id, match_key(merged["surname"], merged["given_name"],
                                                      merged["patronymic"], merged["organization"]))
    for key, value in cleaned.items():
        if key in changes:
            setattr(official, key, value)
    if "active" in changes:
        official.active = bool(changes["active"])
    refresh_derived(official)
    forms, overrides = json_object(official.forms_json), json_object(official.overrides_json)
    forget_stale(
        forms, overrides,
        name_changed=any(before[k] != getattr(official, k) for k in ("surname", "given_name", "patronymic")),
        position_changed=before["position"] != official.position,
        gender_changed=before["gender"] != official.gender,
    )
    official.forms_json, official.overrides_json = _dump(forms), _dump(overrides)
    ensure_forms(official)  # the forms just forgotten, made anew
    official.updated_at = utcnow()
    mark_directory_changed(session)
    changed = sorted(key for key in changes if before.get(key, current.get(key)) != getattr(official, key))
    audit.append(session, actor, "official_updated", detail=f"№{official.id}: {', '.join(changed) or '—'}")
    return official


def forget_stale(forms: dict[str, Any], overrides: dict[str, Any], *, name_changed: bool,
                 position_changed: bool, gender_changed: bool) -> None:
    """Drops the generated case forms and the hand corrections an edit of the official has made wrong."""
    if name_changed or gender_changed:
        forms.pop("name_parts", None)
    if position_changed or gender_changed:
        forms.pop("position", None)
    for part, changed in (("name", name_changed), ("position", position_changed),
                          ("phrase", name_changed or position_changed)):
        if changed:
            overrides.pop(part, None)  # a correction of the old text is wrong for the new one


def deactivate_official(session: Session, actor: User, official_id: int, active: bool = False) -> Official:
    """Hides an official from the picker (or restores one); releases that name them are untouched."""
    require_role(actor, *EDIT_ROLES)
    official = get_official(session, official_id)
    official.active = active
    official.updated_at = utcnow()
    mark_directory_changed(session)
    audit.append(session, actor, "official_activated" if active else "official_deactivated",
                 detail=f"№{official.id}: {official.given_name} {official.surname}")
    return official


def set_form_override(session: Session, actor: User, official_id: int, case: str, text: str,
                      part: str = "name") -> Official:
    """Stores a hand-corrected case form of the name, the position or the whole phrase; '' removes it."""
    require_role(actor, *EDIT_ROLES)
    check_case(case)
    if part not in OVERRIDE_PARTS:
        raise ValueError(f"unknown form part: {part!r}")
    official = get_official(session, official_id)
    overrides = json_object(official.overrides_json)
    text = clean(text)
    if text:
        overrides.setdefault(part, {})[case] = text
    else:
        overrides.get(part, {}).pop(case, None)
    official.overrides_json = _dump({key: value for key, value in overrides.items() if value})
    official.updated_at = utcnow()
    audit.append(session, actor, "official_form_corrected",
                 detail=f"№{official.id}: {part}/{case} = «{text}»" if text else f"№{official.id}: {part}/{case} —")
    return official


def participant_from_official(official: Official) -> Participant:
    """A snapshot of the official for a release: the case forms as they are now, corrections applied."""
    from desktop.participants import Participant, assemble_forms

    ensure_forms(official)
    forms = json_object(official.forms_json)
    names, positions, phrases = assemble_forms(
        {case: " ".join(p for p in (parts[0], parts[1]) if p) for case, parts in forms.get("name_parts", {}).items()},
        forms.get("position", {}),
        json_object(official.overrides_json),
    )
    return Participant(
        official_id=official.id, given_name=official.given_name, surname=official.surname,
        patronymic=official.patronymic or None, gender=official.gender or None, position=official.position,
        short_position=official.short_position, precedence=official.precedence,
        forms=phrases, name_forms=names, position_forms=positions,
    )


def official_to_json(official: Official) -> dict[str, Any]:
    """The official's fields as plain data, for the CLI and the GUI."""
    return {
        "id": official.id, "surname": official.surname, "given_name": official.given_name,
        "patronymic": official.patronymic, "gender": official.gender, "position": official.position,
        "short_position": official.short_position, "organization": official.organization,
        "precedence": official.precedence, "phone": official.phone, "email": official.email,
        "active": official.active,
    }


def official_overrides(official: Official) -> dict[str, dict[str, str]]:
    """The hand-corrected forms: part → case → text."""
    return {part: dict(value) for part, value in json_object(official.overrides_json).items()}


def directory_words(session: Session) -> set[str]:
    """Every word of every stored case form, corrected form, name and position: for the spelling checker."""
    officials_rows = session.execute(select(
        Official.surname, Official.given_name, Official.patronymic, Official.position,
        Official.short_position, Official.forms_json, Official.overrides_json,
    ))
    groups = session.execute(select(OfficialGroup.text, OfficialGroup.forms_json, OfficialGroup.overrides_json))
    return words_of_rows(officials_rows, groups)


