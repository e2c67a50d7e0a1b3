"""The rules of verbs: an event verb agreeing with the subject after it, a plural verb for several people,
the infinitive after a modal word («треба писати»), the compound future with a perfective infinitive, and
a «-но/-то» form naming its doer in the instrumental."""

from __future__ import annotations

from desktop.language.finding import Finding
from desktop.language.grammar_words import (
    STOP,
    features,
    finding,
    instrumental_phrase,
    is_pos,
    key,
    match_case,
    next_word,
    parses,
)
from desktop.language.word_cache import word_cache
from desktop.language.words import Token

EVENT_VERBS = frozenset(("відбутися", "відбуватися", "розпочатися", "розпочинатися", "початися", "починатися",
                         "завершитися", "завершуватися", "закінчитися", "закінчуватися", "відкритися"))
# words of time and measure that follow an event verb as an adverbial («відбулася місяць тому»)
_TIME_NOUNS = frozenset(("місяць", "рік", "тиждень", "день", "година", "хвилина", "ніч", "вечір", "ранок", "раз"))
# words after which a verb goes in the infinitive («треба писати», «повинен їхати»)
MODALS = frozenset(("треба", "варто", "повинен", "повинна", "повинно", "повинні", "потрібно", "необхідно", "можна"))
_BE_FORMS = frozenset(("бути", "було", "буде", "будуть", "був", "була", "були", "б", "би"))
FUTURE_BE = frozenset(("буду", "будеш", "буде", "будемо", "будете", "будуть"))
_MODAL_BEFORE_FUTURE = MODALS | frozenset(("слід", "доведеться", "довелося", "змога", "мусить", "не"))

# verbs whose «-но/-то» form takes a role in the instrumental: «його обрано головою»
_ROLE_VERBS = frozenset(("обрати", "призначити", "визнати", "назвати", "оголосити", "вважати", "затвердити",
                         "обирати", "призначати", "визнавати", "називати", "зарахувати", "залучити", "представити",
                         "нагородити", "відзначити", "відрядити", "ввести", "запросити", "переобрати", "делегувати"))
_ABLT_PRONOUNS = frozenset(("ним", "нею", "ними", "мною", "тобою", "нами", "вами"))

# ---- verbs -------------------------------------------------------------------------------------

@word_cache(4096)
def _event_verb(word: str) -> bool:
    # the lemmas first, from the features (the parses' own, without building the parses): most verbs are no event
    if not any(f[5] in EVENT_VERBS for f in features(word)):
        return False
    return any(p.tag.POS == "VERB" and "past" in p.tag and p.tag.gender and p.normal_form in EVENT_VERBS
               for p in parses(word))


