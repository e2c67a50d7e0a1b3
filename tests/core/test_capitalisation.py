"""Capitalisation: official names capitalised past their first word (Правопис 2019), a small letter opening a sentence."""

from __future__ import annotations

import pytest

from desktop.language.capitalisation import CapitalisationChecker
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader, apply_fix
from desktop.language.words import tokenize


def found(text: str, extra_words: tuple[str, ...] = ()) -> list[tuple[str, str, tuple[str, ...]]]:
    checker = CapitalisationChecker(extra_words)
    return [(f.rule, text[f.start:f.end], f.suggestions) for f in checker.findings(text, tokenize(text))]


def test_an_event_name_keeps_only_its_first_capital() -> None:
    text = "Міжнародний Саміт Міст та Регіонів України «Партнерство заради Перемоги»"
    assert found(text) == [("official-name-capitals", "Саміт Міст та Регіонів", ("саміт міст та регіонів",))]


@pytest.mark.parametrize(("text", "span", "fix"), [
    ("Відбувся Всеукраїнський Форум Громад.", "Форум Громад", "форум громад"),
    ("Звернулися до Житомирської Обласної ради.", "Обласної", "обласної"),
    ("Про це повідомила Національна Поліція України.", "Поліція", "поліція"),
    ("Засідання провела Регіональна Комісія з питань техногенної безпеки.", "Комісія", "комісія"),
])
def test_names_of_bodies_and_events_get_small_letters(text: str, span: str, fix: str) -> None:
    assert found(text) == [("official-name-capitals", span, (fix,))]


@pytest.mark.parametrize("text", [
    "Декларацію Міжнародного саміту міст та регіонів оголошено.",
    "Сьогодні Міжнародний день захисту дітей.",  # the sentence's capital, then a one-word name
    "Юрій Тарасюк і Олена Харченко взяли участь.",  # people
    "Верховна Рада України ухвалила закон.",  # capitalised by the rules
    "Кабінет Міністрів України затвердив порядок.",
    "Саміт «Міжнародний Форум Громад» відбувся.",  # inside quotes: the name as the organisers wrote it
    "Привітав Головне управління ДСНС.",
])
def test_correct_names_and_proper_names_stay_quiet(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("text", "span", "fix"), [
    ("Сьогодні, 22 листопада 2021 року, Голова облдержадміністрації провів нараду.", "Голова", "голова"),
    ("Його призначено Заступником Керівника апарату.", "Заступником Керівника", "заступником керівника"),
    ("Виступили депутати обласної Ради Анатолій Олійник і Петро Іваненко.", "Ради", "ради"),
    ("Підтримуючи рішення ООН, Указом Президента України встановлено свято.", "Указом", "указом"),
    ("Зустрілися з Міністром освіти.", "Міністром", "міністром"),
    ("Нагородили захисників Збройних Сил України.", "Сил", "сил"),
    ("Воїни Збройних Сил України та Національної гвардії.", "Сил", "сил"),  # two names, the second kept
])
def test_positions_bodies_and_documents_in_running_text_get_small_letters(text: str, span: str, fix: str) -> None:
    assert found(text) == [("official-name-capitals", span, (fix,))]


@pytest.mark.parametrize("text", [
    "Звернулися до Ради Європи.",
    "Привітав Президента України.",
    "Верховна Рада ухвалила закон.",
    "Голова громади відзначив.",  # a sentence's first word
    "25 сесія районної ради\n\n25 грудня 2013 року відбулося засідання.",  # a paragraph opened by a number
])
def test_names_and_sentence_starts_keep_their_capitals(text: str) -> None:
    assert found(text) == []


def test_a_month_after_a_day_is_small() -> None:
    assert found("Засідання відбудеться 27 Серпня.") == [("capital-month", "Серпня", ("серпня",))]
    assert found("Серпень видався спекотним.") == []


def test_a_capitalised_glossary_word_stays_as_written() -> None:
    text = "Відкрито Молодіжний Центр громади."
    assert found(text) == [("official-name-capitals", "Центр", ("центр",))]
    assert found(text, ("Центр",)) == []


@pytest.mark.parametrize(("text", "word", "fix"), [
    ("Засідання відбулося. учасники обговорили бюджет.", "учасники", "Учасники"),
    ("Чи готові укриття? директори звітували.", "директори", "Директори"),
    ("Засідання відбулося. в Києві тепло.", "в", "У"),  # the capital of в before a consonant is У
    ("відбулося засідання. Далі була вечеря.", "відбулося", "Відбулося"),
])
def test_a_small_letter_opening_a_sentence_is_flagged(text: str, word: str, fix: str) -> None:
    assert found(text) == [("lowercase-sentence-start", word, (fix,))]


