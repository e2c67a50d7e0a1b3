"""Spelling: the shipped Ukrainian (and English) hunspell dictionaries through pyenchant, with word caches."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import chain, compress, filterfalse, product, repeat
from operator import itemgetter, not_

from desktop.language import suggester
from desktop.language.compounds import _PAIR_WORDS as PAIR_WORDS
from desktop.language.compounds import clear_caches as clear_compound_caches
from desktop.language.compounds import compound_findings
from desktop.language.dictionaries import (  # noqa: F401  (re-exported: callers import them from spelling)
    DICTIONARY_DIR,
    ENGLISH,
    UKRAINIAN,
    Dictionaries,
    load_dictionaries,
)
from desktop.language.finding import Finding
from desktop.language.lexicon import lexicon
from desktop.language.names import false_alarm, prefixed_word, russian_patronymic
from desktop.language.suggestion_filter import plausible_suggestions
from desktop.language.words import ProtectedSpans, Token, is_cyrillic, is_latin, tokenize

MAX_SUGGESTIONS = 5
SUGGESTION_CACHE_SIZE = 2048  # words whose suggestions are kept (an LRU)

# The office's usual abbreviations; the storage layer seeds the department glossary from these.
DEFAULT_GLOSSARY: tuple[str, ...] = (
    "ОВА", "РВА", "ОДА", "РДА", "ЗСУ", "ДСНС", "ТЦК", "СП", "ОТГ", "ТГ", "ЦНАП", "ВПО", "КМУ", "ВРУ",
    "НПУ", "СБУ", "ЄС", "ООН", "НАТО", "МВС", "ДФС", "ДПС", "ПФУ", "ЦОВВ", "ОМС", "ДПСУ", "НГУ", "ТрО",
    "ЄДРПОУ", "МОЗ", "МОН", "МЗС", "НСЗУ", "ГУНП", "ДБР", "НАБУ", "САП", "НАЗК", "ОП", "ВР", "МВА",
    "ДМС", "ЦРЛ", "ЦПМСД", "ЗНО", "НМТ", "ЗВО", "ЗЗСО", "ЗДО", "ОСББ", "ЖКГ", "ФОП", "ТОВ", "КП", "ПП",
    "ДП", "АТ", "ПрАТ", "ГО", "ЗМІ", "ВЛК", "ЄДР", "ЄБРР", "ЄІБ", "МВФ", "ОБСЄ", "ВООЗ", "ЮНІСЕФ",
    "ПРООН", "ТЦК та СП", "УЧХ", "ЦСО", "ДЮСШ", "ЦСССДМ", "ІТ", "АТО", "ООС", "ЄДЕБО",
    "COVID", "USAID", "UNICEF", "UNDP", "GIZ", "OSCE",
    # the legal term «особистий прийом громадян» (Закон «Про звернення громадян», ст. 22), which the
    # dictionary marks as non-normative
    "прийом", "прийому", "прийомі", "прийомом", "прийоми", "прийомів", "прийомам", "прийомами", "прийомах",
)


# Abbreviations written with a full stop (вул. Шевченка, ст. 22, тел.:); accepted only before one.
STOP_ABBREVIATIONS = frozenset((
    "вул", "просп", "пров", "пл", "бульв", "буд", "корп", "кв", "каб", "м", "с", "смт", "сел", "обл", "тер",
    "ст", "п", "пп", "ч", "абз", "розд", "гл", "дод", "табл", "рис", "див", "напр", "зокр", "ім", "тел", "моб",
    "факс", "р", "рр", "т", "ін", "др", "тис", "млн", "млрд", "грн", "коп", "год", "хв", "проф", "доц", "акад",
    "ген", "полк", "підп", "лейт", "кап", "майор", "о", "св", "ред", "вид", "вип", "арт", "гр", "н", "е",
))
ROMAN_NUMERAL_RE = re.compile(r"[IVXLCDMІХ]+")
# A word of Ukrainian letters (and hyphens) only: its key is itself, no script mixing to look for.
_PLAIN_CYRILLIC_RE = re.compile(r"[а-щьюяєіїґА-ЩЬЮЯЄІЇҐ-]+")
# The words that open or close compound_findings' pairs, in every mix of cases they lower from (216 spellings)
_PAIR_SPELLINGS = frozenset(map("".join, chain.from_iterable(
    product(*zip(word, word.upper(), strict=True)) for word in PAIR_WORDS)))


def _normal_key(word: str) -> str:
    """The form words are compared in: one apostrophe, no stress mark."""
    return word.replace("’", "'").replace("ʼ", "'").replace("`", "'").replace("\u0301", "")


def case_variants(word: str) -> set[str]:
    """The forms a dictionary entry also stands for: Capitalised and UPPER for lowercase, UPPER for Capitalised."""
    key = _normal_key(word)
    variants = {key}
    if key.islower():
        variants.add(key[:1].upper() + key[1:])
        variants.add(key.upper())
    elif key[:1].isupper() and key[1:].islower():
        variants.add(key.upper())
    return variants


def _match_case(model: str, suggestion: str) -> str:
    if len(model) > 1 and model.isupper():
        return suggestion.upper()
    if model[:1].isupper():
        return suggestion[:1].upper() + suggestion[1:]
    return suggestion


class SpellChecker:
    """Checks words against the dictionaries and the accepted words, caching every verdict."""

    def __init__(self, dictionaries: Dictionaries | None = None, extra_words: Iterable[str] = (),
                 with_suggestions: bool = True) -> None:
        self.dictionaries = dictionaries or load_dictionaries()
        # suggestions are the slow part (~10 ms a word even with the derived .aff): an underliner asks later
        self.with_suggestions = with_suggestions
        self._accepted: set[str] = set()
        self._accepted_originals: set[str] = set()
        self._ignored: set[str] = set()
        self._dictionary_cache: dict[str, bool] = {}  # normalised word -> the dictionary's verdict
        self._surface_cache: dict[str, bool] = {}  # word as written -> verdict including accepted words
        self._suggestion_cache: dict[str, tuple[str, ...]] = {}
        self.add_words(extra_words)

    def add_words(self, words: Iterable[str]) -> None:
        """Accept words (glossary, directory names in every case, personal dictionary) as correct."""
        for word in words:
            word = word.strip()
            if not word:
                continue
            self._accepted_originals.add(word)
            self._accepted |= case_variants(word)
        self._forget_rejections()

    def ignore(self, word: str) -> None:
        """Accept word for this session only, as written."""
        self._ignored.add(_normal_key(word))
        self._forget_rejections()

    def clear_caches(self) -> None:
        """Forget every cached verdict and suggestion (benchmarks measure a cold checker)."""
        self._dictionary_cache.clear()
        self._surface_cache.clear()
        self._suggestion_cache.clear()
        clear_compound_caches()

    def _forget_rejections(self) -> None:
        self._surface_cache = {word: ok for word, ok in self._surface_cache.items() if ok}
        self._suggestion_cache.clear()

    def is_accepted(self, word: str) -> bool:
        """Whether word is in the glossary, the personal dictionary or the ignore list."""
        key = _normal_key(word)
        return key in self._accepted or key in self._ignored

    def _judge(self, words: Iterable[str]) -> None:
        """Decides words not judged yet (the dictionary is asked once, in a batch) into the surface cache."""
        accepted, ignored, known, surface = self._accepted, self._ignored, self._dictionary_cache, self._surface_cache
        pending: dict[str, str] = {}  # word as written, not plain -> the key the dictionary is asked
        lookups: tuple[set[str], set[str]] = (set(), set())  # Ukrainian keys, English keys
        words = list(words)
        # most words: Cyrillic letters alone, nothing to normalise, each its own key; sorted out in C
        plain = set(compress(words, map(_PLAIN_CYRILLIC_RE.fullmatch, words)))
        settled = accepted.intersection(plain)  # accepted as they are: short, accepted or ignored
        settled.update(ignored.intersection(plain))
        settled.update(compress(plain, map((2).__gt__, map(len, plain))))
        asked = plain.difference(settled)
        lookups[0].update(asked.difference(known))
        for word in filterfalse(plain.__contains__, words):  # the rest, normalised one by one
            key = _normal_key(word)
            if len(key) < 2 or key in accepted or key in ignored:  # a lone stress mark leaves nothing
                settled.add(word)
                continue
            cyrillic = is_cyrillic(key)
            if cyrillic and is_latin(key):
                settled.add(word)  # mixed scripts are the typography layer's homoglyph finding
                continue
            pending[word] = key
            if key not in known:
                lookups[not cyrillic].add(key)
        if lookups[0]:
            self._look_up(lookups[0])
        for english, keys in enumerate(lookups):
            # hunspell accepts the Capitalised form of any lowercase word: ask for the lowercase ones first
            lowercase = {key for key in keys if not key[:1].isupper()}
            known.update(self.dictionaries.check_many(lowercase, english=bool(english)))
            rest = [key for key in keys - lowercase if not (key[1:].islower() and known.get(key.lower()))]
            known.update(dict.fromkeys(keys - lowercase, True))
            known.update(self.dictionaries.check_many(rest, english=bool(english)))
        surface.update(dict.fromkeys(settled, True))
        surface.update(zip(asked, map(known.__getitem__, asked), strict=True))
        surface.update(zip(pending, map(known.__getitem__, pending.values()), strict=True))
        rejected = list(compress(asked, map(not_, map(surface.__getitem__, asked))))
        rejected += compress(pending, map(not_, map(surface.__getitem__, pending)))
        for word in compress(rejected, map(str.__contains__, rejected, repeat("-"))):
            # a compound: each part on its own
            surface[word] = all(self.is_correct(part) for part in word.split("-") if part)

    def _look_up(self, keys: set[str]) -> None:
        """Settles those of keys (Ukrainian) pymorphy3's dictionary holds as correct; removes them from keys.

        The dictionary first (a DAWG walk, a few microseconds a word): it holds nearly every correct form
        of a text, hunspell (twenty microseconds a call) is asked about the rest. A word is looked up
        lowercase when written lowercase, Capitalised or in capitals, as hunspell would.
        """
        # a key written lowercase is its own lowered form (most keys): told apart in C, lowered are the rest
        lowercase = set(filter(str.islower, keys))
        others = list(keys.difference(lowercase))
        lowered = list(map(str.lower, others))
        standard, common = lexicon().standard_many(lowercase.union(lowered))
        found = lowercase.intersection(common)
        # Capitalised or in capitals (not «ЗСУшник» or «мЕр»), its lowercase form a standard one
        for key in compress(others, map(standard.__contains__, lowered)):
            if key.isupper() or key[1:].islower():
                found.add(key)
        self._dictionary_cache.update(dict.fromkeys(found, True))
        keys.difference_update(found)

    def is_correct(self, word: str) -> bool:
        """Whether word (possibly hyphenated) is correct: whole first, then each part."""
        if word not in self._surface_cache:
            self._judge([word])
        return self._surface_cache[word]

    def suggest(self, word: str) -> tuple[str, ...]:
        """Replacements for word, best first: the words one slip away (desktop.language.suggester), the
        dictionary's own only when none is a word, the accepted words' beside them, ranked by similarity."""
        cached = self._suggestion_cache.pop(word, None)
        if cached is not None:
            self._suggestion_cache[word] = cached  # the most recently used go last
            return cached
        key = _normal_key(word)
        abbreviation = len(key) > 1 and key.isupper()
        fast = (suggester.suggestions(key, self._accepted_by_lowercase(), MAX_SUGGESTIONS)
                if not abbreviation and is_cyrillic(key) and not is_latin(key) else [])
        if fast:
            result = [ranked.word if ranked.as_is else suggester.written_like(word, ranked.word) for ranked in fast]
            suggestions = tuple(plausible_suggestions(dict.fromkeys(r for r in result if r != word)))
        else:
            suggestions = self._slow_suggestions(word, key, abbreviation)
        suggestions = suggestions[:MAX_SUGGESTIONS]
        self._suggestion_cache[word] = suggestions
        if len(self._suggestion_cache) > SUGGESTION_CACHE_SIZE:  # least recently used out
            del self._suggestion_cache[next(iter(self._suggestion_cache))]
        return suggestions

    def _accepted_by_lowercase(self) -> dict[str, str]:
        """The accepted words as written, by their lowercase form (apostrophe «'»); rebuilt when words are added."""
        originals = self._accepted_originals
        index: tuple[int, dict[str, str]] | None = getattr(self, "_accepted_index", None)
        if index is None or index[0] != len(originals):
            index = (len(originals), {_normal_key(w).lower(): w for w in sorted(originals) if " " not in w})
            self._accepted_index = index
        return index[1]

    def _slow_suggestions(self, word: str, key: str, abbreviation: bool) -> tuple[str, ...]:
        """hunspell's suggestions (none for an abbreviation) and the accepted words', ranked by similarity."""
        from rapidfuzz import fuzz, process  # only when the fast suggester found nothing

        candidates: list[str] = []
        if not abbreviation:
            candidates += self.dictionaries.suggest(key, english=not is_cyrillic(key))
            if "'" not in word:  # the dictionary's apostrophe «'» as the office writes it
                candidates = [candidate.replace("'", "’") for candidate in candidates]
        if self._accepted_originals:
            near = process.extract(key, self._accepted_originals, scorer=fuzz.ratio, score_cutoff=70, limit=3)
            candidates += [found for found, _score, _index in near]
        order = {candidate: index for index, candidate in reversed(list(enumerate(candidates)))}
        lowered = key.lower()
        ranked = sorted(order, key=lambda c: (-fuzz.ratio(lowered, c.lower()), order[c]))
        result: list[str] = []
        for candidate in ranked:
            fixed = candidate if candidate in self._accepted_originals else _match_case(word, candidate)
            if fixed != word and fixed not in result:
                result.append(fixed)
        return tuple(plausible_suggestions(result))

    def findings(self, text: str, protected: ProtectedSpans | None = None, tokens: list[Token] | None = None,
                 exclude: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        """Every misspelt word of text (tokens: its words, if split already; exclude: spans another rule explains)."""
        found: list[Finding] = []
        if tokens is None:
            tokens = tokenize(text)
        surface = self._surface_cache
        words = set(map(itemgetter(0), tokens))
        self._judge(words.difference(surface))
        rejected = {word for word in words if not surface[word]}
        # the compounds' rules look only at hyphenated words and at their pair words: the others left out in C
        candidates = words.intersection(_PAIR_SPELLINGS)
        candidates.update(compress(words, map(str.__contains__, words, repeat("-"))))
        compounds = [f for f in compound_findings(text, tokens, candidates, self._takes)
                     if not (protected is not None and start_in(protected, f))
                     and not any(f.start < end and begin < f.end for begin, end in exclude)]
        if compounds:  # the compound's finding explains its parts
            found.extend(compounds)
            spans = [(f.start, f.end) for f in compounds]
            exclude = [*exclude, *spans]
        if not rejected:
            return found
        # the rejected words' tokens, picked out in C: no Python loop over every word
        for word, start, end in compress(tokens, map(rejected.__contains__, map(itemgetter(0), tokens))):
            if _next_to_number_or_slash(text, start, end) or (protected is not None and start in protected):
                continue
            if text[end:end + 1] == "." and word.lower() in STOP_ABBREVIATIONS:
                continue
            if ROMAN_NUMERAL_RE.fullmatch(word):
                continue
            patronymic = russian_patronymic(word)
            if patronymic is not None:
                found.append(Finding(start, end, "spelling", "patronymic",
                                     f"По батькові українською — «{patronymic}».", (patronymic,)))
                continue
            # a plain lowercase word's verdict was pymorphy3's dictionary's first: known_word would say no again
            looked_up = word.islower() and _PLAIN_CYRILLIC_RE.fullmatch(word) is not None
            if false_alarm(text, word, start, looked_up) or any(begin <= start < end for begin, end in exclude):
                continue
            found.extend(self._word_findings(word, start, exclude))
        return found

    def _takes(self, word: str) -> bool:
        """Whether a fix is a word this layer accepts as written (no new finding after it)."""
        return self.is_correct(word) or ((word.islower() or word[1:].islower()) and prefixed_word(word))

    def _word_findings(self, word: str, start: int, exclude: Sequence[tuple[int, int]] = ()) -> list[Finding]:
        pieces = [(word, start)]
        if "-" in word:  # rejected as a whole and in its parts: flag the parts that are wrong
            pieces, offset = [], start
            for part in word.split("-"):
                if part and not self.is_correct(part):
                    pieces.append((part, offset))
                offset += len(part) + 1
        # excluded before suggesting: suggestions are the slow part
        return [self._finding(piece, offset) for piece, offset in pieces
                if not any(offset < end and begin < offset + len(piece) for begin, end in exclude)]

    def _finding(self, word: str, start: int) -> Finding:
        if len(word) > 1 and word.isupper():
            rule, message = "unknown-abbreviation", f"Невідоме скорочення «{word}»: перевірте або додайте до глосарію."
        elif is_cyrillic(word):
            rule, message = "unknown-word", f"Слова «{word}» немає у словнику."
        else:
            rule, message = "unknown-english-word", f"Слова «{word}» немає в англійському словнику."
        suggestions = self.suggest(word) if self.with_suggestions else ()
        return Finding(start, start + len(word), "spelling", rule, message, suggestions)


def start_in(protected: ProtectedSpans, finding: Finding) -> bool:
    """Whether finding starts inside a link or an e-mail."""
    return finding.start in protected


def _next_to_number_or_slash(text: str, start: int, end: int) -> bool:
    """Words glued to numbers (1-го, COVID-19) or to a slash (в/ч) are abbreviations, not words."""
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    if before.isdigit() or after.isdigit() or "/" in (before, after):
        return True
    if before == "-" and start > 1 and text[start - 2].isdigit():
        return True
    return after == "-" and end + 1 < len(text) and text[end + 1].isdigit()
