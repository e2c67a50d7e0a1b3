"""Ukrainian hyphenation: every Cyrillic letter and the apostrophe break, and none of the bad breaks."""

from __future__ import annotations

import functools
import re
import tomllib

from desktop.export.hyphenation import APOSTROPHES, VOWELS, break_pairs, link_pairs
from desktop.paths import resource
from tests.core.export_support import EXTRA_PARAGRAPHS, LIST_ITEMS, QUOTE, reference_release

WORDS = 10_000
_TOKEN = re.compile(r"[\w’ʼ'\-]+")
_UKRAINIAN_ONLY = set("іїєґІЇЄҐ")


def _template_texts() -> list[str]:
    texts = []
    for path in sorted(resource("templates").glob("*.toml")):
        def walk(value: object) -> None:
            if isinstance(value, str):
                texts.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)
            elif isinstance(value, list):
                for item in value:
                    walk(item)
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return texts


@functools.cache
def real_words() -> tuple[str, ...]:
    """10,000 words: the project's real texts (releases, templates), then the spelling dictionary's words."""
    document, signature = reference_release()
    texts = [document.title, *(block.text for block in document.blocks), *signature,
             *EXTRA_PARAGRAPHS, QUOTE, *LIST_ITEMS, *_template_texts()]
    words = [token for text in texts for token in _TOKEN.findall(text)]
    dictionary = resource("dictionaries", "hunspell", "uk_UA.dic").read_text(encoding="utf-8").splitlines()[1:]
    step = max(1, len(dictionary) // WORDS)
    for line in dictionary[::step]:
        words.append(line.split("/", 1)[0])
        if len(words) >= WORDS:
            break
    assert len(words) >= WORDS
    return tuple(words)


def test_no_bad_break_in_ten_thousand_words() -> None:
    words = real_words()
    bad: list[tuple[str, str, str]] = []
    for word in words:
        for head, tail in break_pairs(word):
            assert head + tail == word
            reasons = []
            if head[-1] in APOSTROPHES or tail[0] in APOSTROPHES:
                reasons.append("apostrophe")
            if head.endswith("-") or tail.startswith("-"):
                reasons.append("hyphen")
            if any(ch.isupper() for ch in word):
                reasons.append("capitalised or abbreviation")
            if any(ch.isdigit() or ch.isascii() and ch.isalpha() for ch in word):
                reasons.append("number or Latin")
            for part in (head.rsplit("-", 1)[-1], tail.split("-", 1)[0]):
                letters = [ch for ch in part if ch not in APOSTROPHES]
                if len(letters) < 2 or not any(ch in VOWELS for ch in letters):
                    reasons.append("a part without a syllable")
            if tail[0] in "ьЬ" or (tail[0] in "йЙ" and tail[1:2].lower() != "о"):
                reasons.append("ь or й torn from its letter")
            bad.extend((word, f"{head}-{tail}", reason) for reason in reasons)
    assert not bad, bad[:20]


def test_words_with_ukrainian_letters_and_apostrophes_do_break() -> None:
    long_words = [word for word in real_words()
                  if len(word) >= 8 and word.islower() and (set(word) & _UKRAINIAN_ONLY or set(word) & set(APOSTROPHES))
                  and "-" not in word]
    broken = [word for word in long_words if break_pairs(word)]
    assert len(long_words) > 500
    assert len(broken) / len(long_words) > 0.95
    assert ("адміністра", "ції") in break_pairs("адміністрації")
    assert ("пам’ята", "ти") in break_pairs("пам’ятати")
    assert ("пам'ята", "ти") in break_pairs("пам'ятати")  # a typewriter apostrophe hyphenates too


def test_the_breaks_pyphen_gets_wrong_are_refused() -> None:
    assert break_pairs("з’їзд") == []                       # pyphen: з’-їзд
    assert ("об’", "єднаних") not in break_pairs("об’єднаних")
    assert ("ма", "йбутнє") not in break_pairs("майбутнє")
    assert break_pairs("Кириченко") == [] and break_pairs("Коростенської") == []
    assert break_pairs("НАТО") == [] and break_pairs("ОТГ-шний") == []
    assert all("-" not in (head[-1], tail[0]) for head, tail in break_pairs("країн-партнерів"))


def test_numbers_with_units_and_links_do_not_hyphenate() -> None:
    for word in ("12\u00a0млн", "1\u00a0200", "20\u00a0квітня", "2023-го", "COVID-19", "https://kmu.gov.ua/news"):
        assert break_pairs(word) == [], word
    # A short word held to the next by a non-breaking space: only that next word breaks.
    assert ("з\u00a0партне", "рами") in break_pairs("з\u00a0партнерами")


def test_links_break_at_safe_points_and_never_after_a_hyphen() -> None:
    link = "https://korosten-rda.gov.ua/news/2023/04/20/samit-mist"
    pairs = link_pairs(link)
    assert ("https://korosten-rda.gov.ua", "/news/2023/04/20/samit-mist") in pairs
    assert ("https://", "korosten-rda.gov.ua/news/2023/04/20/samit-mist") in pairs
    for head, tail in pairs:
        assert head + tail == link
        assert not head.endswith("-"), head
    assert ("press", "@korosten-rda.gov.ua") in link_pairs("press@korosten-rda.gov.ua")
