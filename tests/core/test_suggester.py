"""The fast suggester: the words one slip away from a misspelt one, ranked by the slip, hunspell only as a fallback."""

from __future__ import annotations

import pytest

from desktop.language import suggester
from desktop.language.lexicon import lexicon
from desktop.language.spelling import DEFAULT_GLOSSARY, SpellChecker
from desktop.language.suggester import (
    COST_DOUBLED,
    COST_FIRST_LETTER,
    COST_INSERTED,
    COST_SIMILAR,
    COST_TRANSPOSED,
    edits,
    slip_cost,
)


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    return SpellChecker(extra_words=(*DEFAULT_GLOSSARY, "Тарасюк", "Тарасюка", "Кириченком"))


def first(checker: SpellChecker, word: str) -> str:
    suggestions = checker.suggest(word)
    assert suggestions, word
    return suggestions[0]


@pytest.mark.parametrize(("typo", "meant"), [
    ("адміністарції", "адміністрації"),  # two letters swapped
    ("перебуваня", "перебування"),  # one of a double letter left out
    ("нарадаа", "нарада"),  # a letter typed twice
    ("поїдки", "поїздки"),  # a letter left out
    ("Дапартаменту", "Департаменту"),  # a neighbouring key, the capital kept
    ("адміністрацїї", "адміністрації"),  # ї for і after a consonant
    ("зкерували", "скерували"),  # the prefix з- for с-
])
def test_the_likeliest_slip_is_suggested_first(checker: SpellChecker, typo: str, meant: str) -> None:
    assert first(checker, typo) == meant


def test_a_glossary_or_directory_word_goes_first(checker: SpellChecker) -> None:
    assert first(checker, "Тарасюкк") == "Тарасюк"
    assert first(checker, "Кирииченком") == "Кириченком"


def test_an_abbreviation_is_offered_the_glossarys_abbreviations_only(checker: SpellChecker) -> None:
    assert first(checker, "ДСНСС") == "ДСНС"


def test_the_apostrophe_is_the_writers_or_the_typographic_one(checker: SpellChecker) -> None:
    assert first(checker, "мязи") == "м’язи"
    assert first(checker, "пямʼяті") == "памʼяті"


def test_no_distorted_form_is_suggested(checker: SpellChecker) -> None:
    # pymorphy3 keeps «обєкта», «обєкти» (Dist) only to correct them: the apostrophe left out comes first
    assert checker.suggest("обєкт") == ("об’єкт",)


def test_an_abbreviation_written_small_is_offered_in_capitals(checker: SpellChecker) -> None:
    assert not checker.is_correct("зсу")
    assert first(checker, "зсу") == "ЗСУ"


def test_a_space_left_out_after_a_preposition_is_offered_but_no_preposition_before_a_verb(checker) -> None:
    assert "в цілому" in checker.suggest("вцілому")
    assert "з керували" not in checker.suggest("зкерували")


def test_every_suggestion_is_a_word_the_checker_accepts(checker: SpellChecker) -> None:
    for typo in ("адміністарції", "перебуваня", "Дапартаменту", "мязи", "зорема", "Осадчї", "вцілому"):
        for suggestion in checker.suggest(typo):
            assert all(checker.is_correct(part) for part in suggestion.replace("’", "'").split()), suggestion


def test_the_lookups_find_exactly_the_edits_that_are_words() -> None:
    for word in ("адміністарції", "нарадаа", "поїдки", "мязи", "зорема", "оминили", "громадаим"):
        found, _common = lexicon().standard_many(edits(word))
        walked, _ = lexicon().standard_many(suggester._words().near(word))
        assert walked == found, word
        assert all(slip_cost(word, near) == edits(word)[near] for near in walked)


def test_slip_costs_order_the_kinds_of_slip() -> None:
    assert slip_cost("нарадаа", "нарада") == COST_DOUBLED
    assert slip_cost("адміністарції", "адміністрації") == COST_TRANSPOSED
    assert slip_cost("поїдки", "поїздки") == COST_INSERTED
    assert slip_cost("ріщення", "рішення") == COST_SIMILAR
    assert slip_cost("иноді", "іноді") == COST_SIMILAR + COST_FIRST_LETTER
    assert slip_cost("нарада", "народу") is None  # two slips


def test_hunspell_is_asked_only_when_no_word_is_one_slip_away(checker: SpellChecker, monkeypatch) -> None:
    asked: list[str] = []
    real = checker.dictionaries.suggest
    monkeypatch.setattr(checker.dictionaries, "suggest", lambda w, english=False: asked.append(w) or real(w, english))
    checker.clear_caches()
    checker.suggest("адміністарції")
    assert asked == []
    checker.suggest("адмністарції")  # two slips: the fast path finds nothing
    assert asked == ["адмністарції"]


def test_a_suggestion_takes_a_millisecond_or_so(checker: SpellChecker) -> None:
    import time

    words = ["адміністарції", "перебуваня", "Дапартаменту", "засіання", "представникв", "громадаим"]
    checker.suggest(words[0])
    started = time.perf_counter()
    for word in words:
        checker.clear_caches()
        checker.suggest(word)
    assert (time.perf_counter() - started) / len(words) < 0.02  # hunspell alone takes ~7-10 ms a word


def test_a_large_directory_is_searched_by_the_edits_with_the_same_result(monkeypatch) -> None:
    accepted = {"тарасюка": "Тарасюка", "кириченком": "Кириченком", "харченко": "Харченко"}
    compared = suggester.suggestions("Тараюска", accepted)
    monkeypatch.setattr(suggester, "ACCEPTED_COMPARED", 0)
    assert suggester.suggestions("Тараюска", accepted) == compared
    assert compared[0].word == "Тарасюка" and compared[0].as_is
