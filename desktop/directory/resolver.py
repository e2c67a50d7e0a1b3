"""A participant named in a template's fields: an official's id, a name as written, or a group."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from desktop.directory.groups import find_group, participant_from_group
from desktop.directory.officials import clean, directory_index, get_official, participant_from_official
from desktop.directory.search import fold
from desktop.errors import UserError
from desktop.participants import Participant, make_group
from desktop.storage.models import Official


def _name_tokens(official_name: str) -> list[str]:
    return sorted(fold(official_name).split())


def resolve_participant(session: Session, ref: Any) -> Participant:
    """A participant for a template: an official's id, a name as written, or a group {"text", "plural"}."""
    if isinstance(ref, Mapping):
        if ref.get("official_id") is not None or ref.get("id") is not None:
            return resolve_participant(session, int(ref.get("official_id") or ref["id"]))
        text = clean(ref.get("text"))
        if not text:
            raise UserError("Учасника не вказано: потрібен номер посадовця, ім'я або текст групи.")
        group = find_group(session, text)
        if group is not None:
            return participant_from_group(group)
        return make_group(text, plural=bool(ref.get("plural", True)))
    if isinstance(ref, int) and not isinstance(ref, bool):
        return participant_from_official(get_official(session, ref))
    text = clean(ref)
    if not text:
        raise UserError("Учасника не вказано: потрібен номер посадовця, ім'я або текст групи.")
    wanted = _name_tokens(text)
    index = directory_index(session)
    ids = [entry.official_id for entry in index.entries if _names_match(wanted, entry.name)]
    officials = [session.get(Official, i) for i in ids]
    found = [o for o in officials if o is not None]
    active = [o for o in found if o.active]
    if len(active) == 1 or (not active and len(found) == 1):
        return participant_from_official((active or found)[0])
    if len(active) > 1:
        choices = "; ".join(f"№{o.id} {o.given_name} {o.patronymic} {o.surname}, {o.position}".replace("  ", " ")
                            for o in active[:5])
        raise UserError(f"Учасник «{text}» неоднозначний — у довіднику кілька таких: {choices}. "
                        "Уточніть по батькові або вкажіть номер.")
    group = find_group(session, text)
    if group is not None:
        return participant_from_group(group)
    raise UserError(f"Учасника «{text}» немає в довіднику посадовців.")


def _names_match(wanted: list[str], name: str) -> bool:
    # «Олена Харченко», «Харченко Олена», with or without the patronymic, in any order
    surname, given, *rest = name.split(" ") + [""]
    patronymic = rest[0] if rest else ""
    return wanted in (sorted((surname, given)), sorted(p for p in (surname, given, patronymic) if p))
