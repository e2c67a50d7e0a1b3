"""The lexicon's lookups in pymorphy3's dictionary agree with pymorphy3's own parse."""

from __future__ import annotations

from desktop.language.inflection import morph
from desktop.language.lexicon import VARIANT_GRAMMEMES, lexicon

WORDS = ("адміністрації", "заступники", "м'ясо", "п'ять", "київ", "реґіонів", "зсу", "заступникиів",
         "адміністарції", "громада", "громадаа", "приняли", "овоча", "будь-який", "а", "ґанок")


def _reference(word: str) -> bool:
    return any(type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer"
               and VARIANT_GRAMMEMES.isdisjoint(p.tag.grammemes) for p in morph().parse(word))


def test_the_lexicon_agrees_with_pymorphy_on_known_unknown_and_variant_forms() -> None:
    found, _common = lexicon().standard_many(WORDS)
    assert {word for word in WORDS if _reference(word)} == found
    assert "реґіонів" not in found and "заступникиів" not in found and "адміністрації" in found


def test_a_form_known_only_as_an_abbreviation_is_no_lowercase_word() -> None:
    assert lexicon().standard("зсу") and not lexicon().standard("зсу", written_lowercase=True)
    assert lexicon().standard("громада", written_lowercase=True)


def test_the_lexicon_is_the_same_in_any_order_and_batch() -> None:
    one_by_one = {word for word in WORDS if lexicon().standard(word)}
    assert lexicon().standard_many(reversed(WORDS))[0] == one_by_one


def test_the_dictionary_is_read_in_c() -> None:
    # pymorphy3 loads its DAWG with the DAWG2 extension when it is installed (a project dependency) and
    # falls back to the pure-Python dawg_python, ~15 times slower a lookup, silently when it is not
    assert type(morph().dictionary.words).__mro__[1].__module__ == "dawg"
