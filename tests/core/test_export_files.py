"""File names from headlines and atomic writes that leave nothing half-written."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from desktop.errors import UserError
from desktop.export import files
from desktop.export.files import atomic_write, safe_filename, sha256_file
from desktop.export.pdf import export_pdf
from tests.core.export_support import department_meta, typography_release

DAY = date(2023, 4, 20)


def test_name_from_date_and_headline_keeps_ukrainian_letters() -> None:
    name = safe_filename(DAY, "Міжнародний Саміт Міст та Регіонів України «Партнерство заради Перемоги»", "pdf")
    assert name.startswith("2023-04-20-міжнародний-саміт-міст-та-регіонів")
    assert name.endswith(".pdf")
    assert len(name) <= len("2023-04-20-") + 60 + len(".pdf")


def test_unsafe_characters_are_removed() -> None:
    name = safe_filename(DAY, 'Звіт: 50/50 «так» чи "ні"? <b>|*\\ \x00\x07кінець', "docx")
    assert not set('/\\:*?"<>|\x00\x07') & set(name)
    assert name == "2023-04-20-звіт-50-50-так-чи-ні-b-кінець.docx"


@pytest.mark.parametrize("headline", ['/:*?"<>|', "", "   ", "\x00\x01\x1f", "«»—…"])
def test_a_headline_of_only_unsafe_characters_still_gets_a_name(headline: str) -> None:
    assert safe_filename(DAY, headline, "pdf") == "2023-04-20-reliz.pdf"


def test_apostrophes_join_the_word() -> None:
    assert safe_filename(DAY, "Об’єднана громада", "txt") == "2023-04-20-об-єднана-громада.txt"


def test_atomic_write_writes_and_hashes(tmp_path: Path) -> None:
    path = atomic_write(tmp_path / "a.txt", "вміст")
    assert path.read_text(encoding="utf-8") == "вміст"
    assert sha256_file(path) == files.sha256_bytes("вміст".encode())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_an_existing_file_is_not_overwritten_without_asking(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("старе")
    with pytest.raises(UserError, match="уже існує"):
        atomic_write(tmp_path / "a.txt", "нове")
    assert (tmp_path / "a.txt").read_text() == "старе"
    atomic_write(tmp_path / "a.txt", "нове", overwrite=True)
    assert (tmp_path / "a.txt").read_text() == "нове"


def test_full_disk_leaves_no_partial_file(tmp_path: Path) -> None:
    def writer(stream) -> None:  # noqa: ANN001
        stream.write(b"%PDF-1.4 half of it")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError, match="Недостатньо місця на диску"):
        atomic_write(tmp_path / "release.pdf", writer)
    assert list(tmp_path.iterdir()) == []


def test_full_disk_during_an_export_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fsync = os.fsync

    def full(descriptor: int) -> None:
        real_fsync(descriptor)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(UserError, match="Недостатньо місця"):
        export_pdf(typography_release(), department_meta(), tmp_path / "release.pdf")
    assert list(tmp_path.iterdir()) == []


def test_unwritable_folder_is_refused_in_ukrainian(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(UserError, match="Немає права запису"):
        export_pdf(typography_release(), department_meta(), tmp_path / "release.pdf")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_really_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(UserError, match="Немає права запису"):
            atomic_write(folder / "a.txt", "x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


def test_rename_failure_removes_the_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(files.os, "replace", refuse)
    with pytest.raises(UserError):
        atomic_write(tmp_path / "a.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="не існує"):
        atomic_write(tmp_path / "absent" / "a.txt", "x")
