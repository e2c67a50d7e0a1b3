"""Style: calques and officialese from resources/proofing/style_rules.csv, found in every inflected form."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.phrases import PhraseMatch, PhraseMatcher, lemma_parses, normal_key
from desktop.language.words import Token
from desktop.paths import resource

STYLE_RULES_FILE = resource("proofing", "style_rules.csv")
# Grammemes carried from the matched word to its replacement («прийняли» → «взяли»).
INFLECTION = frozenset(
    ["sing", "plur", "nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "masc", "femn", "neut", "1per", "2per", "3per", "past", "pres", "futr", "impr", "Impe"]
)
SAME_PART_OF_SPEECH = {"INFN": "VERB", "ADJF": "ADJF", "PRTF": "ADJF", "NOUN": "NOUN", "VERB": "VERB"}


@dataclass(frozen=True)
class StyleRule:
    """One row of the style table."""

    phrase: str
    correction: str
    explanation: str


def load_style_rules(path: Path = STYLE_RULES_FILE) -> list[StyleRule]:
    """The rows of a style table (phrase, correction, explanation)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [StyleRule(row["phrase"].strip(), row["correction"].strip(), row["explanation"].strip())
                for row in csv.DictReader(handle) if row.get("phrase", "").strip()]


def _part_of_speech(parse) -> str | None:
    return SAME_PART_OF_SPEECH.get(str(parse.tag.POS))


def _lemma_parse(word: str):
    """The parse of word that is its own dictionary form, or None when word is written inflected."""
    parses = lemma_parses(word)
    return parses[0] if parses else None


class StyleChecker:
    """Finds the style table's phrases and proposes the correction in the matched word's form."""

    def __init__(self, rules: list[StyleRule] | None = None) -> None:
        self.rules = rules if rules is not None else load_style_rules()
        self._matcher = PhraseMatcher([rule.phrase for rule in self.rules])
        self._suggestion_cache: dict[tuple[int, tuple[str, ...]], str] = {}

    def findings(self, text: str, tokens: list[Token] | None = None,
                 lowered: list[str] | None = None) -> list[Finding]:
        """Every style finding of text."""
        found = []
        for match in self._matcher.find(text, tokens, lowered):
            rule = self.rules[match.index]
            message = f"«{text[match.start:match.end]}» → «{rule.correction}»: {rule.explanation}"
            found.append(Finding(match.start, match.end, "style", f"style:{rule.phrase}", message,
                                 (self.suggestion(match),)))
        return found

    def suggestion(self, match: PhraseMatch) -> str:
        """The rule's correction, inflected like the matched words where pymorphy3 can."""
        key = (match.index, match.words)
        cached = self._suggestion_cache.get(key)
        if cached is None:
            cached = self._suggestion_cache[key] = self._inflected(match)
        return cached

    def _inflected(self, match: PhraseMatch) -> str:
        rule = self.rules[match.index]
        analyser = morph()
        # pair each matched word written in dictionary form with its parse in the text
        sources = []
        for phrase_word, text_word in zip(rule.phrase.split(), match.words, strict=True):
            lemma = _lemma_parse(phrase_word)
            if lemma is None:
                continue
            for parse in analyser.parse(normal_key(text_word)):
                if normal_key(parse.normal_form) == normal_key(phrase_word):
                    sources.append((_part_of_speech(lemma), parse))
                    break
        words = []
        for word in rule.correction.split():
            target = _lemma_parse(word)
            source = next((p for pos, p in sources if target is not None and pos == _part_of_speech(target)), None)
            words.append(_inflect_like(word, source) if source is not None else word)
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
                return inflected.word
    return word


@lru_cache(maxsize=1)
def default_style_checker() -> StyleChecker:
    """The style checker over the shipped table, built once (its lexemes take a moment)."""
    return StyleChecker()
