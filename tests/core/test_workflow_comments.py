"""Comments: a thread per release, anchored passages, resolving, and who may do what."""

from __future__ import annotations

import pytest

from desktop.errors import NotFound, PermissionDenied, UserError
from desktop.releases import revisions
from desktop.storage.engine import Database
from desktop.workflow import comments
from tests.workflow_support import document, new_release, release_in_state


def test_a_thread_with_an_anchored_comment_a_reply_and_resolving(sqlite_database: Database, staff: dict) -> None:
    release_id = new_release(
        sqlite_database, staff["author"], document("Нарада", "У Коростені відбулася нарада.")
    )
    with sqlite_database.session() as session:
        plain = revisions.release_document(revisions.get_release(session, release_id)).plain_text()
        start = plain.index("Коростені")
        first = comments.add_comment(
            session, staff["supervisor"], release_id, "Уточніть місце.", anchor=(start, start + 9, "")
        )
        assert first.anchor_text == "Коростені"
        reply = comments.add_comment(session, staff["author"], release_id, "Уточнено.", parent_id=first.id)
        assert reply.parent_id == first.id
        comments.resolve_comment(session, staff["author"], first.id)
        assert [c.id for c in comments.list_comments(session, release_id, include_resolved=False)] == [
            reply.id
        ]
        assert len(comments.list_comments(session, release_id)) == 2


def test_an_anchor_follows_its_passage_into_a_newer_text(sqlite_database: Database, staff: dict) -> None:
    release_id = new_release(
        sqlite_database, staff["author"], document("Нарада", "Відбулася нарада в Малині.")
    )
    with sqlite_database.session() as session:
        plain = revisions.release_document(revisions.get_release(session, release_id)).plain_text()
        start = plain.index("Малині")
        comment = comments.add_comment(
            session, staff["supervisor"], release_id, "Так?", anchor=(start, start + 6, "")
        )
    newer = "Нарада\nУчора в районі відбулася нарада в Малині."
    position = comments.anchor_position(comment, newer)
    assert position is not None and newer[position[0] : position[1]] == "Малині"
    assert comments.anchor_position(comment, "Нарада\nВідбулася нарада.") is None


def test_comment_refusals(sqlite_database: Database, staff: dict) -> None:
    release_id = release_in_state(sqlite_database, staff, "draft")
    with sqlite_database.session() as session:
        with pytest.raises(UserError, match="порожній"):
            comments.add_comment(session, staff["author"], release_id, "  ")
        with pytest.raises(UserError, match="за межі"):
            comments.add_comment(session, staff["author"], release_id, "Тут", anchor=(5, 5000, ""))
        with pytest.raises(NotFound):
            comments.add_comment(session, staff["author"], release_id, "Відповідь", parent_id=999)
        # An exporter does not see drafts, so cannot comment on them.
        with pytest.raises(PermissionDenied):
            comments.add_comment(session, staff["exporter"], release_id, "Коли?")
        comment = comments.add_comment(session, staff["supervisor"], release_id, "Скоротіть заголовок.")
        with pytest.raises(PermissionDenied):
            comments.resolve_comment(session, staff["other_author"], comment.id)
