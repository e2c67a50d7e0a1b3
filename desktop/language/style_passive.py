"""The passive voice as a style pattern: an instrumental agent («головою райдержадміністрації дано доручення»
→ «голова райдержадміністрації дав доручення»), an agent before a colon («членами виконкому: розглянуто…»)
and «були розглянуті» → «розглянули». desktop.language.style_patterns calls these on the words that trigger them.
"""

from __future__ import annotations

from bisect import bisect_left

from desktop.language.finding import Finding
from desktop.language.style_words import GENDERS, cased_like, gap_ok, inflect_to, parses_of
from desktop.language.word_cache import word_cache
from desktop.language.words import Token, normal_key

PASSIVE_MESSAGE = "Пасивний зворот з орудним діяча; краще активний стан: «{}»."
PASSIVE_PLAIN_MESSAGE = "Пасивний зворот з орудним діяча; краще активний стан: хто що зробив."
BE_PASSIVE_MESSAGE = "Пасивний зворот; краще активний стан: «{}»."
# Prepositions and words that make an instrumental no agent: «з головами», «під керівництвом», «разом з».
NOT_AGENT_BEFORE = frozenset({"з", "із", "зі", "над", "під", "за", "перед", "між", "поміж", "разом", "поруч",
                              "та", "і", "й", "згідно", "порівняно", "шляхом"})
# Agents: people and bodies that act (an animate noun in the instrumental is not always a person: «головою»).
MAX_AGENT_WORDS = 7
MAX_COLON_AGENT_WORDS = 4  # «членами виконкому міської ради:»
ROLE_VERBS = frozenset({"обрати", "обирати", "вибрати", "призначити", "призначати", "визнати", "визнавати", "назвати",
                        "називати", "іменувати", "оголосити", "проголосити", "вважати", "залишити", "зарахувати"})
BE_FORMS = frozenset({"було", "були", "був", "була", "буде", "будуть"})
BE_SINGULAR = frozenset({"був", "була", "було"})
# an instrumental one can see («прокурором», «головою», «членами»), not an indeclinable name («Келлі»)
INSTRUMENTAL_ENDINGS = ("ом", "ем", "єм", "ою", "ею", "єю", "ами", "ями", "ими", "ім", "им")


# «У ході засідання членами виконкому: розглянуто…, підтримано…» → «члени виконкому розглянули…»
def agent_before_colon(text: str, tokens: list[Token], lowered: list[str]) -> list[Finding]:
    found = []
    colon = text.find(":")
    while colon != -1:
        last = bisect_left(tokens, colon, key=_token_start) - 1
        if last >= 0 and text[tokens[last][2]:colon].strip() == "":
            for agent in range(last, max(-1, last - MAX_COLON_AGENT_WORDS), -1):
                if agent < last and not gap_ok(text, tokens, agent):
                    break
                if _agent_parse(lowered[agent]) is not None and tokens[agent][0][:1].islower():
                    before = lowered[agent - 1] if agent and gap_ok(text, tokens, agent - 1) else ""
                    if before not in NOT_AGENT_BEFORE and all(
                            "gent" in p.tag or p.tag.POS != "NOUN" for position in range(agent + 1, last + 1)
                            for p in parses_of(lowered[position])[:1]):
                        found.append(Finding(tokens[agent][1], tokens[last][2], "style", "style:passive-agent",
                                             PASSIVE_PLAIN_MESSAGE, ()))
                    break
        colon = text.find(":", colon + 1)
    return found


