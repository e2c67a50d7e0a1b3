"""The word-level diff, and what a reviewer has not yet seen."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.workflow import textdiff, transitions
from tests.workflow_support import document, new_release


def _rebuild(pieces: list[textdiff.DiffPiece]) -> tuple[str, str]:
    old = "".join(p.text for p in pieces if p.op != "insert")
    new = "".join(p.text for p in pieces if p.op != "delete")
    return old, new


def test_a_changed_word_shows_as_one_deletion_and_one_insertion() -> None:
    pieces = textdiff.diff_words(
        "Сьогодні до Коростеня прибула допомога.", "Учора до Коростеня прибула допомога."
    )
    assert pieces == [
        ("delete", "Сьогодні"),
        ("insert", "Учора"),
        ("equal", " до Коростеня прибула допомога."),
    ]


def test_words_with_apostrophes_and_hyphens_stay_whole() -> None:
    pieces = textdiff.diff_words("об'єднаної громади", "об’єднаної громади")
    assert ("delete", "об'єднаної") in pieces and ("insert", "об’єднаної") in pieces
    assert textdiff.tokenize("військово-цивільна адміністрація") == [
        "військово-цивільна",
        " ",
        "адміністрація",
    ]


def test_a_replaced_phrase_reads_as_one_change() -> None:
    pieces = textdiff.diff_words("взяв участь голова громади", "взяли участь заступники голови громади")
    changed = [p for p in pieces if p.op != "equal"]
    assert all(p.text.strip() for p in changed)
    assert _rebuild(pieces) == ("взяв участь голова громади", "взяли участь заступники голови громади")


def test_counts_of_inserted_and_deleted_words() -> None:
    pieces = textdiff.diff_words("один два три", "один чотири п'ять три")
    assert textdiff.diff_counts(pieces) == (2, 1)


@given(st.text(max_size=80), st.text(max_size=80))
def test_any_two_texts_are_rebuilt_exactly_from_their_diff(old: str, new: str) -> None:
    assert _rebuild(textdiff.diff_words(old, new)) == (old, new)


def test_the_reviewer_sees_what_changed_since_the_revision_they_last_saw(sqlite_database: Database, staff: dict) -> None:
    release_id = new_release(sqlite_database, staff["author"], document("Нарада", "Перший текст ліду."))
    with sqlite_database.session() as session:
        transitions.submit(session, staff["author"], release_id)
        assert textdiff.last_seen_revision(session, staff["supervisor"], release_id) is None
        textdiff.mark_seen(session, staff["supervisor"], release_id)
        assert textdiff.last_seen_revision(session, staff["supervisor"], release_id) == 1
        transitions.return_release(session, staff["supervisor"], release_id, "Уточніть лід.")
        release = revisions.get_release(session, release_id)
        revisions.save_text(
            session,
            staff["author"],
            release_id,
            document("Нарада", "Виправлений текст ліду."),
            expected_version=release.version,
        )
        seen, pieces = textdiff.changes_since_seen(session, staff["supervisor"], release_id)
        assert seen == 1
        assert ("delete", "Перший") in pieces and ("insert", "Виправлений") in pieces
        assert textdiff.diff_revisions(session, release_id, 1, 2) == pieces
        # Never seen: the whole text is new.
        never = textdiff.diff_revisions(session, release_id, None, None)
        assert [p.op for p in never] == ["insert"]
        textdiff.mark_seen(session, staff["supervisor"], release_id, 2)
        assert textdiff.last_seen_revision(session, staff["supervisor"], release_id) == 2
