"""Government, the case a word demands of the words after it: «завідувач» + genitive, «навчати» +
genitive, «зосередитися на» + locative, «внесок у» + accusative, «коштом», a deputy of a person and not of
an office; and «напрям» (a field of work) against «напрямок» (a direction in space)."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar_words import (
    OFFICES,
    STOP,
    agrees,
    cases_of,
    features,
    finding,
    inflect,
    instrumental_phrase,
    is_adjective,
    is_pos,
    key,
    lemma_form,
    lemmas_of,
    match_case,
    next_word,
    parses,
    singular,
    usual_locative,
)
from desktop.language.words import Token

# the head of a department governs the genitive: «завідувач відділу», not «відділом»
HEADS = frozenset(("завідувач", "завідувача", "завідувачу", "завідувачеві", "завідувачем", "завідувачі",
                   "завідувачів", "завідувачам", "завідувачами", "завідувачка", "завідувачки", "завідувачці",
                   "завідувачку", "завідувачкою", "зав", "завідуючий", "завідуючого", "завідуючому", "завідуючим",
                   "завідуюча", "завідуючої", "завідуючій", "завідуючу", "завідуючою", "завідуючі", "завідуючих",
                   "завідуючими"))
TEACH_VERBS = frozenset(("навчати", "навчити", "навчатися", "навчитися", "навчатись", "навчитись", "вчити", "вчитися",
                         "научити", "научитися"))
FOCUS_VERBS = frozenset(("зосередити", "зосереджувати", "зосередитися", "зосереджуватися", "сконцентрувати",
                         "концентрувати", "сконцентруватися", "концентруватися"))
_PERSONAL = frozenset(("йому", "їй", "їм", "мені", "тобі", "нам", "вам", "собі"))
# «напрямок» is a direction in space; a field of work is «напрям» («за напрямами діяльності»)
_FIELD_NOUNS = frozenset(("діяльність", "робота", "розвиток", "співпраця", "співробітництво", "політика",
                          "дослідження", "підготовка", "фінансування", "реформа", "допомога", "підтримка"))
_FIELD_ADJECTIVES = frozenset(("основний", "пріоритетний", "головний", "стратегічний", "ключовий", "перспективний",
                               "окремий", "різний", "інший", "всіх", "визначений"))

def _head(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«завідувач відділом» → «завідувач відділу»: the head of something governs the genitive."""
    words = instrumental_phrase(text, tokens, index, animate=False)
    if words is None:
        return []
    noun = words[-1][0]
    found = features(noun)
    plural = all(f[2] == "plur" for f in found)
    fixes = []
    for w, _s, _e in words:
        if w is noun:
            form = inflect(w, {"gent", "plur"} if plural else {"gent"})
        else:
            genders = {f[3] for f in found}
            form = inflect(w, {"gent", "plur"} if plural else {"gent", *(g for g in genders if g)}, "ADJF") if len(genders) == 1 else None
        if form is None:
            return []
        fixes.append(form)
    fix = " ".join(fixes)
    return [finding(words[0][1], words[-1][2], "government-head", f"Завідувач — чого: «{fix}».", fix)]

