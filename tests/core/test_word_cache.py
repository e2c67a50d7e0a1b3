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
    """Every word the shared analyser is asked to parse, in order."""
    analyser = morph()
    asked: list[str] = []
    parse = analyser.parse

    def counting(word: str):  # type: ignore[no-untyped-def]
        asked.append(word)
        return parse(word)

    monkeypatch.setattr(analyser, "parse", counting)
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