def _verb(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    if word.lower() in ("взяв", "взяла"):
        return _several_people(text, tokens, index)
    if not _event_verb(word):
        return []
    following = next_word(text, tokens, index)
    if following is None:
        return []
    previous = tokens[index - 1][0] if index > 0 and not text[tokens[index - 1][2]:start].strip() else ""
    fix = _verb_fix(word, following[0], previous)
    if fix is None:
        return []
    return [finding(start, end, "verb-agreement", f"Дієслово не узгоджене з підметом «{following[0]}»: «{fix}».", fix)]


@word_cache(16384)
def _verb_fix(word: str, noun: str, previous: str) -> str | None:
    verbs = [p for p in parses(word) if p.tag.POS == "VERB" and "past" in p.tag and p.tag.gender]
    subjects = [p for p in parses(noun) if p.tag.POS == "NOUN" and "nomn" in p.tag]
    if not subjects or not is_pos(noun, "NOUN") or not noun.islower() or any(s.normal_form in _TIME_NOUNS for s in subjects):
        return None
    if any(s.tag.number != "plur" and s.tag.gender in {v.tag.gender for v in verbs} for s in subjects):
        return None
    before = [f for f in features(previous) if f[0] == "NOUN" and f[1] == "nomn"] if previous else []
    if any(f[2] != "plur" and f[3] in {v.tag.gender for v in verbs} for f in before):
        return None  # «прем’єра відбулася місяць тому»: the subject stands before
    singular = [s for s in subjects if s.tag.number != "plur" and s.tag.gender]
    grammemes = {"past", singular[0].tag.gender} if singular else {"past", "plur"}
    form = verbs[0].inflect(grammemes)
    if form is None:
        return None
    fixed = form.word[:-2] + "ся" if word.endswith("ся") and form.word.endswith("сь") else form.word
    return match_case(word, fixed)


def _several_people(text: str, tokens: list[Token], index: int) -> list[Finding]:
    word, start, end = tokens[index]
    near = {t[0].lower() for t in tokens[max(0, index - 1):index + 2]}
    if "участь" not in near:
        return []
    names = 0
    joined = False
    for other, other_start, _other_end in tokens[index + 1:index + 25]:
        if any(ch in STOP for ch in text[end:other_start]):
            break
        if other.lower() in ("та", "і", "й") and names:
            joined = True
        if other[:1].isupper() and any("Name" in p.tag and "nomn" in p.tag for p in parses(other)):
            names += 1
    if names >= 2 and joined:
        fix = match_case(word, "взяли")
        return [finding(start, end, "verb-several-people", "Кілька осіб — дієслово в множині: «взяли».", fix)]
    return []


def _modal(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«треба писав» → «треба писати»: after «треба», «варто», «повинен» the verb is an infinitive."""
    following = next_word(text, tokens, index)
    if following is None or (key(following[0]) in _BE_FORMS and not (
            key(tokens[index][0]) == "варто" and key(following[0]) in ("були", "був", "була"))):
        return []  # «треба було», «повинен був»; but «варто були» → «варто бути»
    word, start, end = following
    found = features(word)
    if index > 0 and key(tokens[index - 1][0]) in ("чи", "як", "що", "коли", "де"):
        return []
    if not found or any(f[0] != "VERB" for f in found):
        return []  # told from the features (one for each parse, in order) without building the parses
    verbs = [p for p in parses(word)]
    if not verbs or not all(p.tag.POS == "VERB" and "infn" not in p.tag and "Impe" not in p.tag
                            and ("past" in p.tag or "pres" in p.tag or "futr" in p.tag) for p in verbs):
        return []
    if any(f[5] == "бути" for f in found):
        fix = "бути"
    else:
        lemmas = {p.normal_form for p in verbs}
        if len(lemmas) != 1:
            return []
        fix = lemmas.pop()
    fix = match_case(word, fix)
    return [finding(start, end, "verb-infinitive", f"Після «{tokens[index][0]}» дієслово в неозначеній формі: «{fix}».", fix)]


def _future_passive(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«будуть розглянути» → «будуть розглянуті»: the compound future takes an imperfective infinitive."""
    if index > 0 and key(tokens[index - 1][0]) in _MODAL_BEFORE_FUTURE:
        return []
    following = next_word(text, tokens, index)
    if following is None:
        return []
    word, start, end = following
    if not all(f[0] == "VERB" for f in features(word)):
        return []  # told from the features (one for each parse, in order) without building the parses
    found = parses(word)
    if not found or not all(p.tag.POS == "VERB" and "infn" in p.tag and "perf" in p.tag for p in found):
        return []
    after = next_word(text, tokens, index + 1)
    if after is not None and any(f[0] == "VERB" for f in features(after[0])):
        return []
    fix = None
    if key(tokens[index][0]) in ("будуть", "будемо", "будете"):
        impersonal = {f.word for p in found for f in p.lexeme if "Impe" in f.tag}
        if len(impersonal) == 1:
            candidate = impersonal.pop()[:-1] + "і"
            if any(f[0] == "ADJF" and f[1] == "nomn" and f[2] == "plur" for f in features(candidate)):
                fix = match_case(word, candidate)
    message = (f"Складений майбутній час — з дієсловом недоконаного виду; тут дієприкметник: «{fix}»." if fix
               else "Складений майбутній час утворюють лише з дієсловом недоконаного виду.")
    return [finding(start, end, "verb-future-perfective", message, fix)]

def _passive_agent(text: str, tokens: list[Token], index: int) -> list[Finding]:
    """«справу порушено прокурором»: a «-но/-то» form does not name the doer in the instrumental."""
    if not all(f[0] == "VERB" for f in features(tokens[index][0])):
        return []  # told from the features (one for each parse, in order) without building the parses
    found = parses(tokens[index][0])
    if not found or not all(p.tag.POS == "VERB" and "Impe" in p.tag for p in found):
        return []
    if any(p.normal_form in _ROLE_VERBS for p in found):
        return []
    following = next_word(text, tokens, index)
    if following is None:
        return []
    words = [following]
    if key(following[0]) not in _ABLT_PRONOUNS:
        phrase = instrumental_phrase(text, tokens, index, animate=True)
        if phrase is None:
            return []
        words = phrase
        after = next_word(text, tokens, index + len(words))
        if after is not None and after[0][:1].isupper():
            return []  # «підписано головою Іваном Петренком»? a title before a name: too unsure
    return [finding(tokens[index][1], words[-1][2], "passive-agent",
                     "Безособова форма на -но/-то не називає діяча в орудному відмінку: краще «прокурор порушив справу».", None)]
