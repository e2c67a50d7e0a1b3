"""The department's settings as one declared registry: keys, labels, kinds and defaults, without the database.

desktop.settings stores and reads them through the ORM; an export that reads the settings table with
sqlite3 (desktop.export.light) takes the same defaults from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from desktop.errors import UserError


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
TRUE = {"true", "1", "yes", "так", "on"}
FALSE = {"false", "0", "no", "ні", "off"}


def option(key: str) -> Option:
    """The declared option, or a Ukrainian refusal naming the known keys."""
    try:
        return OPTIONS_BY_KEY[key]
    except KeyError:
        known = ", ".join(OPTIONS_BY_KEY)
        raise UserError(f"Невідомий параметр «{key}». Відомі: {known}.") from None


def value(stored: Mapping[str, str], key: str) -> str:
    """The stored value of a setting, or its default when none is stored."""
    declared = option(key)
    return stored.get(key, declared.default)


def signature_lines(signature: str) -> list[str]:
    """The department signature block (the setting's text), one line each."""
    return [line.strip() for line in signature.splitlines() if line.strip()]
