"""Spelling: the shipped dictionaries, accepted words, word splitting and ranked suggestions."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from desktop.language.lexicon import lexicon as speller_lexicon
from desktop.language.spelling import DEFAULT_GLOSSARY, DICTIONARY_DIR, Dictionaries, SpellChecker


@pytest.fixture
def speller() -> SpellChecker:
    return SpellChecker(extra_words=("ОВА", "Тарасюк"))


def flagged(speller: SpellChecker, text: str) -> list[str]:
    return [text[f.start:f.end] for f in speller.findings(text)]


def test_shipped_dictionary_files_and_licences_exist() -> None:
    for name in ("uk_UA.aff", "uk_UA.dic", "en_US.aff", "en_US.dic"):
        assert (DICTIONARY_DIR / "hunspell" / name).stat().st_size > 1000
    assert (DICTIONARY_DIR / "LICENSE-hunspell-uk").exists()
    assert (DICTIONARY_DIR / "LICENSE-hunspell-en-us").exists()


def test_enchant_loads_the_dictionary_from_the_given_folder_not_the_system(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ENCHANT_CONFIG_DIR", str(DICTIONARY_DIR))  # restored after the test
    # A fake uk_UA that knows one made-up word: if enchant used /usr/share/hunspell it would reject it.
    (tmp_path / "hunspell").mkdir()
    (tmp_path / "hunspell" / "uk_UA.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "hunspell" / "uk_UA.dic").write_text("1\nвісникування\n", encoding="utf-8")
    dictionaries = Dictionaries(tmp_path)
    assert dictionaries.check("вісникування")
    assert not dictionaries.check("мама")


def test_our_folder_is_used_even_when_enchant_was_imported_first(tmp_path) -> None:
    (tmp_path / "hunspell").mkdir()
    (tmp_path / "hunspell" / "uk_UA.aff").write_text("SET UTF-8\n", encoding="utf-8")
    (tmp_path / "hunspell" / "uk_UA.dic").write_text("1\nзюзюка\n", encoding="utf-8")
    script = (
        "import enchant, sys\n"
        "from pathlib import Path\n"
        "from desktop.language.spelling import Dictionaries\n"
        f"d = Dictionaries(Path({str(tmp_path)!r}))\n"
        "sys.exit(0 if d.check('зюзюка') else 1)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "ENCHANT_CONFIG_DIR"}
    assert subprocess.run([sys.executable, "-c", script], env=env).returncode == 0


def test_a_misspelt_word_is_flagged(speller) -> None:
    assert flagged(speller, "Нараду провів начальник адміністрацїї.") == ["адміністрацїї"]


def test_a_correct_sentence_has_no_findings(speller) -> None:
    assert flagged(speller, "Голови територіальних громад підписали меморандум про співпрацю.") == []


def test_suggestions_are_ranked_with_the_closest_first(speller) -> None:
    finding = speller.findings("адміністрацїя")[0]
    assert finding.suggestions[0] == "адміністрація"


def test_suggestions_keep_the_capital_letter(speller) -> None:
    assert speller.suggest("Коростенскої")[0] == "Коростенської"


def test_accepted_words_are_suggested_for_near_misses(speller) -> None:
    assert "Тарасюк" in speller.suggest("Тарасюкк")


def test_glossary_abbreviation_is_accepted_and_unknown_one_flagged(speller) -> None:
    findings = speller.findings("Начальники ОВА та ОВАА")
    assert [(f.rule, f.start) for f in findings] == [("unknown-abbreviation", 18)]


def test_default_glossary_has_the_usual_abbreviations() -> None:
    for abbreviation in ("ОВА", "РВА", "ЗСУ", "ДСНС", "ТЦК", "ЦНАП", "ВПО", "НАТО", "ДПСУ", "ТрО", "ЄДРПОУ"):
        assert abbreviation in DEFAULT_GLOSSARY


def test_added_words_accept_their_capitalised_and_upper_forms(speller) -> None:
    speller.add_words(["деокупаційний"])
    speller.add_words(["Вінтура"])
    assert flagged(speller, "Деокупаційний ДЕОКУПАЦІЙНИЙ Вінтура ВІНТУРА") == []


def test_added_words_clear_an_earlier_rejection(speller) -> None:
    assert flagged(speller, "Кузьмюк") == ["Кузьмюк"]
    speller.add_words(["Кузьмюк"])
    assert flagged(speller, "Кузьмюк") == []


def test_ignored_word_is_not_flagged(speller) -> None:
    speller.ignore("Прогресбуд")
    assert flagged(speller, "ТОВ «Прогресбуд»") == []


def test_all_apostrophes_split_one_word(speller) -> None:
    assert flagged(speller, "м’ясо мʼясо м'ясо сім`ї") == []


def test_hyphenated_word_is_checked_whole_then_by_parts(speller) -> None:
    assert flagged(speller, "країн-партнерів") == []
    assert flagged(speller, "Житомир-Коростень") == []
    assert flagged(speller, "країн-партнерв") == ["партнерв"]


def test_numbers_and_their_endings_are_skipped(speller) -> None:
    assert flagged(speller, "1-го 2023-го 11-ти COVID-19 в/ч 120") == []


def test_english_words_are_checked_in_english(speller) -> None:
    assert flagged(speller, "Partnership program") == []
    assert flagged(speller, "Partnership programm") == ["programm"]


def test_stress_mark_inside_a_word_is_ignored(speller) -> None:
    assert flagged(speller, "Заво\u0301дська вулиця") == []


def test_repeated_word_is_checked_once(speller, monkeypatch) -> None:
    speller.with_suggestions = False  # the verdicts' look-ups; suggestions look up words of their own
    calls = []
    ukrainian = speller.dictionaries.ukrainian
    original = ukrainian.check
    monkeypatch.setattr(ukrainian, "check", lambda word: calls.append(word) or original(word))
    lexicon = speller_lexicon()
    looked_up: list[set[str]] = []
    standard_many = lexicon.standard_many
    monkeypatch.setattr(lexicon, "standard_many", lambda words: looked_up.append(set(words)) or standard_many(words))
    speller.findings("громада громада громада Громада громадаа громадаа")
    # one lowercase look-up in pymorphy3's dictionary for both spellings; hunspell only for the word it lacks
    assert looked_up[0] == {"громада", "громадаа"} and calls == ["громадаа"]
    speller.findings("Громада, громада, громадаа.")
    assert not any("громада" in words for words in looked_up[1:]) and calls == ["громадаа"]


def test_cleared_caches_ask_the_dictionaries_again(speller, monkeypatch) -> None:
    calls: list[str] = []
    ukrainian = speller.dictionaries.ukrainian
    original = ukrainian.check
    monkeypatch.setattr(ukrainian, "check", lambda word: calls.append(word) or original(word))
    speller.findings("громадаа")
    speller.clear_caches()
    speller.findings("громадаа")
    assert calls == ["громадаа", "громадаа"]


def test_a_variant_spelling_pymorphy_holds_is_still_flagged(speller) -> None:
    # pymorphy3 keeps «реґіонів» (alt) only to correct it
    assert flagged(speller, "реґіонів Реґіонів регіонів") == ["реґіонів", "Реґіонів"]


def test_a_form_only_pymorphy_knows_is_accepted_in_every_case(speller) -> None:
    assert flagged(speller, "київ Київ КИЇВ") == []


def test_suggestions_can_be_left_for_later() -> None:
    speller = SpellChecker(with_suggestions=False)
    finding = speller.findings("адміністрацїя")[0]
    assert finding.suggestions == ()
    assert speller.suggest("адміністрацїя")[0] == "адміністрація"


def test_default_glossary_accepts_the_legal_term_for_citizens_reception() -> None:
    speller = SpellChecker(extra_words=DEFAULT_GLOSSARY)
    assert flagged(speller, "Особистий прийом громадян. Під час прийому") == []


def test_abbreviations_before_a_full_stop_are_accepted(speller) -> None:
    assert flagged(speller, "м. Київ, вул. Шевченка, тел.: 12-34-56, ст. 22, просп. Миру") == []


def test_abbreviation_word_without_its_full_stop_is_still_checked(speller) -> None:
    assert flagged(speller, "вул Шевченка") == ["вул"]


def test_roman_numerals_are_accepted(speller) -> None:
    assert flagged(speller, "XXI століття, ІІ півріччя") == []


def test_suggestions_come_from_a_derived_aff_in_the_cache_never_the_shipped_file(tmp_path) -> None:
    shipped = (DICTIONARY_DIR / "hunspell" / "uk_UA.aff").read_bytes()
    dictionaries = Dictionaries(DICTIONARY_DIR, tmp_path)
    derived = dictionaries.loaded_from / "hunspell" / "uk_UA.aff"
    assert derived.is_relative_to(tmp_path)
    text = derived.read_text(encoding="utf-8")
    assert "MAXNGRAMSUGS 0" in text.splitlines()
    assert (DICTIONARY_DIR / "hunspell" / "uk_UA.aff").read_bytes() == shipped
    # the edit-based suggesters still find the word of a usual typo, first
    assert dictionaries.suggest("адміністарції")[:1] == ["адміністрації"]
    assert dictionaries.check("адміністрації") and not dictionaries.check("адміністарції")


def test_a_read_only_cache_falls_back_to_the_shipped_dictionary(tmp_path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    dictionaries = Dictionaries(DICTIONARY_DIR, blocked)
    assert dictionaries.loaded_from == DICTIONARY_DIR
    assert dictionaries.check("адміністрації")


def test_suggestions_are_cached_least_recently_used_out(monkeypatch, speller) -> None:
    import desktop.language.spelling as spelling
    from desktop.language import suggester

    asked: list[str] = []
    real = suggester.suggestions
    monkeypatch.setattr(suggester, "suggestions", lambda word, *rest: asked.append(word) or real(word, *rest))
    monkeypatch.setattr(spelling, "SUGGESTION_CACHE_SIZE", 2)
    speller.suggest("наради")
    speller.suggest("наради")
    assert asked == ["наради"]
    speller.suggest("нарадиі")
    speller.suggest("наради")  # used again: stays
    speller.suggest("нарадии")  # the least recently used, «нарадиі», goes
    speller.suggest("наради")
    speller.suggest("нарадиі")
    assert asked == ["наради", "нарадиі", "нарадии", "нарадиі"]
