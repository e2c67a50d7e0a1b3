"""`photo add|list|edit|move|remove` and every export carrying the photos, with no metadata in any image."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from PIL import Image

from desktop.cli import main
from desktop.storage.engine import Database
from desktop.workflow import transitions
from tests.core.export_support import needs_poppler
from tests.photo_support import metadata_markers, png_bytes, truncated_jpeg, write_phone_jpeg
from tests.workflow_support import PASSWORD, load, make_staff, new_release

CAPTION = "Учасники наради з питань відновлення в Коростені"
CREDIT = "Олена Харченко"


@pytest.fixture
def cli(sqlite_database: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """run(login, *arguments) → (exit code, stdout, stderr); staff and one draft by the author."""
    monkeypatch.setenv("VISNYK_PASSWORD", PASSWORD)
    staff = make_staff(sqlite_database)
    draft = new_release(sqlite_database, staff["author"])

    def run(login: str, *arguments: str) -> tuple[int, str, str]:
        code = main(["--database", sqlite_database.url, "--as", login, *arguments])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run, sqlite_database, staff, draft


def _approve(database: Database, staff: dict, release_id: int, approver: str = "chief") -> None:
    with database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        transitions.approve(session, staff[approver], release_id)


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


def _exif_scan(data: bytes) -> list[str]:
    """exiftool's reading when it is installed (any EXIF, GPS or XMP group), plus the byte and Pillow scan."""
    found = metadata_markers(data)
    if shutil.which("exiftool"):
        result = subprocess.run(["exiftool", "-G", "-s", "-"], input=data, capture_output=True, check=True)
        groups = {line.split("]", 1)[0].strip("[") for line in result.stdout.decode().splitlines()}
        found += sorted(groups & {"EXIF", "XMP", "IPTC", "MakerNotes", "Photoshop", "ICC_Profile"})
    return found


def test_photo_add_list_edit_move_remove(cli, tmp_path: Path) -> None:
    run, database, _staff, draft = cli
    photo = write_phone_jpeg(tmp_path)
    code, out, err = run("author", "photo", "add", str(draft), str(photo), "--caption", CAPTION,
                         "--credit", f"Фото: {CREDIT}", "--alt", "Люди за столом наради")
    assert code == 0, err
    assert "Фото №1 додано" in out
    assert "Видалено: координати GPS, модель камери, серійний номер камери, час зйомки" in out
    assert "були координати GPS" in out  # flagged for the reviewer
    (tmp_path / "chart.png").write_bytes(png_bytes())
    assert run("author", "photo", "add", str(draft), str(tmp_path / "chart.png"), "--caption", "Діаграма")[0] == 0
    code, out, _ = run("author", "photo", "list", str(draft), "--json")
    listed = json.loads(out)
    assert [(p["number"], p["caption"], p["credit_line"]) for p in listed] == [
        (1, CAPTION, f"Фото: {CREDIT}"), (2, "Діаграма", "")]
    assert listed[0]["original_had_gps"] and not listed[1]["original_had_gps"]
    assert run("author", "photo", "move", str(draft), "2", "1")[0] == 0
    assert run("author", "photo", "edit", str(draft), "1", "--caption", "Нова діаграма")[0] == 0
    code, out, _ = run("author", "photo", "list", str(draft))
    assert out.splitlines()[0].startswith("  1.") and "Нова діаграма" in out.splitlines()[0]
    assert "[в оригіналі були GPS]" in out.splitlines()[1]
    assert "Перевірте:\nФото №2: в оригіналі були координати GPS" in out
    code, out, _ = run("author", "photo", "remove", str(draft), "1")
    assert code == 0 and "Фото №1 прибрано" in out
    code, out, _ = run("author", "photo", "list", str(draft), "--json")
    assert [p["caption"] for p in json.loads(out)] == [CAPTION]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda folder: folder / "missing.jpg", "не знайдено"),
        (lambda folder: folder, "це тека"),
        (lambda folder: _write(folder / "empty.jpg", b""), "порожній"),
        (lambda folder: _write(folder / "notes.jpg", "не фото".encode()), "не є зображенням"),
        (lambda folder: _write(folder / "cut.jpg", truncated_jpeg()), "обрізаний"),
    ],
    ids=["missing", "folder", "empty", "not-an-image", "truncated"],
)
def test_bad_photo_files_get_one_ukrainian_line_and_change_nothing(cli, tmp_path: Path, make, message: str) -> None:
    run, database, _staff, draft = cli
    before = load(database, draft)
    code, out, err = run("author", "photo", "add", str(draft), str(make(tmp_path)))
    assert code == 2 and out == ""
    assert err.startswith("Помилка: ") and message in err and err.count("\n") == 1 and "Traceback" not in err
    after = load(database, draft)
    assert (after.version, after.content_hash, after.photos_json) == (before.version, before.content_hash, "[]")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_a_caption_changed_after_approval_stops_the_export_until_approved_again(cli, tmp_path: Path) -> None:
    run, database, staff, draft = cli
    assert run("author", "photo", "add", str(draft), str(write_phone_jpeg(tmp_path)), "--caption", CAPTION)[0] == 0
    _approve(database, staff, draft)
    assert run("chief", "photo", "edit", str(draft), "1", "--caption", "Інший підпис")[0] == 0
    assert load(database, draft).status == "draft"
    code, _out, err = run("exporter", "export", str(draft), "--format", "pdf", "--out", str(tmp_path / "out"))
    assert code != 0 and "погоджений" in err
    assert not (tmp_path / "out").exists()
    _approve(database, staff, draft, "supervisor")  # the chief changed the caption: another approves
    assert run("exporter", "export", str(draft), "--format", "pdf", "--out", str(tmp_path / "out"))[0] == 0


