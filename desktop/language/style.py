"""Style: calques and officialese from resources/proofing/style_rules.csv, found in every inflected form."""

from __future__ import annotations

import csv
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from desktop.language.context import Clause, context_allows, parse_context
from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.phrases import PhraseMatch, PhraseMatcher, lemma_parses, normal_key
from desktop.language.words import Token, tokenize
from desktop.paths import resource

STYLE_RULES_FILE = resource("proofing", "style_rules.csv")
# Calques picked from LanguageTool's replace.txt (LGPL-2.1), each checked to be wrong in an official release.
LANGUAGETOOL_RULES_FILE = resource("proofing", "languagetool", "data", "replace_selected.csv")
# Grammemes carried from the matched word to its replacement («прийняли» → «взяли»).
INFLECTION = frozenset(
    ["sing", "plur", "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "masc", "femn", "neut", "1per", "2per", "3per", "past", "pres", "futr", "impr", "Impe"]
)
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
    return rules + [rule for rule in load_style_rules(LANGUAGETOOL_RULES_FILE) if rule.phrase not in phrases]


def _part_of_speech(parse) -> str | None:
    return SAME_PART_OF_SPEECH.get(str(parse.tag.POS))


def _lemma_parse(word: str):
    """The parse of word that is its own dictionary form, or None when word is written inflected."""
    parses = lemma_parses(word)
    return parses[0] if parses else None


class StyleChecker:
    """Finds the style table's phrases and proposes the correction in the matched word's form."""

    def __init__(self, rules: list[StyleRule] | None = None) -> None:
        self.rules = rules if rules is not None else default_style_rules()
        self._matcher = PhraseMatcher([rule.phrase for rule in self.rules])
        self._suggestion_cache: dict[tuple[int, tuple[str, ...], bool], str] = {}

    def findings(self, text: str, tokens: list[Token] | None = None, lowered: list[str] | None = None,
                 vocabulary: set[str] | None = None) -> list[Finding]:
        """Every style finding of text (tokens, lowered, vocabulary: see PhraseMatcher.find)."""
        found = []
        for match in self._matcher.find(text, tokens, lowered, vocabulary):
            rule = self.rules[match.index]
            if tokens is None:
                tokens = tokenize(text)
            first = bisect_left(tokens, match.start, key=_token_start)
            if rule.context and not context_allows(rule.context, text, tokens, first, first + len(match.words)):
                continue
            after_verb = first > 0 and _is_verb(tokens[first - 1][0]) and text[tokens[first - 1][2]:match.start].isspace()
            suggestion = self.suggestion(match, after_verb)
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
        repeated = {normal_key(word) for word in rule.correction.split()}
        kept = {}  # a phrase word the correction repeats keeps its form in the text: «військового стану»
        for phrase_word, text_word in zip(rule.phrase.split(), match.words, strict=True):
            lemma = _lemma_parse(phrase_word)
            if lemma is None:
                continue
            if normal_key(phrase_word) in repeated:
                kept[normal_key(phrase_word)] = text_word
                continue
            parses = [p for p in analyser.parse(normal_key(text_word))
                      if normal_key(p.normal_form) == normal_key(phrase_word)]
            if after_verb:  # a noun only: an adjective's accusative reads as animate («таких»)
                parses.sort(key=lambda p: not (p.tag.POS == "NOUN" and "accs" in p.tag))
            if parses:
                sources.append((_part_of_speech(lemma), parses[0]))
        words = []
        for word in rule.correction.split():
            if normal_key(word) in kept:
                words.append(kept[normal_key(word)])
                continue
            target = _lemma_parse(word)
            # the k-th noun of the correction takes the form of the k-th noun of the match, and so on
            index = next((i for i, (pos, _p) in enumerate(sources)
                          if target is not None and pos == _part_of_speech(target)), None)
            if index is None:
                words.append(word)
                continue
            words.append(_inflect_like(word, sources.pop(index)[1]))
        corrected = " ".join(words)
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


def _is_verb(word: str) -> bool:
    return any(parse.tag.POS in ("VERB", "INFN") for parse in morph().parse(normal_key(word)))


def _full_reflexive(word: str) -> str:
    """«відбулось» → «відбулося»: the analyser offers the short reflexive ending, official texts use -ся."""
    return word[:-2] + "ся" if word.endswith(("лось", "лась", "лись")) else word


@lru_cache(maxsize=1)
def default_style_checker() -> StyleChecker:
    """The style checker over the shipped table, built once (its lexemes take a moment)."""
    return StyleChecker()
