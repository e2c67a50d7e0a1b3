"""Department settings stored in the database, declared once in one registry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop import options
from desktop.accounts import require_role
from desktop.errors import UserError
from desktop.storage import audit
from desktop.storage.models import Setting, User

SELF_APPROVAL_SETTING = options.SELF_APPROVAL_SETTING
OPTIONS = options.OPTIONS
OPTIONS_BY_KEY = options.OPTIONS_BY_KEY
Option = options.Option
_TRUE, _FALSE = options.TRUE, options.FALSE
_option = options.option


def get(session: Session, key: str) -> str:
    """The stored value, or the option's default."""
    option = _option(key)
    row = session.get(Setting, key)
    return row.value if row is not None else option.default


def get_bool(session: Session, key: str) -> bool:
    return get(session, key).strip().lower() in _TRUE


def all_settings(session: Session) -> dict[str, str]:
    """Every option with its current value, in the registry's order."""
    stored = {row.key: row.value for row in session.execute(select(Setting)).scalars()}
    return {option.key: stored.get(option.key, option.default) for option in OPTIONS}


def set_value(session: Session, actor: User, key: str, value: str) -> str:
    """Stores a setting; only an administrator changes settings."""
    require_role(actor, "admin")
    option = _option(key)
    if option.kind == "bool":
        lowered = value.strip().lower()
        if lowered not in _TRUE | _FALSE:
            raise UserError(f"Параметр «{key}» приймає лише true або false.")
        value = "true" if lowered in _TRUE else "false"
    if option.kind == "multiline":
        # On the command line "\n" is the natural way to give several lines.
        value = value.replace("\\n", "\n")
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit.append(session, actor, "setting_changed", detail=f"{key}={value}")
    return value


def signature_lines(session: Session) -> list[str]:
    """The department signature block, one line each."""
    return options.signature_lines(get(session, "department.signature"))
