"""Sensitive information: coordinates, military unit numbers and a configurable list of words; never auto-fixed."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop.language.finding import Finding
from desktop.language.phrases import PhraseMatcher
from desktop.language.security_places import MESSAGES as PLACE_MESSAGES
from desktop.language.security_places import place_hits
from desktop.language.words import Token
from desktop.paths import resource

SECURITY_WORDS_FILE = resource("proofing", "security_words.txt")

_DECIMAL = r"-?\d{1,3}[.,]\d{4,}"
# Decimal degree pairs (50.4501, 30.5234) need four decimals, so prices and shares never match.
# Patterns start with a digit or a letter, not a look-behind, so re skips text fast; the
# character before a hit is checked in Python.
DECIMAL_PAIR_RE = re.compile(rf"{_DECIMAL}°?\s*[,;]?\s+{_DECIMAL}°?(?!\d)")
# A four-decimal number anywhere: most texts have none, and this is the cheaper scan (one pattern a mark:
# re skips to a literal first character far faster than to a class).
FOUR_DECIMALS = (re.compile(r"\.\d{4}"), re.compile(r",\d{4}"))
_HEMISPHERE = r"(?:[NSEW]|пн\.?\s?ш\.?|пд\.?\s?ш\.?|сх\.?\s?д\.?|зх\.?\s?д\.?)"
DEGREES_RE = re.compile(
    rf"\d{{1,3}}(?:[.,]\d+)?\s?°(?:\s?\d{{1,2}}(?:[.,]\d+)?\s?['′’])?(?:\s?\d{{1,2}}(?:[.,]\d+)?\s?[\"″”])?"
    rf"(?:\s?{_HEMISPHERE})?"
)
# Unit designations: «в/ч А1234», «військова частина А0000», a bare «А1234», field post «польова пошта В1234».
UNIT_NUMBER_RE = re.compile(r"[АВAB]-?\d{4}(?!\d)|в/ч\s*№?\s*\d{3,5}(?!\d)|військов\w+\s+частин\w+\s+№\s*\d+")
# UNIT_NUMBER_RE's branches, each led by a literal (which re skips to quickly), as unit_matches runs them:
# the letter branch a letter, and the others only in a text with «/» or «№» (each needs one). No two branches
# match at one place, and none inside another's match, so their matches merged are UNIT_NUMBER_RE's.
UNIT_LETTER_BRANCHES = tuple(re.compile(rf"{letter}-?\d{{4}}(?!\d)") for letter in "АВAB")
UNIT_OTHER_BRANCHES = (re.compile(r"в/ч\s*№?\s*\d{3,5}(?!\d)"), re.compile(r"військов\w+\s+частин\w+\s+№\s*\d+"))
UNIT_PREFIX_RE = re.compile(r"(?:в/ч\s*|військов\w+\s+частин\w+\s+|польов\w+\s+пошт\w+\s+)$", re.IGNORECASE)
# Numbered formations: «72 ОМБр», «95-та окрема десантно-штурмова бригада», «72-ї механізованої бригади».
# «15 бригад енергетиків» or «5-ти бригад швидкої» are civilian crews: a bare count before the noun
# needs a military adjective, and cardinal endings (-ти, -ми, -х) never make a formation.
_MILITARY_ADJECTIVE = (r"(?:окрем\w+|механізован\w+|десантно-штурмов\w+|штурмов\w+|танков\w+|артилерійськ\w+|"
                       r"гірсько-штурмов\w+|морськ\w+|піхот\w+|президентськ\w+|мотопіхот\w+|прикордонн\w+)")
FORMATION_RE = re.compile(
    rf"\d{{1,3}}(?:-?(?P<ending>[а-яії]{{1,3}}))?\s+(?P<adjectives>(?:{_MILITARY_ADJECTIVE}\s+){{0,3}})"
    r"(?:(?P<noun>бригад\w*|батальйон\w*|полк\w*|дивізіон\w*)|О[А-ЯІЇЄ]{1,5}Бр|ОБр|ОМПБ|ОСП|ОШБ)\b"
)
CARDINAL_ENDINGS = frozenset({"ти", "ми", "х", "ох", "ьох"})
# Every formation names one of these: a text without them (nearly every text) skips the slower pattern.
# (Alternatives sharing a first letter are grouped: re then tries one branch at each б or О, not two.)
FORMATION_NOUN_RE = re.compile(r"б(?:ригад|атальйон)|полк|дивізіон|Бр|О(?:МПБ|СП|ШБ)")



def _is_formation(match: re.Match[str]) -> bool:
    ending = match.group("ending")
    if ending in CARDINAL_ENDINGS:
        return False
    return not match.group("noun") or bool(ending) or bool(match.group("adjectives"))


SECURITY_MESSAGES = {
    "coordinates": "Координати: перевірте, чи можна їх оприлюднювати.",
    "military-unit": "Номер чи позначення військової частини: такі дані не оприлюднюють.",
    **PLACE_MESSAGES,
}
GENERAL_RULE = "sensitive-word"
GENERAL_NOTE = "перевірте, чи можна це оприлюднювати."
_SECTION_RE = re.compile(r"^\[(?P<rule>[\w-]+)(?:\s+needs=(?P<needs>[\w,]+))?\]\s*(?P<note>.*)$")

# What makes a listed term sensitive when its section says «needs=…»: a word of it in the term's clause.
# A fortification or a soldier's death named alone, in a list of the agenda, tells nothing; «біля
# с. Вільне», «вчора», «72 ОМБр», «після удару» do.
_PLACE_CONTEXT = (r"біля|поблизу|неподалік|околиц\w*|в\s+районі|у\s+районі|вздовж|уздовж|напрямк\w*|"
                  r"вул\.|вулиц\w+|с\.\s*[А-ЯІЇЄҐ]|смт\s*[А-ЯІЇЄҐ]|м\.\s*[А-ЯІЇЄҐ]|сел[оіа]\s+[А-ЯІЇЄҐ]|"
                  r"під\s+[А-ЯІЇЄҐ]|у\s+[А-ЯІЇЄҐ]\w+(?:ому|ці|ні|ку|ві)\b|в\s+[А-ЯІЇЄҐ]\w+(?:ому|ці|ні|ку|ві)\b")
_TIME_CONTEXT = (r"вночі|уночі|вранці|зранку|ввечері|увечері|сьогодні|вчора|учора|позавчора|минулої\s+ночі|"
                 r"цієї\s+ночі|нині|зараз|о\s+\d{1,2}[:.]\d{2}|\d{1,2}:\d{2}|\d{1,2}\s+(?:січня|лютого|березня|"
                 r"квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня)")
_NUMBER_CONTEXT = r"\d"
_UNIT_CONTEXT = (r"бригад\w*|батальйон\w*|полк\w*|рот[аиіу]\b|роти\b|підрозділ\w*|частин\w*|дивізіон\w*|"
                 r"О[А-ЯІЇЄ]{1,5}Бр|в/ч|загон\w*")
_STRIKE_CONTEXT = (r"влуча\w*|влучи\w*|прил[іе]т\w*|прильот\w*|уламк\w*|обстріл\w*|удар\w*|вибух\w*|"
                   r"пошкодж\w*|зруйн\w*|руйнуван\w*|атак\w*|ракет\w*|дрон\w*|шахед\w*|знеструм\w*|"
                   r"пожеж\w*|загоран\w*|віднов\w*")
CONTEXTS = {
    "place": re.compile(_PLACE_CONTEXT),
    "time": re.compile(_TIME_CONTEXT, re.IGNORECASE),
    "number": re.compile(_NUMBER_CONTEXT),
    "unit": re.compile(_UNIT_CONTEXT),
    "strike": re.compile(_STRIKE_CONTEXT, re.IGNORECASE),
}
CLAUSE_CHARS = 120
# A clause ends at ; : ! ? a line break, a dash between spaces, or a comma or full stop before a space
# (not the full stop of «с.», «м.», «вул.»: a short word before it).
_CLAUSE_END_RE = re.compile(r"[;:!?\n]|\s[–—]\s|(?<![\s.][а-яіїєґ])(?<![\s.][а-яіїєґ]{2})(?<![\s.][а-яіїєґ]{3})[.,](?=\s)")


def _clause_around(text: str, start: int, end: int) -> str:
    """The clause of text[start:end] (within CLAUSE_CHARS each side), without the term itself."""
    left = max(0, start - CLAUSE_CHARS)
    for boundary in _CLAUSE_END_RE.finditer(text, left, start):
        left = boundary.end()
    right = min(len(text), end + CLAUSE_CHARS)
    following = _CLAUSE_END_RE.search(text, end, right)
    if following is not None:
        right = following.start()
    return text[left:start] + " " + text[end:right]


def context_found(text: str, start: int, end: int, needs: tuple[str, ...]) -> bool:
    """Whether the clause of the term at start:end has one of the contexts needs names."""
    clause = _clause_around(text, start, end)
    return any(CONTEXTS[need].search(clause) for need in needs)


@dataclass(frozen=True)
class SecurityTerm:
    """A listed term, its section (the category it belongs to) and the note the reviewer reads."""

    term: str
    section: str = GENERAL_RULE
    note: str = GENERAL_NOTE
    needs: tuple[str, ...] = ()  # contexts one of which must be in the term's clause (CONTEXTS); none: always


def load_security_sections(path: Path = SECURITY_WORDS_FILE) -> list[SecurityTerm]:
    """The terms of a word list with their sections: «[rule] note» lines start one, # a comment."""
    section_name, note = GENERAL_RULE, GENERAL_NOTE
    needs: tuple[str, ...] = ()
    terms = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.lstrip().startswith("#"):
            continue
        section = _SECTION_RE.match(line.strip())
        if section:
            section_name, note = section["rule"], section["note"].strip() or GENERAL_NOTE
            needs = tuple(section["needs"].split(",")) if section["needs"] else ()
            unknown = set(needs) - set(CONTEXTS)
            if unknown:
                raise ValueError(f"Невідома умова «{', '.join(sorted(unknown))}» у розділі «{section_name}» ({path}).")
            continue
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(SecurityTerm(term, section_name, note, needs))
    return terms


