"""Punctuation (issue 12): commas before clauses, around parenthetical words, after «а саме», and the
commas that are not needed; each rule's finding and fix, the look-alikes that stay quiet, fixes that stay fixed."""

from __future__ import annotations

import pytest

from desktop.language.finding import KINDS
from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader, apply_fix
from desktop.language.punctuation import find_punctuation
from desktop.language.report import KIND_LABELS
from desktop.language.words import tokenize


def found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, text[f.start:f.end], f.suggestions) for f in find_punctuation(text, tokenize(text))]


@pytest.fixture(scope="module")
def proofreader() -> Proofreader:
    return Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)


FLAGGED = [
    ("Голова зустрівся з директорами шкіл щоб обговорити ремонт.",
     "comma-before-clause", "шкіл щоб", "шкіл, щоб"),
    ("Голова повідомив що ремонт завершено.", "comma-before-clause", "повідомив що", "повідомив, що"),
    ("Депутати підтримали рішення які стосуються освіти.", "comma-before-clause", "рішення які", "рішення, які"),
    ("Свято відзначають всі хто працює в громаді.", "comma-before-clause", "всі хто", "всі, хто"),
    ("Йдеться про те що кошти надійшли.", "comma-before-clause", "те що", "те, що"),
    ("Вгадав всі літери але не зміг прочитати слово.", "comma-before-contrast", "літери але", "літери, але"),
    ("Проте, на засідання прийшли всі депутати.", "no-comma-after-opener", "Проте,", "Проте"),
    ("Роботи тривають. Цьогоріч, ми відремонтуємо дах.", "no-comma-after-opener", "Цьогоріч,", "Цьогоріч"),
    ("На жаль ми не встигли.", "parenthetical-commas", "На жаль ми", "На жаль, ми"),
    ("Це мабуть його водій.", "parenthetical-commas", "Це мабуть його", "Це, мабуть, його"),
    ("Запитайте, будь ласка у водія.", "parenthetical-commas", "будь ласка у", "будь ласка, у"),
    ("Підтримали заходи, а саме футбольний турнір та забіг.", "namely-colon", "а саме", "а саме:"),
    ("За результатами розгляду звернень, прийнято рішення про допомогу.",
     "no-comma-after-circumstance", "звернень,", "звернень"),
    ("Але через відсутність більшості депутатів, засідання не відбулося.",
     "no-comma-after-circumstance", "депутатів,", "депутатів"),
    ("В ході обговорення бюджету громади, депутати внесли зміни.",
     "no-comma-after-circumstance", "громади,", "громади"),
    ("Діти відгадували вікторину у якій згадали письменників.", "comma-before-clause", "вікторину у якій",
     "вікторину, у якій"),
    ("Відбувся семінар на тему: «Безпека громад».", "title-colon", "тему:", "тему"),
    ("Обговорюючи питання бюджету детально зупинилися на освіті.", "gerund-phrase-comma",
     "бюджету детально зупинилися", "бюджету, детально зупинилися"),
    ("Сьогодні, 22 листопада 2021 року голова провів нараду.", "date-apposition-comma",
     "листопада 2021 року голова", "листопада 2021 року, голова"),
    ("У понеділок, 5 травня відбулася нарада.", "date-apposition-comma", "травня відбулася", "травня, відбулася"),
    ("Звернення, що надійшли до ради минулого тижня були розглянуті.",
     "relative-clause-end", "тижня були", "тижня, були"),
    ("Школа, яка працювала в районі не відкрилася.", "relative-clause-end", "районі не відкрилася",
     "районі, не відкрилася"),
    ("Сесія, яка згідно з розпорядженням від 17.09.2018 р. № 30-р була призначена на вівторок не відбулася.",
     "relative-clause-end", "вівторок не відбулася", "вівторок, не відбулася"),
    ("Сесія, яка була призначена на 17.09.2018 не відбулася.", "relative-clause-end", "на 17.09.2018 не відбулася",
     "на 17.09.2018, не відбулася"),
    ("Говорили про значення громадської організації, як важливого елементу.", "role-as-comma",
     "організації, як", "організації як"),
    ("Якщо кошти надійдуть то ремонт завершать.", "correlative-comma", "надійдуть то", "надійдуть, то"),
    ("Допомогу отримали як у місті так і в селах.", "correlative-comma", "місті так", "місті, так"),
    ("Розглянули питання освіти, питання культури, питання молоді, та питання спорту.",
     "list-conjunction-comma", "молоді, та", "молоді та"),
    ("Ухвалили рішення, які, відповідно до регламенту, оприлюднять на сайті.",
     "according-commas", "які, відповідно до регламенту, оприлюднять", "які відповідно до регламенту оприлюднять"),
]


@pytest.mark.parametrize(("text", "rule", "span", "fix"), FLAGGED)
def test_each_rule_flags_with_its_fix(text: str, rule: str, span: str, fix: str) -> None:
    assert found(text) == [(rule, span, (fix,))]