@pytest.mark.parametrize("text", [
    "закупівля генераторів;",  # a list item
    "ремонт доріг.",
    "У 2023 р. відбулося засідання.",
    "Вулиця ім. Шевченка, буд. 5.",
    "Т. Г. Шевченко.",
    "Це було… далі тиша.",
    "Засідання відбулося (див. додаток).",
    "Телефон: 067. дзвоніть.",  # a number before the stop: unclear
    "Вони допомагають найбільш незахищеним\nземлякам. Люди з такими якостями — опора.",  # a hard wrap
])
def test_abbreviations_ellipses_and_list_items_stay_quiet(text: str) -> None:
    assert found(text) == []


def test_fixes_leave_no_new_finding() -> None:
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    text = "Міжнародний Саміт Міст та Регіонів відбувся. учасники підписали угоди. в Києві тепло."
    findings = proofreader.check(text)
    assert [f.kind for f in findings] == ["capitalisation"] * 3
    for finding in reversed(findings):
        text = apply_fix(text, finding)
    assert text == "Міжнародний саміт міст та регіонів відбувся. Учасники підписали угоди. У Києві тепло."
    assert proofreader.check(text) == []


def test_the_proofreader_learns_added_words() -> None:
    proofreader = Proofreader(spelling_suggestions=False)
    text = "Відкрито Молодіжний Центр громади."
    assert [f.kind for f in proofreader.check(text)] == ["capitalisation"]
    proofreader.add_words(["Центр"])
    assert proofreader.check(text) == []


@pytest.mark.parametrize(("text", "span", "fix"), [
    ("ВІДБУЛАСЬ СЕЛЕКТОРНА НАРАДА\nНарада тривала годину.", "ВІДБУЛАСЬ СЕЛЕКТОРНА НАРАДА",
     "Відбулась селекторна нарада"),
    ("Голова і депутати підписали МЕМОРАНДУМ про співпрацю.", "МЕМОРАНДУМ", "меморандум"),
    ("НАРАДА З ГОЛОВАМИ ОДА, ГРОМАД УКРАЇНИ", "НАРАДА З ГОЛОВАМИ ОДА, ГРОМАД УКРАЇНИ",
     "Нарада з головами ОДА, громад України"),  # the abbreviation stays, the country keeps its capital
    ("Рішення ради\nЗАТВЕРДЖЕНО\nрішенням сесії", "ЗАТВЕРДЖЕНО", "Затверджено"),  # a line's first word
    ("Засідала РАДА ВЕТЕРАНІВ громади.", "РАДА ВЕТЕРАНІВ", "рада ветеранів"),  # «Рада» is a name, «рада» a word
    ("МИ РАЗОМ З ВАМИ\n\nТекст.", "МИ РАЗОМ З ВАМИ", "Ми разом з вами"),  # a pronoun, not an abbreviation
])
def test_words_in_capitals_get_small_letters(text: str, span: str, fix: str) -> None:
    assert found(text) == [("all-capitals", span, (fix,))]


@pytest.mark.parametrize(("text", "span", "fix"), [
    ("Внесли зміни до Програм селищної ради.", "Програм", "програм"),
    ("Передали допомогу до Військових частин.", "Військових", "військових"),
    ("Приміщення перетворилися на Пункти прийому допомоги.", "Пункти", "пункти"),
])
def test_a_capitalised_plural_common_word_mid_sentence_gets_a_small_letter(text: str, span: str, fix: str) -> None:
    assert found(text) == [("capital-common-word", span, (fix,))]


@pytest.mark.parametrize("text", [
    "Прибули представники ЗСУ, ОДА і ДСНС.",  # abbreviations
    "Нагородили захисників Збройних сил України.",  # a plural name the 2019 rules open with a capital
    "Спортсмени змагалися на Олімпійських іграх.",
    "Бажаю здоров’я і усілякими Господніми ласками.",  # after an adjective: not surely common
    "На самому Першому Національному пояснили.",  # adjectives without a noun: a channel's name
    "ЯГОТИНСЬКА РАЙОННА РАДА КИЇВСЬКОЇ ОБЛАСТІ",
    "Триває акція «МИ РАЗОМ» у громаді.",  # a campaign's name in quotes, as its authors set it  # «Київської» keeps its capital, «міська» does not: unsure
])
def test_abbreviations_plural_names_and_channels_stay_quiet(text: str) -> None:
    assert found(text) == []


def test_fixes_of_capitals_leave_no_new_finding() -> None:
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    text = "ВІДБУЛАСЬ СЕЛЕКТОРНА НАРАДА\n\nГолова і депутати підписали МЕМОРАНДУМ щодо змін до Програм громади."
    findings = [f for f in proofreader.check(text) if f.kind == "capitalisation"]
    assert len(findings) == 3
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = apply_fix(text, finding)
    assert [f for f in proofreader.check(text) if f.kind == "capitalisation"] == []
