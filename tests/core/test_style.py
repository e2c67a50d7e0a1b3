"""Style: the calque table, matched in every inflected form, with inflected corrections."""

from __future__ import annotations

import pytest

from desktop.language.phrases import word_forms
from desktop.language.spelling import SpellChecker
from desktop.language.style import (
    STYLE_RULES_FILE,
    StyleChecker,
    StyleRule,
    default_style_checker,
    load_style_rules,
)


@pytest.fixture(scope="module")
def style() -> StyleChecker:
    return default_style_checker()


def found(style: StyleChecker, text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[f.start:f.end], f.suggestions) for f in style.findings(text)]


def test_table_has_at_least_sixty_rules_with_explanations() -> None:
    rules = load_style_rules()
    assert len(rules) >= 60
    assert all(rule.correction and rule.explanation for rule in rules)
    assert len({rule.phrase for rule in rules}) == len(rules)


def test_every_correction_is_spelt_right() -> None:
    speller = SpellChecker()
    wrong = [rule.correction for rule in load_style_rules() if speller.findings(rule.correction)]
    assert wrong == []


def test_table_file_is_in_resources() -> None:
    assert STYLE_RULES_FILE.name == "style_rules.csv" and STYLE_RULES_FILE.exists()


def test_phrase_as_written_is_found(style) -> None:
    assert found(style, "прийняти участь") == [("прийняти участь", ("взяти участь",))]


def test_inflected_phrase_is_found_and_its_correction_inflected(style) -> None:
    assert found(style, "Вони прийняли участь") == [("прийняли участь", ("взяли участь",))]


def test_noun_case_is_carried_to_the_correction(style) -> None:
    assert found(style, "не приймали участі") == [("приймали участі", ("брали участі",))]


def test_single_word_rule_keeps_the_verb_form(style) -> None:
    assert found(style, "Дані співпадають") == [("співпадають", ("збігаються",))]


def test_adjective_rule_keeps_case_and_gender(style) -> None:
    assert found(style, "слідуючого тижня") == [("слідуючого", ("наступного",))]


def test_fixed_phrase_with_inflected_word_is_matched_as_written(style) -> None:
    assert found(style, "на протязі року") == [("на протязі", ("протягом",))]
    assert found(style, "вийти на протяг") == []


def test_u_and_v_alternate(style) -> None:
    assert found(style, "В відповідності до закону") == [("В відповідності до", ("Відповідно до",))]


def test_capital_letter_is_kept(style) -> None:
    assert found(style, "Прийняли участь") == [("Прийняли участь", ("Взяли участь",))]


def test_words_of_a_phrase_must_be_adjacent(style) -> None:
    assert found(style, "прийняли. Участь") == []


def test_two_word_correction_of_a_different_shape(style) -> None:
    assert found(style, "приймали міри") == [("приймали міри", ("вживали заходів",))]


def test_message_names_the_correction_and_explains(style) -> None:
    finding = style.findings("на протязі року")[0]
    assert "протягом" in finding.message and finding.kind == "style" and finding.rule == "style:на протязі"


def test_correct_usage_is_quiet(style) -> None:
    text = "Протягом року голови громад взяли участь у форумі й ужили заходів відповідно до закону."
    assert found(style, text) == []


def test_custom_table() -> None:
    checker = StyleChecker([StyleRule("міроприємство", "захід", "Русизм.")])
    assert found(checker, "з міроприємствами") == [("міроприємствами", ("заходами",))]


def test_lexeme_of_a_dictionary_form_covers_its_cases() -> None:
    assert {"приліт", "прильоту", "прильотів"} <= word_forms("приліт")


def test_adjective_use_of_a_phrase_word_is_not_flagged(style) -> None:
    assert found(style, "у цілому світі та в першу неділю місяця") == []


def test_phrase_forms_are_derived_once_by_a_helper_process(tmp_path) -> None:
    import json
    import os
    import subprocess
    import sys

    script = (
        "from desktop.language.inflection import morph\n"
        "from desktop.language.style import StyleChecker, StyleRule\n"
        "checker = StyleChecker([StyleRule('прийняти участь', 'взяти участь', 'калька')])\n"
        "print(checker.findings('Вони взяли участь.'), morph.cache_info().currsize)\n"
        "print([f.suggestions for f in checker.findings('Вони прийняли участь.')])\n"
    )
    env = dict(os.environ, VISNYK_DATA_DIR=str(tmp_path))
    first = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    # checking needs no analyser (24 MB) in this process; a finding's inflected correction does
    assert first.stdout.splitlines() == ["[] 0", "[('взяли участь',)]"]
    [cache] = (tmp_path / "cache").glob("phrase-forms-*.json")
    assert "прийняли" in json.loads(cache.read_text(encoding="utf-8"))["прийняти"]
    again = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert again.stdout == first.stdout


def test_phrase_forms_are_derived_here_when_no_helper_can_run(tmp_path, monkeypatch) -> None:
    from desktop.language import phrases

    monkeypatch.setenv("VISNYK_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(phrases.sys, "executable", str(tmp_path / "no-python"))
    forms = phrases.all_word_forms(["прийняти", "участь"])
    assert "прийняли" in forms["прийняти"]
    assert list((tmp_path / "cache").glob("phrase-forms-*.json"))  # written for the next start
