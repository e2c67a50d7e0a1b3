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


def _spelling(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(text[f.start:f.end], f.suggestions) for f in Proofreader().check(text) if f.kind == "spelling"]


def test_a_surname_after_a_given_name_with_another_reading_or_before_initials():
    # «Ігор» is also «ігор» of «гра»; a surname before initials («Сищик І. Н.»)
    assert _spelling("Взяв участь голова Ігор Ярмольський.") == []
    assert _spelling("Подяку отримали спеціалісти Лешкович І. Н. та інші.") == []
    assert _spelling("Далі Лешкович прийшов.")  # «Далі» is an adverb, not a given name


def test_a_place_after_a_settlement_word_ends_as_a_place_name():
    assert _spelling("відкриття амбулаторії у с. Чкалово Веселівського району") == []
    assert _spelling("у с. Чкаломбр")  # no place-name ending


def test_hyphenated_place_and_prefixed_words_are_accepted():
    assert _spelling("село Мало-Янисоль, овоч напівгіркий") == []
    assert _spelling("овоч напівгікий")  # the word after the prefix is mistyped


def test_impossible_spelling_and_near_miss_are_flagged_even_as_names():
    assert _spelling("за участю заступника Н. М. Осадчї")[0][0] == "Осадчї"
    found = _spelling("Виступив директор Дапартаменту освіти.")
    assert found and found[0][0] == "Дапартаменту" and "Департаменту" in found[0][1]


def test_russian_style_patronymic_is_corrected():
    text = "підкреслив Юрій Юрієвич"
    assert _spelling(text) == [("Юрієвич", ("Юрійович",))]
    assert _spelling("підкреслив Юрій Юрійович") == []
