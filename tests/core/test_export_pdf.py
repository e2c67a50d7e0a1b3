"""PDF export read back with poppler: exact text, embedded fonts, page numbers, properties."""

from __future__ import annotations

import subprocess
from pathlib import Path

from desktop.export.layout import reading_text
from desktop.export.pdf import export_pdf, render_pdf
from tests.core.export_support import (
    department_meta,
    needs_poppler,
    pages_without_numbers,
    pdftotext,
    reference_release,
    squash,
    two_page_release,
    typography_release,
)

pytestmark = needs_poppler


def test_reference_release_extracts_exactly(tmp_path: Path) -> None:
    document, signature = reference_release()
    meta = department_meta(signature)
    result = export_pdf(document, meta, tmp_path / "release.pdf")
    pages = pages_without_numbers(pdftotext(result.path))
    assert result.pages == len(pages)
    # Hyphenation is on: poppler joins a line-end hyphen it finds, so the text comes back whole.
    assert squash("\n".join(pages)) == squash(reading_text(document, meta))
    assert squash(document.plain_text()) in squash("\n".join(pages))


def test_apostrophes_quotes_and_dashes_survive(tmp_path: Path) -> None:
    document = typography_release()
    meta = department_meta()
    export_pdf(document, meta, tmp_path / "typography.pdf")
    text = pdftotext(tmp_path / "typography.pdf")
    assert squash(text) == squash(reading_text(document, meta))
    for fragment in ("Об’єднані", "Сім’я", "кар'єра", "ательєʼ", "«разом»", " — ", "1–2"):
        assert fragment in squash(text)


def test_only_embedded_subset_fonts(tmp_path: Path) -> None:
    document, signature = reference_release()
    export_pdf(document, department_meta(signature), tmp_path / "release.pdf")
    listing = subprocess.run(["pdffonts", str(tmp_path / "release.pdf")], capture_output=True, text=True,
                             check=True).stdout.splitlines()[2:]
    assert listing, "no fonts listed"
    for row in listing:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert "+LiberationSerif" in name
        assert (emb, sub, uni) == ("yes", "yes", "yes")


def test_two_pages_extract_exactly_without_page_numbers(tmp_path: Path) -> None:
    document, signature = two_page_release()
    meta = department_meta(signature)
    result = export_pdf(document, meta, tmp_path / "release.pdf")
    pages = pages_without_numbers(pdftotext(result.path))
    assert result.pages == len(pages) >= 2
    assert squash("\n".join(pages)) == squash(reading_text(document, meta))


def test_first_page_has_no_number_and_later_pages_do(tmp_path: Path) -> None:
    document, signature = two_page_release()
    export_pdf(document, department_meta(signature), tmp_path / "release.pdf")
    first = pdftotext(tmp_path / "release.pdf", "-f", "1", "-l", "1").strip().splitlines()
    second = pdftotext(tmp_path / "release.pdf", "-f", "2", "-l", "2").strip().splitlines()
    assert first[0] != "1"
    assert second[0].strip() == "2"


def test_document_properties(tmp_path: Path) -> None:
    document, signature = reference_release()
    meta = department_meta(signature)
    export_pdf(document, meta, tmp_path / "release.pdf")
    info = subprocess.run(["pdfinfo", str(tmp_path / "release.pdf")], capture_output=True, text=True,
                          check=True).stdout
    fields = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)
    assert fields["Title"].strip() == document.title
    assert fields["Author"].strip() == meta.department
    assert fields["Creator"].strip() == "Вісник"
    assert fields["Subject"].strip() == "Прес-реліз"
    assert meta.content_hash in fields["Keywords"]
    assert fields["Page size"].strip().startswith("595.276 x 841.89")


def test_signature_block_position_is_reported_on_the_last_page() -> None:
    document, signature = reference_release()
    _, result = render_pdf(document, department_meta(signature), stamp_space=True)
    box = result.signature_box
    assert box is not None and box.page_index == result.pages - 1
    left_margin = 30 / 25.4 * 72
    assert abs(box.x1 - left_margin) < 1
    assert 56 < box.y1 < box.y2 < 842 - 56


def test_left_margin_and_first_line_indent(tmp_path: Path) -> None:
    document, signature = reference_release()
    export_pdf(document, department_meta(signature), tmp_path / "release.pdf")
    bbox = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(tmp_path / "release.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    lefts = sorted({round(float(part.split('"')[1]), 1) for part in bbox.split("xMin=")[1:]})
    margin = 30 / 25.4 * 72
    indent = margin + 1.25 / 2.54 * 72
    assert abs(lefts[0] - margin) < 0.6
    assert any(abs(value - indent) < 0.6 for value in lefts)


def test_logo_is_drawn_above_the_text(tmp_path: Path) -> None:
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (100, 120), (0, 87, 183)).save(logo)
    document, signature = reference_release()
    meta = department_meta(signature, logo_path=logo)
    export_pdf(document, meta, tmp_path / "logo.pdf")
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / "logo.pdf")], capture_output=True, text=True,
                            check=True).stdout.splitlines()[2:]
    assert len(images) == 1 and images[0].split()[0] == "1"
    pages = pages_without_numbers(pdftotext(tmp_path / "logo.pdf"))
    assert squash("\n".join(pages)) == squash(reading_text(document, meta))


def test_a_broken_logo_does_not_stop_the_export(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"not a picture")
    document, signature = reference_release()
    assert export_pdf(document, department_meta(signature, logo_path=logo), tmp_path / "x.pdf").pages >= 1
