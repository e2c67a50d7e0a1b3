"""Style: calques and officialese from resources/proofing/style_rules.csv, found in every inflected form."""

from __future__ import annotations

import csv
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

from desktop.language.context import Clause, context_allows, parse_context
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.phrases import PhraseMatch, PhraseMatcher, lemma_parses, normal_key
from desktop.language.style_patterns import StylePatternChecker
from desktop.language.words import Token, tokenize
from desktop.paths import resource

STYLE_RULES_FILE = resource("proofing", "style_rules.csv")
# Calques picked from LanguageTool's replace.txt (LGPL-2.1), each checked to be wrong in an official release.
LANGUAGETOOL_RULES_FILE = resource("proofing", "languagetool", "data", "replace_selected.csv")
# Calques, wrong prepositions and paronyms taken from the patterns of LanguageTool's grammar-barbarism.xml and
# grammar-style.xml (LGPL-2.1), the ones sound in an official release, with their context as a table condition.
LANGUAGETOOL_BARBARISMS_FILE = resource("proofing", "languagetool", "data", "barbarism_selected.csv")
# Grammemes carried from the matched word to its replacement («прийняли» → «взяли»).
INFLECTION = frozenset(
    ["sing", "plur", "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "masc", "femn", "neut", "1per", "2per", "3per", "past", "pres", "futr", "impr", "Impe"]
)
CASES_AND_NUMBER = frozenset(["sing", "plur", "nomn", "gent", "datv", "accs", "ablt", "loct", "voct"])
GENDERS = frozenset(["masc", "femn", "neut"])
# «цей», «такий» are pronouns to the analyser, and take an adjective's form: «даного заходу» → «цього заходу»
SAME_PART_OF_SPEECH = {"INFN": "VERB", "ADJF": "ADJF", "PRTF": "ADJF", "NPRO": "ADJF", "NOUN": "NOUN", "VERB": "VERB"}

_token_start = itemgetter(1)


@dataclass(frozen=True)
class StyleRule:
    """One row of the style table."""

    phrase: str
    correction: str
    explanation: str
    context: tuple[Clause, ...] = ()  # when the phrase is only sometimes wrong (desktop/language/context.py)


def load_style_rules(path: Path = STYLE_RULES_FILE) -> list[StyleRule]:
    """The rows of a style table (phrase, correction, explanation and an optional context)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [StyleRule(row["phrase"].strip(), row["correction"].strip(), row["explanation"].strip(),
                          parse_context(row.get("context")))
                for row in csv.DictReader(handle) if row.get("phrase", "").strip()]


def default_style_rules() -> list[StyleRule]:
    """The shipped table and the rules taken from LanguageTool, the shipped table winning a shared phrase."""
    rules = load_style_rules()
    phrases = {rule.phrase for rule in rules}
    for path in (LANGUAGETOOL_RULES_FILE, LANGUAGETOOL_BARBARISMS_FILE):
        rules += [rule for rule in load_style_rules(path) if rule.phrase not in phrases]
    return rules


def _part_of_speech(parse) -> str | None:
    return SAME_PART_OF_SPEECH.get(str(parse.tag.POS))


def _lemma_parse(word: str):
    """The parse of word that is its own dictionary form, or None when word is written inflected."""
    parses = lemma_parses(word)
    return parses[0] if parses else None


class StyleChecker:
    """Finds the style table's phrases and proposes the correction in the matched word's form."""

    def __init__(self, rules: list[StyleRule] | None = None, patterns: bool | None = None) -> None:
        """rules: the table (the shipped ones when None); patterns: also the morphological patterns of
        style_patterns.py (by default with the shipped table only: a table of one's own needs no analyser
        until it finds something)."""
        self.rules = rules if rules is not None else default_style_rules()
        # one phrase may have several rules, each with its own context («квиток» before «лотереї» and after
        # «екзаменаційний»): the matcher finds the phrase, the first rule whose context holds speaks
        phrases: dict[str, list[int]] = {}
        for index, rule in enumerate(self.rules):
            phrases.setdefault(rule.phrase, []).append(index)
        self._phrase_rules = list(phrases.values())
        self._matcher = PhraseMatcher(list(phrases))
        self._suggestion_cache: dict[tuple[int, tuple[str, ...], bool], str] = {}
        self._patterns = StylePatternChecker() if (rules is None if patterns is None else patterns) else None

    def clear_caches(self) -> None:
        """Forget the inflected suggestions and the pattern layer's verdicts made so far."""
        self._suggestion_cache.clear()
        if self._patterns is not None:
            self._patterns.clear_caches()

    def findings(self, text: str, tokens: list[Token] | None = None, lowered: list[str] | None = None,
                 vocabulary: set[str] | None = None) -> list[Finding]:
        """Every style finding of text (tokens, lowered, vocabulary: see PhraseMatcher.find)."""
        if tokens is None:
            tokens = tokenize(text)
        if lowered is None:
            lowered = [token[0].lower() for token in tokens]
        if vocabulary is None:
            vocabulary = set(lowered)
        found = self._patterns.findings(text, tokens, lowered, vocabulary) if self._patterns is not None else []
        for phrase_match in self._matcher.find(text, tokens, lowered, vocabulary):
            first = bisect_left(tokens, phrase_match.start, key=_token_start)
            last = first + len(phrase_match.words)
            index = next((i for i in self._phrase_rules[phrase_match.index] if not self.rules[i].context
                          or context_allows(self.rules[i].context, text, tokens, first, last)), None)
            if index is None:
                continue
            rule = self.rules[index]
            match = replace(phrase_match, index=index)
            after_verb = first > 0 and _is_verb(tokens[first - 1][0]) and text[tokens[first - 1][2]:match.start].isspace()
            suggestion = self.suggestion(match, after_verb)
            if normal_key(suggestion) == normal_key(" ".join(match.words)):
                continue  # the text already reads as the correction («Дай Боже» of «дай бог»)
            message = f"«{text[match.start:match.end]}» → «{suggestion}»: {rule.explanation}"
            found.append(Finding(match.start, match.end, "style", f"style:{rule.phrase}", message, (suggestion,)))
        return found

    def suggestion(self, match: PhraseMatch, after_verb: bool = False) -> str:
        """The rule's correction, inflected like the matched words where pymorphy3 can.

        after_verb: the match follows a verb, so a form that reads as nominative or accusative
        («ряд») is its object, the accusative («дано ряд доручень» → «дано низку доручень»).
        """
        key = (match.index, match.words, after_verb)
        cached = self._suggestion_cache.get(key)
        if cached is None:
            cached = self._suggestion_cache[key] = self._inflected(match, after_verb)
        return cached

    def _inflected(self, match: PhraseMatch, after_verb: bool = False) -> str:
        rule = self.rules[match.index]
        analyser = morph()
        # pair each matched word written in dictionary form with its parse in the text
        sources = []
        readings = []  # every parse of each source word, to pick the noun's case its adjective shares
        modifiers = []  # every parse of each matched adjective
        repeated = {normal_key(word) for word in rule.correction.split()}
        kept = {}  # a phrase word the correction repeats keeps its form in the text: «військового стану»
        kept_parses = {}  # and its parse, which an adjective of the correction agrees with
        for phrase_word, text_word in zip(rule.phrase.split(), match.words, strict=True):
            lemma = _lemma_parse(phrase_word)
            if lemma is None:
                continue
            parses = [p for p in analyser.parse(normal_key(text_word))
                      if normal_key(p.normal_form) == normal_key(phrase_word)]
            if _part_of_speech(lemma) == "ADJF" and parses:
                modifiers.append(parses)
            if normal_key(phrase_word) in repeated:
                kept[normal_key(phrase_word)] = text_word
                if parses:
                    kept_parses[normal_key(phrase_word)] = parses
                continue
            # «переводить» is also read as a short infinitive: a form that is not the dictionary's is no infinitive
            # and of two aspects the present reads more often than the perfective future («переводить гроші»)
            parses.sort(key=lambda p: ("infn" in p.tag and normal_key(text_word) != normal_key(phrase_word),
                                       "futr" in p.tag and "perf" in p.tag))
            if after_verb:  # a noun only: an adjective's accusative reads as animate («таких»)
                parses.sort(key=lambda p: not (p.tag.POS == "NOUN" and "accs" in p.tag))
            if parses:
                sources.append((_part_of_speech(lemma), parses[0]))
                readings.append(parses)
        _agreeing_readings(sources, readings, modifiers)
        words: list[str] = []
        # (position in words, the word's dictionary form, the grammemes it took) of the correction's nouns
        nouns: list[tuple[int, Any, frozenset[str]]] = []
        adjectives = []  # positions of the correction's adjectives, which agree with the noun after them
        for word in rule.correction.split():
            target = _lemma_parse(word)
            if target is not None and target.tag.POS in ("ADJF", "PRTF"):
                adjectives.append(len(words))
            if normal_key(word) in kept:
                if target is not None and target.tag.POS == "NOUN" and normal_key(word) in kept_parses:
                    reading = [(_part_of_speech(target), kept_parses[normal_key(word)][0])]
                    _agreeing_readings(reading, [kept_parses[normal_key(word)]], modifiers)
                    nouns.append((len(words), target, frozenset(reading[0][1].tag.grammemes)))
                words.append(kept[normal_key(word)])
                continue
            # the k-th noun of the correction takes the form of the k-th noun of the match, and so on
            index = next((i for i, (pos, _p) in enumerate(sources)
                          if target is not None and pos == _part_of_speech(target)), None)
            if index is None:
                if target is not None and target.tag.POS == "NOUN":
                    nouns.append((len(words), target, frozenset(target.tag.grammemes)))
                words.append(word)
                continue
            source = sources.pop(index)[1]
            if target is not None and target.tag.POS == "NOUN":
                nouns.append((len(words), target, frozenset(source.tag.grammemes)))
            words.append(_inflect_like(word, source))
        for position in adjectives:  # «пряме включення» → «пряма трансляція», not «пряме трансляція»
            noun = next(((target, grammemes) for at, target, grammemes in nouns if at > position), None)
            if noun is not None:
                words[position] = _agree(rule.correction.split()[position], *noun) or words[position]
        # the typographic apostrophe, as the house writes it (a typewriter one would raise its own finding)
        corrected = " ".join(words).replace("'", "’")
        if match.words[0][:1].isupper():
            corrected = corrected[:1].upper() + corrected[1:]
        return corrected


def _inflect_like(word: str, source) -> str:
    """word put into source's number, case, person, tense (and gender, where word has it)."""
    grammemes = set(source.tag.grammemes) & INFLECTION
    # a dictionary form can have several paradigms (захід: event, west); the first that inflects wins
    targets = lemma_parses(word)
    for wanted in (grammemes, grammemes - {"masc", "femn", "neut"}):
        for target in targets if wanted else ():
            try:
                inflected = target.inflect(wanted)
            except ValueError:  # a grammeme the target's paradigm does not know
                inflected = None
            if inflected is not None:
                return _full_reflexive(inflected.word)
    return word


def _agreeing_readings(sources: list, readings: list, adjectives: list) -> None:
    """A matched noun whose form is ambiguous («включення»: nominative, genitive…) takes the reading that
    shares case and number with a matched adjective («прямого включення»: genitive)."""
    if not adjectives:
        return
    for index, ((pos, _parse), parses) in enumerate(zip(sources, readings, strict=True)):
        if pos != "NOUN":
            continue
        for parse in parses:
            forms = set(parse.tag.grammemes) & CASES_AND_NUMBER
            if any(forms <= set(other.tag.grammemes) for group in adjectives for other in group):
                sources[index] = (pos, parse)
                break


def _agree(adjective: str, noun, grammemes: frozenset[str]) -> str | None:
    """adjective in the case and number a noun took, and in the noun's own gender in the singular."""
    wanted = set(grammemes) & CASES_AND_NUMBER
    if "plur" not in wanted:  # the dictionary marks a singular adjective by its gender alone
        wanted = (wanted - {"sing"}) | (set(noun.tag.grammemes) & GENDERS)
    for target in lemma_parses(adjective):
        try:
            inflected = target.inflect(wanted)
        except ValueError:
            inflected = None
        if inflected is not None:
            return inflected.word
    return None


def _is_verb(word: str) -> bool:
    return any(parse.tag.POS in ("VERB", "INFN") for parse in morph().parse(normal_key(word)))


def _full_reflexive(word: str) -> str:
    """«відбулось» → «відбулося», «поводивсь» → «поводився»: the analyser offers the short reflexive ending, official texts use -ся."""
    return word[:-2] + "ся" if word.endswith(("лось", "лась", "лись", "всь")) else word


@lru_cache(maxsize=1)
def default_style_checker() -> StyleChecker:
    """The style checker over the shipped table, built once (its lexemes take a moment)."""
    return StyleChecker()
