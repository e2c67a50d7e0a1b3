"""Personal contacts and exact places in a release: mobile numbers, private e-mail addresses, and a
building or an address next to words of damage, shelters or troops. Flagged for the reviewer only."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# The office's own addresses may be published: state bodies are on gov.ua (and its subdomains).
OFFICIAL_EMAIL_DOMAINS = ("gov.ua",)

# Ukrainian mobile operators' codes: a personal number is nearly always a mobile one; landlines and
# hotlines («(04142) 5-11-11», «0 800 500 123») are the office's and stay unflagged.
_MOBILE_CODES = r"(?:39|50|63|66|67|68|73|77|89|91|92|93|94|95|96|97|98|99)"
PHONE_RE = re.compile(
    rf"(?:\+?\s?38\s?)?\(?0\s?\(?{_MOBILE_CODES}\)?[\s\-]?\d{{3}}[\s\-]?\d{{2}}[\s\-]?\d{{2}}(?!\d)"
)
EMAIL_RE = re.compile(r"[\w.+-]+@(?P<domain>[\w-]+(?:\.[\w-]+)+)")

# A building with its number, or a street address with a house number.
_BUILDING = (r"(?:школ\w*|ліце\w*|гімназі\w*|ЗЗСО|ЗДО|садо?ч?к\w*|лікарн\w*|поліклінік\w*|амбулатор\w*|"
             r"будин\w*|будинк\w*|гуртожит\w*|корпус\w*|заклад\w*|підприємств\w*|завод\w*|склад\w*)")
# (вул\.|вулиц\w+|просп\.|проспект\w*|пров\.|провул\w+|бульв\.|бульвар\w*|пл\.|площ\w+|шосе|майдан\w*) with the
# shared beginnings grouped: re then tries one branch at each в, п or б of the text, not several
_STREET = r"(?:ву(?:л\.|лиц\w+)|пр(?:осп(?:\.|ект\w*)|ов(?:\.|ул\w+))|бульв(?:\.|ар\w*)|пл(?:\.|ощ\w+)|шосе|майдан\w*)"
BUILDING_RE = re.compile(rf"{_BUILDING}\s*№\s*\d+[а-яі]?", re.IGNORECASE)
ADDRESS_RE = re.compile(
    rf"{_STREET}\s*[А-ЯІЇЄҐ][\w'’ʼ-]+(?:\s+[А-ЯІЇЄҐ][\w'’ʼ-]+)?,?\s*(?:буд\.\s*|будинок\s*|№\s*)?\d+[а-яі]?(?!\d|[.,]\d)"
)
# What makes a place sensitive when it is near: damage, shelters, troops. Only whether one is there counts
# (a search's truth), so each is its beginning, and those sharing a first letter are grouped: re then tries a
# dozen branches at each character of the sentence, not 26 (влуча…, влучи…, приліт…, прилет…, прильот…,
# уламк…, обстріл…, удар…, вибух…, пошкодж…, зруйн…, руйнуван…, пожеж…, загоран…, укритт…, сховищ…,
# бомбосховищ…, пункт… незламності, військов…, військовослужб…, підрозділ…, ЗСУ, ТрО, тероборон…, дислок…,
# бригад…, боєприпас…).
_CONTEXT_RE = re.compile(
    r"в(?:луч[аи]|ибух|ійськов)|п(?:рил(?:[іе]т|ьот)|о(?:шкодж|жеж)|ункт\w* незламності|ідрозділ)|"
    r"у(?:ламк|дар|критт)|обстріл|з(?:руйн|агоран|су)|руйнуван|сховищ|б(?:ригад|оєприпас)|т(?:ероборон|ро)|дислок",
    re.IGNORECASE,
)
CONTEXT_CHARS = 150
# The office's own name («…районної військової адміністрації») is no sign of troops.
_OFFICE_NAME_RE = re.compile(r"військов\w*\s+адміністрац\w*", re.IGNORECASE)

MESSAGES = {
    "phone": ("Номер мобільного телефону: особисті номери не оприлюднюють; службовий — лише з дозволу "
              "його власника."),
    "email": ("Особиста електронна адреса: оприлюднюють лише службові адреси органів влади "
              "(…@….gov.ua)."),
    "exact-location": ("Точне місце (будівля з номером чи адреса) поруч зі словами про удар, укриття чи "
                       "військових підказує ворогові ціль: назвіть населений пункт або район, без адреси."),
}


@dataclass(frozen=True)
class PlaceHit:
    """A sensitive span and its rule."""

    start: int
    end: int
    rule: str


def _official(domain: str) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == official or domain.endswith("." + official) for official in OFFICIAL_EMAIL_DOMAINS)


# A sentence ends at . ! ? after a word of six letters or more, a digit or a closing mark: «вул.», «просп.»
# and «буд.» end none.
_SENTENCE_END_RE = re.compile(r"(?:\w{6,}|\d|[»)\"])[.!?…]+(?=\s|$)|\n")


def _sentence_around(text: str, start: int, end: int) -> str:
    """The rest of the place's sentence (within CONTEXT_CHARS): a context word must be in it."""
    left = max(0, start - CONTEXT_CHARS)
    for boundary in _SENTENCE_END_RE.finditer(text, left, start):
        left = boundary.end()
    right = min(len(text), end + CONTEXT_CHARS)
    following = _SENTENCE_END_RE.search(text, end, right)
    if following is not None:
        right = following.end()
    return _OFFICE_NAME_RE.sub(" ", text[left:start] + " " + text[end:right])


# Cheap scans that start with a literal (which re finds fast): every phone has a mobile code after a 0,
# every building a «№»; the full patterns run only in a window around each.
_MOBILE_HINT_RE = re.compile(rf"0\s?\(?{_MOBILE_CODES}")
_NUMBER_SIGN_RE = re.compile("№")


def _windowed(pattern: re.Pattern[str], text: str, hint: re.Pattern[str], before: int,
              after: int) -> Iterator[re.Match[str]]:
    """pattern's matches in text, searched only around hint's (each once, in order)."""
    done = 0
    for found in hint.finditer(text):
        start = max(done, found.start() - before)
        for match in pattern.finditer(text, start, min(len(text), found.end() + after)):
            if match.start() >= done and match.start() <= found.start() and match.end() >= found.end():
                done = match.end()
                yield match
                break


def place_hits(text: str) -> Iterator[PlaceHit]:
    """Mobile numbers, private e-mail addresses and exact places near damage, shelters or troops."""
    if "@" in text:
        for match in EMAIL_RE.finditer(text):
            if not _official(match.group("domain")):
                yield PlaceHit(match.start(), match.end(), "email")
    if any(map(str.isdigit, text)):  # in C: no Python step a character
        for match in _windowed(PHONE_RE, text, _MOBILE_HINT_RE, 8, 24):
            before = text[match.start() - 1] if match.start() else " "
            if not before.isalnum():
                yield PlaceHit(match.start(), match.end(), "phone")
        patterns = [ADDRESS_RE.finditer(text)]
        if "№" in text:  # a building's number needs one; most texts have none
            patterns.insert(0, _windowed(BUILDING_RE, text, _NUMBER_SIGN_RE, 40, 16))
        for matches in patterns:
            for match in matches:
                before = text[match.start() - 1] if match.start() else " "
                if before.isalnum():
                    continue
                if _CONTEXT_RE.search(_sentence_around(text, match.start(), match.end())):
                    yield PlaceHit(match.start(), match.end(), "exact-location")
