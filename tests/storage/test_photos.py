"""Photos of a release on SQLite and PostgreSQL: stripped on attach, stored once, a part of the approval."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import func, select

from desktop.errors import NotFound, UserError, WorkflowRefused
from desktop.photos.images import PhotoRefused, read_photo_file
from desktop.releases import photos as release_photos
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.storage.models import PhotoFile, Revision
from desktop.workflow import transitions
from tests.photo_support import (
    bomb_png,
    metadata_markers,
    phone_jpeg,
    png_bytes,
    truncated_jpeg,
)
from tests.workflow_support import load, make_staff, new_release, release_in_state


@pytest.fixture
def staff(database: Database) -> dict:
    return make_staff(database)


def _attach(database: Database, user, release_id: int, data: bytes, name: str = "IMG_0001.jpg", **words: str):
    with database.session() as session:
        return release_photos.attach_photo(session, user, release_id, data, name, **words)


def _state(database: Database, release_id: int) -> tuple[int, str, int, int]:
    """What a refused attach must leave as it was: version, hash, revisions, stored images."""
    with database.session() as session:
        release = revisions.get_release(session, release_id)
        count = session.execute(select(func.count()).select_from(Revision).where(Revision.release_id == release_id))
        files = session.execute(select(func.count()).select_from(PhotoFile)).scalar_one()
        return release.version, release.content_hash, count.scalar_one(), files


def test_attach_strips_gps_camera_thumbnail_xmp_and_iptc(database: Database, staff: dict) -> None:
    release_id = new_release(database, staff["author"])
    original = phone_jpeg(orientation=6)
    assert {"GPS", "XMP", "IPTC", "serial", "model", "Pillow EXIF"} <= set(metadata_markers(original))
    change = _attach(database, staff["author"], release_id, original,
                     caption="Учасники наради в Коростені", credit="Олена Харченко", alt="Люди за столом")
    assert change.removed_line.startswith("Видалено: координати GPS, модель камери, серійний номер камери, час зйомки")
    assert "вбудована мініатюра" in change.removed_line and "дані XMP" in change.removed_line
    with database.session() as session:
        [stored] = session.execute(select(PhotoFile)).scalars().all()
        data, thumbnail = bytes(stored.data), bytes(stored.thumbnail)
        [entry] = release_photos.entries(revisions.get_release(session, release_id))
    assert metadata_markers(data) == [] and metadata_markers(thumbnail) == []
    with Image.open(io.BytesIO(data)) as image:
        # Orientation 6 is applied to the pixels: the 640×480 original stands upright.
        assert image.format == "JPEG" and image.size == (480, 640)
        assert image.getexif() == {} and "exif" not in image.info and "xmp" not in image.info
    with Image.open(io.BytesIO(thumbnail)) as image:
        assert max(image.size) <= 320
    assert entry.original_had_gps and entry.width == 480 and entry.height == 640
    assert (entry.caption, entry.credit, entry.alt, entry.credit_line) == (
        "Учасники наради в Коростені", "Олена Харченко", "Люди за столом", "Фото: Олена Харченко")


def test_a_photo_belongs_to_a_revision_and_one_image_is_stored_once(database: Database, staff: dict) -> None:
    first = new_release(database, staff["author"])
    second = new_release(database, staff["author"])
    image = phone_jpeg()
    _attach(database, staff["author"], first, image, caption="Перше")
    _attach(database, staff["author"], first, png_bytes(), "chart.png", caption="Друге")
    _attach(database, staff["author"], second, image)
    with database.session() as session:
        assert session.execute(select(func.count()).select_from(PhotoFile)).scalar_one() == 2
        history = revisions.revisions(session, first)
        assert [len(release_photos.entries(r)) for r in history] == [0, 1, 2]
        assert [p.format for p in release_photos.entries(history[-1])] == ["JPEG", "PNG"]
    with database.session() as session:
        release_photos.remove_photo(session, staff["author"], first, 1)
    with database.session() as session:
        history = revisions.revisions(session, first)
        assert [p.caption for p in release_photos.entries(history[-1])] == ["Друге"]
        assert [p.caption for p in release_photos.entries(history[-2])] == ["Перше", "Друге"]  # kept


def test_the_same_photo_twice_in_one_release_is_refused(database: Database, staff: dict) -> None:
    release_id = new_release(database, staff["author"])
    _attach(database, staff["author"], release_id, phone_jpeg())
    before = _state(database, release_id)
    with pytest.raises(PhotoRefused, match="вже є в релізі"):
        _attach(database, staff["author"], release_id, phone_jpeg())
    assert _state(database, release_id) == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "порожній \\(0 байтів\\)"),
        ("Це не фото, а текст.".encode(), "не є зображенням"),
        (truncated_jpeg(), "пошкоджений або обрізаний"),
        (bomb_png(), "забагато пікселів"),
    ],
    ids=["empty", "not-an-image", "truncated-jpeg", "decompression-bomb"],
)
def test_bad_input_is_refused_in_one_line_and_nothing_is_stored(
    database: Database, staff: dict, data: bytes, message: str
) -> None:
    release_id = new_release(database, staff["author"])
    before = _state(database, release_id)
    with pytest.raises(PhotoRefused, match=message) as refused:
        _attach(database, staff["author"], release_id, data, "IMG_0002.jpg")
    assert "\n" not in str(refused.value) and "IMG_0002.jpg" in str(refused.value)
    assert _state(database, release_id) == before


def test_unreadable_paths_are_refused_in_one_line(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jpg"
    empty.write_bytes(b"")
    locked = tmp_path / "locked.jpg"
    locked.write_bytes(phone_jpeg())
    locked.chmod(0)
    cases = {tmp_path / "missing.jpg": "не знайдено", tmp_path: "це тека", empty: "порожній"}
    try:
        import os

        if os.geteuid() != 0:  # root reads any file; the case is then not one this machine can make
            cases[locked] = "Не вдалося прочитати"
        for path, message in cases.items():
            with pytest.raises(PhotoRefused, match=message) as refused:
                read_photo_file(path)
            assert "\n" not in str(refused.value)
    finally:
        locked.chmod(0o600)


def test_a_long_caption_is_refused_before_anything_is_stored(database: Database, staff: dict) -> None:
    release_id = new_release(database, staff["author"])
    before = _state(database, release_id)
    with pytest.raises(UserError, match="Підпис до фото задовгий"):
        _attach(database, staff["author"], release_id, phone_jpeg(), caption="слово " * 200)
    assert _state(database, release_id) == before


def test_changing_a_caption_after_approval_voids_it_and_export_waits_for_a_new_one(
    database: Database, staff: dict
) -> None:
    release_id = new_release(database, staff["author"])
    _attach(database, staff["author"], release_id, phone_jpeg(), caption="Нарада", credit="Олена Харченко")
    with database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff["chief"], release_id)
    approved = load(database, release_id)
    assert approved.status == "approved" and approved.approved_hash == approved.content_hash
    with database.session() as session:
        release = revisions.get_release(session, release_id)
        transitions.approved_document(session, release, staff["exporter"])  # exportable now
        release_photos.update_photo(session, staff["chief"], release_id, 1, caption="Нарада в Коростені")
    voided = load(database, release_id)
    assert voided.status == "draft" and voided.approved_hash == "" and voided.content_hash != approved.content_hash
    with database.session() as session, pytest.raises(WorkflowRefused, match="лише погоджений"):
        transitions.approved_document(session, revisions.get_release(session, release_id), staff["exporter"])
    with database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff["supervisor"], release_id)
    with database.session() as session:
        release = revisions.get_release(session, release_id)
        _doc, _p, _f, revision = transitions.approved_document(session, release, staff["exporter"])
        [photo] = release_photos.export_photos(session, revision)
        assert photo.caption == "Нарада в Коростені"


@pytest.mark.parametrize("change", ["credit", "alt", "order", "image"])
def test_every_part_of_a_photo_is_in_the_content_hash(database: Database, staff: dict, change: str) -> None:
    release_id = new_release(database, staff["author"])
    _attach(database, staff["author"], release_id, phone_jpeg(), caption="Перше")
    _attach(database, staff["author"], release_id, png_bytes(), "b.png", caption="Друге")
    before = load(database, release_id).content_hash
    with database.session() as session:
        user = staff["author"]
        if change == "credit":
            release_photos.update_photo(session, user, release_id, 1, credit="Інший Автор")
        elif change == "alt":
            release_photos.update_photo(session, user, release_id, 2, alt="Діаграма")
        elif change == "order":
            release_photos.move_photo(session, user, release_id, 2, 1)
        else:
            release_photos.remove_photo(session, user, release_id, 2)
            release_photos.attach_photo(session, user, release_id, png_bytes(colour=(1, 2, 3)), "b.png",
                                        caption="Друге")
    assert load(database, release_id).content_hash != before


def test_an_image_changed_in_the_database_after_approval_stops_the_export(database: Database, staff: dict) -> None:
    release_id = release_in_state(database, staff, "draft")
    _attach(database, staff["author"], release_id, phone_jpeg())
    with database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff["chief"], release_id)
    with database.session() as session:
        row = session.execute(select(PhotoFile)).scalar_one()
        row.data = png_bytes()
    with database.session() as session:
        release = revisions.get_release(session, release_id)
        _d, _p, _f, revision = transitions.approved_document(session, release, staff["exporter"])
        with pytest.raises(UserError, match="змінено в базі після погодження"):
            release_photos.export_photos(session, revision)


def test_only_who_may_edit_the_text_may_change_its_photos(database: Database, staff: dict) -> None:
    release_id = new_release(database, staff["author"])
    with database.session() as session, pytest.raises(UserError, match="лише автор"):
        release_photos.attach_photo(session, staff["other_author"], release_id, phone_jpeg(), "a.jpg")
    with database.session() as session, pytest.raises(NotFound, match="немає фото"):
        release_photos.remove_photo(session, staff["author"], release_id, 1)


def test_the_diff_shows_photos_added_recaptioned_and_removed(database: Database, staff: dict) -> None:
    from desktop.workflow import textdiff

    release_id = new_release(database, staff["author"])
    _attach(database, staff["author"], release_id, phone_jpeg(), caption="Нарада", credit="Олена Харченко")
    with database.session() as session:
        release_photos.update_photo(session, staff["author"], release_id, 1, caption="Нарада в Коростені")

    def changed(from_rev: int, to_rev: int) -> tuple[str, str]:
        with database.session() as session:
            pieces = textdiff.diff_revisions(session, release_id, from_rev, to_rev)
        return ("".join(p.text for p in pieces if p.op == "insert"), "".join(p.text for p in pieces if p.op == "delete"))

    inserted, deleted = changed(1, 2)
    assert "Фото 1 [зображення" in inserted and "Нарада · Фото: Олена Харченко" in inserted and deleted == ""
    inserted, deleted = changed(2, 3)
    assert inserted.strip() == "в Коростені" and deleted == ""
    with database.session() as session:
        release_photos.remove_photo(session, staff["author"], release_id, 1)
    inserted, deleted = changed(3, 4)
    assert inserted == "" and "Нарада в Коростені" in deleted


def test_a_reviewer_is_told_of_gps_in_the_original_and_of_coordinates_in_a_caption(
    database: Database, staff: dict
) -> None:
    from desktop.photos.review import photo_notes

    release_id = new_release(database, staff["author"])
    _attach(database, staff["author"], release_id, png_bytes(), "chart.png", caption="Позиція 50.4501, 30.5234")
    _attach(database, staff["author"], release_id, phone_jpeg(), caption="Нарада")
    with database.session() as session:
        notes = photo_notes(release_photos.entries(revisions.get_release(session, release_id)))
    assert len(notes) == 2
    assert notes[0].startswith("Фото №1, підпис: «50.4501, 30.5234» — Координати")
    assert notes[1].startswith("Фото №2: в оригіналі були координати GPS")


def test_a_signed_pdf_with_photos_verifies_against_the_approved_release(
    database: Database, staff: dict, tmp_path: Path
) -> None:
    from desktop.export import authenticity, service
    from desktop.export.signing import load_signer
    from desktop.export.testcert import make_test_certificate

    release_id = new_release(database, staff["author"])
    _attach(database, staff["author"], release_id, phone_jpeg(), caption="Нарада", credit="Олена Харченко")
    with database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff["chief"], release_id)
    signer = load_signer(make_test_certificate(tmp_path / "dept.p12", "пароль-1"), "пароль-1")
    with database.session() as session:
        record = service.export_release(session, staff["exporter"], release_id, "pdf", out_dir=tmp_path / "out",
                                        signer=signer)
    with database.session() as session:
        result = authenticity.verify_file(session, record.path)
    assert result["intact"] and result["release_id"] == release_id and result["text_matches"]
