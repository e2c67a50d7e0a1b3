"""The DOCX base kept in the cache folder: the same parts as built, a new key for a new logo, never stale."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from desktop.export import docx_template
from desktop.export.docx_base import build_parts
from desktop.paths import user_cache_dir


@pytest.fixture(autouse=True)
def _fresh_process_memo():
    """Each test sees template_parts as a new process would: nothing remembered in memory."""
    docx_template.template_parts.cache_clear()
    yield
    docx_template.template_parts.cache_clear()


def _cached_files() -> list[Path]:
    return sorted(user_cache_dir().glob("docx-base-*.zip"))


def test_the_first_export_writes_the_base_and_the_next_reads_the_same_parts(monkeypatch):
    assert _cached_files() == []
    built = docx_template.template_parts(None, 0.0)
    assert built == build_parts(None)
    [cached] = _cached_files()
    docx_template.template_parts.cache_clear()

    def no_build(_logo):  # a second process must read the file, not build again
        raise AssertionError("built although cached")

    monkeypatch.setattr("desktop.export.docx_base.build_parts", no_build)
    assert docx_template.template_parts(None, 0.0) == built
    assert cached.name == f"docx-base-{docx_template.base_key(None)}.zip"


def test_a_logo_of_other_bytes_gets_its_own_base(tmp_path: Path):
    logo = tmp_path / "logo.png"
    Image.new("RGB", (100, 120), (0, 87, 183)).save(logo)
    first_key = docx_template.base_key(logo)
    with_logo = docx_template.template_parts(logo, logo.stat().st_mtime)
    assert with_logo != docx_template.template_parts(None, 0.0)
    assert any(name.startswith("word/media/") for name, _data in with_logo)
    Image.new("RGB", (100, 120), (200, 0, 0)).save(logo)  # the same file name, another picture
    assert docx_template.base_key(logo) != first_key
    docx_template.template_parts.cache_clear()
    assert docx_template.template_parts(logo, logo.stat().st_mtime) == build_parts(logo)


def test_a_change_of_the_builders_code_changes_the_key(monkeypatch, tmp_path: Path):
    before = docx_template.base_key(None)
    changed = tmp_path / "docx_base.py"
    changed.write_bytes((docx_template._HERE / "docx_base.py").read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(docx_template, "_HERE", tmp_path)
    for name in ("docx_names.py", "layout.py"):
        (tmp_path / name).write_bytes((Path(docx_template.__file__).parent / name).read_bytes())
    docx_template._code_digest.cache_clear()
    try:
        assert docx_template.base_key(None) != before
    finally:
        docx_template._code_digest.cache_clear()


def test_a_damaged_cached_base_is_built_again():
    built = docx_template.template_parts(None, 0.0)
    [cached] = _cached_files()
    cached.write_bytes(b"not a zip")
    docx_template.template_parts.cache_clear()
    assert docx_template.template_parts(None, 0.0) == built
    with zipfile.ZipFile(cached) as package:  # and written whole again
        assert package.namelist() == [name for name, _data in built]


def test_an_unwritable_cache_folder_still_exports(monkeypatch, tmp_path: Path):
    def no_folder():
        raise PermissionError("read-only")

    monkeypatch.setattr("desktop.paths.user_cache_dir", no_folder)
    assert docx_template.template_parts(None, 0.0) == build_parts(None)


def test_the_writer_loaded_ahead_is_the_one_the_export_uses():
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from desktop.export import service\n"
        "service.prepare_writer('txt')\n"
        "assert 'reportlab' not in sys.modules and 'desktop.export.docx' not in sys.modules\n"
        "service.prepare_writer('docx')\n"
        "assert 'desktop.export.docx' in sys.modules and 'docx' not in sys.modules\n"
        "service.prepare_writer('pdf')\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from desktop.export.pdf_fonts import FONT_NAMES\n"
        "assert FONT_NAMES['regular'] in pdfmetrics.getRegisteredFontNames()\n"
        "assert 'pyhanko' not in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
