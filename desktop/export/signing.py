"""PAdES signing of exported PDFs with the department's PKCS#12 certificate, and its password."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils import content
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
from pyhanko.stamp.static import StaticStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore
from reportlab.pdfgen.canvas import Canvas

from desktop.document import Document
from desktop.errors import UserError
from desktop.export import layout
from desktop.export.files import atomic_write
from desktop.export.layout import ReleaseMeta
from desktop.export.pdf import PdfResult, SignatureBox, render_pdf
from desktop.export.pdf_fonts import FONT_NAMES, register_fonts
from desktop.workflow.approval import local_date

PASSWORD_ENV = "VISNYK_CERT_PASSWORD"
KEYRING_SERVICE = "visnyk"
SIGNATURE_FIELD = "VisnykSignature"


TSA_TIMEOUT_S = 10
# Room in /Contents for a time-stamp token: its CMS with the TSA's certificates.
TIMESTAMP_RESERVE = 12 * 1024


@dataclass(frozen=True)
class Signer:
    """A loaded certificate and key, ready to sign; `name` is the holder's common name.

    With `tsa_url` the signature gets an RFC 3161 time-stamp (PAdES B-T), and with it the
    certificates' revocation data when it can be fetched (B-LT); `trust_roots` (asn1crypto
    certificates) are what the chain is built to for that.
    """

    pyhanko_signer: signers.SimpleSigner
    name: str
    organisation: str
    not_after: datetime
    tsa_url: str = ""
    trust_roots: tuple = ()

    def with_timestamps(self, tsa_url: str, trust_roots: tuple | list = ()) -> Signer:
        """The same signer, time-stamping at `tsa_url` (an empty URL: PAdES B-B, no time-stamp)."""
        return replace(self, tsa_url=tsa_url.strip(), trust_roots=tuple(trust_roots))


def _common_name(certificate: x509.Certificate, oid: x509.ObjectIdentifier = NameOID.COMMON_NAME) -> str:
    values = certificate.subject.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


def _check_can_sign(certificate: x509.Certificate, key: object, now: datetime) -> None:
    if certificate.not_valid_before_utc > now:
        since = certificate.not_valid_before_utc.strftime("%d.%m.%Y")
        raise UserError(f"Сертифікат ще не чинний: він діє лише з {since}.")
    if certificate.not_valid_after_utc < now:
        until = certificate.not_valid_after_utc.strftime("%d.%m.%Y")
        raise UserError(f"Строк дії сертифіката минув {until}. Потрібен чинний сертифікат.")
    if not isinstance(key, (rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey)):
        raise UserError("Ключ сертифіката не придатний для підпису PDF: потрібен ключ RSA або ECDSA.")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise UserError("Сертифікат не дозволяє підписувати документи (немає призначення «цифровий підпис»).")


def load_signer(p12_path: Path, password: str | bytes | None, *, now: datetime | None = None) -> Signer:
    """Opens a PKCS#12 file and checks that its certificate may sign now; refusals are UserError."""
    path = Path(p12_path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UserError(f"Не вдалося відкрити файл сертифіката «{path.name}».") from error
    secret = password.encode("utf-8") if isinstance(password, str) else password
    try:
        key, certificate, extra = pkcs12.load_key_and_certificates(data, secret or None)
    except ValueError as error:
        raise UserError("Неправильний пароль до сертифіката або пошкоджений файл PKCS#12.") from error
    except TypeError as error:  # a password given for a file without one, or the reverse
        raise UserError("Неправильний пароль до сертифіката.") from error
    if key is None or certificate is None:
        raise UserError("У файлі PKCS#12 немає ключа або сертифіката для підпису.")
    _check_can_sign(certificate, key, now or datetime.now(UTC))
    key_der = key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    chain = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in extra]
    signing_cert = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    simple = signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key_der),
        # The signing certificate is embedded by pyHanko itself; listing it here would embed
        # a second, unused copy that no digest covers.
        cert_registry=SimpleCertificateStore.from_certs(chain),
    )
    return Signer(
        simple,
        _common_name(certificate) or "—",
        _common_name(certificate, NameOID.ORGANIZATION_NAME),
        certificate.not_valid_after_utc,
    )


def stamp_time(when: datetime) -> str:
    """«02.12.2026 10:15 (Київ, UTC+02:00)»: Kyiv local time with its offset (UTC without time-zone data)."""
    local = local_date(when)
    offset = local.utcoffset()
    if local.tzinfo is UTC or offset is None:
        return f"{local.strftime('%d.%m.%Y %H:%M')} UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{local.strftime('%d.%m.%Y %H:%M')} (Київ, UTC{sign}{minutes // 60:02d}:{minutes % 60:02d})"


