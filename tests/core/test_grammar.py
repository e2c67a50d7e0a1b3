"""The grammar layer: numeral and noun, preposition and case, agreement, verbs with several people."""

import pytest

from desktop.language.grammar import find_grammar
from desktop.language.proofing import Proofreader, apply_fix
from desktop.language.words import tokenize

WRONG = [
    ("Виділено 2,5 мільйонів гривень.", "мільйонів", "мільйона"),
    ("Призначено два заступника.", "заступника", "заступники"),
    ("Об’єдналися п’ять громади.", "громади", "громад"),
    ("Зареєструвалися 22 учасника.", "учасника", "учасники"),
    ("Розподіл по районам області.", "районам", "районах"),
    ("Діяти згідно наказу міністра.", "згідно наказу", "згідно з наказом"),
    ("Зведено у 2023 року.", "року", "році"),
    ("Вчора відбулася засідання комісії.", "відбулася", "відбулося"),
    ("Питання обговорили на черговому нараді.", "черговому", "черговій"),
    ("Участь взяв Іван Петренко та Олена Коваль.", "взяв", "взяли"),
]

RIGHT = [
    "Виділено 2,5 мільйона гривень, призначено два заступники, п’ять громад і 22 учасники.",
    "Розподіл по районах області згідно з наказом міністра, у 2023 році.",
    "Вчора відбулося засідання комісії на черговій нараді.",
    "Участь взяли Іван Петренко та Олена Коваль.",
    "Участь взяв Іван Петренко. Відповідно до статті 3 Закону, 2 березня 2023 року.",
    "Колектив вдячний колективу лікарні. Відбулися збори. Нова школа. Понад 22 учасників.",
]


def grammar(text):
    return find_grammar(text, tokenize(text))


@pytest.mark.parametrize(("text", "span", "fix"), WRONG)
def test_each_rule_flags_its_error_with_the_right_form(text, span, fix):
    found = grammar(text)
    assert [(text[f.start:f.end], f.suggestions[0]) for f in found] == [(span, fix)]
    assert found[0].kind == "grammar" and found[0].message


@pytest.mark.parametrize("text", RIGHT)
def test_correct_text_stays_quiet(text):
    assert grammar(text) == []


@pytest.mark.parametrize(("text", "span", "fix"), WRONG)
def test_applying_the_fix_leaves_no_grammar_finding(text, span, fix):
    fixed = apply_fix(text, grammar(text)[0])
    assert grammar(fixed) == []


def test_the_proofreader_reports_grammar():
    findings = Proofreader().check("Призначено два заступника.")
    assert [f.suggestions for f in findings if f.kind == "grammar"] == [("заступники",)]


def test_the_roles_told_without_features_are_the_features_roles():
    from desktop.bench.language import benchmark_text
    from desktop.language.grammar_roles import role_of, roles_of
    from desktop.language.grammar_words import keys_of

    words = sorted({token[0] for token in tokenize(benchmark_text())} | {
        "навчаю", "навчаючи", "навчено", "Навчилися", "вчив", "зосереджено", "сконцентруйте", "концентрувались",
        "дезінфікуючих", "виконуючий", "завідуюча", "порушено", "відбулася", "ґанок", "Ґудзик", "гігігіг", "abc"})
    assert roles_of(words, keys_of(words)) == [role_of(word) for word in words]
