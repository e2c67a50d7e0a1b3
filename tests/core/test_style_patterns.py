"""The morphological style patterns and LanguageTool's barbarisms: each error flagged with its fix in the
matched form, the correct text left alone, the fix raising no new style finding."""

from __future__ import annotations

import pytest

from desktop.language.style import default_style_checker
from desktop.language.words import tokenize


def _found(text: str) -> list[tuple[str, tuple[str, ...]]]:
    tokens = tokenize(text)
    return [(text[f.start:f.end], f.suggestions)
            for f in default_style_checker().findings(text, tokens, [t[0].lower() for t in tokens])]


def _fixed(text: str) -> str:
    tokens = tokenize(text)
    for finding in sorted(default_style_checker().findings(text, tokens, [t[0].lower() for t in tokens]),
                          key=lambda f: -f.start):
        if finding.suggestions:
            text = text[:finding.start] + finding.suggestions[0] + text[finding.end:]
    return text


FLAGGED = [
    ("Головою райдержадміністрації дано доручення.", [("Головою райдержадміністрації дано", ("Голова райдержадміністрації дав",))]),
    ("Депутатами було підтримано п’ять програм.", [("Депутатами було підтримано", ("Депутати підтримали",))]),
    ("За результатами наради Світланою Івасюк надано доручення.", [("Світланою Івасюк надано", ("Світлана Івасюк надала",))]),
    ("На сесії були розглянуті такі питання.", [("були розглянуті", ("розглянули",))]),
    ("Питання, що є найбільш актуальними.", [("найбільш актуальними", ("найактуальнішими",))]),
    ("Допомога для найбільш незахищених верств.", [("найбільш незахищених", ("найменш захищених",))]),
    ("Самий кращий проєкт.", [("Самий кращий", ("Найкращий",))]),
    ("Серед найбільш цікавіших відповідей.", [("найбільш цікавіших", ("найцікавіших",))]),
    ("Підтримка військових і членів їх сімей.", [("їх", ("їхніх",))]),
    ("До їх повноважень належить нотаріат.", [("їх", ("їхніх",))]),
    ("Нараду провела начальниця управління Вахнюк Н.М. та куратор.", [("Вахнюк Н.М.", ("Н. М. Вахнюк",))]),
    ("Він часто переводить гроші додому.", [("переводить гроші", ("переказує гроші",))]),
    ("Дивимося пряме включення.", [("пряме включення", ("пряму трансляцію",))]),
    ("Під час прямого включення.", [("прямого включення", ("прямої трансляції",))]),
    ("Він рахував, що все буде гаразд.", [("рахував", ("вважав",))]),
    ("Значна доля теплового випромінювання.", [("Значна доля", ("Значна частка",))]),
    ("Курси по підготовці водіїв.", [("по підготовці", ("з підготовки",))]),
    ("Він поступив до військового училища.", [("поступив до", ("вступив до",))]),
    ("Очільник області вручив грамоти.", [("Очільник області", ("Голова облдержадміністрації",))]),
    ("Своє професійне свято святкують державні службовці.", [("свято святкують", ("свято відзначають",))]),
    ("Перевірить старт ремонтних робіт.", [("старт", ("початок",))]),
]

QUIET = [
    "Головою комісії обрано Петренка.",
    "Наради, які з головами облдержадміністрацій було проведено вчора.",
    "Н. М. Вахнюк виступила з доповіддю.",
    "Присутні: Карауш О.М., Ірха Ю.С., Давиденко О.В.",
    "Звіт про їх використання оприлюднять.",
    "Ми запросили їх керівників.",
    "той самий страшний сон",
    "Та сама Перша кінна армія",
    "Він поступив негарно.",
    "Я вибачаюсь і йду.",
    "Доля людини — це її життєвий шлях.",
    "Він уміє читати, рахувати, писати.",
    "Дай Боже вам здоров’я.",
    "До заходу долучилися понад 120 очільників громад.",
    "Роботами з відновлення пошкоджені будинки охоплено.",
]


@pytest.mark.parametrize(("text", "expected"), FLAGGED)
def test_flagged_with_the_fix_in_the_matched_form(text, expected) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text", QUIET)
def test_correct_text_is_left_alone(text) -> None:
    assert _found(text) == []


@pytest.mark.parametrize(("text", "expected"), FLAGGED)
def test_the_fix_raises_no_new_style_finding(text, expected) -> None:
    assert _found(_fixed(text)) == []


def test_every_finding_has_a_one_line_ukrainian_message() -> None:
    text = " ".join(text for text, _expected in FLAGGED)
    tokens = tokenize(text)
    for finding in default_style_checker().findings(text, tokens, [t[0].lower() for t in tokens]):
        assert finding.kind == "style" and finding.rule.startswith("style:")
        assert "\n" not in finding.message and any("а" <= ch <= "я" for ch in finding.message.lower())