def stamp_lines(signer: Signer, when: datetime) -> list[str]:
    """What the visible stamp says."""
    lines = ["Підписано електронним підписом", f"Підписувач: {signer.name}"]
    if signer.organisation:
        lines.append(signer.organisation)
    lines.append(f"Дата: {stamp_time(when)}")
    return lines


def _stamp_pdf(width: float, height: float, lines: list[str]) -> bytes:
    # pyHanko's own text stamp needs fontTools and HarfBuzz for a TrueType font;
    # drawing the stamp with reportlab reuses the shipped Liberation Serif instead.
    register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=FONT_NAMES["regular"])
    canvas.setStrokeColorRGB(0.1, 0.25, 0.55)
    canvas.setFillColorRGB(0.1, 0.25, 0.55)
    canvas.setLineWidth(1.2)
    canvas.roundRect(1, 1, width - 2, height - 2, 4)
    size = min(10.0, (height - 8) / (len(lines) * 1.25))
    y = height - 5 - size
    for index, line in enumerate(lines):
        canvas.setFont(FONT_NAMES["bold" if index == 0 else "regular"], size)
        canvas.drawString(6, y, layout.clean_text(line))
        y -= size * 1.25
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _PageFromBytes(content.ImportedPdfPage):
    """ImportedPdfPage that reads from memory rather than from a named file."""

    def __init__(self, data: bytes) -> None:
        super().__init__(file_name="", page_ix=0)
        self.data = data

    def render(self) -> bytes:
        import binascii
        import uuid

        from pyhanko.pdf_utils.layout import BoxConstraints

        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


def _reserved_bytes(signer: Signer) -> int:
    # pyHanko counts hex digits: twice the CMS size. The CMS holds the certificates plus
    # attributes and the signature value, which 4 KiB covers with room to spare.
    simple = signer.pyhanko_signer
    certificates = [simple.signing_cert, *simple.cert_registry]
    extra = TIMESTAMP_RESERVE if signer.tsa_url else 0
    return 2 * (4096 + extra + sum(len(certificate.dump()) for certificate in certificates))


def _timestamper(signer: Signer) -> Any:  # pyHanko's HTTPTimeStamper, or None for B-B
    if not signer.tsa_url:
        return None
    from pyhanko.sign.timestamps import HTTPTimeStamper

    return HTTPTimeStamper(signer.tsa_url, timeout=TSA_TIMEOUT_S)


def _validation_context(signer: Signer) -> Any:  # a fetching ValidationContext for B-LT
    from pyhanko_certvalidator import ValidationContext

    simple = signer.pyhanko_signer
    roots = list(signer.trust_roots) or [simple.signing_cert]
    return ValidationContext(
        trust_roots=roots, other_certs=list(simple.cert_registry), allow_fetching=True,
        revocation_mode="soft-fail",
    )


def _default_box(writer: IncrementalPdfFileWriter) -> SignatureBox:
    # No known signature block: the bottom of the last page, inside the margins.
    pages = int(writer.root["/Pages"]["/Count"])
    left = layout.MARGIN_LEFT_MM * 72 / 25.4
    bottom = layout.MARGIN_BOTTOM_MM * 72 / 25.4
    return SignatureBox(pages - 1, left, bottom, left + layout.STAMP_WIDTH_MM * 72 / 25.4,
                        bottom + layout.STAMP_HEIGHT_MM * 72 / 25.4)


def _sign_once(
    pdf: bytes, signer: Signer, box: SignatureBox | None, reason: str, location: str, long_term: bool
) -> bytes:
    when = datetime.now(UTC)
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    box = box or _default_box(writer)
    x1, y1, x2, y2 = box.box
    style = StaticStampStyle(
        background=_PageFromBytes(_stamp_pdf(x2 - x1, y2 - y1, stamp_lines(signer, when))),
        border_width=0,
        background_opacity=1.0,
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=SIGNATURE_FIELD,
        subfilter=SigSeedSubFilter.PADES,
        certify=True,
        docmdp_permissions=MDPPerm.NO_CHANGES,
        reason=layout.clean_text(reason) or None,
        location=layout.clean_text(location) or None,
        name=signer.name,
        # B-LT: the certificates' OCSP answers or CRLs go into the file's DSS, in an
        # update after the signature that DocMDP allows (pyHanko's LTA_UPDATES).
        embed_validation_info=long_term,
        validation_context=_validation_context(signer) if long_term else None,
    )
    pdf_signer = signers.PdfSigner(
        metadata,
        signer=signer.pyhanko_signer,
        timestamper=_timestamper(signer),
        stamp_style=style,
        new_field_spec=fields.SigFieldSpec(SIGNATURE_FIELD, on_page=box.page_index, box=(x1, y1, x2, y2)),
    )
    output = io.BytesIO()
    # Reserving room ourselves spares pyHanko a dry-run signature just to measure it.
    pdf_signer.sign_pdf(writer, output=output, bytes_reserved=_reserved_bytes(signer))
    return output.getvalue()


