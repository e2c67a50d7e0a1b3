"""Signed PDFs: PAdES that poppler accepts, verification that catches changes, certificate refusals."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.export import normalise, signing
from desktop.export.layout import reading_text
from desktop.export.signing import cert_password, export_signed_pdf, load_signer
from desktop.export.testcert import make_test_certificate
from desktop.export.verify import verify_pdf, verify_pdf_bytes
from tests.conftest import MemoryKeyring
from tests.core.export_support import department_meta, needs_poppler, reference_release, squash

PASSWORD = "пароль-до-ключа"


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("signed")
    certificate = make_test_certificate(folder / "department.p12", PASSWORD, common_name="Олена Харченко")
    document, signature = reference_release()
    path = folder / "release.pdf"
    export_signed_pdf(document, department_meta(signature), path, load_signer(certificate, PASSWORD))
    return path


@needs_poppler
@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_calls_the_signature_valid_pades(signed_pdf: Path) -> None:
    report = subprocess.run(["pdfsig", str(signed_pdf)], capture_output=True, text=True).stdout
    assert "Signature Type: ETSI.CAdES.detached" in report
    assert "Signature Validation: Signature is Valid." in report
    assert "Total document signed" in report
    assert "Олена Харченко" in report


def test_verify_reports_signer_time_and_integrity(signed_pdf: Path) -> None:
    result = verify_pdf(signed_pdf)
    assert result.valid and result.intact and result.covers_whole_file and result.certified
    assert result.signer == "Олена Харченко"
    assert result.subfilter == "ETSI.CAdES.detached"
    assert abs(result.signing_time - datetime.now(UTC)) < timedelta(minutes=10)
    assert not result.trusted  # self-signed: intact, but from no trusted list
    assert "підписувач не входить до довірених" in result.message


def test_the_certificate_itself_in_the_trust_list_makes_it_trusted(signed_pdf: Path) -> None:
    from desktop.export.trust import parse_certificates

    report = verify_pdf(signed_pdf).signatures[0]
    certificate = signing.load_signer(signed_pdf.parent / "department.p12", PASSWORD).pyhanko_signer.signing_cert
    trusted = verify_pdf(signed_pdf, trust_roots=parse_certificates(certificate.dump(), "der"))
    assert not report.trusted and trusted.trusted and trusted.message.startswith("Підпис дійсний")
    assert trusted.signatures[0].chain == ("Олена Харченко",)


@needs_poppler
def test_signed_text_equals_the_release_once_the_stamp_is_taken_away(signed_pdf: Path) -> None:
    document, signature = reference_release()
    result = verify_pdf(signed_pdf)
    expected = reading_text(document, department_meta(signature))
    text = normalise.without_stamps(normalise.without_page_numbers(result.text), result.signer_names)
    assert normalise.equal(expected, text)
    assert not normalise.equal(expected.replace("Саміт", "Самміт"), text)
    # poppler extracts the visible stamp's text after the release's own, in Kyiv time with its offset.
    assert "Підписувач: Олена Харченко" in squash(result.text)
    assert re.search(r"\(Київ, UTC\+0[23]:00\)$", squash(result.text))
    # Another signer's name in the stamp is not taken away: it stays as text that differs.
    assert not normalise.equal(expected, normalise.without_stamps(result.text, [("Інша особа", "")]))


def test_the_stamp_shows_kyiv_time_with_its_offset() -> None:
    assert signing.stamp_time(datetime(2026, 7, 1, 9, 5, tzinfo=UTC)) == "01.07.2026 12:05 (Київ, UTC+03:00)"
    assert signing.stamp_time(datetime(2026, 12, 2, 22, 30, tzinfo=UTC)) == "03.12.2026 00:30 (Київ, UTC+02:00)"


@pytest.mark.parametrize("position", [0.02, 0.3, 0.5, 0.8, 0.97, 0.999])
def test_a_flipped_byte_is_caught(signed_pdf: Path, position: float) -> None:
    data = bytearray(signed_pdf.read_bytes())
    index = min(int(len(data) * position), len(data) - 2)
    data[index] ^= 0x01
    result = verify_pdf_bytes(bytes(data))
    assert not result.valid
    assert result.message


def test_an_unsigned_pdf_is_not_valid(tmp_path: Path) -> None:
    from desktop.export.pdf import export_pdf

    document, signature = reference_release()
    export_pdf(document, department_meta(signature), tmp_path / "plain.pdf")
    result = verify_pdf(tmp_path / "plain.pdf")
    assert not result.signed and not result.valid
    assert result.message == "У файлі немає електронного підпису."


def test_wrong_password_is_refused_in_ukrainian(tmp_path: Path) -> None:
    certificate = make_test_certificate(tmp_path / "c.p12", PASSWORD)
    with pytest.raises(UserError, match="Неправильний пароль"):
        load_signer(certificate, "не той")


def test_expired_certificate_is_refused(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    certificate = make_test_certificate(tmp_path / "c.p12", PASSWORD, not_before=now - timedelta(days=400),
                                        not_after=now - timedelta(days=1))
    with pytest.raises(UserError, match="Строк дії сертифіката минув"):
        load_signer(certificate, PASSWORD)


def test_not_yet_valid_certificate_is_refused(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    certificate = make_test_certificate(tmp_path / "c.p12", PASSWORD, not_before=now + timedelta(days=2))
    with pytest.raises(UserError, match="ще не чинний"):
        load_signer(certificate, PASSWORD)


def test_key_usage_without_signing_is_refused(tmp_path: Path) -> None:
    certificate = make_test_certificate(tmp_path / "c.p12", PASSWORD, digital_signature=False,
                                        non_repudiation=False)
    with pytest.raises(UserError, match="не дозволяє підписувати"):
        load_signer(certificate, PASSWORD)


def test_a_key_that_is_neither_rsa_nor_ec_is_refused(tmp_path: Path) -> None:
    certificate = make_test_certificate(tmp_path / "c.p12", PASSWORD, key_type="dsa")
    with pytest.raises(UserError, match="RSA або ECDSA"):
        load_signer(certificate, PASSWORD)


def test_an_rsa_certificate_signs_too(tmp_path: Path) -> None:
    certificate = make_test_certificate(tmp_path / "c.p12", PASSWORD, key_type="rsa")
    document, signature = reference_release()
    path = tmp_path / "rsa.pdf"
    export_signed_pdf(document, department_meta(signature), path, load_signer(certificate, PASSWORD))
    assert verify_pdf(path).valid


def test_missing_certificate_file_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="Не вдалося відкрити файл сертифіката"):
        load_signer(tmp_path / "absent.p12", PASSWORD)


def test_password_from_the_environment_first(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    signing.remember_password(tmp_path / "c.p12", "із-сховища")
    env = {"VISNYK_CERT_PASSWORD": "із-середовища"}
    assert cert_password(tmp_path / "c.p12", env=env, ask=lambda prompt: "спитали") == "із-середовища"


def test_password_from_the_keyring_when_remembered(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    signing.remember_password(tmp_path / "c.p12", "із-сховища")
    assert cert_password(tmp_path / "c.p12", env={}, ask=lambda prompt: "спитали") == "із-сховища"
    assert list(memory_keyring.saved) == [("visnyk", str((tmp_path / "c.p12").resolve()))]
    signing.forget_password(tmp_path / "c.p12")
    assert memory_keyring.saved == {}


def test_password_asked_last_and_refused_when_nobody_answers(tmp_path: Path,
                                                             memory_keyring: MemoryKeyring) -> None:
    prompts: list[str] = []
    assert cert_password(tmp_path / "c.p12", env={}, ask=lambda p: prompts.append(p) or "спитали") == "спитали"
    assert "c.p12" in prompts[0]
    with pytest.raises(UserError, match="VISNYK_CERT_PASSWORD"):
        cert_password(tmp_path / "c.p12", env={}, ask=None)


def test_password_is_never_written_to_our_files(tmp_path: Path, memory_keyring: MemoryKeyring) -> None:
    signing.remember_password(tmp_path / "c.p12", "секретний-пароль")
    assert not any("секретний-пароль" in p.read_text(errors="ignore") for p in tmp_path.rglob("*") if p.is_file())


def test_no_flipped_byte_anywhere_goes_unnoticed(signed_pdf: Path) -> None:
    data = signed_pdf.read_bytes()
    for index in range(0, len(data), max(1, len(data) // 64)):
        changed = bytearray(data)
        changed[index] ^= 0x01
        assert not verify_pdf_bytes(bytes(changed)).valid, f"byte {index} flipped unnoticed"


def test_flips_inside_the_signature_padding_are_caught(signed_pdf: Path) -> None:
    data = signed_pdf.read_bytes()
    start = data.rindex(b"/Contents <") + len(b"/Contents <")
    end = data.index(b">", start)
    for index in (start + 10, (start + end) // 2, end - 3):
        changed = bytearray(data)
        changed[index] = ord("1") if changed[index] != ord("1") else ord("2")
        assert not verify_pdf_bytes(bytes(changed)).valid, f"byte {index} of /Contents changed unnoticed"


def test_bytes_appended_after_signing_are_caught(signed_pdf: Path) -> None:
    result = verify_pdf_bytes(signed_pdf.read_bytes() + b"\n% appended\n")
    assert not result.valid and not result.covers_whole_file


def test_an_incremental_update_after_certification_is_caught(signed_pdf: Path) -> None:
    import io

    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed_pdf.read_bytes()))
    writer.root["/VisnykTamper"] = generic.NameObject("/Yes")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    result = verify_pdf_bytes(output.getvalue())
    assert result.intact and not result.valid and not result.docmdp_ok
    assert "DocMDP" in result.message
