"""One signature of a PDF checked on its own: pyHanko's validation plus the checks it leaves to us.

pyHanko says whether a signature is intact, cryptographically sound and trusted, what changed
after it (DocMDP, the diff analysis) and whether its time-stamp holds; this module turns that
into one SignatureReport with Ukrainian reasons, adding the checks pyHanko does not make
(the /Contents padding, the certificate copy named by the signed attributes).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from desktop.workflow.transitions import local_date

LEVELS = ("B-B", "B-T", "B-LT")
UNTRUSTED = "підписувач не входить до довірених"
_TRUST_REASONS = {
    "EXPIRED": "строк дії сертифіката підписувача минув",
    "OUT_OF_BOUNDS_NO_POE": "строк дії сертифіката підписувача минув",
    "OUT_OF_BOUNDS_NOT_REVOKED": "строк дії сертифіката підписувача минув",
    "NOT_YET_VALID": "сертифікат підписувача ще не чинний",
    "REVOKED": "сертифікат підписувача відкликано",
    "REVOKED_NO_POE": "сертифікат підписувача відкликано",
    "REVOKED_CA_NO_POE": "сертифікат у ланцюжку підписувача відкликано",
}


@dataclass(frozen=True)
class SignatureReport:
    """What one signature (or document time-stamp) in the file is worth; `problem` says why it fails."""

    kind: str  # "signature" | "timestamp" (a document time-stamp, PAdES B-LTA)
    field_name: str
    signer: str | None
    organisation: str | None
    chain: tuple[str, ...]
    signing_time: datetime | None
    time_source: str  # "tsa" when a sound time-stamp vouches for it, "signer" when only claimed
    timestamp_time: datetime | None
    timestamp_authority: str | None
    intact: bool
    valid: bool
    trusted: bool
    trust_problem: str | None
    certified: bool
    docmdp_ok: bool
    covers_whole_file: bool
    coverage: str
    modification: str | None
    subfilter: str | None
    level: str
    problem: str | None
    # The certificate has expired (or the like) since, but was valid when the TSA stamped the signature,
    # by the revocation data embedded at signing time (PAdES B-LT).
    valid_at_timestamp: bool = False

    @property
    def sound(self) -> bool:
        """Everything but trust holds: intact, sound, nothing forbidden changed after it."""
        return self.problem is None or self.problem == self.trust_problem

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("signing_time", "timestamp_time"):
            data[key] = kyiv_iso(data[key])
        data["sound"] = self.sound
        return data


def kyiv_iso(moment: datetime | None) -> str | None:
    """An ISO time in Kyiv local time with its offset."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return local_date(moment).isoformat(timespec="seconds")


def contents_padding_is_clean(data: bytes, byte_range: list[int]) -> bool:
    """Whether the reserved /Contents holds one DER blob and zero padding (bytes no digest covers)."""
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


def signing_certificate_matches(signature: Any, certificate: Any) -> bool:
    """Whether the certificate copy in the CMS is the one the signed signing-certificate(-v2) names."""
    for attribute in signature.signer_info["signed_attrs"]:
        kind = attribute["type"].native
        if kind == "signing_certificate_v2":
            identifier = attribute["values"][0]["certs"][0]
            algorithm = identifier["hash_algorithm"]["algorithm"].native or "sha256"
            return hashlib.new(algorithm, certificate.dump()).digest() == identifier["cert_hash"].native
        if kind == "signing_certificate":
            identifier = attribute["values"][0]["certs"][0]
            return hashlib.sha1(certificate.dump()).digest() == identifier["cert_hash"].native  # noqa: S324
    return False


def _name(certificate: Any, key: str = "common_name") -> str | None:
    try:
        value = certificate.subject.native.get(key)
    except Exception:  # an odd subject name is no reason to fail the check
        return None
    return str(value) if value else None


def _chain(status: Any) -> tuple[str, ...]:
    path = getattr(status, "validation_path", None)
    if path is None:
        return (_name(status.signing_cert) or status.signing_cert.subject.human_friendly,)
    try:
        certificates = list(path.iter_certs(include_root=True))
    except Exception:  # a trust anchor without a certificate: the leaf is still worth naming
        certificates = [status.signing_cert]
    return tuple(_name(c) or c.subject.human_friendly for c in reversed(certificates))


def _trust_problem(status: Any) -> str | None:
    if status.trusted:
        return None
    indication = getattr(status, "trust_problem_indic", None)
    reason = _TRUST_REASONS.get(getattr(indication, "name", ""))
    if reason is None:
        now = datetime.now(UTC)
        validity = status.signing_cert["tbs_certificate"]["validity"]
        if validity["not_after"].native < now:
            reason = _TRUST_REASONS["EXPIRED"]
        elif validity["not_before"].native > now:
            reason = _TRUST_REASONS["NOT_YET_VALID"]
    return reason or UNTRUSTED


def _has_revocation_data(signature: Any) -> bool:
    try:
        dss = signature.reader.root.get("/DSS")
        dss = dss.get_object() if dss is not None else None
        return dss is not None and bool(len(dss.get("/OCSPs", ())) or len(dss.get("/CRLs", ())))
    except Exception:  # no readable DSS: no long-term data
        return False


_EXPIRY = {"EXPIRED", "OUT_OF_BOUNDS_NO_POE", "OUT_OF_BOUNDS_NOT_REVOKED"}


