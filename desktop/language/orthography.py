"""The 2019 orthography (Український правопис 2019) in every inflected form: «проект» → «проєкт»,
«віце-прем’єр» → «віцепрем’єр», «священик» → «священник», «півгодини» → «пів години».

The word pairs come from LanguageTool's replace_spelling_2019.txt (LGPL-2.1, shipped in
resources/proofing/languagetool/data/); three families that the pairs only sample are patterns here, so
that «техпроекту» or «віце-губернаторові» are found too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from itertools import compress, repeat
from operator import getitem
from pathlib import Path

from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.words import Token, normal_key
from desktop.paths import resource

SPELLING_2019_FILE = resource("proofing", "languagetool", "data", "replace_spelling_2019.txt")
RULE_PREFIX = "orthography:"

# «проект», «проекція» and every word built on them take «є» (§ 16 of the 2019 rules lists «проєкт»).
PROJECT_RE = re.compile(r"(?<=про)е(?=к[тц])", re.IGNORECASE)
PROJECT_MESSAGE = "За Правописом 2019 пишемо «проєкт» і всі слова від нього з «є»."
# Foreign first parts written together with the rest since 2019 (віцепрезидент, ексміністр,
# оберлейтенант); before a proper name the hyphen stays (екс-Югославія).
PREFIX_RE = re.compile(r"^((?i:віце|екс|обер|унтер|штабс|лейб|контр|міні|максі|міді|топ))-(?=[а-щьюяєіїґ])")
PREFIX_MESSAGE = "За Правописом 2019 частини віце-, екс-, обер-, лейб-, міні-, топ- пишемо разом: «віцепрем’єр»."
PAIR_MESSAGE = "За Правописом 2019 пишемо «{}»."
# «пів» meaning half stands apart from a noun in the genitive (пів години, пів Києва); written together
# it is one word only when it names one thing (півострів, південь, північ, півкуля, півфінал).
HALF_RE = re.compile(r"^(пів)['’ʼ`-]?(.+)$", re.IGNORECASE)
HALF_MESSAGE = "За Правописом 2019 «пів» у значенні «половина» пишемо окремо від іменника: «пів години», «пів Києва»."
HALF_WHOLE_WORDS = ("півостр", "півд", "півн", "півкул", "півкол", "півфінал", "півзахис", "півміся", "півоберт",
                    "півовал", "піваркуш", "півсот", "півтор", "півтон", "півкруг", "півпансіон", "півлітр")
ENDING = "аеєиіїоуюяйь"
MAX_TAIL = 4  # letters an inflected form may add to a pair's root: «священик» → «священиками»
MAX_VERDICTS = 50_000  # distinct words remembered before the verdicts start afresh
MIN_ROOT = 6  # a shorter root («аба» of «абайя») would match other words («абажур»): its pair matches as written


def _root(word: str) -> str:
    """word without its last one or two vowels: the part every form of it starts with."""
    root = word
    for _ in range(2):
        if len(root) > 3 and root[-1] in ENDING:
            root = root[:-1]
    return root


def _transfer(old: str, new: str, form: str) -> str:
    """form of old, spelt the way new respells old (the letters both share stay as the form has them)."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    old_middle, new_middle = old[prefix:len(old) - suffix], new[prefix:len(new) - suffix]
    return form[:prefix] + new_middle + form[prefix + len(old_middle):]


def load_pairs(path: Path = SPELLING_2019_FILE) -> dict[str, tuple[str, str]]:
    """root of the old spelling → (old, new) for the common words of LanguageTool's 2019 list.

    Names (capitalised: «Беккер», «Бережной») are left out: a person's name is written as the person writes
    it. Pairs the patterns above already cover, or whose new spelling is not 2019's, are left out too.
    """
    pairs: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        written, _, rest = line.partition("=")
        new, old = rest.split("|")[0].strip(), normal_key(written.strip())
        if line.startswith("#") or not new or not written[:1].islower() or new == old or "проект" in new:
            continue
        if PROJECT_RE.search(old) or PREFIX_RE.match(old) or _root(old) in pairs:
            continue
        pairs[_root(old)] = (old, normal_key(new))
    return pairs


def _apostrophes(word: str) -> set[str]:
    return {word, word.replace("'", "’"), word.replace("'", "ʼ"), word.replace("'", "`")}


