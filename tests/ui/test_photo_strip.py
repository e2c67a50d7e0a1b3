"""The editor's photo strip: photos attached by the editor's own actions, reordered, captioned, exported in order."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.releases import photos as release_photos
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.workflow import transitions
from tests.photo_support import metadata_markers, png_bytes, truncated_jpeg, write_phone_jpeg
from tests.ui.drafting_support import type_text
from tests.ui.review_support import as_user, create, editor_window, submit, submit_despite_findings_fixture  # noqa: F401

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")


def _pick(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> list[str]:
    """The file dialog answers with these files; returns the filters it was asked with."""
    asked: list[str] = []

    def dialog(_parent: Any, _title: str, _folder: str, filters: str) -> tuple[list[str], str]:
        asked.append(filters)
        return [str(p) for p in paths], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", dialog)
    return asked


def _drop(strip: Any, *paths: Path) -> None:
    """Files dropped from a file manager onto the strip's thumbnails."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    strip.list.dropEvent(event)


def _type_words(qtbot: Any, edit: Any, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    type_text(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)  # editingFinished


def _stored(database: Database, release_id: int) -> list[release_photos.PhotoEntry]:
    with database.session() as session:
        return release_photos.entries(revisions.get_release(session, release_id))


@needs_poppler
def test_two_photos_attached_reordered_captioned_and_exported_in_that_order(
    qtbot: Any, sqlite_database: Database, people: dict, message_boxes: dict, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    strip = window.photo_strip
    assert strip.hint.isVisible() and strip.list.count() == 0

    red = write_phone_jpeg(tmp_path, "IMG_red.jpg", width=800, height=600, colour=(210, 30, 30))
    filters = _pick(monkeypatch, red)
    strip.add_action.trigger()  # «Додати фото…» and the file dialog
    assert "*.jpg" in filters[0]
    assert strip.list.count() == 1
    assert "Видалено: координати GPS, модель камери" in strip.report.text()
    assert "координати GPS місця зйомки" in strip.report.text()  # the GPS warning for the author
    assert strip.notes.text().startswith("Фото №1: в оригіналі були координати GPS")  # and for the reviewer

    green = tmp_path / "chart_green.png"
    green.write_bytes(png_bytes(800, 600, (20, 170, 60)))
    _drop(strip, green)  # dragged in from a file manager
    assert strip.list.count() == 2 and strip.list.currentRow() == 1

    # The editor's own unsaved words are saved first: no conflict with the photo's change.
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_text(window.editor, " Додано фото.")
    strip.earlier_action.trigger()  # the green chart goes first
    assert [p.format for p in _stored(sqlite_database, release_id)] == ["PNG", "JPEG"]
    assert strip.list.currentRow() == 0 and not window.is_dirty()
    assert "Додано фото." in revisions.release_document(_load(sqlite_database, release_id)).plain_text()

    _type_words(qtbot, strip.caption_edit, "Діаграма відновлення")
    _type_words(qtbot, strip.credit_edit, "Олена Мельник")
    strip.list.setCurrentRow(1)
    _type_words(qtbot, strip.caption_edit, "Нарада в Коростені")
    _type_words(qtbot, strip.alt_edit, "Червоне тло з білим кутом")
    stored = _stored(sqlite_database, release_id)
    assert [(p.caption, p.credit, p.alt) for p in stored] == [
        ("Діаграма відновлення", "Олена Мельник", ""), ("Нарада в Коростені", "", "Червоне тло з білим кутом")]
    assert message_boxes["warnings"] == [] and window.version == _load(sqlite_database, release_id).version

    submit(sqlite_database, people["author"], release_id)
    with sqlite_database.session() as session:
        transitions.approve(session, session.merge(people["supervisor"]), release_id)
    [record] = as_user(sqlite_database, people["admin"]).exports.export(release_id, ["pdf"], out_dir=tmp_path / "out")
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(record.path), "-"], capture_output=True,
                                                text=True, check=True).stdout.replace("\u00a0", " "))
    assert text.index("Діаграма відновлення. Фото: Олена Мельник") < text.index("Нарада в Коростені")
    listing = subprocess.run(["pdfimages", "-list", str(record.path)], capture_output=True, text=True, check=True)
    assert len(listing.stdout.strip().splitlines()[2:]) == 2
    subprocess.run(["pdfimages", "-all", str(record.path), str(tmp_path / "img")], check=True)
    assert all(metadata_markers(p.read_bytes()) == [] for p in tmp_path.glob("img-*"))
    # A picture of the page, to look at: tmp_path/page-1.png.
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(record.path), str(tmp_path / "page")], check=True)
    assert (tmp_path / "page-1.png").is_file()


def _load(database: Database, release_id: int) -> Any:
    with database.session() as session:
        return revisions.get_release(session, release_id)


def test_a_thumbnail_dragged_to_another_place_moves_the_photo(
    qtbot: Any, sqlite_database: Database, people: dict, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    strip = window.photo_strip
    files = [tmp_path / f"{n}.png" for n in range(3)]
    for number, path in enumerate(files):
        path.write_bytes(png_bytes(200, 150, (number * 80, 10, 10)))
    _pick(monkeypatch, *files)
    strip.add_action.trigger()
    first = [p.sha256 for p in _stored(sqlite_database, release_id)]
    # What QListWidget does when a thumbnail is dropped after the last one.
    assert strip.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)
    assert [p.sha256 for p in _stored(sqlite_database, release_id)] == [first[1], first[2], first[0]]
    assert [strip.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(3)] == [1, 2, 3]


def test_a_bad_file_is_refused_with_its_message_and_the_release_is_unchanged(
    qtbot: Any, sqlite_database: Database, people: dict, message_boxes: dict, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    before = _load(sqlite_database, release_id)
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(truncated_jpeg())
    _pick(monkeypatch, cut)
    window.photo_strip.add_action.trigger()
    assert len(message_boxes["warnings"]) == 1 and "обрізаний" in message_boxes["warnings"][0]
    after = _load(sqlite_database, release_id)
    assert (after.version, after.content_hash, after.photos_json) == (before.version, before.content_hash, "[]")
    assert window.photo_strip.list.count() == 0


def test_removing_asks_first_and_a_read_only_release_offers_no_changes(
    qtbot: Any, sqlite_database: Database, people: dict, message_boxes: dict, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    release_id = create(sqlite_database, people["author"])
    window = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    _pick(monkeypatch, write_phone_jpeg(tmp_path))
    window.photo_strip.add_action.trigger()
    message_boxes["question_answer"] = QMessageBox.StandardButton.No
    window.photo_strip.remove_action.trigger()
    assert len(_stored(sqlite_database, release_id)) == 1
    message_boxes["question_answer"] = QMessageBox.StandardButton.Yes
    window.photo_strip.remove_action.trigger()
    assert _stored(sqlite_database, release_id) == [] and window.photo_strip.list.count() == 0
    window.photo_strip.add_action.trigger()
    window.close()

    submit(sqlite_database, people["author"], release_id)  # under review: the author may not change it
    again = editor_window(qtbot, as_user(sqlite_database, people["author"]), release_id)
    strip = again.photo_strip
    assert strip.list.count() == 1
    assert not strip.add_action.isEnabled() and not strip.remove_action.isEnabled()
    assert not strip.caption_edit.isEnabled()