def _teach(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«навчати математиці» → «навчати математики»: «навчати» governs the genitive."""
    position = index + 1
    following = next_word(text, tokens, index)
    if following is None:
        return []
    if key(following[0]) in ("їх", "його", "її", "нас", "вас", "мене", "тебе") or (
            features(following[0]) and all(f[0] == "NOUN" and f[6] and f[1] in ("accs", "gent") for f in features(following[0]))):
        following = next_word(text, tokens, index + 1)  # «навчати учнів елементарній математиці»
        position += 1
    if following is None:
        return []
    word = following[0]
    if key(word) in _PERSONAL or not word.islower():
        return []
    found = features(word)
    if not found or "datv" not in {f[1] for f in found} or any(f[1] in ("gent", "nomn", "accs", None) for f in found):
        return []
    after = next_word(text, tokens, position)
    if after is not None and (after[0].lower() == "не" or any(f[0] == "VERB" for f in features(after[0]))):
        return []  # «навчило її нікому не вірити»
    words = [following]
    if any(f[0] == "NPRO" for f in found) or all(f[0] == "ADJF" for f in found):
        if after is not None and "datv" in cases_of(after[0], "NOUN") and not cases_of(after[0], "NOUN") & {"gent", "nomn"}:
            words.append(after)
    elif not all(f[0] == "NOUN" and not f[6] for f in found):
        return []
    fixes: list[str] = []
    head = features(words[-1][0])
    genders = {f[3] for f in head if f[1] == "datv"}
    for w, _s, _e in words:
        feats = features(w)
        pos = "NOUN" if all(f[0] == "NOUN" for f in feats) else ("NPRO" if any(f[0] == "NPRO" for f in feats) else "ADJF")
        grams = {"gent"} | ({"plur"} if all(f[2] == "plur" for f in feats) else set())
        if pos != "NOUN" and len(genders) == 1 and None not in genders and "plur" not in grams:
            grams.add(genders.pop() or "")
        form = inflect(w, grams, pos)
        if form is None:
            fixes = []
            break
        fixes.append(form)
    fix = " ".join(fixes) if fixes else None
    return [finding(words[0][1], words[-1][2], "government-teach",
                     f"Навчати (навчатися) — чого, не чому{f': «{fix}»' if fix else ''}.", fix)]


def _focus(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«сконцентрувати зусилля на підтримку» → «на підтримці»: зосереджуються на чому."""
    for other in range(index + 1, min(index + 4, len(tokens) - 1)):
        if any(ch in STOP for ch in text[tokens[other - 1][2]:tokens[other][1]]):
            return []
        if tokens[other][0].lower() == "на":
            break
    else:
        return []
    first = _accusative_phrase(text, tokens, other + 1, True)
    if first is None:
        return []
    found = [first]
    # «на підтримку галузей, належне функціонування закладів, …»: the objects listed after commas
    position = first[1] + 1
    while position < min(first[1] + 25, len(tokens)):
        gap = text[tokens[position - 1][2]:tokens[position][1]]
        if any(ch in STOP for ch in gap):
            break
        if gap == ", ":
            more = _accusative_phrase(text, tokens, position, False)
            if more is not None:
                found.append(more)
                position = more[1]
        position += 1
    return [item[0] for item in found]

def _accusative_phrase(text: str, tokens: list[Token], position: int, first: bool) -> tuple[Finding, int] | None:
    """A noun (with an adjective before it) in the accusative and not the locative at position, and its
    locative as the finding's fix; the index of its last word."""
    if position >= len(tokens) or (first and text[tokens[position - 1][2]:tokens[position][1]].strip()):
        return None
    words = [tokens[position]]
    second = next_word(text, tokens, position)
    if (all(f[0] in ("ADJF", "PRTF") for f in features(words[0][0])) and features(words[0][0])) or (
            is_adjective(words[0][0]) and second is not None and is_pos(second[0], "NOUN") and agrees(words[0][0], second[0])):
        if second is None:
            return None
        words.append(second)
    noun = words[-1][0]
    found = features(noun)
    if not found or not noun.islower() or not all(f[0] == "NOUN" for f in found) or "loct" in cases_of(noun):
        return None
    accs = [f for f in found if f[1] == "accs"]
    if not accs:
        return None
    if not first and "gent" in cases_of(words[0][0]) | ({"nomn"} if len(words) == 1 else set()):
        return None  # after a comma, only a phrase that cannot be a genitive or a subject
    if not first and len(words) == 2 and not agrees(words[0][0], noun):
        return None
    plural = all(f[2] == "plur" for f in accs)
    genders = {f[3] for f in accs}
    fixes = []
    for w, _s, _e in words:
        if w is noun:
            form = inflect(w, {"loct", "plur"}) if plural else singular(w, "loct")
        elif plural:
            form = inflect(w, {"loct", "plur"}, "ADJF")
        else:
            form = inflect(w, {"loct", *(g for g in genders if g)}, "ADJF") if len(genders) == 1 else None
            form = usual_locative(form)
        if form is None:
            return None
        fixes.append(form)
    fix = " ".join(fixes)
    return (finding(words[0][1], words[-1][2], "government-focus", f"Зосереджуються на чому: «на {fix}».", fix),
            position + len(words) - 1)


def _direction(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«за напрямками діяльності» → «за напрямами»: a field of work is «напрям»."""
    word, start, end = tokens[index]
    found = [p for p in parses(word) if p.normal_form == "напрямок"]
    if not found or not word.islower():
        return []
    following = next_word(text, tokens, index)
    previous = tokens[index - 1][0] if index > 0 and not text[tokens[index - 1][2]:start].strip() else ""
    if not ((following and lemmas_of(following[0]) & _FIELD_NOUNS) or (previous and lemmas_of(previous) & _FIELD_ADJECTIVES)):
        return []
    forms = {lemma_form("напрям", {p.tag.case} | ({"plur"} if p.tag.number == "plur" else set()), "NOUN") for p in found}
    fix = match_case(word, forms.pop() or "") if len(forms) == 1 else None
    return [finding(start, end, "noun-direction", f"Галузь роботи — «напрям», «напрямок» — це рух: «{fix}».", fix)]

# ---- deputies, contributions, funds -------------------------------------------------------------

_DEPUTIES = frozenset(("заступник", "заступниця"))


def _deputy(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«заступник обласної військової адміністрації» → «заступник начальника …»: a deputy is someone's."""
    if not any(f[5] in _DEPUTIES for f in features(tokens[index][0])):
        return []
    position = index
    while True:
        following = next_word(text, tokens, position)
        if following is None:
            return []
        found = features(following[0])
        if found and all(f[0] == "ADJF" for f in found) and "gent" in cases_of(following[0]):
            position += 1
            continue
        break
    if not found or not all(f[0] == "NOUN" and f[5] in OFFICES and not f[6] for f in found) or "gent" not in cases_of(following[0]):
        return []
    if any(f[1] in ("nomn", "accs") and f[2] != "plur" for f in found) and following[0][:1].islower() and position == index:
        return []  # «заступник управління» may be «the deputy (of the) department» only with a genitive
    head = "начальника" if any(f[5] == "адміністрація" for f in found) else "керівника"
    return [finding(tokens[index + 1][1], following[2], "government-deputy",
                     f"Заступником буває особа, не установа: «{tokens[index][0]} {head} …».", None)]


def _contribution(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«внесок у відновленні» → «внесок у відновлення»: a contribution is into something (the accusative)."""
    if not any(f[5] == "внесок" for f in features(tokens[index][0])):
        return []
    position = index
    while True:  # «внесок міжнародних партнерів у …»: the contributors in the genitive between
        preposition = next_word(text, tokens, position)
        if preposition is None or position > index + 3:
            return []
        if preposition[0].lower() in ("у", "в"):
            break
        if "gent" not in cases_of(preposition[0]):
            return []
        position += 1
    following = next_word(text, tokens, position + 1)
    if following is None:
        return []
    found = features(following[0])
    if not found or not following[0].islower() or not all(f[0] == "NOUN" and f[1] == "loct" for f in found):
        return []
    plural = all(f[2] == "plur" for f in found)
    fix = inflect(following[0], {"accs", "plur"}) if plural else singular(following[0], "accs")
    if fix is None:
        return []
    return [finding(following[1], following[2], "government-contribution", f"Внесок — у що: «у {fix}».", fix)]


def _funds(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«за кошти бюджету» → «коштом бюджету»."""
    if tokens[index][0].lower() != "кошти" or index == 0 or tokens[index - 1][0].lower() != "за":
        return []
    if text[tokens[index - 1][2]:tokens[index][1]].strip():
        return []
    following = next_word(text, tokens, index)
    if following is None or "gent" not in cases_of(following[0]) or following[0][:1].isupper():
        return []
    fix = match_case(tokens[index - 1][0], "коштом")
    return [finding(tokens[index - 1][1], tokens[index][2], "government-funds",
                     f"Джерело фінансування — «{fix} …» або «за рахунок коштів …».", fix)]
