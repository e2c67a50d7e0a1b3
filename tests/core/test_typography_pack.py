"""The typography pack of issue 12: each rule's finding and fix, the look-alikes that stay quiet, fixes that stay fixed."""

from __future__ import annotations

import pytest

from desktop.language.proofing import DEFAULT_GLOSSARY, Proofreader, apply_fix, fix_all_typography
from desktop.language.typography import find_typography
from desktop.language.typography_pack import find_headline_stop, headline_of

NBSP = "\u00a0"


def found(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(f.rule, text[f.start:f.end], f.suggestions) for f in find_typography(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("Засідання 05 березня 2024 року.", [("date-leading-zero", "05", ("5",))]),
    ("У 2022-2023 роках громада зросла.", [("number-range-hyphen", "2022-2023", ("2022–2023",))]),
    ("Прийшли 10-15 осіб.", [("number-range-hyphen", "10-15", ("10–15",))]),
    ("- закупівля генераторів;\n- ремонт доріг.", [("list-hyphen", "-", ("—",)), ("list-hyphen", "-", ("—",))]),
    ("Наказ №5 від сьогодні.", [("number-sign-space", "№", ("№ ",))]),
    ("Зросло на 5 %.", [("percent-space", " %", ("%",))]),
    ("Це 5%населення.", [("percent-space", "%", ("% ",))]),
    ("Громада—це люди.", [("dash-spacing", "—", (" — ",))]),
    ("Громада —це люди.", [("dash-spacing", " —", (" — ",))]),
    ("Виділили 10 000 гривень.", [("thousands-space", "10 000", (f"10{NBSP}000",))]),
    ("Виділили 150000 гривень.", [("thousands-space", "150000", (f"150{NBSP}000",))]),
    ("Зокрема, у громаді відкрили укриття.", [("comma-after-particle", "Зокрема,", ("Зокрема",))]),
    ("Роботи тривають. Також, відремонтували дах.", [("comma-after-particle", "Також,", ("Також",))]),
])
def test_each_rule_flags_with_its_fix(text: str, expected: list) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", [
    "Засідання 5 березня 2024 року.",
    "Код 05 за класифікатором.",
    "У 2022–2023 роках.",
    "Згідно з ДСТУ 3008-2015 звіт оформлено.",  # a standard's number and year
    "Телефон 067-123-45-67.",
    "Час роботи о 10:00-12:00.",
    "Пункти 1.1-1.5 виконано.",
    "Будинок 12-А відремонтовано.",
    "Наказ № 5 від сьогодні.",
    "Зросло на 5%.",
    "Громада — це люди.",
    "Потяг Київ—Львів курсує щодня.",  # a route
    "Рік 2023 був важким.",
    "Виділили 10\u00a0000 гривень.",
    "Телефон 067 123 45 67.",
    "Код ЄДРПОУ 43210987 додано.",
    "Поштовий індекс 10014 м. Житомир.",
    "Зокрема, якщо буде потреба, відкриють пункт.",
    "Роботи тривають, зокрема у школах.",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert found(text) == []


def test_double_commas_opening_a_quote_are_a_quote_finding_not_a_comma_one() -> None:
    text = 'Він сказав ,,Мрія" і пішов.'
    assert found(text) == [("quotes", ",,", ("«",)), ("quotes", '"', ("»",))]
    assert found("Форум ,, Мрія") == [("quotes", ",, ", ("«",))]  # no «space before a comma», no «doubled comma»
    assert found("слово,,слово") == [("doubled-punctuation", ",,", (",",))]


def test_a_double_space_after_a_quote_is_still_flagged() -> None:
    assert found('Форум "Мрія"  відбувся') == [("quotes", '"', ("«",)), ("quotes", '"', ("»",)),
                                                ("double-space", "  ", (" ",))]


@pytest.mark.parametrize(("headline", "stop"), [
    ("Засідання ради.", True),
    ("Засідання ради", False),
    ("Що далі?", False),
    ("Підсумки року…", False),
    ("Відбулося у 2023 р.", False),
    ("Гість — Т. Г.", False),
])
def test_a_headline_ends_without_a_full_stop(headline: str, stop: bool) -> None:
    findings = find_headline_stop(headline)
    assert [(headline[f.start:f.end], f.suggestions) for f in findings] == ([(".", ("",))] if stop else [])


def test_the_first_line_of_a_whole_release_is_its_headline() -> None:
    assert headline_of("Засідання ради.\nСьогодні відбулося засідання.") == "Засідання ради."
    assert headline_of("Сьогодні відбулося засідання.") is None
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    release = "Засідання ради.\nСьогодні відбулося засідання."
    assert [(f.rule, f.start) for f in proofreader.check(release)] == [("headline-stop", 14)]
    assert proofreader.check("Сьогодні відбулося засідання.") == []
    assert [f.rule for f in proofreader.check_headline("Засідання ради.")] == ["headline-stop"]
    assert proofreader.check_paragraph("Засідання ради.") == []  # a body paragraph ends with its stop
    lead = "Начальник відділу освіти провів чергову апаратну нараду з відповідальними працівниками відділу " * 3
    assert find_headline_stop(lead.strip() + ".") == []  # a first line that long is a paragraph


FIXABLE = [
    "Засідання 05 березня 2024 року.",
    "У 2022-2023 роках прийшли 10-15 осіб.",
    "- закупівля генераторів;\n- ремонт доріг.",
    "Наказ №5 виконано на 5 %, а 5%населення задоволені.",
    'Він сказав ,,Мрія" і пішов. Форум ,, Мрія" триває.',
    "Громада—це люди, громада —це сила.",
    "Виділили 10 000 гривень і ще 150000 гривень.",
    "Зокрема, у громаді відкрили укриття. Також, відремонтували дах.",
    "Засідання ради.\nВиділили 150000 гривень 05 березня.",
]


@pytest.mark.parametrize("text", FIXABLE)
def test_a_fix_never_produces_a_new_finding(text: str) -> None:
    proofreader = Proofreader(extra_words=DEFAULT_GLOSSARY, spelling_suggestions=False)
    findings = proofreader.check(text)
    assert findings
    for finding in findings:  # one fix at a time: nothing new appears
        before = {(f.rule, f.suggestions) for f in findings if f is not finding}
        after = {(f.rule, f.suggestions) for f in proofreader.check(apply_fix(text, finding))}
        assert after <= before, (finding, after - before)
    fixed = fix_all_typography(text, findings)
    assert proofreader.check(fixed) == []
