"""Typography of initials, abbreviations, times, dates, ordinals and dashes: each rule's fix, its look-alikes."""

from __future__ import annotations

import pytest

from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader, apply_fix
from desktop.language.typography import find_typography
from desktop.language.typography_notation import ordinal_ending


def found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, text[f.start:f.end], f.suggestions) for f in find_typography(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Доповів І.І.Бузак.", [("initials-spacing", "І.І.Бузак", ("І. І. Бузак",))]),
    ("Виступив В.І. Войтенко.", [("initials-spacing", "В.І.", ("В. І.",))]),
    ("Наказ підписав в.о. голови.", [("abbreviation-spacing", "в.о.", ("в. о.",))]),
    ("Доповідав т.в.о. начальника.", [("abbreviation-spacing", "т.в.о.", ("т. в. о.",))]),
    ("Це т.зв. реформа.", [("abbreviation-spacing", "т.зв.", ("т. зв.",))]),
    ("Початок о 17.00 у залі.", [("time-format", "17.00", ("17:00",))]),
    ("Збір о 09:00 біля ради.", [("time-format", "09:00", ("9:00",))]),
    ("27.04.2015 року голова провів нараду.", [("numeric-date", "27.04.2015", ("27 квітня 2015",))]),
    ("08.04.2015 голова провів нараду.", [("numeric-date", "08.04.2015", ("8 квітня 2015 року",))]),
    ("Указ від 5 серпня 2020 № 695 чинний.", [("date-year-word", "2020", ("2020 р.",))]),
    ("Чергова 31 сесія районної ради.", [("ordinal-ending", "31", ("31-ша",))]),
    ("Рішення чергової 25 сесії ради.", [("ordinal-ending", "25", ("25-ї",))]),
    ("Депутати ради 6 скликання.", [("ordinal-ending", "6", ("6-го",))]),
    ("128 засідання виконкому.", [("ordinal-ending", "128", ("128-ме",))]),
    ("Засідання 53 позачергової сесії.", [("ordinal-ending", "53", ("53-ї",))]),
    ("Виступили на 25 сесії ради.", [("ordinal-ending", "25", ("25-й",))]),
    ("Державні службовці – це люди.", [("en-dash-as-dash", "–", ("—",))]),
    ("Аналіз соціально – політичної ситуації.", [("compound-adjective-dash", " – ", ("-",))]),
    ("Триває військово – патріотичне виховання.", [("compound-adjective-dash", " – ", ("-",))]),
    ("Готуємося до осінньо - зимового періоду.", [("compound-adjective-dash", " - ", ("-",))]),
    ("Плани на 2023-2024 навчальний рік.", [("school-year", "2023-2024", ("2023/2024",))]),
    ("Підсумки 2014-2015 н. р. підбито.", [("school-year", "2014-2015", ("2014/2015",))]),
    ("Підсумки роботи у 1 півріччі.", [("roman-period", "1", ("І", "I"))]),
    ("План на 4 квартал.", [("roman-period", "4", ("IV",))]),
    ("Турбота про здоров*я дітей.", [("asterisk-apostrophe", "*", ("’",))]),
    ("Обговорили питання, зокрема: – забезпеченість киснем.", [("colon-dash", ": – ", (": ",))]),
])
def test_each_rule_flags_with_its_fix(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Доповів І. І. Бузак.",
    "Присутні: Слободян О.С., Кузнецова О.А.",  # initials after the surname, in a list: as documents write them
    "Наказ підписав в. о. голови.",
    "Сайт rada.gov.ua працює.",
    "Початок о 17:00 у залі.",
    "Ціна зросла на 17.50 гривні.",  # no preposition of time
    "Ціна до 12.50 грн за кілограм.",  # an amount
    "Розпорядження від 17.09.2018 р. № 30-р.",  # a document's date
    "20.07.2023\nСьогодні відбулася нарада.",  # a dateline
    "Указ від 5 серпня 2020 р. № 695.",
    "Зустріч 5 серпня 2020 року в залі.",
    "Відбулося 3 засідання комісії.",  # a count
    "Проведено 21 засідання.",
    "Відбулася 31 сесія.",  # may count them: no adjective says it is one
    "Проведено 25 позачергових сесій.",
    "На 31-й сесії ради.",
    "Від 5 – 7 років.",
    "Підсумки 2014/2015 н. р.; плани на наступний.",  # an abbreviation's stop before «;»
    "Роботи тривали 2 квартали.",  # a count
    "Аналіз соціально-політичної ситуації.",
    "Обговорили питання, зокрема:\n– забезпеченість киснем.",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert found(text) == []


def test_a_predicate_before_a_dash_is_no_compound_adjective() -> None:
    assert [rule for rule, _span, _fix in found("Це важливо – інвестиційні проєкти тривають.")] == ["en-dash-as-dash"]


@pytest.mark.parametrize(("number", "gender", "case", "ending"), [
    (1, "femn", "nomn", "ша"), (2, "femn", "nomn", "га"), (3, "femn", "nomn", "тя"), (7, "neut", "nomn", "ме"),
    (3, "neut", "nomn", "тє"), (40, "femn", "nomn", "ва"), (1000, "femn", "nomn", "на"), (11, "femn", "nomn", "та"),
    (5, "femn", "accs", "ту"), (5, "masc", "nomn", "й"), (6, "neut", "gent", "го"), (6, "femn", "ablt", "ю"),
])
def test_an_ordinal_takes_the_ending_of_its_word(number: int, gender: str, case: str, ending: str) -> None:
    assert ordinal_ending(number, gender, case) == ending


@pytest.mark.parametrize("text", [
    "Доповів І.І.Бузак, а в.о. голови підсумував о 17.00.",
    "27.04.2015 року відбулася чергова 31 сесія ради 6 скликання.",
    "Указ від 5 серпня 2020 № 695 про здоров*я у 2 кварталі.",
    "Державні службовці – це аналіз соціально – політичної ситуації, зокрема: – забезпеченість.",
])
def test_a_fix_never_produces_a_new_finding(text: str) -> None:
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    findings = [f for f in proofreader.check(text) if f.kind == "typography"]
    assert findings
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = apply_fix(text, finding)
    assert [f for f in proofreader.check(text) if f.kind == "typography"] == []