@pytest.mark.parametrize("text", [
    "Голова зустрівся з директорами шкіл, щоб обговорити ремонт.",
    "Він пішов тому що втомився.",  # a compound conjunction: one comma before it or inside it
    "Ми прийшли для того щоб допомогти.",
    "Незважаючи на те що йшов дощ, свято відбулося.",
    "Громади, мешканці яких постраждали, отримали допомогу.",  # a genitive «яких» opens no clause of its own
    "У разі якщо рішення не ухвалять, засідання перенесуть.",
    "Нам є що сказати.",
    "Зроблю що завгодно.",
    "Прийшли не тільки депутати, а й старости.",
    "Це не робота а ля комедія.",
    "Проте, на жаль, засідання не відбулося.",  # a parenthetical after the opener takes its comma pair
    "Проте, як зазначив голова, роботи тривають.",
    "Сьогодні, 26 вересня, відбулося засідання.",
    "Сьогодні, у День Соборності, ми згадуємо героїв.",
    "Однак, отримавши кошти, громада почала ремонт.",
    "Проте на засідання прийшли всі депутати.",
    "Це, мабуть, його водій.",
    "Мабуть, це водій.",
    "Це по-перше.",
    "Крім того питання розглянули бюджет.",  # «того» is a demonstrative here
    "Підтримали заходи, а саме: футбольний турнір та забіг.",
    "Це сталося навесні, а саме в березні.",  # a clarification, no list
    "За словами голови обласної ради, роботи тривають.",  # a parenthetical phrase
    "На думку депутатів районної ради, бюджет потрібно змінити.",
    "У Луцьку, обласному центрі Волині, відбувся форум.",  # an apposition
    "Під час засідання комісії, головою якої є депутат, розглянули звернення.",
    "За участі голови ради, депутатів та старост відбулося засідання.",  # a list's next member
    "Незважаючи на складну ситуацію в громаді, роботи тривають.",
    "На засіданні, проведеному в режимі онлайн, розглянули звернення.",  # a participial phrase
    "Відповідно до статті 43 Закону, враховуючи висновки комісії, рада вирішила.",
    "Звернення, що надійшли до ради минулого тижня, були розглянуті.",
    "Звернення, що надійшли до ради, розглянули та підтримали.",
    "Документ, який буде розглянуто на сесії, підготував відділ.",
    "Питання, які можуть бути винесені на сесію, погодили.",
    "Розглянули питання освіти, культури та спорту.",
    "Підтримали і школи, і лікарні, і дитячі садки.",  # a repeated conjunction takes its commas
    "Прибули голова ради, Іван Петренко, та секретар.",  # an apposition closed by its comma
    "До міста, обласного центру, та навколишніх сіл.",
    "Розглянули питання освіти, культури, молоді, та інші.",
    "Засідання відбулося, та депутати розійшлися.",  # two clauses
    "Ухвалили рішення, які відповідно до регламенту оприлюднять на сайті.",
    "Ухвалили рішення, які, на жаль, не оприлюднили.",
    "Громади, на території яких працюють укриття, отримали кошти.",
    "Відбувся форум, участь у якому взяли голови громад.",  # the clause began before the noun
    "Люди допомагали хто чим може.",  # an idiom, not a clause
    "Місто наче вимерло.",  # «наче» is a particle here
    "Зі слів місцевих мешканців районного центру, дорогу відремонтували.",  # a parenthetical opening
    "Відбувся семінар на тему «Безпека громад».",
    "Мета семінару: «Безпека громад».",
    "Обговорюючи питання бюджету, детально зупинилися на освіті.",
    "Отримавши кошти громада відремонтувала школу.",  # where the phrase ends is not clear: no guess
    "Сьогодні, 22 листопада 2021 року, голова провів нараду.",
    "Сесія, яка була призначена на 17.09.2018 р. Депутати не прийшли.",
    "Говорили про участь таких організацій, як благодійних фондів.",  # a comparison
    "Відзначили роботу організації, як і раніше.",
    "Допомогу отримали як у місті, так і в селах.",
    "Він так і не прийшов.",
    "Коли то було?",
    "Говорили про значення організації, як важливого елементу, для громади.",
    "Сьогодні, 5 травня о 10:00, відбулася нарада.",
    "Засідання перенесли на 5 травня відбудеться воно в залі.",
])
def test_the_correct_sentence_is_not_flagged(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("text", "rule", "span", "fix"), FLAGGED)
def test_the_fix_leaves_no_finding(proofreader: Proofreader, text: str, rule: str, span: str, fix: str) -> None:
    finding = next(f for f in proofreader.check(text) if f.rule == rule)
    assert finding.kind == "punctuation"
    fixed = apply_fix(text, finding)
    assert [f for f in proofreader.check(fixed) if f.kind == "punctuation"] == []
    before = {(f.rule, text[f.start:f.end]) for f in proofreader.check(text) if f is not finding}
    assert {(f.rule, fixed[f.start:f.end]) for f in proofreader.check(fixed)} <= before


def test_the_kind_has_a_ukrainian_name_and_a_place() -> None:
    assert "punctuation" in KINDS
    assert KIND_LABELS["punctuation"] == "пунктуація"


def test_the_layer_is_wired_into_the_proofreader(proofreader: Proofreader) -> None:
    assert [f.kind for f in proofreader.check("Голова повідомив що ремонт завершено.")] == ["punctuation"]
