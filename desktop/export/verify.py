"""Checks a signed PDF: every signature in it, who signed, when (by a time-stamp where there is one),
whether the signer is trusted, whether the file is intact and nothing was changed after certification.

The text check (is this the approved release?) is authenticity.verify_file's, with normalise.py.
"""

from __future__ import annotations

import contextlib
import io
import logging
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.export.layout import loosen
from desktop.export.signatures import LEVELS, SignatureReport, check_signature

TEXT_TIMEOUT_S = 30


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking a PDF's signatures; `valid` is the bottom line bar trust, `message` is for people.

    `valid`: every signature intact and cryptographically sound, nothing changed after the
    certification, the last signature covering the file (bar revocation data added later),
    every time-stamp sound. `trusted`: every signer (and TSA) chains to the trust list.
    """

    signed: bool
    valid: bool
    intact: bool
    covers_whole_file: bool
    trusted: bool
    signer: str | None
    signing_time: datetime | None
    subfilter: str | None
    certified: bool
    text: str | None
    message: str
    signatures: tuple[SignatureReport, ...] = ()
    docmdp_ok: bool = True
    timestamped: bool = False
    level: str | None = None
    problem: str | None = None
    signer_names: tuple[tuple[str, str], ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = self.signing_time.isoformat() if self.signing_time else None
        data["signatures"] = [report.to_json() for report in self.signatures]
        data.pop("signer_names")
        return data


def extract_text(data: bytes) -> str | None:
    """The PDF's text by poppler's pdftotext, NBSP as spaces (None when pdftotext is missing or fails)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    try:
        done = subprocess.run(
            [tool, "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, timeout=TEXT_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return loosen(done.stdout.decode("utf-8", errors="replace"))


@contextlib.contextmanager
def _quiet_validation_logs() -> Iterator[None]:
    # pyHanko logs a traceback for every untrusted certificate; the result already says it.
    loggers = [logging.getLogger(name) for name in ("pyhanko", "pyhanko_certvalidator")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def squash(text: str) -> str:
    """Whitespace-normalised text, NBSP and line breaks as single spaces."""
    return " ".join(loosen(text).split())


def _refused(message: str, *, signed: bool = False, text: str | None = None) -> VerifyResult:
    return VerifyResult(signed, False, False, False, False, None, None, None, False, text, message,
                        problem=message)


def _message(reports: list[SignatureReport], last: SignatureReport) -> tuple[str, str | None]:
    """The one line for people, and the first problem (None when every signature is sound and trusted)."""
    for report in reports:
        if report.problem and not report.intact:
            return f"Підпис недійсний: {report.problem}", report.problem
    for report in reports:
        if report.problem and report.problem != report.trust_problem:
            return f"Підпис недійсний: {report.problem}", report.problem
    for report in reports:
        if report.trust_problem:
            return f"Підпис цілий, але {report.trust_problem}. Підписувач: {report.signer}.", report.trust_problem
    return f"Підпис дійсний, файл не змінено. Підписувач: {last.signer}.", None


def verify_pdf_bytes(data: bytes, *, trust_roots: list[Any] | None = None) -> VerifyResult:
    """Checks every signature in PDF bytes against the trust roots; never raises for a damaged file."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    text = extract_text(data)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # any parse failure means the file is damaged, which is the answer
        return _refused("Файл пошкоджено: його не вдалося прочитати як PDF.", text=text)
    if not signatures:
        return _refused("У файлі немає електронного підпису.", text=text)
    roots = list(trust_roots or [])
    reports: list[SignatureReport] = []
    with _quiet_validation_logs():
        for index, signature in enumerate(signatures):
            reports.append(check_signature(data, signature, roots, last=index == len(signatures) - 1))
    last = reports[-1]
    message, problem = _message(reports, last)
    timestamped = all(report.timestamp_time is not None for report in reports if report.kind == "signature")
    return VerifyResult(
        signed=True,
        valid=all(report.sound for report in reports),
        intact=all(report.intact for report in reports),
        covers_whole_file=last.covers_whole_file,
        trusted=all(report.trusted for report in reports),
        signer=last.signer,
        signing_time=last.signing_time,
        subfilter=last.subfilter,
        certified=any(report.certified for report in reports),
        text=text,
        message=message,
        signatures=tuple(reports),
        docmdp_ok=all(report.docmdp_ok for report in reports),
        timestamped=timestamped,
        level=min((report.level for report in reports), key=LEVELS.index),
        problem=problem,
        signer_names=tuple((report.signer or "", report.organisation or "") for report in reports),
    )


def verify_pdf(path: Path, *, trust_roots: list[Any] | None = None) -> VerifyResult:
    """Checks a signed PDF file; a missing or unreadable file is reported, not raised."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return _refused(f"Не вдалося відкрити файл «{Path(path).name}».")
    return verify_pdf_bytes(data, trust_roots=trust_roots)
