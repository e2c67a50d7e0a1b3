"""Groups in the officials directory: collective participants that agree in the plural."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.accounts import require_role
from desktop.directory.officials import (
    ADD_ROLES,
    DEFAULT_PRECEDENCE,
    EDIT_ROLES,
    _dump,
    clean,
    parse_precedence,
)
from desktop.directory.search import fold
from desktop.errors import NotFound, UserError
from desktop.language.inflection import CASES, check_case, position_forms
from desktop.storage import audit
from desktop.storage.light import json_object
from desktop.storage.models import OfficialGroup, User

if TYPE_CHECKING:
    from desktop.participants import Participant

GROUP_TEXT_LIMIT = 500


def _checked_text(text: str) -> str:
    text = clean(text)
    if not text:
        raise UserError("Вкажіть текст групи, наприклад «голови територіальних громад району».")
    if len(text) > GROUP_TEXT_LIMIT:
        raise UserError(f"Текст групи довший за {GROUP_TEXT_LIMIT} символів.")
    return text


def find_group(session: Session, text: str) -> OfficialGroup | None:
    """The group whose text is this one, ignoring case, spacing and the apostrophe sign."""
    wanted = fold(text)
    for group in session.execute(select(OfficialGroup)).scalars():
        if fold(group.text) == wanted:
            return group
    return None


def get_group(session: Session, group_id: int) -> OfficialGroup:
    """The group with this id, or NotFound."""
    group = session.get(OfficialGroup, group_id)
    if group is None:
        raise NotFound(f"Групи №{group_id} немає в довіднику.")
    return group


def list_groups(session: Session, include_inactive: bool = False) -> list[OfficialGroup]:
    """Groups in precedence order."""
    query = select(OfficialGroup).order_by(OfficialGroup.precedence, OfficialGroup.text)
    if not include_inactive:
        query = query.where(OfficialGroup.active.is_(True))
    return list(session.execute(query).scalars())


def _generate(group: OfficialGroup) -> None:
    group.forms_json = _dump(position_forms(group.text, plural=True))


def add_group(session: Session, actor: User, text: str, precedence: int | str | None = None) -> OfficialGroup:
    """A new group; its plural case forms are generated."""
    require_role(actor, *ADD_ROLES)
    text = _checked_text(text)
    existing = find_group(session, text)
    if existing is not None:
        raise UserError(f"Група «{existing.text}» уже є в довіднику: №{existing.id}.")
    rank = parse_precedence(precedence)
    group = OfficialGroup(text=text, precedence=DEFAULT_PRECEDENCE if rank is None else rank, active=True,
                          forms_json="{}", overrides_json="{}")
    _generate(group)
    session.add(group)
    session.flush()
    audit.append(session, actor, "group_added", detail=f"№{group.id}: {text}")
    return group


def update_group(session: Session, actor: User, group_id: int, *, text: str | None = None,
                 precedence: int | str | None = None, active: bool | None = None) -> OfficialGroup:
    """Changes a group; a new text regenerates its forms and drops corrections of the old text."""
    require_role(actor, *EDIT_ROLES)
    group = get_group(session, group_id)
    if text is not None and clean(text) != group.text:
        text = _checked_text(text)
        other = find_group(session, text)
        if other is not None and other.id != group.id:
            raise UserError(f"Група «{other.text}» уже є в довіднику: №{other.id}.")
        group.text = text
        group.overrides_json = "{}"
        _generate(group)
    if precedence is not None:
        rank = parse_precedence(precedence)
        group.precedence = DEFAULT_PRECEDENCE if rank is None else rank
    if active is not None:
        group.active = active
    audit.append(session, actor, "group_updated", detail=f"№{group.id}: {group.text}")
    return group


def set_group_form_override(session: Session, actor: User, group_id: int, case: str, text: str) -> OfficialGroup:
    """Stores a hand-corrected case form of a group; '' removes it."""
    require_role(actor, *EDIT_ROLES)
    check_case(case)
    group = get_group(session, group_id)
    overrides = json_object(group.overrides_json)
    text = clean(text)
    if text:
        overrides[case] = text
    else:
        overrides.pop(case, None)
    group.overrides_json = _dump(overrides)
    audit.append(session, actor, "group_form_corrected", detail=f"№{group.id}: {case} = «{text}»")
    return group


def participant_from_group(group: OfficialGroup) -> Participant:
    """A snapshot of the group for a release (plural), corrections applied."""
    from desktop.participants import Participant

    forms = json_object(group.forms_json)
    if set(CASES) - forms.keys():
        _generate(group)
        forms = json_object(group.forms_json)
    forms.update(json_object(group.overrides_json))
    return Participant(precedence=group.precedence, plural=True, text=group.text, forms=forms,
                       position_forms=dict(forms))
