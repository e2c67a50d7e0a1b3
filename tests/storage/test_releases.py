"""Releases on SQLite and PostgreSQL: saving, conflicts kept as revisions, search, inboxes, change signals."""

from __future__ import annotations

import threading

import pytest

from desktop.errors import Conflict, NotFound
from desktop.releases import revisions as releases
from desktop.releases.rules import STATES
from desktop.storage.engine import Database
from desktop.workflow import transitions
from tests.workflow_support import document, load, make_staff, new_release, release_in_state


@pytest.fixture
def staff(database: Database) -> dict:
    return make_staff(database)


def test_create_makes_a_draft_with_its_first_revision(database: Database, staff: dict) -> None:
    release_id = new_release(database, staff["author"])
    with database.session() as session:
        release = releases.get_release(session, release_id)
        revisions = releases.revisions(session, release_id)
        assert release.status == "draft" and release.version == 1
        assert [(r.number, r.kind, r.author_id) for r in revisions] == [(1, "create", staff["author"].id)]
        assert release.current_revision_id == revisions[0].id
        assert releases.revision_document(revisions[0]).title == release.title
        assert release.search_text == releases.fold_for_search(
            releases.release_document(release).plain_text()
        )


def test_an_unknown_release_is_not_found_in_ukrainian(database: Database) -> None:
    with database.session() as session, pytest.raises(NotFound, match="не знайдено"):
        releases.get_release(session, 4242)


def test_autosave_changes_the_text_without_a_revision_and_save_makes_one(
    database: Database, staff: dict
) -> None:
    release_id = new_release(database, staff["author"])
    with database.session() as session:
        release = releases.save_text(
            session, staff["author"], release_id, document("Чернетка 2"), expected_version=1, kind="autosave"
        )
        assert release.version == 2 and release.title == "Чернетка 2"
        assert len(releases.revisions(session, release_id)) == 1
        release = releases.save_text(
            session, staff["author"], release_id, document("Чернетка 2"), expected_version=2
        )
        assert [r.kind for r in releases.revisions(session, release_id)] == ["create", "save"]
        # Saving the same words again makes nothing new.
        again = releases.save_text(
            session, staff["author"], release_id, document("Чернетка 2"), expected_version=3
        )
        assert again.version == release.version == 3
        assert len(releases.revisions(session, release_id)) == 2


def test_a_stale_save_is_kept_as_a_conflict_revision_and_nothing_is_overwritten(
    database: Database, staff: dict
) -> None:
    release_id = new_release(database, staff["author"])
    with database.session() as session:
        releases.save_text(
            session, staff["supervisor"], release_id, document("Текст керівника"), expected_version=1
        )
    with database.session() as session, pytest.raises(Conflict) as conflict:
        releases.save_text(session, staff["author"], release_id, document("Текст автора"), expected_version=1)
    assert "редакцію №3" in str(conflict.value)
    assert conflict.value.revision_number == 3  # type: ignore[attr-defined]
    release = load(database, release_id)
    assert release.title == "Текст керівника"
    with database.session() as session:
        kept = releases.revisions(session, release_id)[-1]
        assert (kept.kind, kept.author_id) == ("conflict", staff["author"].id)
        assert releases.revision_document(kept).title == "Текст автора"


def test_control_characters_and_nul_are_stored_safely(database: Database, staff: dict) -> None:
    release_id = new_release(
        database, staff["author"], document("Заголовок\x00 з NUL", "Дзвінок\x07 і\x00 табуляція\t.")
    )
    with database.session() as session:
        release = releases.save_text(
            session, staff["author"], release_id, document("Новий\x00", "Текст\x00\x1b."), expected_version=1
        )
        assert release.title == "Новий"
        assert releases.release_document(release).plain_text() == "Новий\nТекст\x1b."
        assert releases.list_releases(session, staff["author"], search="текст")