@needs_poppler
def test_every_export_carries_the_photos_without_any_metadata(cli, tmp_path: Path) -> None:
    run, database, staff, draft = cli
    out_dir = tmp_path / "out"
    big = write_phone_jpeg(tmp_path, "IMG_0002.jpg", width=2400, height=1800, colour=(40, 90, 200))
    assert run("author", "photo", "add", str(draft), str(write_phone_jpeg(tmp_path)), "--caption", CAPTION,
               "--credit", CREDIT, "--alt", "Люди за столом")[0] == 0
    assert run("author", "photo", "add", str(draft), str(big), "--caption", "Друге фото", "--credit", CREDIT)[0] == 0
    _approve(database, staff, draft)
    paths = {}
    for fmt in ("docx", "pdf", "html", "txt", "package"):
        code, out, err = run("exporter", "export", str(draft), "--format", fmt, "--out", str(out_dir), "--json")
        assert code == 0, err
        paths[fmt] = Path(json.loads(out)["path"])

    # DOCX: both images in word/media, clean, and the caption and credit under them.
    with zipfile.ZipFile(paths["docx"]) as package:
        media = sorted(n for n in package.namelist() if n.startswith("word/media/"))
        assert media == ["word/media/foto-01.jpg", "word/media/foto-02.jpg"]
        for name in package.namelist():
            if name.endswith((".jpg", ".jpeg", ".png")):
                assert _exif_scan(package.read(name)) == [], name
    texts = [_flat(p.text) for p in docx.Document(str(paths["docx"])).paragraphs]
    assert f"{CAPTION}. Фото: {CREDIT}" in texts and f"Друге фото. Фото: {CREDIT}" in texts
    assert len(docx.Document(str(paths["docx"])).inline_shapes) == 2

    # PDF: pdfimages lists both; the caption and credit come back from pdftotext.
    listing = subprocess.run(["pdfimages", "-list", str(paths["pdf"])], capture_output=True, text=True, check=True)
    assert len(listing.stdout.strip().splitlines()[2:]) == 2
    subprocess.run(["pdfimages", "-all", str(paths["pdf"]), str(tmp_path / "pdfimg")], check=True)
    extracted = sorted(tmp_path.glob("pdfimg-*"))
    assert len(extracted) == 2 and all(_exif_scan(p.read_bytes()) == [] for p in extracted)
    text = _flat(subprocess.run(["pdftotext", str(paths["pdf"]), "-"], capture_output=True, text=True).stdout)
    assert f"{CAPTION}. Фото: {CREDIT}" in text and f"Друге фото. Фото: {CREDIT}" in text

    # HTML: a folder with the page and its web-sized images, referenced by <figure>.
    page = paths["html"]
    assert page.parent.name == page.stem and page.parent.parent == out_dir
    html = page.read_text(encoding="utf-8")
    assert '<img src="images/foto-01.jpg" alt="Люди за столом">' in html
    assert f'<span class="credit">Фото: {CREDIT}</span></figcaption>' in html.replace("\u00a0", " ")
    assert html.index("foto-01.jpg") < html.index("foto-02.jpg")
    for name in ("foto-01.jpg", "foto-02.jpg"):
        data = (page.parent / "images" / name).read_bytes()
        assert _exif_scan(data) == []
        with Image.open(io.BytesIO(data)) as image:
            assert max(image.size) <= 1600
    with Image.open(page.parent / "images" / "foto-02.jpg") as image:
        assert image.size == (1600, 1200)  # 2400×1800 scaled for the web

    # The plain text names the credit once.
    assert paths["txt"].read_text(encoding="utf-8").count(f"Фото: {CREDIT}") == 1

    # The package: the page, the images and the channel text.
    assert paths["package"].suffix == ".zip"
    with zipfile.ZipFile(paths["package"]) as package:
        names = set(package.namelist())
        stem = paths["package"].stem
        assert {f"{stem}.html", f"{stem}.txt", "images/foto-01.jpg", "images/foto-02.jpg"} <= names
        assert all(_exif_scan(package.read(n)) == [] for n in names if n.startswith("images/"))
        assert f"Фото: {CREDIT}" in package.read(f"{stem}.txt").decode("utf-8")
        assert 'src="images/foto-02.jpg"' in package.read(f"{stem}.html").decode("utf-8")
