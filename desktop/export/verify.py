"""Checks a signed PDF: who signed it, when, whether it is intact and covers the whole file."""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import shutil
import subprocess
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from desktop.export.layout import loosen

TEXT_TIMEOUT_S = 30


@dataclass(frozen=True)
class VerifyResult:
    """The outcome of checking a PDF's signature; `valid` is the bottom line, `message` is for people."""

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

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["signing_time"] = self.signing_time.isoformat() if self.signing_time else None
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
def _quiet_validation_logs():
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


def _page_text(page: str, number: int) -> str:
    lines = page.strip("\n").split("\n")
    if number > 1 and lines and lines[0].strip() == str(number):
        lines = lines[1:]
    return "\n".join(lines)


def squash(text: str) -> str:
    """Whitespace-normalised text, NBSP and line breaks as single spaces."""
    return " ".join(loosen(text).split())


def pages_text(extracted: str) -> str:
    """The extracted text in one line, without the page numbers poppler puts at the top of pages 2+, nor bullets."""
    pages = [page for page in extracted.split("\f") if page.strip()]
    return squash("\n".join(_page_text(page, number) for number, page in enumerate(pages, start=1)).replace("•", " "))


def pages_text_matches(text: str, expected: str) -> bool:
    """Whether pages_text of a PDF is the expected release text, the stamp's own text allowed after it."""
    wanted = squash(expected.replace("•", " "))
    return bool(wanted) and (text == wanted or text.startswith(wanted + " "))


def release_text_matches(extracted: str, expected: str) -> bool:
    """Whether a PDF's extracted text is the expected release text, ignoring layout.

    Page numbers (from page 2) are dropped, bullets ignored, and the stamp's own text
    may follow the release, since poppler extracts the visible stamp too.
    """
    return pages_text_matches(pages_text(extracted), expected)


def _contents_padding_is_clean(data: bytes, byte_range: list[int]) -> bool:
    # The signature's /Contents is reserved with zero padding after the CMS blob; bytes
    # there are covered by no digest, so a change in them is caught here instead.
    try:
        gap = data[byte_range[1]:byte_range[2]].strip().lstrip(b"<").rstrip(b">")
        blob = bytes.fromhex(gap.decode("ascii"))
    except (ValueError, IndexError, UnicodeDecodeError):
        return False
    if len(blob) < 2 or blob[0] != 0x30:
        return False
    length, header = blob[1], 2
    if length & 0x80:
        count = length & 0x7F
        length, header = int.from_bytes(blob[2:2 + count], "big"), 2 + count
    return not any(blob[header + length:])


def _signing_certificate_matches(signature: Any, certificate: Any) -> bool:
    # The certificate copy inside the CMS is covered only through the signed
    # signing-certificate-v2 attribute (PAdES requires it); compare its hash.
    for attribute in signature.signer_info["signed_attrs"]:
        if attribute["type"].native != "signing_certificate_v2":
            continue
        identifier = attribute["values"][0]["certs"][0]
        algorithm = identifier["hash_algorithm"]["algorithm"].native or "sha256"
        digest = hashlib.new(algorithm, certificate.dump()).digest()
        return digest == identifier["cert_hash"].native
    return False


def _refused(message: str, *, signed: bool = False, text: str | None = None) -> VerifyResult:
    return VerifyResult(signed, False, False, False, False, None, None, None, False, text, message)


def verify_pdf_bytes(data: bytes, *, trust_roots: list[Any] | None = None) -> VerifyResult:
    """Checks the last signature of PDF bytes; never raises for a damaged file."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    text = extract_text(data)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:  # any parse failure means the file is damaged, which is the answer
        return _refused("Файл пошкоджено: його не вдалося прочитати як PDF.", text=text)
    if not signatures:
        return _refused("У файлі немає електронного підпису.", text=text)
    signature = signatures[-1]
    try:
        context = ValidationContext(trust_roots=trust_roots or [], allow_fetching=False)
        with _quiet_validation_logs():
            status = validate_pdf_signature(signature, context)
    except Exception:  # a broken signature container is an invalid signature, not a crash
        return _refused("Підпис пошкоджено: файл змінено після підписання.", signed=True, text=text)
    try:
        signer = status.signing_cert.subject.native.get("common_name") or status.signing_cert.subject.human_friendly
    except Exception:  # an odd subject name is no reason to fail the check
        signer = None
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    byte_range = [int(value) for value in signature.sig_object.get("/ByteRange", [])]
    padding_clean = len(byte_range) == 4 and _contents_padding_is_clean(data, byte_range)
    docmdp_ok = status.docmdp_ok is not False
    subfilter = str(signature.sig_object.get("/SubFilter", "")).lstrip("/") or None
    try:
        certificate_ok = _signing_certificate_matches(signature, status.signing_cert)
    except Exception:  # a mangled attribute is a changed file
        certificate_ok = False
    intact = bool(status.intact and padding_clean and certificate_ok)
    valid = bool(intact and status.valid and whole and docmdp_ok)
    if not intact:
        message = "Підпис недійсний: вміст файлу змінено після підписання."
    elif not status.valid:
        message = "Підпис недійсний: криптографічна перевірка не пройшла."
    elif not whole or not docmdp_ok:
        message = "Підпис дійсний лише для частини файлу: після підписання до нього щось додано."
    elif status.trusted:
        message = f"Підпис дійсний. Підписувач: {signer}."
    else:
        message = f"Підпис дійсний, файл не змінено. Підписувач: {signer} (сертифікат не з довіреного переліку)."
    return VerifyResult(
        signed=True,
        valid=valid,
        intact=intact,
        covers_whole_file=whole,
        trusted=bool(status.trusted),
        signer=signer,
        signing_time=status.signer_reported_dt,
        subfilter=subfilter,
        certified=bool(getattr(signature, "docmdp_level", None)),
        text=text,
        message=message,
    )


def verify_pdf(path: Path, *, trust_roots: list[Any] | None = None) -> VerifyResult:
    """Checks a signed PDF file; a missing or unreadable file is reported, not raised."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return _refused(f"Не вдалося відкрити файл «{Path(path).name}».")
    return verify_pdf_bytes(data, trust_roots=trust_roots)
