"""The one normaliser: the program's own multi-page signed files equal their text, anything added does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.document import Block, Document
from desktop.export import normalise
from desktop.export.layout import reading_text
from desktop.export.signing import export_signed_pdf, load_signer
from desktop.export.testcert import make_test_certificate
from desktop.export.verify import verify_pdf
from tests.core.export_support import department_meta, needs_poppler, two_page_release

MARKS = "Емодзі 🇺🇦 та 👍🏽 у тексті, знаки \u200fнапряму\u200e і м’яке пере\u00adнесення, будь-який, до- та післявоєнний."


def extracted_release(path: Path) -> str:
    result = verify_pdf(path)
    return normalise.without_stamps(normalise.without_page_numbers(result.text), result.signer_names)


@pytest.fixture(scope="module")
def long_release(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, int]:
    """A signed export long enough for several pages, with emoji, bidi marks and a soft hyphen in it."""
    folder = tmp_path_factory.mktemp("long")
    document, signature = two_page_release()
    blocks = document.blocks + document.blocks + (Block.plain("paragraph", MARKS),) + document.blocks
    document = Document(document.title, blocks)
    meta = department_meta(signature)
    certificate = make_test_certificate(folder / "c.p12", "x", common_name="Олена Харченко")
    path = folder / "long.pdf"
    result = export_signed_pdf(document, meta, path, load_signer(certificate, "x"))
    return path, reading_text(document, meta), result.pages


@needs_poppler
def test_the_programs_own_multi_page_file_equals_its_text(long_release: tuple[Path, str, int]) -> None:
    path, expected, pages = long_release
    assert pages >= 3
    text = extracted_release(path)
    assert normalise.equal(expected, text), normalise.word_diff(expected, text)


@needs_poppler
def test_an_appended_or_inserted_paragraph_is_not_equal(long_release: tuple[Path, str, int]) -> None:
    path, expected, _ = long_release
    text = extracted_release(path)
    assert not normalise.equal(expected, text + " Збір коштів на рахунок UA.")
    middle = len(text) // 2
    inserted = text[:middle] + " Збір коштів на рахунок UA. " + text[middle:]
    assert not normalise.equal(expected, inserted)
    assert "зайве «Збір коштів на рахунок UA.»" in normalise.word_diff(expected, text + " Збір коштів на рахунок UA.")


def test_hyphenation_at_a_line_or_page_end_is_typesetting() -> None:
    expected = "Саміт відбувся у Коростені."
    assert normalise.equal(expected, "Са-\nміт відбувся у Корос-\n\n\f2\nтені.".replace("\f2\n", "\n"))
    assert normalise.equal(expected, normalise.without_page_numbers("Саміт відбувся у Корос-\n\f2\n\nтені.\n"))
    assert normalise.equal("будь-який", "будь-\nякий") and normalise.equal("будь-який", "будьякий")


def test_what_the_page_does_not_show_as_text_is_ignored_but_words_are_not() -> None:
    # U+1FAE8 is in neither the text font nor the fallback font: the page cannot show it as text
    assert normalise.equal("Україна \U0001fae8 понад\u00a0усе", "Україна понад усе")
    assert normalise.equal("\u202bнапрям\u202c", "напрям")
    assert normalise.equal("20 квітня 2023 року", "20 квітня 2023року")
    assert not normalise.equal("12 травня", "1-2 травня")
    assert not normalise.equal("температура -5", "температура 5")
    assert not normalise.equal("", "")


def test_a_stamp_is_taken_away_only_for_a_signer_of_the_file() -> None:
    text = "Текст. Підписано електронним підписом Підписувач: Олена Харченко Дата: 02.12.2026 10:15 (Київ, UTC+02:00)"
    assert normalise.without_stamps(text, [("Олена Харченко", "")]) == "Текст."
    assert normalise.without_stamps(text, [("Інша", "")]) == normalise.normalised(text)
    forged = text.replace("Дата:", "Переказуйте кошти Дата:")
    assert normalise.without_stamps(forged, [("Олена Харченко", "")]) == normalise.normalised(forged)
