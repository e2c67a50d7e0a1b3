"""`verify` as a journalist or a court relies on it: each guard on its own makes a forged or altered file exit 1.

The guards: every signature counts, the signer chains to the trust list, nothing changes after the
certification (DocMDP), the last signature covers the file, a time-stamp holds, and the text equals
the approved release exactly. Each test below defeats all guards but one.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter

from desktop.cli import main
from desktop.document import Block, Document
from desktop.export import service
from desktop.export.pdf import render_pdf
from desktop.export.signing import load_signer, sign_pdf_bytes
from desktop.export.testcert import make_test_certificate
from desktop.releases import revisions
from desktop.storage.engine import Database
from tests.core.export_support import needs_poppler
from tests.core.pki_support import DEPARTMENT, P12_PASSWORD
from tests.workflow_support import PASSWORD, make_staff, release_in_state

pytestmark = needs_poppler
FORGED = "Терміново: збір коштів на рахунок UA213223130000026007233566001 для потреб громади."


@pytest.fixture
def office(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
           tmp_path: Path, test_pki):  # noqa: ANN001 - the PKI fixture
    """run(login or None, *arguments) → (exit code, stdout, stderr), an approved release and its signed export."""
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    monkeypatch.setenv("VISNYK_CERT_PASSWORD", P12_PASSWORD)
    staff = make_staff(sqlite_database)
    approved = release_in_state(sqlite_database, staff, "approved")

    def run(login: str | None, *arguments: str) -> tuple[int, str, str]:
        acting = ["--as", login] if login else []
        code = main(["--database", sqlite_database.url, *acting, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    certificate = test_pki.p12(file_name="department.p12")
    code, out, err = run("exporter", "export", str(approved), "--sign", str(certificate),
                         "--out", str(tmp_path / "out"), "--json")
    assert code == 0, err
    return {"run": run, "release": approved, "pdf": Path(json.loads(out)["path"]), "pki": test_pki,
            "database": sqlite_database, "staff": staff, "certificate": certificate}


def verify(office: dict, path: Path, *trust: Path) -> tuple[int, dict, str]:
    options = [item for path in trust for item in ("--trust", str(path))]
    code, out, _ = office["run"](None, "verify", str(path), *options, "--json")
    data = json.loads(out)
    code_text, text, _ = office["run"](None, "verify", str(path), *options)
    assert code_text == code
    return code, data, text


def approved_text(office: dict) -> tuple[Document, object]:
    with office["database"].session() as session:
        release = revisions.get_release(session, office["release"])
        revision = session.get(revisions.Revision, release.approved_revision_id)
        return revisions.revision_document(revision), service.release_meta(session, release, release.approved_hash)


def pem_of(p12: Path, password: str, folder: Path) -> Path:
    _key, certificate, _extra = pkcs12.load_key_and_certificates(p12.read_bytes(), password.encode("utf-8"))
    path = folder / f"{p12.stem}.pem"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


class CarelessSigner(signers.PdfSigner):
    """pyHanko's signer without its refusal to sign over a no-changes certification, as a forger's tool would be."""

    def _enforce_certification_constraints(self, reader) -> None:  # noqa: ANN001 - pyHanko's reader
        return


def pyhanko_sign(data: bytes, p12: Path, password: str, field: str, *, certify: bool = False) -> bytes:
    """An invisible PAdES signature by any certificate, straight through pyHanko (no checks of ours)."""
    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=password.encode("utf-8"))
    metadata = signers.PdfSignatureMetadata(field_name=field, subfilter=SigSeedSubFilter.PADES, certify=certify)
    output = io.BytesIO()
    CarelessSigner(metadata, signer=signer).sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), output=output)
    return output.getvalue()


# The office's own file.

def test_the_office_export_is_authentic_only_with_its_certificate_trusted(office: dict) -> None:
    pki = office["pki"]
    code, data, text = verify(office, office["pdf"], pki.root_pem)
    assert code == 0, data["reason"]
    assert data["authentic"] and data["trusted"] and data["valid"] and data["text_matches"]
    assert data["signatures"][0]["chain"] == [DEPARTMENT, "Тестовий кореневий ЦСК"]
    assert data["signatures"][0]["signer"] == DEPARTMENT
    assert text.splitlines()[0].startswith("Файл справжній")

    code, data, text = verify(office, office["pdf"])
    assert code == 1 and not data["trusted"] and data["text_matches"] and data["valid"]
    assert "підписувач не входить до довірених" in text.splitlines()[0]


def test_the_trust_list_in_settings_counts_like_trust(office: dict) -> None:
    run = office["run"]
    pem = pem_of(office["certificate"], P12_PASSWORD, office["pdf"].parent.parent)
    assert run("admin", "settings", "set", "verify.trusted_certificates", str(pem))[0] == 0
    code, data, _ = verify(office, office["pdf"])
    assert code == 0, data["reason"]
    assert data["trust_list_size"] == 1


def test_a_trust_file_that_is_no_certificate_is_one_line(office: dict, tmp_path: Path) -> None:
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate", encoding="utf-8")
    code, _, err = office["run"](None, "verify", str(office["pdf"]), "--trust", str(junk))
    assert code == 2 and "не є сертифікатом X.509" in err and "Traceback" not in err


# Text: equality, never containment.

@pytest.mark.parametrize("where", ["end", "middle"])
def test_the_approved_text_with_a_paragraph_added_is_not_authentic(office: dict, tmp_path: Path, where: str) -> None:
    document, meta = approved_text(office)
    blocks = list(document.blocks)
    blocks.insert(len(blocks) if where == "end" else 1, Block.plain("paragraph", FORGED))
    forged_pdf, result = render_pdf(Document(document.title, tuple(blocks)), meta, stamp_space=True)
    forger = make_test_certificate(tmp_path / "forger.p12", "x", common_name=DEPARTMENT)
    signed = sign_pdf_bytes(forged_pdf, load_signer(forger, "x"), result.signature_box)
    path = tmp_path / "forged.pdf"
    path.write_bytes(signed)

    code, data, text = verify(office, path)
    assert code == 1 and not data["text_matches"]
    # Its own certificate in the trust list: the signature then holds, and only the text gives it away.
    code, data, text = verify(office, path, pem_of(forger, "x", tmp_path), office["pki"].root_pem)
    assert code == 1, data["reason"]
    assert data["valid"] and data["trusted"] and not data["text_matches"]
    first = text.splitlines()[0]
    assert "текст відрізняється від погодженого" in first and "збір коштів" in first and "зайве" in first


def test_a_missing_sentence_is_named_in_the_diff(office: dict, tmp_path: Path) -> None:
    document, meta = approved_text(office)
    lead = document.blocks[0].text
    assert "відновлення" in lead
    shorter = Document(document.title, (Block.plain("lead", lead.replace(" відновлення", "")),))
    data_pdf, result = render_pdf(shorter, meta, stamp_space=True)
    signer = load_signer(office["certificate"], P12_PASSWORD)
    path = tmp_path / "shorter.pdf"
    path.write_bytes(sign_pdf_bytes(data_pdf, signer, result.signature_box))
    code, data, _ = verify(office, path, office["pki"].root_pem)
    assert code == 1 and data["trusted"] and data["text_diff"] == "бракує «відновлення»"


# Every signature counts.

def test_overlay_and_re_sign_by_a_look_alike_certificate_exits_1(office: dict, tmp_path: Path) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(office["pdf"].read_bytes()))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    overlay = generic.StreamObject(stream_data=b"BT /F1 48 Tf 100 500 Td (FAKE TEXT) Tj ET")
    contents = page["/Contents"]
    page["/Contents"] = generic.ArrayObject([contents, writer.add_object(overlay)])
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    look_alike = make_test_certificate(tmp_path / "look-alike.p12", "x", common_name=DEPARTMENT)
    path = tmp_path / "overlay.pdf"
    path.write_bytes(pyhanko_sign(output.getvalue(), look_alike, "x", "Sig2"))

    for trust in ([office["pki"].root_pem], [office["pki"].root_pem, pem_of(look_alike, "x", tmp_path)]):
        code, data, _ = verify(office, path, *trust)
        assert code == 1, data["reason"]
        assert not data["signatures"][0]["sound"]


def test_an_earlier_untrusted_signature_fails_though_the_last_is_trusted(office: dict, tmp_path: Path) -> None:
    document, meta = approved_text(office)
    plain, _ = render_pdf(document, meta)
    stranger = make_test_certificate(tmp_path / "stranger.p12", "x", common_name="Сторонній")
    once = pyhanko_sign(plain, stranger, "x", "Stranger")
    path = tmp_path / "two.pdf"
    path.write_bytes(pyhanko_sign(once, office["certificate"], P12_PASSWORD, "Office"))
    code, data, text = verify(office, path, office["pki"].root_pem)
    assert data["signatures"][1]["trusted"] and data["signatures"][1]["sound"] and data["text_matches"]
    assert code == 1 and "підписувач не входить до довірених" in text.splitlines()[0]


def test_a_pdf_signed_by_another_tool_for_the_office_is_authentic(office: dict, tmp_path: Path) -> None:
    document, meta = approved_text(office)
    plain, _ = render_pdf(document, meta)
    path = tmp_path / "other-tool.pdf"
    path.write_bytes(pyhanko_sign(plain, office["certificate"], P12_PASSWORD, "Signature1", certify=True))
    code, data, _ = verify(office, path, office["pki"].root_pem)
    assert code == 0, data["reason"]


PYHANKO = Path(sys.executable).with_name("pyhanko")


@pytest.mark.skipif(not PYHANKO.exists(), reason="pyhanko-cli (the test extra) is not installed")
def test_pyhankos_command_line_signing_for_the_office_verifies_and_validates_ours(
    office: dict, tmp_path: Path,
) -> None:
    run, pki = office["run"], office["pki"]
    code, out, err = run("exporter", "export", str(office["release"]), "--format", "pdf",
                         "--out", str(tmp_path / "plain"), "--json")
    assert code == 0, err
    plain = Path(json.loads(out)["path"])
    passfile = tmp_path / "pass.txt"
    passfile.write_text(P12_PASSWORD, encoding="utf-8")
    signed = tmp_path / "pyhanko-signed.pdf"
    done = subprocess.run(
        [str(PYHANKO), "sign", "addsig", "--field", "Signature1", "--use-pades", "--certify",
         "--timestamp-url", pki.tsa_url, "--with-validation-info", "--trust", str(pki.root_pem), "--trust-replace",
         "pkcs12", "--passfile", str(passfile), str(plain), str(signed), str(office["certificate"])],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    code, data, _ = verify(office, signed, pki.root_pem)
    assert code == 0, data["reason"]
    assert data["signatures"][0]["level"] == "B-LT" and data["signatures"][0]["time_source"] == "tsa"
    # And the other way round: pyHanko's own validator accepts the program's signed export.
    done = subprocess.run(
        [str(PYHANKO), "sign", "validate", "--trust", str(pki.root_pem), "--trust-replace",
         "--executive-summary", str(office["pdf"])],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0 and "VALID" in done.stdout and "INVALID" not in done.stdout, done.stdout


# DocMDP and coverage.

def test_a_trusted_second_signature_after_certification_breaks_docmdp(office: dict, tmp_path: Path) -> None:
    colleague = office["pki"].p12("Начальник РВА")
    path = tmp_path / "countersigned.pdf"
    path.write_bytes(pyhanko_sign(office["pdf"].read_bytes(), colleague, P12_PASSWORD, "Second"))
    code, data, text = verify(office, path, office["pki"].root_pem)
    # Everything else holds: both trusted, the last covers the file, the text is the approved one.
    assert data["trusted"] and data["text_matches"] and data["signatures"][1]["sound"]
    assert data["signatures"][1]["covers_whole_file"]
    assert code == 1 and not data["docmdp_ok"] and "DocMDP" in text.splitlines()[0]


def test_an_annotation_added_after_certification_is_caught(office: dict, tmp_path: Path) -> None:
    writer = IncrementalPdfFileWriter(io.BytesIO(office["pdf"].read_bytes()))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    note = generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Annot"),
        generic.NameObject("/Subtype"): generic.NameObject("/Text"),
        generic.NameObject("/Rect"): generic.ArrayObject([generic.FloatObject(v) for v in (100, 100, 120, 120)]),
        generic.NameObject("/Contents"): generic.TextStringObject("Реквізити змінено"),
    })
    page["/Annots"] = generic.ArrayObject([writer.add_object(note)])
    writer.update_container(page)
    output = io.BytesIO()
    writer.write(output)
    path = tmp_path / "annotated.pdf"
    path.write_bytes(output.getvalue())
    code, data, _ = verify(office, path, office["pki"].root_pem)
    assert code == 1 and data["intact"] and not data["valid"]


def test_bytes_appended_after_signing_are_caught_by_coverage(office: dict, tmp_path: Path) -> None:
    path = tmp_path / "appended.pdf"
    path.write_bytes(office["pdf"].read_bytes() + b"\n% appended\n")
    code, data, _ = verify(office, path, office["pki"].root_pem)
    assert data["trusted"] and data["docmdp_ok"] and data["intact"]
    assert code == 1 and not data["covers_whole_file"]


# Certificates.

def test_an_expired_certificate_fails_though_its_ca_is_trusted(office: dict, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    now = datetime.now(UTC)
    expired = office["pki"].p12("Колишній підписувач", not_before=now - timedelta(days=400),
                                not_after=now - timedelta(days=2))
    document, meta = approved_text(office)
    plain, _ = render_pdf(document, meta)
    path = tmp_path / "expired.pdf"
    path.write_bytes(pyhanko_sign(plain, expired, P12_PASSWORD, "Old", certify=True))
    code, data, text = verify(office, path, office["pki"].root_pem)
    assert data["valid"] and data["text_matches"]
    assert code == 1 and "строк дії сертифіката підписувача минув" in text.splitlines()[0]


# Time-stamps.

def _timestamped(office: dict, url: str, tmp_path: Path) -> Path:
    document, meta = approved_text(office)
    data, result = render_pdf(document, meta, stamp_space=True)
    signer = load_signer(office["certificate"], P12_PASSWORD)
    roots = [office["pki"].root]
    from asn1crypto import x509 as asn1_x509

    roots = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in roots]
    path = tmp_path / "timestamped.pdf"
    path.write_bytes(sign_pdf_bytes(data, signer.with_timestamps(url, roots), result.signature_box))
    return path


def test_the_office_tsa_makes_a_b_lt_export_that_pyhanko_and_pdfsig_accept(office: dict, tmp_path: Path) -> None:
    run, pki = office["run"], office["pki"]
    assert run("admin", "settings", "set", "export.tsa_url", pki.tsa_url)[0] == 0
    assert run("admin", "settings", "set", "verify.trusted_certificates", str(pki.root_pem))[0] == 0
    code, out, err = run("exporter", "export", str(office["release"]), "--sign", str(office["certificate"]),
                         "--out", str(tmp_path / "bt"), "--json")
    assert code == 0, err
    path = Path(json.loads(out)["path"])
    code, data, text = verify(office, path)
    assert code == 0, data["reason"]
    (signature,) = data["signatures"]
    assert signature["level"] == "B-LT" and signature["time_source"] == "tsa"
    assert signature["timestamp_authority"] == "Тестова служба позначок часу"
    assert data["timestamp_note"] is None and "B-LT" in text

    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from desktop.export.trust import load_certificate_file

    context = ValidationContext(trust_roots=load_certificate_file(pki.root_pem))
    status = validate_pdf_signature(PdfFileReader(io.BytesIO(path.read_bytes())).embedded_signatures[0], context)
    assert status.bottom_line and status.timestamp_validity.trusted and status.timestamp_validity.intact
    if shutil.which("pdfsig"):
        report = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, timeout=60).stdout
        assert "Signature Validation: Signature is Valid." in report


def test_without_a_tsa_the_export_is_b_b_and_says_so(office: dict) -> None:
    code, data, _ = verify(office, office["pdf"], office["pki"].root_pem)
    assert code == 0 and data["signatures"][0]["level"] == "B-B"
    assert data["signatures"][0]["time_source"] == "signer" and "B-B" in data["timestamp_note"]


def test_a_b_lt_signature_outlives_its_certificate(office: dict, tmp_path: Path) -> None:
    import time
    from datetime import UTC, datetime, timedelta

    from asn1crypto import x509 as asn1_x509

    pki = office["pki"]
    short = pki.p12("Тимчасовий підписувач", not_after=datetime.now(UTC) + timedelta(seconds=6))
    document, meta = approved_text(office)
    data, result = render_pdf(document, meta, stamp_space=True)
    roots = [asn1_x509.Certificate.load(pki.root.public_bytes(serialization.Encoding.DER))]
    signer = load_signer(short, P12_PASSWORD)
    long_term = tmp_path / "b-lt.pdf"
    long_term.write_bytes(sign_pdf_bytes(data, signer.with_timestamps(pki.tsa_url, roots), result.signature_box))
    basic = tmp_path / "b-b.pdf"
    basic.write_bytes(sign_pdf_bytes(data, signer, result.signature_box))
    time.sleep(max(0.0, (signer.not_after - datetime.now(UTC)).total_seconds() + 1.5))

    code, report, text = verify(office, long_term, pki.root_pem)
    assert code == 0, report["reason"]
    assert report["signatures"][0]["valid_at_timestamp"] and report["signatures"][0]["level"] == "B-LT"
    assert "на час позначки" in text
    code, report, text = verify(office, basic, pki.root_pem)
    assert code == 1 and "строк дії сертифіката підписувача минув" in text.splitlines()[0]


def test_a_time_stamp_from_an_untrusted_authority_fails(office: dict, tmp_path: Path) -> None:
    path = _timestamped(office, office["pki"].rogue_tsa_url, tmp_path)
    code, data, text = verify(office, path, office["pki"].root_pem)
    assert data["valid"] and data["text_matches"] and data["signatures"][0]["timestamp_time"]
    assert code == 1 and "позначку часу поставила служба не з довіреного переліку" in text.splitlines()[0]


def test_an_unreachable_tsa_writes_nothing_and_says_why(office: dict, tmp_path: Path) -> None:
    document, meta = approved_text(office)
    data, result = render_pdf(document, replace(meta), stamp_space=True)
    signer = load_signer(office["certificate"], P12_PASSWORD).with_timestamps("http://127.0.0.1:9/tsa")
    from desktop.errors import UserError

    with pytest.raises(UserError, match="позначку часу"):
        sign_pdf_bytes(data, signer, result.signature_box)