def test_search_finds_words_by_prefix_any_case_and_any_apostrophe(database: Database, staff: dict) -> None:
    first = new_release(
        database, staff["author"], document("Гуманітарна допомога", "Для об’єднаної громади Коростеня.")
    )
    new_release(database, staff["author"], document("Нарада", "Про ремонт доріг у Малині."))
    with database.session() as session:

        def found(query: str) -> list[int]:
            return [row.id for row in releases.list_releases(session, staff["author"], search=query)]

        assert found("гуманітар") == [first]
        assert found("ГУМАНІТАРНА допом") == [first]
        assert found("обʼєднаної") == [first]
        assert found("об'єднаної коростен") == [first]
        assert found("гуманітарна ремонт") == []
        assert len(found("   ")) == 2  # nothing to search for: the whole inbox


@pytest.mark.parametrize(
    "hostile", ['"', "AND", "OR NOT", "NEAR(", "*", "title:x", "a & b | !c", "':*", "\x00", "(((", "^"]
)
def test_user_input_never_breaks_the_search_query(database: Database, staff: dict, hostile: str) -> None:
    new_release(database, staff["author"])
    with database.session() as session:
        releases.list_releases(session, staff["author"], search=hostile)
        releases.count_releases(session, staff["author"], search=hostile)


def test_inboxes_and_their_counts(database: Database, staff: dict) -> None:
    ids = {state: release_in_state(database, staff, state) for state in STATES}
    new_release(database, staff["other_author"])
    with database.session() as session:
        author_counts = releases.inbox_counts(session, staff["author"])
        assert author_counts == {
            "my_drafts": 1,
            "returned": 1,
            "awaiting": 0,
            "approved": 1,
            "exported": 0,
            "all": 5,
            "archived": 1,
        }
        supervisor_counts = releases.inbox_counts(session, staff["supervisor"])
        assert supervisor_counts["awaiting"] == 1 and supervisor_counts["my_drafts"] == 0
        for inbox, count in supervisor_counts.items():
            rows = releases.list_releases(session, staff["supervisor"], inbox=inbox)
            assert len(rows) == count, inbox
        awaiting = releases.list_releases(session, staff["supervisor"], inbox="awaiting")
        assert [row.id for row in awaiting] == [ids["in_review"]]
        assert awaiting[0].author_name == "Олена Харченко"
        # An exporter alone sees only what is approved.
        assert {row.id for row in releases.list_releases(session, staff["exporter"])} == {ids["approved"]}
        assert releases.inbox_counts(session, staff["exporter"])["all"] == 1


def test_the_newest_change_comes_first(database: Database, staff: dict) -> None:
    older = new_release(database, staff["author"])
    newer = new_release(database, staff["author"])
    with database.session() as session:
        assert [r.id for r in releases.list_releases(session, staff["author"])] == [newer, older]
        releases.save_text(session, staff["author"], older, document("Оновлено"), expected_version=1)
    with database.session() as session:
        assert [r.id for r in releases.list_releases(session, staff["author"])] == [older, newer]


def test_the_change_marker_moves_with_every_change(database: Database, staff: dict) -> None:
    with database.session() as session:
        empty = releases.change_marker(session)
    release_id = new_release(database, staff["author"])
    with database.session() as session:
        created = releases.change_marker(session)
        transitions.submit(session, staff["author"], release_id)
    with database.session() as session:
        submitted = releases.change_marker(session)
    assert len({empty, created, submitted}) == 3


def test_other_workstations_hear_of_every_change(database: Database, staff: dict) -> None:
    if database.dialect != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; SQLite workstations poll change_marker")
    heard: list[int | None] = []
    arrived = threading.Event()

    def on_change(release_id: int | None) -> None:
        heard.append(release_id)
        arrived.set()

    listener = releases.listen_for_changes(database.url, on_change)
    try:
        assert listener.ready.wait(5)
        release_id = new_release(database, staff["author"])
        assert arrived.wait(5)
        assert release_id in heard
    finally:
        listener.stop()
