"""The participants clause: case forms, the deputy shortcut, ordering and verb agreement."""

from __future__ import annotations

import json

import pytest

from desktop.errors import UserError
from desktop.participants import (
    Participant,
    list_resolver,
    make_group,
    make_participant,
    order_by_precedence,
    participants_clause,
    verb_agreement,
)

RVA = "Коростенської районної військової адміністрації"


@pytest.fixture(scope="module")
def chief() -> Participant:
    return make_participant(
        "Юрій", "Тарасюк", None, "masculine", f"начальник {RVA}", official_id=1, precedence=1
    )


@pytest.fixture(scope="module")
def deputy() -> Participant:
    return make_participant(
        "Сергій", "Кириченко", None, "masculine", f"заступник начальника {RVA}", official_id=2, precedence=2
    )


@pytest.fixture(scope="module")
def council_deputy() -> Participant:
    return make_participant(
        "Олена",
        "Харченко",
        None,
        None,
        "заступниця голови Коростенської районної ради",
        official_id=3,
        precedence=3,
    )


@pytest.fixture(scope="module")
def heads() -> Participant:
    return make_group("голови територіальних громад Коростенського району", precedence=10)


def test_reference_clause_in_the_nominative(chief, deputy, council_deputy, heads):
    assert participants_clause([chief, deputy, council_deputy, heads]) == (
        f"начальник {RVA} Юрій Тарасюк, його заступник Сергій Кириченко, "
        "заступниця голови Коростенської районної ради Олена Харченко, "
        "голови територіальних громад Коростенського району"
    )


def test_clause_in_the_genitive(chief, deputy, council_deputy, heads):
    assert participants_clause([chief, deputy, council_deputy, heads], "genitive") == (
        f"начальника {RVA} Юрія Тарасюка, його заступника Сергія Кириченка, "
        "заступниці голови Коростенської районної ради Олени Харченко, "
        "голів територіальних громад Коростенського району"
    )


def test_clause_in_the_instrumental_with_a_conjunction(chief, council_deputy):
    assert participants_clause([council_deputy, chief], "instrumental", conjunction="та") == (
        f"заступницею голови Коростенської районної ради Оленою Харченко та начальником {RVA} Юрієм Тарасюком"
    )


def test_single_participant_clause(council_deputy):
    assert participants_clause(council_deputy, "dative") == (
        "заступниці голови Коростенської районної ради Олені Харченко"
    )


def test_deputy_shortcut_only_right_after_the_chief(chief, deputy, council_deputy):
    clause = participants_clause([chief, council_deputy, deputy])
    assert f"заступник начальника {RVA} Сергій Кириченко" in clause
    assert "його" not in clause
    assert "його" not in participants_clause([chief, deputy], deputy_shortcut=False)


def test_deputy_of_a_woman_is_her_deputy():
    head = make_participant("Ольга", "Ковальчук", None, "feminine", "голова Коростенської районної ради")
    deputy = make_participant(
        "Петро", "Мельник", None, "masculine", "перший заступник голови Коростенської районної ради"
    )
    assert participants_clause([head, deputy], "genitive") == (
        "голови Коростенської районної ради Ольги Ковальчук, її першого заступника Петра Мельника"
    )


def test_hand_corrected_forms_win(chief):
    corrected = make_participant(
        "Сергій",
        "Кириченко",
        None,
        "masculine",
        f"заступник начальника {RVA}",
        overrides={"dative": f"заступнику начальника {RVA} Сергію Кириченку"},
    )
    assert corrected.form("dative") == f"заступнику начальника {RVA} Сергію Кириченку"
    assert participants_clause([chief, corrected], "dative").endswith(
        f"заступнику начальника {RVA} Сергію Кириченку"
    )
    assert corrected.form("genitive") == f"заступника начальника {RVA} Сергія Кириченка"


def test_name_and_position_overrides():
    person = make_participant(
        "Ігор", "Дід", None, "masculine", "радник", name_overrides={"genitive": "Ігоря Діда"}
    )
    assert person.form("genitive") == "радника Ігоря Діда"


def test_order_by_precedence(chief, deputy, council_deputy, heads):
    shuffled = [heads, council_deputy, chief, deputy]
    assert order_by_precedence(shuffled) == [chief, deputy, council_deputy, heads]
    assert participants_clause(shuffled, by_precedence=True).startswith(
        f"начальник {RVA} Юрій Тарасюк, його заступник"
    )


def test_participants_without_precedence_go_last_in_their_order(chief, heads):
    guest = make_participant("Анна", "Лісова", None, "feminine", "директорка ліцею")
    assert order_by_precedence([guest, heads, chief]) == [chief, heads, guest]


@pytest.mark.parametrize(
    ("who", "expected"),
    [("chief", "взяв"), ("council_deputy", "взяла"), ("heads", "взяли")],
)
def test_verb_agrees_with_one_participant(request, who, expected):
    assert verb_agreement([request.getfixturevalue(who)], "взяв", "взяла", "взяли") == expected


def test_verb_agrees_with_several_people(chief, council_deputy):
    assert verb_agreement([council_deputy, chief], "взяв", "взяла", "взяли") == "взяли"
    assert (
        verb_agreement(
            [council_deputy, make_participant("Ірина", "Мельник", None, "feminine", "депутатка")],
            "взяв",
            "взяла",
            "взяли",
        )
        == "взяли"
    )


def test_nearest_agreement_follows_the_first_participant(chief, council_deputy, heads):
    assert verb_agreement([chief, council_deputy, heads], "взяв", "взяла", "взяли", nearest=True) == "взяв"
    assert verb_agreement([council_deputy, chief], "взяв", "взяла", "взяли", nearest=True) == "взяла"
    assert verb_agreement([heads, chief], "взяв", "взяла", "взяли", nearest=True) == "взяли"


def test_an_organisation_as_one_participant_agrees_by_its_noun():
    administration = make_group("Коростенська районна військова адміністрація", plural=False)
    assert verb_agreement(administration, "оприлюднив", "оприлюднила", "оприлюднили") == "оприлюднила"
    assert administration.form("genitive") == "Коростенська районна військова адміністрація"


def test_snapshot_round_trips_through_json(chief, heads):
    for participant in (chief, heads):
        data = json.loads(json.dumps(participant.to_json(), ensure_ascii=False))
        assert Participant.from_json(data) == participant


def test_list_resolver_by_name_and_id(chief, deputy, council_deputy):
    resolve = list_resolver([chief, deputy, council_deputy])
    assert resolve("Олена Харченко") is council_deputy
    assert resolve("  юрій   тарасюк ") is chief
    assert resolve(2) is deputy
    with pytest.raises(UserError, match="Петро Петренко"):
        resolve("Петро Петренко")
