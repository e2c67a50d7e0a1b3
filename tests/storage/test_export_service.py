"""Exporting through the service on SQLite and PostgreSQL: the rules, the records, the checks."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select, text

from desktop import settings
from desktop.cli.releases import history_json
from desktop.document import Block, Document
from desktop.errors import PermissionDenied, UserError, WorkflowRefused
from desktop.export import authenticity, service
from desktop.export.signing import load_signer
from desktop.export.testcert import make_test_certificate
from desktop.releases import revisions as releases
from desktop.storage import audit
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, Export, User
from desktop.workflow import transitions
from tests.core.export_support import needs_poppler
from tests.workflow_support import make_staff

HEADLINE = "Нарада з питань відновлення громад"
TEXT = Document(HEADLINE, (
    Block.plain("lead", "У Коростені відбулася нарада з питань відновлення інфраструктури громад."),
    Block.plain("paragraph", "Учасники погодили план робіт на травень."),
))


@pytest.fixture
def staff(database: Database) -> dict[str, User]:
    staff = make_staff(database)
    with database.session() as session:
        settings.set_value(session, staff["founder"], "organisation.name", "Коростенська районна військова адміністрація")
        settings.set_value(session, staff["founder"], "department.signature",
                           "Відділ комунікацій\nКоростенської районної військової адміністрації")
    return staff


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """The export folder (the SQLite file lives in tmp_path itself)."""
    return tmp_path / "out"


def draft(database: Database, author: User, event_date: date | None = date(2023, 4, 20)) -> int:
    with database.session() as session:
        return releases.create_release(session, author, TEXT, [], {}, event_date=event_date, place="у Коростені").id


def approved(database: Database, staff: dict[str, User], **kwargs) -> int:
    release_id = draft(database, staff["author"], **kwargs)
    with database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff["chief"], release_id)
    return release_id


def export(database: Database, user: User, release_id: int, fmt: str, out: Path, **kwargs) -> service.ExportRecord:
    with database.session() as session:
        return service.export_release(session, user, release_id, fmt, out_dir=out, **kwargs)


def export_rows(database: Database, release_id: int) -> list[Export]:
    with database.session() as session:
        return list(session.execute(select(Export).where(Export.release_id == release_id)).scalars())


def test_every_format_is_written_and_recorded_with_its_sha256(database, staff, out) -> None:
    release_id = approved(database, staff)
    records = [export(database, staff["exporter"], release_id, fmt, out) for fmt in service.FORMATS]

    for record in records:
        assert record.path.parent == out
        assert record.path.name.startswith("2023-04-20-нарада-з-питань-відновлення-громад")
        assert record.sha256 == hashlib.sha256(record.path.read_bytes()).hexdigest()
    rows = export_rows(database, release_id)
    assert {(row.format, row.sha256, Path(row.path).name) for row in rows} == {
        (r.format, r.sha256, r.path.name) for r in records
    }
    with database.session() as session:
        logged = session.execute(select(AuditEntry).where(AuditEntry.action == "export")).scalars().all()
        assert len(logged) == len(service.FORMATS)
        assert all(any(r.sha256 in row.detail for r in records) for row in logged)
        assert audit.verify_chain(session).ok
        history = history_json(session, release_id)
    assert [x["sha256"] for x in history["exports"]] == [r.sha256 for r in records]
    assert {x["user"] for x in history["exports"]} == {"Ірина Мельник"}


def test_a_draft_is_not_exported(database, staff, out) -> None:
    release_id = draft(database, staff["author"])
    with pytest.raises(WorkflowRefused, match="погоджений"):
        export(database, staff["exporter"], release_id, "pdf", out)
    assert not out.exists()
    assert export_rows(database, release_id) == []


def test_an_author_without_the_exporter_role_is_refused(database, staff, out) -> None:
    release_id = approved(database, staff)
    with pytest.raises(PermissionDenied, match="відповідальний за оприлюднення"):
        export(database, staff["author"], release_id, "docx", out)
    assert not out.exists()


def test_approved_text_changed_in_the_database_is_refused(database, staff, out) -> None:
    release_id = approved(database, staff)
    forged = Document(HEADLINE, (Block.plain("lead", "Зовсім інший текст, якого ніхто не погоджував."),))
    with database.session() as session:
        revision_id = releases.get_release(session, release_id).approved_revision_id
        session.execute(text("UPDATE revisions SET document_json = :doc WHERE id = :id"),
                        {"doc": forged.to_json(), "id": revision_id})
    with pytest.raises(UserError, match="не збігається з погодженим"):
        export(database, staff["exporter"], release_id, "pdf", out)
    assert not out.exists()
    assert export_rows(database, release_id) == []


def test_an_existing_file_is_replaced_only_when_asked(database, staff, out) -> None:
    release_id = approved(database, staff)
    first = export(database, staff["exporter"], release_id, "txt", out)
    first.path.write_text("чужий файл", encoding="utf-8")

    with pytest.raises(service.ExportExists) as refused:
        export(database, staff["exporter"], release_id, "txt", out)
    assert refused.value.path == first.path
    assert first.path.read_text(encoding="utf-8") == "чужий файл"
    assert len(export_rows(database, release_id)) == 1

    again = export(database, staff["exporter"], release_id, "txt", out, overwrite=True)
    assert HEADLINE in again.path.read_text(encoding="utf-8")
    assert len(export_rows(database, release_id)) == 2


def test_the_publication_has_no_visa_and_the_office_copy_has_it(database, staff, out) -> None:
    release_id = approved(database, staff)
    publication = export(database, staff["exporter"], release_id, "html", out)
    html = publication.path.read_text(encoding="utf-8")
    assert "20\u00a0квітня\u00a02023\u00a0року, у\u00a0Коростені" in html
    assert "Відділ комунікацій" in html
    assert "ПОГОДЖЕНО" not in html and "Погоджено" not in html and "КИРИЧЕНКО" not in html

    office = export(database, staff["exporter"], release_id, "html", out, copy="office")
    assert office.path != publication.path and office.copy == "office"
    html = office.path.read_text(encoding="utf-8")
    visa = html[html.index('<p class="visa">'):]
    # ДСТУ 4163: ПОГОДЖЕНО, the position, «Власне ім’я ПРІЗВИЩЕ», the date — below the signature.
    assert html.index("Відділ комунікацій") < html.index("ПОГОДЖЕНО")
    assert "Заступник начальника Коростенської РВА" in visa and "Сергій КИРИЧЕНКО" in visa
    with database.session() as session:
        details = [row.detail for row in session.execute(select(AuditEntry).where(
            AuditEntry.action == "export")).scalars()]
    assert any("службовий примірник" in detail and office.path.name in detail for detail in details)
    assert any("для оприлюднення" in detail and publication.path.name in detail for detail in details)


def test_exported_files_are_readable_by_the_office(database, staff, out) -> None:
    release_id = approved(database, staff)
    record = export(database, staff["exporter"], release_id, "docx", out)
    assert record.path.stat().st_mode & 0o777 == 0o644
    with database.session() as session:
        settings.set_value(session, staff["founder"], "export.file_mode", "0640")
    record = export(database, staff["exporter"], release_id, "pdf", out)
    assert record.path.stat().st_mode & 0o777 == 0o640


def test_a_self_approval_is_marked_on_the_page(database, staff, out) -> None:
    with database.session() as session:
        settings.set_value(session, staff["founder"], transitions.SELF_APPROVAL_SETTING, "true")
    release_id = draft(database, staff["boss_author"])
    with database.session() as session:
        transitions.submit(session, staff["boss_author"], release_id)
        transitions.approve(session, staff["boss_author"], release_id)
    html = export(database, staff["exporter"], release_id, "html", out, copy="office").path.read_text("utf-8")
    assert "погоджено особою, яка готувала текст" in html


def test_without_an_event_date_the_file_is_dated_by_the_approval(database, staff, out) -> None:
    release_id = approved(database, staff, event_date=None)
    with database.session() as session:
        approved_on = transitions.local_date(releases.get_release(session, release_id).approved_at).date()
    record = export(database, staff["exporter"], release_id, "docx", out)
    assert record.path.name.startswith(approved_on.isoformat() + "-")


def test_a_wrong_certificate_password_writes_nothing(database, staff, out, tmp_path) -> None:
    release_id = approved(database, staff)
    certificate = make_test_certificate(tmp_path / "dept.p12", "правильний")
    with pytest.raises(UserError, match="Неправильний пароль"):
        export(database, staff["exporter"], release_id, "pdf", out, signer=load_signer(certificate, "хибний"))
    assert not out.exists()
    assert export_rows(database, release_id) == []


@needs_poppler
def test_a_signed_export_verifies_and_names_its_release(database, staff, out, tmp_path) -> None:
    release_id = approved(database, staff)
    approved(database, staff)  # a second approved release the file must not be confused with
    certificate = make_test_certificate(tmp_path / "dept.p12", "пароль")
    record = export(database, staff["exporter"], release_id, "pdf", out, signer=load_signer(certificate, "пароль"))
    assert record.signed and export_rows(database, release_id)[0].signed

    with database.session() as session:
        result = authenticity.verify_file(session, record.path)
    assert result["valid"] and result["intact"]
    assert result["subfilter"] == "ETSI.CAdES.detached"
    assert result["release_id"] == release_id and result["text_matches"]

    data = bytearray(record.path.read_bytes())
    data[len(data) // 4] ^= 0x01  # well inside the signed byte range
    altered = tmp_path / "altered.pdf"
    altered.write_bytes(bytes(data))
    with database.session() as session:
        assert not authenticity.verify_file(session, altered)["valid"]


@needs_poppler
def test_a_pdf_without_the_hash_is_matched_by_its_text(database, staff, out, tmp_path) -> None:
    from desktop.export.pdf import export_pdf

    release_id = approved(database, staff)
    with database.session() as session:
        release = releases.get_release(session, release_id)
        meta = service.release_meta(session, release, "")
    export_pdf(TEXT, meta, tmp_path / "plain.pdf")
    with database.session() as session:
        result = authenticity.verify_file(session, tmp_path / "plain.pdf")
    assert result["content_hash"] is None
    assert result["release_id"] == release_id
    assert not result["signed"] and not result["valid"]

    other = Document("Зовсім інший реліз", (Block.plain("lead", "Про інше."),))
    export_pdf(other, meta, tmp_path / "other.pdf")
    with database.session() as session:
        assert authenticity.verify_file(session, tmp_path / "other.pdf")["release_id"] is None


@needs_poppler
def test_a_pdf_claiming_an_approved_hash_with_other_text_does_not_match(database, staff, tmp_path) -> None:
    from desktop.export.pdf import export_pdf

    release_id = approved(database, staff)
    with database.session() as session:
        release = releases.get_release(session, release_id)
        meta = service.release_meta(session, release, release.approved_hash)
    forged = Document(HEADLINE, (Block.plain("lead", "Текст, якого ніхто не погоджував."),))
    export_pdf(forged, meta, tmp_path / "forged.pdf")
    with database.session() as session:
        result = authenticity.verify_file(session, tmp_path / "forged.pdf")
    assert result["content_hash"] == meta.content_hash
    assert result["release_id"] is None and not result["text_matches"]
    assert result["match_message"].startswith("Текст відрізняється від погодженого релізу")
    assert "«Текст, якого ніхто не погоджував.» замість" in result["text_diff"]
    assert not result["authentic"]
