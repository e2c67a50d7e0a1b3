"""The workflow's finer rules: self-approval, comments on return, voided approvals, the approval line."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop import settings
from desktop.errors import Conflict, WorkflowRefused
from desktop.releases import revisions
from desktop.storage import audit
from desktop.storage.engine import Database
from desktop.storage.models import AuditEntry, Comment, Revision, User, WorkflowEvent
from desktop.workflow import transitions
from tests.workflow_support import document, load, new_release, release_in_state


def _submit(database: Database, user: User, release_id: int) -> None:
    with database.session() as session:
        transitions.submit(session, user, release_id)


def test_a_supervisor_cannot_approve_a_release_they_wrote(sqlite_database: Database, staff: dict) -> None:
    release_id = new_release(sqlite_database, staff["boss_author"])
    _submit(sqlite_database, staff["boss_author"], release_id)
    with sqlite_database.session() as session, pytest.raises(WorkflowRefused, match="власний текст"):
        transitions.approve(session, staff["boss_author"], release_id)
    with sqlite_database.session() as session:
        release = revisions.get_release(session, release_id)
        assert "approve" not in transitions.allowed_actions(session, staff["boss_author"], release)
        assert "approve" in transitions.allowed_actions(session, staff["chief"], release)


def test_a_supervisor_who_edited_the_text_under_review_cannot_approve_it(
    sqlite_database: Database, staff: dict
) -> None:
    release_id = release_in_state(sqlite_database, staff, "in_review")
    with sqlite_database.session() as session:
        version = revisions.get_release(session, release_id).version
        revisions.save_text(
            session,
            staff["supervisor"],
            release_id,
            document("Правка керівника"),
            expected_version=version,
            kind="autosave",
        )
    with sqlite_database.session() as session, pytest.raises(WorkflowRefused, match="редагували"):
        transitions.approve(session, staff["supervisor"], release_id)
    # Another supervisor approves, and the autosaved text becomes a revision by its real writer.
    with sqlite_database.session() as session:
        release = transitions.approve(session, staff["chief"], release_id)
        approved = session.get(Revision, release.approved_revision_id)
        assert approved.author_id == staff["supervisor"].id
        assert approved.content_hash == release.content_hash == release.approved_hash


def test_self_approval_allowed_by_the_setting_is_recorded_and_shown(
    sqlite_database: Database, staff: dict
) -> None:
    with sqlite_database.session() as session:
        settings.set_value(session, staff["founder"], "workflow.allow_self_approval", "true")
    release_id = new_release(sqlite_database, staff["boss_author"])
    _submit(sqlite_database, staff["boss_author"], release_id)
    with sqlite_database.session() as session:
        release = transitions.approve(session, staff["boss_author"], release_id)
        assert release.self_approved
        info = transitions.approval_info(release, session)
        assert info is not None and info.self_approved
        assert "особою, яка готувала текст" in info.line
        event = session.execute(select(WorkflowEvent).where(WorkflowEvent.action == "approve")).scalar_one()
        assert "самостійне погодження" in event.comment
        row = session.execute(select(AuditEntry).where(AuditEntry.action == "approve")).scalar_one()
        assert "самостійне погодження" in row.detail
        assert row.content_hash == release.approved_hash


def test_the_approval_line_names_position_given_name_and_surname(
    sqlite_database: Database, staff: dict
) -> None:
    release_id = release_in_state(sqlite_database, staff, "approved")
    with sqlite_database.session() as session:
        info = transitions.approval_info(revisions.get_release(session, release_id), session)
    assert info is not None
    assert info.line.startswith("Погоджено: заступник начальника Коростенської РВА Сергій КИРИЧЕНКО,\u00a0")
    assert info.line[-10:].count(".") == 2  # dd.mm.yyyy
    assert not info.self_approved


def test_a_return_needs_a_comment_which_opens_a_thread(sqlite_database: Database, staff: dict) -> None:
    release_id = release_in_state(sqlite_database, staff, "in_review")
    with sqlite_database.session() as session, pytest.raises(WorkflowRefused, match="коментаря"):
        transitions.return_release(session, staff["chief"], release_id, "   ")
    with sqlite_database.session() as session:
        transitions.return_release(session, staff["chief"], release_id, "Додайте назву громади.")
        comment = session.execute(select(Comment).where(Comment.release_id == release_id)).scalar_one()
        assert comment.text == "Додайте назву громади."


def test_editing_an_approved_release_voids_the_approval_and_makes_a_revision(
    sqlite_database: Database, staff: dict
) -> None:
    release_id = release_in_state(sqlite_database, staff, "approved")
    before = load(sqlite_database, release_id)
    with sqlite_database.session() as session:
        count = len(revisions.revisions(session, release_id))
        # Even an autosave: an approved text never changes without a revision.
        release = revisions.save_text(
            session,
            staff["author"],
            release_id,
            document("Уточнений заголовок"),
            expected_version=before.version,
            kind="autosave",
        )
        assert release.status == "draft"
        assert (
            release.approved_revision_id is None
            and release.approved_hash == ""
            and release.approved_by is None
        )
        assert len(revisions.revisions(session, release_id)) == count + 1
        assert transitions.events(session, release_id)[-1].action == "approval_voided"
        with pytest.raises(WorkflowRefused):
            transitions.approved_document(session, release)


def test_editing_a_returned_release_puts_it_back_to_draft(sqlite_database: Database, staff: dict) -> None:
    release_id = release_in_state(sqlite_database, staff, "returned")
    with sqlite_database.session() as session:
        release = revisions.save_text(
            session,
            staff["author"],
            release_id,
            document("Виправлено"),
            expected_version=revisions.get_release(session, release_id).version,
            kind="autosave",
        )
        assert release.status == "draft"
        transitions.submit(session, staff["author"], release_id)


def test_submit_turns_an_autosaved_text_into_a_revision(sqlite_database: Database, staff: dict) -> None:
    release_id = new_release(sqlite_database, staff["author"])
    with sqlite_database.session() as session:
        release = revisions.save_text(
            session,
            staff["author"],
            release_id,
            document("Автозбережено"),
            expected_version=1,
            kind="autosave",
        )
        assert [r.kind for r in revisions.revisions(session, release_id)] == ["create"]
        transitions.submit(session, staff["author"], release_id)
        kinds = [r.kind for r in revisions.revisions(session, release_id)]
        assert kinds == ["create", "submit"]
        assert revisions.current_revision(session, release).content_hash == release.content_hash


def test_approving_a_text_changed_since_it_was_viewed_is_refused(
    sqlite_database: Database, staff: dict
) -> None:
    release_id = release_in_state(sqlite_database, staff, "in_review")
    seen_version = load(sqlite_database, release_id).version
    with sqlite_database.session() as session:
        revisions.save_text(
            session, staff["supervisor"], release_id, document("Змінено"), expected_version=seen_version
        )
    with sqlite_database.session() as session, pytest.raises(Conflict):
        transitions.approve(session, staff["chief"], release_id, expected_version=seen_version)


def test_restore_brings_back_the_state_before_archiving(sqlite_database: Database, staff: dict) -> None:
    release_id = release_in_state(sqlite_database, staff, "approved")
    with sqlite_database.session() as session:
        transitions.archive(session, staff["admin"], release_id)
        release = transitions.restore(session, staff["author"], release_id)
        assert release.status == "approved"
        document_, _participants, _facts, revision = transitions.approved_document(
            session, release, staff["exporter"]
        )
        assert revision.id == release.approved_revision_id
        assert document_.title == release.title


def test_every_move_is_audited_with_the_content_hash(sqlite_database: Database, staff: dict) -> None:
    release_id = release_in_state(sqlite_database, staff, "approved")
    with sqlite_database.session() as session:
        rows = (
            session.execute(
                select(AuditEntry).where(AuditEntry.release_id == release_id).order_by(AuditEntry.id)
            )
            .scalars()
            .all()
        )
        assert [row.action for row in rows] == ["release_created", "submit", "approve"]
        assert all(len(row.content_hash) == 64 for row in rows)
        assert audit.verify_chain(session).ok
