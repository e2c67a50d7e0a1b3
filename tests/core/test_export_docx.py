"""DOCX export read back with python-docx, and rendered by LibreOffice where it is installed."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop.export.docx import HASH_PROPERTY, STYLE_NAMES, export_docx, read_custom_properties
from desktop.export.layout import reading_text
from tests.core.export_support import (
    department_meta,
    pages_without_numbers,
    pdftotext,
    reference_release,
    squash,
    two_page_release,
    typography_release,
)


@pytest.fixture()
def reference_docx(tmp_path: Path) -> tuple[Path, object, object]:
    document, signature = reference_release()
    meta = department_meta(signature)
    return export_docx(document, meta, tmp_path / "release.docx"), document, meta


def test_paragraphs_use_named_styles_without_direct_formatting(reference_docx) -> None:
    path, document, _ = reference_docx
    opened = docx.Document(str(path))
    names = [paragraph.style.name for paragraph in opened.paragraphs]
    assert names[:4] == ["Visnyk Organisation", "Visnyk Date", "Visnyk Headline", "Visnyk Lead"]
    assert names.count("Visnyk Body") == len(document.blocks) - 1
    # The publication: the signature, no visa.
    assert names[-3:] == ["Visnyk Body", "Visnyk Signature First", "Visnyk Signature"]
    for paragraph in opened.paragraphs:
        p_pr = paragraph._p.pPr
        assert [child.tag for child in p_pr] == [qn("w:pStyle")]
        for run in paragraph.runs:
            assert run.font.name is None and run.font.size is None


def test_styles_carry_the_page_measures_and_ukrainian_language(reference_docx) -> None:
    path, _, _ = reference_docx
    styles = docx.Document(str(path)).styles
    for key, name in STYLE_NAMES.items():
        style = styles[name]
        language = style.element.rPr.find(qn("w:lang"))
        assert language.get(qn("w:val")) == "uk-UA", name
        assert style.font.name == "Times New Roman", key
    body = styles["Visnyk Body"]
    assert body.font.size == Pt(14)
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 1.25
    assert body.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY
    headline = styles["Visnyk Headline"]
    assert headline.font.bold and headline.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER


def test_page_is_a4_with_dstu_margins_and_numbers_from_page_two(reference_docx) -> None:
    path, _, _ = reference_docx
    section = docx.Document(str(path)).sections[0]
    measures = [section.page_width, section.page_height, section.left_margin, section.right_margin,
                section.top_margin, section.bottom_margin]
    # Word stores twentieths of a point, so millimetres come back within a hundredth.
    assert [round(value.mm, 1) for value in measures] == [210, 297, 30, 10, 20, 20]
    assert section.different_first_page_header_footer
    assert 'w:instr="PAGE"' in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_automatic_hyphenation_is_on(reference_docx) -> None:
    path, _, _ = reference_docx
    with zipfile.ZipFile(path) as package:
        assert b"<w:autoHyphenation/>" in package.read("word/settings.xml")


def test_core_and_custom_properties(reference_docx) -> None:
    path, document, meta = reference_docx
    properties = docx.Document(str(path)).core_properties
    assert properties.title == document.title
    assert properties.author == meta.department
    assert properties.subject == meta.subject
    assert properties.created.replace(microsecond=0) == meta.created.replace(microsecond=0, tzinfo=None) or \
        properties.created == meta.created.replace(microsecond=0)
    assert read_custom_properties(path) == {HASH_PROPERTY: meta.content_hash}


def test_text_and_emphasis_read_back(tmp_path: Path) -> None:
    document = typography_release()
    meta = department_meta()
    path = export_docx(document, meta, tmp_path / "typography.docx")
    opened = docx.Document(str(path))
    text = "\n".join(paragraph.text for paragraph in opened.paragraphs)
    assert squash(text) == squash(reading_text(document, meta))
    lead = next(p for p in opened.paragraphs if p.style.name == "Visnyk Lead")
    flags = {run.text: (run.bold, run.italic, run.underline) for run in lead.runs}
    assert flags["жирне"] == (True, None, None)
    assert flags["курсив"] == (None, True, None)
    assert flags["підкреслене"] == (None, None, True)
    assert "Ю.\u00a0Тарасюк" in text and "20\u00a0квітня\u00a02023\u00a0року" in text


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_renders_the_docx_text(tmp_path: Path) -> None:
    document, signature = two_page_release()
    meta = department_meta(signature)
    path = export_docx(document, meta, tmp_path / "release.docx")
    subprocess.run(
        ["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "out"), str(path)],
        capture_output=True, timeout=180, check=True,
    )
    rendered = tmp_path / "out" / "release.pdf"
    # LibreOffice prints the page number at the top of page 2 on (as many pages as its fonts make).
    pages = pages_without_numbers(pdftotext(rendered))
    assert len(pages) >= 2
    joined = "\n".join(pages)
    # pdftotext joins a word split at a line's end and drops the hyphen, also the real one of a compound
    # that happens to break there («країн-\nпартнерів»): where lines break is LibreOffice's business.
    assert squash(joined).replace("-", "") == squash(reading_text(document, meta)).replace("-", "")


def test_logo_sits_in_its_own_styled_paragraph(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (100, 120), (0, 87, 183)).save(logo)
    document, signature = reference_release()
    path = export_docx(document, department_meta(signature, logo_path=logo), tmp_path / "logo.docx")
    opened = docx.Document(str(path))
    assert len(opened.inline_shapes) == 1
    assert round(opened.inline_shapes[0].height.mm) == 20
    assert opened.paragraphs[0].style.name == "Visnyk Logo"
    assert opened.paragraphs[1].style.name == "Visnyk Organisation"


def test_a_broken_logo_does_not_stop_the_docx(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture")
    document, signature = reference_release()
    path = export_docx(document, department_meta(signature, logo_path=logo), tmp_path / "x.docx")
    assert docx.Document(str(path)).paragraphs[0].style.name == "Visnyk Organisation"
