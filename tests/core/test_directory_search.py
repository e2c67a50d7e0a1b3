"""Directory search: any field, any word order, any case and apostrophe, typos tolerated."""

from __future__ import annotations

import pytest

from desktop.directory import officials as directory
from desktop.directory.search import DirectoryIndex, fold
from desktop.storage.engine import Database
from desktop.storage.models import User

PEOPLE = [
    ("Тарасюк", "Юрій", "начальник Коростенської районної військової адміністрації", "Коростенська РВА", 1),
    ("Кириченко", "Сергій", "заступник начальника Коростенської районної військової адміністрації",
     "Коростенська РВА", 2),
    ("Харченко", "Олена", "заступниця голови Коростенської районної ради", "Коростенська районна рада", 3),
    ("Лук'яненко", "Ірина", "директорка Малинського ліцею № 1", "Малинська міська рада", 40),
    ("Тарасенко", "Петро", "староста Ушомирського старостинського округу", "Ушомирська громада", 50),
    ("Бойко", "Марія", "головна лікарка інфекційної лікарні", "Олевська міська рада", 60),
]


@pytest.fixture
def people(database: Database, admin: User) -> dict[str, int]:
    """Six officials of the Korosten district; surname → id."""
    ids = {}
    with database.session() as session:
        for surname, given, position, organization, precedence in PEOPLE:
            official = directory.add_official(session, admin, surname=surname, given_name=given, position=position,
                                              organization=organization, precedence=precedence)
            ids[surname] = official.id
    return ids


def _surnames(database: Database, text: str, **options: object) -> list[str]:
    with database.session() as session:
        return [o.surname for o in directory.search_officials(session, text, **options)]


def test_fold_lowers_and_unifies_apostrophes() -> None:
    assert fold("ЛУК’ЯНЕНКО  Лукʼяненко «РВА»") == "лук'яненко лук'яненко рва"


def test_a_surname_prefix_finds_the_person(database: Database, people: dict[str, int]) -> None:
    assert _surnames(database, "харч") == ["Харченко"]


def test_a_prefix_shared_by_two_finds_both_in_precedence_order(database: Database, people: dict[str, int]) -> None:
    assert _surnames(database, "тарас") == ["Тарасюк", "Тарасенко"]


def test_given_name_position_and_organisation_words_are_searched(database: Database, people: dict[str, int]) -> None:
    assert _surnames(database, "Ірина") == ["Лук'яненко"]
    assert _surnames(database, "ліцею") == ["Лук'яненко"]
    assert _surnames(database, "олевська") == ["Бойко"]


def test_several_words_in_any_order_must_all_match(database: Database, people: dict[str, int]) -> None:
    assert _surnames(database, "заступник коростенської") == ["Кириченко", "Харченко"]
    assert _surnames(database, "ради заступниця") == ["Харченко"]
    assert _surnames(database, "олена тарас") == []


def test_search_ignores_letter_case(database: Database, people: dict[str, int]) -> None:
    assert _surnames(database, "ХАРЧЕНКО олена") == ["Харченко"]


@pytest.mark.parametrize("query", ["лук'ян", "Лук’яненко", "ЛУКʼЯН"])
def test_every_apostrophe_is_the_same(database: Database, people: dict[str, int], query: str) -> None:
    assert _surnames(database, query) == ["Лук'яненко"]


@pytest.mark.parametrize(("query", "expected"), [("Тарсюк", "Тарасюк"), ("харчнко олена", "Харченко"),
                                                  ("Кирииченко", "Кириченко"), ("бойко марiя", "Бойко")])
def test_a_typo_still_finds_the_person(database: Database, people: dict[str, int], query: str,
                                       expected: str) -> None:
    assert _surnames(database, query)[:1] == [expected]


def test_exact_matches_rank_above_typo_matches(database: Database, people: dict[str, int]) -> None:
    found = _surnames(database, "тарасенко")
    assert found[0] == "Тарасенко"


def test_a_surname_beginning_ranks_above_a_word_inside_the_position(database: Database, admin: User) -> None:
    with database.session() as session:
        directory.add_official(session, admin, surname="Головко", given_name="Іван", position="інженер",
                               precedence=900)
        directory.add_official(session, admin, surname="Мороз", given_name="Іван", position="голова ради",
                               precedence=1)
    assert _surnames(database, "голов") == ["Головко", "Мороз"]


def test_the_limit_is_respected(database: Database, people: dict[str, int]) -> None:
    assert len(_surnames(database, "о", limit=2)) == 2
    assert _surnames(database, "   ") == []


def test_an_official_added_in_another_session_is_found_at_once(database: Database, admin: User,
                                                               people: dict[str, int]) -> None:
    assert _surnames(database, "Шевчук") == []
    with database.session() as session:
        directory.add_official(session, admin, surname="Шевчук", given_name="Тарас", position="секретар ради")
    assert _surnames(database, "Шевчук") == ["Шевчук"]


def test_an_edited_position_is_found_by_its_new_words(database: Database, admin: User,
                                                      people: dict[str, int]) -> None:
    with database.session() as session:
        directory.update_official(session, admin, people["Бойко"], position="головна лікарка Овруцької лікарні")
    assert _surnames(database, "овруцької") == ["Бойко"]
    assert _surnames(database, "інфекційної") == []


def test_the_index_matches_words_by_substring_not_only_prefix() -> None:
    index = DirectoryIndex()
    assert index.search("будь-що") == []


def test_a_change_from_another_workstation_is_seen_at_the_next_search(database: Database, admin: User,
                                                                     people: dict[str, int]) -> None:
    from sqlalchemy import update

    from desktop.directory import search as directory_search
    from desktop.storage.models import Official, Setting

    assert _surnames(database, "бойко") == ["Бойко"]
    other = Database(database.url)  # a second workstation: its own engine, no ORM events here
    try:
        with other.session() as session:
            session.execute(update(Official).where(Official.id == people["Бойко"]).values(active=False))
            session.execute(update(Setting).where(Setting.key == directory_search.CHANGE_TOKEN_KEY)
                            .values(value="changed elsewhere"))
    finally:
        other.dispose()
    assert _surnames(database, "бойко") == []
