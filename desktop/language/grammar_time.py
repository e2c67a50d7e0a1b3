"""The rules of the time of day said in words: minutes past the hour («п’ять хвилин на третю»),
half past («пів на першу»), minutes to the hour («за десять третя») and minutes as a cardinal numeral."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar_words import (
    ORDINALS,
    cases_of,
    features,
    finding,
    inflect,
    match_case,
    next_word,
)
from desktop.language.words import Token

# ---- time of day -------------------------------------------------------------------------------

_CARDINALS = {"перший": "одна", "другий": "дві", "третій": "три", "четвертий": "чотири", "п'ятий": "п'ять",
              "шостий": "шість", "сьомий": "сім", "восьмий": "вісім", "дев'ятий": "дев'ять", "десятий": "десять",
              "двадцятий": "двадцять", "тридцятий": "тридцять", "сороковий": "сорок", "п'ятдесятий": "п'ятдесят"}

def _ordinal_femn(word: str, case: str) -> bool:
    found = features(word)
    return bool(found) and any(f[0] == "ADJF" and f[5] in ORDINALS and f[1] == case and f[3] == "femn" for f in found) \
        and not any(f[0] == "NOUN" and not f[6] for f in found)


def _minutes(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«п’ять хвилин третьої» → «п’ять хвилин на третю»; «о першій годині двадцятій хвилині» → «двадцять хвилин»."""
    word = tokens[index][0].lower()
    following = next_word(text, tokens, index)
    if word == "хвилин" and following is not None and _ordinal_femn(following[0], "gent"):
        after = next_word(text, tokens, index + 1)
        if after is not None and any(f[0] in ("NOUN", "ADJF") for f in features(after[0])):
            return []  # «11 хвилин другої половини»
        fix = inflect(following[0], {"accs", "femn"}, "ADJF")
        phrase = f"на {fix}" if fix else None
        return [finding(following[1], following[2], "time-minutes",
                         f"Хвилини після години — «{phrase or 'на …'}» або «по …».", phrase)]
    if word == "годині":
        for other in range(index + 1, min(index + 4, len(tokens))):
            if text[tokens[other - 1][2]:tokens[other][1]].strip():
                return []
            if tokens[other][0].lower() == "хвилині" and other > index + 1:
                ordinal = tokens[other - 1][0]
                lemmas = {f[5] for f in features(ordinal) if f[0] == "ADJF"}
                if not lemmas or not lemmas <= _CARDINALS.keys():
                    return []
                cardinal = _CARDINALS[lemmas.pop()]
                last = cardinal.split()[-1]
                minutes = "хвилина" if last == "одна" else "хвилини" if last in ("дві", "три", "чотири") else "хвилин"
                words = [t[0] for t in tokens[index + 1:other - 1]] + [cardinal.replace("'", "’") if "’" in ordinal else cardinal, minutes]
                fix = " ".join(words)
                return [finding(tokens[index + 1][1], tokens[other][2], "time-minutes",
                                 f"Хвилини називають кількісним числівником: «{fix}».", fix)]
    return []


def _half_past(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«пів першої» → «пів на першу»."""
    following = next_word(text, tokens, index)
    if following is None or not _ordinal_femn(following[0], "gent"):
        return []
    after = next_word(text, tokens, index + 1)
    if after is not None and any(f[0] == "NOUN" for f in features(after[0])):
        return []  # «пів першої години»? not a time of day
    fix = inflect(following[0], {"accs", "femn"}, "ADJF")
    if fix is None:
        return []
    phrase = f"{tokens[index][0]} на {fix}"
    return [finding(tokens[index][1], following[2], "time-half", f"Правильно «{phrase}».", phrase)]


def _without(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«без десяти третя» → «за десять третя» (or «десять до третьої»)."""
    words: list[Token] = []
    position = index
    while len(words) < 4:
        following = next_word(text, tokens, position)
        if following is None:
            return []
        found = features(following[0])
        if found and all(f[0] == "NUMR" for f in found) and "gent" in cases_of(following[0]):
            words.append(following)
            position += 1
            continue
        break
    if not words:
        return []
    following = next_word(text, tokens, position)
    minutes = None
    if following is not None and following[0].lower() == "хвилин":
        minutes = following
        position += 1
        following = next_word(text, tokens, position)
    if following is None or not _ordinal_femn(following[0], "nomn"):
        return []
    after = next_word(text, tokens, position + 1)
    if after is not None and any(f[0] == "NOUN" for f in features(after[0])):
        return []
    fix = None
    cardinals = {f[5] for f in features(words[0][0])}
    if len(words) == 1 and len(cardinals) == 1:
        cardinal = match_case(words[0][0], cardinals.pop())
        fix = " ".join([match_case(tokens[index][0], "за"), cardinal, *([minutes[0]] if minutes else []), following[0]])
    return [finding(tokens[index][1], following[2], "time-without",
                     f"Час до години — «за … {following[0]}» або «… до {inflect(following[0], {'gent', 'femn'}, 'ADJF') or '…'}».", fix)]