def _with_case(word: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return word.upper()
    return word[:1].upper() + word[1:] if like[:1].isupper() else word


class OrthographyChecker:
    """Finds spellings the 2019 orthography changed and offers the new one in the same form."""

    def __init__(self, pairs: dict[str, tuple[str, str]] | None = None) -> None:
        self.pairs = load_pairs() if pairs is None else pairs
        # keyed by every apostrophe spelling, so that a word of the text is looked up as it is written
        self._exact = {variant: (old, new) for old, new in self.pairs.values() for variant in _apostrophes(old)}
        # roots by their first letters, so a word costs one lookup, not one per root length
        self._roots: dict[str, list[str]] = {}
        for root in self.pairs:
            if len(root) >= MIN_ROOT:
                for variant in _apostrophes(root[:MIN_ROOT]):
                    self._roots.setdefault(variant, []).append(root)
        # lowercase word -> which rule may apply (None: none); a text's words repeat, and most are clean
        self._verdicts: dict[str, str | None] = {}
        self._flagged: set[str] = set()

    def clear_caches(self) -> None:
        """Forget the verdicts on words seen so far."""
        self._verdicts.clear()
        self._flagged.clear()

    def findings(self, text: str, tokens: list[Token], lowered: list[str],
                 vocabulary: set[str] | None = None) -> list[Finding]:
        """Every orthography finding of text, whose words are tokens (lowered: the same in lowercase,
        vocabulary: the set of lowered, when already computed)."""
        verdicts = self._verdicts
        if len(verdicts) > MAX_VERDICTS:
            self.clear_caches()
        words = set(lowered) if vocabulary is None else vocabulary
        new = list(words.difference(verdicts))
        verdicts.update(dict.fromkeys(new))
        # _verdict's None, told in C for most words: none of its marks («про», a hyphen, «пів»), neither a
        # listed word nor the first letters of a listed root
        maybe = set(compress(new, map(str.__contains__, new, repeat("про"))))
        maybe.update(compress(new, map(str.__contains__, new, repeat("-"))))
        maybe.update(compress(new, map(str.startswith, new, repeat("пів"))))
        maybe.update(self._exact.keys() & words)
        maybe.update(compress(new, map(self._roots.__contains__, map(getitem, new, repeat(slice(MIN_ROOT))))))
        maybe.intersection_update(new)
        for key in maybe:
            verdict = verdicts[key] = self._verdict(key)
            if verdict is not None:
                self._flagged.add(key)
        flagged = self._flagged.intersection(words)
        found = []
        for index in [i for i, key in enumerate(lowered) if key in flagged] if flagged else ():
            word, start, end = tokens[index]
            finding = self._finding(word, start, end, verdicts[lowered[index]])
            if finding is not None and finding.rule == RULE_PREFIX + "пів" and _goes_on(text, tokens, index):
                # «з'їв Пів'ящика» → «пів ящика»: mid-sentence the fix takes the small letter back
                finding = replace(finding, suggestions=tuple(s[:1].lower() + s[1:] for s in finding.suggestions))
            if finding is not None:
                found.append(finding)
        return found

    def _verdict(self, key: str) -> str | None:
        if "про" in key and PROJECT_RE.search(key):
            return "project"
        if "-" in key and PREFIX_RE.match(key):
            return "prefix"
        if key.startswith("пів") and len(key) > 4:
            return "half" if self._half(key) is not None else None
        # most words stop here: neither a listed word nor the first letters of a listed root
        if key not in self._exact and key[:MIN_ROOT] not in self._roots:
            return None
        return "pair" if self._pair(normal_key(key)) is not None else None

    def _finding(self, word: str, start: int, end: int, verdict: str | None) -> Finding | None:
        if verdict == "project":
            fixed = PROJECT_RE.sub(lambda m: "Є" if m.group().isupper() else "є", word)
            # «міні-проектів» → «мініпроєктів»: both changes in one fix, or the fix leaves a finding
            fixed = PREFIX_RE.sub(lambda m: m.group(1), fixed, count=1)
            return Finding(start, end, "style", RULE_PREFIX + "проєкт", PROJECT_MESSAGE, (fixed,))
        if verdict == "prefix":
            if not PREFIX_RE.match(word):
                return None  # before a proper name the hyphen stays: «екс-Югославія»
            fixed = PREFIX_RE.sub(lambda m: m.group(1), word, count=1)
            return Finding(start, end, "style", RULE_PREFIX + "префікс", PREFIX_MESSAGE, (fixed,))
        if verdict == "half":
            half = self._half(word)
            return None if half is None else Finding(start, end, "style", RULE_PREFIX + "пів", HALF_MESSAGE, (half,))
        pair = self._pair(normal_key(word))
        if pair is None:
            return None
        apostrophe = next((mark for mark in "’ʼ`'" if mark in word), "’")  # keep the one the author used
        fixed = _with_case(_transfer(*pair, normal_key(word)), word).replace("'", apostrophe)
        return Finding(start, end, "style", RULE_PREFIX + pair[0], PAIR_MESSAGE.format(pair[1]), (fixed,))

    def _pair(self, key: str) -> tuple[str, str] | None:
        exact = self._exact.get(key)
        if exact is not None:
            return exact
        for root in self._roots.get(key[:MIN_ROOT], ()):
            if key.startswith(root) and len(key) <= len(root) + MAX_TAIL and key[len(root):].isalpha():
                return self.pairs[root]
        return None

    @staticmethod
    def _half(word: str) -> str | None:
        """«пів години» for «півгодини», «пів-Києва», «пів’яблука»; None when the word is one thing."""
        matched = HALF_RE.match(word)
        if matched is None:
            return None
        key, rest = normal_key(word), matched.group(2)
        if key.startswith(HALF_WHOLE_WORDS):
            return None
        joined = len(rest) == len(word) - 3  # no hyphen or apostrophe between
        analyser = morph()
        genitives = [p for p in analyser.parse(rest.lower()) if p.tag.POS == "NOUN" and "gent" in p.tag
                     and "plur" not in p.tag]
        if not genitives:
            return None
        # a joined word is flagged only when the dictionary has it as the old «півгодини» (indeclinable) or
        # as «піврік», half of the noun; a word of its own (півфінал) has another dictionary form
        halves = {key} | {"пів" + normal_key(p.normal_form) for p in genitives}
        if joined and not all(normal_key(p.normal_form) in halves for p in analyser.parse(key)):
            return None
        return f"{matched.group(1)} {rest}"


def _goes_on(text: str, tokens: list[Token], index: int) -> bool:
    """Whether the word at index continues a sentence: a word in small letters before it, nothing but a space
    or a comma between."""
    if index == 0 or not tokens[index - 1][0][:1].islower():
        return False
    return text[tokens[index - 1][2]:tokens[index][1]].strip() in ("", ",")


@lru_cache(maxsize=1)
def default_orthography_checker() -> OrthographyChecker:
    """The orthography checker over the shipped 2019 list, built once."""
    return OrthographyChecker()
