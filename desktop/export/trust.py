"""The office's trust list: certificates (CA or the department's own) that a verified signature must chain to.

The list lives in the setting `verify.trusted_certificates`, one file a line (PEM, possibly with
several certificates, or DER) or PEM blocks pasted in; `verify --trust CERT` adds more for one run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from desktop.errors import UserError

SETTING = "verify.trusted_certificates"
_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)


def parse_certificates(data: bytes, source: str) -> list[Any]:
    """The certificates in PEM or DER bytes (asn1crypto objects); a file with none is a UserError."""
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    blocks = _PEM_BLOCK.findall(data)
    try:
        if blocks:
            return [asn1_x509.Certificate.load(pem.unarmor(block)[2]) for block in blocks]
        certificate = asn1_x509.Certificate.load(data)
        certificate.native  # noqa: B018 - parses it all now, so that garbage fails here
        return [certificate]
    except Exception as error:  # asn1crypto raises several kinds for bad input
        raise UserError(f"«{source}» не є сертифікатом X.509 у форматі PEM або DER.") from error


def load_certificate_file(path: Path | str) -> list[Any]:
    """The certificates in one file."""
    file = Path(path).expanduser()
    try:
        data = file.read_bytes()
    except OSError as error:
        raise UserError(f"Не вдалося відкрити файл довіреного сертифіката «{file}».") from error
    return parse_certificates(data, file.name)


def from_setting(value: str) -> list[Any]:
    """The certificates a setting value names: file paths one a line, or pasted PEM blocks."""
    encoded = value.encode("utf-8")
    certificates = parse_certificates(encoded, "вставлений сертифікат") if _PEM_BLOCK.search(encoded) else []
    without_pem = _PEM_BLOCK.sub(b"", encoded).decode("utf-8")
    for line in without_pem.splitlines():
        if line.strip():
            certificates.extend(load_certificate_file(line.strip()))
    return certificates


def trust_roots(setting_value: str, extra: Iterable[Path | str] = ()) -> list[Any]:
    """The office's trust list plus the certificates given for this check."""
    roots = from_setting(setting_value)
    for path in extra:
        roots.extend(load_certificate_file(path))
    return roots