def sign_pdf_bytes(
    pdf: bytes, signer: Signer, box: SignatureBox | None, *, reason: str = "", location: str = ""
) -> bytes:
    """Signs PDF bytes: PAdES (ETSI.CAdES.detached), certified with no changes allowed, visible stamp.

    With a TSA the signature is time-stamped (B-T) and, where the chain's revocation data can
    be fetched, that data is embedded too (B-LT); when it cannot, the file is B-T.
    """
    if not signer.tsa_url:
        return _sign_once(pdf, signer, box, reason, location, long_term=False)
    try:
        return _sign_once(pdf, signer, box, reason, location, long_term=True)
    except Exception:  # no path to a trusted root, or no revocation data: a B-T signature then
        pass
    try:
        return _sign_once(pdf, signer, box, reason, location, long_term=False)
    except Exception as error:  # the TSA unreachable or refusing: nothing is written, the user is told
        raise UserError(
            f"Не вдалося отримати позначку часу від сервера «{signer.tsa_url}». "
            "Перевірте адресу в налаштуваннях (export.tsa_url) або зв’язок."
        ) from error


def sign_pdf(
    pdf_in: Path | bytes, pdf_out: Path, signer: Signer, box: SignatureBox | None = None, *,
    reason: str = "", location: str = "", overwrite: bool = False,
) -> Path:
    """Signs a PDF file (or bytes) into `pdf_out`, atomically."""
    data = pdf_in if isinstance(pdf_in, bytes) else Path(pdf_in).read_bytes()
    signed = sign_pdf_bytes(data, signer, box, reason=reason, location=location)
    return atomic_write(Path(pdf_out), signed, overwrite=overwrite)


def render_signed_pdf(document: Document, meta: ReleaseMeta, signer: Signer) -> tuple[bytes, PdfResult]:
    """The signed PDF as bytes: the layout leaves room for the stamp under the signature block."""
    data, result = render_pdf(document, meta, stamp_space=True)
    signed = sign_pdf_bytes(data, signer, result.signature_box, reason="Оприлюднення прес-релізу",
                            location=meta.organisation)
    return signed, result


def export_signed_pdf(
    document: Document, meta: ReleaseMeta, path: Path, signer: Signer, *, overwrite: bool = False
) -> PdfResult:
    """Writes a signed PDF of the release, atomically."""
    signed, result = render_signed_pdf(document, meta, signer)
    atomic_write(Path(path), signed, overwrite=overwrite)
    return PdfResult(Path(path), result.pages, result.signature_box)


def _keyring() -> Any:  # the keyring module, imported late: it probes backends on import
    import keyring

    return keyring


def stored_password(cert_path: Path) -> str | None:
    """The password remembered in the OS keyring for this certificate, if any."""
    try:
        return _keyring().get_password(KEYRING_SERVICE, str(Path(cert_path).resolve()))
    except Exception:  # no usable keyring backend is not an error: the user is asked instead
        return None


def remember_password(cert_path: Path, password: str) -> None:
    """Keeps the password in the OS keyring (never in a file of ours)."""
    try:
        _keyring().set_password(KEYRING_SERVICE, str(Path(cert_path).resolve()), password)
    except Exception as error:
        raise UserError("Не вдалося зберегти пароль у системному сховищі паролів.") from error


def forget_password(cert_path: Path) -> None:
    """Removes a remembered password, if there is one."""
    try:
        _keyring().delete_password(KEYRING_SERVICE, str(Path(cert_path).resolve()))
    except Exception:  # nothing remembered, or no keyring: nothing to forget
        return


def cert_password(
    cert_path: Path,
    *,
    env: Mapping[str, str] | None = None,
    ask: Callable[[str], str | None] | None = None,
    use_keyring: bool = True,
) -> str:
    """The certificate's password: VISNYK_CERT_PASSWORD, else the keyring, else asked."""
    environment = os.environ if env is None else env
    if environment.get(PASSWORD_ENV):
        return environment[PASSWORD_ENV]
    if use_keyring:
        remembered = stored_password(cert_path)
        if remembered:
            return remembered
    if ask is not None:
        answer = ask(f"Пароль до сертифіката «{Path(cert_path).name}»: ")
        if answer:
            return answer
    raise UserError(f"Потрібен пароль до сертифіката: задайте {PASSWORD_ENV} або введіть його.")
