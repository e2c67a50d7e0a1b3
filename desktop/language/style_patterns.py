"""Style patterns a phrase table cannot list, found through the morphology: the passive with an agent
(«головою райдержадміністрації дано доручення» → «голова райдержадміністрації дав»), «були розглянуті»
→ «розглянули» (those two in style_passive), the analytic superlative of an adjective that has a synthetic one («найбільш актуальні»
→ «найактуальніші»), the possessive «їх» before a noun («їх сімей» → «їхніх сімей») and initials written
after the surname («Вахнюк Н. М.» → «Н. М. Вахнюк»).

Each pattern is triggered by a few words (a dictionary of them, or a suffix and the analyser's verdict on
the word, remembered per word), so a text without them costs one set intersection.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import compress, repeat

from desktop.language.finding import Finding
from desktop.language.inflection import morph
from desktop.language.style_passive import (
    BE_SINGULAR,
    agent_before_colon,
    be_passive_findings,
    passive_findings,
)
from desktop.language.style_words import GENDERS, cased_like, gap_ok, inflect_to, parses_of
from desktop.language.word_cache import word_cache
from desktop.language.words import Token, normal_key

SUPERLATIVE_MESSAGE = "Прикметник має просту форму найвищого ступеня: «{}»."
POSSESSIVE_MESSAGE = "Присвійний займенник — «їхній»: «{}»."
INITIALS_MESSAGE = "Ініціали пишемо перед прізвищем: «{}»."

SUPERLATIVE_MARKS = frozenset({"найбільш", "найбільше"})
COMPARATIVE_MARKS = frozenset({"більш", "менш"})
# «самий» and its masculine forms are the analytic superlative only («сам» is «himself»); «сама» also means
# «herself» («вона сама винна») and «саме» «exactly», so before a comparative only («сама гірша», «саме краще»)
SAME_FORMS = frozenset({"самий", "самого", "самому", "самим", "сама", "саме"})
SAME_AMBIGUOUS = frozenset({"сама", "саме"})  # also «herself» and «exactly»: before a comparative only
# «той самий страшний сон»: «той самий» is «the same»
DEMONSTRATIVES = frozenset({"той", "та", "те", "ті", "того", "тієї", "тому", "тій", "тим", "тією", "тих", "цей", "ця",
                            "це", "цього", "цієї", "цьому", "цим", "один", "одна", "одного", "одному", "одним"})
DEGREE_MARKS = SUPERLATIVE_MARKS | COMPARATIVE_MARKS | SAME_FORMS
CASES_AND_NUMBER = frozenset({"nomn", "gent", "datv", "accs", "ablt", "loct", "voct", "plur"})
UPPER = "А-ЩЬЮЯЄІЇҐ"
LOWER = "а-щьюяєіїґ'’ʼ"
# «Вахнюк Н.М.», «Біби Л. М.»: a capitalised word and two initials, not followed by the surname they belong to
# nor by a comma (a list of names, «Карауш О.М., Ірха Ю.С.», keeps the order of a register)
# found from the first initial's dot, a literal the regex engine seeks fast; the letter before it is checked after
INITIALS_RE = re.compile(rf"\.[ \u00a0]?([{UPPER}])\.(?![ \u00a0]*(?:[{UPPER}][{LOWER}]|[,;]))")
INITIAL_LETTER = frozenset("АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЮЯ")
SURNAME_BEFORE_RE = re.compile(rf"(?<![\w'’ʼ-])([{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?)[ \u00a0]+$")
MAX_VERDICTS = 50_000
BE_PLURAL = frozenset({"були"}) | BE_SINGULAR
MORE_LESS = frozenset({"більше", "менше"})
TRIGGERS = BE_PLURAL | DEGREE_MARKS | MORE_LESS | {"їх", "чоловік", "участі", "участь"}
JOINED_MESSAGE = "«До участі … долучилися» — громіздкий зворот; простіше «{}»."
MAX_JOINED_GAP = 5  # words between «до участі» and «долучилися»: «у засіданні колегії»
TOOK_PART_MESSAGE = "«Участь … прийняли» — калька з російської; українською участь беруть: «{}»."
TAKE_VERBS = ("прийняти", "приймати")
# between «участь» and its verb: the place («у нараді», «в обласній нараді»), not another clause
NOT_BETWEEN = frozenset({"і", "й", "та", "а", "але", "що", "які", "який", "яка", "яке", "де", "коли"})
# «більше тижня» → «понад тиждень»: measures that «більше» compares
MEASURES = frozenset({"хвилина", "година", "доба", "день", "тиждень", "місяць", "рік", "половина", "тисяча",
                      "мільйон", "мільярд", "сотня", "десяток", "кілометр", "метр", "гектар", "тонна", "сто"})
# «на 20 % більше 2022 року», «в 2 рази більше», «не більше п’яти»: a comparison, not a quantity
MORE_LESS_NOT_AFTER = frozenset({"на", "в", "у", "рази", "разів", "раза", "не", "ніж", "значно", "набагато", "вдвічі",
                                 "втричі", "трохи"})
FEW = frozenset({"один", "два", "три", "чотири", "обидва", "обоє", "двоє", "троє", "четверо"})
# instrumentals of time and manner after «хворіти»: «хворіє весною», «хворіли всією родиною»
NOT_ILLNESS = frozenset({"весна", "літо", "осінь", "зима", "ранок", "вечір", "ніч", "день", "тиждень", "місяць", "рік",
                         "час", "період", "родина", "сім'я", "група", "клас", "колектив", "дитинство", "життя",
                         "роки", "раз", "чин", "спосіб", "серце", "душа"})
ILL_MESSAGE = "Хворіють на щось: «{}»."
MORE_MESSAGE = "Про кількість кажуть «{}»: «{}»."
PEOPLE_MESSAGE = "Після числівника людей лічать словом «осіб»: «{} осіб»."
NUMBER_BEFORE_RE = re.compile(r"(\d[\d \u00a0]*)[ \u00a0]+$")
WOMEN_AFTER_RE = re.compile(r"^[ \u00a0]+(?:і|й|та|та й)[ \u00a0]+\d*[ \u00a0]*жін", re.IGNORECASE)
VERBAL_NOUN_ENDINGS = ("ння", "ття")  # nouns of an action: «використання», «забезпечення», «життя»


_IMPERSONAL_ENDINGS = ("но", "то", "ні", "ті")


def _is_impersonal(key: str) -> bool:
    """«дано», «затверджено»: the impersonal passive form of a verb; «надані»: a passive participle."""
    if key.endswith(("но", "то")):
        return any("Impe" in p.tag for p in parses_of(key))
    return key.endswith(("ні", "ті")) and any("pssv" in p.tag and "perf" in p.tag and "nomn" in p.tag
                                              for p in parses_of(key))


class StylePatternChecker:
    """The morphological style patterns (see the module's docstring)."""

    def __init__(self) -> None:
        self._impersonal: dict[str, bool] = {}
        self._verbs: set[str] = set()  # the words of _impersonal found to be one

    def clear_caches(self) -> None:
        """Forget the verdicts on words seen so far."""
        self._impersonal.clear()
        self._verbs.clear()

    def findings(self, text: str, tokens: list[Token], lowered: list[str], vocabulary: set[str]) -> list[Finding]:
        found: list[Finding] = []
        if len(self._impersonal) > MAX_VERDICTS:
            self.clear_caches()
        verdicts = self._impersonal
        new = list(vocabulary.difference(verdicts))
        verdicts.update(dict.fromkeys(new, False))
        # most words have none of the endings _is_impersonal looks for: told in C, without its call
        for key in compress(new, map(str.endswith, new, repeat(_IMPERSONAL_ENDINGS))):
            if _is_impersonal(key):
                verdicts[key] = True
                self._verbs.add(key)
        verbs = self._verbs.intersection(vocabulary)
        present = (verbs | TRIGGERS | _ill_forms()).intersection(vocabulary)
        if present:
            positions = _positions(lowered, present)
            if verbs:
                found += passive_findings(text, tokens, lowered, [i for i in positions if lowered[i] in verbs])
            if not BE_PLURAL.isdisjoint(present):
                found += be_passive_findings(text, tokens, lowered, [i for i in positions if lowered[i] in BE_PLURAL])
            if not DEGREE_MARKS.isdisjoint(present):
                found += self._superlative(text, tokens, lowered, [i for i in positions if lowered[i] in DEGREE_MARKS])
            ill = _ill_forms().intersection(present)
            if ill:
                found += self._ill_with(text, tokens, lowered, [i for i in positions if lowered[i] in ill])
            if "участі" in present:
                found += self._joined_in(text, tokens, lowered, [i for i in positions if lowered[i] == "участі"])
            if "участь" in present:
                found += self._took_part(text, tokens, lowered, [i for i in positions if lowered[i] == "участь"])
            if not MORE_LESS.isdisjoint(present):
                found += self._more_than(text, tokens, lowered, [i for i in positions if lowered[i] in MORE_LESS])
            if "чоловік" in present:
                found += self._people(text, tokens, lowered, [i for i in positions if lowered[i] == "чоловік"])
            if "їх" in present:
                found += self._possessive(text, tokens, lowered, [i for i in positions if lowered[i] == "їх"])
        if "." in text:
            found += self._initials(text)
        if ":" in text:
            found += agent_before_colon(text, tokens, lowered)
        return found


    # «найбільш актуальними» → «найактуальнішими», «найбільш незахищених» → «найменш захищених»
    def _superlative(self, text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            key = lowered[index]
            if index + 1 >= len(lowered) or not gap_ok(text, tokens, index):
                continue
            adjective = lowered[index + 1]
            parses = [p for p in parses_of(adjective) if p.tag.POS == "ADJF"]
            if not parses or any(p.tag.POS in ("VERB", "INFN", "PRTF") for p in parses_of(adjective)):
                continue
            fixed = None
            if key in SAME_FORMS:
                if tokens[index + 1][0][:1].isupper() or index and lowered[index - 1] in DEMONSTRATIVES:
                    continue
                if key in SAME_AMBIGUOUS and not _is_comparative(parses[0]):
                    continue
                same = [p for p in parses_of(key) if normal_key(p.normal_form) in ("самий", "сам")]
                grammemes = [set(p.tag.grammemes) & (CASES_AND_NUMBER | GENDERS) for p in same]
                if not any(set(p.tag.grammemes) & (CASES_AND_NUMBER | GENDERS) in grammemes for p in parses):
                    continue  # «самих дітей» or a form that does not agree
                fixed = _superlative_of(parses[0])
            elif key in COMPARATIVE_MARKS:
                if _is_comparative(parses[0]):  # «більш світліший» → «світліший»
                    fixed = tokens[index + 1][0]
            else:
                if _is_comparative(parses[0]) or adjective.startswith("най"):
                    base = normal_key(parses[0].normal_form)
                    fixed = _superlative_of(parses[0]) if not base.startswith("най") else tokens[index + 1][0]
                    if _is_comparative(parses[0]) and not base.startswith("най"):
                        fixed = _inflect_form("най" + base, parses[0])
                elif "compb" in parses[0].tag:
                    rest = [p for p in parses_of(adjective[2:]) if p.tag.POS == "ADJF"] if adjective.startswith("не") else []
                    # «найбільш незахищених» → «найменш захищених»
                    fixed = "найменш " + tokens[index + 1][0][2:] if rest else _superlative_of(parses[0])
            if not fixed:
                continue
            fixed = cased_like(fixed, tokens[index][0])
            found.append(Finding(tokens[index][1], tokens[index + 1][2], "style", "style:analytic-superlative",
                                 SUPERLATIVE_MESSAGE.format(fixed), (fixed,)))
        return found

    # «хворіє ангіною» → «хворіє на ангіну»
    @staticmethod
    def _ill_with(text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            if index + 1 >= len(lowered) or not gap_ok(text, tokens, index):
                continue
            parses = parses_of(lowered[index + 1])
            illness = next((p for p in parses if p.tag.POS == "NOUN" and "ablt" in p.tag and "inan" in p.tag), None)
            if illness is None or not all(p.tag.POS == "NOUN" for p in parses) or tokens[index + 1][0][:1].isupper() \
                    or normal_key(illness.normal_form) in NOT_ILLNESS:
                continue
            accusative = inflect_to(illness, {"accs"} | ({"plur"} if "plur" in illness.tag else set()))
            if accusative is None:
                continue
            fixed = f"{tokens[index][0]} на {accusative}"
            found.append(Finding(tokens[index][1], tokens[index + 1][2], "style", "style:ill-with",
                                 ILL_MESSAGE.format(fixed), (fixed,)))
        return found

    # «До участі у засіданні долучилися» → «У засіданні взяли участь»
    @staticmethod
    def _joined_in(text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            if index == 0 or lowered[index - 1] != "до" or not gap_ok(text, tokens, index - 1):
                continue
            verb = None
            for position in range(index + 1, min(len(lowered), index + MAX_JOINED_GAP + 2)):
                if not gap_ok(text, tokens, position - 1):
                    break
                if any(normal_key(p.normal_form) in ("долучитися", "долучатися") for p in parses_of(lowered[position])):
                    verb = position
                    break
            if verb is None or verb == index + 1:
                continue
            verb_parse = next(p for p in parses_of(lowered[verb]) if normal_key(p.normal_form) in ("долучитися", "долучатися"))
            take = next((p for p in parses_of("взяти" if "perf" in verb_parse.tag else "брати") if "infn" in p.tag), None)
            wanted = set(verb_parse.tag.grammemes) & {"past", "pres", "futr", "plur", "sing", "masc", "femn", "neut",
                                                       "1per", "2per", "3per"}
            taken = inflect_to(take, wanted) if take is not None else None
            if taken is None:
                continue
            place = text[tokens[index + 1][1]:tokens[verb - 1][2]]
            fixed = cased_like(f"{place} {taken} участь", tokens[index - 1][0])
            found.append(Finding(tokens[index - 1][1], tokens[verb][2], "style", "style:joined-in",
                                 JOINED_MESSAGE.format(fixed), (fixed,)))
        return found

    # «Участь у нараді прийняли …» → «Участь у нараді взяли …»: «прийняти участь» the other way round (the
    # phrase table has it verb first)
    @staticmethod
    def _took_part(text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            for position in range(index + 1, min(len(lowered), index + MAX_JOINED_GAP + 2)):
                if not gap_ok(text, tokens, position - 1) or lowered[position] in NOT_BETWEEN:
                    break
                parses = parses_of(lowered[position])
                verb = next((p for p in parses if p.tag.POS == "VERB" and normal_key(p.normal_form) in TAKE_VERBS), None)
                if verb is None:
                    if any(p.tag.POS in ("VERB", "INFN") for p in parses):
                        break  # another verb: «участь у нараді взяли і прийняли рішення» is not the calque
                    continue
                take = next((p for p in parses_of("взяти" if "perf" in verb.tag else "брати") if "infn" in p.tag),
                            None)
                wanted = set(verb.tag.grammemes) & {"past", "pres", "futr", "plur", "sing", "masc", "femn", "neut",
                                                    "1per", "2per", "3per"}
                taken = inflect_to(take, wanted) if take is not None else None
                if taken is not None:
                    fixed = cased_like(taken, tokens[position][0])
                    found.append(Finding(tokens[position][1], tokens[position][2], "style", "style:took-part",
                                         TOOK_PART_MESSAGE.format(fixed), (fixed,)))
                break
        return found

    # «більше 500 учасників» → «понад 500 учасників», «більше тижня» → «понад тиждень»
    def _more_than(self, text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            key = lowered[index]
            if index and (lowered[index - 1] in MORE_LESS_NOT_AFTER or text[:tokens[index][1]].rstrip()[-1:].isdigit()
                          or text[:tokens[index][1]].rstrip()[-1:] in ("%", ",")):
                continue
            after = text[tokens[index][2]:tokens[index][2] + 3].lstrip(" \u00a0")
            word = "понад" if key == "більше" else "менш як"
            if after[:1].isdigit():
                fixed, end = cased_like(word, tokens[index][0]), tokens[index][2]
            elif index + 1 < len(lowered) and gap_ok(text, tokens, index):
                measure = next((p for p in parses_of(lowered[index + 1]) if normal_key(p.normal_form) in MEASURES
                                and "gent" in p.tag and p.tag.POS in ("NOUN", "NUMR")), None)
                accusative = inflect_to(measure, {"accs"} | ({"plur"} if "plur" in measure.tag else set())) \
                    if measure is not None else None
                if accusative is None:
                    continue
                fixed, end = cased_like(f"{word} {accusative}", tokens[index][0]), tokens[index + 1][2]
            else:
                continue
            found.append(Finding(tokens[index][1], end, "style", "style:more-than",
                                 MORE_MESSAGE.format(word, fixed), (fixed,)))
        return found

    # «триста чоловік» → «триста осіб»
    @staticmethod
    def _people(text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            if WOMEN_AFTER_RE.match(text, tokens[index][2]) or tokens[index][0][:1].isupper():
                continue  # «21 чоловік і 15 жінок» counts men
            number = NUMBER_BEFORE_RE.search(text, max(0, tokens[index][1] - 20), tokens[index][1])
            if number is not None:
                digits = number.group(1).replace(" ", "").replace("\u00a0", "")
                if digits.endswith(("1", "2", "3", "4")) and not digits.endswith(("11", "12", "13", "14")):
                    continue  # «21 чоловік», «22 чоловіки»: the nominative, men
                said = number.group(1).strip()
            elif index and gap_ok(text, tokens, index - 1) and any(
                    p.tag.POS == "NUMR" and "gent" not in p.tag and normal_key(p.normal_form) not in FEW
                    for p in parses_of(lowered[index - 1])) and all(p.tag.POS == "NUMR" for p in parses_of(lowered[index - 1])):
                said = tokens[index - 1][0]
            else:
                continue
            found.append(Finding(tokens[index][1], tokens[index][2], "style", "style:people-count",
                                 PEOPLE_MESSAGE.format(said), ("осіб",)))
        return found

    # «членів їх сімей» → «членів їхніх сімей»
    def _possessive(self, text: str, tokens: list[Token], lowered: list[str], positions: list[int]) -> list[Finding]:
        found = []
        for index in positions:
            if index == 0 or index + 1 >= len(lowered) or not gap_ok(text, tokens, index) \
                    or not gap_ok(text, tokens, index - 1):
                continue
            before = parses_of(lowered[index - 1])
            if not before or not all(p.tag.POS in ("PREP", "NOUN") for p in before):
                continue
            noun = parses_of(lowered[index + 1])
            if not noun or not all(p.tag.POS == "NOUN" for p in noun) or tokens[index + 1][0][:1].isupper():
                continue
            if any(_is_action_noun(normal_key(p.normal_form)) for p in noun):
                continue  # «про їх використання»: «їх» is the object of the action, «використання їх»
            if not all("nomn" not in p.tag for p in noun) and any(p.tag.POS == "NOUN" for p in before):
                continue  # «запросили керівників їх заклади»: a nominative may start a clause
            parse = noun[0]
            wanted = set(parse.tag.grammemes) & CASES_AND_NUMBER
            if "plur" not in wanted:
                wanted |= set(parse.tag.grammemes) & GENDERS
            form = next((inflect_to(p, wanted) for p in parses_of("їхній") if normal_key(p.normal_form) == "їхній"), None)
            if form is None:
                continue
            form = cased_like(form, tokens[index][0])
            found.append(Finding(tokens[index][1], tokens[index][2], "style", "style:possessive-ikh",
                                 POSSESSIVE_MESSAGE.format(f"{form} {tokens[index + 1][0]}"), (form,)))
        return found

    # «Вахнюк Н.М.» → «Н. М. Вахнюк»
    @staticmethod
    def _initials(text: str) -> list[Finding]:
        found = []
        for initials in INITIALS_RE.finditer(text):
            first = initials.start() - 1
            if first < 0 or text[first] not in INITIAL_LETTER or first and (text[first - 1].isalnum() or text[first - 1] == "."):
                continue
            matched = SURNAME_BEFORE_RE.search(text, max(0, first - 40), first)
            if matched is None or text[max(0, matched.start() - 2):matched.start()].strip()[-1:] in (",", ";"):
                continue  # a list of names («Карауш О.М., Ірха Ю.С.») keeps the order of a register
            surname = matched.group(1)
            key = normal_key(surname)
            parses = parses_of(key)
            if parses and not any({"Surn"} & set(p.tag.grammemes) for p in parses):
                continue  # a common word («Департаменту Н.М.»): not a surname
            fixed = f"{text[first]}. {initials.group(1)}. {surname}"
            found.append(Finding(matched.start(), initials.end(), "style", "style:initials-after-surname",
                                 INITIALS_MESSAGE.format(fixed), (fixed,)))
        return found


@word_cache(4096)
def _is_action_noun(lemma: str) -> bool:
    """«використання» (of «використати»), «забезпечення»: a noun of an action, whose «їх» is its object;
    «повноваження» has no verb and is a thing one has."""
    if not lemma.endswith(VERBAL_NOUN_ENDINGS):
        return False
    stems = {lemma[:-3] + "ти", lemma[:-4] + "ити", lemma[:-4] + "іти", lemma[:-4] + "ати", lemma[:-4] + "яти"}
    if lemma[-5:-4] == "л":  # «відновлення» of «відновити»
        stems.add(lemma[:-5] + "ити")
    analyser = morph()  # the analyser guesses unknown words: only a verb the dictionary has counts
    return any(analyser.word_is_known(stem) and any("infn" in p.tag for p in parses_of(stem)) for stem in stems)


@lru_cache(maxsize=1)
def _ill_forms() -> frozenset[str]:
    """Every form of «хворіти» and «захворіти» (they take «на» with the accusative: «хворіє на грип»)."""
    forms: set[str] = set()
    for verb in ("хворіти", "захворіти", "перехворіти"):
        for parse in parses_of(verb):
            if "infn" in parse.tag:
                forms.update(normal_key(form.word) for form in parse.lexeme)
    return frozenset(forms)


def _positions(words: list[str], wanted: frozenset[str] | set[str]) -> list[int]:
    """The indexes of words that are in wanted (compress and map keep the loop in C)."""
    return list(compress(range(len(words)), map(wanted.__contains__, words)))


def _is_comparative(parse) -> bool:
    """«світліший», «кращий», «перший»: a word the dictionary also knows with «най-» (its superlative)."""
    lemma = normal_key(parse.normal_form)
    return (lemma.endswith(("ший", "щий", "чий")) and "compb" not in parse.tag and not lemma.startswith("най")
            and any(normal_key(p.normal_form) == "най" + lemma for p in parses_of("най" + lemma)))


def _comparative_of(lemma: str) -> str | None:
    """«актуальний» → «актуальніший» when the dictionary knows it."""
    if not lemma.endswith("ий"):
        return None
    stem = lemma[:-2]
    for candidate in (stem + "іший", stem + "ший"):
        if any(normal_key(p.normal_form) == candidate for p in parses_of(candidate)):
            return candidate
    return None


def _inflect_form(lemma: str, like) -> str | None:
    """lemma in like's case, number and gender, when the dictionary knows lemma."""
    wanted = set(like.tag.grammemes) & (CASES_AND_NUMBER | GENDERS)
    for parse in parses_of(lemma):
        if normal_key(parse.normal_form) == lemma and parse.tag.POS == "ADJF":
            form = inflect_to(parse, wanted)
            if form is not None:
                return form
    return None


def _superlative_of(parse) -> str | None:
    """«актуальними» → «найактуальнішими»; «кращий» → «найкращий»."""
    lemma = normal_key(parse.normal_form)
    comparative = lemma if _is_comparative(parse) else _comparative_of(lemma)
    return None if comparative is None else _inflect_form("най" + comparative, parse)


@lru_cache(maxsize=1)
def default_style_pattern_checker() -> StylePatternChecker:
    return StylePatternChecker()
