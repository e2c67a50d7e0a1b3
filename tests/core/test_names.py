"""Spelling false alarms: surnames after names, initials and titles; words pymorphy3 knows."""

from desktop.language.names import false_alarm, is_surname, known_word
from desktop.language.proofing import Proofreader


def test_a_capitalised_word_after_a_given_name_initials_or_title_is_a_surname():
    for text in ("Зустрівся з Іваном Квасюченком.", "Підписав І. П. Квасюченко.", "Виступив голова Квасюченко."):
        start = text.index("Квасюченк")
        assert is_surname(text, start)
    text = "Квасюченко прийшов. Далі Квасюченко."
    assert not is_surname(text, 0) and not is_surname(text, text.rindex("Квасюченко"))


def test_a_word_pymorphy_knows_is_not_a_misspelling():
    assert known_word("заступники")
    assert not known_word("заступникиів")
    assert not false_alarm("заступникиів", "заступникиів", 0)


def test_the_proofreader_does_not_flag_a_surname_after_a_title():
    spelling = [f for f in Proofreader().check("Виступив голова Квасюченко.") if f.kind == "spelling"]
    assert spelling == []
    misspelt = [f for f in Proofreader().check("Виступив голова квасюченко.") if f.kind == "spelling"]
    assert misspelt
