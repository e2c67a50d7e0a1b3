"""The F7 panel shows a short finding (a digit, a space, a letter) among its neighbours: whole words only."""

from __future__ import annotations

from desktop.language.finding import Finding
from ui.proofing.panel import snippet

TEXT = "Сьогодні, 05 березня 2023 року, в Коростені відбулася нарада. Заступники. В ході наради"


def _at(text: str, fragment: str) -> Finding:
    start = text.index(fragment)
    return Finding(start, start + len(fragment), "typography", "rule", "…")


def test_the_word_either_side_of_a_finding_is_shown_whole() -> None:
    assert snippet(TEXT, _at(TEXT, "05"), "5") == ("Сьогодні, 05 березня", "Сьогодні, 5 березня")
    assert snippet(TEXT, _at(TEXT, ". В"), ". У") == ("Заступники. В ході", "Заступники. У ході")
    assert snippet(TEXT, _at(TEXT, " в "), " у ") == ("року, в Коростені", "року, у Коростені")


def test_a_very_long_word_beside_it_is_left_out_rather_than_cut() -> None:
    text = "Найдовшенайдовшенайдовшеслово, 05 березня"
    assert snippet(text, _at(text, "05"), "5") == ("05 березня", "5 березня")


def test_a_finding_at_either_end_of_the_text_has_words_on_one_side() -> None:
    assert snippet("05 березня", _at("05 березня", "05"), None) == ("05 березня", None)
    assert snippet("нарада ,", _at("нарада ,", " ,"), ",") == ("нарада ,", "нарада,")
