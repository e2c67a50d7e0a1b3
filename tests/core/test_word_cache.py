"""The per-word caches of the proofing layers: Proofreader.clear_caches forgets them all (an honest cold check)."""

from __future__ import annotations

import pytest

from desktop.language import word_cache
from desktop.language.inflection import morph
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader

TEXT = ("Відбулася нарада з головами районних військових адміністрацій щодо підготовки до опалювального сезону. "
        "Учасники обговорили питання забезпечення населення паливом, а також ремонт котелень і мереж.")


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every word the morphology is asked about: pymorphy3's parse and the direct reads of its dictionary."""
    from desktop.language.lexicon import lexicon

    analyser, dictionary = morph(), lexicon()
    asked: list[str] = []
    parse, forms_many = analyser.parse, dictionary.forms_many

    def counting_parse(word: str):  # type: ignore[no-untyped-def]
        asked.append(word)
        return parse(word)

    def counting_forms(words):  # type: ignore[no-untyped-def]
        words = list(words)
        asked.extend(words)
        return forms_many(words)

    monkeypatch.setattr(analyser, "parse", counting_parse)
    monkeypatch.setattr(dictionary, "forms_many", counting_forms)
    return asked


def test_cleared_proofreader_asks_the_morphology_again(counted: list[str]) -> None:
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    first = proofreader.check(TEXT)
    counted.clear()
    assert proofreader.check(TEXT) == first
    assert not counted, "a warm re-check parses nothing"
    proofreader.clear_caches()
    assert proofreader.check(TEXT) == first
    assert counted, "after clear_caches the words are parsed again"


def test_word_caches_are_registered() -> None:
    assert word_cache.registered() > 20
    calls: list[str] = []

    @word_cache.word_cache(16)
    def probe(word: str) -> str:
        calls.append(word)
        return word.upper()

    assert probe("а") == probe("а") == "А"
    assert calls == ["а"]
    word_cache.clear_word_caches()
    probe("а")
    assert calls == ["а", "а"]


SAMPLE = ("розглянули", "голови", "ґанку", "гуманітарну", "нарада", "п'ять", "будь-який", "області", "вимог",
          "соціальноно", "вирішшить", "Програм", "ЗСУ", "В", "в", "об’єкт", "Києві", "щодо", "і", "ремонт")


def test_direct_analysis_is_pymorphy3s() -> None:
    from desktop.language import analysis
    from desktop.language.grammar_words import features, parses, plain

    analyser = morph()
    word_cache.clear_word_caches()
    analysis.prime({word.lower() for word in SAMPLE})
    for word in SAMPLE:
        assert analysis.parse(word) == tuple(analyser.parse(word)), word
        lower = word.lower()
        assert analysis.known(lower) == tuple(p for p in analyser.parse(lower) if p.is_known), word
        assert features(word) == tuple((plain(p.tag.POS), plain(p.tag.case), plain(p.tag.number),
                                        plain(p.tag.gender), "Fixd" in p.tag, p.normal_form,
                                        p.tag.animacy == "anim") for p in parses(word)), word
    assert analysis.parse("ґанку")[0].word == "ґанку"
    assert {p.word for p in analysis.parse("ганку")} >= {"ґанку"}  # «г» looked up as «ґ» too, as pymorphy3 does


def test_lexicon_payloads_are_the_dawgs() -> None:
    from desktop.language.lexicon import lexicon

    words = morph().dictionary.words
    found = lexicon().payloads_many([word.lower() for word in SAMPLE])
    for word in SAMPLE:
        lower = word.lower()
        assert found[lower] == tuple(words.get(lower, ())) == lexicon().payloads(lower), word


def test_inflected_is_pymorphy3s_inflect() -> None:
    from desktop.language import analysis

    wanted = ({"nomn"}, {"gent", "plur"}, {"loct", "masc"}, {"ablt", "femn"}, {"accs", "neut"}, {"infn"},
              {"past", "plur"}, {"voct"}, {"datv", "femn"})
    checked = 0
    for word in SAMPLE:
        for parse in analysis.parse(word):
            for grammemes in wanted:
                form = parse.inflect(grammemes)
                assert analysis.inflected(parse, grammemes) == (None if form is None else form.word), (word, grammemes)
                checked += 1
    assert checked > 100
