"""Self-signed PKCS#12 certificates for tests and the demo (never for real signing)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID


def make_test_certificate(
    path: Path,
    password: str,
    *,
    common_name: str = "Тестовий підписувач",
    organisation: str = "Коростенська районна військова адміністрація",
    not_before: datetime | None = None,
    not_after: datetime | None = None,
    digital_signature: bool = True,
    non_repudiation: bool = True,
    key_type: str = "ec",
) -> Path:
    """Writes a self-signed certificate and key as PKCS#12; key_type is "ec", "rsa" or "dsa"."""
    now = datetime.now(UTC)
    key: rsa.RSAPrivateKey | dsa.DSAPrivateKey | ec.EllipticCurvePrivateKey
    if key_type == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    elif key_type == "dsa":
        key = dsa.generate_private_key(key_size=2048)
    else:
        # P-256 keys are generated in microseconds, RSA in tens of milliseconds.
        key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
        x509.NameAttribute(NameOID.COUNTRY_NAME, "UA"),
    ])
    usage = x509.KeyUsage(
        digital_signature=digital_signature,
        content_commitment=non_repudiation,
        key_encipherment=not (digital_signature or non_repudiation),
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=365))
        .add_extension(usage, critical=True)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(password.encode("utf-8"))
        if password
        else serialization.NoEncryption()
    )
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode("utf-8"), key, certificate, None, encryption
    )
    target = Path(path)
    target.write_bytes(data)
    return target