def load_security_terms(path: Path = SECURITY_WORDS_FILE) -> list[str]:
    """The terms of a word list: one a line, # starts a comment, sections are left out."""
    return [entry.term for entry in load_security_sections(path)]


class SecurityChecker:
    """Flags what a military administration must not publish, for the reviewer; suggestions stay empty."""

    def __init__(self, terms: Iterable[str | SecurityTerm] | None = None) -> None:
        entries = list(terms) if terms is not None else load_security_sections()
        self.entries = [entry if isinstance(entry, SecurityTerm) else SecurityTerm(entry) for entry in entries]
        self.terms = [entry.term for entry in self.entries]
        self._matcher = PhraseMatcher(self.terms)

    def findings(self, text: str, tokens: list[Token] | None = None,
                 lowered: list[str] | None = None) -> list[Finding]:
        """Every sensitive span of text."""
        found: list[Finding] = []
        taken: list[tuple[int, int]] = []
        units = UNIT_NUMBER_RE
        patterns: list[tuple[re.Pattern[str], Iterable[re.Match[str]], str]] = []
        if any(pattern.search(text) for pattern in FOUR_DECIMALS):
            patterns.append((DECIMAL_PAIR_RE, DECIMAL_PAIR_RE.finditer(text), "coordinates"))
        if "°" in text:
            patterns.append((DEGREES_RE, DEGREES_RE.finditer(text), "coordinates"))
        patterns.append((units, unit_matches(text), "military-unit"))
        if FORMATION_NOUN_RE.search(text):
            patterns.append((FORMATION_RE, FORMATION_RE.finditer(text), "military-unit"))
        for pattern, matches, rule in patterns:
            for match in matches:
                start, end = match.span()
                before = text[start - 1] if start else " "
                if before.isalnum() or (before in "_-.," and pattern is not units):
                    continue  # the middle of a longer number or word
                if pattern is DEGREES_RE and not _looks_like_coordinate(match.group()):
                    continue
                if pattern is FORMATION_RE and not _is_formation(match):
                    continue
                if pattern is units:
                    prefix = UNIT_PREFIX_RE.search(text, max(start - 40, 0), start)
                    start = prefix.start() if prefix else start
                if any(start < e and s < end for s, e in taken):
                    continue
                taken.append((start, end))
                found.append(Finding(start, end, "security", rule, SECURITY_MESSAGES[rule]))
        for hit in place_hits(text):
            if any(hit.start < e and s < hit.end for s, e in taken):
                continue
            taken.append((hit.start, hit.end))
            found.append(Finding(hit.start, hit.end, "security", hit.rule, SECURITY_MESSAGES[hit.rule]))
        for phrase in self._matcher.find(text, tokens, lowered):
            if any(phrase.start < e and s < phrase.end for s, e in taken):
                continue
            entry = self.entries[phrase.index]
            if entry.needs and not context_found(text, phrase.start, phrase.end, entry.needs):
                continue  # named alone, in a harmless clause
            # one rule for every listed term (reports and scorers count it so); the section's note tells which
            found.append(Finding(phrase.start, phrase.end, "security", GENERAL_RULE,
                                 f"«{text[phrase.start:phrase.end]}» ({entry.term}): {entry.note}"))
        found.sort(key=lambda f: (f.start, f.end))
        return found


def unit_matches(text: str) -> list[re.Match[str]]:
    """UNIT_NUMBER_RE's matches in text, in order, from its branches' scans."""
    branches = UNIT_LETTER_BRANCHES + (UNIT_OTHER_BRANCHES if "/" in text or "№" in text else ())
    found = sorted((match for branch in branches for match in branch.finditer(text)), key=re.Match.start)
    kept: list[re.Match[str]] = []
    for match in found:
        if not kept or match.start() >= kept[-1].end():
            kept.append(match)
    return kept


def _looks_like_coordinate(found: str) -> bool:
    # «+5 °C» or «кут 30°» are not places: a coordinate has minutes or a hemisphere
    return any(mark in found for mark in "'′’") or re.search(r"[NSEW]|ш\.?|д\.?$", found) is not None


@lru_cache(maxsize=1)
def default_security_checker() -> SecurityChecker:
    """The checker over the shipped word list, built once."""
    return SecurityChecker()
