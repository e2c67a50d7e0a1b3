"""The officials directory on SQLite and PostgreSQL: editing, case forms, corrections, participants."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.directory import officials as directory
from desktop.directory.groups import add_group, participant_from_group, set_group_form_override
from desktop.directory.resolver import resolve_participant
from desktop.errors import NotFound, PermissionDenied, UserError
from desktop.participants import Participant
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, Official, Release, User

CHIEF = {
    "surname": "Тарасюк", "given_name": "Юрій", "patronymic": "Петрович",
    "position": "начальник Коростенської районної військової адміністрації",
    "organization": "Коростенська районна військова адміністрація", "precedence": 1,
}
DEPUTY = {
    "surname": "Харченко", "given_name": "Олена",
    "position": "заступниця голови Коростенської районної ради",
    "organization": "Коростенська районна рада", "precedence": 3,
}


def _add(database: Database, actor: User, **values: object) -> int:
    with database.session() as session:
        return directory.add_official(session, actor, **values).id


def test_gender_is_detected_when_absent(database: Database, admin: User) -> None:
    chief, deputy = _add(database, admin, **CHIEF), _add(database, admin, **DEPUTY)
    with database.session() as session:
        assert directory.get_official(session, chief).gender == "masculine"
        assert directory.get_official(session, deputy).gender == "feminine"


def test_a_corrected_gender_regenerates_the_forms(database: Database, admin: User) -> None:
    official_id = _add(database, admin, surname="Ковальчук", given_name="Олена", gender="ч",
                       position="директор ліцею")
    with database.session() as session:
        assert directory.participant_from_official(session.get(Official, official_id)).forms["genitive"] \
            .endswith("Ковальчука")
        directory.update_official(session, admin, official_id, gender="ж")
    with database.session() as session:
        participant = directory.participant_from_official(session.get(Official, official_id))
    assert participant.gender == "feminine"
    assert participant.name_forms["genitive"] == "Олени Ковальчук"


def test_a_hand_corrected_form_wins_and_survives_regeneration(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        directory.set_form_override(session, admin, official_id, "locative", "Юрієві Тарасюку", part="name")
        official = session.get(Official, official_id)
        directory.generate_forms(official)
        directory.update_official(session, admin, official_id, phone="+380 44 000-00-00", gender="masculine")
    with database.session() as session:
        official = session.get(Official, official_id)
        directory.generate_forms(official)
        participant = directory.participant_from_official(official)
    assert participant.name_forms["locative"] == "Юрієві Тарасюку"
    assert participant.forms["locative"].endswith("Юрієві Тарасюку")
    assert participant.name_forms["genitive"] == "Юрія Тарасюка"


def test_a_whole_phrase_correction_wins_over_its_parts(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **DEPUTY)
    with database.session() as session:
        directory.set_form_override(session, admin, official_id, "dative", "пані Олені Харченко", part="phrase")
        participant = directory.participant_from_official(session.get(Official, official_id))
    assert participant.form("dative") == "пані Олені Харченко"


def test_an_empty_correction_restores_the_generated_form(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        directory.set_form_override(session, admin, official_id, "genitive", "Юрка Тарасюка")
        directory.set_form_override(session, admin, official_id, "genitive", "")
        participant = directory.participant_from_official(session.get(Official, official_id))
    assert participant.name_forms["genitive"] == "Юрія Тарасюка"


def test_a_new_position_drops_the_correction_of_the_old_one(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        directory.set_form_override(session, admin, official_id, "genitive", "начальника РВА", part="position")
        directory.set_form_override(session, admin, official_id, "genitive", "Юрія Тарасюка", part="name")
        directory.update_official(session, admin, official_id, position="голова Коростенської районної ради")
        official = session.get(Official, official_id)
        assert directory.official_overrides(official) == {"name": {"genitive": "Юрія Тарасюка"}}
        assert directory.participant_from_official(official).position_forms["genitive"] == \
            "голови Коростенської районної ради"


def test_an_author_may_add_but_not_edit(database: Database, author: User) -> None:
    official_id = _add(database, author, **DEPUTY)
    with database.session() as session, pytest.raises(PermissionDenied):
        directory.update_official(session, author, official_id, phone="1")
    with database.session() as session, pytest.raises(PermissionDenied):
        directory.deactivate_official(session, author, official_id)
    with database.session() as session, pytest.raises(PermissionDenied):
        directory.set_form_override(session, author, official_id, "genitive", "x")


def test_an_exporter_may_not_add(database: Database, exporter: User) -> None:
    with database.session() as session, pytest.raises(PermissionDenied):
        directory.add_official(session, exporter, **DEPUTY)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"surname": " "}, "прізвище"),
        ({"position": ""}, "посаду"),
        ({"email": "olena@"}, "електронної пошти"),
        ({"precedence": "перший"}, "цілим числом"),
        ({"gender": "x"}, "стать"),
    ],
)
def test_bad_fields_are_refused_in_ukrainian(database: Database, admin: User, changes: dict, message: str) -> None:
    with database.session() as session, pytest.raises(UserError, match=message):
        directory.add_official(session, admin, **{**DEPUTY, **changes})


def test_the_same_person_twice_is_refused(database: Database, admin: User) -> None:
    _add(database, admin, **DEPUTY)
    with database.session() as session, pytest.raises(UserError, match="уже є в довіднику"):
        directory.add_official(session, admin, **{**DEPUTY, "surname": "ХАРЧЕНКО", "position": "голова"})


def test_an_edit_into_another_official_is_refused(database: Database, admin: User) -> None:
    _add(database, admin, **DEPUTY)
    other = _add(database, admin, **{**DEPUTY, "given_name": "Ольга"})
    with database.session() as session, pytest.raises(UserError, match="уже є в довіднику"):
        directory.update_official(session, admin, other, given_name="олена")


def test_control_characters_never_reach_the_database(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **{**DEPUTY, "position": "заступниця\x00 голови\tради"})
    with database.session() as session:
        assert directory.get_official(session, official_id).position == "заступниця голови ради"


def test_every_change_is_audited(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        directory.update_official(session, admin, official_id, phone="+380 44 123-45-67")
        directory.deactivate_official(session, admin, official_id)
        actions = [e.action for e in session.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars()]
    assert actions[-3:] == ["official_added", "official_updated", "official_deactivated"]


def test_a_deactivated_official_leaves_the_search_but_not_the_directory(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        directory.deactivate_official(session, admin, official_id)
    with database.session() as session:
        assert directory.search_officials(session, "тарасюк") == []
        assert [o.id for o in directory.search_officials(session, "тарасюк", include_inactive=True)] == [official_id]
        assert directory.list_officials(session) == []


def test_an_unknown_official_is_not_found(database: Database) -> None:
    with database.session() as session, pytest.raises(NotFound, match="№999"):
        directory.get_official(session, 999)


def test_participants_resolve_by_id_name_and_group(database: Database, admin: User) -> None:
    chief = _add(database, admin, **CHIEF)
    _add(database, admin, **DEPUTY)
    with database.session() as session:
        add_group(session, admin, "голови територіальних громад Коростенського району")
        assert resolve_participant(session, chief).surname == "Тарасюк"
        for ref in ("Юрій Тарасюк", "Тарасюк Юрій", "Юрій Петрович Тарасюк", "тарасюк юрій петрович"):
            assert resolve_participant(session, ref).official_id == chief
        assert resolve_participant(session, "Олена Харченко").gender == "feminine"
        group = resolve_participant(session, "Голови територіальних громад Коростенського району")
        assert group.plural and group.form("instrumental").startswith("головами")
        ad_hoc = resolve_participant(session, {"text": "представники громадськості", "plural": True})
        assert ad_hoc.plural and ad_hoc.official_id is None


def test_an_unknown_or_ambiguous_participant_is_named(database: Database, admin: User) -> None:
    _add(database, admin, **DEPUTY)
    _add(database, admin, **{**DEPUTY, "organization": "Малинська міська рада", "patronymic": "Петрівна"})
    with database.session() as session:
        with pytest.raises(UserError, match="«Іван Петренко» немає"):
            resolve_participant(session, "Іван Петренко")
        with pytest.raises(UserError, match="«Олена Харченко» неоднозначний"):
            resolve_participant(session, "Олена Харченко")
        assert resolve_participant(session, "Олена Петрівна Харченко").patronymic == "Петрівна"


def test_a_group_keeps_its_correction(database: Database, admin: User) -> None:
    with database.session() as session:
        group = add_group(session, admin, "голови територіальних громад району")
        set_group_form_override(session, admin, group.id, "genitive", "голів громад району")
        participant = participant_from_group(group)
    assert participant.form("genitive") == "голів громад району"
    assert participant.form("dative") == "головам територіальних громад району"


def test_directory_words_hold_every_case_form(database: Database, admin: User) -> None:
    _add(database, admin, **CHIEF)
    _add(database, admin, **DEPUTY)
    with database.session() as session:
        add_group(session, admin, "голови територіальних громад району")
        words = directory.directory_words(session)
    assert {"Тарасюка", "Тарасюкові", "Юрієм", "Петровича", "Оленою", "Харченко", "заступниці",
            "начальником", "Коростенської", "головами", "громад"} <= words


def test_forms_left_empty_by_an_import_are_completed(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        session.get(Official, official_id).forms_json = "{}"
    with database.session() as session:
        assert directory.complete_forms(session) == 1
    with database.session() as session:
        assert "Тарасюка" in directory.directory_words(session)
        assert directory.complete_forms(session) == 0


def test_a_release_keeps_its_snapshot_after_directory_edits(database: Database, admin: User) -> None:
    official_id = _add(database, admin, **CHIEF)
    with database.session() as session:
        snapshot = [directory.participant_from_official(session.get(Official, official_id)).to_json()]
        release = Release(author_id=admin.id, title="Саміт", participants_json=json.dumps(snapshot, ensure_ascii=False))
        session.add(release)
        session.flush()
        release_id = release.id
    with database.session() as session:
        directory.update_official(session, admin, official_id, position="голова Коростенської районної ради")
        directory.set_form_override(session, admin, official_id, "genitive", "пана Юрія Тарасюка", part="name")
    with database.session() as session:
        stored = json.loads(session.get(Release, release_id).participants_json)
        now = directory.participant_from_official(session.get(Official, official_id))
    assert stored == snapshot
    kept = Participant.from_json(stored[0])
    assert kept.form("genitive") == "начальника Коростенської районної військової адміністрації Юрія Тарасюка"
    assert now.form("genitive") == "голови Коростенської районної ради пана Юрія Тарасюка"
