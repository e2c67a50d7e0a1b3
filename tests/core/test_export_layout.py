"""The page measures and Ukrainian typographic spaces shared by every exporter."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.export import layout
from desktop.export.layout import NBSP, clean_text, loosen, typographic_nbsp


def test_page_measures_follow_dstu_4163() -> None:
    assert (layout.PAGE_WIDTH_MM, layout.PAGE_HEIGHT_MM) == (210, 297)
    assert (layout.MARGIN_LEFT_MM, layout.MARGIN_RIGHT_MM) == (30, 10)
    assert (layout.MARGIN_TOP_MM, layout.MARGIN_BOTTOM_MM) == (20, 20)
    assert layout.FONT_SIZE_PT == 14 and layout.FIRST_LINE_INDENT_CM == 1.25
    assert layout.DOCX_FONT == "Times New Roman" and layout.PDF_FONT == "Liberation Serif"
    for face in layout.FONT_FILES:
        assert layout.font_path(face).is_file()


def test_initials_stay_with_the_surname() -> None:
    assert typographic_nbsp("Ю. Тарасюк") == f"Ю.{NBSP}Тарасюк"
    assert typographic_nbsp("О. В. Харченко") == f"О.{NBSP}В.{NBSP}Харченко"


def test_dates_hold_together() -> None:
    assert typographic_nbsp("20 квітня 2023 року") == f"20{NBSP}квітня{NBSP}2023{NBSP}року"
    assert typographic_nbsp("1 травня") == f"1{NBSP}травня"


def test_a_dash_never_starts_a_line() -> None:
    assert typographic_nbsp("Київ — столиця") == f"Київ{NBSP}— столиця"


def test_short_prepositions_hold_to_the_next_word() -> None:
    assert typographic_nbsp("у Києві з партнерами") == f"у{NBSP}Києві з{NBSP}партнерами"
    assert typographic_nbsp("країн-партнерів у світі") == f"країн-партнерів у{NBSP}світі"


def test_words_ending_in_a_short_word_are_left_alone() -> None:
    assert typographic_nbsp("громада прийняла") == "громада прийняла"


@given(st.text())
def test_nbsp_spacing_compares_equal_to_the_input(text: str) -> None:
    assert loosen(typographic_nbsp(text)) == loosen(text)


@given(st.text())
def test_clean_text_has_no_control_characters(text: str) -> None:
    cleaned = clean_text(text)
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)


def test_the_visa_follows_dstu_4163() -> None:
    visa = layout.Visa("заступник начальника", "Сергій КИРИЧЕНКО", "20.04.2023")
    assert visa.lines() == ["ПОГОДЖЕНО", "Заступник начальника", "Сергій КИРИЧЕНКО", "20.04.2023"]
    office = layout.ReleaseMeta(signature_lines=("Відділ",), visa=visa, copy=layout.OFFICE)
    publication = layout.ReleaseMeta(signature_lines=("Відділ",), visa=visa)
    assert layout.footer_lines(office) == ["Відділ", *visa.lines()]
    assert layout.footer_lines(publication) == ["Відділ"]


def test_thousands_and_units_hold_together() -> None:
    assert typographic_nbsp("понад 1 200 тонн") == f"понад 1{NBSP}200 тонн"
    assert typographic_nbsp("12 500 000 гривень") == f"12{NBSP}500{NBSP}000{NBSP}гривень"
    assert typographic_nbsp("у 2023 році 15 осіб") == f"у{NBSP}2023 році 15{NBSP}осіб"
