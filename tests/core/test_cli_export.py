"""`export` and `verify` on the command line: files, exit codes, and poppler's pdfsig on the signed PDF."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from desktop.cli import main
from desktop.export.testcert import make_test_certificate
from desktop.storage.engine import Database
from tests.core.export_support import needs_poppler
from tests.workflow_support import PASSWORD, make_staff, release_in_state

CERT_PASSWORD = "сертифікат-1"


@pytest.fixture
def cli(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """run(login or None, *arguments) → (exit code, stdout, stderr); an approved release and a draft."""
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    monkeypatch.delenv("VISNYK_CERT_PASSWORD", raising=False)
    staff = make_staff(sqlite_database)
    approved = release_in_state(sqlite_database, staff, "approved")
    draft = release_in_state(sqlite_database, staff, "draft")

    def run(login: str | None, *arguments: str) -> tuple[int, str, str]:
        acting = ["--as", login] if login else []
        code = main(["--database", sqlite_database.url, *acting, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run, approved, draft


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where exports go (the SQLite file lives in tmp_path itself)."""
    return tmp_path / "exports"


@pytest.fixture
def certificate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VISNYK_CERT_PASSWORD", CERT_PASSWORD)
    return make_test_certificate(tmp_path / "dept.p12", CERT_PASSWORD)


def _certificate_pem(p12: Path, folder: Path) -> Path:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.serialization import pkcs12

    _key, certificate, _extra = pkcs12.load_key_and_certificates(p12.read_bytes(), CERT_PASSWORD.encode("utf-8"))
    path = folder / "trusted.pem"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


