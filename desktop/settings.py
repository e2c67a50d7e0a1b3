"""Department settings stored in the database, declared once in one registry."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.accounts import require_role
from desktop.errors import UserError
from desktop.storage import audit
from desktop.storage.models import Setting, User


@dataclass(frozen=True)
class Option:
    """One setting: its key, Ukrainian label, kind and default."""

    key: str
    label: str
    kind: str = "text"  # text | multiline | bool | path
    default: str = ""


SELF_APPROVAL_SETTING = "workflow.allow_self_approval"

OPTIONS: tuple[Option, ...] = (
    Option("organisation.name", "Назва органу влади", default=""),
    Option("department.signature", "Підпис відділу (кілька рядків)", "multiline", default=""),
    Option("organisation.logo", "Логотип (файл PNG або JPEG)", "path"),
    Option("organisation.place", "Населений пункт за замовчуванням", default=""),
    Option(
        SELF_APPROVAL_SETTING,
        "Дозволити погоджувати власні тексти (офіс з однієї особи)",
        "bool",
        "false",
    ),
    Option("export.certificate", "Сертифікат підпису PKCS#12 (.p12)", "path"),
    Option("export.folder", "Тека для експорту", "path"),
    Option("export.tsa_url", "Служба позначок часу RFC 3161 (адреса; порожньо — без позначки часу)"),
    Option(
        "verify.trusted_certificates",
        "Довірені сертифікати для перевірки (файли PEM або DER, по одному на рядок)",
        "multiline",
    ),
    Option("export.hashtags", "Хештеги для соцмереж (через пробіл)", default=""),
    Option("export.file_mode", "Права доступу до експортованих файлів (вісімкове число)", default="0644"),
    Option("proofing.security_terms", "Додаткові чутливі слова (через кому)", "multiline"),
)
OPTIONS_BY_KEY = {option.key: option for option in OPTIONS}
_TRUE = {"true", "1", "yes", "так", "on"}
_FALSE = {"false", "0", "no", "ні", "off"}


def _option(key: str) -> Option:
    try:
        return OPTIONS_BY_KEY[key]
    except KeyError:
        known = ", ".join(OPTIONS_BY_KEY)
        raise UserError(f"Невідомий параметр «{key}». Відомі: {known}.") from None


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
    return [line.strip() for line in get(session, "department.signature").splitlines() if line.strip()]