def _trusted_at_timestamp(signature: Any, roots: list[Any], moment: datetime) -> bool:
    """Whether the signer chains to the roots at the time-stamp's moment, by the file's own revocation data."""
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import ValidationContext

    try:
        dss = DocumentSecurityStore.read_dss(signature.reader)
        context = dss.as_validation_context({
            "trust_roots": roots, "moment": moment, "allow_fetching": False,
            # The revocation data must be there for a certificate that names a responder;
            # fetched at signing, it may be a moment younger than the time-stamp.
            "revocation_mode": "hard-fail", "retroactive_revinfo": True,
        })
        now_context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(signature, context, ts_validation_context=now_context)
    except Exception:  # no DSS, or unreadable revocation data: no long-term proof
        return False
    return bool(status.trusted and status.intact and status.valid)


def _coverage(data: bytes, status: Any, last: bool) -> tuple[bool, str | None]:
    """Whether what was added after this signature is allowed, and a reason when it is not."""
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    level = status.modification_level
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True, None
    if last:
        # Only revocation data and document time-stamps may follow the last signature, as
        # whole revisions: bytes after the signed revision that make none are not allowed.
        if (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and level == ModificationLevel.LTA_UPDATES
            and data.rstrip().endswith(b"%%EOF")
        ):
            return True, None
        return False, "підпис охоплює лише частину файлу: після підписання до нього щось дописано"
    if level is not None and level <= ModificationLevel.FORM_FILLING:
        return True, None
    return False, "після підпису до файлу внесено зміни, що змінюють вміст сторінок"


def _base_checks(data: bytes, signature: Any, status: Any) -> tuple[bool, str | None]:
    byte_range = [int(value) for value in signature.sig_object.get("/ByteRange", [])]
    padding_clean = len(byte_range) == 4 and contents_padding_is_clean(data, byte_range)
    try:
        certificate_ok = signing_certificate_matches(signature, status.signing_cert)
    except Exception:  # a mangled attribute is a changed file
        certificate_ok = False
    intact = bool(status.intact and padding_clean and certificate_ok)
    if not intact:
        return False, "вміст файлу змінено після підписання"
    if not status.valid:
        return True, "криптографічна перевірка підпису не пройшла"
    return True, None


def _failed(signature: Any, kind: str) -> SignatureReport:
    subfilter = str(signature.sig_object.get("/SubFilter", "")).lstrip("/") or None
    return SignatureReport(
        kind, _field_name(signature), None, None, (), None, "signer", None, None, False, False, False, None,
        False, False, False, "unclear", None, subfilter, "B-B", "підпис пошкоджено: його не вдалося прочитати",
    )


def _field_name(signature: Any) -> str:
    try:
        return str(signature.field_name)
    except Exception:  # an unnamed field
        return ""


def check_signature(data: bytes, signature: Any, roots: list[Any], *, last: bool) -> SignatureReport:
    """The report on one embedded signature; `last` is the one that must cover the whole file."""
    from pyhanko_certvalidator import ValidationContext

    kind = "timestamp" if str(signature.sig_object_type) == "/DocTimeStamp" else "signature"
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        if kind == "timestamp":
            from pyhanko.sign.validation import validate_pdf_timestamp

            status: Any = validate_pdf_timestamp(signature, context)
        else:
            from pyhanko.sign.validation import validate_pdf_signature

            status = validate_pdf_signature(signature, context)
    except Exception:  # a broken signature container is an invalid signature, not a crash
        return _failed(signature, kind)
    intact, problem = _base_checks(data, signature, status)
    coverage_ok, coverage_problem = _coverage(data, status, last)
    docmdp_ok = status.docmdp_ok is not False
    trust_problem = _trust_problem(status)
    stamp = getattr(status, "timestamp_validity", None) if kind == "signature" else None
    timestamp_time: datetime | None
    if kind == "timestamp":
        timestamp_time, authority = status.timestamp, _name(status.signing_cert)
    else:
        timestamp_time = stamp.timestamp if stamp is not None else None
        authority = _name(stamp.signing_cert) if stamp is not None else None
    if problem is None and not docmdp_ok:
        problem = "після сертифікації до файлу внесено зміни, яких сертифікат не дозволяє (DocMDP)"
    problem = problem or coverage_problem
    if problem is None and stamp is not None and not (stamp.intact and stamp.valid):
        problem = "позначка часу пошкоджена або не стосується цього підпису"
    if trust_problem is None and stamp is not None and not stamp.trusted:
        trust_problem = "позначку часу поставила служба не з довіреного переліку"
    valid_then = bool(
        trust_problem is not None and stamp is not None and stamp.intact and stamp.valid and stamp.trusted
        and getattr(getattr(status, "trust_problem_indic", None), "name", "") in _EXPIRY
        and _has_revocation_data(signature) and _trusted_at_timestamp(signature, roots, stamp.timestamp)
    )
    if valid_then:
        trust_problem = None
    level = "B-B"
    if timestamp_time is not None:
        level = "B-LT" if _has_revocation_data(signature) else "B-T"
    claimed = timestamp_time if kind == "timestamp" else getattr(status, "signer_reported_dt", None)
    return SignatureReport(
        kind=kind,
        field_name=_field_name(signature),
        signer=_name(status.signing_cert),
        organisation=_name(status.signing_cert, "organization_name"),
        chain=_chain(status),
        signing_time=timestamp_time or claimed,
        time_source="tsa" if timestamp_time is not None and trust_problem is None else "signer",
        timestamp_time=timestamp_time,
        timestamp_authority=authority,
        intact=intact,
        valid=bool(status.valid),
        trusted=trust_problem is None,
        trust_problem=trust_problem,
        certified=bool(getattr(signature, "docmdp_level", None)),
        docmdp_ok=docmdp_ok,
        covers_whole_file=coverage_ok,
        coverage=getattr(status.coverage, "name", "unclear").lower(),
        modification=getattr(status.modification_level, "name", None),
        subfilter=str(signature.sig_object.get("/SubFilter", "")).lstrip("/") or None,
        level=level,
        problem=problem or trust_problem,
        valid_at_timestamp=valid_then,
    )