def test_export_writes_each_format_and_prints_its_sha256(cli, folder: Path) -> None:
    run, approved, _ = cli
    for fmt in ("docx", "pdf", "html", "txt"):
        code, out, err = run("exporter", "export", str(approved), "--format", fmt, "--out", str(folder), "--json")
        assert code == 0, err
        record = json.loads(out)
        path = Path(record["path"])
        assert path.suffix == f".{fmt}" and path.parent == folder
        assert record["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    code, out, _ = run("exporter", "history", str(approved), "--json")
    assert [x["format"] for x in json.loads(out)["exports"]] == ["docx", "pdf", "html", "txt"]


def test_export_refusals_exit_2_with_one_line(cli, folder: Path) -> None:
    run, approved, draft = cli
    code, _, err = run("exporter", "export", str(draft), "--format", "pdf", "--out", str(folder))
    assert code == 2 and "погоджений" in err and "Traceback" not in err
    code, _, err = run("author", "export", str(approved), "--format", "pdf", "--out", str(folder))
    assert code == 2 and "відповідальний за оприлюднення" in err
    code, _, err = run("exporter", "export", str(approved), "--out", str(folder))
    assert code == 2 and "--format" in err
    assert not folder.exists()


def test_an_existing_file_is_kept_unless_overwrite_is_given(cli, folder: Path) -> None:
    run, approved, _ = cli
    assert run("exporter", "export", str(approved), "--format", "txt", "--out", str(folder))[0] == 0
    (target,) = folder.iterdir()
    target.write_text("правка вручну", encoding="utf-8")
    code, _, err = run("exporter", "export", str(approved), "--format", "txt", "--out", str(folder))
    assert code == 2 and "--overwrite" in err
    assert target.read_text(encoding="utf-8") == "правка вручну"
    code, _, _ = run("exporter", "export", str(approved), "--format", "txt", "--out", str(folder), "--overwrite")
    assert code == 0 and target.read_text(encoding="utf-8") != "правка вручну"


def test_a_signature_goes_only_into_a_pdf(cli, certificate: Path, folder: Path) -> None:
    run, approved, _ = cli
    code, _, err = run("exporter", "export", str(approved), "--format", "docx", "--sign", str(certificate),
                       "--out", str(folder))
    assert code == 2 and "PDF" in err


def test_a_wrong_certificate_password_is_refused(cli, certificate: Path, folder: Path, tmp_path: Path, monkeypatch) -> None:
    run, approved, _ = cli
    monkeypatch.setenv("VISNYK_CERT_PASSWORD", "не той")
    code, _, err = run("exporter", "export", str(approved), "--sign", str(certificate), "--out", str(folder))
    assert code == 2 and "Неправильний пароль" in err
    assert not folder.exists()


@needs_poppler
def test_signed_export_verifies_and_a_flipped_byte_is_caught(cli, certificate: Path, folder: Path, tmp_path: Path) -> None:
    run, approved, _ = cli
    code, out, err = run("exporter", "export", str(approved), "--sign", str(certificate), "--out", str(folder),
                         "--json")
    assert code == 0, err
    signed = Path(json.loads(out)["path"])
    assert json.loads(out)["signed"] is True

    # The self-made certificate is trusted only once it is on the list.
    code, out, _ = run(None, "verify", str(signed))
    assert code == 1 and out.splitlines()[0].endswith("підписувач не входить до довірених.")
    trusted = _certificate_pem(certificate, tmp_path)
    code, out, _ = run(None, "verify", str(signed), "--trust", str(trusted), "--json")
    result = json.loads(out)
    assert code == 0
    assert result["valid"] and result["intact"] and result["subfilter"] == "ETSI.CAdES.detached"
    assert result["release_id"] == approved and result["text_matches"] and result["authentic"]
    code, out, _ = run(None, "verify", str(signed), "--trust", str(trusted))
    assert code == 0 and "Підпис дійсний" in out and f"релізом №{approved}" in out

    data = bytearray(signed.read_bytes())
    data[len(data) // 3] ^= 0x20
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    code, out, _ = run(None, "verify", str(altered), "--json")
    assert code == 1 and not json.loads(out)["valid"]


@needs_poppler
def test_verify_exits_1_for_an_unsigned_pdf_and_2_for_a_missing_file(cli, folder: Path, tmp_path: Path) -> None:
    run, approved, _ = cli
    run("exporter", "export", str(approved), "--format", "pdf", "--out", str(folder))
    (unsigned,) = folder.glob("*.pdf")
    code, out, _ = run(None, "verify", str(unsigned))
    assert code == 1 and "немає електронного підпису" in out and f"релізом №{approved}" in out
    code, _, err = run(None, "verify", str(tmp_path / "немає.pdf"))
    assert code == 2 and "не існує" in err


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler's pdfsig is not installed")
def test_pdfsig_calls_the_exported_signature_valid_pades(cli, certificate: Path, folder: Path) -> None:
    run, approved, _ = cli
    code, out, _ = run("exporter", "export", str(approved), "--sign", str(certificate), "--out", str(folder),
                       "--json")
    assert code == 0
    done = subprocess.run(["pdfsig", json.loads(out)["path"]], capture_output=True, text=True, timeout=60)
    assert "Signature is Valid" in done.stdout
    assert "ETSI.CAdES.detached" in done.stdout
    assert "Total document signed" in done.stdout


def test_copy_and_channel_formats_from_the_command_line(cli, folder: Path) -> None:
    run, approved, _ = cli
    code, out, err = run("exporter", "export", str(approved), "--format", "html", "--out", str(folder), "--json")
    assert code == 0, err
    publication = json.loads(out)
    assert publication["copy"] == "publication"
    assert "ПОГОДЖЕНО" not in Path(publication["path"]).read_text(encoding="utf-8")
    code, out, err = run("exporter", "export", str(approved), "--format", "html", "--copy", "office",
                         "--out", str(folder), "--json")
    assert code == 0, err
    office = json.loads(out)
    assert office["copy"] == "office" and office["path"] != publication["path"]
    assert "ПОГОДЖЕНО" in Path(office["path"]).read_text(encoding="utf-8")
    for channel in ("telegram", "facebook"):
        code, out, err = run("exporter", "export", str(approved), "--format", channel, "--out", str(folder), "--json")
        assert code == 0, err
        path = Path(json.loads(out)["path"])
        assert path.name.endswith(f"-{channel}.txt")
    with pytest.raises(SystemExit):  # argparse refuses an unknown copy in its own words
        run("exporter", "export", str(approved), "--format", "pdf", "--copy", "draft", "--out", str(folder))


@needs_poppler
def test_signed_and_unsigned_pdfs_do_not_share_a_name(cli, certificate: Path, folder: Path) -> None:
    run, approved, _ = cli
    code, out, err = run("exporter", "export", str(approved), "--format", "pdf", "--out", str(folder), "--json")
    assert code == 0, err
    plain = Path(json.loads(out)["path"])
    code, out, err = run("exporter", "export", str(approved), "--sign", str(certificate), "--out", str(folder),
                         "--json")
    assert code == 0, err
    signed = Path(json.loads(out)["path"])
    assert signed != plain and plain.exists() and "підписаний" in signed.name
    assert plain.stat().st_mode & 0o777 == 0o644 and signed.stat().st_mode & 0o777 == 0o644
    _code, out, _ = run(None, "verify", str(signed), "--json")  # exit 1: the test certificate is not trusted
    assert json.loads(out)["text_matches"] is True