# «головою райдержадміністрації дано доручення» → «голова райдержадміністрації дав доручення»
def passive_findings(text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
    found = []
    for index in positions:
        if _predicative(lowered[index]):
            continue
        agent = _agent_before(text, tokens, lowered, index)
        if agent is None:
            # «було проведено Заступником Керівника Офісу»: the agent right after the verb, the message alone
            after = index + 1
            if after < len(lowered) and gap_ok(text, tokens, index) and _agent_parse(lowered[after]) is not None \
                    and lowered[after].endswith(INSTRUMENTAL_ENDINGS) \
                    and not any("Fixd" in p.tag for p in parses_of(lowered[after])):
                first = index - 1 if index and lowered[index - 1] in BE_FORMS and gap_ok(text, tokens, index - 1) \
                    else index
                found.append(Finding(tokens[first][1], tokens[after][2], "style", "style:passive-agent",
                                     PASSIVE_PLAIN_MESSAGE, ()))
            continue
        first = agent  # its adjectives before it: «Обласною радою»
        while first > 0 and gap_ok(text, tokens, first - 1) and _modifier_ablt(lowered[first - 1]) is not None:
            first -= 1
        start = tokens[first][1]
        suggestion = _active(tokens, lowered, agent, index, first)
        message = PASSIVE_MESSAGE.format(suggestion) if suggestion else PASSIVE_PLAIN_MESSAGE
        found.append(Finding(start, tokens[index][2], "style", "style:passive-agent", message,
                             (suggestion,) if suggestion else ()))
    return found


def _predicative(key: str) -> bool:
    """«головою обрано Іваненка»: verbs whose instrumental names a role, not who acts."""
    return any(normal_key(p.normal_form) in ROLE_VERBS for p in parses_of(key) if "Impe" in p.tag)


def _agent_before(text: str, tokens: list[Token], lowered: list[str], index: int) -> int | None:
    """The first word of the agent («головою») within a few words before the verb at index, in one clause."""
    agent = None
    for position in range(index - 1, max(-1, index - MAX_AGENT_WORDS - 1), -1):
        if not gap_ok(text, tokens, position):
            break
        key = lowered[position]
        if key in BE_FORMS and position == index - 1:
            continue
        if _agent_parse(key) is not None:
            agent = position  # the farthest back: «начальником відділу … Світланою Івасюк»
    if agent is None:
        return None
    if agent > 0 and lowered[agent - 1] in NOT_AGENT_BEFORE and gap_ok(text, tokens, agent - 1):
        return None
    return agent


def _active(tokens: list[Token], lowered: list[str], agent: int, verb: int, first: int | None = None) -> str | None:
    """The agent in the nominative and the verb in the active past: «голова райдержадміністрації дав»;
    first: where the agent's adjectives begin («Обласною радою» → «Обласна рада»)."""
    words = []
    number, gender = None, None
    head = _agent_parse(lowered[agent])
    if head is None:
        return None
    for position in range(agent if first is None else first, agent):
        adjective = _modifier_ablt(lowered[position])
        wanted = {"nomn", "plur"} if "plur" in head.tag else {"nomn"} | (set(head.tag.grammemes) & GENDERS)
        nominative = inflect_to(adjective, wanted) if adjective is not None else None
        if nominative is None:
            return None
        words.append(cased_like(nominative, tokens[position][0]))
    for position in range(agent, verb):
        word, key = tokens[position][0], lowered[position]
        if key in BE_FORMS:
            continue
        parse = _agent_parse(key) if position == agent else None
        if position == agent:
            if parse is None:
                return None
            number = "plur" if "plur" in parse.tag else "sing"
            gender = next((g for g in GENDERS if g in parse.tag), "masc")
            if {"Name", "Surn", "Patr"} & set(parse.tag.grammemes):
                words.append(cased_like(inflect_to(parse, {"nomn"}) or word, word))
                continue
            nominative = inflect_to(parse, {"nomn", "plur"} if number == "plur" else {"nomn"})
            if nominative is None:
                return None
            words.append(cased_like(nominative, word))
            continue
        person = next((p for p in parses_of(key) if p.tag.POS == "NOUN" and "ablt" in p.tag
                       and ({"Name", "Surn", "Patr"} & set(p.tag.grammemes))), None)
        if person is not None:
            if "Name" in person.tag:
                gender = next((g for g in GENDERS if g in person.tag), gender)
            nominative = inflect_to(person, {"nomn"} | ({"plur"} if "plur" in person.tag else set()))
            if nominative is None:
                return None
            words.append(cased_like(nominative, word))
        elif any("ablt" in p.tag for p in parses_of(key)) and len(word) > 1:
            return None  # another instrumental: too complex to rebuild, the message alone
        else:
            words.append(word)  # genitive dependents, abbreviations, initials stay as written
    lemma = _infinitive(lowered[verb])
    if lemma is None:
        return None
    active = inflect_to(lemma, {"past", "plur"} if number == "plur" else {"past", gender or "masc"})
    if active is None:
        return None
    # initials keep their dots: rebuild the agent with the text's own gaps between its words
    return _rejoin(tokens, agent if first is None else first, verb, lowered, words) + " " + active


# «були розглянуті питання» → «розглянули питання»
def be_passive_findings(text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
    found = []
    for index in positions:
        key = lowered[index]
        if index + 1 >= len(lowered) or not gap_ok(text, tokens, index):
            continue
        participle = lowered[index + 1]
        parses = [p for p in parses_of(participle) if "pssv" in p.tag and "perf" in p.tag]
        if not parses or not all("pssv" in p.tag for p in parses_of(participle)):
            continue
        if key == "були" and not any("plur" in p.tag and "nomn" in p.tag for p in parses):
            continue
        singular = key in BE_SINGULAR
        if singular:
            gender = {"був": "masc", "була": "femn", "було": "neut"}[key]
            parses = [p for p in parses if gender in p.tag and "nomn" in p.tag]
            if not parses:
                continue
        if index + 2 < len(lowered) and gap_ok(text, tokens, index + 1) and _agent_parse(lowered[index + 2]):
            continue  # «були розглянуті комісією»: the agent case, left to the message above
        infinitive = _infinitive(participle)
        if infinitive is None:
            continue
        active = inflect_to(infinitive, {"past", "plur"})
        if active is None:
            continue
        if singular:  # «Особлива увага була приділена» → «Особливу увагу приділили»: the subject turns object
            subject = _object_of(text, tokens, lowered, index, gender)
            if subject is None:
                continue  # «він ними був заповнений», «яка … була призначена»: a state, or no subject to turn
            first, words = subject
            fixed = cased_like(" ".join(words + [active]), tokens[first][0])
            found.append(Finding(tokens[first][1], tokens[index + 1][2], "style", "style:be-passive",
                                 BE_PASSIVE_MESSAGE.format(fixed), (fixed,)))
            continue
        active = cased_like(active, tokens[index][0])
        found.append(Finding(tokens[index][1], tokens[index + 1][2], "style", "style:be-passive",
                             BE_PASSIVE_MESSAGE.format(active), (active,)))
    return found


@word_cache(20_000)
def _agent_parse(key: str):
    """The parse of key as an animate noun in the instrumental (a person acting), or None."""
    parses = [p for p in parses_of(key) if p.tag.POS == "NOUN" and "ablt" in p.tag]
    people = [p for p in parses if "anim" in p.tag]
    # «роботами» is robots' and works': a thing of another word («робота») makes it no agent; «головою»
    # (the head of a body and the head) is one word
    if not people or any("anim" not in p.tag and p.normal_form not in {q.normal_form for q in people} for p in parses):
        return None
    return people[0]


@word_cache(20_000)
def _modifier_ablt(key: str):
    """The parse of key as an adjective (or a participle) in the instrumental, or None."""
    return next((p for p in parses_of(key) if p.tag.POS in ("ADJF", "PRTF") and "ablt" in p.tag), None)


def _object_of(text: str, tokens: list[Token], lowered: list[str], index: int, gender: str):
    """The subject right before «була» (a noun and up to two adjectives, nominative, of gender, a thing)
    in the accusative: (its first token, its words); None when there is none such."""
    noun = index - 1
    if noun < 0 or not gap_ok(text, tokens, noun):
        return None
    nouns = [p for p in parses_of(lowered[noun]) if p.tag.POS == "NOUN" and "nomn" in p.tag and gender in p.tag
             and "inan" in p.tag]
    if not nouns or tokens[noun][0][:1].isupper() and noun and not _sentence_start(text, tokens, noun):
        return None
    words = [inflect_to(nouns[0], {"accs"})]
    first = noun
    while first > 0 and noun - first < 2 and gap_ok(text, tokens, first - 1):
        adjectives = [p for p in parses_of(lowered[first - 1]) if p.tag.POS == "ADJF" and "nomn" in p.tag
                      and gender in p.tag]
        if not adjectives:
            break
        first -= 1
        words.insert(0, inflect_to(adjectives[0], {"accs", gender}))
    if first > 0 and not _sentence_start(text, tokens, first):
        return None  # only a sentence that opens with its subject is rebuilt
    if any(word is None for word in words):
        return None
    return first, [word for word in words if word is not None]


def _sentence_start(text: str, tokens: list[Token], index: int) -> bool:
    before = text[:tokens[index][1]].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:;"


def _infinitive(key: str):
    """The infinitive's parse of an impersonal form or a passive participle: «дано», «розглянуті» →
    «дати», «розглянути»."""
    impersonal = next((p for p in parses_of(key) if "Impe" in p.tag), None)
    if impersonal is not None:
        candidates = [normal_key(impersonal.normal_form)]
    else:
        lemma = next((normal_key(p.normal_form) for p in parses_of(key) if "pssv" in p.tag), None)
        if lemma is None:
            return None
        if lemma.endswith("тий"):  # розглянутий → розглянути
            candidates = [lemma[:-3] + "ти"]
        elif lemma.endswith(("ений", "єний")):  # проведений → провести? затверджений → затвердити
            candidates = [lemma[:-4] + ending for ending in ("ити", "іти", "ести", "сти")]
        elif lemma.endswith("аний"):  # наданий → надати
            candidates = [lemma[:-4] + "ати"]
        elif lemma.endswith("яний"):
            candidates = [lemma[:-4] + "яти"]
        else:
            candidates = []
    for candidate in candidates:
        parse = next((p for p in parses_of(candidate) if "infn" in p.tag and normal_key(p.normal_form) == candidate),
                     None)
        if parse is not None:
            return parse
    return None


def _rejoin(tokens: list[Token], first: int, last: int, lowered: list[str], words: list[str]) -> str:
    """words (the agent's tokens without «було») joined as the text joined them: «О.В.Довгаль»."""
    out = ""
    kept = [position for position in range(first, last) if lowered[position] not in BE_FORMS]
    for number, (position, word) in enumerate(zip(kept, words, strict=True)):
        if number:
            initial = len(tokens[kept[number - 1]][0]) == 1 and tokens[kept[number - 1]][0].isupper()
            out += "." if initial else " "
            if initial and tokens[position][1] - tokens[kept[number - 1]][2] > 1:
                out += " "
        out += word
    return out


def _token_start(token: Token) -> int:
    return token[1]
