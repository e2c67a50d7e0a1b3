"""Compounds the dictionary cannot see: «онлайн нарадах», «осіннього-зимового», «напів гіркий», «будь якому»,
each flagged with its fix, the fix leaves no finding."""

from __future__ import annotations

import pytest

from desktop.language.proofing import Proofreader, apply_fix


@pytest.fixture(scope="module")
def proofreader() -> Proofreader:
    return Proofreader()


def spelling(proofreader: Proofreader, text: str) -> list:
    return [f for f in proofreader.check(text) if f.kind == "spelling"]


@pytest.mark.parametrize("text, fragment, fix", [
    ("Взяли участь у двох онлайн нарадах.", "онлайн нарадах", "онлайн-нарадах"),
    ("Засідання проведено в онлайн режимі.", "онлайн режимі", "онлайн-режимі"),
    ("Підготовка до осіннього-зимового періоду.", "осіннього-зимового", "осінньо-зимового"),
    ("Прийшли на літнього-осіннього ярмарку.", "літнього-осіннього", "літньо-осіннього"),
    ("У цього овоча напів гіркий присмак.", "напів гіркий", "напівгіркий"),
    ("Мульти-валютний рахунок.", "Мульти-валютний", "Мультивалютний"),
    ("Напів гіркий присмак.", "Напів гіркий", "Напівгіркий"),
    ("Прибув екс президент.", "екс президент", "експрезидент"),
    ("Прибув віце президент.", "віце президент", "віцепрезидент"),
    ("Розпад екс Югославії.", "екс Югославії", "екс-Югославії"),
    ("Багато-поверховий будинок.", "Багато-поверховий", "Багатоповерховий"),
    ("Звертайтеся в будь якому разі.", "будь якому", "будь-якому"),
    ("Ви все таки вирішили.", "все таки", "все-таки"),
    ("І в нас, і де будь.", "де будь", "де-будь"),
])
def test_compound_is_flagged_with_its_fix_and_the_fix_is_clean(proofreader, text: str, fragment: str, fix: str) -> None:
    found = [f for f in spelling(proofreader, text) if text[f.start:f.end] == fragment]
    assert len(found) == 1 and found[0].suggestions == (fix,)
    fixed = apply_fix(text, found[0])
    assert spelling(proofreader, fixed) == []


@pytest.mark.parametrize("text", [
    "Працювали онлайн і офлайн.",
    "Прапор біло-червоний, а звіт науково-технічний.",
    "Такий-сякий, великий-превеликий, білий-білий.",
    "Будь ласка, прийдіть. Будь що буде. Будь як є.",
    "Колись ви казали, що будь у вас друге життя...",
    "Багато-багато людей.",
])
def test_right_compounds_and_look_alikes_are_not_flagged(proofreader, text: str) -> None:
    assert spelling(proofreader, text) == []
