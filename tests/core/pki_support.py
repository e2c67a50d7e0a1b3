"""A test PKI with its own RFC 3161 time-stamp authority and OCSP responder on 127.0.0.1.

A root CA issues the department's signing certificate, a TSA certificate and others on request;
every certificate it issues names the local OCSP responder in its AIA, which answers «good»
(or «revoked» for serials the test revokes). `/tsa` time-stamps with the TSA certificate (pyHanko's
own DummyTimeStamper does the RFC 3161 work); `/tsa-rogue` does the same with a self-signed TSA
certificate that no trust list holds. No outside network is touched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from asn1crypto import keys as asn1_keys
from asn1crypto import tsp
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509 import ocsp
from cryptography.x509.oid import AuthorityInformationAccessOID, ExtendedKeyUsageOID, NameOID

DEPARTMENT = "Відділ комунікацій РВА"
ORGANISATION = "Коростенська районна військова адміністрація"
P12_PASSWORD = "тестовий-пароль"


def _name(common_name: str, organisation: str = ORGANISATION) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "UA"),
    ])


def _asn1(certificate: x509.Certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def _asn1_key(key: Any) -> asn1_keys.PrivateKeyInfo:
    return asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ))


@dataclass
class TestPki:
    """The root, what it issued, and the local service addresses."""

    folder: Path
    base_url: str
    root: x509.Certificate
    root_key: Any
    issued: dict[int, x509.Certificate] = field(default_factory=dict)
    revoked: set[int] = field(default_factory=set)
    stampers: dict[str, Any] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/tsa"

    @property
    def rogue_tsa_url(self) -> str:
        return f"{self.base_url}/tsa-rogue"

    @property
    def root_pem(self) -> Path:
        path = self.folder / "root-ca.pem"
        if not path.exists():
            path.write_bytes(self.root.public_bytes(serialization.Encoding.PEM))
        return path

    def issue(
        self, common_name: str, *, key: Any = None, organisation: str = ORGANISATION,
        not_before: datetime | None = None, not_after: datetime | None = None, time_stamping: bool = False,
    ) -> tuple[x509.Certificate, Any]:
        now = datetime.now(UTC)
        key = key or ec.generate_private_key(ec.SECP256R1())
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organisation))
            .issuer_name(self.root.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(not_before or now - timedelta(days=1))
            .not_valid_after(not_after or now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityInformationAccess([x509.AccessDescription(
                AuthorityInformationAccessOID.OCSP, x509.UniformResourceIdentifier(f"{self.base_url}/ocsp")
            )]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.root_key.public_key()),
                           critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        )
        if time_stamping:
            builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]),
                                            critical=True)
        else:
            builder = builder.add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=True, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                encipher_only=False, decipher_only=False,
            ), critical=True)
        certificate = builder.sign(self.root_key, hashes.SHA256())
        self.issued[certificate.serial_number] = certificate
        return certificate, key

    def p12(self, common_name: str = DEPARTMENT, file_name: str | None = None, **options: Any) -> Path:
        """A PKCS#12 file (password P12_PASSWORD) holding a key and its certificate issued by the root."""
        certificate, key = self.issue(common_name, **options)
        path = self.folder / (file_name or f"{certificate.serial_number}.p12")
        path.write_bytes(pkcs12.serialize_key_and_certificates(
            b"signer", key, certificate, [self.root],
            serialization.BestAvailableEncryption(P12_PASSWORD.encode("utf-8")),
        ))
        return path

    def ocsp_answer(self, body: bytes) -> bytes:
        request = ocsp.load_der_ocsp_request(body)
        certificate = self.issued.get(request.serial_number)
        if certificate is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(ocsp.OCSPResponseStatus.UNAUTHORIZED).public_bytes(
                serialization.Encoding.DER)
        now = datetime.now(UTC)
        revoked = request.serial_number in self.revoked
        builder = ocsp.OCSPResponseBuilder().add_response(
            cert=certificate, issuer=self.root, algorithm=request.hash_algorithm,
            cert_status=ocsp.OCSPCertStatus.REVOKED if revoked else ocsp.OCSPCertStatus.GOOD,
            this_update=now - timedelta(minutes=1), next_update=now + timedelta(days=1),
            revocation_time=now - timedelta(hours=1) if revoked else None, revocation_reason=None,
        ).responder_id(ocsp.OCSPResponderEncoding.HASH, self.root)
        for extension in request.extensions:
            if isinstance(extension.value, x509.OCSPNonce):
                builder = builder.add_extension(extension.value, critical=False)
        return builder.sign(self.root_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)


def _handler(pki: TestPki) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            pki.requests.append(self.path)
            if self.path in pki.stampers:
                answer = pki.stampers[self.path].request_tsa_response(tsp.TimeStampReq.load(body)).dump()
                kind = "application/timestamp-reply"
            elif self.path == "/ocsp":
                answer, kind = pki.ocsp_answer(body), "application/ocsp-response"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: Any) -> None:
            return

    return Handler


def _self_signed_tsa() -> tuple[x509.Certificate, Any]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name("Невідома служба часу", "Ніхто")
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
        .sign(key, hashes.SHA256())
    )
    return certificate, key


@pytest.fixture(scope="session")
def test_pki(tmp_path_factory: pytest.TempPathFactory):
    """The PKI with its TSA and OCSP responder listening on 127.0.0.1 for the whole test session."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    root_key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(UTC)
    root_name = _name("Тестовий кореневий ЦСК", "Тестовий ЦСК")
    root = (
        x509.CertificateBuilder().subject_name(root_name).issuer_name(root_name)
        .public_key(root_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=30)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False, data_encipherment=False,
            key_agreement=False, key_cert_sign=True, crl_sign=True, encipher_only=False, decipher_only=False,
        ), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    pki = TestPki(tmp_path_factory.mktemp("pki"), f"http://127.0.0.1:{server.server_port}", root, root_key)
    tsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa, _ = pki.issue("Тестова служба позначок часу", key=tsa_key, time_stamping=True)
    pki.stampers["/tsa"] = DummyTimeStamper(_asn1(tsa), _asn1_key(tsa_key), certs_to_embed=[_asn1(root)])
    rogue, rogue_key = _self_signed_tsa()
    pki.stampers["/tsa-rogue"] = DummyTimeStamper(_asn1(rogue), _asn1_key(rogue_key))
    server.RequestHandlerClass = _handler(pki)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pki
    finally:
        server.shutdown()
        server.server_close()
